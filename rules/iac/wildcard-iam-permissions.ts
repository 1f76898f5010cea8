/**
 * IAM grants with wildcards: AWS policy statements that Allow `*` or `service:*` actions, or any
 * action on Resource `*`; GCP project-wide primitive roles (owner, editor); Azure custom roles with
 * `*` actions. The finding sits on the component the semantics bound the grant to when there is one
 * (`iam_wildcard_actions`), and otherwise on the policy resource itself, with the statement's line.
 */
import type { Resource } from '../../src/graph/resource.js';
import { isResourceRef, isTemplateValue } from '../../src/graph/resource.js';

import { anchorOf, attributeEvidence, get, iacRule, slug, sourceEvidence, strList, type Anchor, type Finding, type IacCategory, type IacView } from './kit.js';
import { lookupTable } from '../../src/util/lookup.js';

export const category: IacCategory = {
  id: 'wildcard-iam-permissions',
  title: 'Wildcard IAM Permissions',
  description: 'An identity is granted every action of a service (or of all services), or actions on every resource, instead of the few it needs.',
  impact: 'A stolen credential or a compromised workload with the grant can do far more than its job: read every bucket, change every database, create users, escalate to administrator.',
  asvs: 'V4 - Access Control Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Authorization_Cheat_Sheet.html',
  action: 'Least Privilege',
  mitigation: 'List the exact actions and resource ARNs the workload uses (IAM Access Analyzer can generate them from activity); use predefined narrow roles instead of owner/editor; keep `*` only behind conditions that pin it down.',
  check: 'Does every policy name its actions and resources?',
  function: 'operations',
  stride: 'elevation-of-privilege',
  detectionLogic: 'Allow statements with Action `*` / `service:*` or Resource `*` (AWS, incl. policy documents and SAM statements), roles/owner or roles/editor bindings (GCP), custom roles with `*` actions (Azure).',
  riskAssessment: 'Very likely to be abused once the identity is compromised when it amounts to full admin (`*` on `*`); likely otherwise. High impact.',
  falsePositives: 'Read-only actions on `*` that the service cannot scope (e.g. `ec2:Describe*`); break-glass roles.',
  modelFailurePossibleReason: false,
  cwe: 732,
  severityRationale: 'Credentials leak regularly; a wildcard grant turns a leak into an account-wide incident. Full admin is rated higher than a service-wide wildcard.',
};

/** Policy documents per resource type: dotted paths to a document, or to a list of inline policies. */
const POLICY_DOCS: Record<string, { docs?: string[]; inlineLists?: Array<{ list: string; doc: string }>; statements?: string }> = lookupTable({
  aws_iam_policy: { docs: ['policy'] },
  aws_iam_role_policy: { docs: ['policy'] },
  aws_iam_user_policy: { docs: ['policy'] },
  aws_iam_group_policy: { docs: ['policy'] },
  aws_iam_role: { inlineLists: [{ list: 'inline_policy', doc: 'policy' }] },
  'data.aws_iam_policy_document': { statements: 'statement' },
  'AWS::IAM::Policy': { docs: ['PolicyDocument'] },
  'AWS::IAM::ManagedPolicy': { docs: ['PolicyDocument'] },
  'AWS::IAM::Role': { inlineLists: [{ list: 'Policies', doc: 'PolicyDocument' }] },
  'AWS::IAM::User': { inlineLists: [{ list: 'Policies', doc: 'PolicyDocument' }] },
  'AWS::IAM::Group': { inlineLists: [{ list: 'Policies', doc: 'PolicyDocument' }] },
});

const GCP_BINDINGS = ['google_project_iam_member', 'google_project_iam_binding', 'google_organization_iam_member', 'google_organization_iam_binding', 'google_folder_iam_member', 'google_folder_iam_binding'];
const PRIMITIVE_ROLES = /^roles\/(owner|editor)$/;

interface Statement {
  actions: string[];
  resources: string[];
  path: string;
}

