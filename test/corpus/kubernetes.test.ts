/**
 * The Kubernetes adapter on real third-party manifests (../shared/corpus), checked against what each
 * SOURCE.txt describes. Skipped when the corpus is absent.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOnPath } from '../../adapters/kubernetes/render.js';
import type { ArchitectureGraph } from '../../src/graph/types.js';
import { scanGraph } from '../../src/pipeline.js';
import { PROJECT_ROOT } from '../helpers/scan.js';

const CORPUS = resolve(PROJECT_ROOT, '../shared/corpus');
const IAC = join(CORPUS, 'iac');
const has = (p: string) => existsSync(join(IAC, p));

async function scan(root: string, paths: string[] = [''], renderKustomize = false): Promise<ArchitectureGraph> {
  return (await scanGraph({ rootDir: join(IAC, root), paths, options: { renderKustomize } })).graph;
}
const flowIds = (g: ArchitectureGraph) => new Set(g.flows.map((f) => `${f.source}>${f.target}`));
const comp = (g: ArchitectureGraph, id: string) => g.components.find((c) => c.id === id);

describe.skipIf(!has('GoogleCloudPlatform__microservices-demo'))('Online Boutique (GoogleCloudPlatform/microservices-demo)', () => {
  const SERVICES = ['adservice', 'cartservice', 'checkoutservice', 'currencyservice', 'emailservice', 'frontend', 'loadgenerator', 'paymentservice', 'productcatalogservice', 'recommendationservice', 'shippingservice'];
  /** Every `*_ADDR` env var in the manifests, as caller>callee with the callee's container port. */
  const ADDR_FLOWS: Record<string, number> = {
    'frontend>productcatalogservice': 3550,
    'frontend>currencyservice': 7000,
    'frontend>cartservice': 7070,
    'frontend>recommendationservice': 8080,
    'frontend>shippingservice': 50051,
    'frontend>checkoutservice': 5050,
    'frontend>adservice': 9555,
    'checkoutservice>productcatalogservice': 3550,
    'checkoutservice>shippingservice': 50051,
    'checkoutservice>paymentservice': 50051,
    'checkoutservice>emailservice': 8080,
    'checkoutservice>currencyservice': 7000,
    'checkoutservice>cartservice': 7070,
    'recommendationservice>productcatalogservice': 3550,
    'cartservice>redis-cart': 6379,
    'loadgenerator>frontend': 8080,
  };

  it('kubernetes-manifests: every service and redis-cart, every *_ADDR flow, frontend exposed by frontend-external', async () => {
    const g = await scan('GoogleCloudPlatform__microservices-demo', ['kubernetes-manifests']);
    for (const s of SERVICES) expect(comp(g, s), s).toMatchObject({ type: 'process' });
    expect(comp(g, 'redis-cart')).toMatchObject({ type: 'datastore', technology: 'database' });
    const got = Object.fromEntries(g.flows.map((f) => [`${f.source}>${f.target}`, f.port]));
    for (const [id, port] of Object.entries(ADDR_FLOWS)) expect(got[id], id).toBe(port);
    expect(g.flows.filter((f) => f.source !== 'internet')).toHaveLength(Object.keys(ADDR_FLOWS).length);
    expect(comp(g, 'frontend')!.internet).toBe(true);
    expect(g.components.filter((c) => c.internet).map((c) => c.id)).toEqual(['frontend', 'internet']);
    const exposure = g.flows.find((f) => f.id === 'internet>frontend')!;
    expect(exposure.evidence[0]!.detail).toContain('Service default/frontend-external type LoadBalancer');
    // The one *_ADDR that names a service not deployed by default.
    expect(g.coverage.unresolved.map((u) => u.reference)).toEqual(['SHOPPING_ASSISTANT_SERVICE_ADDR=shoppingassistantservice:80']);
    expect(g.coverage.unmapped).toEqual([]);
    expect(g.boundaries.map((b) => b.id)).toEqual(['ns-default']);
    expect(g.boundaries[0]!.attributes?.defaultDeny).toBe(false);
  });

  it('release/kubernetes-manifests.yaml (one concatenated file) gives the same flows', async () => {
    const a = await scan('GoogleCloudPlatform__microservices-demo', ['kubernetes-manifests']);
    const b = await scan('GoogleCloudPlatform__microservices-demo', ['release/kubernetes-manifests.yaml']);
    expect([...flowIds(b)].sort()).toEqual([...flowIds(a)].sort());
  });

  it('the whole repository: no crash, the unrendered chart skipped with one diagnostic, kustomize components not read alone', async () => {
    const g = await scan('GoogleCloudPlatform__microservices-demo');
    const chart = g.diagnostics.filter((d) => d.location.file.startsWith('helm-chart/'));
    expect(chart.map((d) => d.code)).toEqual(['helm-chart-not-rendered']);
    for (const s of SERVICES) expect(comp(g, s), s).toBeDefined();
    expect(comp(g, 'shoppingassistantservice')).toBeUndefined();
  });

  it.skipIf(!findOnPath('kubectl') && !findOnPath('kustomize'))('kustomize/ rendered: the network-policies component gives declared flows and default deny', async () => {
    const g = await scan('GoogleCloudPlatform__microservices-demo', ['kustomize/tests/spanner-with-all-components', 'kustomize/base', 'kustomize/components'], true);
    expect(g.boundaries[0]!.attributes?.defaultDeny).toBe(true);
    const cart = g.flows.find((f) => f.id === 'frontend>cartservice')!;
    expect(cart.confidence).toBe('declared');
  });
});

