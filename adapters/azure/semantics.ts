/**
 * Azure semantics for Terraform resources (`azurerm_*`): the catalog decides what each type is;
 * the passes add VNet/subnet boundaries, NIC/NSG exposure, self-declared exposure (web apps, SQL
 * firewall rules, public containers, AKS), edge routing, RBAC grants and configured references.
 */
import type { Semantics } from '../../src/graph/adapter.js';
import type { GraphBuilder } from '../../src/graph/builder.js';
import { slug } from '../../src/graph/ids.js';
import { isResourceRef, type Resource } from '../../src/graph/resource.js';
import type { DataAssetKind } from '../../src/graph/types.js';
import { CloudContext } from '../common/cloud-kit.js';
import { block, blocks, list, str } from '../common/tf-values.js';
import { applyAccess } from './access.js';
import { AZURE_CATALOG } from './catalog.js';
import { applyEdge } from './edge.js';
import { AzureNetworks } from './network.js';
import { addAzureComponent, childEncryption, selfExposure } from './services.js';
import { lookupTable } from '../../src/util/lookup.js';

/** Top-level attributes holding a component's runtime configuration (app settings, env, connection strings). */
const CONFIG_KEYS: Record<string, readonly string[]> = lookupTable({
  azurerm_app_service: ['app_settings', 'connection_string'],
  azurerm_linux_web_app: ['app_settings', 'connection_string'],
  azurerm_windows_web_app: ['app_settings', 'connection_string'],
  azurerm_function_app: ['app_settings', 'connection_string', 'storage_account_name', 'storage_connection_string'],
  azurerm_linux_function_app: ['app_settings', 'connection_string', 'storage_account_name'],
  azurerm_windows_function_app: ['app_settings', 'connection_string', 'storage_account_name'],
  azurerm_container_app: ['template', 'secret'],
  azurerm_container_group: ['container'],
  azurerm_linux_virtual_machine: ['custom_data', 'user_data'],
  azurerm_windows_virtual_machine: ['custom_data', 'user_data'],
  azurerm_virtual_machine: ['os_profile'],
});

function isConfigPath(path: string): boolean {
  return !/identity|subnet|network|image|registry\[\d+\]\.server$/.test(path);
}

const VMS = new Set(['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_virtual_machine']);
const SCALE_SETS = new Set(['azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set', 'azurerm_virtual_machine_scale_set', 'azurerm_orchestrated_virtual_machine_scale_set']);

export const azureSemantics: Semantics = {
  meta: { id: 'azure', description: 'Microsoft Azure (Terraform azurerm provider): App Service, Functions, AKS, VMs, Azure SQL/MySQL/PostgreSQL, Cosmos DB, Storage, Key Vault, Service Bus, Event Hubs, NSGs, VNets, edge' },
  accepts: (r) => r.format === 'tf' && /^(data\.)?azurerm_/.test(r.type),
  apply(resources, graph) {
    applyAzure(resources, graph);
  },
};

