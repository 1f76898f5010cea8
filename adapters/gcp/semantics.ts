/**
 * GCP semantics for Terraform resources (`google_*`, `google-beta` types are spelled the same):
 * the catalog decides what each type is; the passes below add boundaries, network positions,
 * firewall flows, IAM grants, event deliveries, load balancers and configured references.
 */
import type { Semantics } from '../../src/graph/adapter.js';
import type { GraphBuilder } from '../../src/graph/builder.js';
import { slug } from '../../src/graph/ids.js';
import { isResourceRef, type Resource } from '../../src/graph/resource.js';
import { CloudContext } from '../common/cloud-kit.js';
import { block, blocks, dig, str } from '../common/tf-values.js';
import { GCP_CATALOG, isIamType } from './catalog.js';
import { applyEvents } from './events.js';
import { applyIam } from './iam.js';
import { Identities } from './identity.js';
import { applyLoadBalancers } from './lb.js';
import { computePosition, GcpNetworks } from './network.js';
import { addGcpComponent } from './services.js';
import { lookupTable } from '../../src/util/lookup.js';

const SECRET_MANAGER_ID = 'gcp-secret-manager';

/** References under these paths are runtime configuration (env vars, annotations, mounts), not structure. */
function isConfigPath(path: string): boolean {
  return !/service_account|vpc_access|network|\.image$|source_archive|build_config/.test(path);
}

/** Top-level attributes holding a compute resource's runtime configuration. */
const CONFIG_KEYS: Record<string, readonly string[]> = lookupTable({
  google_cloud_run_service: ['template'],
  google_cloud_run_v2_service: ['template'],
  google_cloud_run_v2_job: ['template'],
  google_cloudfunctions_function: ['environment_variables', 'secret_environment_variables'],
  google_cloudfunctions2_function: ['service_config'],
  google_compute_instance: ['metadata', 'metadata_startup_script'],
  google_compute_instance_template: ['metadata', 'metadata_startup_script'],
  google_compute_region_instance_template: ['metadata', 'metadata_startup_script'],
});

export const gcpSemantics: Semantics = {
  meta: { id: 'gcp', description: 'Google Cloud (Terraform google/google-beta providers): Cloud Run, GKE, GCE, Cloud SQL, Memorystore, GCS, Pub/Sub, load balancers, firewall rules, IAM' },
  accepts: (r) => r.format === 'tf' && /^(data\.)?google_/.test(r.type),
  apply(resources, graph) {
    applyGcp(resources, graph);
  },
};

