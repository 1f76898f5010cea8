import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import { handlesMostCriticalData } from './sensitivity.js';

export const category: RiskCategory = {
  id: 'xml-external-entity',
  title: 'XML External Entity (XXE)',
  description: 'XML parsers that resolve external entities let attackers make the parser read local files or fetch internal URLs.',
  impact: 'File disclosure, server-side request forgery and denial of service through the XML parser.',
  asvs: 'V14 - Configuration Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html',
  action: 'XML Parser Hardening',
  mitigation: 'Disable DTDs and external entity resolution in every XML parser, or accept a safer format.',
  check: 'Are DTD processing and external entities disabled in all XML parsers?',
  function: 'development',
  stride: 'information-disclosure',
  detectionLogic: 'In-scope assets accepting the xml data format.',
  riskAssessment: 'Very likely; impact high for strictly-confidential or mission-critical data, else medium.',
  falsePositives: 'Parsers already hardened against external entities.',
  modelFailurePossibleReason: false,
  cwe: 611,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope) continue;
    for (const format of a.dataFormatsAccepted) {
      if (format !== 'xml') continue;
      const high = handlesMostCriticalData(model, a);
      risks.push(
        makeRisk(category, {
          likelihood: 'very-likely', impact: high ? 'high' : 'medium', title: `<b>XML External Entity (XXE)</b> risk at <b>${a.title}</b>`,
          idParts: [a.id], mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'probable', dataBreachTechnicalAssets: [a.id],
        }),
      );
    }
  }
  return risks;
});
