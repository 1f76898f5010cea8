/**
 * Binding graph components to model technical assets, strongest first (DESIGN §4):
 * 1. explicit in the infra (label/annotation/tag), 2. explicit in the model (`iac:` tags) or in
 * `.infragile.yaml`, 3. automatic by normalized names, 4. automatic by structure (type, technology,
 * neighbours). Automatic bindings say what matched; ambiguity becomes a candidate, never a guess.
 * One asset may bind several components; a component binds at most one asset.
 */
import { compareStrings } from '../graph/ids.js';
import type { Resource } from '../graph/resource.js';
import type { ArchitectureGraph, Component, Location } from '../graph/types.js';
import type { TechnicalAsset, ThreagileModel } from '../model/types.js';
import type { BindingsFile } from './bindings-file.js';
import { ignoreReason } from './ignore.js';
import { infraLabels } from './infra-labels.js';
import { addressName, isSubset, keyString, moduleName, nameKey } from './names.js';
import { compilePattern, iacPattern, iacTag, type AddressPattern } from './patterns.js';
import type { Binding, BindingResult, Candidate, Ignored } from './types.js';
import { lookupTable } from '../util/lookup.js';

export interface BindInput {
  graph: ArchitectureGraph;
  model: ThreagileModel;
  /** The scan's resources, to read infra labels the semantics did not surface. */
  resources?: readonly Resource[];
  bindingsFile?: BindingsFile;
}

interface ExplicitRule {
  asset: string;
  pattern: AddressPattern;
  method: 'model-tag' | 'bindings-file';
  location: Location;
}

