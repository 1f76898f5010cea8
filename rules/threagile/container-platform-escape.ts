import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import { handlesMostCriticalData } from './sensitivity.js';

export const category: RiskCategory = {
  id: 'container-platform-escape',
  title: 'Container Platform Escape',
  description: 'A container platform that can be broken out of exposes every workload it schedules: one compromised container becomes the whole cluster.',
  impact: 'An escape gives the attacker the node and, from there, the data of every container on the platform.',
  asvs: 'V14 - Configuration Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Kubernetes_Security_Cheat_Sheet.html',
  action: 'Container Infrastructure Hardening',
  mitigation: 'Patch the platform, run containers unprivileged and read-only, apply seccomp/AppArmor profiles, forbid host mounts and host networking, and separate workloads of different sensitivity onto different nodes.',
  check: 'Are platform hardening benchmarks applied and privileged workloads forbidden?',
  function: 'operations',
  stride: 'elevation-of-privilege',
  detectionLogic: 'In-scope technical assets of technology container-platform.',
  riskAssessment: 'Medium, high when the platform handles strictly-confidential or mission-critical data.',
  falsePositives: 'Platforms with strong isolation (e.g. microVM sandboxes) may be accepted after review.',
  modelFailurePossibleReason: false,
  cwe: 1008,
};

export const rule = threagileRule(
  category,
  ({ model }) => {
    const risks: Risk[] = [];
    const containers = model.assets.filter((a) => a.machine === 'container').map((a) => a.id);
    for (const a of model.assets) {
      if (a.outOfScope || a.technology !== 'container-platform') continue;
      const high = handlesMostCriticalData(model, a);
      risks.push(
        makeRisk(category, {
          likelihood: 'unlikely', impact: high ? 'high' : 'medium', title: `<b>Container Platform Escape</b> risk at <b>${a.title}</b>`,
          idParts: [a.id], mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'probable', dataBreachTechnicalAssets: containers,
        }),
      );
    }
    return risks;
  },
  ['docker', 'kubernetes', 'openshift'],
);
