/**
 * Evaluating CloudFormation intrinsics against one stack: Parameters (defaults, or the values a parent
 * stack passes), Conditions, Mappings, pseudo parameters, `Ref`/`Fn::GetAtt` to resources (kept as
 * ResourceRef), `Fn::Sub` (into TemplateValue), `Fn::ImportValue` (through the scan's Exports) and the
 * outputs of nested stacks. What cannot be decided becomes an UnknownValue that says what was written.
 */
import type { ResourceRef, TemplateValue, UnknownValue } from '../../src/graph/resource.js';
import { isResourceRef, isTemplateValue, isUnknownValue, plainString } from '../../src/graph/resource.js';
import { isObject, type Json, type JsonObject } from './template.js';

/** What a resolved value may hold besides JSON: references, templates and unknowns. */
export type Value = null | boolean | number | string | Value[] | { [k: string]: Value } | ResourceRef | TemplateValue | UnknownValue;

/** `AWS::NoValue`: the key or list item it stands in disappears. */
const NO_VALUE = Symbol('AWS::NoValue');
type Resolved = Value | typeof NO_VALUE;

export interface StackScope {
  /** `cfn:<stack>/` prefix of this stack's resource addresses. */
  readonly addressPrefix: string;
  readonly body: JsonObject;
  /** Parameter values passed in by a parent stack (already resolved in the parent). */
  readonly passedParameters: ReadonlyMap<string, Value>;
  /** `Fn::GetAtt Child.Outputs.X` on an AWS::CloudFormation::Stack with a local template. */
  nestedOutput(logicalId: string, output: string): Value | undefined;
  /** `Fn::ImportValue name` across the templates of the scan. */
  importValue(name: string): Value | undefined;
}

const PSEUDO_UNKNOWN = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::StackId', 'AWS::StackName', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::NotificationARNs']);

export class Resolver {
  private readonly conditionCache = new Map<string, boolean | undefined>();
  private readonly resolving = new Set<string>();

  constructor(private readonly scope: StackScope) {}

  private get resources(): JsonObject {
    return isObject(this.scope.body.Resources) ? this.scope.body.Resources : {};
  }
  private get parameters(): JsonObject {
    return isObject(this.scope.body.Parameters) ? this.scope.body.Parameters : {};
  }

  /** Resolve a value; `AWS::NoValue` at the top comes back as undefined. */
  resolve(v: Json | undefined): Value | undefined {
    if (v === undefined) return undefined;
    const r = this.value(v, 0);
    return r === NO_VALUE ? undefined : r;
  }

  /** A Condition by name: true/false when decidable from the parameters, undefined when not. */
  condition(name: string): boolean | undefined {
    if (this.conditionCache.has(name)) return this.conditionCache.get(name);
    const conditions = isObject(this.scope.body.Conditions) ? this.scope.body.Conditions : {};
    if (!(name in conditions) || this.resolving.has(`cond:${name}`)) return undefined;
    this.resolving.add(`cond:${name}`);
    const r = this.truth(conditions[name]!, 0);
    this.resolving.delete(`cond:${name}`);
    this.conditionCache.set(name, r);
    return r;
  }