export function bind(input: BindInput): BindingResult {
  const { graph, model } = input;
  const assets = new Map(model.technicalAssets.map((a) => [a.id, a]));
  const resourcesByAddress = new Map((input.resources ?? []).map((r) => [r.address, r]));
  const bindings = new Map<string, Binding>(); // component id → binding
  const candidates: Candidate[] = [];
  const ignored: Ignored[] = [];
  const open: Component[] = [];
  const modelFile = model.file ?? 'threagile.yaml';

  const rules = explicitRules(model, modelFile, input.bindingsFile);
  const exactRules = new Map<string, ExplicitRule[]>();
  const wildRules: ExplicitRule[] = [];
  for (const r of rules) {
    if (!assets.has(r.asset)) continue;
    if (r.pattern.exact) push(exactRules, r.pattern.text.toLowerCase(), r);
    else wildRules.push(r);
  }

  for (const c of graph.components) {
    // 1. Infra labels.
    const labels = infraLabels(c, resourcesByAddress).filter((l) => assets.has(l.asset));
    const labelled = [...new Set(labels.map((l) => l.asset))];
    if (labelled.length === 1) {
      const l = labels[0]!;
      bindings.set(c.id, { asset: l.asset, component: c.id, method: 'infra-label', matched: `${l.how}=${l.asset}`, location: l.location });
      continue;
    }
    // 2. Model tags and the bindings file.
    const hits = new Map<string, ExplicitRule>();
    for (const s of c.sources) {
      for (const r of exactRules.get(s.address.toLowerCase()) ?? []) if (!hits.has(r.asset)) hits.set(r.asset, r);
      for (const r of wildRules) if (!hits.has(r.asset) && r.pattern.test(s.address)) hits.set(r.asset, r);
    }
    if (hits.size === 1) {
      const r = [...hits.values()][0]!;
      const how = r.method === 'model-tag' ? `tag iac:${r.pattern.text}` : `${input.bindingsFile?.file ?? '.infragile.yaml'} pattern ${r.pattern.text}`;
      bindings.set(c.id, { asset: r.asset, component: c.id, method: r.method, matched: how, location: r.location });
      continue;
    }
    if (labelled.length > 1 || hits.size > 1) {
      const ids = labelled.length > 1 ? labelled : [...hits.keys()];
      candidates.push({
        component: c.id,
        assets: ids.sort(compareStrings),
        reason: `explicit bindings disagree: ${ids.join(', ')}`,
        suggestion: `keep one binding for ${c.sources[0]?.address ?? c.id}`,
      });
      continue;
    }
    const why = ignoreReason(c);
    if (why) {
      ignored.push({ component: c.id, reason: why });
      continue;
    }
    open.push(c);
  }

  // 3. Names.
  const inScope = model.technicalAssets;
  const byKey = new Map<string, TechnicalAsset[]>();
  const byToken = new Map<string, TechnicalAsset[]>();
  const assetKeys = new Map<string, string[][]>();
  for (const a of inScope) {
    const keys = uniqueKeys([nameKey(a.title), nameKey(a.id)]);
    assetKeys.set(a.id, keys);
    for (const k of keys) {
      pushUnique(byKey, keyString(k), a);
      for (const t of k) pushUnique(byToken, t, a);
    }
  }
  const stillOpen: Component[] = [];
  const nameCandidates = new Map<string, TechnicalAsset[]>();
  const noise = projectTokens(open, byToken);
  for (const c of open) {
    const named = componentNames(c, noise);
    const keys = uniqueKeys(named.map((n) => n.key));
    const exact = uniqueAssets(keys.flatMap((k) => byKey.get(keyString(k)) ?? []));
    const pick = preferType(exact, c);
    if (pick.length === 1) {
      const a = pick[0]!;
      const ak = new Set((assetKeys.get(a.id) ?? []).map(keyString));
      const via = named.find((n) => ak.has(keyString(n.key)))?.name ?? nameOf(c);
      bindings.set(c.id, { asset: a.id, component: c.id, method: 'name', matched: `name '${via}' ~ '${a.title}'` });
      continue;
    }
    let partial: TechnicalAsset[] = [];
    if (exact.length === 0) {
      const seen = uniqueAssets(keys.flatMap((k) => k.flatMap((t) => byToken.get(t) ?? [])));
      partial = seen.filter((a) => keys.some((k) => (assetKeys.get(a.id) ?? []).some((ak) => isSubset(k, ak) || isSubset(ak, k))));
      // A partial name of another type (a `user-avatars` bucket vs `User Service`) is no candidate at all.
      partial = preferHosting(partial.filter((a) => a.type === c.type), c);
      if (partial.length === 1) {
        const a = partial[0]!;
        const ak = assetKeys.get(a.id) ?? [];
        const via = named.find((n) => ak.some((k) => isSubset(n.key, k) || isSubset(k, n.key)))?.name ?? nameOf(c);
        bindings.set(c.id, { asset: a.id, component: c.id, method: 'name', matched: `name '${via}' ~ part of '${a.title}'` });
        continue;
      }
    }
    const ambiguous = exact.length > 1 ? exact : partial;
    if (ambiguous.length > 0) nameCandidates.set(c.id, ambiguous);
    stillOpen.push(c);
  }

  // 4. Structure: neighbours bound to assets the model links this asset with, type and technology agreeing.
  const boundAssets = () => new Set([...bindings.values()].map((b) => b.asset));
  const modelNeighbours = new Map<string, Set<string>>();
  for (const a of model.technicalAssets)
    for (const l of a.communicationLinks) {
      pushSet(modelNeighbours, a.id, l.targetId);
      pushSet(modelNeighbours, l.targetId, a.id);
    }
  const graphNeighbours = new Map<string, Set<string>>();
  for (const f of graph.flows) {
    pushSet(graphNeighbours, f.source, f.target);
    pushSet(graphNeighbours, f.target, f.source);
  }
  let remaining = stillOpen;
  for (let round = 0; round < 3 && remaining.length > 0; round++) {
    const taken = boundAssets();
    const proposals = new Map<string, { asset: TechnicalAsset; score: number; via: string[] }>();
    for (const c of remaining) {
      const scores = new Map<string, { score: number; via: string[] }>();
      for (const n of graphNeighbours.get(c.id) ?? []) {
        const na = bindings.get(n)?.asset;
        if (!na) continue;
        for (const cand of modelNeighbours.get(na) ?? []) {
          const a = assets.get(cand);
          if (!a || taken.has(a.id) || !compatible(a, c)) continue;
          const s = scores.get(a.id) ?? { score: 0, via: [] };
          s.score++;
          s.via.push(na);
          scores.set(a.id, s);
        }
      }
      const ranked = [...scores].sort((x, y) => y[1].score - x[1].score || compareStrings(x[0], y[0]));
      const limited = nameCandidates.get(c.id);
      const allowed = limited ? ranked.filter(([id]) => limited.some((a) => a.id === id)) : ranked;
      const top = allowed[0];
      if (top && (allowed.length === 1 || allowed[1]![1].score < top[1].score)) {
        proposals.set(c.id, { asset: assets.get(top[0])!, score: top[1].score, via: [...new Set(top[1].via)].sort(compareStrings) });
      }
    }
    // Mutual best only: two components proposing the same asset are both left open.
    const byAsset = new Map<string, string[]>();
    for (const [cid, p] of proposals) push(byAsset, p.asset.id, cid);
    const next: Component[] = [];
    for (const c of remaining) {
      const p = proposals.get(c.id);
      if (p && byAsset.get(p.asset.id)!.length === 1) {
        bindings.set(c.id, {
          asset: p.asset.id,
          component: c.id,
          method: 'structure',
          matched: `type ${c.type}/${c.technology} and links with ${p.via.join(', ')}`,
        });
      } else next.push(c);
    }
    if (next.length === remaining.length) break;
    remaining = next;
  }
  // Weakest signal: the only unbound component and the only unbound asset of one type+technology. Names
  // disagree (else step 3 had bound them), so this is a candidate for a human, never a binding.
  const soleMatch = new Map<string, TechnicalAsset>();
  {
    const taken = boundAssets();
    const groups = new Map<string, { cs: Component[]; as: TechnicalAsset[] }>();
    const g = (k: string) => groups.get(k) ?? (groups.set(k, { cs: [], as: [] }), groups.get(k)!);
    for (const c of remaining) if (c.technology !== 'unknown-technology' && !nameCandidates.has(c.id)) g(`${c.type}/${c.technology}`).cs.push(c);
    for (const a of model.technicalAssets) if (!taken.has(a.id) && !a.outOfScope) g(`${a.type}/${a.technology}`).as.push(a);
    for (const c of remaining) {
      const grp = groups.get(`${c.type}/${c.technology}`);
      if (grp && grp.cs.length === 1 && grp.as.length === 1 && c.type !== 'external-entity') soleMatch.set(c.id, grp.as[0]!);
    }
  }
  const taken = boundAssets();
  for (const c of remaining) {
    const named = nameCandidates.get(c.id);
    const sole = soleMatch.get(c.id);
    const pool = named ?? (sole ? [sole] : model.technicalAssets.filter((a) => !taken.has(a.id) && a.type === c.type && !a.outOfScope && a.type !== 'external-entity'));
    if (pool.length === 0) continue;
    const ids = pool.map((a) => a.id).sort(compareStrings);
    const address = c.sources[0]?.address ?? c.id;
    candidates.push({
      component: c.id,
      assets: ids,
      reason: named
        ? `name '${nameOf(c)}' fits ${ids.length > 1 ? 'several assets' : 'only partly'}`
        : sole
          ? `the only unbound ${c.type} with technology ${c.technology} on both sides, but the names differ`
          : `unbound ${c.type} assets of the same type`,
      suggestion: `tags: ["${iacTag(address)}"]  # ${ids.length === 1 ? `on technical asset ${ids[0]}, if it is the same thing` : `on the right one of: ${ids.join(', ')}`}`,
    });
  }

  return finish([...bindings.values()], candidates, ignored);
}

