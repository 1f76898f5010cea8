import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { ExploitationImpact } from '../../src/model/enums.js';
import type { RiskCategory } from '../../src/analyze/types.js';
import type { TechnicalAsset } from '../../src/model/types.js';

export const category: RiskCategory = {
  id: 'missing-build-infrastructure',
  title: 'Missing Build Infrastructure',
  description: 'Custom-developed parts are modelled, but not the pipeline, repository and developer clients that build them, so their supply-chain risks go unexamined.',
  impact: 'Threats to how the software is built and delivered are invisible in the model.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'Build Pipeline Hardening',
  mitigation: 'Model the build pipeline, the source-code repository and the developer clients (in or out of scope) with their links.',
  check: 'Does the model contain a build pipeline, a source repository and a devops client?',
  function: 'architecture',
  stride: 'tampering',
  detectionLogic: 'Fires once when an in-scope asset has custom-developed parts and the model lacks a build pipeline, a source-code repository or a devops client.',
  riskAssessment: 'Unlikely; medium impact when a custom-developed asset handles confidential or critical data, else low.',
  falsePositives: 'Models that deliberately leave the build chain to a separate model.',
  modelFailurePossibleReason: true,
  cwe: 1127,
};

export const rule = threagileRule(category, ({ model }) => {
  let hasCustom = false;
  let hasPipeline = false;
  let hasRepo = false;
  let hasDevopsClient = false;
  let impact: ExploitationImpact = 'low';
  let example: TechnicalAsset | undefined;
  // The example asset follows Threagile's heuristic (assets walked by id), quirks included.
  const score = (a: TechnicalAsset | undefined): number => (a ? model.highestSensitivityScore(a) : 18);
  for (const a of model.assets) {
    if (a.customDevelopedParts && !a.outOfScope) {
      hasCustom = true;
      if (impact === 'low') {
        example = a;
        if (cAtLeast(model.highestConfidentiality(a), 'confidential') || critAtLeast(model.highestIntegrity(a), 'critical') || critAtLeast(model.highestAvailability(a), 'critical')) impact = 'medium';
      }
      if (cAtLeast(a.confidentiality, 'confidential') || critAtLeast(a.integrity, 'critical') || critAtLeast(a.availability, 'critical')) impact = 'medium';
      if (score(a) > score(example)) example = a;
    }
    if (a.technology === 'build-pipeline') hasPipeline = true;
    if (a.technology === 'sourcecode-repository') hasRepo = true;
    if (a.technology === 'devops-client') hasDevopsClient = true;
  }
  if (!hasCustom || (hasPipeline && hasRepo && hasDevopsClient)) return [];
  return [
    makeRisk(category, {
      likelihood: 'unlikely', impact,
      title: `<b>Missing Build Infrastructure</b> in the threat model (referencing asset <b>${example?.title ?? ''}</b> as an example)`,
      idParts: [example?.id ?? ''], mostRelevantTechnicalAsset: example?.id ?? '', dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [],
    }),
  ];
});
