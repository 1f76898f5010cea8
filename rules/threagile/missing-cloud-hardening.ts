import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { isWithinCloud } from '../../src/analyze/classes.js';
import { isTaggedWithAny, isTaggedWithBaseTag } from '../../src/analyze/model-index.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Confidentiality, Criticality, ExploitationImpact } from '../../src/model/enums.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import type { TechnicalAsset } from '../../src/model/types.js';

export const category: RiskCategory = {
  id: 'missing-cloud-hardening',
  title: 'Missing Cloud Hardening',
  description: 'Cloud environments ship with permissive defaults; without a benchmark-driven hardening of accounts, networks and services the whole estate is exposed.',
  impact: 'Misconfigured cloud resources leak data or hand attackers control over the account.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'Cloud Hardening',
  mitigation: 'Apply the provider\'s CIS benchmark (or vendor best practices), enforce it with policy-as-code and continuous configuration scanning.',
  check: 'Is a cloud benchmark applied and continuously verified for the accounts, networks and services in use?',
  function: 'operations',
  stride: 'tampering',
  detectionLogic: 'Cloud-typed or cloud-tagged trust boundaries, cloud-tagged shared runtimes and technical assets (tags aws, azure, gcp, ocp and aws sub-tags).',
  riskAssessment: 'Unlikely; impact medium, high when confidential or critical data is inside, very high for strictly-confidential or mission-critical data.',
  falsePositives: 'Cloud resources that are not part of the modelled system.',
  modelFailurePossibleReason: false,
  cwe: 1008,
};

const PROVIDERS = [
  { tag: 'aws', name: 'AWS', benchmark: 'CIS Benchmark for AWS' },
  { tag: 'azure', name: 'Azure', benchmark: 'CIS Benchmark for Microsoft Azure' },
  { tag: 'gcp', name: 'GCP', benchmark: 'CIS Benchmark for Google Cloud Computing Platform' },
  { tag: 'ocp', name: 'OCP', benchmark: 'Vendor Best Practices for Oracle Cloud Platform' },
] as const;
const AWS_SUBTAGS = ['aws:vpc', 'aws:ec2', 'aws:s3', 'aws:ebs', 'aws:apigateway', 'aws:lambda', 'aws:dynamodb', 'aws:rds', 'aws:sqs', 'aws:iam'];
const SUPPORTED = ['aws', 'azure', 'gcp', 'ocp', ...AWS_SUBTAGS];

function impactOf(c: Confidentiality, i: Criticality, a: Criticality): ExploitationImpact {
  if (c === 'strictly-confidential' || i === 'mission-critical' || a === 'mission-critical') return 'very-high';
  if (cAtLeast(c, 'confidential') || critAtLeast(i, 'critical') || critAtLeast(a, 'critical')) return 'high';
  return 'medium';
}

function title(prefix: string, subject: string, details: string): string {
  return `<b>Missing Cloud Hardening${prefix ? ` (${prefix})` : ''}</b> risk at <b>${subject}</b>${details ? `: <u>${details}</u>` : ''}`;
}

const sorted = (s: Set<string>): string[] => [...s].sort();

