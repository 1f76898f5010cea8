/**
 * docker/awesome-compose (../shared/corpus/iac/docker__awesome-compose): ten independent compose
 * projects. Each expectation below restates what the corpus SOURCE.txt says about the example;
 * where infragile deliberately differs, the test says so and why.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanGraph, type ScanResult } from '../../src/pipeline.js';
import { graphFormats } from '../../src/report/graph-formats.js';
import { graphSummary } from '../../src/report/summary.js';
import { PROJECT_ROOT } from '../helpers/scan.js';

const CORPUS = resolve(PROJECT_ROOT, '../shared/corpus/iac/docker__awesome-compose');

/** Scan one example on its own, so ids are the plain service names. */
async function example(dir: string): Promise<ScanResult> {
  return scanGraph({ rootDir: resolve(CORPUS, dir), paths: [''] });
}

function pairs(r: ScanResult): string[] {
  return r.graph.flows.map((f) => `${f.source} -> ${f.target}${f.port !== undefined ? `:${f.port}` : ''}`);
}
function exposed(r: ScanResult): string[] {
  return r.graph.components.filter((c) => c.internet && c.type !== 'external-entity').map((c) => c.id);
}
function services(r: ScanResult): string[] {
  return r.graph.components.filter((c) => c.sources.some((s) => s.address.startsWith('compose:'))).map((c) => c.id);
}

