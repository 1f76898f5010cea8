/**
 * A module instance: a module folder's config evaluated with its inputs (a root's come from tfvars and
 * defaults, a child's from the calling `module` block). Values are computed lazily and memoised, so
 * each local/variable/output is evaluated once however often it is used, and cycles end as unknowns.
 * `emit()` walks the instance tree and produces the Resources of the adapter contract.
 */
import type { Diagnostics } from '../../src/diagnostics.js';
import { compareStrings } from '../../src/graph/ids.js';
import type { Resource, Suppression } from '../../src/graph/resource.js';
import type { Location } from '../../src/graph/types.js';
import type { BlockDecl, ModuleConfig } from './config.js';
import { Evaluator, type EvalEnv, type EvalScope } from './eval/evaluator.js';
import type { FnEnv } from './eval/functions.js';
import { EvalLimitError, isList, isObject, isSymbolic, unknown, type Value, type ValueObject } from './eval/values.js';
import { parseTemplate, simplifyTemplate } from './expr/parser.js';
import { applyType, parseType } from './eval/types.js';

/** What every instance of one scan shares. */
export interface InstanceContext {
  configs: ReadonlyMap<string, ModuleConfig>;
  diagnostics: Diagnostics;
  evaluator: Evaluator;
  readFile(path: string): string | undefined;
  /** Resolve a module call's source to a loaded config dir, or say why not. */
  resolveModule(caller: Instance, call: BlockDecl, source: string): { dir: string } | { opaque: string } | { missing: string };
  /** Folders instantiated at least once (roots are picked among the rest). */
  visited: Set<string>;
}

/** Nesting of module calls beyond which we stop (real configurations stay under ten). */
const MAX_MODULE_DEPTH = 32;

/** Body keys that are Terraform meta-arguments, not resource attributes. */
const META = new Set(['count', 'for_each', 'lifecycle', 'provisioner', 'connection']);
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

interface Multiplicity {
  /** undefined when the block has neither count nor for_each. */
  value?: number | string;
  /** Bindings for `count.index` / `each.*` when there is exactly one instance. */
  vars: Map<string, Value>;
  /** Each instance's key and bindings, when there are several and they are known (and not too many). */
  instances?: Array<{ key: string | number; vars: Map<string, Value> }>;
}

/** Blocks with more instances than this keep only the shared evaluation (each.* unknown). */
const MAX_EXPANDED_INSTANCES = 32;

export class Instance implements EvalScope {
  private readonly varMemo = new Map<string, Value>();
  private readonly localMemo = new Map<string, Value>();
  private readonly outputMemo = new Map<string, Value>();
  private readonly inProgress = new Set<string>();
  private children?: Map<string, Instance | { opaque: string } | null>;
  private readonly resourceIndex: Map<string, BlockDecl>;
  readonly env: EvalEnv;
  readonly fnEnv: FnEnv;

  constructor(
    readonly ctx: InstanceContext,
    readonly config: ModuleConfig,
    /** `''` at a root, `module.a.module.b` inside. */
    readonly path: string,
    /** Prefix of every address of this root (empty when the scan has one root). */
    readonly rootPrefix: string,
    readonly root: { dir: string; tfvars: Record<string, unknown>; varSource: Location | undefined },
    readonly parent?: { instance: Instance; call: BlockDecl; env: EvalEnv; multiplicity: number | string | undefined },
    readonly chain: readonly string[] = [],
  ) {
    ctx.visited.add(config.dir);
    this.resourceIndex = new Map(config.resources.map((r) => [`${r.kind}.${r.type}.${r.name}`, r]));
    this.env = { scope: this, vars: new Map() };
    this.fnEnv = {
      // Relative paths are relative to the root module's folder (Terraform's working directory);
      // `${path.module}/x` is already scan-root-relative.
      readFile: (p) => ctx.readFile(p) ?? (root.dir ? ctx.readFile(`${root.dir}/${p}`) : undefined),
      renderTemplate: (text, vars) => {
        const expr = simplifyTemplate(parseTemplate(text), { start: 0, end: text.length });
        return ctx.evaluator.eval(expr, text, { scope: this, vars: new Map(Object.entries(vars)) });
      },
      maxElements: 10_000,
    };
  }