function applyGcp(resources: readonly Resource[], graph: GraphBuilder): void {
  const ctx = new CloudContext(resources, graph, GCP_CATALOG);
  ctx.allocateIds();
  const identities = new Identities(ctx);
  const nets = new GcpNetworks(ctx, identities);
  nets.addBoundaries();
  addSecrets(ctx, nets);
  ctx.assignFoldOwners();

  const nodePools = new Map<string, Resource[]>();
  for (const np of ctx.ofType('google_container_node_pool')) {
    const owner = ctx.componentOf(np);
    if (!owner) continue;
    nodePools.set(owner, [...(nodePools.get(owner) ?? []), np]);
  }

  const templates: Array<[Resource, string]> = [];
  for (const r of resources) {
    if (ctx.entry(r)?.role !== 'component') continue;
    const id = addGcpComponent(ctx, r);
    switch (r.type) {
      case 'google_compute_instance': {
        const pos = computePosition(r);
        const sa = identities.runsAs(id, pos.serviceAccount);
        nets.place(id, r, { network: pos.network, subnetwork: pos.subnetwork, tags: pos.tags, serviceAccounts: sa ? [sa] : [], publicIp: pos.publicIp });
        break;
      }
      case 'google_compute_instance_group_manager':
      case 'google_compute_region_instance_group_manager': {
        const templateRef = blocks(r.attributes['version']).map((v) => v['instance_template'])[0] ?? r.attributes['instance_template'];
        const template = ctx.resolve(templateRef, ['google_compute_instance_template', 'google_compute_region_instance_template']);
        if (template) {
          ctx.setOwner(template, id);
          graph.markFolded(template);
          graph.addComponent({ id, title: '', type: 'process', technology: 'unknown-technology', machine: 'virtual', sources: [ctx.source(template)], evidence: [ctx.ev(template, 'gcp-instance-template', `instances are created from ${template.type}.${template.name}`)] });
          templates.push([template, id]);
        } else if (templateRef !== undefined) {
          graph.unresolved(`${r.type}.${r.name}.instance_template`, 'the instance template is not in the scanned files: network, tags and external IP of the group are unknown', ctx.loc(r, 'version'));
        }
        const pos = computePosition(r, template);
        graph.component(id)!.attributes['public_ip'] = pos.publicIp;
        const sa = identities.runsAs(id, pos.serviceAccount);
        nets.place(id, r, { network: pos.network, subnetwork: pos.subnetwork, tags: pos.tags, serviceAccounts: sa ? [sa] : [], publicIp: pos.publicIp });
        const size = r.attributes['target_size'];
        if (typeof size === 'number' && graph.component(id)!.multiplicity === undefined) graph.component(id)!.multiplicity = size;
        break;
      }
      case 'google_container_cluster': {
        const pos = computePosition(r);
        const tags = [...pos.tags];
        const sas = [identities.runsAs(id, pos.serviceAccount)];
        for (const np of nodePools.get(id) ?? []) {
          graph.markFolded(np);
          graph.addComponent({ id, title: '', type: 'process', technology: 'unknown-technology', machine: 'virtual', sources: [ctx.source(np)], evidence: [ctx.ev(np, 'gcp-gke-node-pool', `node pool google_container_node_pool.${np.name}`)] });
          const nc = block(np.attributes['node_config']);
          tags.push(...(Array.isArray(nc?.['tags']) ? (nc!['tags'] as unknown[]).map(str).filter((x): x is string => !!x) : []));
          sas.push(identities.runsAs(id, nc?.['service_account']));
        }
        nets.place(id, r, { network: pos.network, subnetwork: pos.subnetwork, tags, serviceAccounts: sas.filter((x): x is string => !!x), publicIp: pos.publicIp });
        break;
      }
      case 'google_sql_database_instance': {
        const privateNet = dig(r.attributes['settings'], 'ip_configuration', 'private_network');
        if (privateNet !== undefined) nets.place(id, r, { network: privateNet });
        else nets.placeInProject(id, r);
        break;
      }
      case 'google_redis_instance':
      case 'google_memcache_instance':
        if (r.attributes['authorized_network'] !== undefined) nets.place(id, r, { network: r.attributes['authorized_network'] });
        else nets.placeInProject(id, r);
        break;
      case 'google_cloud_run_service':
        identities.runsAs(id, dig(r.attributes['template'], 'spec', 'service_account_name'));
        nets.placeInProject(id, r);
        break;
      case 'google_cloud_run_v2_service':
      case 'google_cloud_run_v2_job':
        identities.runsAs(id, dig(r.attributes['template'], 'service_account') ?? dig(r.attributes['template'], 'template', 'service_account'));
        nets.placeInProject(id, r);
        break;
      case 'google_cloudfunctions_function':
        identities.runsAs(id, r.attributes['service_account_email']);
        nets.placeInProject(id, r);
        break;
      case 'google_cloudfunctions2_function':
        identities.runsAs(id, dig(r.attributes['service_config'], 'service_account_email'));
        nets.placeInProject(id, r);
        break;
      default:
        nets.placeInProject(id, r);
    }
  }

  // Configured references, once every component exists (callees may sort after their callers).
  for (const r of resources) {
    const keys = CONFIG_KEYS[r.type];
    const id = ctx.componentOf(r);
    if (keys && id && ctx.entry(r)?.role === 'component') ctx.configuredFlows(r, id, keys, isConfigPath);
  }
  for (const [template, id] of templates) ctx.configuredFlows(template, id, CONFIG_KEYS[template.type]!, isConfigPath);

  nets.applyFirewalls();
  applyIam(ctx, identities);
  applyEvents(ctx);
  applyLoadBalancers(ctx);

  // Everything the catalog folds is folded; references from a folded child to a missing parent are unresolved.
  for (const r of resources) {
    const e = ctx.entry(r);
    if (isIamType(r.type) || e?.role === 'fold') graph.markFolded(r);
    if (e?.role === 'fold' && e.parent && !ctx.componentOf(r)) {
      const attr = e.parent.find((a) => isResourceRef(r.attributes[a]));
      if (attr) graph.unresolved(`${r.type}.${r.name}.${attr}`, `points at ${(r.attributes[attr] as { $ref: string }).$ref.replace(/^tf:/, '')}, which the GCP semantics could not map; check that it is in the scan`, ctx.loc(r, attr));
    }
  }
}

/** Secret Manager: one vault component holding one data asset per secret (names only; versions are never read). */
function addSecrets(ctx: CloudContext, nets: GcpNetworks): void {
  const secrets = ctx.ofType('google_secret_manager_secret');
  if (secrets.length === 0) return;
  ctx.graph.addComponent({
    id: SECRET_MANAGER_ID,
    title: 'Secret Manager',
    type: 'datastore',
    technology: 'vault',
    machine: 'serverless',
    encryption: 'transparent',
    sources: secrets.map((s) => ctx.source(s)),
    attributes: { resource_type: 'google_secret_manager_secret' },
    evidence: secrets.map((s) => ctx.ev(s, 'tf-resource', `Secret Manager secret google_secret_manager_secret.${s.name}`)),
  });
  for (const s of secrets) {
    const name = str(s.attributes['secret_id']) ?? s.name;
    const id = slug('secret', s.group?.replace(/^module\./, ''), s.name);
    ctx.graph.addDataAsset({ id, title: `Secret ${name}`, kind: 'secret', sources: [ctx.source(s)], evidence: [ctx.ev(s, 'tf-resource', `secret ${name} (value not read)`)] });
    ctx.storeAsset(id, SECRET_MANAGER_ID);
    ctx.dataAssetOf.set(s.address, id);
    ctx.setOwner(s, SECRET_MANAGER_ID);
    ctx.graph.markFolded(s);
    nets.placeInProject(SECRET_MANAGER_ID, s);
  }
}
