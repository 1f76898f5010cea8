import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import { SegmentCounter, excusedNeighbours } from '../../src/analyze/segments.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import type { TechnicalAsset } from '../../src/model/types.js';

export const category: RiskCategory = {
  id: 'missing-vault-isolation',
  title: 'Missing Vault Isolation',
  description: 'The vault shares a network segment or execution environment with unrelated assets other than its own storage.',
  impact: 'A compromised neighbour is one step from the system that holds every secret.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'Network Segmentation',
  mitigation: 'Run the vault in its own segment and execution environment, reachable only by the clients that need secrets.',
  check: 'Is the vault isolated from unrelated workloads?',
  function: 'operations',
  stride: 'elevation-of-privilege',
  detectionLogic: 'In-scope vaults sharing an execution environment or network trust boundary with an asset that is neither a vault nor a datastore directly connected to the vault.',
  riskAssessment: 'Likely in the same execution environment, else unlikely; impact medium, high when the vault itself is rated strictly-confidential or mission-critical.',
  falsePositives: 'Shared segments with strong host-level isolation may be accepted after review.',
  modelFailurePossibleReason: false,
  cwe: 1008,
};

const notVault = (a: TechnicalAsset): boolean => a.technology !== 'vault';

export const rule = threagileRule(category, ({ model }) => {
  const netKey = (id: string): string => model.networkBoundaryId(id);
  const execKey = (id: string): string | undefined => model.executionEnvironmentId(id);
  const sameNetwork = new SegmentCounter(netKey, notVault, model.assets);
  const sameExecution = new SegmentCounter(execKey, notVault, model.assets);
  const storage = (a: TechnicalAsset): boolean => notVault(a) && a.type === 'datastore';
  const risks: Risk[] = [];
  for (const v of model.assets) {
    if (v.outOfScope || v.technology !== 'vault') continue;
    // The vault's own storage (a datastore linked with it) does not count as an unrelated neighbour.
    const execution = sameExecution.hasOther(v, excusedNeighbours(model, v, execKey, storage));
    if (!execution && !sameNetwork.hasOther(v, excusedNeighbours(model, v, netKey, storage))) continue;
    const more = v.confidentiality === 'strictly-confidential' || v.integrity === 'mission-critical' || v.availability === 'mission-critical';
    const where = execution ? '<b>in the same execution environment</b>' : '<b>in the same network segment</b>';
    risks.push(
      makeRisk(category, {
        likelihood: execution ? 'likely' : 'unlikely', impact: more ? 'high' : 'medium',
        title: `<b>Missing Vault Isolation</b> to further encapsulate and protect vault-related asset <b>${v.title}</b> against unrelated lower protected assets ${where}, which might be easier to compromise by attackers`,
        idParts: [v.id], mostRelevantTechnicalAsset: v.id, dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [v.id],
      }),
    );
  }
  return risks;
});
