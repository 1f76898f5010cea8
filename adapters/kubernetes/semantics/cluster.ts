/**
 * The cluster index the semantics work on: workloads (with their pod spec), Services, ConfigMaps,
 * Secrets, PVCs and Namespaces, indexed by namespace/name and by pod label, so that every lookup is
 * a map access (no pairwise loops over all resources).
 */
import { matchesLabelExpression } from '../../../src/util/label-selector.js';
import type { Resource } from '../../../src/graph/resource.js';
import { locationOf } from '../../../src/graph/resource.js';
import type { Evidence, Location } from '../../../src/graph/types.js';
import { isObject } from '../manifest.js';
import { WORKLOAD_KINDS, type WorkloadKind } from '../kinds.js';

export type Obj = Record<string, unknown>;

export function obj(v: unknown): Obj {
  return isObject(v) ? v : {};
}
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
export function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const o = obj(v);
  for (const k of Object.keys(o)) {
    const s = str(o[k]);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

export interface Container {
  name: string;
  image: string;
  /** Path of this container inside the resource (for lines). */
  path: string;
  spec: Obj;
  init: boolean;
}

export interface Workload {
  resource: Resource;
  kind: string;
  catalog: WorkloadKind;
  name: string;
  namespace: string;
  /** Set once ids are assigned. */
  id: string;
  podLabels: Record<string, string>;
  podSpec: Obj;
  /** Dotted path to the pod spec (`spec.template.spec`), for lines. */
  podSpecPath: string;
  containers: Container[];
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  appProtocol?: string;
}

export interface Service {
  resource: Resource;
  name: string;
  namespace: string;
  type: string;
  selector: Record<string, string>;
  ports: ServicePort[];
  annotations: Record<string, string>;
  externalName?: string;
}

export function namespaceOf(r: Resource): string {
  const ns = str(obj(r.attributes.metadata).namespace);
  return ns && ns !== '' ? ns : 'default';
}

export function evidence(kind: string, detail: string, r: Resource, path?: string): Evidence {
  return { kind, detail, location: locationOf(r, path) };
}

export function loc(r: Resource, path?: string): Location {
  return locationOf(r, path);
}

function key(ns: string, name: string): string {
  return `${ns}/${name}`;
}

export class Cluster {
  readonly workloads: Workload[] = [];
  readonly services = new Map<string, Service>();
  readonly configMaps = new Map<string, Resource>();
  readonly secrets = new Map<string, Resource>();
  readonly pvcs = new Map<string, Resource>();
  readonly serviceAccounts = new Map<string, Resource>();
  /** Namespace name → its labels (Namespace objects, plus the automatic `kubernetes.io/metadata.name`). */
  readonly namespaces = new Map<string, { labels: Record<string, string>; resource?: Resource; objects: Resource[] }>();
  /** `ns` → `k=v` → workloads whose pod template carries that label. */
  private readonly byLabel = new Map<string, Map<string, Workload[]>>();
  private readonly byNamespace = new Map<string, Workload[]>();

  constructor(resources: readonly Resource[]) {
    for (const r of resources) {
      const ns = namespaceOf(r);
      if (r.type !== 'Namespace') this.touchNamespace(ns);
      const catalog = WORKLOAD_KINDS.get(r.type);
      if (catalog) {
        this.addWorkload(r, catalog, ns);
        continue;
      }
      switch (r.type) {
        case 'Service':
          this.addService(r, ns);
          break;
        case 'ConfigMap':
          this.configMaps.set(key(ns, r.name), r);
          break;
        case 'Secret':
          this.secrets.set(key(ns, r.name), r);
          break;
        case 'PersistentVolumeClaim':
          this.pvcs.set(key(ns, r.name), r);
          break;
        case 'ServiceAccount':
          this.serviceAccounts.set(key(ns, r.name), r);
          break;
        case 'Namespace': {
          const entry = this.touchNamespace(r.name);
          entry.resource ??= r;
          entry.objects.push(r);
          Object.assign(entry.labels, labelsOf(obj(r.attributes.metadata).labels));
          break;
        }
      }
    }
  }

  private touchNamespace(ns: string) {
    let entry = this.namespaces.get(ns);
    if (!entry) this.namespaces.set(ns, (entry = { labels: { 'kubernetes.io/metadata.name': ns }, objects: [] }));
    return entry;
  }

  private addWorkload(r: Resource, catalog: WorkloadKind, namespace: string): void {
    let template: unknown = r.attributes;
    for (const k of catalog.template) template = obj(template)[k];
    const podSpec = catalog.template.length ? obj(obj(template).spec) : obj(r.attributes.spec);
    const podSpecPath = catalog.template.length ? `${catalog.template.join('.')}.spec` : 'spec';
    const podLabels = catalog.template.length ? labelsOf(obj(obj(template).metadata).labels) : labelsOf(obj(r.attributes.metadata).labels);
    const containers: Container[] = [];
    for (const [field, init] of [['initContainers', true], ['containers', false]] as const) {
      arr(podSpec[field]).forEach((c, i) => {
        if (!isObject(c)) return;
        containers.push({ name: str(c.name) ?? `${field}[${i}]`, image: str(c.image) ?? '', path: `${podSpecPath}.${field}[${i}]`, spec: c, init });
      });
    }
    const w: Workload = { resource: r, kind: r.type, catalog, name: r.name, namespace, id: '', podLabels, podSpec, podSpecPath, containers };
    this.workloads.push(w);
    let nsList = this.byNamespace.get(namespace);
    if (!nsList) this.byNamespace.set(namespace, (nsList = []));
    nsList.push(w);
    let idx = this.byLabel.get(namespace);
    if (!idx) this.byLabel.set(namespace, (idx = new Map()));
    for (const [k, v] of Object.entries(podLabels)) {
      const lk = `${k}=${v}`;
      const list = idx.get(lk);
      if (list) list.push(w);
      else idx.set(lk, [w]);
    }
  }

  private addService(r: Resource, namespace: string): void {
    const spec = obj(r.attributes.spec);
    const ports: ServicePort[] = [];
    for (const p of arr(spec.ports)) {
      const po = obj(p);
      const port = typeof po.port === 'number' ? po.port : Number(str(po.port));
      if (!Number.isInteger(port)) continue;
      const sp: ServicePort = { port };
      const name = str(po.name);
      if (name) sp.name = name;
      if (typeof po.targetPort === 'number' || typeof po.targetPort === 'string') sp.targetPort = po.targetPort;
      if (typeof po.nodePort === 'number') sp.nodePort = po.nodePort;
      const app = str(po.appProtocol);
      if (app) sp.appProtocol = app;
      ports.push(sp);
    }
    const svc: Service = {
      resource: r,
      name: r.name,
      namespace,
      type: str(spec.type) ?? 'ClusterIP',
      selector: labelsOf(spec.selector),
      ports,
      annotations: labelsOf(obj(r.attributes.metadata).annotations),
    };
    const ext = str(spec.externalName);
    if (svc.type === 'ExternalName' && ext) svc.externalName = ext.toLowerCase().replace(/\.$/, '');
    // The same Service written twice (a file and a concatenated release file) keeps the first.
    if (!this.services.has(key(namespace, r.name))) this.services.set(key(namespace, r.name), svc);
  }

  service(ns: string, name: string): Service | undefined {
    return this.services.get(key(ns, name));
  }
  configMap(ns: string, name: string): Resource | undefined {
    return this.configMaps.get(key(ns, name));
  }
  secret(ns: string, name: string): Resource | undefined {
    return this.secrets.get(key(ns, name));
  }
  pvc(ns: string, name: string): Resource | undefined {
    return this.pvcs.get(key(ns, name));
  }
  serviceAccount(ns: string, name: string): Resource | undefined {
    return this.serviceAccounts.get(key(ns, name));
  }
  workloadsIn(ns: string): readonly Workload[] {
    return this.byNamespace.get(ns) ?? [];
  }

  /** Workloads in `ns` whose pod labels match a plain label map (a Service selector). Empty selector → none. */
  selectByLabels(ns: string, labels: Record<string, string>): Workload[] {
    return this.select(ns, { matchLabels: labels }, false);
  }

  /**
   * Workloads in `ns` matched by a LabelSelector (`matchLabels` + `matchExpressions`). `emptyMatchesAll`:
   * NetworkPolicy semantics (`{}` selects every pod), Service semantics otherwise (selects none).
   */
  select(ns: string, selector: unknown, emptyMatchesAll: boolean): Workload[] {
    const sel = obj(selector);
    const matchLabels = labelsOf(sel.matchLabels);
    const exprs = arr(sel.matchExpressions).map(obj);
    const pairs = Object.entries(matchLabels);
    if (pairs.length === 0 && exprs.length === 0) return emptyMatchesAll ? [...this.workloadsIn(ns)] : [];
    let candidates: Workload[];
    if (pairs.length) {
      // Start from the rarest label: the index makes this proportional to the matches, not the namespace.
      const idx = this.byLabel.get(ns);
      const lists = pairs.map(([k, v]) => idx?.get(`${k}=${v}`) ?? []);
      candidates = lists.reduce((a, b) => (b.length < a.length ? b : a));
    } else {
      const inExpr = exprs.find((e) => e.operator === 'In');
      if (inExpr) {
        const idx = this.byLabel.get(ns);
        const set = new Set<Workload>();
        for (const v of arr(inExpr.values)) for (const w of idx?.get(`${str(inExpr.key)}=${str(v)}`) ?? []) set.add(w);
        candidates = [...set];
      } else candidates = [...this.workloadsIn(ns)];
    }
    return candidates.filter((w) => pairs.every(([k, v]) => w.podLabels[k] === v) && exprs.every((e) => matchesLabelExpression(w.podLabels, e)));
  }

  /** Namespaces matched by a namespaceSelector (`{}` = all known namespaces). */
  selectNamespaces(selector: unknown): string[] {
    const sel = obj(selector);
    const matchLabels = labelsOf(sel.matchLabels);
    const exprs = arr(sel.matchExpressions).map(obj);
    return [...this.namespaces]
      .filter(([, n]) => Object.entries(matchLabels).every(([k, v]) => n.labels[k] === v) && exprs.every((e) => matchesLabelExpression(n.labels, e)))
      .map(([name]) => name)
      .sort();
  }
}

/** `matchLabels` as `k=v, …` for evidence text. */
export function describeSelector(selector: unknown): string {
  const sel = obj(selector);
  const parts = Object.entries(labelsOf(sel.matchLabels ?? (sel.matchExpressions ? {} : sel))).map(([k, v]) => `${k}=${v}`);
  for (const e of arr(sel.matchExpressions).map(obj)) parts.push(`${str(e.key)} ${str(e.operator)} (${arr(e.values).map(str).join(',')})`);
  return parts.join(', ') || '(all pods)';
}
