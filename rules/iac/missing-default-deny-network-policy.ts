/**
 * A Kubernetes namespace with no default-deny NetworkPolicy (flat network) that holds sensitive
 * workloads: datastores, or workloads that use secrets, credentials or database contents. Any pod
 * in the cluster can then reach them. One finding per namespace.
 */
import type { Component, Evidence } from '../../src/graph/types.js';
import { iacRule, slug, sourceEvidence, type Finding, type IacCategory } from './kit.js';

export const category: IacCategory = {
  id: 'missing-default-deny-network-policy',
  title: 'Missing Default-Deny Network Policy',
  description: 'A namespace holding datastores or secret-using workloads has no default-deny NetworkPolicy, so every pod in the cluster can connect to them.',
  impact: 'One compromised pod anywhere in the cluster can reach the databases and secret-holding services directly: no lateral-movement barrier.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Kubernetes_Security_Cheat_Sheet.html',
  action: 'Network Segmentation',
  mitigation: 'Add a NetworkPolicy with an empty podSelector and policyTypes [Ingress] (and Egress) to the namespace, then allow exactly the flows the services need.',
  check: 'Does every namespace with sensitive workloads start from default deny?',
  function: 'operations',
  stride: 'elevation-of-privilege',
  detectionLogic: 'A namespace trust boundary whose `defaultDeny` attribute is false, with at least one datastore member or a member that stores or processes secret, credential or database data assets.',
  riskAssessment: 'Likely (lateral movement is the normal next step after a foothold), high impact on the sensitive members.',
  falsePositives: 'Clusters that enforce isolation elsewhere (a service mesh with mTLS authorization, a CNI cluster-wide policy): suppress with a reason.',
  modelFailurePossibleReason: false,
  cwe: 923,
  severityRationale: 'Not directly exposed (likely, not very likely), but it removes the barrier between any pod and the data (high impact).',
};

const SENSITIVE_DATA = new Set(['secret', 'credential', 'database']);

export const rule = iacRule(category, (view) => {
  const sensitive = new Set<string>();
  for (const d of view.graph.dataAssets) {
    if (!SENSITIVE_DATA.has(d.kind)) continue;
    for (const id of [...d.storedBy, ...d.processedBy]) sensitive.add(id);
  }
  const out: Finding[] = [];
  for (const b of [...view.graph.boundaries].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
    if (b.type !== 'network-policy-namespace-isolation' || b.attributes?.defaultDeny !== false) continue;
    const members = b.members.map((id) => view.component(id)).filter((c): c is Component => !!c && view.inScope(c.id));
    const hot = members.filter((c) => c.type === 'datastore' || sensitive.has(c.id));
    if (hot.length === 0) continue;
    const ev: Evidence[] = [
      ...b.evidence.map((e) => ({ ...e, kind: e.kind || 'k8s-namespace', detail: `${e.detail} (no default-deny NetworkPolicy)` })),
      ...hot.flatMap((c) => sourceEvidence(c)),
    ];
    const datastores = hot.filter((c) => c.type === 'datastore').length;
    out.push({
      anchor: { id: slug(b.id), title: b.title },
      likelihood: 'likely',
      impact: 'high',
      what: `${hot.length} sensitive workload${hot.length === 1 ? '' : 's'} (${datastores} datastore${datastores === 1 ? '' : 's'}) reachable from any pod: ${hot.map((c) => c.id).join(', ')}`,
      evidence: ev,
      boundary: b.id,
      affected: hot.map((c) => c.id),
    });
  }
  return out;
});
