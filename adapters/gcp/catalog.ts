/**
 * The GCP resource catalog: one entry per Terraform resource type, saying what it is in the graph.
 * Adding a type touches this table (and, if it carries exposure or flows, one pass).
 * Types not listed here (and not IAM resources) stay unmarked and are reported as unmapped.
 */
import type { Catalog, ComponentSpec } from '../common/cloud-kit.js';

const cloudRun: ComponentSpec = { kind: 'cloud-run', product: 'Cloud Run', type: 'process', technology: 'web-service-rest', machine: 'container', port: 443, protocol: 'https' };
const fn: ComponentSpec = { kind: 'function', product: 'Cloud Functions', type: 'process', technology: 'function', machine: 'serverless', port: 443, protocol: 'https' };
const vm: ComponentSpec = { kind: 'gce', product: 'Compute Engine', type: 'process', technology: 'application-server', machine: 'virtual', encryption: 'transparent' };
const mig: ComponentSpec = { ...vm, kind: 'mig', product: 'Managed instance group' };
const gke: ComponentSpec = { kind: 'gke', product: 'GKE', type: 'process', technology: 'container-platform', machine: 'virtual', port: 443, protocol: 'https', encryption: 'transparent' };
// Google encrypts all data at rest with Google-managed keys: `transparent` unless a CMEK is configured.
const sql: ComponentSpec = { kind: 'cloud-sql', product: 'Cloud SQL', type: 'datastore', technology: 'database', machine: 'virtual', encryption: 'transparent', dataAsset: 'database' };
const redis: ComponentSpec = { kind: 'memorystore', product: 'Memorystore', type: 'datastore', technology: 'database', machine: 'virtual', port: 6379, protocol: 'nosql-access-protocol', encryption: 'transparent' };
const gcs: ComponentSpec = { kind: 'gcs', product: 'Cloud Storage', type: 'datastore', technology: 'file-server', machine: 'serverless', port: 443, protocol: 'https', encryption: 'transparent', dataAsset: 'bucket' };
const pubsub: ComponentSpec = { kind: 'pubsub', product: 'Pub/Sub', type: 'datastore', technology: 'message-queue', machine: 'serverless', port: 443, protocol: 'https', encryption: 'transparent', dataAsset: 'queue' };
const bigquery: ComponentSpec = { kind: 'bigquery', product: 'BigQuery', type: 'datastore', technology: 'database', machine: 'serverless', port: 443, protocol: 'https', encryption: 'transparent', dataAsset: 'database' };
const nosql: ComponentSpec = { kind: 'nosql', product: 'database', type: 'datastore', technology: 'database', machine: 'serverless', port: 443, protocol: 'https', encryption: 'transparent', dataAsset: 'database' };
const lb: ComponentSpec = { kind: 'lb', product: 'Cloud Load Balancing', type: 'process', technology: 'load-balancer', machine: 'virtual' };

