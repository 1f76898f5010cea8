/**
 * The cross-format join (DESIGN §3, "Across formats"): after every platform semantics has run, the
 * same thing seen by several formats is joined — a ConfigMap naming an RDS endpoint, a Secret or
 * Helm release Terraform fills with a database address, an ExternalSecret copying a cloud secret,
 * a Service bound to a Terraform load balancer, a compose service that is also a Deployment. Each
 * rule is one module with a description; they run in this fixed order over sorted inputs, and each
 * join adds `cross-format-join` evidence at both locations.
 */
import type { GraphBuilder } from './builder.js';
import type { Resource } from './resource.js';
import { JoinContext } from './join/context.js';
import type { JoinRule } from './join/types.js';
import { externalHostRule } from './join/rules/external-host.js';
import { terraformK8sObjectRule } from './join/rules/terraform-k8s-object.js';
import { helmReleaseRule } from './join/rules/helm-release.js';
import { externalSecretRule } from './join/rules/external-secret.js';
import { loadBalancerRule } from './join/rules/load-balancer.js';
import { sameComponentRule } from './join/rules/same-component.js';

export type { JoinRule } from './join/types.js';
export { JOIN_EVIDENCE } from './join/types.js';

/**
 * Order: hosts first (it removes external entities), then the rules that add flows from Terraform
 * and External Secrets objects, then load balancers, and last the per-component record (it reads
 * the final exposure flows).
 */
export const joinRules: readonly JoinRule[] = [externalHostRule, terraformK8sObjectRule, helmReleaseRule, externalSecretRule, loadBalancerRule, sameComponentRule];

export function joinAcrossFormats(resources: readonly Resource[], graph: GraphBuilder, rules: readonly JoinRule[] = joinRules): void {
  // Nothing to join within one format: skip the indexing entirely.
  const formats = new Set(resources.map((r) => r.format));
  if (formats.size < 2) return;
  const ctx = new JoinContext(resources, graph);
  for (const rule of rules) {
    try {
      rule.apply(ctx);
    } catch (e) {
      const at = resources[0]?.location ?? { file: '', line: 1 };
      graph.diagnostics.error('join-failure', at, `the ${rule.id} cross-format join failed: ${(e as Error).message}; please report this with the input`);
    }
    ctx.reindexComponents();
  }
}
