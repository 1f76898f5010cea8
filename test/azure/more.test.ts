import { describe, expect, it } from 'vitest';
import { azureSemantics } from '../../adapters/azure/semantics.js';
import { flowIds, ref, run, tf } from '../gcp/tf.js';

describe('azure: function apps, scale sets, user-assigned identities, Cosmos', () => {
  const g = run(azureSemantics, [
    tf('azurerm_storage_account', 'fn', { name: 'fnstore' }),
    tf('azurerm_servicebus_namespace', 'bus', { name: 'bus' }),
    tf('azurerm_servicebus_queue', 'orders', { name: 'orders', namespace_id: ref('azurerm_servicebus_namespace.bus', 'id') }),
    tf('azurerm_linux_function_app', 'worker', { name: 'worker', storage_account_name: ref('azurerm_storage_account.fn', 'name'), https_only: true, site_config: [{ ip_restriction: [{ service_tag: 'AzureFrontDoor.Backend', action: 'Allow' }] }], identity: [{ type: 'UserAssigned', identity_ids: [ref('azurerm_user_assigned_identity.worker', 'id')] }] }),
    tf('azurerm_user_assigned_identity', 'worker', { name: 'worker-id' }),
    tf('azurerm_role_assignment', 'worker_bus', { scope: ref('azurerm_servicebus_namespace.bus', 'id'), role_definition_name: 'Azure Service Bus Data Receiver', principal_id: ref('azurerm_user_assigned_identity.worker', 'principal_id') }),
    tf('azurerm_virtual_network', 'v', { name: 'v' }),
    tf('azurerm_subnet', 'web', { name: 'web', virtual_network_name: 'v' }),
    tf('azurerm_linux_virtual_machine_scale_set', 'web', { instances: 3, network_interface: [{ name: 'nic', network_security_group_id: ref('azurerm_network_security_group.web', 'id'), ip_configuration: [{ name: 'ip', subnet_id: ref('azurerm_subnet.web', 'id'), public_ip_address: [{ name: 'pip' }] }] }] }),
    tf('azurerm_network_security_group', 'web', { name: 'web' }),
    tf('azurerm_network_security_rule', 'https', { network_security_group_name: ref('azurerm_network_security_group.web', 'name'), direction: 'Inbound', access: 'Allow', source_address_prefix: '0.0.0.0/0', destination_port_range: '443', protocol: 'Tcp' }),
    tf('azurerm_cosmosdb_account', 'docs', { name: 'docs', ip_range_filter: ['203.0.113.0/24'] }),
    tf('azurerm_cosmosdb_account', 'open', { name: 'open' }),
  ]);

  it('function app: restricted to Front Door, calls its storage, reads the bus via a user-assigned identity', () => {
    expect(g.components.find((c) => c.id === 'worker')).toMatchObject({ technology: 'function', internet: false });
    expect(flowIds(g)).toEqual(expect.arrayContaining(['worker>fn', 'worker>bus']));
    expect(g.dataAssets.find((d) => d.id === 'bus-queue-orders')!.processedBy).toEqual(['worker']);
  });

  it('scale set: subnet placement, multiplicity, exposure through its NSG rule resource', () => {
    expect(g.components.find((c) => c.id === 'web')).toMatchObject({ internet: true, multiplicity: 3 });
    expect(g.flows.find((f) => f.id === 'internet>web')).toMatchObject({ port: 443, protocol: 'https' });
    expect(g.boundaries.find((b) => b.id === 'subnet-web')!.members).toEqual(['web']);
  });

  it('Cosmos DB: exposed without filters, not with an IP filter', () => {
    expect(g.components.find((c) => c.id === 'open')!.internet).toBe(true);
    expect(g.components.find((c) => c.id === 'docs')!.internet).toBe(false);
  });
});

describe('azure: existing networks looked up with data sources', () => {
  it('bounds components with data.azurerm_subnet', () => {
    const g = run(azureSemantics, [
      tf('data.azurerm_virtual_network', 'hub', { name: 'hub' }),
      tf('data.azurerm_subnet', 'apps', { name: 'apps', virtual_network_name: ref('data.azurerm_virtual_network.hub', 'name') }),
      tf('azurerm_kubernetes_cluster', 'aks', { private_cluster_enabled: true, default_node_pool: [{ vnet_subnet_id: ref('data.azurerm_subnet.apps', 'id') }] }),
    ]);
    expect(g.boundaries.map((b) => [b.id, b.parent ?? null, b.members])).toEqual([
      ['data-subnet-apps', 'data-virtual-network-hub', ['aks']],
      ['data-virtual-network-hub', null, []],
    ]);
    expect(g.components.find((c) => c.id === 'aks')!.internet).toBe(false);
  });
});
