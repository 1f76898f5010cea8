import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import { handlesMostCriticalData } from './sensitivity.js';

export const category: RiskCategory = {
  id: 'missing-file-validation',
  title: 'Missing File Validation',
  description: 'Custom code that accepts uploaded files without checking type, size and content invites malicious uploads.',
  impact: 'Malicious files can execute code, exhaust storage, or be served to other users.',
  asvs: 'V12 - File and Resources Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html',
  action: 'File Validation',
  mitigation: 'Allow-list file types by content, limit sizes, rename and store uploads outside the web root, and scan them for malware.',
  check: 'Are uploaded files validated by content, size-limited, renamed and scanned?',
  function: 'development',
  stride: 'spoofing',
  detectionLogic: 'In-scope assets with custom-developed parts accepting the data format file.',
  riskAssessment: 'Very likely; impact medium when the asset handles strictly-confidential or mission-critical data, else low.',
  falsePositives: 'Assets that only accept files from fully trusted sources.',
  modelFailurePossibleReason: false,
  cwe: 434,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || !a.customDevelopedParts) continue;
    for (const format of a.dataFormatsAccepted) {
      if (format !== 'file') continue;
      const more = handlesMostCriticalData(model, a);
      risks.push(
        makeRisk(category, {
          likelihood: 'very-likely', impact: more ? 'medium' : 'low', title: `<b>Missing File Validation</b> risk at <b>${a.title}</b>`,
          idParts: [a.id], mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'probable', dataBreachTechnicalAssets: [a.id],
        }),
      );
    }
  }
  return risks;
});
