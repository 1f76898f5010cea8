import { threagileRule } from '../../src/analyze/define.js';
import { WEB_APPLICATION } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'cross-site-scripting',
  title: 'Cross-Site Scripting (XSS)',
  description: 'Web applications that echo untrusted input into pages without encoding let attackers run script in other users\' browsers.',
  impact: 'Injected script acts with the victim\'s session: it can read data, change it, or impersonate the user.',
  asvs: 'V5 - Validation, Sanitization and Encoding Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
  action: 'XSS Prevention',
  mitigation: 'Encode output for its context, use templating that escapes by default, validate input, and deploy a restrictive Content-Security-Policy.',
  check: 'Is all untrusted output context-encoded and is a CSP in place?',
  function: 'development',
  stride: 'tampering',
  detectionLogic: 'In-scope web applications (web server, web application, application server, ERP, CMS, identity provider, report engine).',
  riskAssessment: 'Likely; impact high when the asset handles strictly-confidential or mission-critical integrity data, else medium.',
  falsePositives: 'Applications that render no user-controlled content.',
  modelFailurePossibleReason: false,
  cwe: 79,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || !WEB_APPLICATION.has(a.technology)) continue;
    const high = model.highestConfidentiality(a) === 'strictly-confidential' || model.highestIntegrity(a) === 'mission-critical';
    risks.push(
      makeRisk(category, {
        likelihood: 'likely', impact: high ? 'high' : 'medium', title: `<b>Cross-Site Scripting (XSS)</b> risk at <b>${a.title}</b>`,
        idParts: [a.id], mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'possible', dataBreachTechnicalAssets: [a.id],
      }),
    );
  }
  return risks;
});