export const rule = threagileRule(
  category,
  ({ model }) => {
    const runtimeIds = new Map<string, Set<string>>(PROVIDERS.map((p) => [p.tag, new Set<string>()]));
    const boundaryIds = new Map<string, Set<string>>(PROVIDERS.map((p) => [p.tag, new Set<string>()]));
    const assetIds = new Map<string, Set<string>>(PROVIDERS.map((p) => [p.tag, new Set<string>()]));
    const unspecificRuntimes = new Set<string>();
    const unspecificBoundaries = new Set<string>();
    const subtagAssets = new Set<string>();

    const addAsset = (a: TechnicalAsset | undefined, tags: readonly string[]): void => {
      if (!a) return;
      if (isTaggedWithAny(a.tags, AWS_SUBTAGS)) subtagAssets.add(a.id);
      for (const p of PROVIDERS) if (isTaggedWithBaseTag(tags, p.tag)) assetIds.get(p.tag)!.add(a.id);
    };
    const addByBaseTag = (id: string, tags: readonly string[], perProvider: Map<string, Set<string>>, unspecific: Set<string>): void => {
      if (!isTaggedWithAny(tags, SUPPORTED)) {
        unspecific.add(id);
        return;
      }
      for (const p of PROVIDERS) if (isTaggedWithBaseTag(tags, p.tag)) perProvider.get(p.tag)!.add(id);
    };

    for (const tb of model.trustBoundaries) {
      const tagged = isTaggedWithAny(tb.tags, SUPPORTED);
      if (!tagged && !isWithinCloud(tb.type)) continue;
      addByBaseTag(tb.id, tb.tags, boundaryIds, unspecificBoundaries);
      for (const id of model.assetsInsideRecursive(tb)) {
        const a = model.asset(id);
        if (a && isTaggedWithAny(a.tags, SUPPORTED)) addAsset(a, a.tags);
        else if (tagged) addAsset(a, tb.tags);
      }
    }
    for (const a of model.assets) if (isTaggedWithAny(a.tags, SUPPORTED)) addAsset(a, a.tags);
    for (const tb of model.trustBoundaries) {
      if (!isTaggedWithAny(tb.tags, SUPPORTED)) continue;
      for (const id of model.assetsInsideRecursive(tb)) {
        const a = model.asset(id);
        addAsset(a, a && isTaggedWithAny(a.tags, SUPPORTED) ? a.tags : tb.tags);
      }
    }
    for (const sr of model.sharedRuntimes) {
      if (!isTaggedWithAny(sr.tags, SUPPORTED)) continue;
      addByBaseTag(sr.id, sr.tags, runtimeIds, unspecificRuntimes);
      for (const id of sr.technicalAssetsRunning) addAsset(model.asset(id), sr.tags);
    }
    for (const set of runtimeIds.values()) for (const id of set) unspecificRuntimes.delete(id);
    for (const set of boundaryIds.values()) for (const id of set) unspecificBoundaries.delete(id);

    const risks: Risk[] = [];
    const added = new Set<string>();
    const runtimeRisk = (id: string, prefix: string, details: string): void => {
      const sr = model.sharedRuntime(id);
      if (!sr) return;
      const h = model.runtimeHighest(sr);
      risks.push(
        makeRisk(category, {
          likelihood: 'unlikely', impact: impactOf(h.c, h.i, h.a), title: title(prefix, sr.title, details), idParts: [sr.id],
          mostRelevantSharedRuntime: sr.id, dataBreachProbability: 'probable', dataBreachTechnicalAssets: sr.technicalAssetsRunning,
        }),
      );
    };
    const boundaryRisk = (id: string, prefix: string, details: string): void => {
      const tb = model.trustBoundary(id);
      if (!tb) return;
      const h = model.boundaryHighest(tb);
      risks.push(
        makeRisk(category, {
          likelihood: 'unlikely', impact: impactOf(h.c, h.i, h.a), title: title(prefix, tb.title, details), idParts: [tb.id],
          mostRelevantTrustBoundary: tb.id, dataBreachProbability: 'probable', dataBreachTechnicalAssets: model.assetsInsideRecursive(tb),
        }),
      );
    };
    const assetRisk = (a: TechnicalAsset, prefix: string, details: string): void => {
      const impact = impactOf(model.highestConfidentiality(a), model.highestIntegrity(a), model.highestAvailability(a));
      // v1 ids carry no provider suffix, so an asset can get two risks with the same id.
      risks.push(
        makeRisk(category, {
          likelihood: 'unlikely', impact, title: title(prefix, a.title, details), idParts: [a.id],
          mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'probable', dataBreachTechnicalAssets: [a.id],
        }),
      );
    };

    for (const p of PROVIDERS) for (const id of sorted(runtimeIds.get(p.tag)!)) (runtimeRisk(id, p.name, p.benchmark), added.add(p.tag));
    for (const id of sorted(unspecificRuntimes)) runtimeRisk(id, '', '');
    for (const p of PROVIDERS) for (const id of sorted(boundaryIds.get(p.tag)!)) (boundaryRisk(id, p.name, p.benchmark), added.add(p.tag));
    for (const id of sorted(unspecificBoundaries)) boundaryRisk(id, '', '');
    for (const p of PROVIDERS) {
      if (added.has(p.tag)) continue;
      // One provider-wide example: the most sensitive asset (first by id on ties).
      let example: TechnicalAsset | undefined;
      for (const id of sorted(assetIds.get(p.tag)!)) {
        const a = model.asset(id);
        if (a && (!example || model.highestSensitivityScore(a) > model.highestSensitivityScore(example))) example = a;
      }
      if (example) assetRisk(example, p.name, p.benchmark);
    }
    for (const id of sorted(subtagAssets)) {
      const a = model.asset(id)!;
      if (model.isTaggedWithAnyTraversingUp(a, ['aws:ec2'])) assetRisk(a, 'EC2', 'CIS Benchmark for Amazon Linux');
      if (model.isTaggedWithAnyTraversingUp(a, ['aws:s3'])) assetRisk(a, 'S3', 'Security Best Practices for AWS S3');
    }
    return risks;
  },
  SUPPORTED,
);
