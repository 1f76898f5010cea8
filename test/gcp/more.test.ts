import { describe, expect, it } from 'vitest';
import { gcpSemantics } from '../../adapters/gcp/semantics.js';
import { flowIds, ref, run, tf } from './tf.js';

describe('gcp: Cloud Run v1, Cloud Functions, modules', () => {
  const g = run(gcpSemantics, [
    tf('google_cloud_run_service', 'legacy', {
      name: 'legacy',
      metadata: [{ annotations: { 'run.googleapis.com/ingress': 'all' } }],
      template: [{
        metadata: [{ annotations: { 'run.googleapis.com/cloudsql-instances': ref('google_sql_database_instance.main', 'connection_name') } }],
        spec: [{ service_account_name: ref('google_service_account.legacy', 'email'), containers: [{ image: 'gcr.io/p/legacy' }] }],
      }],
    }),
    tf('google_cloud_run_service_iam_binding', 'legacy_public', { service: ref('google_cloud_run_service.legacy', 'name'), role: 'roles/run.invoker', members: ['allUsers'] }),
    tf('google_service_account', 'legacy', { account_id: 'legacy' }),
    tf('google_sql_database_instance', 'main', { database_version: 'MYSQL_8_0', settings: [{ ip_configuration: [{ ipv4_enabled: true }] }] }),
    tf('google_pubsub_topic', 'events', { name: 'events' }),
    tf('google_cloudfunctions_function', 'on_event', { name: 'on-event', runtime: 'python312', event_trigger: [{ event_type: 'google.pubsub.topic.publish', resource: ref('google_pubsub_topic.events', 'id') }], source_archive_bucket: ref('google_storage_bucket.src', 'name') }),
    tf('google_storage_bucket', 'src', { name: 'src' }),
    tf('google_cloudfunctions2_function', 'hook', { name: 'hook', build_config: [{ runtime: 'nodejs20' }], service_config: [{ ingress_settings: 'ALLOW_ALL', environment_variables: { TOPIC: ref('google_pubsub_topic.events', 'name') } }] }),
    tf('google_cloudfunctions2_function_iam_member', 'hook_public', { cloud_function: ref('google_cloudfunctions2_function.hook', 'name'), role: 'roles/cloudfunctions.invoker', member: 'allUsers' }),
    tf('google_storage_bucket', 'logs', { name: 'logs' }, { group: 'module.audit' }),
    tf('google_storage_bucket', 'logs', { name: 'logs2' }, { group: 'module.billing' }),
  ]);

  it('reads the v1 ingress annotation and cloudsql-instances annotation', () => {
    expect(flowIds(g)).toEqual(expect.arrayContaining(['internet>legacy', 'legacy>cloud-sql-main', 'events>on-event', 'hook>events', 'internet>hook']));
    expect(flowIds(g)).not.toContain('on-event>src');
    expect(g.components.find((c) => c.id === 'cloud-sql-main')!.internet).toBe(false);
  });

  it('keeps module addresses apart in ids and groups', () => {
    const logs = g.components.filter((c) => c.attributes['resource_type'] === 'google_storage_bucket' && c.title.startsWith('logs'));
    expect(logs.map((c) => [c.id, c.group])).toEqual([['audit-gcs-logs', 'module.audit'], ['billing-gcs-logs', 'module.billing']]);
  });
});

describe('gcp: firewall without any source', () => {
  it('admits 0.0.0.0/0, as GCP does', () => {
    const g = run(gcpSemantics, [
      tf('google_compute_instance', 'web', { tags: ['web'], network_interface: [{ network: 'default', access_config: [{}] }] }),
      tf('google_compute_firewall', 'web', { network: 'default', target_tags: ['web'], allow: [{ protocol: 'tcp', ports: ['80'] }] }),
    ]);
    expect(g.flows.find((f) => f.id === 'internet>web')).toMatchObject({ port: 80, protocol: 'http' });
    expect(g.flows[0]!.evidence.map((e) => e.detail).join()).toContain('no source given');
  });
});
