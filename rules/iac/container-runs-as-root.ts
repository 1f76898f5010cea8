/**
 * Containers configured to run as root: Kubernetes `runAsUser: 0`, compose `user: root` / `0`.
 * Images that merely do not say (no runAsNonRoot) are not reported: the image decides, and the
 * IaC cannot show it.
 */
import { anchorOf, attributeEvidence, iacRule, type Finding, type IacCategory } from './kit.js';
import { composeEvidence, containersOf, podSpecs } from './workload-facts.js';

export const category: IacCategory = {
  id: 'container-runs-as-root',
  title: 'Container Runs as Root',
  description: 'A container is configured to run as user 0 (root).',
  impact: 'Any code execution in the container runs as root: it can modify the image\'s files, and a kernel or runtime flaw becomes a host compromise more easily.',
  asvs: 'V14 - Configuration Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
  action: 'Container Hardening',
  mitigation: 'Run as a dedicated non-root user (`runAsNonRoot: true`, `runAsUser: 10001`; compose `user: "10001"`), with a read-only root filesystem and allowPrivilegeEscalation false.',
  check: 'Do all containers run as a non-root user?',
  function: 'operations',
  stride: 'elevation-of-privilege',
  detectionLogic: 'Workload attribute runAsRoot = true (runAsUser 0, or compose user root/0).',
  riskAssessment: 'Unlikely to be exploited on its own; high impact together with another flaw.',
  falsePositives: 'Init containers that must chown volumes; images that drop privileges themselves.',
  modelFailurePossibleReason: false,
  cwe: 250,
  severityRationale: 'Root in a container is not root on the host by itself (unlikely), but it removes a layer that contains a compromise (high impact).',
};

export const rule = iacRule(category, (view) => {
  const out: Finding[] = [];
  for (const c of view.components) {
    if (c.attributes.runAsRoot !== true) continue;
    const evidence = [
      ...podSpecs(view, c).flatMap((p) => {
        const podUser = (p.spec.securityContext as Record<string, unknown> | undefined)?.runAsUser;
        const containers = containersOf(p).filter(({ c: ctr }) => (ctr.securityContext as Record<string, unknown> | undefined)?.runAsUser === 0);
        const found = containers.map(({ path }) => attributeEvidence(p.resource, `${path}.securityContext.runAsUser`, 'container-root', `${p.resource.address} container runs as user 0`));
        if (podUser === 0) found.push(attributeEvidence(p.resource, `${p.path}.securityContext.runAsUser`, 'container-root', `${p.resource.address} pod runs as user 0`));
        return found;
      }),
      ...composeEvidence(view, c, 'user', 'container-root', `${c.id} runs as user ${String(c.attributes.user ?? 'root')}`),
    ];
    out.push({ anchor: anchorOf(c), likelihood: 'unlikely', impact: 'high', what: 'runs as root (user 0)', evidence });
  }
  return out;
});
