/**
 * Event delivery: Pub/Sub push subscriptions, Cloud Functions event triggers and bucket
 * notifications. The platform delivers the message, so the flow goes from the topic (or bucket) to
 * the consumer, as Threagile draws a push.
 */
import type { Resource } from '../../src/graph/resource.js';
import type { CloudContext } from '../common/cloud-kit.js';
import { block, dig, str } from '../common/tf-values.js';

const TOPIC = ['google_pubsub_topic'];
const BUCKET = ['google_storage_bucket'];

export function applyEvents(ctx: CloudContext): void {
  for (const sub of ctx.ofType('google_pubsub_subscription')) {
    const topicId = ctx.componentOf(sub);
    const endpoint = dig(sub.attributes['push_config'], 'push_endpoint');
    if (!topicId) {
      ctx.graph.unresolved(`google_pubsub_subscription.${sub.name}.topic`, 'the subscription\'s topic is not in the scanned files; add it to see who publishes', ctx.loc(sub, 'topic'));
      continue;
    }
    if (endpoint === undefined) continue;
    const target = ctx.resolve(endpoint);
    const targetId = ctx.componentOf(target);
    if (!targetId) {
      const url = str(endpoint);
      ctx.graph.component(topicId)!.attributes['push_endpoint_external'] = url ? withoutCredentials(url) : true;
      if (!url) ctx.graph.unresolved(`google_pubsub_subscription.${sub.name}.push_config.push_endpoint`, 'the push endpoint points at a resource outside the scan', ctx.loc(sub, 'push_config'));
      continue;
    }
    ctx.flow(topicId, targetId, {
      port: 443,
      protocol: 'https',
      confidence: 'declared',
      evidence: [ctx.ev(sub, 'gcp-pubsub-push', `subscription ${str(sub.attributes['name']) ?? sub.name} pushes to ${target!.type}.${target!.name}`, 'push_config')],
    });
  }
  for (const fn of ctx.ofType('google_cloudfunctions_function', 'google_cloudfunctions2_function')) {
    const fnId = ctx.componentOf(fn);
    const trigger = block(fn.attributes['event_trigger']);
    if (!fnId || !trigger) continue;
    const source = fn.type === 'google_cloudfunctions_function' ? eventSourceV1(ctx, trigger) : eventSourceV2(ctx, trigger);
    const sourceId = ctx.componentOf(source);
    if (!source || !sourceId) continue;
    ctx.flow(sourceId, fnId, {
      port: 443,
      protocol: 'https',
      confidence: 'declared',
      evidence: [ctx.ev(fn, 'gcp-event-trigger', `${fn.type}.${fn.name} is triggered by ${source.type}.${source.name}`, 'event_trigger')],
    });
  }
  for (const n of ctx.ofType('google_storage_notification')) {
    const bucketId = ctx.componentOf(ctx.resolve(n.attributes['bucket'], BUCKET));
    const topic = ctx.resolve(n.attributes['topic'], TOPIC);
    const topicId = ctx.componentOf(topic);
    if (!bucketId || !topicId) continue;
    ctx.flow(bucketId, topicId, { port: 443, protocol: 'https', confidence: 'declared', evidence: [ctx.ev(n, 'gcp-bucket-notification', `bucket notification google_storage_notification.${n.name} publishes to ${topic!.type}.${topic!.name}`, 'topic')] });
  }
}

function eventSourceV1(ctx: CloudContext, trigger: Record<string, unknown>): Resource | undefined {
  const type = str(trigger['event_type']) ?? '';
  if (type.includes('pubsub')) return ctx.resolve(trigger['resource'], TOPIC);
  if (type.includes('storage')) return ctx.resolve(trigger['resource'], BUCKET);
  return ctx.resolve(trigger['resource'], [...TOPIC, ...BUCKET]);
}

function eventSourceV2(ctx: CloudContext, trigger: Record<string, unknown>): Resource | undefined {
  if (trigger['pubsub_topic'] !== undefined) return ctx.resolve(trigger['pubsub_topic'], TOPIC);
  const filter = block(trigger['event_filters']);
  return filter && str(filter['attribute']) === 'bucket' ? ctx.resolve(filter['value'], BUCKET) : undefined;
}

/** A URL reduced to scheme, host and path: push endpoints may carry tokens in userinfo or the query. */
function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'unparseable URL';
  }
}
