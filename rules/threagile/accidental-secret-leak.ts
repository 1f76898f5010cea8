import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { isTaggedWithAny } from '../../src/analyze/model-index.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { ExploitationImpact } from '../../src/model/enums.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'accidental-secret-leak',
  title: 'Accidental Secret Leak',
  description: 'Source-code repositories and artifact registries tend to collect secrets by mistake: committed keys, tokens in build outputs, credentials baked into packages.',
  impact: 'Anyone who can read the repository or registry, now or in its history, may obtain credentials that open other systems.',
  asvs: 'V14 - Configuration Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'Build Pipeline Hardening',
  mitigation: 'Scan commits and artifacts for secrets before they land (pre-commit hooks, server-side push protection, registry scanning) and rotate anything that leaked; keep secrets in a vault instead.',
  check: 'Is secret scanning enforced for every push and every published artifact, and is there a rotation procedure for leaked secrets?',
  function: 'operations',
  stride: 'information-disclosure',
  detectionLogic: 'In-scope technical assets of technology sourcecode-repository or artifact-registry.',
  riskAssessment: 'Rated by the highest confidentiality, integrity and availability of the data the asset processes or stores.',
  falsePositives: 'Repositories and registries that only ever hold public, secret-free content.',
  modelFailurePossibleReason: false,
  cwe: 200,
};

export const rule = threagileRule(
  category,
  ({ model }) => {
    const risks: Risk[] = [];
    for (const a of model.assets) {
      if (a.outOfScope || (a.technology !== 'sourcecode-repository' && a.technology !== 'artifact-registry')) continue;
      const c = model.highestConfidentiality(a);
      const i = model.highestIntegrity(a);
      const av = model.highestAvailability(a);
      let impact: ExploitationImpact = 'low';
      if (c === 'strictly-confidential' || i === 'mission-critical' || av === 'mission-critical') impact = 'high';
      else if (cAtLeast(c, 'confidential') || critAtLeast(i, 'critical') || critAtLeast(av, 'critical')) impact = 'medium';
      const title = isTaggedWithAny(a.tags, ['git'])
        ? `<b>Accidental Secret Leak (Git)</b> risk at <b>${a.title}</b>: <u>Git Leak Prevention</u>`
        : `<b>Accidental Secret Leak</b> risk at <b>${a.title}</b>`;
      risks.push(
        makeRisk(category, {
          likelihood: 'unlikely', impact, title, idParts: [a.id],
          mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'probable', dataBreachTechnicalAssets: [a.id],
        }),
      );
    }
    return risks;
  },
  ['git', 'nexus'],
);
