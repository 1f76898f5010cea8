/**
 * IAM policies as flows: a role that may read or write a bucket, table, queue, topic or stream makes
 * the compute that assumes it (Lambda `role`, ECS task role, EC2 instance profile, SAM `Policies`)
 * a caller of it. Read actions mark the data asset processed; wildcard grants are recorded as
 * attributes for the rules. Policies come inline, as separate policy resources and attachments,
 * as `aws_iam_policy_document` data sources, and as SAM policy templates.
 */
import { isTemplateValue, isUnknownValue, refsIn, type Resource, type ResourceRef } from '../../src/graph/resource.js';
import type { Evidence } from '../../src/graph/types.js';
import type { AwsContext } from './context.js';
import { secretAssetId } from './integrations.js';
import { attr, isObj, list, policyStatements, str, type Statement } from './values.js';
import { lookupTable } from '../../src/util/lookup.js';

const ROLE_OF_COMPUTE = ['role', 'Role', 'task_role_arn', 'TaskRoleArn', 'execution_role_arn', 'ExecutionRoleArn', 'iam_instance_profile', 'IamInstanceProfile', 'service_role', 'ServiceRole', 'role_arn', 'RoleArn'];
const SAM_TEMPLATES: Record<string, { key: string; access: Access }> = lookupTable({
  DynamoDBCrudPolicy: { key: 'TableName', access: 'rw' }, DynamoDBReadPolicy: { key: 'TableName', access: 'r' }, DynamoDBWritePolicy: { key: 'TableName', access: 'w' },
  S3ReadPolicy: { key: 'BucketName', access: 'r' }, S3CrudPolicy: { key: 'BucketName', access: 'rw' }, S3WritePolicy: { key: 'BucketName', access: 'w' }, S3FullAccessPolicy: { key: 'BucketName', access: 'rw' },
  SQSPollerPolicy: { key: 'QueueName', access: 'r' }, SQSSendMessagePolicy: { key: 'QueueName', access: 'w' },
  SNSPublishMessagePolicy: { key: 'TopicName', access: 'w' }, KinesisStreamReadPolicy: { key: 'StreamName', access: 'r' }, KinesisCrudPolicy: { key: 'StreamName', access: 'rw' },
  SecretsManagerGetSecretValuePolicy: { key: 'SecretArn', access: 'r' }, EventBridgePutEventsPolicy: { key: 'EventBusName', access: 'w' },
});
type Access = 'r' | 'w' | 'rw';

const READ = /^(sam:Read|s3:(Get|List)|dynamodb:(Get|Query|Scan|BatchGet|Describe|ConditionCheck)|sqs:(Receive|Delete|ChangeMessage|Get)|kinesis:(Get|Describe|List|Subscribe)|secretsmanager:(GetSecretValue|Describe)|ssm:GetParameter|es:ESHttp(Get|Head)|rds-db:connect|elasticfilesystem:ClientMount|kafka-cluster:(Read|Describe))/i;
const WRITE = /^(sam:Write|s3:(Put|Delete|Restore|Abort)|dynamodb:(Put|Update|Delete|BatchWrite)|sqs:Send|sns:Publish|kinesis:Put|firehose:Put|events:PutEvents|es:ESHttp(Put|Post|Delete)|elasticfilesystem:ClientWrite|kafka-cluster:Write|lambda:Invoke|states:Start)/i;

