/**
 * Workloads → components: ids from names (namespace-qualified only when a name is taken in two
 * namespaces), technology and type from well-known images, replicas as multiplicity, and the pod
 * security facts rules need as attributes (names of secrets only, never values).
 */
import type { GraphBuilder } from '../../../src/graph/builder.js';
import { slug } from '../../../src/graph/ids.js';
import type { Attributes } from '../../../src/graph/types.js';
import type { TechnicalAssetType, Technology } from '../../../src/model/enums.js';
import { isSecretName } from '../../common/endpoints.js';
import { classifyImage, classifyListenPort, isUnpinnedImage, type ImageKind } from '../../common/images.js';
import { arr, evidence, obj, str, type Cluster, type Container, type Workload } from './cluster.js';

/** Ids from names: `cart`; `shop-cart` only when `cart` also exists in another namespace (or as another kind). */
export function assignIds(cluster: Cluster): void {
  const byName = new Map<string, Workload[]>();
  for (const w of cluster.workloads) {
    const list = byName.get(w.name);
    if (list) list.push(w);
    else byName.set(w.name, [w]);
  }
  for (const [name, list] of byName) {
    const namespaces = new Set(list.map((w) => w.namespace));
    const kindsPerNs = new Map<string, Set<string>>();
    for (const w of list) {
      let s = kindsPerNs.get(w.namespace);
      if (!s) kindsPerNs.set(w.namespace, (s = new Set()));
      s.add(w.kind);
    }
    for (const w of list) {
      const qualifyNs = namespaces.size > 1;
      const qualifyKind = (kindsPerNs.get(w.namespace)?.size ?? 0) > 1;
      w.id = slug(qualifyNs ? w.namespace : undefined, name, qualifyKind ? w.kind : undefined);
    }
  }
}

export interface WorkloadClass {
  type: TechnicalAssetType;
  technology: Technology;
  image?: ImageKind;
  /** Classified by its listening port, not its image (weaker: recorded as an attribute). */
  byPort?: boolean;
}

/** The container that says what the workload is: the first app container with a well-known image (sidecar exporters aside). */
export function classifyWorkload(w: Workload): WorkloadClass {
  const app = w.containers.filter((c) => !c.init);
  const known = app.map((c) => classifyImage(c.image)).filter((k): k is ImageKind => k !== undefined);
  const primary = classifyImage(app[0]?.image ?? '');
  const chosen = primary && primary.technology !== 'monitoring' ? primary : (known.find((k) => k.technology !== 'monitoring') ?? primary);
  if (chosen) return { type: chosen.type, technology: chosen.technology, image: chosen };
  // A custom image listening only on a database or broker port (`catalogue-db` on 3306).
  const ports = app.flatMap((c) => arr(c.spec.ports).map((p) => obj(p).containerPort)).filter((p): p is number => typeof p === 'number');
  const byPort = ports.length === 1 ? classifyListenPort(ports[0]!) : undefined;
  if (byPort) return { type: byPort.type, technology: byPort.technology, image: byPort, byPort: true };
  return { type: 'process', technology: w.catalog.defaultTechnology };
}

export function addWorkloadComponent(graph: GraphBuilder, cluster: Cluster, w: Workload, cls: WorkloadClass): void {
  const r = w.resource;
  const spec = obj(r.attributes.spec);
  let multiplicity: number | string | undefined;
  if (w.catalog.perNode) multiplicity = 'per-node';
  else if (typeof spec.replicas === 'number') multiplicity = spec.replicas;
  else if (typeof spec.replicas === 'string') multiplicity = spec.replicas;
  const hasClaims = arr(spec.volumeClaimTemplates).length > 0;
  const image = w.containers.find((c) => !c.init)?.image ?? '';
  const detail = cls.byPort
    ? `${w.kind} ${w.namespace}/${w.name} listens on ${cls.image!.port} only: ${cls.image!.product} (${image})`
    : cls.image
      ? `${w.kind} ${w.namespace}/${w.name} runs ${cls.image.product} (${image})`
      : `${w.kind} ${w.namespace}/${w.name}`;
  const init: Parameters<GraphBuilder['addComponent']>[0] = {
    id: w.id,
    title: w.name,
    type: cls.type,
    technology: cls.technology,
    machine: 'container',
    sources: [{ address: r.address, location: r.location }],
    attributes: podAttributes(cluster, w, hasClaims, cls),
    evidence: [evidence(`k8s-${w.kind.toLowerCase()}`, detail, r)],
  };
  if (multiplicity !== undefined) init.multiplicity = multiplicity;
  if (r.group) init.group = r.group;
  graph.addComponent(init);
}

