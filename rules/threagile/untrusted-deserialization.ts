import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import { handlesMostCriticalData } from './sensitivity.js';

export const category: RiskCategory = {
  id: 'untrusted-deserialization',
  title: 'Untrusted Deserialization',
  description: 'Deserialising data from untrusted sources (native object serialisation, EJB, IIOP, JRMP) can instantiate attacker-chosen objects.',
  impact: 'Gadget chains in the classpath turn deserialisation into remote code execution.',
  asvs: 'V5 - Validation, Sanitization and Encoding Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html',
  action: 'Prevention of Deserialization of Untrusted Data',
  mitigation: 'Avoid native serialisation formats for untrusted input; use data-only formats, allow-list classes, and sign what must be deserialised.',
  check: 'Is untrusted input ever deserialised into objects?',
  function: 'architecture',
  stride: 'tampering',
  detectionLogic: 'In-scope assets accepting the serialization format, EJBs, or assets with incoming IIOP/JRMP links.',
  riskAssessment: 'Likely, very likely when an IIOP/JRMP link crosses a network trust boundary; impact high, very high for strictly-confidential or mission-critical data.',
  falsePositives: 'Serialised data that is fully trusted and signed.',
  modelFailurePossibleReason: false,
  cwe: 502,
};

const RMI = new Set(['iiop', 'iiop-encrypted', 'jrmp', 'jrmp-encrypted']);

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope) continue;
    let hasOne = a.dataFormatsAccepted.includes('serialization') || a.technology === 'ejb';
    let acrossLinkTitle: string | undefined;
    for (const link of model.incoming(a.id)) {
      if (!RMI.has(link.protocol)) continue;
      hasOne = true;
      if (model.isAcrossTrustBoundaryNetworkOnly(link)) acrossLinkTitle = link.title; // the last one wins, as in v1
    }
    if (!hasOne) continue;
    const veryHigh = handlesMostCriticalData(model, a);
    const suffix = acrossLinkTitle !== undefined ? ` across a trust boundary (at least via communication link <b>${acrossLinkTitle}</b>)` : '';
    risks.push(
      makeRisk(category, {
        likelihood: acrossLinkTitle !== undefined ? 'very-likely' : 'likely', impact: veryHigh ? 'very-high' : 'high',
        title: `<b>Untrusted Deserialization</b> risk at <b>${a.title}</b>${suffix}`, idParts: [a.id],
        mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'probable', dataBreachTechnicalAssets: [a.id],
      }),
    );
  }
  return risks;
});
