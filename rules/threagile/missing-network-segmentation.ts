import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { CLOSE_TO_HIGH_VALUE_TARGETS_TOLERATED, LESS_PROTECTED, NO_NETWORK_SEGMENTATION_REQUIRED } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import { SegmentCounter, excusedNeighbours } from '../../src/analyze/segments.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import type { TechnicalAsset } from '../../src/model/types.js';

export const category: RiskCategory = {
  id: 'missing-network-segmentation',
  title: 'Missing Network Segmentation',
  description: 'Highly attractive assets share a network segment with less protected assets they do not even talk to.',
  impact: 'A compromised weak neighbour gives the attacker network reach to the valuable asset.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'Network Segmentation',
  mitigation: 'Put sensitive assets into their own segment and allow only the flows they need.',
  check: 'Are sensitive assets separated from unrelated, less protected assets by network controls?',
  function: 'operations',
  stride: 'elevation-of-privilege',
  detectionLogic: 'In-scope assets (not reverse proxies, WAF, IDS, IPS, service registries) with RAA of at least 50 % that are datastores or rated confidential/critical, sharing a network trust boundary with a less protected asset they have no direct link with.',
  riskAssessment: 'Unlikely; impact medium for strictly-confidential or mission-critical assets, else low.',
  falsePositives: 'Segments where host firewalls already restrict the neighbours.',
  modelFailurePossibleReason: false,
  cwe: 1008,
};

const RAA_LIMIT = 50;
const weakNeighbour = (a: TechnicalAsset): boolean => LESS_PROTECTED.has(a.technology) && !CLOSE_TO_HIGH_VALUE_TARGETS_TOLERATED.has(a.technology);

export const rule = threagileRule(category, ({ model }) => {
  const key = (id: string): string => model.networkBoundaryId(id);
  const segments = new SegmentCounter(key, weakNeighbour, model.assets);
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || NO_NETWORK_SEGMENTATION_REQUIRED.has(a.technology) || model.raa(a.id) < RAA_LIMIT) continue;
    if (!(a.type === 'datastore' || cAtLeast(a.confidentiality, 'confidential') || critAtLeast(a.integrity, 'critical') || critAtLeast(a.availability, 'critical'))) continue;
    if (!segments.hasOther(a, excusedNeighbours(model, a, key, weakNeighbour))) continue;
    const more = a.confidentiality === 'strictly-confidential' || a.integrity === 'mission-critical' || a.availability === 'mission-critical';
    risks.push(
      makeRisk(category, {
        likelihood: 'unlikely', impact: more ? 'medium' : 'low',
        title: `<b>Missing Network Segmentation</b> to further encapsulate and protect <b>${a.title}</b> against unrelated lower protected assets in the same network segment, which might be easier to compromise by attackers`,
        idParts: [a.id], mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
      }),
    );
  }
  return risks;
});
