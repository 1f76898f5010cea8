/**
 * Internet exposure that is a property of a managed service rather than of a network path: API
 * Gateway (unless PRIVATE), CloudFront, Lambda function URLs, EKS public endpoints, databases with
 * `publicly_accessible`, public buckets (ACL or policy, not blocked by a public access block),
 * OpenSearch domains whose policy allows anyone, Cognito hosted UIs. Plus WAF associations.
 * Also the data assets for secrets and parameters (names only).
 */
import type { Resource } from '../../src/graph/resource.js';
import { refsIn } from '../../src/graph/resource.js';
import type { Evidence } from '../../src/graph/types.js';
import type { AwsContext } from './context.js';
import { clientProtocol } from './components.js';
import { secretAssetId } from './integrations.js';
import { attr, bool, get, isObj, list, policyStatements, str } from './values.js';

export function managedExposure(ctx: AwsContext): void {
  const g = ctx.graph;
  const expose = (id: string | undefined, evidence: Evidence[], port = 443) => {
    if (id) g.exposeToInternet(id, { protocol: port === 443 ? 'https' : clientProtocol(ctx, id, undefined).protocol, port, evidence });
  };
  for (const a of ctx.ofType('aws_api_gateway_rest_api', 'AWS::ApiGateway::RestApi', 'AWS::Serverless::Api', 'aws_apigatewayv2_api', 'AWS::ApiGatewayV2::Api', 'AWS::Serverless::HttpApi')) {
    const types = list(attr(a, 'endpoint_configuration.types', 'EndpointConfiguration.Types', 'EndpointConfiguration.Type', 'EndpointConfiguration')).map((t) => str(t));
    if (types.includes('PRIVATE')) continue;
    expose(ctx.ownerOf(a), [ctx.evidence(a, 'aws-apigw-public', `${ctx.label(a)} is a ${types.join('/') || (a.type.includes('V2') || a.type.includes('HttpApi') || a.type.includes('v2') ? 'public' : 'EDGE')} API Gateway endpoint on the internet`)]);
  }
  for (const d of ctx.ofType('aws_cloudfront_distribution', 'AWS::CloudFront::Distribution')) {
    const id = ctx.ownerOf(d);
    expose(id, [ctx.evidence(d, 'aws-cloudfront', `${ctx.label(d)} serves the internet`)]);
    const waf = attr(d, 'web_acl_id', 'DistributionConfig.WebACLId');
    if (id && waf !== undefined) g.component(id)!.attributes.waf = true;
  }
  for (const a of ctx.ofType('aws_wafv2_web_acl_association', 'aws_wafregional_web_acl_association', 'AWS::WAFv2::WebACLAssociation', 'AWS::WAFRegional::WebACLAssociation')) {
    const id = ctx.componentOf(attr(a, 'resource_arn', 'ResourceArn'));
    if (id) {
      g.component(id)!.attributes.waf = true;
      g.component(id)!.evidence.push(ctx.evidence(a, 'aws-waf', `${ctx.label(a)} puts a web ACL in front of ${id}`));
    }
  }
  for (const u of ctx.ofType('aws_lambda_function_url', 'AWS::Lambda::Url')) {
    const id = ctx.componentOf(attr(u, 'function_name', 'TargetFunctionArn'));
    const auth = str(attr(u, 'authorization_type', 'AuthType')) ?? 'NONE';
    expose(id, [ctx.evidence(u, 'aws-lambda-url', `${ctx.label(u)} gives the function a public URL (auth ${auth})`)]);
  }
  for (const c of ctx.ofType('aws_eks_cluster', 'AWS::EKS::Cluster')) {
    const pub = bool(attr(c, 'vpc_config.endpoint_public_access', 'ResourcesVpcConfig.EndpointPublicAccess'));
    if (pub === false) continue;
    const cidrs = list(attr(c, 'vpc_config.public_access_cidrs', 'ResourcesVpcConfig.PublicAccessCidrs')).map((x) => str(x)).filter(Boolean);
    expose(ctx.ownerOf(c), [ctx.evidence(c, 'aws-eks-public-endpoint', `${ctx.label(c)} API endpoint is public${pub === undefined ? ' (the default)' : ''}${cidrs.length ? ` from ${cidrs.join(', ')}` : ''}`)]);
  }
  for (const r of ctx.resources) {
    const pa = attr(r, 'publicly_accessible', 'PubliclyAccessible');
    if (bool(pa) !== true) continue;
    const id = ctx.ownerOf(r);
    if (!id) continue;
    const ev = ctx.evidence(r, 'aws-publicly-accessible', `${ctx.label(r)} sets ${r.format === 'tf' ? 'publicly_accessible' : 'PubliclyAccessible'} = true`, r.format === 'tf' ? 'publicly_accessible' : 'PubliclyAccessible');
    g.component(id)!.attributes.publicly_accessible = true;
    const { port } = clientProtocol(ctx, id, r);
    g.exposeToInternet(id, { protocol: clientProtocol(ctx, id, r).protocol, ...(port !== undefined ? { port } : {}), evidence: [ev] });
  }
  for (const p of ctx.ofType('aws_cognito_user_pool_domain', 'AWS::Cognito::UserPoolDomain')) {
    expose(ctx.componentOf(attr(p, 'user_pool_id', 'UserPoolId')), [ctx.evidence(p, 'aws-cognito-domain', `${ctx.label(p)} hosts the sign-in UI on the internet`)]);
  }
  publicBuckets(ctx);
  openSearchPolicies(ctx);
  secrets(ctx);
}

