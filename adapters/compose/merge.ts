/**
 * Merging services the way `docker compose -f a.yaml -f b.yaml` and `extends` do: scalars are
 * replaced when the later file writes them; environment, labels, networks, depends_on, links,
 * secrets and configs merge by key; ports and expose append; volumes merge by container path.
 * `!reset` clears an inherited value, `!override` replaces it whole.
 */
import { compareStrings } from '../../src/graph/ids.js';
import type { ServiceAttributes } from './model.js';
import { dedupeEnvironment, emptyService, type ServiceDraft } from './normalize.js';
import { lookupTable } from '../../src/util/lookup.js';

type Keyed<T> = (item: T) => string;

function byKey<T>(base: T[], over: T[], key: Keyed<T>): T[] {
  const m = new Map<string, T>();
  for (const x of base) m.set(key(x), x);
  for (const x of over) m.set(key(x), x);
  return [...m.values()];
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** compose key → how the merged attribute is computed from base and override. */
const LIST_MERGES: Partial<Record<string, (b: ServiceAttributes, o: ServiceAttributes) => Partial<ServiceAttributes>>> = lookupTable({
  environment: (b, o) => ({ environment: dedupeEnvironment([...b.environment, ...o.environment]) }),
  env_file: (b, o) => ({ environment: dedupeEnvironment([...b.environment, ...o.environment]) }),
  ports: (b, o) => ({ ports: byKey(b.ports, o.ports, (p) => p.raw) }),
  expose: (b, o) => ({ expose: byKey(b.expose, o.expose, (p) => `${p.port}/${p.protocol}`) }),
  volumes: (b, o) => ({ volumes: byKey(b.volumes, o.volumes, (m) => m.target) }),
  networks: (b, o) => ({ networks: byKey(b.networks, o.networks, (n) => n.name) }),
  depends_on: (b, o) => ({ dependsOn: byKey(b.dependsOn, o.dependsOn, (r) => r.service) }),
  links: (b, o) => ({ links: byKey(b.links, o.links, (r) => r.alias ?? r.service) }),
  external_links: (b, o) => ({ externalLinks: union(b.externalLinks, o.externalLinks) }),
  secrets: (b, o) => ({ secrets: byKey(b.secrets, o.secrets, (s) => s.target ?? s.source) }),
  configs: (b, o) => ({ configs: byKey(b.configs, o.configs, (s) => s.target ?? s.source) }),
  labels: (b, o) => ({ labels: { ...b.labels, ...o.labels }, labelLocations: { ...b.labelLocations, ...o.labelLocations } }),
  profiles: (b, o) => ({ profiles: union(b.profiles, o.profiles) }),
  cap_add: (b, o) => ({ capAdd: union(b.capAdd, o.capAdd) }),
  cap_drop: (b, o) => ({ capDrop: union(b.capDrop, o.capDrop) }),
  security_opt: (b, o) => ({ securityOpt: union(b.securityOpt, o.securityOpt) }),
  extra_hosts: (b, o) => ({ extraHosts: union(b.extraHosts, o.extraHosts) }),
});

/** compose key → the attributes it sets (for replacement and `!reset`). */
const FIELDS: Record<string, Array<keyof ServiceAttributes>> = lookupTable({
  image: ['image'],
  build: ['build'],
  container_name: ['containerName'],
  hostname: ['hostname'],
  environment: ['environment'],
  env_file: ['environment'],
  ports: ['ports'],
  expose: ['expose'],
  volumes: ['volumes'],
  networks: ['networks'],
  network_mode: ['networkMode'],
  depends_on: ['dependsOn'],
  links: ['links'],
  external_links: ['externalLinks'],
  secrets: ['secrets'],
  configs: ['configs'],
  labels: ['labels', 'labelLocations'],
  profiles: ['profiles'],
  scale: ['replicas'],
  deploy: ['replicas'],
  privileged: ['privileged'],
  read_only: ['readOnly'],
  cap_add: ['capAdd'],
  cap_drop: ['capDrop'],
  pid: ['pid'],
  ipc: ['ipc'],
  user: ['user'],
  security_opt: ['securityOpt'],
  extra_hosts: ['extraHosts'],
  runtime: ['runtime'],
});

/**
 * `over` written on top of `base`; returns a new draft named as `over`. `primary` says whose
 * location the result keeps: the base file's for an override file, the extending service's for
 * `extends`.
 */
export function mergeServices(base: ServiceDraft, over: ServiceDraft, primary: 'base' | 'over'): ServiceDraft {
  const b = base.attrs;
  const o = over.attrs;
  const merged: ServiceAttributes = {
    ...b,
    name: o.name,
    project: o.project,
    files: union(b.files, o.files).sort(compareStrings),
    definedAt: [...b.definedAt, ...o.definedAt.filter((l) => !b.definedAt.some((x) => x.file === l.file && x.line === l.line))],
    keyLocations: { ...b.keyLocations, ...o.keyLocations },
  };
  const m = merged as unknown as Record<string, unknown>;
  const src = o as unknown as Record<string, unknown>;
  // `!reset` puts a key back to what a service that never set it has.
  const empty = emptyService(o.project, o.name, over.location) as unknown as Record<string, unknown>;
  for (const key of over.resets) for (const f of FIELDS[key] ?? []) m[f] = empty[f];
  for (const key of over.present) {
    if (over.resets.has(key)) continue;
    const listMerge = LIST_MERGES[key];
    if (listMerge && !over.overrides.has(key)) Object.assign(merged, listMerge(merged, o));
    else for (const f of FIELDS[key] ?? []) m[f] = src[f];
  }
  // Attached networks and network_mode exclude each other: the later file's choice wins.
  if (over.present.has('network_mode')) merged.networks = o.networks;
  if (over.present.has('networks') && !over.present.has('network_mode')) delete merged.networkMode;
  const present = new Set([...base.present, ...over.present]);
  for (const k of over.resets) present.delete(k);
  const out: ServiceDraft = {
    attrs: merged,
    present,
    resets: new Set(),
    overrides: new Set(),
    location: primary === 'base' ? base.location : over.location,
    lines: primary === 'base' ? base.lines : over.lines,
    suppressions: [...base.suppressions, ...over.suppressions],
  };
  // An override file that does not repeat `extends` keeps the base file's.
  const ext = over.extends ?? (primary === 'base' ? base.extends : undefined);
  if (ext) out.extends = ext;
  return out;
}
