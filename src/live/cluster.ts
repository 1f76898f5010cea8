/**
 * Read a live cluster: load the kubeconfig (as kubectl does: $KUBECONFIG, ~/.kube/config), pick the
 * context, list every kind of ./kinds.ts (one namespace or all, paged), and convert what comes back
 * into adapter Resources. Read-only: only `list` (and `get` on the one namespace asked for).
 * Objects come back through the client's typed models, which drop fields their generated classes do
 * not know (newer than the client); toWire restores the API's field names.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Resource } from '../graph/resource.js';
import type { Diagnostic } from '../graph/types.js';
import { apiClass, loadClient, toWire, type ApiClient, type ClientModule, type KubeConfigLike } from './client.js';
import { classify, LiveError, type ListFailure } from './errors.js';
import { LIVE_KINDS, NAMESPACE_KIND, SYSTEM_NAMESPACES, rbacName, type ApiClass, type LiveKind, type LiveObject } from './kinds.js';
import { liveLocation, toResources } from './to-resources.js';

export interface LiveRequest {
  context: string;
  /** One namespace; omitted: all namespaces except the control plane's (kube-system …). */
  namespace?: string;
  /** A kubeconfig file; omitted: $KUBECONFIG, else ~/.kube/config. */
  kubeconfig?: string;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** Items per list page (default 500). */
  pageSize?: number;
}

export interface LiveSnapshot {
  context: string;
  server: string;
  resources: Resource[];
  diagnostics: Diagnostic[];
  /** Objects read per kind (after the owner filter). */
  counts: Record<string, number>;
}

