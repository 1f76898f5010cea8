/**
 * GCP component resources: the facts each type contributes (attributes, encryption at rest) and the
 * exposure a resource declares on its own (Cloud SQL authorized networks, GKE master networks,
 * BigQuery access to all users). Exposure through IAM, firewalls and load balancers lives in its
 * own pass.
 */
import type { Resource } from '../../src/graph/resource.js';
import type { Evidence } from '../../src/graph/types.js';
import type { Encryption } from '../../src/model/enums.js';
import type { CloudContext } from '../common/cloud-kit.js';
import { isInternetCidr } from '../common/cidr.js';
import { block, blocks, bool, dig, isObj, refOf, str, strList } from '../common/tf-values.js';
import { lookupTable } from '../../src/util/lookup.js';

type Attrs = Record<string, string | number | boolean | string[] | null>;
interface Described {
  attributes: Attrs;
  encryption?: Encryption;
}

const CMEK: Encryption = 'data-with-symmetric-shared-key';

/** A customer-managed key set (by reference or by name) ⇒ CMEK; else the catalog's Google-managed default. */
function cmek(v: unknown): Encryption | undefined {
  return refOf(v) || str(v) ? CMEK : undefined;
}

function engineOf(version: string | undefined): { engine: string; port?: number } {
  const v = (version ?? '').toUpperCase();
  if (v.startsWith('POSTGRES')) return { engine: 'postgres', port: 5432 };
  if (v.startsWith('MYSQL')) return { engine: 'mysql', port: 3306 };
  if (v.startsWith('SQLSERVER')) return { engine: 'sqlserver', port: 1433 };
  return { engine: v.toLowerCase() || 'unknown' };
}

export function sqlPort(r: Resource): number | undefined {
  return engineOf(str(r.attributes['database_version'])).port;
}

const DESCRIBE: Record<string, (r: Resource) => Described> = lookupTable({
  google_sql_database_instance: (r) => {
    const ip = dig(r.attributes['settings'], 'ip_configuration');
    const ipv4 = bool(dig(ip, 'ipv4_enabled'), true)!;
    const ssl = str(dig(ip, 'ssl_mode')) ?? (bool(dig(ip, 'require_ssl'), false) ? 'ENCRYPTED_ONLY' : 'ALLOW_UNENCRYPTED_AND_ENCRYPTED');
    const e = engineOf(str(r.attributes['database_version']));
    return {
      attributes: {
        engine: e.engine,
        ...(e.port !== undefined ? { port: e.port } : {}),
        public_ip: ipv4,
        private_network: !!dig(ip, 'private_network'),
        ssl_mode: ssl,
        authorized_networks: blocks(dig(ip, 'authorized_networks')).map((n) => str(n['value'])).filter((x): x is string => !!x),
        backups: bool(dig(r.attributes['settings'], 'backup_configuration', 'enabled'), false)!,
        deletion_protection: bool(r.attributes['deletion_protection'], true)!,
      },
      ...(cmek(r.attributes['encryption_key_name']) ? { encryption: CMEK } : {}),
    };
  },
  google_redis_instance: (r) => ({
    attributes: {
      auth_enabled: bool(r.attributes['auth_enabled'], false)!,
      transit_encryption: str(r.attributes['transit_encryption_mode']) ?? 'DISABLED',
      tier: str(r.attributes['tier']) ?? 'BASIC',
    },
    ...(cmek(r.attributes['customer_managed_key']) ? { encryption: CMEK } : {}),
  }),
  google_storage_bucket: (r) => ({
    attributes: {
      uniform_bucket_level_access: bool(r.attributes['uniform_bucket_level_access'], false)!,
      public_access_prevention: str(r.attributes['public_access_prevention']) ?? 'inherited',
      versioning: bool(dig(r.attributes['versioning'], 'enabled'), false)!,
      logging: !!block(r.attributes['logging']),
      website: !!block(r.attributes['website']),
    },
    ...(cmek(dig(r.attributes['encryption'], 'default_kms_key_name')) ? { encryption: CMEK } : {}),
  }),
  google_pubsub_topic: (r) => ({ attributes: {}, ...(cmek(r.attributes['kms_key_name']) ? { encryption: CMEK } : {}) }),
  google_bigquery_dataset: (r) => ({
    attributes: {},
    ...(cmek(dig(r.attributes['default_encryption_configuration'], 'kms_key_name')) ? { encryption: CMEK } : {}),
  }),
  google_compute_instance: (r) => {
    const nics = blocks(r.attributes['network_interface']);
    const meta = isObj(r.attributes['metadata']) ? r.attributes['metadata'] : {};
    const bootKey = dig(r.attributes['boot_disk'], 'kms_key_self_link') ?? dig(r.attributes['boot_disk'], 'disk_encryption_key_raw');
    return {
      attributes: {
        public_ip: nics.some((n) => blocks(n['access_config']).length > 0 || Array.isArray(n['access_config'])),
        can_ip_forward: bool(r.attributes['can_ip_forward'], false)!,
        serial_port_enabled: bool(meta['serial-port-enable'], false)!,
        os_login: bool(meta['enable-oslogin'], false)!,
        tags: strList(r.attributes['tags']),
        shielded_vm: !!block(r.attributes['shielded_vm_config']),
        ...(str(dig(r.attributes['boot_disk'], 'initialize_params', 'image')) ? { image: str(dig(r.attributes['boot_disk'], 'initialize_params', 'image'))! } : {}),
      },
      ...(bootKey !== undefined ? { encryption: CMEK } : {}),
    };
  },
  google_container_cluster: (r) => {
    const priv = block(r.attributes['private_cluster_config']);
    return {
      attributes: {
        private_nodes: bool(priv?.['enable_private_nodes'], false)!,
        private_endpoint: bool(priv?.['enable_private_endpoint'], false)!,
        legacy_abac: bool(r.attributes['enable_legacy_abac'], false)!,
        master_authorized_networks: blocks(dig(r.attributes['master_authorized_networks_config'], 'cidr_blocks')).map((b) => str(b['cidr_block'])).filter((x): x is string => !!x),
        network_policy: bool(dig(r.attributes['network_policy'], 'enabled'), false)!,
        workload_identity: !!block(r.attributes['workload_identity_config']),
        logging_service: str(r.attributes['logging_service']) ?? 'logging.googleapis.com/kubernetes',
        monitoring_service: str(r.attributes['monitoring_service']) ?? 'monitoring.googleapis.com/kubernetes',
      },
      ...(str(dig(r.attributes['database_encryption'], 'state')) === 'ENCRYPTED' ? { encryption: CMEK } : {}),
    };
  },
  google_cloud_run_service: (r) => ({ attributes: { ingress: cloudRunIngress(r) } }),
  google_cloud_run_v2_service: (r) => ({ attributes: { ingress: cloudRunIngress(r) } }),
  google_cloudfunctions_function: (r) => ({
    attributes: {
      runtime: str(r.attributes['runtime']) ?? 'unknown',
      http_trigger: bool(r.attributes['trigger_http'], false)!,
      ingress: str(r.attributes['ingress_settings']) ?? 'ALLOW_ALL',
    },
  }),
  google_cloudfunctions2_function: (r) => ({
    attributes: {
      runtime: str(dig(r.attributes['build_config'], 'runtime')) ?? 'unknown',
      ingress: str(dig(r.attributes['service_config'], 'ingress_settings')) ?? 'ALLOW_ALL',
    },
  }),
});

