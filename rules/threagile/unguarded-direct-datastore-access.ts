import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'unguarded-direct-datastore-access',
  title: 'Unguarded Direct Datastore Access',
  description: 'Sensitive datastores are reached directly from another trust boundary instead of through the service that owns them.',
  impact: 'A compromised caller in another segment talks to the data directly, bypassing the owning service\'s checks.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Database_Security_Cheat_Sheet.html',
  action: 'Encapsulation of Datastore',
  mitigation: 'Access datastores only through their owning service within the same trust boundary.',
  check: 'Is every sensitive datastore reached only from within its own trust boundary?',
  function: 'architecture',
  stride: 'elevation-of-privilege',
  detectionLogic: 'In-scope datastores rated confidential or critical, for each incoming business link across a network trust boundary from a caller that shares no parent boundary (identity stores called by identity providers and file servers via FTP variants are excused).',
  riskAssessment: 'Likely; impact medium for strictly-confidential or mission-critical datastores or an RAA above 40 %, else low.',
  falsePositives: 'Access paths guarded by controls the model does not show.',
  modelFailurePossibleReason: false,
  cwe: 501,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const ds of model.assets) {
    if (ds.outOfScope || ds.type !== 'datastore') continue;
    for (const link of model.incoming(ds.id)) {
      const source = model.asset(link.sourceId);
      if (!source) continue;
      if ((ds.technology === 'identity-store-ldap' || ds.technology === 'identity-store-database') && source.technology === 'identity-provider') continue;
      if (!(cAtLeast(ds.confidentiality, 'confidential') || critAtLeast(ds.integrity, 'critical'))) continue;
      const viaFtp = ds.technology === 'file-server' && (link.protocol === 'ftp' || link.protocol === 'ftps' || link.protocol === 'sftp');
      if (!model.isAcrossTrustBoundaryNetworkOnly(link) || viaFtp || link.usage === 'devops' || model.isSharingSameParentTrustBoundary(ds.id, source.id)) continue;
      const more = ds.confidentiality === 'strictly-confidential' || ds.integrity === 'mission-critical' || model.raa(ds.id) > 40;
      risks.push(
        makeRisk(category, {
          likelihood: 'likely', impact: more ? 'medium' : 'low',
          title: `<b>Unguarded Direct Datastore Access</b> of <b>${ds.title}</b> by <b>${source.title}</b> via <b>${link.title}</b>`,
          idParts: [link.id, source.id, ds.id], mostRelevantTechnicalAsset: ds.id, mostRelevantCommunicationLink: link.id,
          dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [ds.id],
        }),
      );
    }
  }
  return risks;
});
