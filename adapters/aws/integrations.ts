/**
 * Flows that services declare to each other outside the network layer: API Gateway integrations,
 * Lambda event source mappings (the function polls: function → source), SNS subscriptions (topic →
 * endpoint), S3 notifications (bucket → function/queue/topic), EventBridge rules and targets,
 * CloudFront origins, SAM function events, Lambda permissions for a named source, and references in
 * environment variables and container definitions (the component that holds the address calls it).
 * Direction is always caller → callee.
 */
import { refsIn, type Resource } from '../../src/graph/resource.js';
import type { Evidence } from '../../src/graph/types.js';
import type { Authentication, Protocol } from '../../src/model/enums.js';
import type { AwsContext } from './context.js';
import { clientProtocol } from './components.js';
import { keyMatcher, walkKeys } from './network.js';
import { isEncrypted } from './protocols.js';
import { attr, get, isObj, list, str } from './values.js';

function flow(ctx: AwsContext, source: string | undefined, target: string | undefined, evidence: Evidence[], opts: { protocol?: Protocol; port?: number; confidence?: 'declared' | 'configured' | 'inferred'; authentication?: Authentication } = {}): void {
  if (!source || !target) return;
  const spec = ctx.specs.get(target);
  const protocol = opts.protocol ?? spec?.protocol ?? 'https';
  const port = opts.port ?? spec?.port;
  ctx.addFlow({ source, target, protocol, ...(port !== undefined ? { port } : {}), encrypted: isEncrypted(protocol), confidence: opts.confidence ?? 'declared', authentication: opts.authentication ?? 'credentials', evidence });
}

export function integrationFlows(ctx: AwsContext): void {
  apiGateway(ctx);
  eventSources(ctx);
  subscriptions(ctx);
  bucketNotifications(ctx);
  eventRules(ctx);
  cloudFront(ctx);
  samEvents(ctx);
  lambdaPermissions(ctx);
  dmsTasks(ctx);
  configuredReferences(ctx);
}

/** DMS: the replication instance reads the source endpoint's database and writes the target's. */
function dmsTasks(ctx: AwsContext): void {
  for (const t of ctx.ofType('aws_dms_replication_task', 'AWS::DMS::ReplicationTask')) {
    const inst = ctx.componentOf(attr(t, 'replication_instance_arn', 'ReplicationInstanceArn'));
    for (const key of ['source_endpoint_arn', 'SourceEndpointArn', 'target_endpoint_arn', 'TargetEndpointArn']) {
      const ep = ctx.target(attr(t, key));
      if (!ep) continue;
      const db = refsIn(attr(ep, 'server_name', 'ServerName', 's3_settings.bucket_name', 'S3Settings.BucketName', 'database_name')).map((r) => ctx.componentOf(r)).find(Boolean);
      flow(ctx, inst, db, [ctx.evidence(t, 'aws-dms-task', `${ctx.label(t)} replicates ${/source/i.test(key) ? 'from' : 'to'} ${ctx.label(ep)}`), ctx.evidence(ep, 'aws-dms-endpoint', `${ctx.label(ep)} points at ${db ?? '?'}`)]);
    }
  }
}

