/**
 * Azure component resources: the facts each type contributes (attributes, encryption at rest) and
 * the exposure a resource declares by itself or through its folded children (web apps public by
 * default, SQL firewall rules, public blob containers, AKS API server, Cosmos DB/Redis without
 * network filters).
 */
import type { Resource } from '../../src/graph/resource.js';
import type { Evidence } from '../../src/graph/types.js';
import type { Encryption } from '../../src/model/enums.js';
import type { CloudContext } from '../common/cloud-kit.js';
import { isAnywhere, isInternetCidr, isInternetRange } from '../common/cidr.js';
import { block, blocks, bool, dig, refOf, str, strList } from '../common/tf-values.js';

type Attrs = Record<string, string | number | boolean | string[] | null>;
const CMEK: Encryption = 'data-with-symmetric-shared-key';

const WEB_APPS = new Set(['azurerm_app_service', 'azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_function_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app']);
const DB_SERVERS = new Set(['azurerm_mssql_server', 'azurerm_sql_server', 'azurerm_mysql_server', 'azurerm_mysql_flexible_server', 'azurerm_mariadb_server', 'azurerm_postgresql_server', 'azurerm_postgresql_flexible_server']);

function tlsOf(r: Resource): string | undefined {
  return str(dig(r.attributes['site_config'], 'minimum_tls_version')) ?? str(dig(r.attributes['site_config'], 'min_tls_version'));
}