/** Cloud Run ingress, normalised to `all` | `internal` | `internal-and-cloud-load-balancing` (v1 annotation or v2 field; default all). */
export function cloudRunIngress(r: Resource): string {
  if (r.type === 'google_cloud_run_v2_service') {
    const v = str(r.attributes['ingress']) ?? 'INGRESS_TRAFFIC_ALL';
    return v === 'INGRESS_TRAFFIC_ALL' ? 'all' : v === 'INGRESS_TRAFFIC_INTERNAL_ONLY' ? 'internal' : 'internal-and-cloud-load-balancing';
  }
  const ann = dig(r.attributes['metadata'], 'annotations');
  const v = isObj(ann) ? str(ann['run.googleapis.com/ingress']) : undefined;
  return v ?? 'all';
}

/** Create the component for a component resource with its facts, and the exposure it declares itself. */
export function addGcpComponent(ctx: CloudContext, r: Resource): string {
  const d = DESCRIBE[r.type]?.(r) ?? { attributes: {} };
  const id = ctx.addComponent(r, { attributes: d.attributes, ...(d.encryption ? { encryption: d.encryption } : {}) });
  selfExposure(ctx, r, id);
  return id;
}

function selfExposure(ctx: CloudContext, r: Resource, id: string): void {
  switch (r.type) {
    case 'google_sql_database_instance': {
      const ip = dig(r.attributes['settings'], 'ip_configuration');
      if (!bool(dig(ip, 'ipv4_enabled'), true)) return;
      blocks(dig(ip, 'authorized_networks')).forEach((n, i) => {
        const cidr = str(n['value']);
        if (!cidr || !isInternetCidr(cidr)) return;
        const port = sqlPort(r);
        ctx.expose(id, [ctx.ev(r, 'gcp-sql-authorized-network', `Cloud SQL ${r.name} has a public IPv4 address and authorizes ${cidr}${str(n['name']) ? ` (${str(n['name'])})` : ''}`, `settings[0].ip_configuration[0].authorized_networks[${i}]`)], {
          ...(port !== undefined ? { port } : {}),
          protocol: 'sql-access-protocol',
        });
      });
      return;
    }
    case 'google_container_cluster': {
      const priv = block(r.attributes['private_cluster_config']);
      if (bool(priv?.['enable_private_endpoint'], false)) return;
      const config = block(r.attributes['master_authorized_networks_config']);
      const cidrs = blocks(config?.['cidr_blocks']).map((b) => str(b['cidr_block'])).filter((x): x is string => !!x);
      const open = cidrs.find(isInternetCidr);
      const evidence: Evidence[] = [];
      if (!config) evidence.push(ctx.ev(r, 'gcp-gke-public-endpoint', `GKE ${r.name} control plane has a public endpoint and no master_authorized_networks_config`));
      else if (open) evidence.push(ctx.ev(r, 'gcp-gke-public-endpoint', `GKE ${r.name} control plane authorizes ${open}`, 'master_authorized_networks_config[0].cidr_blocks'));
      if (evidence.length) ctx.expose(id, evidence, { port: 443, protocol: 'https' });
      return;
    }
    case 'google_bigquery_dataset': {
      blocks(r.attributes['access']).forEach((a, i) => {
        const group = str(a['special_group']) ?? str(a['iam_member']);
        if (group !== 'allUsers' && group !== 'allAuthenticatedUsers') return;
        ctx.expose(id, [ctx.ev(r, 'gcp-public-access', `BigQuery dataset ${r.name} grants ${str(a['role']) ?? 'access'} to ${group}`, `access[${i}]`)], { port: 443, protocol: 'https' });
      });
      return;
    }
    case 'google_cloudfunctions_function':
    case 'google_cloudfunctions2_function':
      return; // exposure needs an allUsers invoker: the IAM pass decides
  }
}
