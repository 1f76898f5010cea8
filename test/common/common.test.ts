import { describe, expect, it } from 'vitest';
import { isExternalHost, isSecretName, parseEndpoints } from '../../adapters/common/endpoints.js';
import { classifyImage, imageRepository, isUnpinnedImage } from '../../adapters/common/images.js';
import { guessProtocol } from '../../adapters/common/protocols.js';

describe('parseEndpoints', () => {
  it('reads URLs without keeping credentials', () => {
    expect(parseEndpoints('postgres://app:s3cret@postgresql-store:5432/users')).toEqual([{ scheme: 'postgres', host: 'postgresql-store', port: 5432 }]);
    expect(JSON.stringify(parseEndpoints('https://user:pw@api.sendgrid.com/v3'))).not.toContain('pw');
  });
  it('reads host:port, broker lists, JDBC and libpq strings', () => {
    expect(parseEndpoints('cartservice:7070')).toEqual([{ host: 'cartservice', port: 7070 }]);
    expect(parseEndpoints('kafka-0:9092,kafka-1:9092')).toHaveLength(2);
    expect(parseEndpoints('jdbc:postgresql://db.internal:5432/x')).toEqual([{ scheme: 'postgresql', host: 'db.internal', port: 5432 }]);
    expect(parseEndpoints('host=db port=5433 dbname=x')).toEqual([{ host: 'db', port: 5433 }]);
    expect(parseEndpoints('just some words')).toEqual([]);
  });
  it('tells external hosts and secret names', () => {
    expect(isExternalHost('api.sendgrid.com')).toBe(true);
    expect(isExternalHost('cart.shop.svc.cluster.local')).toBe(false);
    expect(isExternalHost('cart')).toBe(false);
    expect(isSecretName('DB_PASSWORD')).toBe(true);
    expect(isSecretName('CART_ADDR')).toBe(false);
  });
});

describe('images and protocols', () => {
  it('classifies well-known images across registries and tags', () => {
    expect(imageRepository('docker.io/library/postgres:16-alpine')).toBe('postgres');
    expect(classifyImage('bitnami/postgresql:15')?.technology).toBe('database');
    expect(classifyImage('redis:alpine')?.port).toBe(6379);
    expect(classifyImage('gcr.io/google-samples/microservices-demo/frontend:v0.10.0')).toBeUndefined();
    expect(isUnpinnedImage('nginx')).toBe(true);
    expect(isUnpinnedImage('nginx:latest')).toBe(true);
    expect(isUnpinnedImage('localhost:5000/app:1.2')).toBe(false);
  });
  it('guesses protocols from scheme, technology and port', () => {
    expect(guessProtocol({ scheme: 'https' }).protocol).toBe('https');
    expect(guessProtocol({ port: 5432 }).protocol).toBe('sql-access-protocol');
    expect(guessProtocol({ port: 8080, technology: 'database' }).protocol).toBe('sql-access-protocol');
    expect(guessProtocol({}).protocol).toBe('unknown-protocol');
  });
});

describe('isAddressVarName', () => {
  it('decides by the last word of the name', async () => {
    const { isAddressVarName } = await import('../../adapters/common/endpoints.js');
    const yes = ['DB_HOST', 'REDIS_ADDR', 'TEMPORAL_ADDRESS', 'SMTP_SERVER', 'SEARCH_ENDPOINT', 'API_URL', 'MONGO_URI', 'CART_SERVICE', 'KAFKA_BROKERS', 'SENTRY_DSN', 'dbHost', 'redis.url', 'DATABASE_URL', 'DSN'];
    const no = ['MYSQL_DATABASE', 'MYSQL_USER', 'APP_NAME', 'OTEL_SERVICE_NAME', 'DB_HOST_PORT', 'HOST', 'HOSTNAME', 'SERVICE', 'TITLE', ''];
    expect(yes.filter((n) => !isAddressVarName(n))).toEqual([]);
    expect(no.filter((n) => isAddressVarName(n))).toEqual([]);
  });
});