function describe(r: Resource): { attributes: Attrs; encryption?: Encryption } {
  const a = r.attributes;
  if (WEB_APPS.has(r.type)) {
    return {
      attributes: {
        https_only: bool(a['https_only'], false)!,
        min_tls_version: tlsOf(r) ?? '1.2',
        ftps_state: str(dig(a['site_config'], 'ftps_state')) ?? 'AllAllowed',
        auth_enabled: bool(dig(a['auth_settings'], 'enabled'), false)! || !!block(a['auth_settings_v2']),
        client_certificate_enabled: bool(a['client_certificate_enabled'] ?? a['client_cert_enabled'], false)!,
        public_network_access: bool(a['public_network_access_enabled'], true)!,
        managed_identity: !!block(a['identity']),
      },
    };
  }
  if (DB_SERVERS.has(r.type)) {
    return {
      attributes: {
        public_network_access: bool(a['public_network_access_enabled'], true)!,
        ssl_enforced: bool(a['ssl_enforcement_enabled'], r.type.includes('flexible') || r.type.includes('mssql') || r.type === 'azurerm_sql_server')!,
        min_tls_version: str(a['minimum_tls_version']) ?? str(a['ssl_minimal_tls_version_enforced']) ?? 'unset',
        ...(str(a['version']) ? { version: str(a['version'])! } : {}),
        azuread_admin: !!block(a['azuread_administrator']),
      },
      ...(a['transparent_data_encryption_key_vault_key_id'] !== undefined || block(a['customer_managed_key']) ? { encryption: CMEK } : {}),
    };
  }
  switch (r.type) {
    case 'azurerm_storage_account':
      return {
        attributes: {
          https_only: bool(a['https_traffic_only_enabled'] ?? a['enable_https_traffic_only'], true)!,
          min_tls_version: str(a['min_tls_version']) ?? 'TLS1_2',
          allow_public_blobs: bool(a['allow_nested_items_to_be_public'] ?? a['allow_blob_public_access'], true)!,
          public_network_access: bool(a['public_network_access_enabled'], true)!,
          network_default_action: str(dig(a['network_rules'], 'default_action')) ?? 'Allow',
          shared_key_access: bool(a['shared_access_key_enabled'], true)!,
          infrastructure_encryption: bool(a['infrastructure_encryption_enabled'], false)!,
        },
        ...(block(a['customer_managed_key']) ? { encryption: CMEK } : {}),
      };
    case 'azurerm_key_vault':
      return {
        attributes: {
          purge_protection: bool(a['purge_protection_enabled'], false)!,
          rbac_authorization: bool(a['enable_rbac_authorization'] ?? a['rbac_authorization_enabled'], false)!,
          public_network_access: bool(a['public_network_access_enabled'], true)!,
          network_default_action: str(dig(a['network_acls'], 'default_action')) ?? 'Allow',
        },
      };
    case 'azurerm_kubernetes_cluster':
      return {
        attributes: {
          private_cluster: bool(a['private_cluster_enabled'], false)!,
          rbac_enabled: bool(a['role_based_access_control_enabled'] ?? dig(a['role_based_access_control'], 'enabled'), true)!,
          authorized_ip_ranges: [...strList(a['api_server_authorized_ip_ranges']), ...strList(dig(a['api_server_access_profile'], 'authorized_ip_ranges'))],
          network_policy: str(dig(a['network_profile'], 'network_policy')) ?? 'none',
          kube_dashboard: bool(dig(a['addon_profile'], 'kube_dashboard', 'enabled'), false)!,
        },
      };
    case 'azurerm_cosmosdb_account':
      return {
        attributes: {
          public_network_access: bool(a['public_network_access_enabled'], true)!,
          vnet_filter: bool(a['is_virtual_network_filter_enabled'], false)!,
          ip_range_filter: strList(a['ip_range_filter']).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean),
          local_auth: !bool(a['local_authentication_disabled'], false)!,
        },
        ...(a['key_vault_key_id'] !== undefined ? { encryption: CMEK } : {}),
      };
    case 'azurerm_redis_cache':
      return {
        attributes: {
          non_ssl_port: bool(a['enable_non_ssl_port'] ?? a['non_ssl_port_enabled'], false)!,
          public_network_access: bool(a['public_network_access_enabled'], true)!,
          min_tls_version: str(a['minimum_tls_version']) ?? '1.2',
          ...(bool(a['enable_non_ssl_port'] ?? a['non_ssl_port_enabled'], false) ? { port: 6379 } : {}),
        },
      };
    case 'azurerm_linux_virtual_machine':
    case 'azurerm_windows_virtual_machine':
    case 'azurerm_virtual_machine':
      return {
        attributes: {
          os: r.type.includes('windows') || block(a['os_profile_windows_config']) ? 'windows' : 'linux',
          password_authentication: r.type === 'azurerm_windows_virtual_machine' || !bool(a['disable_password_authentication'], r.type === 'azurerm_linux_virtual_machine')!,
          ...(str(dig(a['source_image_reference'], 'offer')) ? { image: `${str(dig(a['source_image_reference'], 'offer'))} ${str(dig(a['source_image_reference'], 'sku')) ?? ''}`.trim() } : {}),
        },
        ...(a['disk_encryption_set_id'] !== undefined || dig(a['os_disk'], 'disk_encryption_set_id') !== undefined ? { encryption: CMEK } : {}),
      };
    case 'azurerm_application_gateway':
      return { attributes: { waf: !!block(a['waf_configuration']) || a['firewall_policy_id'] !== undefined, sku: str(dig(a['sku'], 'name')) ?? 'unknown' } };
    case 'azurerm_container_registry':
      return { attributes: { admin_enabled: bool(a['admin_enabled'], false)!, public_network_access: bool(a['public_network_access_enabled'], true)! } };
    default:
      return { attributes: {} };
  }
}

export function addAzureComponent(ctx: CloudContext, r: Resource): string {
  const d = describe(r);
  const technology = r.type === 'azurerm_application_gateway' && d.attributes['waf'] === true ? 'waf' : undefined;
  return ctx.addComponent(r, { attributes: d.attributes, ...(d.encryption ? { encryption: d.encryption } : {}), ...(technology ? { technology } : {}) });
}

/** Resources folded under a component, by the component id (filled by the semantics after fold owners are known). */
export type Children = Map<string, Resource[]>;

