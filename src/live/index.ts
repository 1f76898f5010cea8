/** The live-cluster source: `--kube-context NAME [--namespace NS]`. See README.md. */
export { readCluster, type LiveRequest, type LiveSnapshot } from './cluster.js';
export { LiveError, requiredResources } from './errors.js';
export { LIVE_KINDS, SYSTEM_NAMESPACES } from './kinds.js';
