/**
 * IAM grants on a resource (`google_<thing>_iam_member|binding|policy`): `allUsers` /
 * `allAuthenticatedUsers` make the resource internet-facing; a service account makes every compute
 * running as it a caller of the resource.
 */
import type { Resource } from '../../src/graph/resource.js';
import type { CloudContext } from '../common/cloud-kit.js';
import { blocks, list, str } from '../common/tf-values.js';
import { IAM_TARGET_ATTRIBUTES, IAM_TARGET_TYPES, isIamType } from './catalog.js';
import type { Identities } from './identity.js';
import { cloudRunIngress } from './services.js';

interface Grant {
  role: string;
  member: unknown;
  path: string;
}

/** Grants written on an IAM resource: `role` + `member`/`members`, or the bindings of a `policy_data` document. */
function grantsOf(ctx: CloudContext, r: Resource): Grant[] {
  const role = str(r.attributes['role']) ?? 'a role';
  if (r.attributes['member'] !== undefined) return [{ role, member: r.attributes['member'], path: 'member' }];
  if (r.attributes['members'] !== undefined) return list(r.attributes['members']).map((m) => ({ role, member: m, path: 'members' }));
  const policy = ctx.resolve(r.attributes['policy_data']);
  if (!policy) return [];
  return blocks(policy.attributes['binding']).flatMap((b, i) =>
    list(b['members']).map((m) => ({ role: str(b['role']) ?? 'a role', member: m, path: `binding[${i}].members` })),
  );
}

/** Why a public grant does not make the target reachable, or undefined when it does. */
function publicBlocker(target: Resource): string | undefined {
  switch (target.type) {
    case 'google_cloud_run_service':
    case 'google_cloud_run_v2_service': {
      const ingress = cloudRunIngress(target);
      return ingress === 'all' ? undefined : `ingress is ${ingress}`;
    }
    case 'google_storage_bucket':
      return str(target.attributes['public_access_prevention']) === 'enforced' ? 'public_access_prevention is enforced' : undefined;
    case 'google_cloudfunctions_function': {
      const ingress = str(target.attributes['ingress_settings']) ?? 'ALLOW_ALL';
      return ingress === 'ALLOW_ALL' ? undefined : `ingress_settings is ${ingress}`;
    }
    default:
      return undefined;
  }
}

export function applyIam(ctx: CloudContext, identities: Identities): void {
  for (const r of ctx.resources) {
    if (!isIamType(r.type)) continue;
    ctx.graph.markFolded(r);
    if (/^google_(project|organization|folder|billing_account|service_account)_iam_/.test(r.type)) continue; // not a grant on a data resource
    const attr = IAM_TARGET_ATTRIBUTES.find((a) => r.attributes[a] !== undefined);
    const target = attr ? ctx.resolve(r.attributes[attr], IAM_TARGET_TYPES) : undefined;
    const targetId = ctx.componentOf(target);
    if (!target || !targetId) {
      if (attr) ctx.graph.unresolved(`${r.type}.${r.name}.${attr}`, `the IAM grant's ${attr} names nothing in the scanned files; add the resource's Terraform to the scan to see who may reach it`, ctx.loc(r, attr));
      continue;
    }
    for (const g of grantsOf(ctx, r)) {
      const m = identities.member(g.member);
      if (!m) continue;
      if (m.kind === 'public') {
        const blocker = publicBlocker(target);
        const detail = `${r.type}.${r.name} grants ${g.role} on ${target.type}.${target.name} to ${m.principal}`;
        const c = ctx.graph.component(targetId)!;
        c.attributes['public_iam'] = m.principal;
        if (blocker) {
          ctx.graph.diagnostics.info('gcp-public-iam-blocked', ctx.loc(r, g.path), `${detail}, but ${blocker}: not treated as internet-facing`);
          continue;
        }
        ctx.expose(targetId, [ctx.ev(r, 'gcp-public-iam', detail, g.path)], { port: 443, protocol: 'https' });
      } else if (m.kind === 'service-account') {
        for (const caller of identities.runnersOf(m.key)) {
          ctx.flow(caller, targetId, {
            port: 443,
            protocol: 'https',
            confidence: 'declared',
            evidence: [ctx.ev(r, 'gcp-iam-grant', `${r.type}.${r.name} grants ${g.role} on ${target.type}.${target.name} to ${m.label}, which ${caller} runs as`, g.path)],
          });
          ctx.recordAccess(caller, target);
        }
      }
    }
  }
}
