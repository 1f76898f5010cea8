import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { NodeFileSystem, type DirEntry } from '../../src/fs/vfs.js';
import { scanGraph } from '../../src/pipeline.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'infragile-compose-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const scan = (root: string) => scanGraph({ rootDir: root, paths: [''] });
const diag = (g: Awaited<ReturnType<typeof scan>>['graph']) => g.diagnostics.map(formatDiagnostic);

describe('compose: bad input gives one file:line diagnostic and the scan goes on', () => {
  it('invalid YAML in one project, the other project is still read', async () => {
    const root = tree({
      'broken/compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: [80:80\n',
      'good/compose.yaml': 'services:\n  app:\n    image: nginx\n    ports: ["80:80"]\n',
    });
    const { graph } = await scan(root);
    expect(diag(graph)).toHaveLength(1);
    expect(diag(graph)[0]).toMatch(/^broken\/compose\.yaml:\d+: invalid YAML/);
    expect(graph.components.map((c) => c.id)).toEqual(['app', 'internet']);
  });

  it('wrong shapes: services as a list, a scalar service, a bad port, an unknown extends', async () => {
    const root = tree({
      'a/compose.yaml': 'services:\n  - web\n',
      'b/docker-compose.yml': [
        'services:',
        '  odd: just-a-string',
        '  web:',
        '    image: nginx',
        '    ports:',
        '      - "http"',
        '      - "8080:80"',
        '  child:',
        '    extends: ghost',
        '    image: busybox',
        '',
      ].join('\n'),
    });
    const { graph } = await scan(root);
    expect(diag(graph)).toEqual([
      'a/compose.yaml:1: `services` must be a mapping of service names to definitions',
      'b/docker-compose.yml:2: service odd must be a mapping; skipped',
      'b/docker-compose.yml:6: warning: service web: port "http" is not a valid port spec; ignored',
      'b/docker-compose.yml:9: service child extends ghost, which does not exist; used without it',
    ]);
    expect(graph.components.map((c) => c.id).sort()).toEqual(['child', 'internet', 'web']);
    expect(graph.flows.find((f) => f.target === 'web')?.port).toBe(80);
  });

  it('required and unset variables, a missing env_file, an include cycle', async () => {
    const root = tree({
      'p/compose.yaml': [
        'include:',
        '  - ./inc/compose.yaml',
        'services:',
        '  api:',
        '    image: "app:${TAG:?TAG must be set}"',
        '    env_file: ./missing.env',
        '    environment:',
        '      REGION: ${REGION}',
        '',
      ].join('\n'),
      'p/inc/compose.yaml': 'include:\n  - ../compose.yaml\nservices:\n  side:\n    image: busybox\n',
    });
    const { graph } = await scan(root);
    const lines = diag(graph);
    expect(lines).toContain('p/compose.yaml:5: warning: required variable TAG is not set (TAG must be set); add it to .env');
    expect(lines).toContain('p/compose.yaml:6: warning: env_file ./missing.env not found; its variables are unknown');
    expect(lines).toContain('p/compose.yaml:8: info: variable REGION is not set (no .env entry, no default); an empty string was substituted, as docker compose does');
    expect(lines.some((l) => /^p\/inc\/compose\.yaml:2: include cycle: /.test(l))).toBe(true);
    expect(graph.components.map((c) => c.id)).toEqual(['api', 'side']);
  });

  it('references to undeclared networks, secrets, volumes and services are unresolved with a reason', async () => {
    const root = tree({
      'compose.yaml': [
        'services:',
        '  web:',
        '    image: nginx',
        '    networks: [front]',
        '    secrets: [tls-key]',
        '    depends_on: [cache]',
        '    environment:',
        '      SEARCH_URL: http://search:9200',
        '  db:',
        '    image: postgres:16',
        '    volumes:',
        '      - data:/var/lib/postgresql/data',
        '',
      ].join('\n'),
    });
    const { graph } = await scan(root);
    expect(graph.coverage.unresolved.map((u) => `${u.location.line} ${u.reference}`)).toEqual([
      '4 networks: front',
      '5 secrets: tls-key',
      '6 depends_on: cache',
      '8 SEARCH_URL=search:9200',
      '12 volumes: data',
    ]);
    for (const u of graph.coverage.unresolved) expect(u.reason.length).toBeGreaterThan(20);
  });

  it('a service only on internal networks is not internet-facing even with published ports', async () => {
    const root = tree({
      'compose.yaml': [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    ports: ["5432:5432"]',
        '    networks: [data]',
        '  app:',
        '    image: nginx',
        '    ports: ["8080:80"]',
        '    networks: [data, front]',
        '  none:',
        '    image: busybox',
        '    network_mode: none',
        '    ports: ["9999:9999"]',
        'networks:',
        '  data: { internal: true }',
        '  front: {}',
        '',
      ].join('\n'),
    });
    const { graph } = await scan(root);
    expect(graph.components.filter((c) => c.internet).map((c) => c.id)).toEqual(['app', 'internet']);
    expect(diag(graph)).toEqual([
      'compose.yaml:4: info: db publishes ports but is only on internal networks (data), so they are not reachable from outside; not internet-facing',
    ]);
    expect(graph.boundaries.find((b) => b.id === 'data')!.members).toEqual(['app', 'db']);
  });

  it('resolves hosts through network aliases, hostname, container_name and link aliases', async () => {
    const root = tree({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: busybox',
        '    links: ["legacy:old-api"]',
        '    environment:',
        '      A_URL: http://primary-db:5432',
        '      B_HOST: cache.internal',
        '      C_ADDR: es-node:9200',
        '      D_URL: http://old-api/v1',
        '  pg:',
        '    image: postgres',
        '    networks: { default: { aliases: [primary-db] } }',
        '  redis:',
        '    image: redis',
        '    hostname: cache.internal',
        '  search:',
        '    image: elasticsearch:8.13.0',
        '    container_name: es-node',
        '  legacy:',
        '    build: ./legacy',
        '    expose: ["8081"]',
        '',
      ].join('\n'),
    });
    const { graph } = await scan(root);
    expect(graph.flows.map((f) => `${f.id}:${f.port}:${f.confidence}`)).toEqual([
      'app>legacy:80:configured', // http://old-api/v1 names no port: http's 80, not legacy's 8081
      'app>pg:5432:configured',
      'app>redis:6379:configured',
      'app>search:9200:configured',
    ]);
    expect(graph.coverage.unresolved).toEqual([]);
  });

  it('projects that share service names get project-scoped ids; a lone name stays plain', async () => {
    const root = tree({
      'shop/compose.yaml': 'services:\n  db:\n    image: postgres\n  web:\n    image: nginx\n    environment: [DB_HOST=db]\n',
      'blog/compose.yaml': 'services:\n  db:\n    image: mysql\n  wp:\n    image: wordpress\n    environment: [WORDPRESS_DB_HOST=db]\n',
    });
    const { graph } = await scan(root);
    expect(graph.components.map((c) => c.id)).toEqual(['blog-db', 'shop-db', 'web', 'wp']);
    expect(graph.flows.map((f) => f.id)).toEqual(['web>shop-db', 'wp>blog-db']);
    expect(graph.boundaries.map((b) => b.id)).toEqual(['blog-default', 'shop-default']);
  });

  it('does not claim Helm values files or Kubernetes manifests', async () => {
    const root = tree({
      'chart/Chart.yaml': 'apiVersion: v2\nname: x\nversion: 0.1.0\n',
      'chart/values.yaml': 'services:\n  web:\n    image: nginx\n    ports: [80]\n',
      'k8s/app.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n',
    });
    const { graph } = await scan(root);
    expect(graph.coverage.files.byAdapter.compose).toBeUndefined();
  });
});