  private truth(v: Json, depth: number): boolean | undefined {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') return v === 'true' ? true : v === 'false' ? false : undefined;
    if (!isObject(v) || depth > 64) return undefined;
    const [fn, arg] = single(v);
    const args = Array.isArray(arg) ? arg : [];
    switch (fn) {
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg) : undefined;
      case 'Fn::Not': {
        const x = args[0] === undefined ? undefined : this.truth(args[0], depth + 1);
        return x === undefined ? undefined : !x;
      }
      case 'Fn::And': {
        const xs = args.map((a) => this.truth(a, depth + 1));
        return xs.includes(false) ? false : xs.includes(undefined) ? undefined : true;
      }
      case 'Fn::Or': {
        const xs = args.map((a) => this.truth(a, depth + 1));
        return xs.includes(true) ? true : xs.includes(undefined) ? undefined : false;
      }
      case 'Fn::Equals': {
        if (args.length !== 2) return undefined;
        const a = plainString(this.resolve(args[0]!));
        const b = plainString(this.resolve(args[1]!));
        return a === undefined || b === undefined ? undefined : a === b;
      }
      default:
        return undefined;
    }
  }

  private value(v: Json, depth: number): Resolved {
    if (depth > 200) return { $unknown: 'nesting too deep' };
    if (Array.isArray(v)) {
      const out: Value[] = [];
      for (const x of v) {
        const r = this.value(x, depth + 1);
        if (r !== NO_VALUE) out.push(r);
      }
      return out;
    }
    if (!isObject(v)) return v;
    const [fn, arg] = single(v);
    if (fn !== undefined && (fn === 'Ref' || fn === 'Condition' || fn.startsWith('Fn::'))) return this.intrinsic(fn, arg!, depth);
    const out: { [k: string]: Value } = {};
    for (const [k, x] of Object.entries(v)) {
      const r = this.value(x, depth + 1);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  private intrinsic(fn: string, arg: Json, depth: number): Resolved {
    const args = Array.isArray(arg) ? arg : [];
    switch (fn) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg) : { $unknown: 'Ref' };
      case 'Fn::GetAtt': {
        const parts = Array.isArray(arg) ? arg : typeof arg === 'string' ? splitFirstDot(arg) : [];
        const res = typeof parts[0] === 'string' ? parts[0] : undefined;
        const attr = plainString(parts[1] === undefined ? '' : this.resolve(parts[1]));
        return res === undefined ? { $unknown: 'Fn::GetAtt' } : this.getAtt(res, attr ?? '');
      }
      case 'Fn::Sub':
        return this.sub(arg, depth);
      case 'Fn::Join': {
        const sep = plainString(this.resolve(args[0] ?? '')) ?? '';
        const list = this.resolve(args[1] ?? []);
        if (!Array.isArray(list)) return templateOf(pieceOf(list ?? ''));
        const pieces: Array<string | ResourceRef | UnknownValue> = [];
        list.forEach((x, i) => {
          if (i > 0) pieces.push(sep);
          pieces.push(...pieceOf(x));
        });
        return templateOf(pieces);
      }
      case 'Fn::Select': {
        const i = Number(plainString(this.resolve(args[0] ?? '')));
        const list = this.resolve(args[1] ?? []);
        return Array.isArray(list) && Number.isInteger(i) && list[i] !== undefined ? list[i]! : { $unknown: 'Fn::Select' };
      }
      case 'Fn::Split': {
        const sep = plainString(this.resolve(args[0] ?? ''));
        const input = this.resolve(args[1] ?? '');
        // `!Split [",", !Ref ListParam]` on a list that is already split (a nested stack's list parameter).
        if (Array.isArray(input)) return input;
        const parts = sep ? splitValue(input, sep) : undefined;
        return parts ?? { $unknown: 'Fn::Split' };
      }
      case 'Fn::FindInMap': {
        const keys = args.map((a) => plainString(this.resolve(a)));
        const mappings = isObject(this.scope.body.Mappings) ? this.scope.body.Mappings : {};
        const [m, k1, k2] = keys;
        const top = m !== undefined ? mappings[m] : undefined;
        const mid = isObject(top) && k1 !== undefined ? top[k1] : undefined;
        const leaf = isObject(mid) && k2 !== undefined ? mid[k2] : undefined;
        if (leaf !== undefined) return this.value(leaf, depth + 1);
        return { $unknown: `Fn::FindInMap ${keys.map((k) => k ?? '?').join('/')}` };
      }
      case 'Fn::If': {
        const name = typeof args[0] === 'string' ? args[0] : undefined;
        const c = name ? this.condition(name) : undefined;
        // Undecidable: take the "true" branch, which is the one that creates something to analyse.
        const branch = c === false ? args[2] : args[1];
        return branch === undefined ? NO_VALUE : this.value(branch, depth + 1);
      }
      case 'Fn::ImportValue': {
        const name = plainString(this.resolve(arg));
        const v = name !== undefined ? this.scope.importValue(name) : undefined;
        return v ?? { $unknown: `Fn::ImportValue ${name ?? '(computed name)'}` };
      }
      case 'Fn::Base64':
        return this.value(arg, depth + 1);
      case 'Condition': {
        const c = typeof arg === 'string' ? this.condition(arg) : undefined;
        return c === undefined ? { $unknown: `Condition ${String(arg)}` } : c;
      }
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not': {
        const t = this.truth({ [fn]: arg }, depth + 1);
        return t === undefined ? { $unknown: fn } : t;
      }
      default:
        // GetAZs, Cidr, Transform, ToJsonString, Length, Fn::Unknown (undefined tags) …
        return { $unknown: fn === 'Fn::Unknown' && isObject(arg) ? `${String(arg.tag)} ${typeof arg.value === 'string' ? arg.value : ''}`.trim() : fn };
    }
  }

  private ref(name: string): Resolved {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (PSEUDO_UNKNOWN.has(name)) return { $unknown: name };
    const p = this.parameters[name];
    if (this.scope.passedParameters.has(name)) {
      const v = this.scope.passedParameters.get(name)!;
      // A parent passes lists to a nested stack as comma-joined text; the child's list type splits it.
      const isList = isObject(p) && typeof p.Type === 'string' && (p.Type.startsWith('List<') || p.Type === 'CommaDelimitedList');
      return isList && !Array.isArray(v) ? splitValue(v, ',') ?? v : v;
    }
    if (isObject(p)) {
      if (p.Default === undefined) return { $unknown: `parameter ${name}` };
      // SSM parameter types hold a parameter *path*, not the value.
      if (typeof p.Type === 'string' && p.Type.startsWith('AWS::SSM::Parameter::Value')) return { $unknown: `parameter ${name} (SSM ${String(p.Default)})` };
      const d = p.Default;
      return typeof p.Type === 'string' && p.Type.startsWith('List<') || p.Type === 'CommaDelimitedList'
        ? typeof d === 'string' ? d.split(',').map((s) => s.trim()) : (d as Value)
        : (d as Value);
    }
    if (name in this.resources) return { $ref: this.scope.addressPrefix + name };
    return { $unknown: `Ref ${name}` };
  }

  private getAtt(res: string, attr: string): Resolved {
    if (attr.startsWith('Outputs.')) {
      const out = this.scope.nestedOutput(res, attr.slice('Outputs.'.length));
      if (out !== undefined) return out;
    }
    if (!(res in this.resources)) return { $unknown: `Fn::GetAtt ${res}.${attr}` };
    const r: ResourceRef = { $ref: this.scope.addressPrefix + res };
    if (attr) r.attribute = attr;
    return r;
  }

  private sub(arg: Json, depth: number): Resolved {
    const [text, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
    if (typeof text !== 'string') return { $unknown: 'Fn::Sub' };
    const local = new Map<string, Value>();
    if (isObject(vars)) for (const [k, x] of Object.entries(vars)) {
      const r = this.value(x, depth + 1);
      local.set(k, r === NO_VALUE ? '' : r);
    }
    const pieces: Array<string | ResourceRef | UnknownValue> = [];
    const re = /\$\{([^}]*)\}/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      pieces.push(text.slice(last, m.index));
      last = m.index + m[0].length;
      const name = m[1]!.trim();
      if (name.startsWith('!')) {
        pieces.push('${' + name.slice(1) + '}');
        continue;
      }
      let v: Resolved;
      if (local.has(name)) v = local.get(name)!;
      else if (name.includes('.') && !name.startsWith('AWS::')) {
        const [res, attr] = splitFirstDot(name);
        v = this.getAtt(res!, attr!);
      } else v = this.ref(name);
      pieces.push(...pieceOf(v === NO_VALUE ? '' : v));
    }
    pieces.push(text.slice(last));
    return templateOf(pieces);
  }
}