function apiGateway(ctx: AwsContext): void {
  const g = ctx.graph;
  // v1: methods carry the integration in CFN; TF has a separate integration resource.
  for (const m of ctx.ofType('aws_api_gateway_integration', 'AWS::ApiGateway::Method', 'aws_apigatewayv2_integration', 'AWS::ApiGatewayV2::Integration')) {
    g.markFolded(m);
    const api = ctx.componentOf(attr(m, 'rest_api_id', 'RestApiId', 'api_id', 'ApiId'));
    const uri = attr(m, 'uri', 'Integration.Uri', 'integration_uri', 'IntegrationUri');
    const path = m.format === 'cfn' && m.type === 'AWS::ApiGateway::Method' ? 'Integration' : undefined;
    const type = str(attr(m, 'type', 'Integration.Type', 'integration_type', 'IntegrationType')) ?? '';
    const auth = str(attr(m, 'AuthorizationType', 'authorization'));
    const targets = refsIn(uri).map((r) => ctx.componentOf(r)).filter(Boolean) as string[];
    for (const t of [...new Set(targets)]) flow(ctx, api, t, [ctx.evidence(m, 'aws-apigw-integration', `${ctx.label(m)} integrates ${type || 'the API'} with ${t}`, path)], { authentication: 'credentials' });
    if (targets.length === 0 && uri !== undefined && api) {
      const u = str(uri);
      if (u && /^https?:\/\//.test(u)) g.component(api)!.attributes.http_integrations = [...new Set([...((g.component(api)!.attributes.http_integrations as string[]) ?? []), u.replace(/\?.*$/, '')])].sort();
    }
    if (api && auth && auth.toUpperCase() === 'NONE') markUnauthenticated(ctx, api, m);
  }
  for (const m of ctx.ofType('aws_api_gateway_method')) {
    const api = ctx.componentOf(m.attributes.rest_api_id);
    if (api && str(m.attributes.authorization)?.toUpperCase() === 'NONE') markUnauthenticated(ctx, api, m);
  }
}

function markUnauthenticated(ctx: AwsContext, api: string, m: Resource): void {
  const c = ctx.graph.component(api)!;
  c.attributes.unauthenticated_methods = true;
  c.evidence.push(ctx.evidence(m, 'aws-apigw-no-auth', `${ctx.label(m)} has AuthorizationType NONE (callers are not authenticated)`));
}

function eventSources(ctx: AwsContext): void {
  for (const m of ctx.ofType('aws_lambda_event_source_mapping', 'AWS::Lambda::EventSourceMapping')) {
    ctx.graph.markFolded(m);
    const fn = ctx.componentOf(attr(m, 'function_name', 'FunctionName'));
    const src = ctx.componentOf(attr(m, 'event_source_arn', 'EventSourceArn'));
    if (!fn || !src) {
      const missing = !fn ? attr(m, 'function_name', 'FunctionName') : attr(m, 'event_source_arn', 'EventSourceArn');
      if (missing !== undefined) ctx.graph.unresolved(JSON.stringify(missing), `${ctx.label(m)}: the ${!fn ? 'function' : 'event source'} is not in the scan; the polling flow is missing`, m.location);
      continue;
    }
    // Lambda polls the queue/stream: the function is the caller.
    flow(ctx, fn, src, [ctx.evidence(m, 'aws-event-source-mapping', `${ctx.label(m)}: ${fn} polls ${src}`)]);
    ctx.graph.useDataAsset(`${src}-data`, fn, 'processed');
  }
}

function subscriptions(ctx: AwsContext): void {
  for (const s of ctx.ofType('aws_sns_topic_subscription', 'AWS::SNS::Subscription')) {
    ctx.graph.markFolded(s);
    const topic = ctx.componentOf(attr(s, 'topic_arn', 'TopicArn'));
    const endpoint = attr(s, 'endpoint', 'Endpoint');
    const target = ctx.componentOf(endpoint);
    const protocol = str(attr(s, 'protocol', 'Protocol')) ?? '';
    if (topic && target) flow(ctx, topic, target, [ctx.evidence(s, 'aws-sns-subscription', `${ctx.label(s)} delivers ${topic} messages to ${target} (${protocol})`)]);
    else if (topic && /^https?$/.test(protocol) && str(endpoint)) ctx.graph.component(topic)!.attributes.http_subscribers = true;
  }
  for (const t of ctx.ofType('AWS::SNS::Topic')) {
    const topic = ctx.ownerOf(t);
    list(attr(t, 'Subscription')).forEach((s, i) => {
      if (isObj(s)) flow(ctx, topic, ctx.componentOf(s.Endpoint), [ctx.evidence(t, 'aws-sns-subscription', `${ctx.label(t)} subscription ${str(s.Protocol) ?? ''}`, `Subscription[${i}]`)]);
    });
  }
}

function bucketNotifications(ctx: AwsContext): void {
  for (const n of ctx.ofType('aws_s3_bucket_notification')) {
    const bucket = ctx.componentOf(n.attributes.bucket);
    for (const key of ['lambda_function', 'queue', 'topic'])
      list(n.attributes[key]).forEach((x, i) => {
        if (isObj(x)) flow(ctx, bucket, ctx.componentOf(x.lambda_function_arn ?? x.queue_arn ?? x.topic_arn), [ctx.evidence(n, 'aws-s3-notification', `${ctx.label(n)} notifies on ${list(x.events).map((e) => str(e)).join(', ')}`, `${key}[${i}]`)]);
      });
  }
  for (const b of ctx.ofType('AWS::S3::Bucket')) {
    const bucket = ctx.ownerOf(b);
    for (const [key, field] of [['LambdaConfigurations', 'Function'], ['QueueConfigurations', 'Queue'], ['TopicConfigurations', 'Topic']] as const)
      list(get(b.attributes, `NotificationConfiguration.${key}`)).forEach((x, i) => {
        if (isObj(x)) flow(ctx, bucket, ctx.componentOf(x[field]), [ctx.evidence(b, 'aws-s3-notification', `${ctx.label(b)} notifies on ${str(x.Event) ?? 'events'}`, `NotificationConfiguration.${key}[${i}]`)]);
      });
  }
}

function eventRules(ctx: AwsContext): void {
  for (const t of ctx.ofType('aws_cloudwatch_event_target')) {
    ctx.graph.markFolded(t);
    flow(ctx, ctx.componentOf(t.attributes.rule), ctx.componentOf(t.attributes.arn), [ctx.evidence(t, 'aws-event-target', `${ctx.label(t)} sends matching events`)]);
  }
  for (const r of ctx.ofType('AWS::Events::Rule')) {
    list(attr(r, 'Targets')).forEach((x, i) => {
      if (isObj(x)) flow(ctx, ctx.ownerOf(r), ctx.componentOf(x.Arn), [ctx.evidence(r, 'aws-event-target', `${ctx.label(r)} sends matching events to target ${str(x.Id) ?? i}`, `Targets[${i}]`)]);
    });
  }
  for (const r of ctx.ofType('aws_cloudwatch_event_rule', 'AWS::Events::Rule')) {
    const bus = ctx.componentOf(attr(r, 'event_bus_name', 'EventBusName'));
    if (bus) flow(ctx, bus, ctx.ownerOf(r), [ctx.evidence(r, 'aws-event-rule', `${ctx.label(r)} matches events on ${bus}`)]);
  }
  for (const s of ctx.ofType('aws_scheduler_schedule', 'AWS::Scheduler::Schedule')) flow(ctx, ctx.ownerOf(s), ctx.componentOf(attr(s, 'target.arn', 'Target.Arn')), [ctx.evidence(s, 'aws-event-target', `${ctx.label(s)} invokes its target on a schedule`)]);
}

function cloudFront(ctx: AwsContext): void {
  for (const d of ctx.ofType('aws_cloudfront_distribution', 'AWS::CloudFront::Distribution')) {
    const id = ctx.ownerOf(d);
    list(attr(d, 'origin', 'DistributionConfig.Origins')).forEach((o, i) => {
      if (!isObj(o)) return;
      const target = ctx.componentOf(o.domain_name ?? o.DomainName);
      const path = d.format === 'tf' ? `origin[${i}]` : `DistributionConfig.Origins[${i}]`;
      if (target) flow(ctx, id, target, [ctx.evidence(d, 'aws-cloudfront-origin', `${ctx.label(d)} fetches from origin ${str(o.origin_id ?? o.Id) ?? target}`, path)]);
      else {
        const host = str(o.domain_name ?? o.DomainName);
        if (host && id) ctx.graph.component(id)!.attributes.external_origins = [...new Set([...((ctx.graph.component(id)!.attributes.external_origins as string[]) ?? []), host])].sort();
      }
    });
  }
}

/** SAM function events: Api/HttpApi (API → function), SQS/Kinesis/DynamoDB/MSK (function polls), SNS/S3/EventBridge (source → function). */
function samEvents(ctx: AwsContext): void {
  for (const f of ctx.ofType('AWS::Serverless::Function')) {
    const fn = ctx.ownerOf(f);
    if (!fn) continue;
    const events = attr(f, 'Events');
    if (!isObj(events)) continue;
    for (const [name, ev] of Object.entries(events).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!isObj(ev) || !isObj(ev.Properties)) continue;
      const p = ev.Properties;
      const type = str(ev.Type) ?? '';
      const e = [ctx.evidence(f, 'aws-sam-event', `${ctx.label(f)} event ${name} (${type}${p.Path ? ` ${str(p.Method) ?? ''} ${str(p.Path)}`.trimEnd() : ''})`, `Events.${name}`)];
      switch (type) {
        case 'Api':
        case 'HttpApi': {
          const api = ctx.componentOf(p.RestApiId ?? p.ApiId);
          flow(ctx, api, fn, e);
          const auth = get(p, 'Auth.Authorizer');
          if (api && str(auth) === 'NONE') ctx.graph.component(api)!.attributes.unauthenticated_methods = true;
          break;
        }
        case 'SQS':
        case 'Kinesis':
        case 'DynamoDB':
        case 'MSK':
        case 'MQ': {
          const src = ctx.componentOf(p.Queue ?? p.Stream ?? p.Broker);
          flow(ctx, fn, src, e);
          if (src) ctx.graph.useDataAsset(`${src}-data`, fn, 'processed');
          break;
        }
        case 'SNS':
        case 'S3':
          flow(ctx, ctx.componentOf(p.Topic ?? p.Bucket), fn, e);
          break;
        case 'EventBridgeRule':
        case 'CloudWatchEvent':
          flow(ctx, ctx.componentOf(p.EventBusName), fn, e);
          break;
        case 'Schedule':
        case 'ScheduleV2':
          ctx.graph.component(fn)!.attributes.schedule = str(p.Schedule ?? p.ScheduleExpression) ?? 'scheduled';
          break;
        default:
          break;
      }
    }
  }
}

