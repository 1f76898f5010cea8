/**
 * Components from the catalog: one per component resource (id from names), with encryption at rest,
 * multiplicity, module/stack grouping, and the data asset it holds. Then ownership of folded
 * resources (a task definition belongs to its service, a launch template to its group), so that
 * references to them land on the right component.
 */
import { refsIn, type Resource } from '../../src/graph/resource.js';
import type { Encryption } from '../../src/model/enums.js';
import type { AtRest, ComponentSpec } from './catalog.js';
import type { AwsContext } from './context.js';
import { attr, bool, refsAt, str } from './values.js';

/** Attributes of a component resource whose reference names a folded part of it. */
const PARTS = [
  'task_definition', 'TaskDefinition', 'launch_template.id', 'launch_template.name', 'LaunchTemplate.LaunchTemplateId', 'LaunchTemplate.LaunchTemplateName',
  'mixed_instances_policy.launch_template.launch_template_specification.launch_template_id', 'launch_configuration', 'LaunchConfigurationName',
  'iam_instance_profile', 'IamInstanceProfile',
];

export function addComponents(ctx: AwsContext): void {
  const g = ctx.graph;
  for (const r of ctx.resources) {
    const role = ctx.role(r);
    if (role?.role !== 'component') continue;
    const spec = role.spec;
    if (memberOfAnother(ctx, r, spec)) continue;
    const id = ctx.idFor(r, spec, (x) => g.hasComponent(x) && !g.component(x)!.sources.some((s) => s.address === r.address));
    const named = spec.names?.map((p) => str(attr(r, p))).find((s) => s !== undefined && s.trim() !== '' && !s.includes('${'));
    const encryption = atRest(r, spec.atRest);
    g.addComponent({
      id,
      title: named ?? (r.format === 'cfn' ? r.name : r.address.replace(/^tf:/, '')),
      type: spec.type,
      technology: spec.technology,
      machine: spec.machine,
      encryption,
      sources: [ctx.source(r)],
      ...(r.multiplicity !== undefined ? { multiplicity: r.multiplicity } : {}),
      ...(r.group ? { group: r.group } : {}),
      attributes: { 'aws:type': r.type, ...engineAttributes(r) },
      evidence: [ctx.evidence(r, 'aws-resource', `${ctx.label(r)} is a ${spec.product}${encryption === 'none' ? '' : ', encrypted at rest'}`)],
    });
    ctx.setOwner(r, id);
    ctx.specs.set(id, spec);
    g.markMapped(r);
    if (spec.data) {
      const d = g.addDataAsset({
        id: `${id}-data`,
        title: `${named ?? id} contents`.slice(0, 60),
        kind: spec.data,
        sources: [ctx.source(r)],
        evidence: [ctx.evidence(r, 'aws-data-store', `${ctx.label(r)} stores ${spec.data} data`)],
      });
      g.useDataAsset(d.id, id, 'stored');
    }
  }
  // Members of another component (an Aurora instance of its cluster) are folded into it.
  for (const r of ctx.resources) {
    const role = ctx.role(r);
    if (role?.role !== 'component' || !memberOfAnother(ctx, r, role.spec)) continue;
    const owner = refsIn(role.spec.memberOf!.map((p) => attr(r, p))).map((x) => ctx.componentOf(x)).find(Boolean);
    if (owner) ctx.setOwner(r, owner);
    g.markFolded(r);
  }
  // Folded parts named by their component (service → task definition, group → launch template).
  for (const r of ctx.resources) {
    const id = ctx.ownerOf(r);
    if (!id || ctx.role(r)?.role !== 'component') continue;
    for (const ref of refsAt(r, ...PARTS)) {
      const part = ctx.target(ref);
      if (part && ctx.role(part)?.role === 'fold') ctx.setOwner(part, id);
    }
  }
  // Folded resources that name their owner (a cluster instance its cluster, a bucket policy its bucket).
  for (const r of ctx.resources) {
    const role = ctx.role(r);
    if (role?.role !== 'fold' || !role.owner) continue;
    for (const p of role.owner) {
      const owner = refsIn(attr(r, p)).map((x) => ctx.componentOf(x)).find(Boolean);
      if (owner) {
        ctx.setOwner(r, owner);
        break;
      }
    }
  }
}

function memberOfAnother(ctx: AwsContext, r: Resource, spec: ComponentSpec): boolean {
  if (!spec.memberOf) return false;
  return refsIn(spec.memberOf.map((p) => attr(r, p))).some((x) => {
    const t = ctx.target(x);
    return t !== undefined && t !== r && ctx.role(t)?.role === 'component';
  });
}

function atRest(r: Resource, rule: AtRest | undefined): Encryption {
  if (rule === undefined || rule === 'never') return 'none';
  if (rule === 'always') return 'transparent';
  let on = rule.defaultOn === true;
  for (const p of rule.paths) {
    const v = attr(r, p);
    if (v === undefined) continue;
    const b = bool(v);
    if (b === false) return 'none';
    if (b === true || (str(v) ?? '').toUpperCase() === 'KMS' || refsIn(v).length > 0 || (str(v) ?? '') !== '') on = true;
  }
  return on ? 'transparent' : 'none';
}

/** Facts the rules need, spelled the same for both formats. No secret values. */
function engineAttributes(r: Resource): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  const engine = str(attr(r, 'engine', 'Engine'));
  if (engine) out.engine = engine;
  const runtime = str(attr(r, 'runtime', 'Runtime'));
  if (runtime) out.runtime = runtime;
  const instanceType = str(attr(r, 'instance_type', 'InstanceType', 'instance_class', 'DBInstanceClass'));
  if (instanceType) out.instance_type = instanceType;
  return out;
}

/** The protocol and port clients use to reach a datastore, from its engine. */
export function clientProtocol(ctx: AwsContext, componentId: string, r: Resource | undefined): { port?: number; protocol: ComponentSpec['protocol'] & string } {
  const spec = ctx.specs.get(componentId);
  const engine = r ? (str(attr(r, 'engine', 'Engine')) ?? '').toLowerCase() : '';
  const port = r ? Number(str(attr(r, 'port', 'Port', 'Endpoint.Port')) ?? NaN) : NaN;
  const enginePort = engine.includes('mysql') || engine.includes('mariadb') || engine === 'aurora' ? 3306 : engine.includes('postgres') ? 5432 : engine.includes('sqlserver') ? 1433 : engine.includes('oracle') ? 1521 : engine.includes('memcached') ? 11211 : undefined;
  const out: { port?: number; protocol: ComponentSpec['protocol'] & string } = { protocol: spec?.protocol ?? 'unknown-protocol' };
  const p = Number.isFinite(port) ? port : enginePort ?? spec?.port;
  if (p !== undefined) out.port = p;
  return out;
}

export function dataAssetIdOf(componentId: string): string {
  return `${componentId}-data`;
}

