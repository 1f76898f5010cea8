/**
 * Azure edge: Application Gateway, Load Balancer, Front Door (Standard/Premium and classic) and
 * API Management. A public frontend puts the internet in front; backends (pools, origins) become
 * declared flows from the edge component to the components behind it.
 */
import type { Resource } from '../../src/graph/resource.js';
import type { Protocol } from '../../src/model/enums.js';
import type { CloudContext } from '../common/cloud-kit.js';
import { blocks, dig, int, list, refOf, str } from '../common/tf-values.js';

function protocolOf(p: string | undefined): Protocol {
  return (p ?? '').toLowerCase() === 'https' ? 'https' : (p ?? '').toLowerCase() === 'http' ? 'http' : 'binary';
}

/** Has a public IP on its frontend: a reference to a public IP resource, or any written id. */
function publicFrontend(r: Resource): boolean {
  return blocks(r.attributes['frontend_ip_configuration']).some((f) => {
    const v = f['public_ip_address_id'];
    return v !== undefined && v !== null && v !== '';
  });
}

export function applyEdge(ctx: CloudContext): void {
  appGateways(ctx);
  loadBalancers(ctx);
  frontDoors(ctx);
  for (const r of ctx.ofType('azurerm_api_management')) {
    const id = ctx.componentOf(r)!;
    const internal = (str(r.attributes['virtual_network_type']) ?? 'None') === 'Internal';
    if (!internal) ctx.expose(id, [ctx.ev(r, 'azure-apim-public', `API Management ${r.name} gateway is public (virtual_network_type ${str(r.attributes['virtual_network_type']) ?? 'None'})`)], { port: 443, protocol: 'https' });
  }
}

function appGateways(ctx: CloudContext): void {
  const nicPools = new Map<string, Resource[]>();
  for (const a of ctx.ofType('azurerm_network_interface_application_gateway_backend_address_pool_association')) {
    const agw = ctx.resolve(a.attributes['backend_address_pool_id']);
    if (agw) nicPools.set(agw.address, [...(nicPools.get(agw.address) ?? []), a]);
  }
  for (const g of ctx.ofType('azurerm_application_gateway')) {
    const id = ctx.componentOf(g)!;
    const listener = blocks(g.attributes['http_listener'])[0];
    const listenerProtocol = protocolOf(str(listener?.['protocol']));
    const port = blocks(g.attributes['frontend_port']).map((p) => int(p['port'])).find((p) => p !== undefined);
    blocks(g.attributes['frontend_port']).forEach((p, i) => {
      const written = str(p['port']);
      if (written !== undefined && int(written) === undefined)
        ctx.graph.diagnostics.warning('azure-invalid-port', ctx.loc(g, `frontend_port[${i}].port`), `Application Gateway ${g.name} frontend_port "${written}" is not a port number; the exposure is recorded without a port`);
    });
    if (publicFrontend(g)) {
      ctx.expose(id, [ctx.ev(g, 'azure-public-frontend', `Application Gateway ${g.name} has a public frontend IP${port ? ` on port ${port}` : ''}`, 'frontend_ip_configuration')], {
        ...(port !== undefined ? { port } : {}),
        protocol: listenerProtocol === 'binary' ? 'http' : listenerProtocol,
      });
    }
    const protocol = protocolOf(str(dig(g.attributes['backend_http_settings'], 'protocol')));
    const backendPort = int(dig(g.attributes['backend_http_settings'], 'port'));
    blocks(g.attributes['backend_address_pool']).forEach((pool, i) => {
      for (const v of [...list(pool['fqdns']), ...list(pool['ip_addresses'])]) {
        const target = refOf(v) ? ctx.resolve(v) : undefined;
        const targetId = ctx.componentOf(target);
        if (!targetId) continue;
        ctx.flow(id, targetId, { protocol, ...(backendPort !== undefined ? { port: backendPort } : {}), confidence: 'declared', evidence: [ctx.ev(g, 'azure-appgw-backend', `Application Gateway ${g.name} backend pool ${str(pool['name']) ?? i} targets ${target!.type}.${target!.name}`, `backend_address_pool[${i}]`)] });
      }
    });
    for (const a of nicPools.get(g.address) ?? []) {
      const nic = ctx.resolve(a.attributes['network_interface_id']);
      const targetId = ctx.componentOf(nic);
      ctx.graph.markFolded(a);
      if (targetId) ctx.flow(id, targetId, { protocol, ...(backendPort !== undefined ? { port: backendPort } : {}), confidence: 'declared', evidence: [ctx.ev(a, 'azure-appgw-backend', `NIC ${nic!.name} is in a backend pool of Application Gateway ${g.name}`)] });
    }
  }
}

