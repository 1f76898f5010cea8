import { describe, expect, it } from 'vitest';
import { parseEndpoints } from '../../adapters/common/endpoints.js';
import { classifyImage } from '../../adapters/common/images.js';

// The image table is looked up by name (not a regex per row) and parseEndpoints skips values with
// neither `:` nor `=`: these pin the behaviour those shortcuts must keep.
describe('classifyImage lookup', () => {
  it('matches the whole repository path or its trailing segments, never a part of a segment', () => {
    expect(classifyImage('docker.io/envoyproxy/envoy:v1.30')?.product).toBe('proxy');
    expect(classifyImage('gcr.io/datadog/agent:7')?.product).toBe('monitoring');
    expect(classifyImage('registry.k8s.io/ingress-nginx/controller:v1.10')?.product).toBe('ingress controller');
    expect(classifyImage('quay.io/acme/my-postgres:1')).toBeUndefined();
    expect(classifyImage('acme/postgres-exporter')).toBeUndefined();
    expect(classifyImage('')).toBeUndefined();
  });
  it('lets the earliest row win when several segments match', () => {
    // `nginx` (web server) is a later row than `controller` (ingress controller).
    expect(classifyImage('nginx/controller')?.product).toBe('ingress controller');
    // Only trailing segments count: `postgres/redis` is Redis, `redis/postgres` is PostgreSQL.
    expect(classifyImage('postgres/redis')?.product).toBe('Redis');
    expect(classifyImage('redis/postgres')?.product).toBe('PostgreSQL');
  });
});

describe('parseEndpoints shortcut', () => {
  it('still reads every form that has a colon or an equals sign', () => {
    expect(parseEndpoints('cart:7070')).toEqual([{ host: 'cart', port: 7070 }]);
    expect(parseEndpoints('Server=db;Port=1433')).toEqual([{ host: 'db' }]);
    expect(parseEndpoints('http://cart')).toEqual([{ scheme: 'http', host: 'cart' }]);
    expect(parseEndpoints('cart')).toEqual([]);
    expect(parseEndpoints('a b c')).toEqual([]);
  });
});
