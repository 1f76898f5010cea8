import { threagileRule } from '../../src/analyze/define.js';
import { CLOSE_TO_HIGH_VALUE_TARGETS_TOLERATED, IDENTITY_RELATED } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import { SegmentCounter } from '../../src/analyze/segments.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import type { TechnicalAsset } from '../../src/model/types.js';

export const category: RiskCategory = {
  id: 'missing-identity-provider-isolation',
  title: 'Missing Identity Provider Isolation',
  description: 'Identity providers and stores share a network segment or execution environment with unrelated, less protected assets.',
  impact: 'Compromising a neighbour puts the attacker next to the system that issues and checks every identity.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'Network Segmentation',
  mitigation: 'Run identity-related assets in their own network segment and execution environment, reachable only by what needs them.',
  check: 'Are identity-related assets isolated from unrelated workloads?',
  function: 'operations',
  stride: 'elevation-of-privilege',
  detectionLogic: 'In-scope identity-related assets that share an execution environment or network trust boundary with an asset that is neither identity-related nor a monitoring/IDS/IPS/load-balancer/reverse-proxy.',
  riskAssessment: 'Likely in the same execution environment, else unlikely; impact high, very high when the asset itself is rated strictly-confidential or mission-critical.',
  falsePositives: 'Shared segments with strong host-level isolation may be accepted after review.',
  modelFailurePossibleReason: false,
  cwe: 1008,
};

const unrelated = (a: TechnicalAsset): boolean => !IDENTITY_RELATED.has(a.technology) && !CLOSE_TO_HIGH_VALUE_TARGETS_TOLERATED.has(a.technology);

export const rule = threagileRule(category, ({ model }) => {
  const sameNetwork = new SegmentCounter((id) => model.networkBoundaryId(id), unrelated, model.assets);
  const sameExecution = new SegmentCounter((id) => model.executionEnvironmentId(id), unrelated, model.assets);
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || !IDENTITY_RELATED.has(a.technology)) continue;
    const execution = sameExecution.hasOther(a);
    if (!execution && !sameNetwork.hasOther(a)) continue;
    const more = a.confidentiality === 'strictly-confidential' || a.integrity === 'mission-critical' || a.availability === 'mission-critical';
    const where = execution ? '<b>in the same execution environment</b>' : '<b>in the same network segment</b>';
    risks.push(
      makeRisk(category, {
        likelihood: execution ? 'likely' : 'unlikely', impact: more ? 'very-high' : 'high',
        title: `<b>Missing Identity Provider Isolation</b> to further encapsulate and protect identity-related asset <b>${a.title}</b> against unrelated lower protected assets ${where}, which might be easier to compromise by attackers`,
        idParts: [a.id], mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
      }),
    );
  }
  return risks;
});
