import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { UNNECESSARY_DATA_TOLERATED } from '../../src/analyze/classes.js';
import type { ModelIndex } from '../../src/analyze/model-index.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import type { CommunicationLink, TechnicalAsset } from '../../src/model/types.js';

export const category: RiskCategory = {
  id: 'unnecessary-data-transfer',
  title: 'Unnecessary Data Transfer',
  description: 'Sensitive data passes through an asset that neither processes nor stores it.',
  impact: 'The asset becomes a place where sensitive data can leak without any need for it to be there.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'Attack Surface Reduction',
  mitigation: 'Stop sending the data to or through the asset, or model that it processes it.',
  check: 'Does the asset need the sensitive data it sends or receives?',
  function: 'architecture',
  stride: 'elevation-of-privilege',
  detectionLogic: 'In-scope assets sending or receiving confidential or critical-integrity data they neither process nor store (partners monitoring/IDS/IPS excused).',
  riskAssessment: 'Unlikely; impact medium for strictly-confidential or mission-critical data, else low.',
  falsePositives: 'Incomplete models where the processing is simply not listed.',
  modelFailurePossibleReason: true,
  cwe: 1008,
};

function check(model: ModelIndex, a: TechnicalAsset, link: CommunicationLink, partnerId: string, risks: Risk[], seen: Set<string>): void {
  const handled = new Set([...a.dataAssetsProcessed, ...a.dataAssetsStored]);
  for (const id of [...link.dataAssetsSent, ...link.dataAssetsReceived]) {
    if (handled.has(id)) continue;
    const d = model.dataAsset(id);
    if (!d || !(cAtLeast(d.confidentiality, 'confidential') || critAtLeast(d.integrity, 'critical'))) continue;
    const partner = model.asset(partnerId);
    const risk = makeRisk(category, {
      likelihood: 'unlikely', impact: d.confidentiality === 'strictly-confidential' || d.integrity === 'mission-critical' ? 'medium' : 'low',
      title: `<b>Unnecessary Data Transfer</b> of <b>${d.title}</b> data at <b>${a.title}</b> from/to <b>${partner?.title ?? partnerId}</b>`,
      idParts: [d.id, a.id, partnerId], mostRelevantTechnicalAsset: a.id, mostRelevantDataAsset: d.id,
      dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
    });
    if (seen.has(risk.syntheticId)) continue;
    seen.add(risk.syntheticId);
    risks.push(risk);
  }
}

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  const seen = new Set<string>();
  for (const a of model.assets) {
    if (a.outOfScope) continue;
    for (const link of a.communicationLinks) {
      const target = model.asset(link.targetId);
      if (!target || UNNECESSARY_DATA_TOLERATED.has(target.technology)) continue;
      check(model, a, link, link.targetId, risks, seen);
    }
    for (const link of model.incoming(a.id)) {
      const source = model.asset(link.sourceId);
      if (!source || UNNECESSARY_DATA_TOLERATED.has(source.technology)) continue;
      check(model, a, link, link.sourceId, risks, seen);
    }
  }
  return risks;
});