/** Split text, or a template whose text pieces hold the separators, into a list (references kept whole). */
function splitValue(v: Value | undefined, sep: string): Value[] | undefined {
  if (v === undefined) return undefined;
  const pieces = isTemplateValue(v) ? v.$template : typeof v === 'string' ? [v] : undefined;
  if (!pieces) return undefined;
  const out: Value[] = [];
  let cur: Array<string | ResourceRef | UnknownValue> = [];
  const flush = () => {
    out.push(templateOf(cur));
    cur = [];
  };
  for (const p of pieces) {
    if (typeof p !== 'string') {
      cur.push(p);
      continue;
    }
    const parts = p.split(sep);
    parts.forEach((x, i) => {
      if (i > 0) flush();
      if (x) cur.push(x);
    });
  }
  flush();
  return out;
}

function single(v: JsonObject): [string | undefined, Json | undefined] {
  const keys = Object.keys(v);
  return keys.length === 1 ? [keys[0], v[keys[0]!]] : [undefined, undefined];
}

function splitFirstDot(s: string): [string, string] {
  const i = s.indexOf('.');
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

function pieceOf(v: Value): Array<string | ResourceRef | UnknownValue> {
  if (isTemplateValue(v)) return v.$template;
  if (isResourceRef(v) || isUnknownValue(v)) return [v];
  const s = plainString(v);
  return s !== undefined ? [s] : [{ $unknown: 'a list or object inside a string' }];
}

/** Plain text when every piece is text; else a TemplateValue (adjacent text merged). */
function templateOf(pieces: Array<string | ResourceRef | UnknownValue>): Value {
  const merged: Array<string | ResourceRef | UnknownValue> = [];
  for (const p of pieces) {
    if (p === '') continue;
    const prev = merged[merged.length - 1];
    if (typeof p === 'string' && typeof prev === 'string') merged[merged.length - 1] = prev + p;
    else merged.push(p);
  }
  if (merged.length === 0) return '';
  if (merged.length === 1 && typeof merged[0] === 'string') return merged[0];
  if (merged.length === 1 && (isResourceRef(merged[0]) || isUnknownValue(merged[0]))) return merged[0]!;
  return { $template: merged };
}
