/**
 * The live-cluster source against a fake API server on 127.0.0.1 serving recorded responses, with
 * the real @kubernetes/client-node talking to it through a kubeconfig this test writes: the same
 * Resources (and so the same graph) as the manifests, Secret values never kept, clear errors for
 * an unknown context, an unreachable server, 401 and 403, and the CLI's exit code 2 without a stack.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveError, readCluster, type LiveSnapshot } from '../../src/live/index.js';
import { scanGraph } from '../../src/pipeline.js';
import { ensureBuilt, CLI } from '../helpers/cli.js';
import { PROJECT_ROOT } from '../helpers/scan.js';
import { startFakeApiServer, writeKubeconfig, type FakeApiServer } from './fake-apiserver.js';

const dir = mkdtempSync(join(tmpdir(), 'infragile-live-'));
let api: FakeApiServer;
let kubeconfig: string;
let closedPort: number;

beforeAll(async () => {
  api = await startFakeApiServer({ maxPage: 2 });
  // A port nothing listens on: bind, note, close.
  closedPort = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
  kubeconfig = writeKubeconfig(join(dir, 'kubeconfig'), { 'kind-shop': api.url, 'kind-down': `http://127.0.0.1:${closedPort}` });
});
afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function liveGraph(snapshot: LiveSnapshot) {
  return (await scanGraph({ rootDir: dir, paths: [], external: snapshot })).graph;
}

async function failure(p: Promise<unknown>): Promise<LiveError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LiveError) return e;
    throw e;
  }
  throw new Error('expected a LiveError');
}

describe('reading a cluster', () => {
  it('lists every kind read-only, paged, with the kubeconfig credential', async () => {
    api.requests.length = 0;
    const snap = await readCluster({ context: 'kind-shop', kubeconfig });
    expect(snap.server).toBe(api.url);
    expect(api.requests.every((r) => r.method === 'GET' && r.authorization === 'Bearer test-token-not-a-secret')).toBe(true);
    expect(api.requests.some((r) => r.url.includes('watch=true'))).toBe(false);
    // Lists of more than a page were followed with `continue`.
    expect(api.requests.some((r) => r.url.startsWith('/api/v1/services?') && r.url.includes('continue=2'))).toBe(true);
    const paths = new Set(api.requests.map((r) => r.url.split('?')[0]));
    for (const p of ['/apis/apps/v1/deployments', '/apis/apps/v1/statefulsets', '/apis/apps/v1/daemonsets', '/apis/batch/v1/jobs', '/apis/batch/v1/cronjobs', '/api/v1/pods', '/api/v1/services', '/apis/networking.k8s.io/v1/ingresses', '/apis/networking.k8s.io/v1/networkpolicies', '/api/v1/configmaps', '/api/v1/secrets', '/api/v1/namespaces'])
      expect(paths.has(p), p).toBe(true);
  });

  it('turns the objects into the Kubernetes adapter Resources at cluster: locations', async () => {
    const snap = await readCluster({ context: 'kind-shop', kubeconfig });
    const byAddress = new Map(snap.resources.map((r) => [r.address, r]));
    const frontend = byAddress.get('k8s:shop/Deployment/frontend')!;
    expect(frontend.location).toEqual({ file: 'cluster:kind-shop/shop/Deployment/frontend', line: 1 });
    expect(frontend.multiplicity).toBe(2);
    expect(byAddress.get('k8s:Namespace/shop')?.location.file).toBe('cluster:kind-shop/Namespace/shop');
    // Owned Pods and Jobs a CronJob made are their owner's; bare Pods and Jobs are workloads.
    expect(byAddress.has('k8s:shop/Pod/frontend-7d9f8c-abcde')).toBe(false);
    expect(byAddress.has('k8s:shop/Job/report-nightly-29000000')).toBe(false);
    expect(byAddress.has('k8s:shop/Pod/debug-shell')).toBe(true);
    expect(byAddress.has('k8s:shop/Job/db-migrate')).toBe(true);
    // The control plane is left out unless asked for, and that is said.
    expect([...byAddress.keys()].some((a) => a.includes('kube-system'))).toBe(false);
    expect(snap.diagnostics.some((d) => d.code === 'live-system-namespaces' && /kube-system/.test(d.message))).toBe(true);
    // Bookkeeping a manifest would not carry is gone.
    expect(JSON.stringify(frontend.attributes)).not.toContain('managedFields');
    expect(JSON.stringify(frontend.attributes)).not.toContain('last-applied-configuration');
  });

  it('never keeps a Secret value (not even in last-applied), only the key names', async () => {
    const snap = await readCluster({ context: 'kind-shop', kubeconfig });
    const secret = snap.resources.find((r) => r.address === 'k8s:shop/Secret/redis-auth')!;
    expect(Object.keys(secret.attributes.data as object).sort()).toEqual(['password', 'url']);
    const everything = JSON.stringify(snap) + JSON.stringify(await liveGraph(snap));
    expect(everything).not.toContain('hunter2');
    expect(everything).not.toContain(Buffer.from('hunter2-cart-redis').toString('base64'));
    expect(everything).not.toContain('PRIVATE-KEY');
  });

  it('feeds the same semantics: the graph equals the one of the same objects as manifest files', async () => {
    const snap = await readCluster({ context: 'kind-shop', kubeconfig });
    const live = await liveGraph(snap);
    // The same objects written as a manifest directory (what `kubectl get -o yaml` would save).
    const manifests = join(dir, 'manifests');
    rmSync(manifests, { recursive: true, force: true });
    const docs: string[] = [];
    for (const f of ['deployments', 'statefulsets', 'daemonsets', 'cronjobs', 'jobs', 'pods', 'services', 'ingresses', 'networkpolicies', 'configmaps', 'secrets', 'persistentvolumeclaims', 'namespaces']) {
      const list = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test/live/recorded', `${f}.json`), 'utf8')) as { kind: string; apiVersion: string; items: Array<{ metadata: { namespace?: string; name: string; ownerReferences?: unknown[] } }> };
      const kind = list.kind.replace(/List$/, '');
      for (const item of list.items) {
        if (item.metadata.namespace === 'kube-system' || (kind === 'Namespace' && item.metadata.name === 'kube-system')) continue;
        if ((kind === 'Pod' || kind === 'Job') && item.metadata.ownerReferences?.length) continue;
        docs.push(dump({ apiVersion: list.apiVersion, kind, ...item }));
      }
    }
    const { mkdirSync } = await import('node:fs');
    mkdirSync(manifests, { recursive: true });
    writeFileSync(join(manifests, 'all.yaml'), docs.join('---\n'));
    const files = (await scanGraph({ rootDir: manifests, paths: [''] })).graph;

    const shape = (g: typeof live) => ({
      components: g.components.map((c) => [c.id, c.type, c.technology, c.internet, c.multiplicity ?? null]),
      flows: g.flows.map((f) => [f.id, f.protocol, f.port ?? null, f.confidence]),
      boundaries: g.boundaries.map((b) => [b.id, b.type, [...b.members]]),
      dataAssets: g.dataAssets.map((d) => [d.id, d.kind]),
    });
    const a = shape(live);
    const b = shape(files);
    expect(a.components).toEqual(b.components);
    expect(a.boundaries).toEqual(b.boundaries);
    expect(a.dataAssets).toEqual(b.dataAssets);
    // Flows too. (A URL inside a Secret value is the one thing files can see and live cannot:
    // live never reads values. No workload here takes a URL from a Secret.)
    expect(a.flows).toEqual(b.flows);

    // And what a reviewer expects of this shop.
    const ids = new Set(live.components.map((c) => c.id));
    for (const id of ['frontend', 'cartservice', 'redis-cart', 'log-agent', 'report-nightly', 'db-migrate', 'debug-shell', 'internet']) expect(ids.has(id), id).toBe(true);
    const flows = new Set(live.flows.map((f) => f.id));
    for (const id of ['internet>frontend', 'frontend>cartservice', 'cartservice>redis-cart', 'report-nightly>cartservice', 'db-migrate>redis-cart']) expect(flows.has(id), id).toBe(true);
    expect(live.components.find((c) => c.id === 'redis-cart')?.type).toBe('datastore');
    expect(live.components.find((c) => c.id === 'frontend')?.sources[0]?.location.file).toBe('cluster:kind-shop/shop/Deployment/frontend');
  });

  it('reads one namespace with --namespace, including its labels', async () => {
    api.requests.length = 0;
    const snap = await readCluster({ context: 'kind-shop', kubeconfig, namespace: 'shop' });
    expect(api.requests.every((r) => r.url.startsWith('/api/v1/namespaces/shop') || r.url.startsWith('/apis/') && r.url.includes('/namespaces/shop/'))).toBe(true);
    expect(snap.resources.some((r) => r.address === 'k8s:Namespace/shop')).toBe(true);
    expect(snap.diagnostics.some((d) => d.code === 'live-system-namespaces')).toBe(false);
  });

  it('says so when a namespace has nothing in it (a typo, most often)', async () => {
    const snap = await readCluster({ context: 'kind-shop', kubeconfig, namespace: 'shpo' });
    expect(snap.resources).toEqual([]);
    expect(snap.diagnostics.find((d) => d.code === 'live-empty')?.message).toContain('in namespace shpo (does it exist?');
    expect(snap.diagnostics.some((d) => d.code === 'live-namespaces-unreadable')).toBe(true);
  });
});

describe('errors a user can act on', () => {
  it('a context that does not exist lists the available ones', async () => {
    const e = await failure(readCluster({ context: 'prod', kubeconfig }));
    expect(e.kind).toBe('unknown-context');
    expect(e.message).toContain("context 'prod' does not exist");
    expect(e.message).toContain('available contexts: kind-down, kind-shop');
  });

  it('an unreachable cluster says where it tried', async () => {
    const e = await failure(readCluster({ context: 'kind-down', kubeconfig, timeoutMs: 10_000 }));
    expect(e.kind).toBe('unreachable');
    expect(e.message).toContain(`cannot reach the cluster of context 'kind-down' at http://127.0.0.1:${closedPort}: ECONNREFUSED`);
  });

  it('403 names the resources and verb and the RBAC to grant', async () => {
    const strict = await startFakeApiServer({ forbid: ['secrets', 'networkpolicies'] });
    try {
      const cfg = writeKubeconfig(join(dir, 'kubeconfig-403'), { 'kind-rbac': strict.url });
      const e = await failure(readCluster({ context: 'kind-rbac', kubeconfig: cfg }));
      expect(e.kind).toBe('forbidden');
      expect(e.message).toContain('list secrets cluster-wide (all namespaces)');
      expect(e.message).toContain('list networkpolicies.networking.k8s.io cluster-wide');
      expect(e.message).toContain('User "ci-reader" cannot list resource "secrets"');
      expect(e.message).toContain('kubectl create clusterrole infragile-reader --verb=list --resource=networkpolicies.networking.k8s.io,secrets');
      const ns = await failure(readCluster({ context: 'kind-rbac', kubeconfig: cfg, namespace: 'shop' }));
      expect(ns.message).toContain('list secrets in namespace shop');
      expect(ns.message).toContain('kubectl create role infragile-reader -n shop');
    } finally {
      await strict.close();
    }
  });

  it('401 says the credential is expired or invalid', async () => {
    const locked = await startFakeApiServer({ unauthorized: true });
    try {
      const cfg = writeKubeconfig(join(dir, 'kubeconfig-401'), { 'kind-expired': locked.url });
      const e = await failure(readCluster({ context: 'kind-expired', kubeconfig: cfg }));
      expect(e.kind).toBe('unauthorized');
      expect(e.message).toContain('rejected the credentials (401 Unauthorized)');
    } finally {
      await locked.close();
    }
  });
});

describe('the CLI', () => {
  /** Async: the fake server lives in this process and must keep answering. */
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  const built = ensureBuilt();

  it.skipIf(!built)('graph --kube-context reads the cluster without paths', { timeout: 90_000 }, async () => {
    const r = await run(['graph', '--kube-context', 'kind-shop', '-f', 'json', '-q'], { KUBECONFIG: kubeconfig });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const graph = JSON.parse(r.stdout) as { components: Array<{ id: string }> };
    expect(graph.components.map((c) => c.id)).toContain('frontend');
    expect(r.stdout).not.toContain('hunter2');
  });

  it.skipIf(!built)('cluster problems exit 2 with one message and no stack trace', { timeout: 90_000 }, async () => {
    for (const [args, expected] of [
      [['scan', '--kube-context', 'prod'], "context 'prod' does not exist"],
      [['scan', '--kube-context', 'kind-down'], 'cannot reach the cluster'],
      [['drift', '--kube-context', 'kind-down', '--model', 'threagile.yaml'], 'cannot reach the cluster'],
      [['graph', '--namespace', 'shop'], '--namespace needs --kube-context'],
      [['graph'], 'give the files or directories to scan'],
    ] as const) {
      writeFileSync(join(dir, 'threagile.yaml'), 'threagile_version: 1.0.0\ntitle: t\ntechnical_assets:\n  a:\n    id: a\n    type: process\n');
      const r = await run([...args], { KUBECONFIG: kubeconfig });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(expected);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
