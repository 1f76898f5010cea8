import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'path-traversal',
  title: 'Path-Traversal',
  description: 'Callers that build file paths from untrusted input can be steered to files outside the intended directory.',
  impact: 'Attackers read or overwrite arbitrary files on the filesystem, including configuration and secrets.',
  asvs: 'V12 - File and Resources Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Input_Validation_Cheat_Sheet.html',
  action: 'Path-Traversal Prevention',
  mitigation: 'Map user input to identifiers instead of paths, canonicalise paths and check they stay under an allowed root, and run with least filesystem privilege.',
  check: 'Is every path derived from user input canonicalised and confined to an allowed root?',
  function: 'development',
  stride: 'information-disclosure',
  detectionLogic: 'File servers and local file systems, for each incoming link from an in-scope caller.',
  riskAssessment: 'Very likely (likely for devops links); impact high when the filesystem holds strictly-confidential or mission-critical integrity data, else medium.',
  falsePositives: 'Callers that never use user input in file paths.',
  modelFailurePossibleReason: false,
  cwe: 22,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const fs of model.assets) {
    if (fs.technology !== 'file-server' && fs.technology !== 'local-file-system') continue;
    const high = model.highestConfidentiality(fs) === 'strictly-confidential' || model.highestIntegrity(fs) === 'mission-critical';
    for (const link of model.incoming(fs.id)) {
      const caller = model.asset(link.sourceId);
      if (!caller || caller.outOfScope) continue;
      risks.push(
        makeRisk(category, {
          likelihood: link.usage === 'devops' ? 'likely' : 'very-likely', impact: high ? 'high' : 'medium',
          title: `<b>Path-Traversal</b> risk at <b>${caller.title}</b> against filesystem <b>${fs.title}</b> via <b>${link.title}</b>`,
          idParts: [caller.id, fs.id, link.id], mostRelevantTechnicalAsset: caller.id, mostRelevantCommunicationLink: link.id,
          dataBreachProbability: 'probable', dataBreachTechnicalAssets: [fs.id],
        }),
      );
    }
  }
  return risks;
});