function podAttributes(cluster: Cluster, w: Workload, persistent: boolean, cls: WorkloadClass): Attributes {
  const pod = w.podSpec;
  const podSec = obj(pod.securityContext);
  const app = w.containers;
  const sec = (c: Container) => obj(c.spec.securityContext);
  const images = [...new Set(app.filter((c) => !c.init).map((c) => c.image).filter(Boolean))];
  const capabilities = new Set<string>();
  for (const c of app) for (const cap of arr(obj(sec(c).capabilities).add)) if (str(cap)) capabilities.add(str(cap)!);
  const hostPaths = arr(pod.volumes).map((v) => str(obj(obj(v).hostPath).path)).filter((p): p is string => !!p);
  // Effective user per container: container settings override the pod's.
  const runAsUser = (c: Container) => (typeof sec(c).runAsUser === 'number' ? sec(c).runAsUser : podSec.runAsUser) as number | undefined;
  const nonRoot = (c: Container) => (sec(c).runAsNonRoot ?? podSec.runAsNonRoot) === true;
  const runAsRoot = app.some((c) => runAsUser(c) === 0)
    ? true
    : app.every((c) => nonRoot(c) || (typeof runAsUser(c) === 'number' && runAsUser(c)! > 0))
      ? false
      : null; // the image decides
  const saName = str(pod.serviceAccountName) ?? str(pod.serviceAccount) ?? 'default';
  const sa = cluster.serviceAccount(w.namespace, saName);
  const automount = typeof pod.automountServiceAccountToken === 'boolean'
    ? pod.automountServiceAccountToken
    : typeof sa?.attributes.automountServiceAccountToken === 'boolean'
      ? (sa.attributes.automountServiceAccountToken as boolean)
      : true;
  const secretEnv = new Set<string>();
  const plainSecretEnv = new Set<string>();
  for (const c of app) {
    for (const e of arr(c.spec.env).map(obj)) {
      const name = str(e.name);
      if (!name) continue;
      if (obj(e.valueFrom).secretKeyRef) secretEnv.add(name);
      else if (typeof e.value === 'string' && e.value !== '' && isSecretName(name)) plainSecretEnv.add(name);
    }
  }
  const ports = new Set<number>();
  for (const c of app) for (const p of arr(c.spec.ports)) if (typeof obj(p).containerPort === 'number') ports.add(obj(p).containerPort as number);
  const attrs: Attributes = {
    kind: w.kind,
    namespace: w.namespace,
    image: images.length === 1 ? images[0]! : images.length ? images : null,
    imageUnpinned: images.some(isUnpinnedImage),
    privileged: app.some((c) => sec(c).privileged === true),
    hostNetwork: pod.hostNetwork === true,
    hostPID: pod.hostPID === true,
    hostIPC: pod.hostIPC === true,
    hostPath: hostPaths.sort(),
    runAsRoot,
    runAsNonRoot: app.length > 0 && app.every(nonRoot),
    allowPrivilegeEscalation: !app.every((c) => sec(c).allowPrivilegeEscalation === false && sec(c).privileged !== true),
    readOnlyRootFilesystem: app.length > 0 && app.every((c) => sec(c).readOnlyRootFilesystem === true),
    capabilitiesAdded: [...capabilities].sort(),
    automountServiceAccountToken: automount,
    serviceAccount: saName,
    resourceLimits: app.filter((c) => !c.init).every((c) => Object.keys(obj(obj(c.spec.resources).limits)).length > 0),
    secretEnv: [...secretEnv].sort(),
    plainSecretEnv: [...plainSecretEnv].sort(),
    containerPorts: [...ports].sort((a, b) => a - b).map(String),
  };
  if (persistent) attrs.persistentVolumeClaims = true;
  if (cls.byPort) attrs.classifiedBy = 'listening-port';
  const asset = explicitAsset(w);
  if (asset) attrs[ASSET_KEY] = asset;
  return attrs;
}

/** The explicit binding to a model asset (DESIGN §4); the attribute has the same name as compose's. */
export const ASSET_KEY = 'threagile.io/asset';

/**
 * `threagile.io/asset` on the workload (annotation, then label), else on its pod template wherever the
 * kind keeps it (`spec.template`, a CronJob's `spec.jobTemplate.spec.template`).
 */
function explicitAsset(w: Workload): string | undefined {
  const metas = [obj(w.resource.attributes.metadata)];
  if (w.catalog.template.length) {
    let template: unknown = w.resource.attributes;
    for (const k of w.catalog.template) template = obj(template)[k];
    metas.push(obj(obj(template).metadata));
  }
  for (const meta of metas) {
    for (const field of ['annotations', 'labels']) {
      const v = str(obj(meta[field])[ASSET_KEY])?.trim();
      if (v) return v;
    }
  }
  return undefined;
}