const PUBLIC_ACL = /^(public-read|public-read-write|PublicRead|PublicReadWrite|authenticated-read|AuthenticatedRead)$/;

function publicBuckets(ctx: AwsContext): void {
  const g = ctx.graph;
  const lookup = (a: string) => ctx.byAddress.get(a);
  const acl = new Map<string, Evidence>();
  const policy = new Map<string, Evidence>();
  const blocks = new Map<string, { acls: boolean; policy: boolean; ev: Evidence }>();
  const bucketOf = (r: Resource) => ctx.componentOf(attr(r, 'bucket', 'Bucket'));
  for (const b of ctx.ofType('aws_s3_bucket', 'AWS::S3::Bucket')) {
    const id = ctx.ownerOf(b);
    const a = str(attr(b, 'acl', 'AccessControl'));
    if (id && a && PUBLIC_ACL.test(a)) acl.set(id, ctx.evidence(b, 'aws-s3-public-acl', `${ctx.label(b)} has ACL ${a}`, b.format === 'tf' ? 'acl' : 'AccessControl'));
    if (id && b.attributes.policy !== undefined && isPublicPolicy(b.attributes.policy, lookup)) policy.set(id, ctx.evidence(b, 'aws-s3-public-policy', `${ctx.label(b)} policy allows anyone (Principal *)`));
    const pab = attr(b, 'PublicAccessBlockConfiguration');
    if (id && isObj(pab)) blocks.set(id, { acls: bool(pab.IgnorePublicAcls) === true || bool(pab.BlockPublicAcls) === true, policy: bool(pab.RestrictPublicBuckets) === true || bool(pab.BlockPublicPolicy) === true, ev: ctx.evidence(b, 'aws-s3-public-access-block', `${ctx.label(b)} public access block`) });
    const web = attr(b, 'website', 'WebsiteConfiguration');
    if (id && web !== undefined) g.component(id)!.attributes.website = true;
  }
  for (const r of ctx.ofType('aws_s3_bucket_acl')) {
    const id = bucketOf(r);
    const a = str(r.attributes.acl);
    if (id && a && PUBLIC_ACL.test(a)) acl.set(id, ctx.evidence(r, 'aws-s3-public-acl', `${ctx.label(r)} sets ACL ${a}`));
  }
  for (const r of ctx.ofType('aws_s3_bucket_policy', 'AWS::S3::BucketPolicy')) {
    const id = bucketOf(r);
    if (id && isPublicPolicy(attr(r, 'policy', 'PolicyDocument'), lookup)) policy.set(id, ctx.evidence(r, 'aws-s3-public-policy', `${ctx.label(r)} allows anyone (Principal *) without a condition`));
  }
  for (const r of ctx.ofType('aws_s3_bucket_public_access_block')) {
    const id = bucketOf(r);
    if (id) blocks.set(id, { acls: bool(r.attributes.ignore_public_acls) === true || bool(r.attributes.block_public_acls) === true, policy: bool(r.attributes.restrict_public_buckets) === true || bool(r.attributes.block_public_policy) === true, ev: ctx.evidence(r, 'aws-s3-public-access-block', `${ctx.label(r)} public access block`) });
  }
  // No public access block at all: nothing stops a later ACL or policy from making it public.
  for (const b of ctx.ofType('aws_s3_bucket', 'AWS::S3::Bucket')) {
    const id = ctx.ownerOf(b);
    if (id) g.component(id)!.attributes.public_access_block = blocks.has(id);
  }
  for (const id of [...new Set([...acl.keys(), ...policy.keys()])].sort()) {
    const block = blocks.get(id);
    const why = [acl.has(id) && !block?.acls ? acl.get(id)! : undefined, policy.has(id) && !block?.policy ? policy.get(id)! : undefined].filter((e): e is Evidence => e !== undefined);
    if (why.length === 0) continue;
    g.component(id)!.attributes.public = true;
    g.exposeToInternet(id, { protocol: 'https', port: 443, evidence: block ? [...why, { ...block.ev, detail: `${block.ev.detail} does not block it` }] : why });
  }
}