export const GCP_CATALOG: Catalog = {
  // compute
  google_cloud_run_service: { role: 'component', spec: cloudRun },
  google_cloud_run_v2_service: { role: 'component', spec: cloudRun },
  google_cloud_run_v2_job: { role: 'component', spec: { ...cloudRun, kind: 'cloud-run-job', product: 'Cloud Run job', technology: 'task', port: undefined, protocol: undefined } },
  google_cloudfunctions_function: { role: 'component', spec: fn },
  google_cloudfunctions2_function: { role: 'component', spec: fn },
  google_compute_instance: { role: 'component', spec: vm },
  google_compute_instance_group_manager: { role: 'component', spec: mig },
  google_compute_region_instance_group_manager: { role: 'component', spec: mig },
  google_container_cluster: { role: 'component', spec: gke },
  google_app_engine_application: { role: 'component', spec: { kind: 'app-engine', product: 'App Engine', type: 'process', technology: 'web-application', machine: 'serverless', port: 443, protocol: 'https' } },
  // data
  google_sql_database_instance: { role: 'component', spec: sql },
  google_redis_instance: { role: 'component', spec: redis },
  google_memcache_instance: { role: 'component', spec: { ...redis, kind: 'memcache', product: 'Memorystore for Memcached', port: 11211 } },
  google_storage_bucket: { role: 'component', spec: gcs },
  google_bigquery_dataset: { role: 'component', spec: bigquery },
  google_spanner_instance: { role: 'component', spec: { ...nosql, kind: 'spanner', product: 'Spanner', protocol: 'sql-access-protocol-encrypted' } },
  google_bigtable_instance: { role: 'component', spec: { ...nosql, kind: 'bigtable', product: 'Bigtable', protocol: 'nosql-access-protocol-encrypted' } },
  google_firestore_database: { role: 'component', spec: { ...nosql, kind: 'firestore', product: 'Firestore', protocol: 'nosql-access-protocol-encrypted' } },
  google_filestore_instance: { role: 'component', spec: { kind: 'filestore', product: 'Filestore', type: 'datastore', technology: 'file-server', machine: 'virtual', port: 2049, protocol: 'nfs', encryption: 'transparent', dataAsset: 'volume' } },
  // messaging
  google_pubsub_topic: { role: 'component', spec: pubsub },
  // edge: the forwarding rule is the load balancer's frontend; the proxy/url map/backends fold into it
  google_compute_global_forwarding_rule: { role: 'component', spec: lb },
  google_compute_forwarding_rule: { role: 'component', spec: lb },

  // folded into their owner (parent attributes say which reference leads there)
  google_sql_database: { role: 'fold', parent: ['instance'] },
  google_sql_user: { role: 'fold', parent: ['instance'] },
  google_sql_ssl_cert: { role: 'fold', parent: ['instance'] },
  google_pubsub_subscription: { role: 'fold', parent: ['topic'] },
  google_storage_bucket_object: { role: 'fold', parent: ['bucket'] },
  google_storage_bucket_acl: { role: 'fold', parent: ['bucket'] },
  google_storage_default_object_acl: { role: 'fold', parent: ['bucket'] },
  google_storage_object_acl: { role: 'fold', parent: ['bucket'] },
  google_storage_bucket_access_control: { role: 'fold', parent: ['bucket'] },
  google_storage_default_object_access_control: { role: 'fold', parent: ['bucket'] },
  google_storage_object_access_control: { role: 'fold', parent: ['bucket'] },
  google_storage_notification: { role: 'fold', parent: ['bucket'] },
  google_container_node_pool: { role: 'fold', parent: ['cluster'] },
  google_bigquery_table: { role: 'fold', parent: ['dataset_id'] },
  google_compute_instance_template: { role: 'fold' },
  google_compute_region_instance_template: { role: 'fold' },
  google_compute_instance_group: { role: 'fold' },
  google_compute_disk: { role: 'fold' },
  google_compute_attached_disk: { role: 'fold', parent: ['instance'] },
  google_compute_address: { role: 'fold' },
  google_compute_global_address: { role: 'fold' },
  google_compute_firewall: { role: 'fold' },
  google_compute_backend_service: { role: 'fold' },
  google_compute_region_backend_service: { role: 'fold' },
  google_compute_backend_bucket: { role: 'fold' },
  google_compute_url_map: { role: 'fold' },
  google_compute_region_url_map: { role: 'fold' },
  google_compute_target_http_proxy: { role: 'fold' },
  google_compute_target_https_proxy: { role: 'fold' },
  google_compute_region_target_http_proxy: { role: 'fold' },
  google_compute_region_target_https_proxy: { role: 'fold' },
  google_compute_target_ssl_proxy: { role: 'fold' },
  google_compute_target_tcp_proxy: { role: 'fold' },
  google_compute_target_pool: { role: 'fold' },
  google_compute_ssl_certificate: { role: 'fold' },
  google_compute_managed_ssl_certificate: { role: 'fold' },
  google_compute_ssl_policy: { role: 'fold' },
  google_compute_security_policy: { role: 'fold' },
  google_compute_health_check: { role: 'fold' },
  google_compute_http_health_check: { role: 'fold' },
  google_compute_region_health_check: { role: 'fold' },
  google_compute_region_network_endpoint_group: { role: 'fold' },
  google_compute_global_network_endpoint_group: { role: 'fold' },
  google_compute_network_endpoint_group: { role: 'fold' },
  google_compute_router: { role: 'fold' },
  google_compute_router_nat: { role: 'fold' },
  google_vpc_access_connector: { role: 'fold' },
  google_service_networking_connection: { role: 'fold' },
  google_compute_network_peering: { role: 'fold' },
  google_service_account: { role: 'fold' },
  google_service_account_key: { role: 'fold' },
  google_kms_key_ring: { role: 'fold' },
  google_kms_crypto_key: { role: 'fold' },
  google_secret_manager_secret: { role: 'fold' },
  google_secret_manager_secret_version: { role: 'fold', parent: ['secret'] },
  google_project_service: { role: 'fold' },
  'data.google_iam_policy': { role: 'fold' },
  'data.google_compute_zones': { role: 'fold' },
  'data.google_client_config': { role: 'fold' },
  'data.google_project': { role: 'fold' },

  // boundaries
  google_compute_network: { role: 'boundary' },
  google_compute_subnetwork: { role: 'boundary' },
  'data.google_compute_network': { role: 'boundary' },
  'data.google_compute_subnetwork': { role: 'boundary' },
  google_project: { role: 'boundary' },
};

/** IAM resources (`google_storage_bucket_iam_member`, `…_iam_binding`, `…_iam_policy`) are folded into flows and exposure. */
export function isIamType(type: string): boolean {
  return /^google_.*_iam_(member|binding|policy)$/.test(type);
}

/** The attribute of an IAM resource that names what it grants access to. */
export const IAM_TARGET_ATTRIBUTES = ['bucket', 'service', 'cloud_function', 'topic', 'subscription', 'secret_id', 'dataset_id', 'instance_name', 'crypto_key_id', 'name', 'instance'] as const;

/** Types an IAM target given as a plain name may be (`bucket = "my-bucket"`). */
export const IAM_TARGET_TYPES = [
  'google_storage_bucket',
  'google_cloud_run_service',
  'google_cloud_run_v2_service',
  'google_cloudfunctions_function',
  'google_cloudfunctions2_function',
  'google_pubsub_topic',
  'google_pubsub_subscription',
  'google_secret_manager_secret',
  'google_bigquery_dataset',
  'google_kms_crypto_key',
] as const;
