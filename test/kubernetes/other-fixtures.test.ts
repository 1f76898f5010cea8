import { describe, expect, it } from 'vitest';
import { scanDir } from '../helpers/scan.js';
import { boundariesOf, componentsOf, dataAssetsOf, everythingHasEvidence, flowsOf } from './helpers.js';

const scan = (dir: string) => scanDir('.', [dir]);

describe('netpol-mesh: NetworkPolicies are the only flow evidence', () => {
  it('has the expected graph', async () => {
    const { graph } = await scan('netpol-mesh');
    expect(componentsOf(graph)).toEqual({
      cache: { type: 'datastore', technology: 'database', internet: false },
      catalog: { type: 'process', technology: 'web-service-rest', internet: false },
      internet: { type: 'external-entity', technology: 'client-system', internet: true },
      pricing: { type: 'process', technology: 'web-service-rest', internet: false },
      prometheus: { type: 'process', technology: 'monitoring', internet: false },
      storefront: { type: 'process', technology: 'web-service-rest', internet: true },
    });
    expect(flowsOf(graph)).toEqual([
      'catalog -> cache nosql-access-protocol:6379 declared',
      'internet -> storefront http:80 declared',
      'pricing -> cache nosql-access-protocol:6379 declared',
      'storefront -> catalog binary:9090 declared',
      'storefront -> pricing http:8000 declared',
    ]);
    expect(boundariesOf(graph)).toEqual({
      'ns-monitoring': { type: 'network-policy-namespace-isolation', members: ['prometheus'], defaultDeny: false },
      'ns-shop': { type: 'network-policy-namespace-isolation', members: ['cache', 'catalog', 'pricing', 'storefront'], defaultDeny: true },
    });
    expect(everythingHasEvidence(graph)).toEqual([]);
  });

  it('records namespace-wide and anywhere peers as attributes, and the egress merge', async () => {
    const { graph } = await scan('netpol-mesh');
    const c = (id: string) => graph.components.find((x) => x.id === id)!;
    expect(c('cache').attributes.ingressFromNamespaces).toEqual(['monitoring']);
    expect(c('storefront').attributes.ingressFromAnywhere).toBe(true);
    const shop = graph.boundaries.find((b) => b.id === 'ns-shop')!;
    expect(shop.attributes).toMatchObject({ defaultDeny: true, defaultDenyEgress: true });
    expect(shop.evidence.map((e) => e.kind)).toContain('k8s-networkpolicy-default-deny');
    // catalog → cache is allowed twice (cache ingress, api egress): one flow, both policies as evidence.
    const f = graph.flows.find((x) => x.id === 'catalog>cache')!;
    expect(f.evidence.map((e) => e.detail.split(' allows')[0]).sort()).toEqual(['NetworkPolicy shop/api-egress', 'NetworkPolicy shop/cache-clients']);
    // DNS lives outside the scan: said so, not dropped.
    expect(graph.coverage.unresolved.map((u) => u.reference)).toEqual(['NetworkPolicy shop/api-egress to podSelector k8s-app=kube-dns']);
    expect(graph.coverage.unresolved[0]!.location).toEqual({ file: 'netpol-mesh/k8s/policies.yaml', line: 54 });
  });
});

describe('queue-workers: producers and consumers both call the broker', () => {
  it('has the expected graph', async () => {
    const { graph } = await scan('queue-workers');
    expect(componentsOf(graph)).toEqual({
      'hooks-slack-com': { type: 'external-entity', technology: 'web-service-rest', internet: true },
      'invoice-worker': { type: 'process', technology: 'web-service-rest', internet: false },
      'nightly-report': { type: 'process', technology: 'batch-processing', internet: false },
      'order-api': { type: 'process', technology: 'web-service-rest', internet: false },
      rabbitmq: { type: 'datastore', technology: 'message-queue', internet: false },
    });
    expect(flowsOf(graph)).toEqual([
      'invoice-worker -> hooks-slack-com https:443 configured',
      'invoice-worker -> rabbitmq binary:5672 configured',
      'nightly-report -> rabbitmq binary:5672 configured',
      'order-api -> rabbitmq binary:5672 configured',
    ]);
    expect(boundariesOf(graph)).toEqual({
      'ns-jobs': { type: 'network-policy-namespace-isolation', members: ['invoice-worker', 'nightly-report', 'order-api', 'rabbitmq'], defaultDeny: false },
    });
    expect(dataAssetsOf(graph)).toEqual({
      'pvc-mnesia-rabbitmq': { kind: 'queue', storedBy: ['rabbitmq'], processedBy: [] },
      'secret-rabbitmq-auth': { kind: 'secret', storedBy: [], processedBy: ['order-api', 'rabbitmq'] },
    });
    expect(everythingHasEvidence(graph)).toEqual([]);
    const rabbit = graph.components.find((c) => c.id === 'rabbitmq')!;
    expect(rabbit.multiplicity).toBe(3);
  });

  it('follows envFrom ConfigMaps, $(VAR) expansion and args, with the right evidence lines', async () => {
    const { graph } = await scan('queue-workers');
    const worker = graph.flows.find((f) => f.id === 'invoice-worker>rabbitmq')!;
    const details = worker.evidence.filter((e) => e.kind === 'k8s-env-service-reference').map((e) => e.detail);
    expect(details.some((d) => d.includes('BROKER_HOST (envFrom ConfigMap worker-config) names rabbitmq'))).toBe(true);
    expect(details.some((d) => d.includes('BROKER_URL names amqp://rabbitmq:5672'))).toBe(true);
    const report = graph.flows.find((f) => f.id === 'nightly-report>rabbitmq')!;
    expect(report.evidence[0]!.location).toEqual({ file: 'queue-workers/k8s/apps.yaml', line: 57 });
    const cron = graph.components.find((c) => c.id === 'nightly-report')!;
    expect(cron.sources[0]!.address).toBe('k8s:jobs/CronJob/nightly-report');
  });
});
