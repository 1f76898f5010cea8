/**
 * Object storage readable by anyone: an S3 bucket made public by ACL or policy (and not blocked by a
 * public access block), a GCS bucket granted to allUsers/allAuthenticatedUsers, an Azure storage
 * account allowing public blob access. The semantics decide publicness; this rule reports it with
 * the line that made it so.
 */
import type { Component } from '../../src/graph/types.js';
import { anchorOf, iacRule, sourceEvidence, type Finding, type IacCategory } from './kit.js';

export const category: IacCategory = {
  id: 'public-bucket',
  title: 'Public Bucket',
  description: 'An object storage bucket or container can be read (or listed, or written) by anyone on the internet.',
  impact: 'Every object in it is public: backups, exports, customer documents, logs. Public write also lets anyone plant content or run up costs.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Cloud_Architecture_Security_Cheat_Sheet.html',
  action: 'Access Control',
  mitigation: 'Enable the account/bucket public access block (S3), public access prevention (GCS) or disable blob public access (Azure); serve public content through a CDN with an origin access identity instead.',
  check: 'Is every bucket private unless it only serves public web content by design?',
  function: 'operations',
  stride: 'information-disclosure',
  detectionLogic: 'Bucket components with the public attribute (ACL or policy granting anyone), an allUsers/allAuthenticatedUsers IAM binding, or allow_public_blobs.',
  riskAssessment: 'Very likely (public buckets are enumerated automatically), high impact.',
  falsePositives: 'Buckets that host a public static website or public downloads by design: suppress with a reason.',
  modelFailurePossibleReason: false,
  cwe: 732,
  severityRationale: 'Bucket names are guessed and scanned at scale (very likely) and exposure is of the whole content (high).',
};

const PUBLIC_PRINCIPALS = new Set(['allUsers', 'allAuthenticatedUsers']);

/** Why a component is a public bucket (empty: it is not); datastore-exposed-to-internet defers to this rule. */
export function publicBucketReasons(c: Component): string[] {
  const a = c.attributes;
  const why: string[] = [];
  if (a.public === true) why.push('public ACL or policy');
  if (typeof a.public_iam === 'string' && PUBLIC_PRINCIPALS.has(a.public_iam)) why.push(`IAM grants ${a.public_iam}`);
  if (Array.isArray(a.public_iam) && a.public_iam.some((p) => PUBLIC_PRINCIPALS.has(p))) why.push(`IAM grants ${a.public_iam.join(', ')}`);
  if (a.allow_public_blobs === true) why.push('public blob access allowed');
  return why;
}

export const rule = iacRule(category, (view) => {
  const out: Finding[] = [];
  for (const c of view.components) {
    const why = publicBucketReasons(c);
    if (why.length === 0) continue;
    const exposure = view.fromInternet(c.id).flatMap((f) => f.evidence);
    const own = c.evidence.filter((e) => /public|alluser|acl|policy/i.test(`${e.kind} ${e.detail}`));
    out.push({
      anchor: anchorOf(c),
      likelihood: 'very-likely',
      impact: 'high',
      what: why.join('; '),
      evidence: [...exposure, ...own].length ? [...exposure, ...own] : sourceEvidence(c),
      dataBreachProbability: 'probable',
    });
  }
  return out;
});