function isPublicPolicy(doc: unknown, lookup: (a: string) => Resource | undefined): boolean {
  return (policyStatements(doc, lookup) ?? []).some(
    (s) => s.effect === 'Allow' && !s.hasCondition && s.principals.some((p) => str(p) === '*' || (isObj(p) && list(p.AWS ?? p.identifiers).some((x) => str(x) === '*')) || (isObj(p) && str(p.type) === '*')),
  );
}

function openSearchPolicies(ctx: AwsContext): void {
  const lookup = (a: string) => ctx.byAddress.get(a);
  for (const d of ctx.ofType('aws_elasticsearch_domain', 'aws_opensearch_domain', 'AWS::Elasticsearch::Domain', 'AWS::OpenSearchService::Domain', 'aws_elasticsearch_domain_policy', 'aws_opensearch_domain_policy')) {
    const id = ctx.ownerOf(d) ?? ctx.componentOf(attr(d, 'domain_name'));
    const doc = attr(d, 'access_policies', 'AccessPolicies');
    const inVpc = get(d.attributes, 'vpc_options') !== undefined || get(d.attributes, 'VPCOptions') !== undefined;
    if (!id || doc === undefined || inVpc || !isPublicPolicy(doc, lookup)) continue;
    ctx.graph.exposeToInternet(id, { protocol: 'https', port: 443, evidence: [ctx.evidence(d, 'aws-opensearch-open-policy', `${ctx.label(d)} access policy allows anyone (Principal *) and the domain is not in a VPC`)] });
  }
}

function secrets(ctx: AwsContext): void {
  for (const s of ctx.ofType('aws_secretsmanager_secret', 'AWS::SecretsManager::Secret', 'aws_ssm_parameter', 'AWS::SSM::Parameter')) {
    const isSecret = /secret/i.test(s.type) || str(attr(s, 'type', 'Type')) === 'SecureString';
    const name = str(attr(s, 'name', 'Name'));
    ctx.graph.addDataAsset({ id: secretAssetId(ctx, s), title: (name && !name.includes('${') ? name : s.name).slice(0, 60), kind: isSecret ? 'secret' : 'config', sources: [ctx.source(s)], evidence: [ctx.evidence(s, 'aws-secret', `${ctx.label(s)} holds a ${isSecret ? 'secret' : 'parameter'} (value not read)`)] });
    ctx.graph.markFolded(s);
  }
  // Databases whose master password lives in a secret in the scan: the database uses that secret.
  for (const id of [...ctx.specs.keys()].sort()) {
    for (const part of ctx.partsOf(id)) {
      for (const key of ['password', 'master_password', 'MasterUserPassword', 'MasterUserSecret', 'master_user_secret_kms_key_id']) {
        for (const ref of refsIn(part.attributes[key])) {
          const t = ctx.target(ref);
          if (t && /secret/i.test(t.type)) ctx.graph.useDataAsset(secretAssetId(ctx, t), id, 'processed');
        }
      }
    }
  }
}