export async function readCluster(req: LiveRequest): Promise<LiveSnapshot> {
  const mod = await loadClient();
  const kc = loadKubeConfig(mod, req.kubeconfig);
  const contexts = kc.getContexts();
  const ctx = contexts.find((c) => c.name === req.context);
  if (!ctx) {
    const names = contexts.map((c) => c.name).sort();
    throw new LiveError('unknown-context', `context '${req.context}' does not exist in ${kubeconfigName(req.kubeconfig)}; available contexts: ${names.length ? names.join(', ') : 'none'} (see \`kubectl config get-contexts\`)`);
  }
  kc.setCurrentContext(ctx.name);
  const server = kc.getCluster(ctx.cluster)?.server ?? '(no server in the kubeconfig)';
  const clients = new Map<ApiClass, ApiClient>();
  const client = (api: ApiClass) => {
    let c = clients.get(api);
    if (!c) clients.set(api, (c = kc.makeApiClient(apiClass(mod, api))));
    return c;
  };
  const opts = { timeoutMs: req.timeoutMs ?? 30_000, pageSize: req.pageSize ?? 500, server };

  const results = await Promise.allSettled(LIVE_KINDS.map((k) => listKind(client(k.api), k, req.namespace, opts)));
  const failures: ListFailure[] = [];
  results.forEach((r, i) => {
    if (r.status === 'rejected') failures.push({ kind: LIVE_KINDS[i]!, ...(req.namespace ? { namespace: req.namespace } : {}), error: r.reason });
  });
  if (failures.length) throw classify(failures, ctx.name, server);

  const snapshot: LiveSnapshot = { context: ctx.name, server, resources: [], diagnostics: [], counts: {} };
  const clusterLocation = liveLocation(ctx.name, 'Cluster', ctx.cluster);
  let skipped = 0;
  const add = (kind: LiveKind, items: LiveObject[]) => {
    const kept = req.namespace ? items : items.filter((o) => !SYSTEM_NAMESPACES.has(namespaceOf(o, kind)));
    skipped += items.length - kept.length;
    const converted = toResources(ctx.name, kind, kept);
    snapshot.resources.push(...converted.resources);
    snapshot.diagnostics.push(...converted.diagnostics);
    snapshot.counts[kind.kind] = converted.resources.length;
  };
  results.forEach((r, i) => add(LIVE_KINDS[i]!, r.status === 'fulfilled' ? r.value : []));

  // Namespaces only add labels for NetworkPolicy namespaceSelectors: missing them is a note, not a failure.
  try {
    const namespaces = req.namespace ? [await readNamespace(client('CoreV1Api'), req.namespace, opts)] : await listKind(client('CoreV1Api'), NAMESPACE_KIND, undefined, opts);
    add(NAMESPACE_KIND, namespaces);
  } catch (e) {
    snapshot.diagnostics.push({
      severity: 'warning',
      code: 'live-namespaces-unreadable',
      location: clusterLocation,
      message: `could not read namespace labels (${req.namespace ? `get namespaces/${req.namespace}` : `list ${rbacName(NAMESPACE_KIND)}`}: ${(e as Error).message.split('\n')[0]}); NetworkPolicy namespaceSelectors match by namespace name only`,
    });
  }
  if (snapshot.resources.every((r) => r.type === 'Namespace')) {
    snapshot.diagnostics.push({
      severity: 'warning',
      code: 'live-empty',
      location: clusterLocation,
      message: `no workloads, Services or other objects were found ${req.namespace ? `in namespace ${req.namespace} (does it exist? \`kubectl --context ${ctx.name} get namespaces\`)` : 'outside the control-plane namespaces'}`,
    });
  }
  if (skipped) {
    snapshot.diagnostics.push({
      severity: 'info',
      code: 'live-system-namespaces',
      location: clusterLocation,
      message: `${skipped} objects in ${[...SYSTEM_NAMESPACES].join(', ')} left out (the control plane); pass --namespace kube-system to read one of them`,
    });
  }
  return snapshot;
}

function loadKubeConfig(mod: ClientModule, file: string | undefined): KubeConfigLike {
  const kc = new mod.KubeConfig();
  try {
    if (file) kc.loadFromFile(file);
    else kc.loadFromDefault();
  } catch (e) {
    throw new LiveError('no-kubeconfig', `cannot read the kubeconfig ${kubeconfigName(file)}: ${(e as Error).message.split('\n')[0]}`);
  }
  return kc;
}

function kubeconfigName(file: string | undefined): string {
  return file ?? process.env.KUBECONFIG ?? join(homedir(), '.kube', 'config');
}

function namespaceOf(o: LiveObject, kind: LiveKind): string {
  return kind.kind === 'Namespace' ? (o.metadata?.name ?? '') : (o.metadata?.namespace ?? '');
}

interface ListOptions {
  timeoutMs: number;
  pageSize: number;
  server: string;
}

/** Every object of a kind, page by page; items as plain JSON (dates as strings). */
async function listKind(client: ApiClient, kind: LiveKind, namespace: string | undefined, opts: ListOptions): Promise<LiveObject[]> {
  const method = kind.kind === 'Namespace' ? 'listNamespace' : namespace ? `listNamespaced${kind.kind}` : `list${kind.kind}ForAllNamespaces`;
  const fn = client[method];
  if (!fn) throw new Error(`@kubernetes/client-node has no ${method}`);
  const items: LiveObject[] = [];
  let next: string | undefined;
  do {
    const params: Record<string, unknown> = { limit: opts.pageSize, ...(namespace ? { namespace } : {}), ...(next ? { _continue: next } : {}) };
    const page = await withTimeout(fn.call(client, params), opts, `listing ${rbacName(kind)}`);
    for (const item of page.items ?? []) items.push(toWire(item) as LiveObject);
    next = page.metadata?._continue ?? page.metadata?.continue ?? undefined;
  } while (next);
  return items;
}

async function readNamespace(client: ApiClient, name: string, opts: ListOptions): Promise<LiveObject> {
  const fn = client.readNamespace as unknown as ((p: Record<string, unknown>) => Promise<unknown>) | undefined;
  if (!fn) throw new Error('@kubernetes/client-node has no readNamespace');
  return toWire(await withTimeout(fn.call(client, { name }), opts, `reading namespace ${name}`)) as LiveObject;
}

function withTimeout<T>(p: Promise<T>, opts: ListOptions, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new LiveError('timeout', `no answer from ${opts.server} within ${Math.round(opts.timeoutMs / 1000)} s while ${what}; check the network path to the cluster (VPN, proxy, firewall)`)),
      opts.timeoutMs,
    );
    timer.unref?.();
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
