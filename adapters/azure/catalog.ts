/**
 * The Azure resource catalog (Terraform azurerm provider): one entry per resource type, saying what
 * it is in the graph. Adding a type touches this table (and, if it carries exposure or flows, one
 * pass). Types not listed stay unmarked and are reported as unmapped.
 */
import type { Catalog, ComponentSpec } from '../common/cloud-kit.js';

// Azure encrypts storage, databases and managed disks at rest by default (SSE/TDE): `transparent`
// unless a customer-managed key is configured.
const webApp: ComponentSpec = { kind: 'web-app', product: 'App Service', type: 'process', technology: 'web-application', machine: 'virtual', port: 443, protocol: 'https' };
const functionApp: ComponentSpec = { kind: 'function-app', product: 'Function App', type: 'process', technology: 'function', machine: 'serverless', port: 443, protocol: 'https' };
const vm: ComponentSpec = { kind: 'vm', product: 'Virtual Machine', type: 'process', technology: 'application-server', machine: 'virtual', encryption: 'transparent' };
const vmss: ComponentSpec = { ...vm, kind: 'vmss', product: 'VM scale set' };
const aks: ComponentSpec = { kind: 'aks', product: 'AKS', type: 'process', technology: 'container-platform', machine: 'virtual', port: 443, protocol: 'https', encryption: 'transparent' };
const sql = (kind: string, product: string, port: number): ComponentSpec => ({ kind, product, type: 'datastore', technology: 'database', machine: 'virtual', port, protocol: 'sql-access-protocol', encryption: 'transparent', dataAsset: 'database' });
const storage: ComponentSpec = { kind: 'storage', product: 'Storage account', type: 'datastore', technology: 'file-server', machine: 'serverless', port: 443, protocol: 'https', encryption: 'transparent', dataAsset: 'bucket' };
const vault: ComponentSpec = { kind: 'key-vault', product: 'Key Vault', type: 'datastore', technology: 'vault', machine: 'serverless', port: 443, protocol: 'https', encryption: 'transparent' };
const bus: ComponentSpec = { kind: 'service-bus', product: 'Service Bus', type: 'datastore', technology: 'message-queue', machine: 'serverless', port: 5671, protocol: 'binary-encrypted', encryption: 'transparent', dataAsset: 'queue' };
const edge = (kind: string, product: string, technology: ComponentSpec['technology']): ComponentSpec => ({ kind, product, type: 'process', technology, machine: 'virtual' });

