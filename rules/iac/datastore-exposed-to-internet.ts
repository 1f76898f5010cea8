/**
 * A datastore (database, cache, search index, bucket, queue) that the internet can reach directly:
 * an exposure flow from the internet component (published port, public IP plus open security group,
 * `publicly_accessible`, a public LoadBalancer/NodePort Service) ends at it.
 */
import { cAtLeast } from '../../src/analyze/define.js';
import { publicBucketReasons } from './public-bucket.js';
import { anchorOf, iacRule, sourceEvidence, type Finding, type IacCategory } from './kit.js';

export const category: IacCategory = {
  id: 'datastore-exposed-to-internet',
  title: 'Datastore Exposed to the Internet',
  description: 'A datastore accepts connections straight from the internet instead of only from the services that own its data.',
  impact: 'Anyone on the internet can try credentials, exploit the database engine or read unauthenticated data: the whole data set is one weakness away.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Database_Security_Cheat_Sheet.html',
  action: 'Network Segmentation',
  mitigation: 'Keep datastores in private subnets or internal networks: no public IP, no published port, no LoadBalancer/NodePort Service, `publicly_accessible = false`; let only the owning services reach them, and use a bastion or private endpoint for administration.',
  check: 'Is every datastore reachable only from the services that need it?',
  function: 'operations',
  stride: 'information-disclosure',
  detectionLogic: 'A datastore component with an exposure flow from the internet in the architecture graph.',
  riskAssessment: 'Very likely to be probed; high impact, very high when the stored data is strictly confidential.',
  falsePositives: 'Datastores deliberately serving public content (e.g. a public read-only dataset) with authentication in front.',
  modelFailurePossibleReason: false,
  cwe: 668,
  severityRationale: 'Internet-wide scanners find open database ports within hours, so the likelihood is very high; the impact is the data itself.',
};

export const rule = iacRule(category, (view) => {
  const out: Finding[] = [];
  for (const c of view.components) {
    // Public buckets have their own rule, with the ACL/policy line as evidence: one finding, not two.
    if (c.type !== 'datastore' || publicBucketReasons(c).length > 0) continue;
    const exposure = view.fromInternet(c.id);
    if (exposure.length === 0 && !c.internet) continue;
    const asset = view.asset(c.id);
    const strict = asset ? cAtLeast(view.model.highestConfidentiality(asset), 'strictly-confidential') : false;
    const ports = [...new Set(exposure.map((f) => (f.port !== undefined ? String(f.port) : f.protocol)))].sort();
    out.push({
      anchor: anchorOf(c),
      likelihood: 'very-likely',
      impact: strict ? 'very-high' : 'high',
      what: ports.length ? `reachable from the internet on ${ports.join(', ')}` : 'marked internet-facing',
      evidence: exposure.length ? exposure.flatMap((f) => f.evidence) : sourceEvidence(c),
      dataBreachProbability: 'probable',
    });
  }
  return out;
});
