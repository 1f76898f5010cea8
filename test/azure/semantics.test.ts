import { describe, expect, it } from 'vitest';
import { azureSemantics } from '../../adapters/azure/semantics.js';
import { flowIds, ref, run, tf, tpl } from '../gcp/tf.js';

const portal = () => [
  tf('azurerm_resource_group', 'rg', { name: 'portal', location: 'westeurope' }),
  tf('azurerm_virtual_network', 'vnet', { name: 'portal-vnet', address_space: ['10.20.0.0/16'], resource_group_name: ref('azurerm_resource_group.rg', 'name') }),
  tf('azurerm_subnet', 'mgmt', { name: 'mgmt', virtual_network_name: ref('azurerm_virtual_network.vnet', 'name'), address_prefixes: ['10.20.1.0/24'] }),
  tf('azurerm_public_ip', 'jump', { name: 'jump-ip', allocation_method: 'Static' }),
  tf('azurerm_network_interface', 'jump', { name: 'jump-nic', ip_configuration: [{ name: 'ipc', subnet_id: ref('azurerm_subnet.mgmt', 'id'), public_ip_address_id: ref('azurerm_public_ip.jump', 'id') }] }),
  tf('azurerm_network_security_group', 'mgmt', { name: 'mgmt-nsg', security_rule: [
    { name: 'ssh', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: '*', source_port_range: '*', destination_port_range: '22', destination_address_prefix: '*' },
    { name: 'deny-rest', priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*', source_address_prefix: '*', source_port_range: '*', destination_port_range: '*', destination_address_prefix: '*' },
  ] }, { line: 300, lines: { 'security_rule[0]': 302 } }),
  tf('azurerm_subnet_network_security_group_association', 'mgmt', { subnet_id: ref('azurerm_subnet.mgmt', 'id'), network_security_group_id: ref('azurerm_network_security_group.mgmt', 'id') }),
  tf('azurerm_linux_virtual_machine', 'jump', { name: 'jump', size: 'Standard_B1s', admin_password: 'Sup3rSecret!', network_interface_ids: [ref('azurerm_network_interface.jump', 'id')], source_image_reference: [{ offer: 'ubuntu-24_04-lts', sku: 'server' }] }, { line: 320 }),
  tf('azurerm_service_plan', 'plan', { name: 'portal-plan', os_type: 'Linux', sku_name: 'P1v3' }),
  tf('azurerm_linux_web_app', 'portal', {
    name: 'portal', service_plan_id: ref('azurerm_service_plan.plan', 'id'), https_only: true,
    identity: [{ type: 'SystemAssigned' }],
    site_config: [{ minimum_tls_version: '1.2' }],
    app_settings: {
      DB_SERVER: ref('azurerm_mssql_server.sql', 'fully_qualified_domain_name'),
      STORAGE_URL: ref('azurerm_storage_account.docs', 'primary_blob_endpoint'),
      API_KEY: tpl('@Microsoft.KeyVault(SecretUri=', ref('azurerm_key_vault_secret.api_key', 'id'), ')'),
    },
    connection_string: [{ name: 'db', type: 'SQLAzure', value: 'Server=tcp:secret-host;Password=NotPrinted1' }],
  }, { line: 400 }),
  tf('azurerm_mssql_server', 'sql', { name: 'portal-sql', version: '12.0', administrator_login: 'admin', administrator_login_password: 'AlsoNotPrinted2', public_network_access_enabled: true }),
  tf('azurerm_mssql_database', 'app', { name: 'portal', server_id: ref('azurerm_mssql_server.sql', 'id') }),
  tf('azurerm_mssql_firewall_rule', 'azure', { name: 'AllowAzure', server_id: ref('azurerm_mssql_server.sql', 'id'), start_ip_address: '0.0.0.0', end_ip_address: '0.0.0.0' }),
  tf('azurerm_storage_account', 'docs', { name: 'portaldocs', account_tier: 'Standard', min_tls_version: 'TLS1_2' }),
  tf('azurerm_storage_container', 'uploads', { name: 'uploads', storage_account_id: ref('azurerm_storage_account.docs', 'id'), container_access_type: 'private' }),
  tf('azurerm_key_vault', 'kv', { name: 'portal-kv', sku_name: 'standard', access_policy: [{ object_id: ref('azurerm_linux_web_app.portal', 'identity[0].principal_id'), secret_permissions: ['Get'] }] }),
  tf('azurerm_key_vault_secret', 'api_key', { name: 'api-key', value: 'kv-secret-value-never', key_vault_id: ref('azurerm_key_vault.kv', 'id') }),
  tf('azurerm_role_assignment', 'portal_blob', { scope: ref('azurerm_storage_container.uploads', 'resource_manager_id'), role_definition_name: 'Storage Blob Data Contributor', principal_id: ref('azurerm_linux_web_app.portal', 'identity[0].principal_id') }),
  tf('azurerm_policy_definition', 'p', { name: 'p' }),
];

describe('azure semantics', () => {
  const g = run(azureSemantics, portal());
  const comp = (id: string) => g.components.find((c) => c.id === id)!;

  it('maps components', () => {
    expect(comp('portal')).toMatchObject({ type: 'process', technology: 'web-application', internet: true });
    expect(comp('sql')).toMatchObject({ type: 'datastore', technology: 'database', internet: false, encryption: 'transparent' });
    expect(comp('sql').attributes).toMatchObject({ allow_azure_services: true });
    expect(comp('docs')).toMatchObject({ technology: 'file-server', internet: false });
    expect(comp('kv')).toMatchObject({ technology: 'vault' });
    expect(comp('jump')).toMatchObject({ machine: 'virtual', internet: true });
  });

  it('exposes the web app (https) and the VM through the NSG and its public IP', () => {
    expect(g.flows.find((f) => f.id === 'internet>portal')).toMatchObject({ protocol: 'https', port: 443 });
    const ssh = g.flows.find((f) => f.id === 'internet>jump')!;
    expect(ssh).toMatchObject({ port: 22, protocol: 'ssh', confidence: 'declared' });
    expect(ssh.evidence.map((e) => [e.kind, e.location.line])).toEqual(expect.arrayContaining([['azure-nsg-open', 302], ['azure-public-ip', expect.any(Number)]]));
  });

  it('draws configured and RBAC flows caller → callee', () => {
    expect(flowIds(g)).toEqual(expect.arrayContaining(['portal>sql', 'portal>docs', 'portal>kv']));
    expect(g.flows.find((f) => f.id === 'portal>docs')!.confidence).toBe('declared');
    expect(g.flows.find((f) => f.id === 'portal>sql')).toMatchObject({ protocol: 'sql-access-protocol', port: 1433 });
    expect(flowIds(g).some((f) => f.startsWith('sql>') || f.startsWith('kv>'))).toBe(false);
  });

  it('boundaries, data assets, coverage and no secret values', () => {
    expect(g.boundaries.find((b) => b.id === 'subnet-mgmt')).toMatchObject({ parent: 'virtual-network-vnet', members: ['jump'] });
    expect(g.dataAssets.find((d) => d.id === 'kv-secret-api-key')).toMatchObject({ kind: 'secret', storedBy: ['kv'], processedBy: ['portal'] });
    expect(g.dataAssets.find((d) => d.id === 'docs-bucket-uploads')!.processedBy).toEqual(['portal']);
    const text = JSON.stringify(g);
    for (const s of ['Sup3rSecret', 'NotPrinted1', 'AlsoNotPrinted2', 'kv-secret-value-never']) expect(text).not.toContain(s);
    expect(g.coverage.unmapped.map((u) => u.type)).toEqual(['azurerm_policy_definition']);
    expect(g.coverage.folded).toMatchObject({ azurerm_network_interface: 1, azurerm_network_security_group: 1, azurerm_mssql_firewall_rule: 1, azurerm_key_vault_secret: 1 });
  });
});

describe('azure exposure rules', () => {
  it('SQL firewall 0.0.0.0–255.255.255.255, public container, AKS, unattached NSG, restricted web app', () => {
    const g = run(azureSemantics, [
      tf('azurerm_sql_server', 'db', { name: 'db1' }),
      tf('azurerm_sql_firewall_rule', 'all', { server_name: 'db1', start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' }),
      tf('azurerm_storage_account', 'sa', { name: 'sa' }),
      tf('azurerm_storage_container', 'pub', { storage_account_name: ref('azurerm_storage_account.sa', 'name'), container_access_type: 'blob' }),
      tf('azurerm_kubernetes_cluster', 'k8s', { name: 'k', default_node_pool: [{ name: 'default', node_count: 2 }] }),
      tf('azurerm_network_security_group', 'bad', { security_rule: [{ name: 'rdp', direction: 'Inbound', access: 'Allow', source_address_prefix: 'Internet', destination_port_range: '3389-3389' }] }),
      tf('azurerm_app_service', 'locked', { https_only: true, site_config: [{ ip_restriction: [{ ip_address: '203.0.113.0/24', action: 'Allow' }] }] }),
      tf('azurerm_app_service', 'open', { https_only: false }),
      tf('azurerm_mssql_firewall_rule', 'orphan', { server_id: ref('azurerm_mssql_server.gone', 'id'), start_ip_address: '1.2.3.4', end_ip_address: '1.2.3.4' }),
    ]);
    expect(g.flows.filter((f) => f.source === 'internet').map((f) => f.target)).toEqual(['k8s', 'open', 'sa', 'sql-db']);
    expect(g.flows.find((f) => f.target === 'open')).toMatchObject({ protocol: 'http', port: 80 });
    expect(g.diagnostics.map((d) => d.code)).toContain('azure-nsg-unattached');
    expect(g.coverage.unresolved.map((u) => u.reference)).toContain('azurerm_mssql_firewall_rule.orphan.server_id');
  });

  it('public load balancer → NIC pool → VM, App Gateway → web app, Front Door → origin', () => {
    const g = run(azureSemantics, [
      tf('azurerm_lb', 'web', { frontend_ip_configuration: [{ name: 'fe', public_ip_address_id: ref('azurerm_public_ip.lb', 'id') }] }),
      tf('azurerm_public_ip', 'lb', {}),
      tf('azurerm_lb_backend_address_pool', 'pool', { loadbalancer_id: ref('azurerm_lb.web', 'id') }),
      tf('azurerm_lb_rule', 'http', { loadbalancer_id: ref('azurerm_lb.web', 'id'), frontend_port: 80, backend_port: 8080, backend_address_pool_ids: [ref('azurerm_lb_backend_address_pool.pool', 'id')] }),
      tf('azurerm_network_interface', 'vm', { ip_configuration: [{ name: 'i' }] }),
      tf('azurerm_network_interface_backend_address_pool_association', 'vm', { network_interface_id: ref('azurerm_network_interface.vm', 'id'), backend_address_pool_id: ref('azurerm_lb_backend_address_pool.pool', 'id') }),
      tf('azurerm_linux_virtual_machine', 'vm', { network_interface_ids: [ref('azurerm_network_interface.vm', 'id')] }),
      tf('azurerm_application_gateway', 'agw', { frontend_ip_configuration: [{ public_ip_address_id: ref('azurerm_public_ip.lb', 'id') }], frontend_port: [{ port: 443 }], http_listener: [{ protocol: 'Https' }], backend_address_pool: [{ name: 'apps', fqdns: [ref('azurerm_linux_web_app.api', 'default_hostname')] }], backend_http_settings: [{ protocol: 'Https', port: 443 }], waf_configuration: [{ enabled: true }] }),
      tf('azurerm_linux_web_app', 'api', { public_network_access_enabled: false }),
      tf('azurerm_cdn_frontdoor_profile', 'fd', {}),
      tf('azurerm_cdn_frontdoor_origin_group', 'og', { cdn_frontdoor_profile_id: ref('azurerm_cdn_frontdoor_profile.fd', 'id') }),
      tf('azurerm_cdn_frontdoor_origin', 'o', { cdn_frontdoor_origin_group_id: ref('azurerm_cdn_frontdoor_origin_group.og', 'id'), host_name: ref('azurerm_storage_account.site', 'primary_web_host') }),
      tf('azurerm_storage_account', 'site', {}),
    ]);
    expect(flowIds(g)).toEqual(['agw>api', 'fd>site', 'internet>agw', 'internet>fd', 'internet>web', 'web>vm']);
    expect(g.flows.find((f) => f.id === 'web>vm')).toMatchObject({ port: 8080 });
    expect(g.components.find((c) => c.id === 'agw')!.technology).toBe('waf');
    expect(g.coverage.unmapped).toEqual([]);
  });
});