export function iamFlows(ctx: AwsContext): void {
  const g = ctx.graph;
  const lookup = (a: string) => ctx.byAddress.get(a);
  // Role address → statements that apply to it (with the evidence of where they are written).
  const byRole = new Map<string, Array<{ st: Statement; ev: Evidence }>>();
  const add = (role: Resource | undefined, statements: Statement[] | undefined, ev: Evidence) => {
    if (!role || !statements) return;
    const l = byRole.get(role.address) ?? [];
    for (const st of statements) l.push({ st, ev });
    byRole.set(role.address, l);
  };
  for (const r of ctx.ofType('aws_iam_role', 'AWS::IAM::Role')) {
    list(attr(r, 'inline_policy')).forEach((p, i) => isObj(p) && add(r, policyStatements(p.policy, lookup), ctx.evidence(r, 'aws-iam-policy', `${ctx.label(r)} inline policy ${str(p.name) ?? i}`, `inline_policy[${i}]`)));
    list(attr(r, 'Policies')).forEach((p, i) => isObj(p) && add(r, policyStatements(p.PolicyDocument, lookup), ctx.evidence(r, 'aws-iam-policy', `${ctx.label(r)} policy ${str(p.PolicyName) ?? i}`, `Policies[${i}]`)));
    for (const ref of refsIn(attr(r, 'ManagedPolicyArns', 'managed_policy_arns'))) {
      const pol = ctx.target(ref);
      if (pol) add(r, policyStatements(attr(pol, 'policy', 'PolicyDocument'), lookup), ctx.evidence(pol, 'aws-iam-policy', `${ctx.label(pol)} attached to ${ctx.label(r)}`));
    }
  }
  for (const p of ctx.ofType('aws_iam_role_policy')) add(ctx.target(p.attributes.role), policyStatements(p.attributes.policy, lookup), ctx.evidence(p, 'aws-iam-policy', `${ctx.label(p)} grants`));
  for (const a of ctx.ofType('aws_iam_role_policy_attachment', 'aws_iam_policy_attachment')) {
    const pol = ctx.target(a.attributes.policy_arn);
    const roles = [a.attributes.role, ...list(a.attributes.roles)].map((x) => ctx.target(x)).filter(Boolean) as Resource[];
    if (pol) for (const role of roles) add(role, policyStatements(pol.attributes.policy, lookup), ctx.evidence(pol, 'aws-iam-policy', `${ctx.label(pol)} attached to ${ctx.label(role)} by ${ctx.label(a)}`));
  }
  for (const p of ctx.ofType('AWS::IAM::RolePolicy')) add(ctx.target(attr(p, 'RoleName')), policyStatements(attr(p, 'PolicyDocument'), lookup), ctx.evidence(p, 'aws-iam-policy', `${ctx.label(p)} grants`));
  for (const p of ctx.ofType('AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy')) {
    for (const ref of refsIn(attr(p, 'Roles'))) add(ctx.target(ref), policyStatements(attr(p, 'PolicyDocument'), lookup), ctx.evidence(p, 'aws-iam-policy', `${ctx.label(p)} grants`));
  }

  const byArn = arnIndex(ctx);
  for (const id of [...ctx.specs.keys()].sort()) {
    if (ctx.specs.get(id)?.type !== 'process') continue;
    const grants: Array<{ st: Statement; ev: Evidence }> = [];
    for (const part of ctx.partsOf(id)) {
      for (const key of ROLE_OF_COMPUTE) {
        for (const ref of refsIn(part.attributes[key])) {
          let role = ctx.target(ref);
          if (role && /instance_profile|InstanceProfile/.test(role.type)) role = [role.attributes.role, ...list(role.attributes.Roles)].map((x) => ctx.target(x)).find(Boolean);
          if (role) grants.push(...(byRole.get(role.address) ?? []));
        }
      }
      if (part.type === 'AWS::Serverless::Function') grants.push(...samPolicies(ctx, part));
    }
    const wildcard = new Set<string>();
    for (const { st, ev } of grants) {
      if (st.effect !== 'Allow') continue;
      const reads = st.actions.some((a) => a === '*' || a.endsWith(':*') || READ.test(a));
      const writes = st.actions.some((a) => a === '*' || a.endsWith(':*') || WRITE.test(a));
      for (const a of st.actions) if (a === '*' || a.endsWith(':*')) if (st.resources.some((r) => str(r) === '*')) wildcard.add(a);
      for (const res of st.resources) {
        const literal = arnTarget(byArn, res);
        for (const ref of literal ? [literal] : refsIn(res)) {
          const target = ctx.target(ref);
          const tid = ctx.ownerOf(target);
          if (target && /secret|ssm_parameter|SSM::Parameter/i.test(target.type)) {
            if (reads) g.useDataAsset(secretAssetId(ctx, target), id, 'processed');
            continue;
          }
          if (!tid || tid === id || (!reads && !writes)) continue;
          const verbs = [reads ? 'read' : '', writes ? 'write' : ''].filter(Boolean).join(' and ');
          ctx.addFlow({ source: id, target: tid, protocol: ctx.specs.get(tid)?.protocol ?? 'https', port: ctx.specs.get(tid)?.port ?? 443, encrypted: true, authentication: 'credentials', confidence: 'declared', evidence: [{ ...ev, detail: `${ev.detail}: may ${verbs} ${tid} (${st.actions.join(', ')})` }] });
          g.useDataAsset(`${tid}-data`, id, 'processed');
        }
      }
    }
    if (wildcard.size) g.component(id)!.attributes.iam_wildcard_actions = [...wildcard].sort();
  }
  for (const r of ctx.resources) if (/^(aws_iam_|data\.aws_iam_|AWS::IAM::)/.test(r.type)) g.markFolded(r);
}

