import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { DEVELOPMENT_RELEVANT } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { ExploitationImpact } from '../../src/model/enums.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'unchecked-deployment',
  title: 'Unchecked Deployment',
  description: 'Deployments that go out without automated security checks (dependency, image and configuration scanning) ship known weaknesses.',
  impact: 'Vulnerable dependencies or misconfigurations reach the deployment targets unnoticed.',
  asvs: 'V14 - Configuration Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Vulnerable_Dependency_Management_Cheat_Sheet.html',
  action: 'Build Pipeline Hardening',
  mitigation: 'Gate deployments on dependency, container image, IaC and static-analysis scans.',
  check: 'Does every deployment pass automated security checks?',
  function: 'architecture',
  stride: 'tampering',
  detectionLogic: 'Every development-relevant asset (build pipeline, source repository, artifact registry, code inspection platform, devops client).',
  riskAssessment: 'Unlikely; impact medium when a deployment target reached with integrity-relevant data handles confidential or critical data, else low.',
  falsePositives: 'Pipelines that already enforce such checks.',
  modelFailurePossibleReason: false,
  cwe: 1127,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (!DEVELOPMENT_RELEVANT.has(a.technology)) continue;
    let impact: ExploitationImpact = 'low';
    const breached = new Set<string>([a.id]);
    for (const link of a.communicationLinks) {
      if (link.usage !== 'devops' || !model.sent(link).some((d) => critAtLeast(d.integrity, 'important'))) continue;
      breached.add(link.targetId);
      const target = model.asset(link.targetId);
      if (target && (cAtLeast(model.highestConfidentiality(target), 'confidential') || critAtLeast(model.highestIntegrity(target), 'critical') || critAtLeast(model.highestAvailability(target), 'critical'))) impact = 'medium';
    }
    risks.push(
      makeRisk(category, {
        likelihood: 'unlikely', impact, title: `<b>Unchecked Deployment</b> risk at <b>${a.title}</b>`, idParts: [a.id],
        mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'possible', dataBreachTechnicalAssets: [...breached],
      }),
    );
  }
  return risks;
});