describe.skipIf(!has('microservices-demo__microservices-demo'))('Sock Shop (microservices-demo/microservices-demo)', () => {
  const K = 'microservices-demo__microservices-demo/deploy/kubernetes';

  it('complete-demo.yaml with its NetworkPolicies: components, datastores, policy edges, NodePort front-end, default deny', async () => {
    const g = await scan(K, ['complete-demo.yaml', 'manifests-policy']);
    const datastores = g.components.filter((c) => c.type === 'datastore').map((c) => c.id);
    expect(datastores).toEqual(['carts-db', 'catalogue-db', 'orders-db', 'rabbitmq', 'session-db', 'user-db']);
    for (const s of ['front-end', 'catalogue', 'carts', 'orders', 'user', 'payment', 'shipping', 'queue-master']) expect(comp(g, s)?.type, s).toBe('process');
    expect(g.components.filter((c) => c.internet && c.id !== 'internet').map((c) => c.id)).toEqual(['front-end']);
    expect(g.flows.find((f) => f.id === 'internet>front-end')!.evidence[0]!.detail).toContain('NodePort 30001');
    const flows = flowIds(g);
    for (const f of [
      'front-end>catalogue', 'front-end>orders', 'front-end>user',
      'orders>payment', 'orders>shipping', 'orders>user', 'orders>orders-db',
      'catalogue>catalogue-db', 'user>user-db', 'shipping>rabbitmq', 'queue-master>rabbitmq',
    ]) expect(flows.has(f), f).toBe(true);
    // The repo's own label mismatch (name=cart vs name=carts) is reported, not papered over.
    const unresolved = g.coverage.unresolved.map((u) => u.reference);
    expect(unresolved).toContain('NetworkPolicy sock-shop/cart-access podSelector name=cart');
    expect(unresolved).toContain('NetworkPolicy sock-shop/carts-db-access from podSelector name=cart');
    expect(unresolved).toContain('ZIPKIN=zipkin.jaeger.svc.cluster.local');
    expect(flows.has('front-end>carts')).toBe(false);
    const ns = g.boundaries.find((b) => b.id === 'ns-sock-shop')!;
    expect(ns.attributes).toMatchObject({ defaultDeny: true });
    expect(comp(g, 'catalogue-db')!.attributes.plainSecretEnv).toEqual(['MYSQL_ROOT_PASSWORD']);
    expect(JSON.stringify(g)).not.toContain('fake_password');
  });

  it('the whole deploy/kubernetes tree: no crash, chart skipped once', async () => {
    const g = await scan(K);
    expect(g.diagnostics.filter((d) => d.code === 'helm-chart-not-rendered')).toHaveLength(1);
    expect(g.components.length).toBeGreaterThan(15);
  });
});