function applyAzure(resources: readonly Resource[], graph: GraphBuilder): void {
  const ctx = new CloudContext(resources, graph, AZURE_CATALOG);
  ctx.allocateIds();
  ctx.assignFoldOwners();
  const nets = new AzureNetworks(ctx);
  nets.addBoundaries();

  const children = new Map<string, Resource[]>();
  for (const r of resources) {
    if (ctx.entry(r)?.role !== 'fold') continue;
    const owner = ctx.componentOf(r);
    if (owner) children.set(owner, [...(children.get(owner) ?? []), r]);
  }

  for (const r of resources) {
    if (ctx.entry(r)?.role !== 'component') continue;
    const id = addAzureComponent(ctx, r);
    const mine = children.get(id) ?? [];
    for (const c of mine) {
      graph.markFolded(c);
      const enc = childEncryption(c);
      if (enc) graph.component(id)!.encryption = enc;
      // A separate network-rules resource overrides the account's inline network_rules.
      if (c.type === 'azurerm_storage_account_network_rules') graph.component(id)!.attributes['network_default_action'] = str(c.attributes['default_action']) ?? 'Allow';
    }
    addChildDataAssets(ctx, r, id, mine);
    if (VMS.has(r.type)) {
      const nics = list(r.attributes['network_interface_ids']).map((v) => nets.nicFacts(v)).filter((n) => n !== undefined);
      if (list(r.attributes['network_interface_ids']).length && nics.length === 0)
        graph.unresolved(`${r.type}.${r.name}.network_interface_ids`, 'the VM\'s NICs are not in the scanned files: its subnet, public IP and NSG are unknown', ctx.loc(r, 'network_interface_ids'));
      nets.addVm(id, r, nics);
    } else if (SCALE_SETS.has(r.type)) {
      const nic = block(r.attributes['network_interface'] ?? r.attributes['network_profile']);
      const ipc = block(nic?.['ip_configuration']);
      const nsg = ctx.resolve(nic?.['network_security_group_id'], ['azurerm_network_security_group']);
      nets.addVm(id, r, [], {
        ...(nets.subnet(ipc?.['subnet_id']) ? { subnet: nets.subnet(ipc?.['subnet_id'])! } : {}),
        publicIp: blocks(ipc?.['public_ip_address']).length > 0 || blocks(ipc?.['public_ip_address_configuration']).length > 0,
        ...(nsg ? { nsg } : {}),
      });
      const instances = r.attributes['instances'] ?? r.attributes['sku_capacity'];
      if (typeof instances === 'number' && graph.component(id)!.multiplicity === undefined) graph.component(id)!.multiplicity = instances;
    } else if (r.type === 'azurerm_kubernetes_cluster') {
      const subnet = nets.subnet(block(r.attributes['default_node_pool'])?.['vnet_subnet_id']);
      if (subnet) graph.placeIn(ctx.boundaryId(subnet), id);
    } else if (r.type === 'azurerm_redis_cache' || r.type === 'azurerm_postgresql_flexible_server' || r.type === 'azurerm_mysql_flexible_server') {
      const subnet = nets.subnet(r.attributes['subnet_id'] ?? r.attributes['delegated_subnet_id']);
      if (subnet) graph.placeIn(ctx.boundaryId(subnet), id);
    }
    selfExposure(ctx, r, id, mine);
  }
  placePrivateEndpoints(ctx, nets);

  for (const r of resources) {
    const keys = CONFIG_KEYS[r.type];
    const id = ctx.componentOf(r);
    if (keys && id) ctx.configuredFlows(r, id, keys, isConfigPath);
  }
  nets.applyNsgs();
  applyEdge(ctx);
  applyAccess(ctx);

  for (const r of resources) {
    const e = ctx.entry(r);
    if (e?.role !== 'fold') continue;
    graph.markFolded(r);
    if (e.parent && !ctx.componentOf(r)) {
      const attr = e.parent.find((a) => r.attributes[a] !== undefined);
      if (attr) graph.unresolved(`${r.type}.${r.name}.${attr}`, `${isResourceRef(r.attributes[attr]) ? `points at ${(r.attributes[attr] as { $ref: string }).$ref.replace(/^tf:/, '')}` : `names ${str(r.attributes[attr]) ?? 'a resource'}`}, which is not in the scanned files or not mapped by the Azure semantics`, ctx.loc(r, attr));
    }
  }
}

/** Key Vault secrets, storage containers and Service Bus queues/topics as data assets (names only). */
function addChildDataAssets(ctx: CloudContext, owner: Resource, ownerId: string, children: Resource[]): void {
  const kinds: Record<string, DataAssetKind> = {
    azurerm_key_vault_secret: 'secret',
    azurerm_storage_container: 'bucket',
    azurerm_storage_queue: 'queue',
    azurerm_storage_share: 'volume',
    azurerm_servicebus_queue: 'queue',
    azurerm_servicebus_topic: 'queue',
    azurerm_eventhub: 'stream',
  };
  for (const c of children) {
    const kind = kinds[c.type];
    if (!kind) continue;
    const name = str(c.attributes['name']) ?? c.name;
    const id = slug(ownerId, kind, c.name);
    ctx.graph.addDataAsset({ id, title: `${kind === 'secret' ? 'Secret' : kind === 'bucket' ? 'Container' : kind === 'volume' ? 'File share' : kind === 'stream' ? 'Event hub' : 'Queue'} ${name}`, kind, sources: [ctx.source(c)], evidence: [ctx.ev(c, 'tf-resource', `${c.type}.${c.name} in ${owner.type}.${owner.name}${kind === 'secret' ? ' (value not read)' : ''}`)] });
    ctx.storeAsset(id, ownerId);
    ctx.dataAssetOf.set(c.address, id);
  }
}

/** A private endpoint puts its target service in the endpoint's subnet. */
function placePrivateEndpoints(ctx: CloudContext, nets: AzureNetworks): void {
  for (const pe of ctx.ofType('azurerm_private_endpoint')) {
    const subnet = nets.subnet(pe.attributes['subnet_id']);
    for (const psc of blocks(pe.attributes['private_service_connection'])) {
      const target = ctx.resolve(psc['private_connection_resource_id']);
      const id = ctx.componentOf(target);
      if (!id) continue;
      ctx.graph.component(id)!.attributes['private_endpoint'] = true;
      ctx.graph.addComponent({ id, title: '', type: 'process', technology: 'unknown-technology', machine: 'virtual', evidence: [ctx.ev(pe, 'azure-private-endpoint', `private endpoint azurerm_private_endpoint.${pe.name} connects ${target!.type}.${target!.name}`, 'private_service_connection')] });
      if (subnet) ctx.graph.placeIn(ctx.boundaryId(subnet), id);
    }
  }
}