function finish(list: Binding[], candidates: Candidate[], ignored: Ignored[]): BindingResult {
  const bindings = list.sort((a, b) => compareStrings(a.asset, b.asset) || compareStrings(a.component, b.component));
  const componentsOf = new Map<string, string[]>();
  const assetOf = new Map<string, string>();
  for (const b of bindings) {
    push(componentsOf, b.asset, b.component);
    assetOf.set(b.component, b.asset);
  }
  return {
    bindings,
    candidates: candidates.sort((a, b) => compareStrings(a.component, b.component)),
    ignored: ignored.sort((a, b) => compareStrings(a.component, b.component)),
    componentsOf,
    assetOf,
  };
}

function explicitRules(model: ThreagileModel, modelFile: string, file: BindingsFile | undefined): ExplicitRule[] {
  const out: ExplicitRule[] = [];
  for (const a of model.technicalAssets) {
    for (const tag of a.tags) {
      const p = iacPattern(tag);
      if (p) out.push({ asset: a.id, pattern: compilePattern(p), method: 'model-tag', location: { file: modelFile, line: a.fields?.['tags'] ?? a.line ?? 1 } });
    }
  }
  for (const b of file?.bindings ?? []) out.push({ asset: b.asset, pattern: compilePattern(b.pattern), method: 'bindings-file', location: { file: file!.file, line: b.line } });
  return out;
}

