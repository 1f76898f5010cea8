import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/pipeline.js';
import { scanDir } from '../helpers/scan.js';
import { boundaryOf, component, expectEvidenceEverywhere, flow, flowPairs } from './helpers.js';

const FILE = 'docker-compose.yml';

describe('fixtures/reverse-proxy-stack: a compose v3 shop behind Traefik', () => {
  let scan: ScanResult;
  beforeAll(async () => {
    scan = await scanDir('reverse-proxy-stack/compose');
  });

  it('has one component per service, typed from well-known images', () => {
    const { graph } = scan;
    const kinds = Object.fromEntries(graph.components.map((c) => [c.id, `${c.type}/${c.technology}`]));
    expect(kinds).toEqual({
      'admin-legacy-example-com': 'external-entity/web-service-rest',
      api: 'process/web-service-rest',
      'api-stripe-com': 'external-entity/web-service-rest',
      cache: 'datastore/database',
      db: 'datastore/database',
      internet: 'external-entity/client-system',
      queue: 'datastore/message-queue',
      traefik: 'process/reverse-proxy',
      web: 'process/web-service-rest',
      worker: 'process/web-service-rest',
    });
    expect(component(graph, 'api').multiplicity).toBe(3);
  });

  it('exposes only the proxy; expose-only apps and the loopback-bound admin ports stay internal', () => {
    const { graph } = scan;
    expect(graph.components.filter((c) => c.internet && c.type !== 'external-entity').map((c) => c.id)).toEqual(['traefik']);
    const inbound = flow(graph, 'internet', 'traefik');
    expect(inbound).toMatchObject({ protocol: 'http', port: 80, confidence: 'declared' });
    expect(inbound.evidence.map((e) => e.location.line)).toEqual([16, 17]);
    expect(component(graph, 'traefik').attributes).toMatchObject({ publishedPorts: ['80:80', '443:443'], loopbackPorts: ['127.0.0.1:8080:8080'] });
    expect(component(graph, 'queue').attributes).toMatchObject({ loopbackPorts: ['127.0.0.1:15672:15672'], exposedPorts: ['5672/tcp'] });
    expect(component(graph, 'queue').internet).toBe(false);
  });

  it('follows Traefik labels, env URLs, depends_on and the mounted file-provider config', () => {
    const { graph } = scan;
    expect(flowPairs(graph)).toEqual([
      'api -> api-stripe-com',
      'api -> cache',
      'api -> db',
      'api -> queue',
      'internet -> traefik',
      'traefik -> admin-legacy-example-com',
      'traefik -> api',
      'traefik -> web',
      'web -> api',
      'worker -> db',
      'worker -> queue',
    ]);
    const toWeb = flow(graph, 'traefik', 'web');
    expect(toWeb).toMatchObject({ protocol: 'http', port: 3000, confidence: 'configured' });
    expect(toWeb.evidence[0]).toMatchObject({ kind: 'compose-traefik-label', location: { file: FILE, line: 36 } });
    expect(flow(graph, 'traefik', 'api').evidence[0]!.location.line).toBe(53);
    expect(flow(graph, 'traefik', 'admin-legacy-example-com')).toMatchObject({ port: 8080, protocol: 'http' });
    expect(flow(graph, 'traefik', 'admin-legacy-example-com').evidence[0]!.location).toEqual({ file: 'traefik/dynamic.yml', line: 7 });
    expect(flow(graph, 'api', 'queue')).toMatchObject({ protocol: 'binary', port: 5672 });
    expect(flow(graph, 'api', 'db').evidence[0]!.location.line).toBe(47);
    const workerQueue = flow(graph, 'worker', 'queue');
    expect(workerQueue.evidence.map((e) => `${e.kind}@${e.location.line}`)).toEqual(['compose-env-endpoint@65', 'compose-depends-on@71']);
    expect(flow(graph, 'worker', 'db').evidence.map((e) => e.location.line)).toEqual([66, 72]);
  });

  it('records docker.sock mounts and root users with evidence', () => {
    const { graph } = scan;
    const worker = component(graph, 'worker');
    expect(worker.attributes).toMatchObject({ dockerSocket: true, runAsRoot: true, user: 'root', bindMounts: ['/var/run/docker.sock:/var/run/docker.sock'] });
    expect(worker.evidence.map((e) => `${e.kind}@${e.location.line}`)).toEqual(['compose-service@61', 'compose-user-root@63', 'compose-docker-socket@69']);
    const traefik = component(graph, 'traefik');
    expect(traefik.attributes.dockerSocket).toBe(true);
    expect(traefik.evidence.find((e) => e.kind === 'compose-docker-socket')!.detail).toContain('read-only');
  });

  it('has the proxy network and the internal backend network as boundaries', () => {
    const { graph } = scan;
    expect(graph.boundaries.map((b) => [b.id, b.members])).toEqual([
      ['backend', ['cache', 'db', 'queue', 'worker']],
      ['proxy', ['api', 'traefik', 'web']],
    ]);
    expect(graph.boundaries[0]!.attributes).toMatchObject({ internal: true });
    expect(component(graph, 'api').attributes.networks).toEqual(['backend', 'proxy']);
    expect(boundaryOf(graph, 'api')).toBe('proxy');
  });

  it('keeps datastore volumes as data assets and maps everything', () => {
    const { graph } = scan;
    expect(graph.dataAssets.map((d) => [d.id, d.kind, d.storedBy])).toEqual([
      ['db-data', 'database', ['db']],
      ['queue-data', 'queue', ['queue']],
    ]);
    expect(graph.coverage.unmapped).toEqual([]);
    expect(graph.coverage.unresolved).toEqual([]);
    expectEvidenceEverywhere(graph);
  });
});
