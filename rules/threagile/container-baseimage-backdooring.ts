import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import { handlesMostCriticalData } from './sensitivity.js';

export const category: RiskCategory = {
  id: 'container-baseimage-backdooring',
  title: 'Container Base Image Backdooring',
  description: 'A container is only as trustworthy as its base image: a tampered or outdated upstream image carries its flaws into every deployment.',
  impact: 'A backdoored or vulnerable base image gives attackers a foothold inside the running container and its data.',
  asvs: 'V10 - Malicious Code Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
  action: 'Container Infrastructure Hardening',
  mitigation: 'Use minimal base images from trusted sources pinned by digest, verify signatures, scan images continuously and rebuild on upstream fixes.',
  check: 'Are base images pinned, signed, scanned and rebuilt regularly?',
  function: 'operations',
  stride: 'tampering',
  detectionLogic: 'In-scope technical assets running on machine type container.',
  riskAssessment: 'Medium, high when the asset handles strictly-confidential or mission-critical data.',
  falsePositives: 'Images built fully in-house from scratch with verified inputs.',
  modelFailurePossibleReason: false,
  cwe: 912,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || a.machine !== 'container') continue;
    const high = handlesMostCriticalData(model, a);
    risks.push(
      makeRisk(category, {
        likelihood: 'unlikely', impact: high ? 'high' : 'medium', title: `<b>Container Base Image Backdooring</b> risk at <b>${a.title}</b>`,
        idParts: [a.id], mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'probable', dataBreachTechnicalAssets: [a.id],
      }),
    );
  }
  return risks;
});