/** Exposure a component declares itself or through its folded children. */
export function selfExposure(ctx: CloudContext, r: Resource, id: string, children: Resource[]): void {
  const a = r.attributes;
  if (WEB_APPS.has(r.type)) {
    if (bool(a['public_network_access_enabled'], true) === false) return;
    const restrictions = blocks(dig(a['site_config'], 'ip_restriction'));
    const allowsAnyone = restrictions.some((x) => {
      const ip = str(x['ip_address']);
      return (str(x['action']) ?? 'Allow') === 'Allow' && ((ip !== undefined && isInternetCidr(ip)) || str(x['service_tag']) === 'Internet');
    });
    const defaultAction = str(dig(a['site_config'], 'ip_restriction_default_action')) ?? (restrictions.length ? 'Deny' : 'Allow');
    if (defaultAction === 'Deny' && !allowsAnyone) {
      ctx.graph.component(id)!.attributes['ip_restricted'] = true;
      return;
    }
    const https = bool(a['https_only'], false)!;
    const evidence: Evidence[] = [ctx.ev(r, 'azure-app-service-public', `${r.type}.${r.name} has a public endpoint (App Service default: public network access, no IP restrictions)${https ? '' : ', https_only is false'}`, restrictions.length ? 'site_config' : undefined)];
    ctx.expose(id, evidence, https ? { port: 443, protocol: 'https' } : { port: 80, protocol: 'http' });
    return;
  }
  if (DB_SERVERS.has(r.type)) {
    if (bool(a['public_network_access_enabled'], true) === false) return;
    for (const rule of children.filter((c) => /firewall_rule$/.test(c.type))) {
      const start = str(rule.attributes['start_ip_address']);
      const end = str(rule.attributes['end_ip_address']);
      if (!start || !end) continue;
      if (start === '0.0.0.0' && end === '0.0.0.0') {
        ctx.graph.component(id)!.attributes['allow_azure_services'] = true;
        continue;
      }
      if (!isInternetRange(start, end)) continue;
      ctx.expose(id, [ctx.ev(rule, 'azure-sql-firewall-open', `${rule.type}.${rule.name} allows ${start}–${end}`, 'start_ip_address')]);
    }
    return;
  }
  switch (r.type) {
    case 'azurerm_storage_account': {
      if (bool(a['public_network_access_enabled'], true) === false) return;
      if (!bool(a['allow_nested_items_to_be_public'] ?? a['allow_blob_public_access'], true)) return;
      // Anonymous reads still pass the account firewall: default Deny (inline or separate rules) keeps the internet out.
      const denyAll = [dig(a['network_rules'], 'default_action'), ...children.filter((c) => c.type === 'azurerm_storage_account_network_rules').map((c) => c.attributes['default_action'])].some((v) => str(v) === 'Deny');
      if (denyAll) return;
      for (const c of children.filter((x) => x.type === 'azurerm_storage_container')) {
        const access = str(c.attributes['container_access_type']) ?? 'private';
        if (access === 'private') continue;
        ctx.expose(id, [ctx.ev(c, 'azure-public-container', `storage container ${str(c.attributes['name']) ?? c.name} allows anonymous ${access} access`, 'container_access_type')], { port: 443, protocol: 'https' });
      }
      return;
    }
    case 'azurerm_kubernetes_cluster': {
      if (bool(a['private_cluster_enabled'], false)) return;
      const ranges = [...strList(a['api_server_authorized_ip_ranges']), ...strList(dig(a['api_server_access_profile'], 'authorized_ip_ranges'))];
      const open = ranges.find((x) => isAnywhere(x) || isInternetCidr(x));
      if (ranges.length && !open) return;
      ctx.expose(id, [ctx.ev(r, 'azure-aks-public-api', `AKS ${r.name} API server is public${open ? ` and authorizes ${open}` : ' with no authorized IP ranges'}`)], { port: 443, protocol: 'https' });
      return;
    }
    case 'azurerm_cosmosdb_account':
    case 'azurerm_redis_cache': {
      if (bool(a['public_network_access_enabled'], true) === false) return;
      if (r.type === 'azurerm_redis_cache' && a['subnet_id'] !== undefined) return; // VNet-injected
      const filtered =
        r.type === 'azurerm_cosmosdb_account'
          ? bool(a['is_virtual_network_filter_enabled'], false) || strList(a['ip_range_filter']).some((s) => s.trim() !== '')
          : children.some((c) => c.type === 'azurerm_redis_firewall_rule' && !isInternetRange(str(c.attributes['start_ip']) ?? '', str(c.attributes['end_ip']) ?? ''));
      if (filtered) return;
      ctx.expose(id, [ctx.ev(r, 'azure-public-network', `${r.type}.${r.name} accepts connections from any network (public network access with no IP or VNet filter)`)], { confidence: 'configured' });
      return;
    }
  }
}

/** The encryption a child resource upgrades its owner to (a storage account's CMEK resource). */
export function childEncryption(child: Resource): Encryption | undefined {
  return child.type === 'azurerm_storage_account_customer_managed_key' && refOf(child.attributes['key_vault_key_id'] ?? child.attributes['key_name']) ? CMEK : undefined;
}
