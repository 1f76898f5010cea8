import { threagileRule } from '../../src/analyze/define.js';
import { EXCLUSIVELY_BACKEND, EXCLUSIVELY_FRONTEND } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'mixed-targets-on-shared-runtime',
  title: 'Mixed Targets on Shared Runtime',
  description: 'A shared runtime (hypervisor, cluster, host) runs assets from different trust boundaries, or frontend next to backend components.',
  impact: 'Breaking out of the weaker workload lands the attacker beside the more valuable one.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'Runtime Separation',
  mitigation: 'Run workloads of different trust levels on separate runtimes, or at least separate node pools or hosts.',
  check: 'Do shared runtimes host only workloads of one trust boundary and tier?',
  function: 'operations',
  stride: 'elevation-of-privilege',
  detectionLogic: 'Shared runtimes whose assets sit in different trust boundaries, or that run both exclusively-frontend and exclusively-backend technologies.',
  riskAssessment: 'Unlikely; impact medium when a running asset is rated strictly-confidential or mission-critical, else low.',
  falsePositives: 'Runtimes with strong tenant isolation may be accepted after review.',
  modelFailurePossibleReason: false,
  cwe: 1008,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const sr of model.sharedRuntimes) {
    let current = '';
    let mixed = false;
    let frontend = false;
    let backend = false;
    for (const id of sr.technicalAssetsRunning) {
      const boundary = model.directBoundary(id)?.id ?? '';
      if (current !== '' && current !== boundary) {
        mixed = true;
        break;
      }
      current = boundary;
      const a = model.asset(id);
      if (a && EXCLUSIVELY_FRONTEND.has(a.technology)) frontend = true;
      if (a && EXCLUSIVELY_BACKEND.has(a.technology)) backend = true;
    }
    if (!mixed && !(frontend && backend)) continue;
    const more = sr.technicalAssetsRunning.some((id) => {
      const a = model.asset(id);
      return !!a && (a.confidentiality === 'strictly-confidential' || a.integrity === 'mission-critical' || a.availability === 'mission-critical');
    });
    risks.push(
      makeRisk(category, {
        likelihood: 'unlikely', impact: more ? 'medium' : 'low',
        title: `<b>Mixed Targets on Shared Runtime</b> named <b>${sr.title}</b> might enable attackers moving from one less valuable target to a more valuable one`,
        idParts: [sr.id], mostRelevantSharedRuntime: sr.id, dataBreachProbability: 'improbable', dataBreachTechnicalAssets: sr.technicalAssetsRunning,
      }),
    );
  }
  return risks;
});
