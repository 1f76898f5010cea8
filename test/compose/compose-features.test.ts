import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/pipeline.js';
import type { ServiceAttributes } from '../../adapters/compose/model.js';
import { scanDir } from '../helpers/scan.js';
import { boundaryOf, component, expectEvidenceEverywhere, flow, flowPairs } from './helpers.js';

describe('fixtures/compose-features: include, extends, override, .env, profiles, network_mode', () => {
  let scan: ScanResult;
  beforeAll(async () => {
    scan = await scanDir('compose-features/compose');
  });

  it('reads one project from compose.yaml + compose.override.yaml + the included and extended files', () => {
    const { graph, resources } = scan;
    expect(graph.coverage.files.byAdapter.compose).toBe(4);
    expect(graph.components.map((c) => c.id)).toEqual(['api', 'api-base', 'api-sidecar', 'debug-shell', 'internet', 'node-exporter', 'prometheus', 'search', 'web']);
    expect(new Set(resources.map((r) => r.group))).toEqual(new Set(['features']));
    expect(component(graph, 'node-exporter').sources[0]).toEqual({ address: 'compose:features/node-exporter', location: { file: 'monitoring/compose.yaml', line: 2 } });
    expect(graph.diagnostics).toEqual([]);
  });

  it('merges extends from another file, then the override file, with compose precedence', () => {
    const web = component(scan.graph, 'web');
    expect(web.attributes).toMatchObject({
      customDeveloped: true,
      buildContext: 'web',
      readOnlyRootFilesystem: true,
      user: '1000:1000',
      runAsRoot: false,
      envVars: ['API_URL', 'HOME_DIR', 'LOG_FORMAT'],
      exposedPorts: ['80/tcp'],
      publishedPorts: ['8080:80/tcp'],
      loopbackPorts: ['127.0.0.1:9229:9229'],
      composeFiles: ['common.yaml', 'compose.override.yaml', 'compose.yaml'],
    });
    expect(web.sources.map((x) => `${x.location.file}:${x.location.line}`)).toEqual(['common.yaml:2', 'compose.override.yaml:8', 'compose.yaml:10']);
    expect(new Set(web.sources.map((x) => x.address))).toEqual(new Set(['compose:features/web']));
    // The nginx.conf in its build context proxies to the API: a reverse proxy.
    expect(web.technology).toBe('reverse-proxy');
    const sidecar = component(scan.graph, 'api-sidecar');
    expect(sidecar.technology).toBe('reverse-proxy');
    expect(sidecar.attributes).toMatchObject({ networkMode: 'service:api', envVars: ['LOG_LEVEL'] });
  });

  it('interpolates from .env: defaults, required variables, $$ escapes, and redacts secret-named variables', () => {
    const { graph, resources } = scan;
    const api = component(graph, 'api');
    expect(api.attributes.image).toBe('registry.example.com/features/api:2.1.0');
    expect(api.multiplicity).toBe(2);
    expect(api.attributes.envVars).toEqual(['API_TOKEN', 'LOG_LEVEL', 'SEARCH_URL']);
    const apiAttrs = resources.find((r) => r.address === 'compose:features/api')!.attributes as unknown as ServiceAttributes;
    expect(apiAttrs.environment.find((e) => e.name === 'API_TOKEN')).toMatchObject({ value: '***', redacted: true });
    const webAttrs = resources.find((r) => r.address === 'compose:features/web')!.attributes as unknown as ServiceAttributes;
    expect(webAttrs.environment.find((e) => e.name === 'HOME_DIR')!.value).toBe('$HOME');
    expect(webAttrs.ports[0]).toMatchObject({ published: '8080', target: 80 });
  });

  it('honours !reset in the override file: the API is no longer published', () => {
    const { graph } = scan;
    expect(component(graph, 'api').internet).toBe(false);
    expect(graph.components.filter((c) => c.internet && c.type !== 'external-entity').map((c) => c.id)).toEqual(['node-exporter', 'web']);
    expect(flow(graph, 'internet', 'web')).toMatchObject({ port: 80, confidence: 'declared' });
    expect(flow(graph, 'internet', 'web').evidence[0]!.location).toEqual({ file: 'compose.yaml', line: 15 });
  });

  it('treats network_mode: host as exposed (inferred) and service:x as sharing x’s boundary', () => {
    const { graph } = scan;
    const host = flow(graph, 'internet', 'node-exporter');
    expect(host.confidence).toBe('inferred');
    expect(host.evidence[0]!.location).toEqual({ file: 'monitoring/compose.yaml', line: 4 });
    expect(boundaryOf(graph, 'node-exporter')).toBeUndefined();
    expect(boundaryOf(graph, 'api-sidecar')).toBe(boundaryOf(graph, 'api'));
    expect(graph.boundaries.map((b) => [b.id, b.title])).toEqual([['features-default', 'features default network']]);
  });

  it('keeps profiles and host-namespace facts as attributes with evidence', () => {
    const shell = component(scan.graph, 'debug-shell');
    expect(shell.attributes).toMatchObject({ profiles: ['debug'], privileged: true, capAdd: ['SYS_PTRACE'], pidHost: true });
    expect(shell.evidence.map((e) => e.kind).sort()).toEqual(['compose-cap-add', 'compose-pid-host', 'compose-privileged', 'compose-service']);
  });

  it('finds flows from env, depends_on and a mounted prometheus config', () => {
    const { graph } = scan;
    expect(flowPairs(graph)).toEqual(['api -> search', 'internet -> node-exporter', 'internet -> web', 'prometheus -> api', 'web -> api']);
    expect(flow(graph, 'web', 'api').evidence.map((e) => `${e.kind}@${e.location.file}:${e.location.line}`)).toEqual([
      'compose-env-endpoint@compose.yaml:19',
      'compose-depends-on@compose.yaml:22',
      'compose-config-file@web/nginx.conf:1',
    ]);
    expect(flow(graph, 'prometheus', 'api').evidence[0]!.location).toEqual({ file: 'monitoring/prometheus.yml', line: 4 });
    expect(graph.dataAssets.map((d) => [d.id, d.kind, d.storedBy, d.processedBy])).toEqual([
      ['search-data', 'volume', ['search'], []],
      ['stripe-key', 'secret', [], ['api']],
    ]);
    expectEvidenceEverywhere(graph);
  });
});