/** `aws_lambda_permission` with a source ARN naming a resource in the scan: that resource invokes the function. */
function lambdaPermissions(ctx: AwsContext): void {
  for (const p of ctx.ofType('aws_lambda_permission', 'AWS::Lambda::Permission')) {
    ctx.graph.markFolded(p);
    const fn = ctx.componentOf(attr(p, 'function_name', 'FunctionName'));
    const src = refsIn(attr(p, 'source_arn', 'SourceArn')).map((r) => ctx.componentOf(r)).find(Boolean);
    const principal = str(attr(p, 'principal', 'Principal')) ?? '';
    if (fn && src) flow(ctx, src, fn, [ctx.evidence(p, 'aws-lambda-permission', `${ctx.label(p)} lets ${principal || 'a service'} invoke the function from ${src}`)], { confidence: 'configured' });
    if (fn && principal === '*') ctx.graph.component(fn)!.attributes.public_invoke_permission = true;
  }
}

/** A reference to another component's address in environment variables, container definitions or user data. */
function configuredReferences(ctx: AwsContext): void {
  const isConfigKey = keyMatcher(/^(environment|Environment|variables|Variables|container_definitions|ContainerDefinitions|user_data|UserData|secrets|Secrets)$/);
  for (const id of [...ctx.specs.keys()].sort()) {
    if (ctx.specs.get(id)?.type !== 'process') continue;
    for (const part of ctx.partsOf(id)) {
      walkKeys(part.attributes, (key, value) => {
        if (!isConfigKey(key)) return false;
        const refs = refsIn(typeof value === 'string' ? tryJson(value) : value);
        for (const ref of refs) {
          const target = ctx.target(ref);
          const tid = ctx.ownerOf(target);
          if (!target || !tid || tid === id) {
            if (target && /secret|ssm/i.test(target.type)) ctx.graph.useDataAsset(secretAssetId(ctx, target), id, 'processed');
            continue;
          }
          const { port, protocol } = clientProtocol(ctx, tid, target);
          flow(ctx, id, tid, [ctx.evidence(part, 'aws-config-reference', `${ctx.label(part)} ${key} names ${ctx.label(target)}${ref.attribute ? `.${ref.attribute}` : ''}`, key)], { protocol: protocol as Protocol, ...(port !== undefined ? { port } : {}), confidence: 'configured' });
        }
        return true;
      });
    }
  }
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export function secretAssetId(ctx: AwsContext, secret: Resource): string {
  const name = str(attr(secret, 'name', 'Name'));
  return slugName(name && !name.includes('${') ? name : secret.format === 'cfn' ? secret.name : secret.name);
}

function slugName(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'secret';
}