describe.skipIf(!existsSync(CORPUS))('corpus: docker/awesome-compose', () => {
  it('the whole corpus scans without a crash or an error, every resource mapped or folded', async () => {
    const r = await scanGraph({ rootDir: CORPUS, paths: [''] });
    expect(r.graph.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.graph.coverage.files.byAdapter.compose).toBe(10);
    expect(r.graph.coverage.unmapped).toEqual([]);
    for (const f of ['json', 'dot', 'mermaid'] as const) expect((await graphFormats[f]!(r.graph)).length).toBeGreaterThan(100);
    expect(graphSummary(r.graph)).toContain('Architecture:');
    // Ten projects share names like db/backend/proxy: ids are project-scoped there.
    expect(r.graph.components.map((c) => c.id)).toEqual(expect.arrayContaining(['nginx-flask-mysql-db', 'wordpress-mysql-db', 'wordpress']));
  });

  it('1. nginx-flask-mysql', async () => {
    const r = await example('nginx-flask-mysql');
    expect(services(r)).toEqual(['backend', 'db', 'proxy']);
    expect(exposed(r)).toEqual(['backend', 'proxy']); // backend's 8000:8000 is host-published too
    expect(pairs(r)).toEqual(['backend -> db:3306', 'internet -> backend:8000', 'internet -> proxy:80', 'proxy -> backend:8000']);
    // proxy -> backend is seen both in depends_on and in proxy/conf (proxy_pass), read from the build context.
    expect(r.graph.flows.find((f) => f.id === 'proxy>backend')!.evidence.map((e) => e.kind).sort()).toEqual(['compose-config-file', 'compose-depends-on']);
    expect(r.graph.components.find((c) => c.id === 'proxy')!.technology).toBe('reverse-proxy');
    // Threagile allows one boundary per asset: backend (on backnet and frontnet) sits in backnet, its first network.
    expect(r.graph.boundaries.map((b) => [b.id, b.members])).toEqual([
      ['backnet', ['backend', 'db']],
      ['frontnet', ['proxy']],
    ]);
    expect(r.graph.dataAssets.map((d) => [d.id, d.kind])).toEqual([
      ['db-data', 'database'],
      ['db-password', 'secret'],
    ]);
  });

  it('2. react-express-mongodb', async () => {
    const r = await example('react-express-mongodb');
    expect(exposed(r)).toEqual(['frontend']);
    // frontend -> backend and backend -> mongo come from depends_on (the URLs live in app code).
    expect(pairs(r)).toEqual(['backend -> mongo:27017', 'frontend -> backend:3000', 'internet -> frontend:3000']);
    expect(r.graph.dataAssets.map((d) => d.id)).toEqual(['mongo-data']);
  });

  it('3. traefik-golang', async () => {
    const r = await example('traefik-golang');
    expect(exposed(r)).toEqual(['frontend']);
    expect(pairs(r)).toEqual(['frontend -> backend:80', 'internet -> frontend:80']);
    const traefik = r.graph.components.find((c) => c.id === 'frontend')!;
    expect(traefik).toMatchObject({ technology: 'reverse-proxy' });
    expect(traefik.attributes.dockerSocket).toBe(true);
    expect(r.graph.flows.find((f) => f.id === 'frontend>backend')!.evidence.map((e) => e.kind).sort()).toEqual(['compose-depends-on', 'compose-traefik-label']);
  });

  it('4. wordpress-mysql', async () => {
    const r = await example('wordpress-mysql');
    expect(exposed(r)).toEqual(['wordpress']);
    expect(pairs(r)).toEqual(['internet -> wordpress:80', 'wordpress -> db:3306']);
    expect(r.graph.components.find((c) => c.id === 'db')!.attributes.plaintextSecretEnv).toEqual(['MYSQL_PASSWORD', 'MYSQL_ROOT_PASSWORD']);
    expect(r.graph.components.find((c) => c.id === 'wordpress')!.attributes).toMatchObject({ plaintextSecretEnv: ['WORDPRESS_DB_PASSWORD'], imageUnpinned: true });
    expect(r.graph.boundaries.map((b) => b.id)).toEqual(['wordpress-mysql-default']);
  });

  it('5. elasticsearch-logstash-kibana', async () => {
    const r = await example('elasticsearch-logstash-kibana');
    expect(exposed(r)).toEqual(['elasticsearch', 'kibana', 'logstash']);
    expect(pairs(r)).toEqual(['internet -> elasticsearch:9200', 'internet -> kibana:5601', 'internet -> logstash:5000', 'kibana -> elasticsearch:9200', 'logstash -> elasticsearch:9200']);
    // logstash's pipeline output `http://es:9200` resolves through container_name es.
    expect(r.graph.flows.find((f) => f.id === 'logstash>elasticsearch')!.evidence.map((e) => e.location.file)).toContain('logstash/pipeline/logstash-nginx.config');
    expect(r.graph.boundaries.map((b) => [b.id, b.members])).toEqual([['elastic', ['elasticsearch', 'kibana', 'logstash']]]);
  });

  it('6. nextcloud-redis-mariadb', async () => {
    const r = await example('nextcloud-redis-mariadb');
    expect(exposed(r)).toEqual(['nc']);
    expect(pairs(r)).toEqual(['internet -> nc:80', 'nc -> db:3306', 'nc -> redis:6379']);
    expect(r.graph.flows.some((f) => f.source === 'redis' || (f.source === 'db' && f.target === 'redis'))).toBe(false);
    expect(r.graph.boundaries.map((b) => [b.id, b.members])).toEqual([
      ['dbnet', ['db']],
      ['redisnet', ['nc', 'redis']],
    ]);
  });

  it('7. wasmedge-kafka-mysql', async () => {
    const r = await example('wasmedge-kafka-mysql');
    expect(exposed(r)).toEqual(['redpanda']);
    expect(pairs(r)).toEqual(['etl -> db:3306', 'etl -> redpanda:9092', 'internet -> redpanda:8081']);
    expect(r.graph.components.find((c) => c.id === 'etl')!.attributes.runtime).toBe('io.containerd.wasmedge.v1');
    // The password in DATABASE_URL never reaches the graph.
    expect(JSON.stringify(r.graph)).not.toContain('whalehello');
  });

  it('8. pihole-cloudflared-DoH', async () => {
    const r = await example('pihole-cloudflared-DoH');
    expect(exposed(r)).toEqual(['cloudflared', 'pihole']);
    // pihole -> cloudflared by static IP 172.20.0.2#5054; 1.1.1.1 is the fallback upstream.
    expect(pairs(r)).toEqual(['internet -> cloudflared:5054', 'internet -> pihole:53', 'pihole -> 1-1-1-1', 'pihole -> cloudflared:5054']);
    expect(r.graph.components.find((c) => c.id === 'pihole')!.attributes).toMatchObject({ capAdd: ['NET_ADMIN'], plaintextSecretEnv: ['WEBPASSWORD'] });
    expect(JSON.stringify(r.graph)).not.toContain('changeit');
    expect(r.graph.boundaries[0]!.attributes).toMatchObject({ subnets: ['172.20.0.0/24'] });
  });

  it('9. prometheus-grafana', async () => {
    const r = await example('prometheus-grafana');
    expect(exposed(r)).toEqual(['grafana', 'prometheus']);
    // grafana -> prometheus from the mounted datasource.yml; prometheus scrapes only localhost.
    expect(pairs(r)).toEqual(['grafana -> prometheus:9090', 'internet -> grafana:3000', 'internet -> prometheus:9090']);
    expect(r.graph.flows.find((f) => f.id === 'grafana>prometheus')!.evidence[0]!.location).toEqual({ file: 'grafana/datasource.yml', line: 6 });
    expect(r.graph.components.find((c) => c.id === 'grafana')!.attributes.plaintextSecretEnv).toEqual(['GF_SECURITY_ADMIN_PASSWORD']);
  });

  it('10. nginx-golang-postgres', async () => {
    const r = await example('nginx-golang-postgres');
    expect(exposed(r)).toEqual(['proxy']);
    expect(pairs(r)).toEqual(['backend -> db:5432', 'internet -> proxy:80', 'proxy -> backend:8000']);
    expect(r.graph.flows.find((f) => f.id === 'proxy>backend')!.evidence.map((e) => e.location.file)).toContain('proxy/nginx.conf');
    expect(r.graph.components.find((c) => c.id === 'db')!.attributes).toMatchObject({ user: 'postgres', runAsRoot: false });
    expect(r.graph.components.find((c) => c.id === 'proxy')!.technology).toBe('reverse-proxy');
  });
});
