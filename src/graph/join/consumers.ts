/**
 * Which Kubernetes workloads read which ConfigMap or Secret: `env[].valueFrom.{configMapKeyRef,
 * secretKeyRef}`, `envFrom[].{configMapRef,secretRef}` and `volumes[].{configMap,secret,projected}`,
 * each with the line that says so. Built once over the workload resources.
 */
import { compareStrings } from '../ids.js';
import { locationOf, type Resource } from '../resource.js';
import type { Location } from '../types.js';

export interface Consumer {
  componentId: string;
  /** `Deployment orders/api`. */
  label: string;
  /** What reads it: `env DATABASE_URL`, `envFrom`, `volume db`. */
  how: string;
  /** The data key read, when one is named (`env … secretKeyRef.key`); absent = every key. */
  key?: string;
  location: Location;
}

type O = Record<string, unknown>;
const obj = (v: unknown): O => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as O) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Where the pod spec sits in each workload kind. */
function podSpecPath(kind: string): string {
  if (kind === 'Pod') return 'spec';
  if (kind === 'CronJob') return 'spec.jobTemplate.spec.template.spec';
  return 'spec.template.spec';
}

function at(root: O, path: string): O {
  let cur: unknown = root;
  for (const k of path.split('.')) cur = obj(cur)[k];
  return obj(cur);
}

export function consumersIndex(workloads: readonly Resource[], componentOf: (address: string) => string | undefined): Map<string, Consumer[]> {
  const index = new Map<string, Consumer[]>();
  for (const r of workloads) {
    if (r.format !== 'k8s') continue;
    const componentId = componentOf(r.address);
    if (!componentId) continue;
    const ns = str(obj(r.attributes.metadata).namespace) ?? 'default';
    const label = `${r.type} ${ns}/${r.name}`;
    const base = podSpecPath(r.type);
    const spec = at(r.attributes, base);
    const add = (kind: 'ConfigMap' | 'Secret', name: string | undefined, how: string, path: string, key?: string) => {
      if (!name) return;
      const k = `${kind}/${ns}/${name}`;
      const c: Consumer = { componentId, label, how, location: locationOf(r, path) };
      if (key !== undefined) c.key = key;
      let l = index.get(k);
      if (!l) index.set(k, (l = []));
      l.push(c);
    };
    for (const field of ['initContainers', 'containers'] as const) {
      arr(spec[field]).forEach((ct, i) => {
        const cp = `${base}.${field}[${i}]`;
        arr(obj(ct).envFrom).forEach((ef, j) => {
          const e = obj(ef);
          add('ConfigMap', str(obj(e.configMapRef).name), 'envFrom', `${cp}.envFrom[${j}]`);
          add('Secret', str(obj(e.secretRef).name), 'envFrom', `${cp}.envFrom[${j}]`);
        });
        arr(obj(ct).env).forEach((ev, j) => {
          const e = obj(ev);
          const from = obj(e.valueFrom);
          const cm = obj(from.configMapKeyRef);
          const sec = obj(from.secretKeyRef);
          add('ConfigMap', str(cm.name), `env ${str(e.name) ?? ''}`, `${cp}.env[${j}]`, str(cm.key));
          add('Secret', str(sec.name), `env ${str(e.name) ?? ''}`, `${cp}.env[${j}]`, str(sec.key));
        });
      });
    }
    arr(spec.volumes).forEach((v, i) => {
      const vo = obj(v);
      const path = `${base}.volumes[${i}]`;
      add('ConfigMap', str(obj(vo.configMap).name), `volume ${str(vo.name) ?? ''}`, path);
      add('Secret', str(obj(vo.secret).secretName), `volume ${str(vo.name) ?? ''}`, path);
      for (const src of arr(obj(vo.projected).sources).map(obj)) {
        add('ConfigMap', str(obj(src.configMap).name), `volume ${str(vo.name) ?? ''}`, path);
        add('Secret', str(obj(src.secret).name), `volume ${str(vo.name) ?? ''}`, path);
      }
    });
  }
  for (const l of index.values()) l.sort((a, b) => compareStrings(a.componentId, b.componentId) || compareStrings(a.location.file, b.location.file) || a.location.line - b.location.line);
  return index;
}
