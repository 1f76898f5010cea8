import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanGraph } from '../../src/pipeline.js';
import { flowsOf } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'infragile-k8s-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

/** Scan a set of files written into a fresh directory. */
async function scanFiles(files: Record<string, string>) {
  const root = join(tmp, String(n++));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return (await scanGraph({ rootDir: root, paths: [''] })).graph;
}

const deployment = (name: string, ns: string, extra = '', image = `example/${name}:1`) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: main
          image: ${image}
          ports: [{name: http, containerPort: 8080}]
${extra}`;
const service = (name: string, ns: string, spec = '') => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {app: ${name}}
  ports: [{name: http, port: 80, targetPort: http}]
${spec}`;

describe('Kubernetes semantics', () => {
  it('qualifies ids with the namespace only when a name repeats across namespaces, and resolves Services per namespace', async () => {
    const env = (url: string) => `          env:\n            - {name: API_URL, value: "${url}"}\n`;
    const g = await scanFiles({
      'a.yaml': [deployment('api', 'blue'), service('api', 'blue'), deployment('api', 'green'), service('api', 'green'), deployment('web', 'blue', env('http://api')), deployment('cron', 'green', env('http://api.blue:80'))].join('---\n'),
    });
    expect(g.components.map((c) => c.id)).toEqual(['blue-api', 'cron', 'green-api', 'web']);
    expect(flowsOf(g)).toEqual(['cron -> blue-api http:8080 configured', 'web -> blue-api http:8080 configured']);
  });

  it('reads *_SERVICE_HOST, ExternalName Services, and reports Services that are not in the scan', async () => {
    const g = await scanFiles({
      'a.yaml': [
        deployment('cart', 'shop'),
        service('cart', 'shop'),
        'apiVersion: v1\nkind: Service\nmetadata: {name: payments, namespace: shop}\nspec: {type: ExternalName, externalName: api.stripe.com}\n',
        deployment('web', 'shop', '          env:\n            - {name: CART, value: "http://$(CART_SERVICE_HOST):$(CART_SERVICE_PORT)/v1"}\n            - {name: PAY, value: "https://payments/charges"}\n            - {name: MAIL, value: "mailer:2525"}\n'),
      ].join('---\n'),
    });
    expect(flowsOf(g)).toEqual(['web -> api-stripe-com https:443 configured', 'web -> cart http:8080 configured']);
    expect(g.coverage.unresolved.map((u) => [u.reference, u.reason])).toEqual([
      ['MAIL=mailer:2525', 'no Service named mailer in namespace shop in the scan; add its manifest to the scanned paths (or it is deployed elsewhere)'],
    ]);
  });

  it('exposes LoadBalancer and NodePort Services, but not internal load balancers', async () => {
    const g = await scanFiles({
      'a.yaml': [
        deployment('public', 'x'),
        service('public', 'x', '  type: LoadBalancer\n'),
        deployment('nodes', 'x'),
        service('nodes', 'x', '  type: NodePort\n'),
        deployment('private', 'x'),
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: private\n  namespace: x\n  annotations: {service.beta.kubernetes.io/aws-load-balancer-internal: "true"}\nspec:\n  type: LoadBalancer\n  selector: {app: private}\n  ports: [{port: 443, targetPort: 8080}]\n',
        deployment('gke', 'x'),
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: gke\n  namespace: x\n  annotations: {networking.gke.io/load-balancer-type: Internal}\nspec:\n  type: LoadBalancer\n  selector: {app: gke}\n  ports: [{port: 80}]\n',
      ].join('---\n'),
    });
    const internet = Object.fromEntries(g.components.map((c) => [c.id, c.internet]));
    expect(internet).toMatchObject({ public: true, nodes: true, private: false, gke: false });
    expect(g.components.find((c) => c.id === 'private')!.attributes.internalLoadBalancer).toBe('service.beta.kubernetes.io/aws-load-balancer-internal: true');
    expect(g.flows.find((f) => f.id === 'internet>nodes')!.evidence[0]!.detail).toContain('NodePort');
  });

  it('follows Gateway API HTTPRoutes through the Gateway listener (TLS ⇒ https)', async () => {
    const g = await scanFiles({
      'a.yaml': [
        deployment('shop', 'web'),
        service('shop', 'web'),
        'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: edge, namespace: infra}\nspec:\n  gatewayClassName: cloud\n  listeners: [{name: https, port: 443, protocol: HTTPS}]\n',
        'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: shop, namespace: web}\nspec:\n  parentRefs: [{name: edge, namespace: infra}]\n  hostnames: [shop.example.com]\n  rules:\n    - backendRefs: [{name: shop, port: 80}]\n',
      ].join('---\n'),
    });
    const f = g.flows.find((x) => x.id === 'internet>shop')!;
    expect(f).toMatchObject({ protocol: 'https', encrypted: true, confidence: 'declared' });
    expect(f.evidence.map((e) => e.kind).sort()).toEqual(['k8s-gateway-route', 'k8s-service-selector']);
    expect(g.coverage.unmapped).toEqual([]);
  });

  it('records pod security facts and keeps CRDs and custom resources unmapped', async () => {
    const g = await scanFiles({
      'a.yaml': [
        `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ops}
spec:
  template:
    spec:
      hostNetwork: true
      hostPID: true
      volumes: [{name: root, hostPath: {path: /}}, {name: sock, hostPath: {path: /var/run/docker.sock}}]
      containers:
        - name: agent
          image: example/agent:latest
          securityContext:
            privileged: true
            runAsUser: 0
            capabilities: {add: [SYS_ADMIN, NET_ADMIN]}
          env:
            - {name: API_TOKEN, value: "plain-token-value"}
`,
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: ops}\n',
      ].join('---\n'),
    });
    const agent = g.components.find((c) => c.id === 'agent')!;
    expect(agent.multiplicity).toBe('per-node');
    expect(agent.attributes).toMatchObject({
      privileged: true,
      hostNetwork: true,
      hostPID: true,
      hostPath: ['/', '/var/run/docker.sock'],
      runAsRoot: true,
      capabilitiesAdded: ['NET_ADMIN', 'SYS_ADMIN'],
      automountServiceAccountToken: true,
      serviceAccount: 'default',
      imageUnpinned: true,
      resourceLimits: false,
      plainSecretEnv: ['API_TOKEN'],
    });
    expect(JSON.stringify(g)).not.toContain('plain-token-value');
    expect(g.coverage.unmapped.map((u) => u.address)).toEqual(['k8s:ops/Widget/w']);
  });

  it('takes a bare word for a Service only in an address-named variable or as a cluster DNS name', async () => {
    const env = (pairs: [string, string][]) => `          env:\n${pairs.map(([k, v]) => `            - {name: ${k}, value: "${v}"}\n`).join('')}`;
    const g = await scanFiles({
      'a.yaml': [
        deployment('enduro', 'shop'),
        service('enduro', 'shop'),
        deployment('cart', 'shop'),
        service('cart', 'shop'),
        deployment('redis', 'shop'),
        service('redis', 'shop'),
        deployment('mysql', 'shop', env([['MYSQL_DATABASE', 'enduro'], ['MYSQL_USER', 'enduro'], ['APP_NAME', 'cart'], ['OTEL_SERVICE_NAME', 'cart']])),
        deployment('web', 'shop', env([['CART_SERVICE', 'cart'], ['cacheHost', 'redis'], ['DB_HOST', 'postgres'], ['FEATURE_URL', 'disabled']])),
        deployment('worker', 'shop', env([['UPSTREAM_NAME', 'enduro.shop.svc.cluster.local'], ['TITLE', 'enduro']])),
      ].join('---\n'),
    });
    expect(flowsOf(g)).toEqual(['web -> cart http:8080 configured', 'web -> redis http:8080 configured', 'worker -> enduro http:8080 configured']);
    expect(g.coverage.unresolved.map((u) => u.reference)).toEqual(['DB_HOST=postgres']);
  });

  it('surfaces the explicit threagile.io/asset binding as an attribute (workload annotation, pod template label, CronJob job template)', async () => {
    const cron = `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: shop}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {threagile.io/asset: reporting}}
        spec:
          containers: [{name: main, image: example/nightly:1}]
`;
    const g = await scanFiles({
      'a.yaml': [
        deployment('api', 'shop').replace('metadata: {name: api, namespace: shop}', 'metadata: {name: api, namespace: shop, annotations: {threagile.io/asset: api-gateway}}'),
        deployment('cart', 'shop').replace('metadata: {labels: {app: cart}}', 'metadata: {labels: {app: cart, threagile.io/asset: " cart-service "}}'),
        deployment('plain', 'shop'),
        cron,
      ].join('---\n'),
    });
    const asset = Object.fromEntries(g.components.map((c) => [c.id, c.attributes['threagile.io/asset']]));
    expect(asset).toEqual({ api: 'api-gateway', cart: 'cart-service', nightly: 'reporting', plain: undefined });
  });

  it('reports a Service that selects nothing', async () => {
    const g = await scanFiles({ 'a.yaml': service('ghost', 'x') });
    expect(g.coverage.unresolved.map((u) => u.reference)).toEqual(['Service x/ghost selector app=ghost']);
  });
});

describe('autoscaling', () => {
  it('takes the HPA range as multiplicity when the workload sets no replicas', async () => {
    const g = await scanFiles({
      'a.yaml': [
        deployment('api', 'x'),
        'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: api, namespace: x}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}\n  minReplicas: 2\n  maxReplicas: 10\n',
      ].join('---\n'),
    });
    const api = g.components.find((c) => c.id === 'api')!;
    expect(api.multiplicity).toBe('2-10');
    expect(api.attributes.autoscaling).toBe('2-10');
    expect(api.evidence.map((e) => e.kind)).toContain('k8s-hpa');
    expect(g.coverage.unmapped).toEqual([]);
  });
});
