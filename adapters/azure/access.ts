/**
 * Who may call what, from Azure RBAC and Key Vault access policies: a role assignment whose
 * principal is a component's managed identity (system-assigned, or a user-assigned identity it
 * carries) and whose scope is a component makes a declared flow principal → scope.
 */
import type { Resource } from '../../src/graph/resource.js';
import type { CloudContext } from '../common/cloud-kit.js';
import { block, blocks, list, str } from '../common/tf-values.js';

export function applyAccess(ctx: CloudContext): void {
  // User-assigned identity address → components carrying it.
  const carriers = new Map<string, string[]>();
  for (const r of ctx.resources) {
    const id = ctx.componentOf(r);
    if (!id || ctx.entry(r)?.role !== 'component') continue;
    for (const v of list(block(r.attributes['identity'])?.['identity_ids'])) {
      const uai = ctx.resolve(v, ['azurerm_user_assigned_identity']);
      if (uai) carriers.set(uai.address, [...(carriers.get(uai.address) ?? []), id]);
    }
  }
  /** Components acting as the principal a value names (`azurerm_linux_web_app.api.identity[0].principal_id`). */
  const principals = (v: unknown): string[] => {
    const r = ctx.resolve(v);
    if (!r) return [];
    if (r.type === 'azurerm_user_assigned_identity') return carriers.get(r.address) ?? [];
    const id = ctx.componentOf(r);
    return id && ctx.entry(r)?.role === 'component' ? [id] : [];
  };
  const grant = (where: Resource, principal: unknown, target: Resource | undefined, what: string, path?: string) => {
    const targetId = ctx.componentOf(target);
    if (!target || !targetId) return;
    for (const caller of principals(principal)) {
      ctx.flow(caller, targetId, { confidence: 'declared', evidence: [ctx.ev(where, 'azure-access-grant', `${where.type}.${where.name} ${what} on ${target.type}.${target.name}`, path)] });
      ctx.recordAccess(caller, target);
    }
  };
  for (const ra of ctx.ofType('azurerm_role_assignment')) {
    ctx.graph.markFolded(ra);
    grant(ra, ra.attributes['principal_id'], ctx.resolve(ra.attributes['scope']), `grants ${str(ra.attributes['role_definition_name']) ?? 'a role'}`, 'scope');
  }
  for (const kv of ctx.ofType('azurerm_key_vault')) {
    blocks(kv.attributes['access_policy']).forEach((p, i) => grant(kv, p['object_id'], kv, 'access policy grants secret/key permissions', `access_policy[${i}]`));
  }
  for (const p of ctx.ofType('azurerm_key_vault_access_policy')) grant(p, p.attributes['object_id'], ctx.resolve(p.attributes['key_vault_id']), 'grants secret/key permissions');
}