function loadBalancers(ctx: CloudContext): void {
  // Backend pool address → components in it (NIC associations and scale-set ip configurations).
  const pools = new Map<string, string[]>();
  const add = (pool: Resource | undefined, componentId: string | undefined) => {
    if (!pool || !componentId) return;
    const l = pools.get(pool.address) ?? [];
    if (!l.includes(componentId)) l.push(componentId);
    pools.set(pool.address, l);
  };
  for (const a of ctx.ofType('azurerm_network_interface_backend_address_pool_association')) {
    add(ctx.resolve(a.attributes['backend_address_pool_id']), ctx.componentOf(ctx.resolve(a.attributes['network_interface_id'])));
  }
  for (const ss of ctx.ofType('azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set', 'azurerm_virtual_machine_scale_set')) {
    for (const nic of blocks(ss.attributes['network_interface'] ?? ss.attributes['network_profile']))
      for (const ipc of blocks(nic['ip_configuration'])) for (const p of list(ipc['load_balancer_backend_address_pool_ids'])) add(ctx.resolve(p), ctx.componentOf(ss));
  }
  const rulesByLb = new Map<string, Resource[]>();
  for (const rule of ctx.ofType('azurerm_lb_rule')) {
    const lb = ctx.resolve(rule.attributes['loadbalancer_id']);
    if (lb) rulesByLb.set(lb.address, [...(rulesByLb.get(lb.address) ?? []), rule]);
  }
  for (const lb of ctx.ofType('azurerm_lb')) {
    const id = ctx.componentOf(lb)!;
    const rules = rulesByLb.get(lb.address) ?? [];
    const isPublic = publicFrontend(lb);
    for (const rule of rules) {
      const fport = int(rule.attributes['frontend_port']);
      const bport = int(rule.attributes['backend_port']);
      if (isPublic) ctx.expose(id, [ctx.ev(lb, 'azure-public-frontend', `Load Balancer ${lb.name} has a public frontend IP`, 'frontend_ip_configuration'), ctx.ev(rule, 'azure-lb-rule', `rule ${str(rule.attributes['name']) ?? rule.name} listens on ${fport ?? '?'}`)], { ...(fport !== undefined ? { port: fport } : {}) });
      const poolRefs = [...list(rule.attributes['backend_address_pool_ids']), ...list(rule.attributes['backend_address_pool_id'])];
      for (const p of poolRefs) {
        const pool = ctx.resolve(p);
        for (const target of pool ? (pools.get(pool.address) ?? []) : [])
          ctx.flow(id, target, { ...(bport !== undefined ? { port: bport } : {}), confidence: 'declared', evidence: [ctx.ev(rule, 'azure-lb-rule', `rule ${str(rule.attributes['name']) ?? rule.name} forwards ${fport ?? '?'} → ${bport ?? '?'} to backend pool ${pool!.name}`)] });
      }
    }
    if (isPublic && rules.length === 0) ctx.expose(id, [ctx.ev(lb, 'azure-public-frontend', `Load Balancer ${lb.name} has a public frontend IP`, 'frontend_ip_configuration')]);
  }
}

function frontDoors(ctx: CloudContext): void {
  for (const p of ctx.ofType('azurerm_cdn_frontdoor_profile')) {
    ctx.expose(ctx.componentOf(p)!, [ctx.ev(p, 'azure-front-door', `Front Door profile ${p.name} serves public endpoints`)], { port: 443, protocol: 'https' });
  }
  for (const o of ctx.ofType('azurerm_cdn_frontdoor_origin')) {
    const fd = ctx.componentOf(o);
    const target = ctx.resolve(o.attributes['host_name']);
    const targetId = ctx.componentOf(target);
    if (fd && targetId) ctx.flow(fd, targetId, { port: 443, protocol: 'https', confidence: 'declared', evidence: [ctx.ev(o, 'azure-front-door-origin', `Front Door origin ${o.name} is ${target!.type}.${target!.name}`, 'host_name')] });
  }
  for (const f of ctx.ofType('azurerm_frontdoor')) {
    const id = ctx.componentOf(f)!;
    ctx.expose(id, [ctx.ev(f, 'azure-front-door', `Front Door ${f.name} serves public frontend endpoints`, 'frontend_endpoint')], { port: 443, protocol: 'https' });
    blocks(f.attributes['backend_pool']).forEach((pool, i) => {
      for (const b of blocks(pool['backend'])) {
        const target = ctx.resolve(b['address']);
        const targetId = ctx.componentOf(target);
        if (targetId) ctx.flow(id, targetId, { port: int(b['https_port']) ?? 443, protocol: 'https', confidence: 'declared', evidence: [ctx.ev(f, 'azure-front-door-origin', `Front Door backend pool ${str(pool['name']) ?? i} targets ${target!.type}.${target!.name}`, `backend_pool[${i}]`)] });
      }
    });
  }
}