export const rule = iacRule(category, (view) => {
  const out: Finding[] = [];
  const covered = new Set<string>();
  // Grants the semantics bound to a workload: the finding is about what that workload may do.
  for (const c of view.components) {
    const actions = strList(c.attributes.iam_wildcard_actions);
    if (actions.length === 0) continue;
    covered.add(c.id);
    const ev = c.evidence.filter((e) => /iam|polic|role/i.test(e.kind));
    out.push({
      anchor: anchorOf(c),
      likelihood: actions.includes('*') ? 'very-likely' : 'likely',
      impact: 'high',
      what: `its role may perform ${actions.join(', ')} on every resource`,
      evidence: ev.length ? ev : sourceEvidence(c),
      dataBreachProbability: 'probable',
    });
  }
  // Every policy document, bound or not: the statement's own line is what a reviewer needs.
  for (const r of view.ofType(...Object.keys(POLICY_DOCS)).sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0))) {
    const wild = statementsOf(r).filter(isWildcard);
    if (wild.length === 0) continue;
    const admin = wild.some((s) => s.actions.includes('*') && s.resources.includes('*'));
    const actions = [...new Set(wild.flatMap((s) => s.actions.filter((a) => a === '*' || a.endsWith(':*') || s.resources.includes('*'))))].sort();
    const what = admin ? 'allows every action on every resource (full administrator)' : `allows ${actions.slice(0, 6).join(', ')}${actions.length > 6 ? ', …' : ''}${wild.some((s) => s.resources.includes('*')) ? ' on every resource' : ''}`;
    out.push({
      anchor: resourceAnchor(view, r),
      likelihood: admin ? 'very-likely' : 'likely',
      impact: 'high',
      what,
      evidence: wild.map((s) => attributeEvidence(r, s.path, 'iam-wildcard', `${r.address} allows ${s.actions.join(', ')} on ${s.resources.join(', ')}`)),
      dataBreachProbability: 'probable',
    });
  }
  for (const r of view.ofType(...GCP_BINDINGS)) {
    const role = get(r, 'role');
    if (typeof role !== 'string' || !PRIMITIVE_ROLES.test(role)) continue;
    out.push({ anchor: resourceAnchor(view, r), likelihood: 'likely', impact: 'high', what: `grants the primitive role ${role} project-wide`, evidence: [attributeEvidence(r, 'role', 'iam-wildcard', `${r.address} grants ${role}`)] });
  }
  for (const r of view.ofType('azurerm_role_definition')) {
    const actions = strList(get(r, 'permissions.actions'));
    if (!actions.includes('*')) continue;
    out.push({ anchor: resourceAnchor(view, r), likelihood: 'likely', impact: 'high', what: 'a custom role allowing every action (*)', evidence: [attributeEvidence(r, 'permissions', 'iam-wildcard', `${r.address} permissions.actions includes *`)] });
  }
  return out;
});

function resourceAnchor(view: IacView, r: Resource): Anchor {
  const owner = view.componentOf(r.address);
  return owner ? anchorOf(owner) : { id: slug(r.address.replace(/^(tf|cfn|k8s|compose):/, '')), title: r.address };
}

function isWildcard(s: Statement): boolean {
  return s.actions.some((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a)) || (s.resources.includes('*') && s.actions.length > 0 && !s.actions.every(isReadOnly));
}

/** Describe/List/Get on `*` is often unavoidable (those APIs take no resource): not reported alone. */
function isReadOnly(action: string): boolean {
  return /^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]*\*?$/.test(action);
}

function statementsOf(r: Resource): Statement[] {
  const spec = POLICY_DOCS[r.type];
  if (!spec) return [];
  const out: Statement[] = [];
  for (const path of spec.docs ?? []) out.push(...docStatements(get(r, path), path));
  for (const { list, doc } of spec.inlineLists ?? []) {
    const items = get(r, list);
    if (Array.isArray(items)) items.forEach((it, i) => out.push(...docStatements((it as Record<string, unknown>)?.[doc], `${list}[${i}]`)));
  }
  if (spec.statements) {
    const blocks = get(r, spec.statements);
    const list = Array.isArray(blocks) ? blocks : blocks ? [blocks] : [];
    list.forEach((b, i) => {
      const s = b as Record<string, unknown>;
      if (!s || s.effect === 'Deny') return;
      out.push({ actions: plainList(s.actions), resources: plainList(s.resources), path: `${spec.statements}[${i}]` });
    });
  }
  return out;
}

function docStatements(doc: unknown, path: string): Statement[] {
  let d: unknown = doc;
  if (isTemplateValue(d) && d.$template.every((p) => typeof p === 'string')) d = d.$template.join('');
  if (typeof d === 'string') {
    try {
      d = JSON.parse(d);
    } catch {
      return [];
    }
  }
  if (!d || typeof d !== 'object') return [];
  const st = (d as Record<string, unknown>).Statement ?? (d as Record<string, unknown>).statement;
  const list = Array.isArray(st) ? st : st ? [st] : [];
  return list
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object' && (s as Record<string, unknown>).Effect !== 'Deny')
    .map((s) => ({ actions: plainList(s.Action), resources: plainList(s.Resource), path }));
}

function plainList(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x) => !isResourceRef(x)).map((x) => (typeof x === 'string' ? x : isTemplateValue(x) ? x.$template.map((p) => (typeof p === 'string' ? p : '?')).join('') : '')).filter(Boolean);
}