describe('compose: odd shapes never crash the adapter or the semantics', () => {
  const odd = [
    'services:\n  a:\n    environment: {A: {nested: 1}, B: [1, 2], C: null, D: 3}\n    ports: [{target: abc}, {published: 1}, 80, "1:2:3:4:5"]\n    labels: {x: {y: 1}}\n',
    'services:\n  a:\n    volumes: "not-a-list"\n    depends_on: db\n    networks: "front"\n    deploy: {replicas: "3"}\n    build: {context: 123}\n',
    'services:\n  "we!rd.name(1)":\n    image: [not, a, string]\n    expose: [{}, null, "x/y/z"]\nnetworks: [a, b]\nvolumes: 7\nsecrets: {s: null}\n',
    'services:\n  a:\n    extends: {file: ../../../../etc/passwd, service: x}\n  b:\n    extends: b\n',
    'services:\n  a: !reset null\n  b:\n    ports: !override ["80:80"]\n    environment: !reset {}\n',
    'services: {}\n',
    'services:\n  a:\n    image: nginx\n    network_mode: "service:ghost"\n    links: ["ghost:alias", 5]\n    external_links: [redis_1]\n',
    'include: [{path: [./a.yaml, 7]}, ./missing.yaml]\nservices:\n  a: {image: busybox}\n',
  ];
  it.each(odd.map((text, i) => [i, text] as const))('case %i', async (_i, text) => {
    const root = tree({ 'compose.yaml': text });
    const { graph } = await scan(root);
    expect(graph.diagnostics.filter((d) => d.code === 'adapter-failure' || d.code === 'semantics-failure')).toEqual([]);
    for (const d of graph.diagnostics) expect(d.location.line).toBeGreaterThan(0);
  });
});

describe('compose: determinism', () => {
  /** The working tree with every directory listed in reverse order. */
  class ReversedFs extends NodeFileSystem {
    override list(dir: string): DirEntry[] {
      return super.list(dir).reverse();
    }
  }
  it('gives byte-identical JSON whatever order the file system lists files in', async () => {
    const root = tree({
      'b/compose.yaml': 'services:\n  x:\n    image: redis\n  y:\n    build: .\n    environment: [REDIS_URL=redis://x:6379]\n    ports: ["8080:8080"]\n',
      'b/compose.override.yaml': 'services:\n  y:\n    environment: [MODE=dev]\n',
      'a/docker-compose.yml': 'services:\n  x:\n    image: postgres\n  z:\n    image: nginx\n    depends_on: [x]\n',
    });
    const one = await scanGraph({ rootDir: root, paths: [''] });
    const two = await scanGraph({ rootDir: root, paths: [''], fs: new ReversedFs(root) });
    const strip = (g: typeof one.graph) => JSON.stringify(g);
    expect(strip(two.graph)).toBe(strip(one.graph));
    expect(one.graph.components.map((c) => c.id)).toEqual(['a-x', 'b-x', 'internet', 'y', 'z']);
  });
});
