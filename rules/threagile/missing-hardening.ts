import { threagileRule } from '../../src/analyze/define.js';
import { HIGH_VALUE_TARGET } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'missing-hardening',
  title: 'Missing Hardening',
  description: 'Assets that attract attackers (high RAA) need hardening beyond defaults: unused services off, secure configuration, timely patches.',
  impact: 'Default configurations and missing patches make the most attractive assets the easiest to take.',
  asvs: 'V14 - Configuration Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'System Hardening',
  mitigation: 'Apply vendor and CIS hardening guides, remove unneeded components, patch promptly and check configuration drift automatically.',
  check: 'Is a hardening baseline applied and verified for the asset?',
  function: 'operations',
  stride: 'tampering',
  detectionLogic: 'In-scope assets with RAA of at least 55 %, or at least 40 % for datastores and high-value targets (application servers, identity providers, ERP).',
  riskAssessment: 'Likely; impact medium when the asset handles strictly-confidential or mission-critical integrity data, else low.',
  falsePositives: 'Assets already hardened by a verified baseline.',
  modelFailurePossibleReason: false,
  cwe: 16,
};

const RAA_LIMIT = 55;
const RAA_LIMIT_REDUCED = 40;

export const rule = threagileRule(
  category,
  ({ model }) => {
    const risks: Risk[] = [];
    for (const a of model.assets) {
      if (a.outOfScope) continue;
      const raa = model.raa(a.id);
      if (!(raa >= RAA_LIMIT || (raa >= RAA_LIMIT_REDUCED && (a.type === 'datastore' || HIGH_VALUE_TARGET.has(a.technology))))) continue;
      const more = model.highestConfidentiality(a) === 'strictly-confidential' || model.highestIntegrity(a) === 'mission-critical';
      risks.push(
        makeRisk(category, {
          likelihood: 'likely', impact: more ? 'medium' : 'low', title: `<b>Missing Hardening</b> risk at <b>${a.title}</b>`,
          idParts: [a.id], mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
        }),
      );
    }
    return risks;
  },
  ['tomcat'],
);
