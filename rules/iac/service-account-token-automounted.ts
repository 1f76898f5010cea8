/**
 * Kubernetes workloads that get a service account token mounted (the default) although their
 * service account has no RoleBinding or ClusterRoleBinding: the workload has no API access to do,
 * so the token only helps an attacker who gets into the pod.
 */
import type { Evidence } from '../../src/graph/types.js';
import { anchorOf, attributeEvidence, iacRule, sourceEvidence, type Finding, type IacCategory, type IacView } from './kit.js';
import { podSpecs } from './workload-facts.js';

export const category: IacCategory = {
  id: 'service-account-token-automounted',
  title: 'Service Account Token Mounted Without Need',
  description: 'A pod gets a Kubernetes API token mounted automatically although its service account is granted no API permissions.',
  impact: 'After a compromise the token lets the attacker query the API server (discovery, and whatever the default or future bindings allow), and it is a credential that can leak.',
  asvs: 'V4 - Access Control Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Kubernetes_Security_Cheat_Sheet.html',
  action: 'Least Privilege',
  mitigation: 'Set `automountServiceAccountToken: false` on the pod spec (or on the ServiceAccount), and mount a projected token only where the workload calls the API.',
  check: 'Do only workloads that call the Kubernetes API get a token?',
  function: 'operations',
  stride: 'elevation-of-privilege',
  detectionLogic: 'Workloads with automountServiceAccountToken true (explicit or the default) whose service account appears in no RoleBinding/ClusterRoleBinding subject in the scanned manifests.',
  riskAssessment: 'Unlikely to matter alone; medium impact.',
  falsePositives: 'Bindings defined outside the scanned manifests (another repository, a Helm chart not rendered).',
  modelFailurePossibleReason: false,
  cwe: 250,
  severityRationale: 'The token is only useful after a pod compromise (unlikely) and grants what the service account is bound to (medium at most here, since no binding was seen).',
};

export const rule = iacRule(category, (view) => {
  const bound = boundServiceAccounts(view);
  const out: Finding[] = [];
  for (const c of view.components) {
    if (c.attributes.automountServiceAccountToken !== true) continue;
    const ns = typeof c.attributes.namespace === 'string' ? c.attributes.namespace : 'default';
    const sa = typeof c.attributes.serviceAccount === 'string' ? c.attributes.serviceAccount : 'default';
    if (bound.has(`${ns}/${sa}`)) continue;
    const evidence: Evidence[] = podSpecs(view, c).map((p) =>
      p.spec.automountServiceAccountToken === true
        ? attributeEvidence(p.resource, `${p.path}.automountServiceAccountToken`, 'k8s-sa-token', `${p.resource.address} sets automountServiceAccountToken: true`)
        : attributeEvidence(p.resource, p.path, 'k8s-sa-token', `${p.resource.address} pod spec does not set automountServiceAccountToken: false (service account ${sa})`),
    );
    out.push({
      anchor: anchorOf(c),
      likelihood: 'unlikely',
      impact: 'medium',
      what: `API token of service account ${sa} mounted, no RBAC binding seen`,
      evidence: evidence.length ? evidence : sourceEvidence(c),
    });
  }
  return out;
});

/** `namespace/name` of every ServiceAccount that is a subject of a (Cluster)RoleBinding. */
function boundServiceAccounts(view: IacView): Set<string> {
  const out = new Set<string>();
  for (const b of view.ofType('RoleBinding', 'ClusterRoleBinding')) {
    if (b.format !== 'k8s') continue;
    const bindingNs = b.address.slice(4).split('/').length === 3 ? b.address.slice(4).split('/')[0]! : 'default';
    const subjects = b.attributes.subjects;
    if (!Array.isArray(subjects)) continue;
    for (const s of subjects as Array<Record<string, unknown>>) {
      if (s?.kind === 'ServiceAccount' && typeof s.name === 'string') out.add(`${typeof s.namespace === 'string' ? s.namespace : bindingNs}/${s.name}`);
    }
  }
  return out;
}
