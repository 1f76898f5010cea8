import { threagileRule } from '../../src/analyze/define.js';
import { LAX_DB_PROTOCOLS, STRICT_DB_PROTOCOLS } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'sql-nosql-injection',
  title: 'SQL/NoSQL-Injection',
  description: 'Callers that concatenate untrusted input into database queries let attackers rewrite those queries.',
  impact: 'Injected queries read, modify or delete data, and can sometimes reach the database host.',
  asvs: 'V5 - Validation, Sanitization and Encoding Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html',
  action: 'SQL/NoSQL-Injection Prevention',
  mitigation: 'Use parameterised queries or safe query builders everywhere, validate input, and connect with least-privileged accounts.',
  check: 'Are all queries parameterised?',
  function: 'development',
  stride: 'tampering',
  detectionLogic: 'Incoming links from in-scope callers that use a database protocol, or HTTP/binary protocols into a database or identity-store database.',
  riskAssessment: 'Very likely (likely for devops links); impact high when the database holds strictly-confidential or mission-critical integrity data, else medium.',
  falsePositives: 'Callers that never build queries from input.',
  modelFailurePossibleReason: false,
  cwe: 89,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const db of model.assets) {
    const isDatabase = db.technology === 'database' || db.technology === 'identity-store-database';
    const high = model.highestConfidentiality(db) === 'strictly-confidential' || model.highestIntegrity(db) === 'mission-critical';
    for (const link of model.incoming(db.id)) {
      const caller = model.asset(link.sourceId);
      if (!caller || caller.outOfScope) continue;
      if (!((LAX_DB_PROTOCOLS.has(link.protocol) && isDatabase) || STRICT_DB_PROTOCOLS.has(link.protocol))) continue;
      risks.push(
        makeRisk(category, {
          likelihood: link.usage === 'devops' ? 'likely' : 'very-likely', impact: high ? 'high' : 'medium',
          title: `<b>SQL/NoSQL-Injection</b> risk at <b>${caller.title}</b> against database <b>${db.title}</b> via <b>${link.title}</b>`,
          idParts: [caller.id, db.id, link.id], mostRelevantTechnicalAsset: caller.id, mostRelevantCommunicationLink: link.id,
          dataBreachProbability: 'probable', dataBreachTechnicalAssets: [db.id],
        }),
      );
    }
  }
  return risks;
});