export const AZURE_CATALOG: Catalog = {
  // compute
  azurerm_app_service: { role: 'component', spec: webApp },
  azurerm_linux_web_app: { role: 'component', spec: webApp },
  azurerm_windows_web_app: { role: 'component', spec: webApp },
  azurerm_function_app: { role: 'component', spec: functionApp },
  azurerm_linux_function_app: { role: 'component', spec: functionApp },
  azurerm_windows_function_app: { role: 'component', spec: functionApp },
  azurerm_container_app: { role: 'component', spec: { ...webApp, kind: 'container-app', product: 'Container App', technology: 'web-service-rest', machine: 'container' } },
  azurerm_container_group: { role: 'component', spec: { ...webApp, kind: 'aci', product: 'Container Instances', technology: 'application-server', machine: 'container', port: undefined, protocol: undefined } },
  azurerm_linux_virtual_machine: { role: 'component', spec: vm },
  azurerm_windows_virtual_machine: { role: 'component', spec: vm },
  azurerm_virtual_machine: { role: 'component', spec: vm },
  azurerm_linux_virtual_machine_scale_set: { role: 'component', spec: vmss },
  azurerm_windows_virtual_machine_scale_set: { role: 'component', spec: vmss },
  azurerm_virtual_machine_scale_set: { role: 'component', spec: vmss },
  azurerm_orchestrated_virtual_machine_scale_set: { role: 'component', spec: vmss },
  azurerm_kubernetes_cluster: { role: 'component', spec: aks },
  // data
  azurerm_mssql_server: { role: 'component', spec: sql('sql', 'Azure SQL', 1433) },
  azurerm_sql_server: { role: 'component', spec: sql('sql', 'Azure SQL', 1433) },
  azurerm_mysql_server: { role: 'component', spec: sql('mysql', 'Azure Database for MySQL', 3306) },
  azurerm_mysql_flexible_server: { role: 'component', spec: sql('mysql', 'Azure Database for MySQL', 3306) },
  azurerm_mariadb_server: { role: 'component', spec: sql('mariadb', 'Azure Database for MariaDB', 3306) },
  azurerm_postgresql_server: { role: 'component', spec: sql('postgresql', 'Azure Database for PostgreSQL', 5432) },
  azurerm_postgresql_flexible_server: { role: 'component', spec: sql('postgresql', 'Azure Database for PostgreSQL', 5432) },
  azurerm_cosmosdb_account: { role: 'component', spec: { ...sql('cosmosdb', 'Cosmos DB', 443), protocol: 'nosql-access-protocol-encrypted', machine: 'serverless' } },
  azurerm_redis_cache: { role: 'component', spec: { ...sql('redis', 'Azure Cache for Redis', 6380), protocol: 'nosql-access-protocol-encrypted' } },
  azurerm_storage_account: { role: 'component', spec: storage },
  azurerm_key_vault: { role: 'component', spec: vault },
  azurerm_container_registry: { role: 'component', spec: { kind: 'acr', product: 'Container Registry', type: 'datastore', technology: 'artifact-registry', machine: 'serverless', port: 443, protocol: 'https', encryption: 'transparent' } },
  // messaging
  azurerm_servicebus_namespace: { role: 'component', spec: bus },
  azurerm_eventhub_namespace: { role: 'component', spec: { ...bus, kind: 'event-hubs', product: 'Event Hubs', technology: 'stream-processing', dataAsset: 'stream' } },
  // edge
  azurerm_application_gateway: { role: 'component', spec: edge('app-gateway', 'Application Gateway', 'reverse-proxy') },
  azurerm_lb: { role: 'component', spec: edge('lb', 'Load Balancer', 'load-balancer') },
  azurerm_cdn_frontdoor_profile: { role: 'component', spec: edge('front-door', 'Front Door', 'reverse-proxy') },
  azurerm_frontdoor: { role: 'component', spec: edge('front-door', 'Front Door', 'reverse-proxy') },
  azurerm_api_management: { role: 'component', spec: { ...edge('apim', 'API Management', 'gateway'), port: 443, protocol: 'https' } },

  // folded into their owner (parent attributes say which reference leads there)
  azurerm_service_plan: { role: 'fold' },
  azurerm_app_service_plan: { role: 'fold' },
  azurerm_app_service_virtual_network_swift_connection: { role: 'fold', parent: ['app_service_id'] },
  azurerm_mssql_database: { role: 'fold', parent: ['server_id'] },
  azurerm_sql_database: { role: 'fold', parent: ['server_name'] },
  azurerm_mssql_firewall_rule: { role: 'fold', parent: ['server_id'] },
  azurerm_sql_firewall_rule: { role: 'fold', parent: ['server_name'] },
  azurerm_mysql_firewall_rule: { role: 'fold', parent: ['server_name'] },
  azurerm_mariadb_firewall_rule: { role: 'fold', parent: ['server_name'] },
  azurerm_postgresql_firewall_rule: { role: 'fold', parent: ['server_name'] },
  azurerm_mysql_flexible_server_firewall_rule: { role: 'fold', parent: ['server_id'] },
  azurerm_postgresql_flexible_server_firewall_rule: { role: 'fold', parent: ['server_id'] },
  azurerm_mssql_virtual_network_rule: { role: 'fold', parent: ['server_id'] },
  azurerm_sql_virtual_network_rule: { role: 'fold', parent: ['server_name'] },
  azurerm_mysql_database: { role: 'fold', parent: ['server_name'] },
  azurerm_mysql_flexible_database: { role: 'fold', parent: ['server_name'] },
  azurerm_postgresql_database: { role: 'fold', parent: ['server_name'] },
  azurerm_postgresql_flexible_server_database: { role: 'fold', parent: ['server_id'] },
  azurerm_postgresql_configuration: { role: 'fold', parent: ['server_name'] },
  azurerm_mysql_configuration: { role: 'fold', parent: ['server_name'] },
  azurerm_mssql_server_security_alert_policy: { role: 'fold', parent: ['server_name'] },
  azurerm_mssql_server_extended_auditing_policy: { role: 'fold', parent: ['server_id'] },
  azurerm_mssql_database_extended_auditing_policy: { role: 'fold', parent: ['database_id'] },
  azurerm_mssql_server_transparent_data_encryption: { role: 'fold', parent: ['server_id'] },
  azurerm_cosmosdb_sql_database: { role: 'fold', parent: ['account_name'] },
  azurerm_cosmosdb_sql_container: { role: 'fold', parent: ['account_name'] },
  azurerm_cosmosdb_mongo_database: { role: 'fold', parent: ['account_name'] },
  azurerm_cosmosdb_mongo_collection: { role: 'fold', parent: ['account_name'] },
  azurerm_redis_firewall_rule: { role: 'fold', parent: ['redis_cache_name'] },
  azurerm_storage_container: { role: 'fold', parent: ['storage_account_id', 'storage_account_name'] },
  azurerm_storage_blob: { role: 'fold', parent: ['storage_account_name', 'storage_container_name'] },
  azurerm_storage_queue: { role: 'fold', parent: ['storage_account_id', 'storage_account_name'] },
  azurerm_storage_share: { role: 'fold', parent: ['storage_account_id', 'storage_account_name'] },
  azurerm_storage_table: { role: 'fold', parent: ['storage_account_name'] },
  azurerm_storage_account_network_rules: { role: 'fold', parent: ['storage_account_id', 'storage_account_name'] },
  azurerm_storage_account_customer_managed_key: { role: 'fold', parent: ['storage_account_id'] },
  azurerm_key_vault_secret: { role: 'fold', parent: ['key_vault_id'] },
  azurerm_key_vault_key: { role: 'fold', parent: ['key_vault_id'] },
  azurerm_key_vault_certificate: { role: 'fold', parent: ['key_vault_id'] },
  azurerm_key_vault_access_policy: { role: 'fold', parent: ['key_vault_id'] },
  azurerm_servicebus_queue: { role: 'fold', parent: ['namespace_id', 'namespace_name'] },
  azurerm_servicebus_topic: { role: 'fold', parent: ['namespace_id', 'namespace_name'] },
  azurerm_servicebus_subscription: { role: 'fold', parent: ['topic_id'] },
  azurerm_eventhub: { role: 'fold', parent: ['namespace_id', 'namespace_name'] },
  azurerm_eventhub_consumer_group: { role: 'fold', parent: ['eventhub_name'] },
  azurerm_kubernetes_cluster_node_pool: { role: 'fold', parent: ['kubernetes_cluster_id'] },
  azurerm_lb_rule: { role: 'fold', parent: ['loadbalancer_id'] },
  azurerm_lb_backend_address_pool: { role: 'fold', parent: ['loadbalancer_id'] },
  azurerm_lb_probe: { role: 'fold', parent: ['loadbalancer_id'] },
  azurerm_lb_nat_rule: { role: 'fold', parent: ['loadbalancer_id'] },
  azurerm_lb_outbound_rule: { role: 'fold', parent: ['loadbalancer_id'] },
  azurerm_cdn_frontdoor_endpoint: { role: 'fold', parent: ['cdn_frontdoor_profile_id'] },
  azurerm_cdn_frontdoor_origin_group: { role: 'fold', parent: ['cdn_frontdoor_profile_id'] },
  azurerm_cdn_frontdoor_origin: { role: 'fold', parent: ['cdn_frontdoor_origin_group_id'] },
  azurerm_cdn_frontdoor_route: { role: 'fold', parent: ['cdn_frontdoor_endpoint_id'] },
  azurerm_cdn_frontdoor_firewall_policy: { role: 'fold' },
  azurerm_cdn_frontdoor_security_policy: { role: 'fold', parent: ['cdn_frontdoor_profile_id'] },
  azurerm_web_application_firewall_policy: { role: 'fold' },
  azurerm_network_security_group: { role: 'fold' },
  azurerm_network_security_rule: { role: 'fold' },
  azurerm_network_interface: { role: 'fold' },
  azurerm_network_interface_security_group_association: { role: 'fold' },
  azurerm_subnet_network_security_group_association: { role: 'fold' },
  azurerm_network_interface_backend_address_pool_association: { role: 'fold' },
  azurerm_network_interface_application_gateway_backend_address_pool_association: { role: 'fold' },
  azurerm_public_ip: { role: 'fold' },
  azurerm_nat_gateway: { role: 'fold' },
  azurerm_nat_gateway_public_ip_association: { role: 'fold' },
  azurerm_subnet_nat_gateway_association: { role: 'fold' },
  azurerm_route_table: { role: 'fold' },
  azurerm_subnet_route_table_association: { role: 'fold' },
  azurerm_private_endpoint: { role: 'fold' },
  azurerm_private_dns_zone: { role: 'fold' },
  azurerm_private_dns_zone_virtual_network_link: { role: 'fold' },
  azurerm_virtual_network_peering: { role: 'fold' },
  azurerm_managed_disk: { role: 'fold' },
  azurerm_virtual_machine_data_disk_attachment: { role: 'fold', parent: ['virtual_machine_id'] },
  azurerm_virtual_machine_extension: { role: 'fold', parent: ['virtual_machine_id'] },
  azurerm_network_watcher: { role: 'fold' },
  azurerm_network_watcher_flow_log: { role: 'fold' },
  azurerm_role_assignment: { role: 'fold' },
  azurerm_user_assigned_identity: { role: 'fold' },
  azurerm_resource_group: { role: 'fold' },
  'data.azurerm_client_config': { role: 'fold' },
  'data.azurerm_subscription': { role: 'fold' },
  'data.azurerm_resource_group': { role: 'fold' },

  // boundaries
  azurerm_virtual_network: { role: 'boundary' },
  azurerm_subnet: { role: 'boundary' },
};
