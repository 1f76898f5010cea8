import { describe, expect, it } from 'vitest';
import { gcpSemantics } from '../../adapters/gcp/semantics.js';
import { flowIds, ref, run, tf, tpl } from './tf.js';

const shop = () => [
  tf('google_compute_network', 'vpc', { name: 'shop-vpc', auto_create_subnetworks: false }, { line: 1 }),
  tf('google_compute_subnetwork', 'app', { name: 'app', ip_cidr_range: '10.10.0.0/24', network: ref('google_compute_network.vpc', 'id') }, { line: 6 }),
  tf('google_service_account', 'api', { account_id: 'shop-api' }),
  tf('google_service_account', 'worker', { account_id: 'shop-worker' }),
  tf('google_cloud_run_v2_service', 'frontend', {
    name: 'frontend',
    template: [{ containers: [{ image: 'gcr.io/shop/frontend', env: [{ name: 'API_URL', value: ref('google_cloud_run_v2_service.api', 'uri') }] }] }],
  }, { line: 20, lines: { 'template[0]': 22, 'template[0].containers[0]': 23, 'template[0].containers[0].env[0]': 25 } }),
  tf('google_cloud_run_v2_service_iam_member', 'frontend_public', { name: ref('google_cloud_run_v2_service.frontend', 'name'), role: 'roles/run.invoker', member: 'allUsers' }, { line: 40 }),
  tf('google_cloud_run_v2_service', 'api', {
    name: 'api',
    ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY',
    template: [{
      service_account: ref('google_service_account.api', 'email'),
      containers: [{ image: 'gcr.io/shop/api', env: [
        { name: 'DB_HOST', value: ref('google_sql_database_instance.db', 'private_ip_address') },
        { name: 'REDIS', value: tpl(ref('google_redis_instance.cache', 'host'), ':6379') },
        { name: 'DB_PASSWORD', value_source: [{ secret_key_ref: [{ secret: ref('google_secret_manager_secret.db_password', 'secret_id'), version: 'latest' }] }] },
      ] }],
    }],
  }, { line: 50 }),
  tf('google_cloud_run_v2_service_iam_member', 'api_public', { name: ref('google_cloud_run_v2_service.api', 'name'), role: 'roles/run.invoker', member: 'allUsers' }, { line: 70 }),
  tf('google_sql_database_instance', 'db', {
    name: 'shop-db', database_version: 'POSTGRES_15',
    settings: [{ tier: 'db-f1-micro', ip_configuration: [{ ipv4_enabled: false, private_network: ref('google_compute_network.vpc', 'id') }] }],
  }, { line: 80 }),
  tf('google_sql_database', 'orders', { name: 'orders', instance: ref('google_sql_database_instance.db', 'name') }),
  tf('google_redis_instance', 'cache', { name: 'cache', authorized_network: ref('google_compute_network.vpc', 'id') }),
  tf('google_storage_bucket', 'assets', { name: 'shop-assets', uniform_bucket_level_access: true }, { line: 100 }),
  tf('google_storage_bucket_iam_member', 'api_writes', { bucket: ref('google_storage_bucket.assets', 'name'), role: 'roles/storage.objectAdmin', member: tpl('serviceAccount:', ref('google_service_account.api', 'email')) }, { line: 110 }),
  tf('google_pubsub_topic', 'orders', { name: 'orders' }),
  tf('google_pubsub_topic_iam_member', 'api_publishes', { topic: ref('google_pubsub_topic.orders', 'name'), role: 'roles/pubsub.publisher', member: tpl('serviceAccount:', ref('google_service_account.api', 'email')) }),
  tf('google_pubsub_subscription', 'orders_push', { name: 'orders-push', topic: ref('google_pubsub_topic.orders', 'id'), push_config: [{ push_endpoint: ref('google_cloud_run_v2_service.worker', 'uri') }] }, { line: 130 }),
  tf('google_cloud_run_v2_service', 'worker', { name: 'worker', ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY', template: [{ service_account: ref('google_service_account.worker', 'email'), containers: [{ image: 'gcr.io/shop/worker' }] }] }),
  tf('google_secret_manager_secret', 'db_password', { secret_id: 'db-password' }),
  tf('google_secret_manager_secret_version', 'db_password', { secret: ref('google_secret_manager_secret.db_password', 'id'), secret_data: 'hunter2-do-not-print' }),
  tf('google_compute_instance', 'bastion', {
    name: 'bastion', machine_type: 'e2-micro', tags: ['bastion'],
    network_interface: [{ subnetwork: ref('google_compute_subnetwork.app', 'id'), access_config: [{}] }],
    boot_disk: [{ initialize_params: [{ image: 'debian-cloud/debian-12' }] }],
  }, { line: 200 }),
  tf('google_compute_instance', 'batch', {
    name: 'batch', tags: ['batch'], network_interface: [{ subnetwork: ref('google_compute_subnetwork.app', 'id') }],
  }, { line: 220 }),
  tf('google_compute_firewall', 'ssh', { name: 'allow-ssh', network: ref('google_compute_network.vpc', 'name'), source_ranges: ['0.0.0.0/0'], target_tags: ['bastion'], allow: [{ protocol: 'tcp', ports: ['22'] }] }, { line: 240 }),
  tf('google_compute_firewall', 'bastion_to_batch', { name: 'bastion-to-batch', network: ref('google_compute_network.vpc', 'name'), source_tags: ['bastion'], target_tags: ['batch'], allow: [{ protocol: 'tcp', ports: ['8080'] }] }, { line: 250 }),
  tf('google_bogus_thing', 'x', {}),
];

describe('gcp semantics', () => {
  const g = run(gcpSemantics, shop());
  const comp = (id: string) => g.components.find((c) => c.id === id)!;

  it('maps component types and technologies', () => {
    expect(comp('frontend')).toMatchObject({ type: 'process', technology: 'web-service-rest', machine: 'container', internet: true });
    expect(comp('cloud-sql-db')).toMatchObject({ type: 'datastore', technology: 'database', internet: false, encryption: 'transparent' });
    expect(comp('cloud-sql-db').attributes).toMatchObject({ engine: 'postgres', port: 5432, public_ip: false });
    expect(comp('cache')).toMatchObject({ type: 'datastore', technology: 'database' });
    expect(comp('assets')).toMatchObject({ type: 'datastore', technology: 'file-server', internet: false });
    expect(comp('orders')).toMatchObject({ technology: 'message-queue' });
    expect(comp('bastion')).toMatchObject({ machine: 'virtual', internet: true });
    expect(comp('batch').internet).toBe(false);
    expect(comp('gcp-secret-manager')).toMatchObject({ technology: 'vault' });
  });

  it('exposes Cloud Run only with allUsers and ingress all', () => {
    expect(comp('api').internet).toBe(false);
    expect(g.diagnostics.some((d) => d.code === 'gcp-public-iam-blocked' && d.message.includes('INGRESS') === false && d.message.includes('ingress is internal'))).toBe(true);
    const exposure = g.flows.find((f) => f.id === 'internet>frontend')!;
    expect(exposure.protocol).toBe('https');
    expect(exposure.evidence[0]).toMatchObject({ kind: 'gcp-public-iam', location: { file: 'main.tf', line: 40 } });
  });

  it('draws flows caller → callee from config, IAM, push subscriptions and firewalls', () => {
    expect(flowIds(g)).toEqual(expect.arrayContaining([
      'frontend>api', 'api>cloud-sql-db', 'api>cache', 'api>gcp-secret-manager', 'api>assets', 'api>orders', 'orders>worker', 'bastion>batch', 'internet>bastion',
    ]));
    expect(flowIds(g)).not.toContain('db>api');
    expect(g.flows.find((f) => f.id === 'api>assets')).toMatchObject({ confidence: 'declared' });
    expect(g.flows.find((f) => f.id === 'api>cloud-sql-db')).toMatchObject({ confidence: 'configured', protocol: 'sql-access-protocol', port: 5432 });
    expect(g.flows.find((f) => f.id === 'internet>bastion')).toMatchObject({ port: 22, protocol: 'ssh' });
    expect(g.flows.find((f) => f.id === 'bastion>batch')).toMatchObject({ port: 8080, confidence: 'declared' });
    expect(g.flows.find((f) => f.id === 'frontend>api')!.evidence[0]!.location.line).toBe(25);
  });

  it('builds VPC/subnet boundaries and places components', () => {
    const vpc = g.boundaries.find((b) => b.id === 'network-vpc')!;
    const subnet = g.boundaries.find((b) => b.id === 'subnetwork-app')!;
    expect(vpc.type).toBe('network-cloud-provider');
    expect(subnet).toMatchObject({ type: 'network-cloud-security-group', parent: 'network-vpc' });
    expect(subnet.members).toEqual(['bastion', 'batch']);
    expect(vpc.members).toEqual(['cache', 'cloud-sql-db']);
  });

  it('records data assets by name only, and coverage', () => {
    expect(g.dataAssets.find((d) => d.id === 'secret-db-password')).toMatchObject({ kind: 'secret', storedBy: ['gcp-secret-manager'], processedBy: ['api'] });
    expect(g.dataAssets.find((d) => d.id === 'assets-bucket')!.processedBy).toEqual(['api']);
    expect(JSON.stringify(g)).not.toContain('hunter2');
    expect(g.coverage.unmapped.map((u) => u.type)).toEqual(['google_bogus_thing']);
    expect(g.coverage.folded['google_compute_firewall']).toBe(2);
    expect(g.coverage.folded['google_sql_database']).toBe(1);
  });
});

describe('gcp exposure rules', () => {
  it('Cloud SQL with 0.0.0.0/0 authorized network, public bucket, GKE open master, BigQuery allAuthenticatedUsers', () => {
    const g = run(gcpSemantics, [
      tf('google_sql_database_instance', 'master', { database_version: 'MYSQL_8_0', settings: [{ ip_configuration: [{ ipv4_enabled: true, authorized_networks: [{ name: 'WWW', value: '0.0.0.0/0' }] }] }] }),
      tf('google_storage_bucket', 'site', { name: 'site' }),
      tf('google_storage_bucket_iam_binding', 'public', { bucket: ref('google_storage_bucket.site', 'id'), members: ['allUsers'], role: 'roles/storage.objectViewer' }),
      tf('google_storage_bucket', 'locked', { name: 'locked', public_access_prevention: 'enforced' }),
      tf('google_storage_bucket_iam_member', 'locked_public', { bucket: 'locked', member: 'allUsers', role: 'roles/storage.objectViewer' }),
      tf('google_container_cluster', 'gke', { name: 'c', master_authorized_networks_config: [{ cidr_blocks: [{ cidr_block: '0.0.0.0/0' }] }] }),
      tf('google_bigquery_dataset', 'ds', { dataset_id: 'ds', access: [{ special_group: 'allAuthenticatedUsers', role: 'READER' }] }),
      tf('google_storage_bucket_iam_member', 'dangling', { bucket: ref('google_storage_bucket.elsewhere', 'name'), member: 'allUsers', role: 'roles/storage.objectViewer' }),
    ]);
    const exposed = g.flows.filter((f) => f.source === 'internet').map((f) => f.target);
    expect(exposed).toEqual(['ds', 'gke', 'master', 'site']);
    expect(g.flows.find((f) => f.target === 'master')).toMatchObject({ port: 3306, protocol: 'sql-access-protocol' });
    expect(g.coverage.unresolved.map((u) => u.reference)).toContain('google_storage_bucket_iam_member.dangling.bucket');
  });

  it('external HTTPS load balancer → serverless NEG → Cloud Run, and to a MIG', () => {
    const g = run(gcpSemantics, [
      tf('google_compute_global_forwarding_rule', 'https', { name: 'web', target: ref('google_compute_target_https_proxy.web', 'id'), port_range: '443', load_balancing_scheme: 'EXTERNAL_MANAGED' }),
      tf('google_compute_target_https_proxy', 'web', { url_map: ref('google_compute_url_map.web', 'id') }),
      tf('google_compute_url_map', 'web', { default_service: ref('google_compute_backend_service.run', 'id'), path_matcher: [{ name: 'p', default_service: ref('google_compute_backend_service.run', 'id'), path_rule: [{ paths: ['/legacy/*'], service: ref('google_compute_backend_service.vms', 'id') }] }] }),
      tf('google_compute_backend_service', 'run', { protocol: 'HTTPS', backend: [{ group: ref('google_compute_region_network_endpoint_group.run', 'id') }], security_policy: ref('google_compute_security_policy.armor', 'id') }),
      tf('google_compute_region_network_endpoint_group', 'run', { network_endpoint_type: 'SERVERLESS', cloud_run: [{ service: ref('google_cloud_run_v2_service.app', 'name') }] }),
      tf('google_cloud_run_v2_service', 'app', { name: 'app', ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER' }),
      tf('google_compute_backend_service', 'vms', { protocol: 'HTTP', backend: [{ group: ref('google_compute_instance_group_manager.legacy', 'instance_group') }] }),
      tf('google_compute_instance_group_manager', 'legacy', { version: [{ instance_template: ref('google_compute_instance_template.legacy', 'id') }], target_size: 3 }),
      tf('google_compute_instance_template', 'legacy', { tags: ['web'], network_interface: [{ network: 'default' }] }),
      tf('google_compute_security_policy', 'armor', {}),
    ]);
    expect(flowIds(g)).toEqual(['https>cloud-run-app', 'https>legacy', 'internet>https']);
    expect(g.components.find((c) => c.id === 'https')).toMatchObject({ technology: 'load-balancer', internet: true, attributes: expect.objectContaining({ waf: true, tls: true }) });
    expect(g.components.find((c) => c.id === 'cloud-run-app')!.internet).toBe(false);
    expect(g.components.find((c) => c.id === 'legacy')!.multiplicity).toBe(3);
    expect(g.coverage.unmapped).toEqual([]);
  });
});