describe.skipIf(!has('argoproj__argo-cd'))('Argo CD install.yaml', () => {
  it('has the seven components and exactly the NetworkPolicy edges SOURCE.txt lists', async () => {
    const started = performance.now();
    const g = await scan('argoproj__argo-cd/manifests', ['install.yaml']);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(g.components.map((c) => c.id)).toEqual([
      'argocd-application-controller', 'argocd-applicationset-controller', 'argocd-dex-server', 'argocd-notifications-controller', 'argocd-redis', 'argocd-repo-server', 'argocd-server',
    ]);
    expect(comp(g, 'argocd-redis')!.type).toBe('datastore');
    expect(comp(g, 'argocd-dex-server')!.technology).toBe('identity-provider');
    expect([...flowIds(g)].sort()).toEqual([
      'argocd-application-controller>argocd-redis',
      'argocd-application-controller>argocd-repo-server',
      'argocd-applicationset-controller>argocd-repo-server',
      'argocd-notifications-controller>argocd-repo-server',
      'argocd-repo-server>argocd-redis',
      'argocd-server>argocd-dex-server',
      'argocd-server>argocd-redis',
      'argocd-server>argocd-repo-server',
    ]);
    expect(g.flows.every((f) => f.confidence === 'declared')).toBe(true);
    expect(comp(g, 'argocd-server')!.attributes.ingressFromAnywhere).toBe(true);
    expect(g.coverage.unmapped.map((u) => u.type)).toEqual(['CustomResourceDefinition', 'CustomResourceDefinition', 'CustomResourceDefinition']);
    expect(g.dataAssets.map((d) => d.id)).toContain('secret-argocd-redis');
  });

  it('the HA variant and the real helm-template output of redis-ha: haproxy in front of redis', async () => {
    const g = await scan('argoproj__argo-cd/manifests/ha', ['namespace-install.yaml']);
    const flows = flowIds(g);
    for (const f of ['argocd-server>argocd-redis-ha-haproxy', 'argocd-repo-server>argocd-redis-ha-haproxy', 'argocd-application-controller>argocd-redis-ha-haproxy', 'argocd-redis-ha-haproxy>argocd-redis-ha-server']) expect(flows.has(f), f).toBe(true);
    const upstream = await scan('argoproj__argo-cd/manifests/ha/base/redis-ha/chart', ['upstream.yaml']);
    const server = comp(upstream, 'argocd-redis-ha-server')!;
    expect(server).toMatchObject({ type: 'datastore', group: 'redis-ha', multiplicity: 3 });
    expect(server.sources[0]!.location.template).toBe('redis-ha/charts/redis-ha/templates/redis-ha-statefulset.yaml');
  });
});

describe.skipIf(!has('kubernetes__ingress-nginx'))('ingress-nginx deploy manifests', () => {
  const P = 'kubernetes__ingress-nginx/deploy/static/provider';
  it('cloud: LoadBalancer makes the controller internet-facing (https first)', async () => {
    const g = await scan(P, ['cloud/deploy.yaml']);
    expect(g.components.map((c) => c.id)).toEqual(['ingress-nginx-admission-create', 'ingress-nginx-admission-patch', 'ingress-nginx-controller', 'internet']);
    expect(comp(g, 'ingress-nginx-controller')).toMatchObject({ internet: true, technology: 'reverse-proxy' });
    expect(g.flows.find((f) => f.id === 'internet>ingress-nginx-controller')).toMatchObject({ protocol: 'https', port: 443, encrypted: true });
    expect(comp(g, 'ingress-nginx-admission-create')!.technology).toBe('batch-processing');
    expect(g.coverage.unmapped.map((u) => u.type)).toEqual(['ValidatingWebhookConfiguration']);
  });

  it('baremetal: NodePort is external-facing too', async () => {
    const g = await scan(P, ['baremetal/deploy.yaml']);
    expect(comp(g, 'ingress-nginx-controller')!.internet).toBe(true);
    expect(g.flows.find((f) => f.id === 'internet>ingress-nginx-controller')!.evidence[0]!.detail).toContain('NodePort');
  });

  it('AWS NLB with TLS termination: TLS ends at the load balancer, plaintext to the pods', async () => {
    const g = await scan(P, ['aws/nlb-with-tls-termination/deploy.yaml']);
    const c = comp(g, 'ingress-nginx-controller')!;
    expect(c.attributes.tlsTerminatedAtLoadBalancer).toBe(true);
    const f = g.flows.find((x) => x.id === 'internet>ingress-nginx-controller')!;
    expect(f.protocol).toBe('https');
    expect(f.evidence.map((e) => e.detail).join('\n')).toContain('port 443 → Deployment ingress-nginx-controller:80');
  });
});

describe.skipIf(!existsSync(join(CORPUS, 'fidelity/enduro')))('enduro hack/kube (fidelity corpus)', () => {
  it('a bare env value that merely equals a Service name is not a flow (MYSQL_DATABASE=enduro, SQL_USER=enduro)', async () => {
    const g = (await scanGraph({ rootDir: join(CORPUS, 'fidelity/enduro'), paths: ['hack/kube'] })).graph;
    const envEvidence = g.flows.flatMap((f) => f.evidence.filter((e) => e.kind === 'k8s-env-service-reference').map((e) => `${f.source}>${f.target} ${e.detail.split(': ')[1]!.split(' names ')[0]}`));
    expect(envEvidence.filter((e) => /MYSQL_DATABASE|MYSQL_USER|SQL_USER|OAUTH_NAME/.test(e))).toEqual([]);
    const ids = flowIds(g);
    expect(ids.has('mysql>enduro')).toBe(false);
    expect(ids.has('temporal-schema-1-2-0-1>enduro')).toBe(false);
    // Real references stay: URLs and host:port values.
    for (const id of ['temporal-web>keycloak', 'temporal-admintools>temporal-frontend', 'lgtm>keycloak', 'enduro-dashboard>keycloak']) expect(ids.has(id), id).toBe(true);
  });
});
