/**
 * Attributes that hold a JSON document as a string (task definitions, IAM and resource policies).
 * When such a string is written literally and is not valid JSON, AWS would reject it at apply time
 * and we cannot read what it says: one diagnostic at the attribute's line, instead of silently
 * seeing no containers or no permissions.
 */
import { locationOf, plainString, type Resource } from '../../src/graph/resource.js';
import type { AwsContext } from './context.js';
import { lookupTable } from '../../src/util/lookup.js';

/** Terraform type → attributes holding JSON text. (CloudFormation writes these as YAML/JSON structures.) */
const JSON_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = lookupTable({
  aws_ecs_task_definition: ['container_definitions'],
  aws_iam_policy: ['policy'],
  aws_iam_role: ['assume_role_policy'],
  aws_iam_role_policy: ['policy'],
  aws_iam_user_policy: ['policy'],
  aws_iam_group_policy: ['policy'],
  aws_s3_bucket_policy: ['policy'],
  aws_sqs_queue_policy: ['policy'],
  aws_sns_topic_policy: ['policy'],
  aws_kms_key: ['policy'],
  aws_secretsmanager_secret_policy: ['policy'],
  aws_elasticsearch_domain_policy: ['access_policies'],
  aws_opensearch_domain_policy: ['access_policies'],
});

export function checkEmbeddedJson(ctx: AwsContext, resources: readonly Resource[]): void {
  for (const r of resources) {
    const keys = r.format === 'tf' ? JSON_ATTRIBUTES[r.type] : undefined;
    if (!keys) continue;
    for (const key of keys) {
      const text = plainString(r.attributes[key]);
      if (text === undefined || text.trim() === '') continue;
      try {
        JSON.parse(text);
      } catch (e) {
        const reason = (e as Error).message.replace(/\s+/g, ' ').slice(0, 120);
        ctx.graph.diagnostics.error(
          'invalid-embedded-json',
          locationOf(r, key),
          `${r.address.replace(/^tf:/, '')} ${key} is not valid JSON (${reason}); AWS would reject it, and what it grants or runs is not read — fix the JSON or build it with jsonencode()`,
        );
      }
    }
  }
}
