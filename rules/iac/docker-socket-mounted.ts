/**
 * The container runtime's socket (docker.sock, containerd.sock, crio.sock) mounted into a container:
 * whoever controls the container controls the runtime, and so the host.
 */
import { anchorOf, attributeEvidence, iacRule, strList, type Finding, type IacCategory } from './kit.js';
import { composeEvidence, podSpecs } from './workload-facts.js';

export const category: IacCategory = {
  id: 'docker-socket-mounted',
  title: 'Container Runtime Socket Mounted',
  description: 'A container mounts the Docker (or containerd/CRI-O) socket of its host.',
  impact: 'The socket grants full control of the container runtime: start a privileged container with the host\'s root filesystem, read every other container\'s secrets. It is root on the host.',
  asvs: 'V14 - Configuration Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
  action: 'Container Hardening',
  mitigation: 'Do not mount the runtime socket. For CI builds use rootless builders (BuildKit rootless, kaniko); for service discovery use a read-only socket proxy that allows only the API calls needed.',
  check: 'Does any container mount the runtime socket, and if so, through a restricting proxy?',
  function: 'operations',
  stride: 'elevation-of-privilege',
  detectionLogic: 'A hostPath volume or bind mount whose path is docker.sock, containerd.sock or crio.sock.',
  riskAssessment: 'Likely to be abused after any container compromise; very high impact (host root).',
  falsePositives: 'Reverse proxies and agents that need the API: still a risk, accept it with a socket proxy in place.',
  modelFailurePossibleReason: false,
  cwe: 250,
  severityRationale: 'The socket is equivalent to root on the host (very high impact) and needs only a foothold in the container (likely).',
};

const SOCKET = /(docker|containerd|crio)\.sock/;

export const rule = iacRule(category, (view) => {
  const out: Finding[] = [];
  for (const c of view.components) {
    const mounts = [...strList(c.attributes.hostPath), ...strList(c.attributes.bindMounts)].filter((m) => SOCKET.test(m));
    if (c.attributes.dockerSocket !== true && mounts.length === 0) continue;
    const evidence = [
      ...podSpecs(view, c).flatMap((p) => {
        const volumes = Array.isArray(p.spec.volumes) ? (p.spec.volumes as Array<Record<string, unknown>>) : [];
        return volumes.flatMap((v, i) => {
          const path = (v?.hostPath as Record<string, unknown> | undefined)?.path;
          return typeof path === 'string' && SOCKET.test(path) ? [attributeEvidence(p.resource, `${p.path}.volumes[${i}]`, 'runtime-socket-mount', `${p.resource.address} mounts ${path}`)] : [];
        });
      }),
      ...composeEvidence(view, c, 'volumes', 'runtime-socket-mount', `${c.id} mounts ${mounts[0] ?? 'the Docker socket'}`),
    ];
    out.push({ anchor: anchorOf(c), likelihood: 'likely', impact: 'very-high', what: `mounts ${[...new Set(mounts.map((m) => m.split(':')[0]))].join(', ') || 'the Docker socket'}`, evidence, dataBreachProbability: 'probable' });
  }
  return out;
});
