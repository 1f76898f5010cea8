/**
 * The catalog of what the live source reads: one row per kind, the only place to touch to read
 * another type. The client's generated method names follow the kind (`listNamespacedDeployment`,
 * `listDeploymentForAllNamespaces`), so a row names its API group client and the rest follows.
 */

/** The generated API client classes of @kubernetes/client-node we use. */
export type ApiClass = 'CoreV1Api' | 'AppsV1Api' | 'BatchV1Api' | 'NetworkingV1Api';

export interface LiveKind {
  kind: string;
  apiVersion: string;
  api: ApiClass;
  /** RBAC resource name and API group, for the "grant this" message. */
  resource: string;
  group: string;
  /** Keep this object? (e.g. only Pods no controller owns: the owner is the workload.) */
  keep?(obj: LiveObject): boolean;
}

export interface LiveObject {
  metadata?: { name?: string; namespace?: string; ownerReferences?: Array<{ kind?: string }>; annotations?: Record<string, string>; labels?: Record<string, string>; managedFields?: unknown };
  [key: string]: unknown;
}

const unowned = (o: LiveObject) => !o.metadata?.ownerReferences?.length;
/** A Job a CronJob created is that CronJob's run, not a workload of its own. */
const notFromCronJob = (o: LiveObject) => !o.metadata?.ownerReferences?.some((r) => r.kind === 'CronJob');

export const LIVE_KINDS: readonly LiveKind[] = [
  { kind: 'Deployment', apiVersion: 'apps/v1', api: 'AppsV1Api', resource: 'deployments', group: 'apps' },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', api: 'AppsV1Api', resource: 'statefulsets', group: 'apps' },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', api: 'AppsV1Api', resource: 'daemonsets', group: 'apps' },
  { kind: 'CronJob', apiVersion: 'batch/v1', api: 'BatchV1Api', resource: 'cronjobs', group: 'batch' },
  { kind: 'Job', apiVersion: 'batch/v1', api: 'BatchV1Api', resource: 'jobs', group: 'batch', keep: notFromCronJob },
  { kind: 'Pod', apiVersion: 'v1', api: 'CoreV1Api', resource: 'pods', group: '', keep: unowned },
  { kind: 'Service', apiVersion: 'v1', api: 'CoreV1Api', resource: 'services', group: '' },
  { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', api: 'NetworkingV1Api', resource: 'ingresses', group: 'networking.k8s.io' },
  { kind: 'NetworkPolicy', apiVersion: 'networking.k8s.io/v1', api: 'NetworkingV1Api', resource: 'networkpolicies', group: 'networking.k8s.io' },
  { kind: 'ConfigMap', apiVersion: 'v1', api: 'CoreV1Api', resource: 'configmaps', group: '' },
  { kind: 'Secret', apiVersion: 'v1', api: 'CoreV1Api', resource: 'secrets', group: '' },
  { kind: 'PersistentVolumeClaim', apiVersion: 'v1', api: 'CoreV1Api', resource: 'persistentvolumeclaims', group: '' },
];

/** Namespaces are read for their labels (NetworkPolicy namespaceSelectors), not required. */
export const NAMESPACE_KIND: LiveKind = { kind: 'Namespace', apiVersion: 'v1', api: 'CoreV1Api', resource: 'namespaces', group: '' };

/** Control-plane namespaces skipped unless asked for with --namespace: they are the platform, not the system under review. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export function rbacName(k: LiveKind): string {
  return k.group ? `${k.resource}.${k.group}` : k.resource;
}
