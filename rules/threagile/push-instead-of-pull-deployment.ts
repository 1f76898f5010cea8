import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { DEVELOPMENT_RELEVANT } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { ExploitationImpact } from '../../src/model/enums.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'push-instead-of-pull-deployment',
  title: 'Push instead of Pull Deployment',
  description: 'A build pipeline that pushes into production holds write credentials for every target; pull-based deployment keeps those credentials away from the pipeline.',
  impact: 'A compromised pipeline can deploy anything anywhere it pushes to.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'Build Pipeline Hardening',
  mitigation: 'Let targets pull signed artifacts (GitOps style) instead of giving the pipeline push access to them.',
  check: 'Does the pipeline hold write access to production targets?',
  function: 'architecture',
  stride: 'tampering',
  detectionLogic: 'Build pipelines with non-readonly devops links to in-scope business targets that are not development-relevant.',
  riskAssessment: 'Unlikely; impact medium once a target handles confidential or critical data, else low.',
  falsePositives: 'Pipelines whose push credentials are narrowly scoped and short-lived may be accepted after review.',
  modelFailurePossibleReason: true,
  cwe: 1127,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  // As in Threagile, the impact, once raised, stays raised for every later risk of this run.
  let impact: ExploitationImpact = 'low';
  for (const pipeline of model.assets) {
    if (pipeline.technology !== 'build-pipeline') continue;
    for (const link of pipeline.communicationLinks) {
      const target = model.asset(link.targetId);
      if (!target || link.readonly || link.usage !== 'devops' || target.outOfScope || DEVELOPMENT_RELEVANT.has(target.technology) || target.usage !== 'business') continue;
      if (cAtLeast(model.highestConfidentiality(target), 'confidential') || critAtLeast(model.highestIntegrity(target), 'critical') || critAtLeast(model.highestAvailability(target), 'critical')) impact = 'medium';
      risks.push(
        makeRisk(category, {
          likelihood: 'unlikely', impact,
          title: `<b>Push instead of Pull Deployment</b> at <b>${target.title}</b> via build pipeline asset <b>${pipeline.title}</b>`,
          // v1 id names only the pipeline: several targets give duplicate ids.
          idParts: [pipeline.id], mostRelevantTechnicalAsset: target.id, mostRelevantCommunicationLink: link.id,
          dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [target.id],
        }),
      );
    }
  }
  return risks;
});