/** The names a component goes by: id, title, each source's own name and Terraform module name. */
function componentNames(c: Component, noise: ReadonlySet<string>): Array<{ name: string; key: string[] }> {
  const names = [c.id, c.title];
  for (const s of c.sources) {
    const m = moduleName(s.address);
    if (m) names.push(m);
    names.push(addressName(s.address));
  }
  const out: Array<{ name: string; key: string[] }> = [];
  for (const name of names) {
    const key = nameKey(name);
    if (key.length > 0) out.push({ name, key });
    const stripped = key.filter((t) => !noise.has(t));
    if (stripped.length > 0 && stripped.length < key.length) out.push({ name, key: stripped });
  }
  return out;
}

/**
 * Project or release prefixes (`vaultnote-redis`, `vaultnote-pg`, `myrelease-cart`): tokens shared by
 * at least three components and a third of them, that name no model asset. Matching also tries names
 * without them.
 */
function projectTokens(components: readonly Component[], assetTokens: ReadonlyMap<string, unknown>): Set<string> {
  const count = new Map<string, number>();
  for (const c of components) for (const t of new Set(nameKey(c.id))) count.set(t, (count.get(t) ?? 0) + 1);
  const out = new Set<string>();
  for (const [t, n] of count) if (n >= 3 && n * 3 >= components.length && !assetTokens.has(t)) out.add(t);
  return out;
}

function nameOf(c: Component): string {
  return c.sources[0] ? addressName(c.sources[0].address) : c.id;
}

/** Same type wins when names alone are ambiguous; a single name match of another type still binds (that is `type` drift). */
function preferType(list: TechnicalAsset[], c: Component): TechnicalAsset[] {
  if (list.length <= 1) return list;
  const typed = list.filter((a) => a.type === c.type);
  return preferHosting(typed.length >= 1 ? typed : list, c);
}

const MANAGED = /\b(aws|rds|aurora|elasticache|gcp|cloud ?sql|memorystore|azure|managed)\b/i;

/**
 * Managed vs self-hosted twins (`AWS RDS PostgreSQL` and `PostgreSQL Database`): a Terraform or
 * CloudFormation component is the managed one, a Kubernetes or compose workload the self-hosted one.
 */
function preferHosting(list: TechnicalAsset[], c: Component): TechnicalAsset[] {
  if (list.length <= 1) return list;
  const cloud = c.sources.length > 0 && c.sources.every((s) => /^(tf|cfn):/.test(s.address));
  const fits = list.filter((a) => MANAGED.test(`${a.title} ${a.id.replace(/-/g, ' ')}`) === cloud);
  return fits.length >= 1 ? fits : list;
}

const TECH_FAMILIES: Record<string, string> = lookupTable({
  'web-server': 'web', 'web-application': 'web', 'application-server': 'web', 'web-service-rest': 'web', 'web-service-soap': 'web',
  'reverse-proxy': 'proxy', 'load-balancer': 'proxy', gateway: 'proxy', waf: 'proxy',
  database: 'db', 'identity-store-database': 'db',
  'message-queue': 'queue', 'stream-processing': 'queue', 'event-listener': 'queue',
  'file-server': 'files', 'block-storage': 'files', 'local-file-system': 'files', 'data-lake': 'files',
});

function compatible(a: TechnicalAsset, c: Component): boolean {
  if (a.type !== c.type || a.outOfScope) return false;
  if (a.technology === c.technology || c.technology === 'unknown-technology' || a.technology === 'unknown-technology') return true;
  const fa = TECH_FAMILIES[a.technology];
  return fa !== undefined && fa === TECH_FAMILIES[c.technology];
}

function uniqueKeys(keys: string[][]): string[][] {
  const seen = new Set<string>();
  return keys.filter((k) => k.length > 0 && !seen.has(keyString(k)) && (seen.add(keyString(k)), true));
}

function uniqueAssets(list: TechnicalAsset[]): TechnicalAsset[] {
  return [...new Map(list.map((a) => [a.id, a])).values()].sort((a, b) => compareStrings(a.id, b.id));
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
function pushUnique<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (!l) m.set(k, [v]);
  else if (!l.includes(v)) l.push(v);
}
function pushSet(m: Map<string, Set<string>>, k: string, v: string): void {
  const s = m.get(k);
  if (s) s.add(v);
  else m.set(k, new Set([v]));
}
