import { threagileRule } from '../../src/analyze/define.js';
import { confRank } from '../../src/analyze/model-index.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { ExploitationImpact } from '../../src/model/enums.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'search-query-injection',
  title: 'Search-Query Injection',
  description: 'Callers that splice untrusted input into search-engine queries let attackers change what the query does.',
  impact: 'Injected queries read indexed data beyond the caller\'s intent or disturb the engine.',
  asvs: 'V5 - Validation, Sanitization and Encoding Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Injection_Prevention_Cheat_Sheet.html',
  action: 'Search-Query Injection Prevention',
  mitigation: 'Build queries with the client library\'s structured API, escape user input for the query language, and restrict the caller\'s index permissions.',
  check: 'Are search queries built without string concatenation of user input?',
  function: 'development',
  stride: 'tampering',
  detectionLogic: 'Search engines and search indexes, for each incoming HTTP(S) or binary link from an in-scope caller.',
  riskAssessment: 'Very likely (likely for devops links); impact high for strictly-confidential or mission-critical data, low for at most internal and operational, else medium.',
  falsePositives: 'Callers that never put user input into queries.',
  modelFailurePossibleReason: false,
  cwe: 74,
};

const PROTOCOLS = new Set(['http', 'https', 'binary', 'binary-encrypted']);

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const engine of model.assets) {
    if (engine.technology !== 'search-engine' && engine.technology !== 'search-index') continue;
    const c = model.highestConfidentiality(engine);
    const i = model.highestIntegrity(engine);
    let impact: ExploitationImpact = 'medium';
    if (c === 'strictly-confidential' || i === 'mission-critical') impact = 'high';
    else if (confRank(c) <= confRank('internal') && i === 'operational') impact = 'low';
    for (const link of model.incoming(engine.id)) {
      const caller = model.asset(link.sourceId);
      if (!caller || caller.outOfScope || !PROTOCOLS.has(link.protocol)) continue;
      risks.push(
        makeRisk(category, {
          likelihood: link.usage === 'devops' ? 'likely' : 'very-likely', impact,
          title: `<b>Search Query Injection</b> risk at <b>${caller.title}</b> against search engine server <b>${engine.title}</b> via <b>${link.title}</b>`,
          idParts: [caller.id, engine.id, link.id], mostRelevantTechnicalAsset: caller.id, mostRelevantCommunicationLink: link.id,
          dataBreachProbability: 'probable', dataBreachTechnicalAssets: [engine.id],
        }),
      );
    }
  }
  return risks;
});
