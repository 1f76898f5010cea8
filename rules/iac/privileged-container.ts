/**
 * Containers that share the host: privileged mode, the host's network/PID/IPC namespaces, host
 * directories (hostPath, bind mounts of system paths) or dangerous added capabilities. One finding
 * per component listing every such fact, each with its line.
 */
import type { Evidence } from '../../src/graph/types.js';
import { anchorOf, attributeEvidence, iacRule, strList, type Finding, type IacCategory } from './kit.js';
import { composeEvidence, containersOf, podSpecs } from './workload-facts.js';

export const category: IacCategory = {
  id: 'privileged-container',
  title: 'Privileged Container',
  description: 'A container runs privileged, joins the host\'s network, PID or IPC namespace, mounts host directories, or adds capabilities that break isolation.',
  impact: 'A compromise of the container is a compromise of the node: every other workload on it, the kubelet or Docker credentials, and the host network.',
  asvs: 'V14 - Configuration Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Kubernetes_Security_Cheat_Sheet.html',
  action: 'Container Hardening',
  mitigation: 'Drop privileged, hostNetwork, hostPID, hostIPC and hostPath; add only the capabilities needed (never SYS_ADMIN, NET_ADMIN, SYS_PTRACE, ALL); enforce the Kubernetes restricted Pod Security Standard.',
  check: 'Do all workloads meet the restricted Pod Security Standard, with documented exceptions only for node agents?',
  function: 'operations',
  stride: 'elevation-of-privilege',
  detectionLogic: 'Workload attributes privileged, hostNetwork, hostPID, hostIPC, hostPath volumes, or added capabilities from the dangerous list.',
  riskAssessment: 'Likely to matter once any container is compromised; very high impact (node takeover).',
  falsePositives: 'Node agents (CNI, log shippers, monitoring exporters) that need host access by design: suppress them with a reason.',
  modelFailurePossibleReason: false,
  cwe: 250,
  severityRationale: 'Exploitation needs a foothold in the container first (likely, not very likely), but then yields the node and its neighbours (very high impact).',
};

const DANGEROUS_CAPS = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'DAC_READ_SEARCH', 'SYS_RAWIO', 'BPF', 'PERFMON']);
/** Host paths that are mounted routinely by node agents but still break isolation; docker.sock has its own rule. */
const DOCKER_SOCK = /docker\.sock|containerd\.sock|crio\.sock/;

export const rule = iacRule(category, (view) => {
  const out: Finding[] = [];
  for (const c of view.components) {
    const a = c.attributes;
    const facts: string[] = [];
    const evidence: Evidence[] = [];
    const k8s = podSpecs(view, c);
    const at = (what: string, field: string, k8sField: (p: (typeof k8s)[number]) => Evidence[]) => {
      facts.push(what);
      evidence.push(...k8s.flatMap(k8sField), ...composeEvidence(view, c, field, 'container-privilege', `${c.id}: ${what}`));
    };
    if (a.privileged === true) {
      at('privileged', 'privileged', (p) =>
        containersOf(p)
          .filter(({ c: ctr }) => (ctr.securityContext as Record<string, unknown> | undefined)?.privileged === true)
          .map(({ path }) => attributeEvidence(p.resource, `${path}.securityContext.privileged`, 'container-privilege', `${p.resource.address} container runs privileged`)),
      );
    }
    for (const [flag, label, composeField] of [
      ['hostNetwork', 'host network', 'network_mode'],
      ['hostPID', 'host PID namespace', 'pid'],
      ['hostIPC', 'host IPC namespace', 'ipc'],
      ['pidHost', 'host PID namespace', 'pid'],
      ['ipcHost', 'host IPC namespace', 'ipc'],
    ] as const) {
      if (a[flag] !== true || facts.includes(label)) continue;
      at(label, composeField, (p) => [attributeEvidence(p.resource, `${p.path}.${flag}`, 'container-privilege', `${p.resource.address} uses the ${label}`)]);
    }
    const hostPaths = strList(a.hostPath).filter((h) => !DOCKER_SOCK.test(h));
    if (hostPaths.length) {
      at(`hostPath ${hostPaths.join(', ')}`, 'volumes', (p) => [attributeEvidence(p.resource, `${p.path}.volumes`, 'container-privilege', `${p.resource.address} mounts host paths ${hostPaths.join(', ')}`)]);
    }
    const systemBinds = strList(a.bindMounts).filter((b) => /^\/(?!home\b)/.test(b) && !DOCKER_SOCK.test(b) && /^\/(:|etc|proc|sys|var|root|boot|dev|run|usr|lib)\b/.test(b));
    if (systemBinds.length) at(`host bind mounts ${systemBinds.join(', ')}`, 'volumes', () => []);
    const caps = [...strList(a.capabilitiesAdded), ...strList(a.capAdd)].map((x) => x.toUpperCase().replace(/^CAP_/, '')).filter((x) => DANGEROUS_CAPS.has(x));
    if (caps.length) {
      const list = [...new Set(caps)].sort();
      at(`capabilities ${list.join(', ')}`, 'cap_add', (p) =>
        containersOf(p).map(({ path }) => attributeEvidence(p.resource, `${path}.securityContext.capabilities.add`, 'container-privilege', `${p.resource.address} adds ${list.join(', ')}`)),
      );
    }
    if (facts.length === 0) continue;
    out.push({ anchor: anchorOf(c), likelihood: 'likely', impact: 'very-high', what: facts.join('; '), evidence, dataBreachProbability: 'probable' });
  }
  return out;
});
