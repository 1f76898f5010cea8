/**
 * The Kubernetes kind catalog: which kinds are cluster-scoped (no namespace in their address), which
 * run pods (and where their pod template is), and which are folded into other elements. Adding a
 * kind touches this file only.
 */

/** Kinds that live outside namespaces: their address is `k8s:<Kind>/<name>`. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'StorageClass', 'PriorityClass', 'IngressClass', 'RuntimeClass', 'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'APIService', 'GatewayClass', 'PodSecurityPolicy', 'CSIDriver', 'CSINode', 'VolumeSnapshotClass',
  'ClusterIssuer', 'ClusterPolicy', 'ClusterSecretStore', 'FlowSchema', 'PriorityLevelConfiguration',
]);

export interface WorkloadKind {
  /** Path from the object to its pod spec's parent (the pod template), '' for a Pod itself. */
  template: string[];
  /** Technology when no well-known image says otherwise. */
  defaultTechnology: 'web-service-rest' | 'batch-processing' | 'task';
  /** Runs on every node: multiplicity is `per-node`. */
  perNode?: boolean;
}

/**
 * Kinds that run pods → components. Keyed by kind; Argo Rollouts share Deployment's shape. A Map, not
 * an object literal: a kind is input, and `kind: constructor` must miss, not find Object's member.
 */
export const WORKLOAD_KINDS: ReadonlyMap<string, WorkloadKind> = new Map([
  ['Deployment', { template: ['spec', 'template'], defaultTechnology: 'web-service-rest' }],
  ['StatefulSet', { template: ['spec', 'template'], defaultTechnology: 'web-service-rest' }],
  ['DaemonSet', { template: ['spec', 'template'], defaultTechnology: 'web-service-rest', perNode: true }],
  ['ReplicaSet', { template: ['spec', 'template'], defaultTechnology: 'web-service-rest' }],
  ['ReplicationController', { template: ['spec', 'template'], defaultTechnology: 'web-service-rest' }],
  ['Rollout', { template: ['spec', 'template'], defaultTechnology: 'web-service-rest' }],
  ['Job', { template: ['spec', 'template'], defaultTechnology: 'batch-processing' }],
  ['CronJob', { template: ['spec', 'jobTemplate', 'spec', 'template'], defaultTechnology: 'batch-processing' }],
  ['Pod', { template: [], defaultTechnology: 'web-service-rest' }],
]);

/**
 * Kinds whose meaning is folded into components, flows, boundaries or data assets. Everything not
 * here and not a workload (CRDs, custom resources, unknown kinds) stays unmapped and is counted.
 */
export const FOLDED_KINDS: ReadonlySet<string> = new Set([
  'Service', 'Ingress', 'IngressClass', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'Gateway', 'GatewayClass',
  'NetworkPolicy', 'Namespace', 'ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount',
  'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'HorizontalPodAutoscaler', 'PodDisruptionBudget',
  'Endpoints', 'EndpointSlice', 'LimitRange', 'ResourceQuota', 'PriorityClass',
]);

/** Kinds that are build inputs, not cluster objects: claimed, never turned into resources. */
export const BUILD_INPUT_KINDS: ReadonlySet<string> = new Set(['Kustomization', 'Component']);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}

/**
 * apiVersions of tools' own configuration files that borrow the Kubernetes shape (kind, k3d,
 * Skaffold, kubeadm, kubelet, kubeconfig) but are not cluster objects: a file made only of these is
 * not claimed.
 */
const TOOL_CONFIG_API = /^(kind\.x-k8s\.io|k3d\.io|skaffold|kubeadm\.k8s\.io|kubelet\.config\.k8s\.io|kubeproxy\.config\.k8s\.io|apiserver\.config\.k8s\.io|client\.authentication\.k8s\.io|ctlptl\.dev|kuttl\.dev)\//;

export function isToolConfig(apiVersion: string, kind: string): boolean {
  return TOOL_CONFIG_API.test(apiVersion) || (apiVersion === 'v1' && kind === 'Config');
}
