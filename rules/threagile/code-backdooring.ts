import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { DEVELOPMENT_RELEVANT } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { ExploitationImpact } from '../../src/model/enums.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import type { TechnicalAsset } from '../../src/model/types.js';
import type { ModelIndex } from '../../src/analyze/model-index.js';

export const category: RiskCategory = {
  id: 'code-backdooring',
  title: 'Code Backdooring',
  description: 'Development infrastructure reachable from the internet or from unmanaged clients lets an attacker slip malicious code or dependencies into what gets built and shipped.',
  impact: 'Backdoored code runs wherever it is deployed, with that system\'s privileges and data.',
  asvs: 'V10 - Malicious Code Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Vulnerable_Dependency_Management_Cheat_Sheet.html',
  action: 'Build Pipeline Hardening',
  mitigation: 'Keep build and source infrastructure off the internet or behind VPN, require reviewed and signed commits, pin and verify dependencies, and restrict who can change pipelines.',
  check: 'Are source, build and artifact systems reachable only from managed clients, and are changes reviewed and dependencies verified?',
  function: 'operations',
  stride: 'tampering',
  detectionLogic: 'In-scope development-relevant assets that are internet-facing or called by an internet client without VPN or by an out-of-scope caller.',
  riskAssessment: 'Medium, high when the asset handles confidential or critical-integrity data; low for code-inspection platforms.',
  falsePositives: 'Access only via managed, hardened developer clients may be accepted after review.',
  modelFailurePossibleReason: false,
  cwe: 912,
};

function createRisk(model: ModelIndex, a: TechnicalAsset): Risk {
  let impact: ExploitationImpact = 'low';
  if (a.technology !== 'code-inspection-platform') {
    impact = cAtLeast(model.highestConfidentiality(a), 'confidential') || critAtLeast(model.highestIntegrity(a), 'critical') ? 'high' : 'medium';
  }
  // Deployment targets: devops links that ship integrity-relevant data (code) from this asset.
  const breached = new Set<string>([a.id]);
  for (const link of a.communicationLinks) {
    if (link.usage !== 'devops') continue;
    if (model.sent(link).some((d) => critAtLeast(d.integrity, 'important'))) breached.add(link.targetId);
  }
  return makeRisk(category, {
    likelihood: 'unlikely', impact, title: `<b>Code Backdooring</b> risk at <b>${a.title}</b>`, idParts: [a.id],
    mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'probable', dataBreachTechnicalAssets: [...breached],
  });
}

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || !DEVELOPMENT_RELEVANT.has(a.technology)) continue;
    const exposed =
      a.internet ||
      model.incoming(a.id).some((l) => {
        const caller = model.asset(l.sourceId);
        return !!caller && ((!l.vpn && caller.internet) || caller.outOfScope);
      });
    if (exposed) risks.push(createRisk(model, a));
  }
  return risks;
});