  get pathModule(): string {
    return this.config.dir || '.';
  }
  get pathRoot(): string {
    return this.root.dir || '.';
  }

  /** Module keys from the root (`['a', 'b']` for `module.a.module.b`), as modules.json spells them. */
  get keyPath(): string[] {
    return this.path ? this.path.split('.').filter((_, i) => i % 2 === 1) : [];
  }

  address(kind: 'resource' | 'data' | 'module', type: string | undefined, name: string): string {
    const local = kind === 'module' ? `module.${name}` : kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
    return `tf:${this.rootPrefix}${this.path ? `${this.path}.` : ''}${local}`;
  }

  // ---- EvalScope ------------------------------------------------------------------------------

  variable(name: string): Value {
    return this.memo(this.varMemo, `var.${name}`, () => {
      const v = this.rawVariable(name);
      const type = parseType(this.config.variables.get(name)?.body['type']);
      return type ? applyType(v, type, (e) => this.ctx.evaluator.eval(e, '', this.env)) : v;
    });
  }

  private rawVariable(name: string): Value {
    {
      const decl = this.config.variables.get(name);
      const input = this.parent ? this.parent.call.body[name] : undefined;
      if (this.parent && input !== undefined) return this.unit(() => this.ctx.evaluator.raw(input, this.parent!.env), this.parent.call);
      if (!this.parent && name in this.root.tfvars) return this.unit(() => this.ctx.evaluator.raw(this.root.tfvars[name], this.env), decl);
      if (decl && 'default' in decl.body) return this.unit(() => this.ctx.evaluator.raw(decl.body['default'], this.env), decl);
      if (!decl) return unknown(`var.${name}`);
      if (this.parent) {
        const c = this.parent.call;
        this.ctx.diagnostics.warning(
          'tf-input-missing',
          { file: c.file, line: c.line },
          `module "${c.name}" does not set required input "${name}"; values that use it stay unknown`,
        );
      } else {
        this.ctx.diagnostics.info(
          'tf-variable-unset',
          { file: decl.file, line: decl.line },
          `variable "${name}" has no default and no value in terraform.tfvars, *.auto.tfvars or --var-file; values that use it stay unknown`,
        );
      }
      return unknown(`var.${name}`);
    }
  }

  local(name: string): Value {
    return this.memo(this.localMemo, `local.${name}`, () => {
      const decl = this.config.locals.get(name);
      if (!decl) return unknown(`local.${name}`);
      return this.unit(() => this.ctx.evaluator.raw(decl.body['value'], this.env), decl);
    });
  }

  moduleValue(name: string, output: string | undefined): Value {
    const child = this.child(name);
    if (child === undefined || child === null) return unknown(output ? `module.${name}.${output}` : `module.${name}`);
    if (!(child instanceof Instance)) {
      const ref = { $ref: this.address('module', undefined, name) };
      return output ? { ...ref, attribute: output } : ref;
    }
    if (output) return child.output(output);
    const all: ValueObject = {};
    for (const o of [...child.config.outputs.keys()].sort(compareStrings)) all[o] = child.output(o);
    return all;
  }

  resourceAddress(type: string, name: string, data: boolean): string | undefined {
    const kind = data ? 'data' : 'resource';
    return this.resourceIndex.has(`${kind}.${type}.${name}`) ? this.address(kind, type, name) : undefined;
  }

  output(name: string): Value {
    return this.memo(this.outputMemo, `output.${name}`, () => {
      const decl = this.config.outputs.get(name);
      if (!decl) return unknown(`module output ${name}`);
      return this.unit(() => this.ctx.evaluator.raw(decl.body['value'], this.env), decl);
    });
  }