/** `arn:aws:s3:::name/*`, `arn:…:dynamodb:…:table/name`, `arn:…:sqs:…:name`, `arn:…:secretsmanager:…:secret:name-*`. */
const ARN_PATTERNS: Array<[RegExp, string]> = [
  [/^arn:[^:]*:s3:::([^/]+)/, 's3'],
  [/^arn:[^:]*:dynamodb:[^:]*:[^:]*:table\/([^/]+)/, 'dynamodb'],
  [/^arn:[^:]*:sqs:[^:]*:[^:]*:([^:]+)$/, 'sqs'],
  [/^arn:[^:]*:sns:[^:]*:[^:]*:([^:]+)$/, 'sns'],
  [/^arn:[^:]*:kinesis:[^:]*:[^:]*:stream\/([^/]+)/, 'kinesis'],
  [/^arn:[^:]*:secretsmanager:[^:]*:[^:]*:secret:(.+?)(?:-\*|-\?{6})?$/, 'secret'],
];
const ARN_KINDS: Record<string, string> = { s3: 's3', dynamodb: 'dynamodb', sqs: 'sqs', sns: 'sns', kinesis: 'kinesis' };

/**
 * Resources written as literal ARNs (`arn:aws:s3:::${AppName}-content`) rather than references: the
 * name is compared with each bucket/table/queue/topic/secret's own name, unknown pieces (parameters
 * without defaults, `${AWS::Region}`) compared as written. Exact matches only; wildcards never match.
 */
function arnIndex(ctx: AwsContext): Map<string, ResourceRef> {
  const index = new Map<string, ResourceRef>();
  for (const [id, spec] of ctx.specs) {
    if (!Object.values(ARN_KINDS).includes(spec.kind)) continue;
    const own = ctx.partsOf(id).find((p) => ctx.role(p)?.role === 'component');
    const name = own ? spec.names?.map((p) => canonical(attr(own, p))).find(Boolean) : undefined;
    if (own && name) index.set(`${spec.kind}:${name}`, { $ref: own.address });
  }
  for (const s of ctx.ofType('aws_secretsmanager_secret', 'AWS::SecretsManager::Secret')) {
    const name = canonical(attr(s, 'name', 'Name'));
    if (name) index.set(`secret:${name}`, { $ref: s.address });
  }
  return index;
}

function arnTarget(index: Map<string, ResourceRef>, v: unknown): ResourceRef | undefined {
  const text = canonical(v);
  if (!text || !text.startsWith('arn:')) return undefined;
  for (const [re, kind] of ARN_PATTERNS) {
    const m = re.exec(text);
    if (m && !m[1]!.includes('*')) return index.get(`${kind}:${m[1]}`);
  }
  return undefined;
}

/** A value as text with references and unknowns spelled as written (colons out, so ARN fields still split), so two spellings of one name compare equal. */
function canonical(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (!isTemplateValue(v)) return undefined;
  return v.$template.map((p) => (typeof p === 'string' ? p : isUnknownValue(p) ? `{${p.$unknown.replace(/:/g, '_')}}` : `{${p.$ref.replace(/:/g, '_')}${p.attribute ? `.${p.attribute}` : ''}}`)).join('');
}

function samPolicies(ctx: AwsContext, f: Resource): Array<{ st: Statement; ev: Evidence }> {
  const out: Array<{ st: Statement; ev: Evidence }> = [];
  list(attr(f, 'Policies')).forEach((p, i) => {
    if (!isObj(p)) return;
    for (const [name, params] of Object.entries(p)) {
      const t = SAM_TEMPLATES[name];
      const ev = ctx.evidence(f, 'aws-iam-policy', `${ctx.label(f)} policy template ${name}`, `Policies[${i}]`);
      if (t && isObj(params)) {
        const actions = t.access === 'r' ? ['sam:Read'] : t.access === 'w' ? ['sam:Write'] : ['sam:Read', 'sam:Write'];
        out.push({ st: { effect: 'Allow', actions, resources: [params[t.key]], principals: [], hasCondition: false }, ev });
      } else if (name === 'Statement') {
        for (const st of policyStatements({ Statement: params }) ?? []) out.push({ st, ev });
      }
    }
  });
  return out;
}