  private memo(map: Map<string, Value>, key: string, compute: () => Value): Value {
    const hit = map.get(key);
    if (hit !== undefined) return hit;
    if (this.inProgress.has(key)) return unknown(key); // a cycle: Terraform would refuse it
    this.inProgress.add(key);
    try {
      const v = compute();
      map.set(key, v);
      return v;
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** One bounded evaluation; running out of budget is a diagnostic on the declaration and an unknown. */
  unit(fn: () => Value, at: BlockDecl | undefined, what?: string): Value {
    try {
      return this.ctx.evaluator.unit(fn);
    } catch (e) {
      if (!(e instanceof EvalLimitError)) throw e;
      const loc = at ? { file: at.file, line: at.line } : { file: this.config.files[0] ?? this.config.dir, line: 1 };
      this.ctx.diagnostics.warning('tf-eval-limit', loc, `${what ?? 'this value'} was not evaluated: ${e.message}; it is left unknown`);
      return unknown(what ?? 'expression over the evaluation limit');
    }
  }

  // ---- module calls ---------------------------------------------------------------------------

  private child(name: string): Instance | { opaque: string } | null | undefined {
    this.children ??= new Map();
    if (this.children.has(name)) return this.children.get(name);
    const call = this.config.modules.get(name);
    if (!call) return undefined;
    this.children.set(name, null); // guards against a call graph that loops back here while resolving
    const made = this.makeChild(call);
    this.children.set(name, made);
    return made;
  }

  private makeChild(call: BlockDecl): Instance | { opaque: string } | null {
    const loc = { file: call.file, line: call.line };
    const rawSource = call.body['source'];
    const source = typeof rawSource === 'string' ? rawSource : undefined;
    if (source === undefined) {
      this.ctx.diagnostics.error('tf-module-source', loc, `module "${call.name}" has no literal source string; it is not followed`);
      return { opaque: `module "${call.name}" has no literal source` };
    }
    const resolved = this.ctx.resolveModule(this, call, source);
    if ('opaque' in resolved) return resolved;
    if ('missing' in resolved) {
      this.ctx.diagnostics.error('tf-module-missing', loc, resolved.missing);
      return { opaque: resolved.missing };
    }
    const chain = [...this.chain, this.config.dir];
    if (chain.includes(resolved.dir)) {
      this.ctx.diagnostics.error(
        'tf-module-recursion',
        loc,
        `module "${call.name}" calls ${resolved.dir || '.'}, which is already being instantiated (${[...chain, resolved.dir].map((d) => d || '.').join(' → ')}); recursion stopped here`,
      );
      return null;
    }
    if (chain.length >= MAX_MODULE_DEPTH) {
      this.ctx.diagnostics.error('tf-module-depth', loc, `module "${call.name}" is nested over ${MAX_MODULE_DEPTH} levels deep; not followed`);
      return null;
    }
    const config = this.ctx.configs.get(resolved.dir)!;
    const m = this.multiplicity(call);
    const path = `${this.path ? `${this.path}.` : ''}module.${call.name}`;
    const outer = this.parent?.multiplicity;
    return new Instance(this.ctx, config, path, this.rootPrefix, this.root, {
      instance: this,
      call,
      env: { scope: this, vars: m.vars },
      multiplicity: combine(outer, m.value),
    }, chain);
  }

  /** count / for_each of a block: a number when known, else the expression text. */
  multiplicity(decl: BlockDecl): Multiplicity {
    const vars = new Map<string, Value>();
    const body = decl.body;
    if ('count' in body) {
      const v = this.unit(() => this.ctx.evaluator.raw(body['count'], this.env), decl, 'count');
      if (typeof v === 'number') {
        if (v === 1) vars.set('count', { index: 0 });
        const m: Multiplicity = { value: v, vars };
        if (v > 1 && v <= MAX_EXPANDED_INSTANCES)
          m.instances = Array.from({ length: v }, (_, i) => ({ key: i, vars: new Map<string, Value>([['count', { index: i }]]) }));
        return m;
      }
      return { value: exprText(body['count']), vars };
    }
    if ('for_each' in body) {
      const v = this.unit(() => this.ctx.evaluator.raw(body['for_each'], this.env), decl, 'for_each');
      if (isList(v) || isObject(v)) {
        const entries: Array<[string, Value]> = isList(v) ? v.map((x) => [typeof x === 'string' ? x : JSON.stringify(x), x]) : Object.entries(v);
        if (entries.length === 1) vars.set('each', { key: entries[0]![0], value: entries[0]![1] });
        const m: Multiplicity = { value: entries.length, vars };
        if (entries.length > 1 && entries.length <= MAX_EXPANDED_INSTANCES)
          m.instances = entries
            .sort((a, b) => compareStrings(a[0], b[0]))
            .map(([key, value]) => ({ key, vars: new Map<string, Value>([['each', { key, value }]]) }));
        return m;
      }
      return { value: exprText(body['for_each']), vars };
    }
    return { vars };
  }

  // ---- resources ------------------------------------------------------------------------------

  /** This instance's resources, then its children's, depth first (the pipeline sorts them anyway). */
  emit(out: Resource[], skipped: string[]): void {
    const own = this.parent?.multiplicity;
    for (const decl of this.config.resources) {
      const m = this.multiplicity(decl);
      const address = this.address(decl.kind === 'data' ? 'data' : 'resource', decl.type, decl.name);
      if (m.value === 0) {
        skipped.push(address.replace(/^tf:/, ''));
        continue;
      }
      const env: EvalEnv = { scope: this, vars: m.vars };
      const lines = { ...decl.lines };
      let attributes: Value;
      try {
        attributes = this.unit(() => this.body(decl.body, env, lines, ''), decl, `${address.replace(/^tf:/, '')}`);
      } catch (e) {
        // A stack overflow (a chain of thousands of locals) or an evaluator bug: keep the resource,
        // without its values, rather than lose the whole scan.
        this.ctx.diagnostics.error(
          'tf-eval-error',
          { file: decl.file, line: decl.line },
          `${address.replace(/^tf:/, '')} could not be evaluated (${(e as Error).message}); it is kept without attributes`,
        );
        attributes = {};
      }
      if (m.instances && isObject(attributes) && Object.keys(attributes).length > 0) {
        // Per-instance values (listener ports, rule CIDRs from a for_each map): one Resource still,
        // with each instance's evaluated body under `$instances` for semantics that want them.
        attributes['$instances'] = m.instances.map((inst) => ({
          key: inst.key,
          attributes: this.unit(() => this.body(decl.body, { scope: this, vars: inst.vars }, {}, ''), decl, `${address.replace(/^tf:/, '')}[${JSON.stringify(inst.key)}]`),
        }));
      }
      const r: Resource = {
        format: 'tf',
        type: decl.kind === 'data' ? `data.${decl.type}` : decl.type!,
        address,
        name: decl.name,
        attributes: isObject(attributes) ? attributes : { $unknown: (attributes as { $unknown?: string }).$unknown ?? '' },
        location: { file: decl.file, line: decl.line },
      };
      if (Object.keys(lines).length) r.lines = sortLines(lines);
      if (this.path) r.group = `${this.rootPrefix}${this.path}`;
      const mult = combine(own, m.value);
      if (mult !== undefined) r.multiplicity = mult;
      if (decl.suppressions.length) r.suppressions = suppressions(decl);
      out.push(r);
    }
    for (const name of [...this.config.modules.keys()].sort(compareStrings)) {
      const call = this.config.modules.get(name)!;
      const m = this.multiplicity(call);
      if (m.value === 0) {
        skipped.push(`${this.rootPrefix}${this.path ? `${this.path}.` : ''}module.${name}`);
        continue;
      }
      const child = this.child(name);
      if (child instanceof Instance) child.emit(out, skipped);
      else if (child) out.push(this.opaqueModule(call, child.opaque, m));
    }
  }

  /** A module we cannot read: one Resource of type `module`, its inputs as attributes. */
  private opaqueModule(call: BlockDecl, reason: string, m: Multiplicity): Resource {
    const env: EvalEnv = { scope: this, vars: m.vars };
    const attributes: ValueObject = {};
    for (const k of Object.keys(call.body).sort(compareStrings)) {
      if (k === 'count' || k === 'for_each' || k === 'providers' || k === 'depends_on') continue;
      attributes[k] = this.unit(() => this.ctx.evaluator.raw(call.body[k], env), call, `module.${call.name}.${k}`);
    }
    attributes['$unresolved'] = reason;
    const r: Resource = {
      format: 'tf',
      type: 'module',
      address: this.address('module', undefined, call.name),
      name: call.name,
      attributes,
      location: { file: call.file, line: call.line },
    };
    if (Object.keys(call.lines).length) r.lines = sortLines(call.lines);
    if (this.path) r.group = `${this.rootPrefix}${this.path}`;
    const mult = combine(this.parent?.multiplicity, m.value);
    if (mult !== undefined) r.multiplicity = mult;
    if (call.suppressions.length) r.suppressions = suppressions(call);
    return r;
  }

  /**
   * Evaluate a block body: nested blocks stay arrays of objects, `dynamic` blocks are expanded into
   * the blocks they generate (one per element when for_each is known; one with unknown values when not).
   */
  private body(body: Record<string, unknown>, env: EvalEnv, lines: Record<string, number>, prefix: string): Value {
    const out: ValueObject = {};
    const ev = this.ctx.evaluator;
    for (const key of Object.keys(body).sort(compareStrings)) {
      const v = body[key];
      if (prefix === '' && META.has(key)) continue;
      if (key === 'dynamic') continue;
      if (prefix === '' && key === 'provider') {
        out[key] = exprText(v);
        continue;
      }
      if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x) && !hasDollarKey(x))) {
        out[key] = v.map((x, i) => this.body(x as Record<string, unknown>, env, lines, `${prefix}${key}[${i}].`));
      } else out[key] = ev.raw(v, env);
    }
    const dyn = body['dynamic'];
    if (typeof dyn === 'object' && dyn !== null) {
      for (const label of Object.keys(dyn).sort(compareStrings)) {
        const specs = (dyn as Record<string, unknown>)[label];
        for (const [si, spec] of (Array.isArray(specs) ? specs : [specs]).entries()) {
          if (typeof spec !== 'object' || spec === null) continue;
          const s = spec as Record<string, unknown>;
          const iterator = typeof s['iterator'] === 'string' ? exprText(s['iterator']) : label;
          const content = (Array.isArray(s['content']) ? s['content'][0] : s['content']) as Record<string, unknown> | undefined;
          if (!content) continue;
          const coll = ev.raw(s['for_each'], env);
          const list = (out[label] = isList(out[label] ?? null) ? (out[label] as Value[]) : []);
          const dynLine = lines[`${prefix}dynamic.${label}[${si}]`];
          const items: Array<[Value, Value]> = isList(coll)
            ? coll.map((x, i) => [i, x])
            : isObject(coll)
              ? Object.keys(coll).sort(compareStrings).map((k) => [k, coll[k]!])
              : [[unknown(`${iterator}.key`), unknown(`${iterator}.value`)]];
          if (items.length > 10_000) throw new EvalLimitError(`dynamic "${label}" over ${items.length} elements`);
          for (const [k, x] of items) {
            const vars = new Map(env.vars);
            vars.set(iterator, { key: k, value: x });
            if (dynLine !== undefined) lines[`${prefix}${label}[${list.length}]`] ??= dynLine;
            list.push(this.body(content, { scope: this, vars }, lines, `${prefix}${label}[${list.length}].`));
          }
        }
      }
    }
    return out;
  }
}

function hasDollarKey(x: object): boolean {
  return '$ref' in x || '$unknown' in x || '$template' in x;
}

/** Expression text of a raw hcl2json value (`"${var.n}"` → `var.n`). */
export function exprText(v: unknown): string {
  if (typeof v === 'string') {
    const m = /^\$\{([\s\S]*)\}$/.exec(v);
    return (m ? m[1]! : v).trim();
  }
  return JSON.stringify(v);
}

function combine(outer: number | string | undefined, inner: number | string | undefined): number | string | undefined {
  if (outer === undefined) return inner;
  if (inner === undefined) return outer;
  if (typeof outer === 'number' && typeof inner === 'number') return outer * inner;
  return `${outer} × ${inner}`;
}

function sortLines(lines: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(lines).sort(compareStrings)) out[k] = lines[k]!;
  return out;
}

function suppressions(decl: BlockDecl): Suppression[] {
  return decl.suppressions.map((s) => ({ ruleId: s.ruleId, reason: s.reason, location: { file: decl.file, line: s.line } }));
}

export function isSymbolicValue(v: Value): boolean {
  return isSymbolic(v);
}
