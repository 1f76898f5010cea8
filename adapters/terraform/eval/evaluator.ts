/**
 * Evaluates HCL expressions (parsed by ../expr/parser.ts) against a module instance's scope. Values
 * that only exist at apply time become references (`aws_lb.web.dns_name` → ResourceRef); what cannot
 * be known becomes `{ $unknown: <expression text> }`. Evaluation is bounded by a step budget so that
 * a `for` over a huge range ends in EvalLimitError, never a hang.
 */
import type { ResourceRef } from '../../../src/graph/resource.js';
import { isResourceRef, isTemplateValue, isUnknownValue } from '../../../src/graph/resource.js';
import type { Expr, TemplatePart, Traversal } from '../expr/ast.js';
import { ExprSyntaxError, hasTemplateSyntax, parseExpression, parseTemplate, simplifyTemplate } from '../expr/parser.js';
import { foldDirectives, type DirectiveNode } from './directives.js';
import { FUNCTIONS, UNKNOWN_RESULT, type FnEnv } from './functions.js';
import {
  EvalError,
  EvalLimitError,
  asBool,
  asNumber,
  concatPieces,
  isList,
  isObject,
  isPlain,
  isSymbolic,
  piecesOf,
  primitiveText,
  unknown,
  type Value,
  type ValueObject,
} from './values.js';

/** What an expression can name: implemented by a module instance. */
export interface EvalScope {
  variable(name: string): Value;
  local(name: string): Value;
  /** `module.<name>` (output undefined) or `module.<name>.<output>`. */
  moduleValue(name: string, output: string | undefined): Value;
  /** The address of a resource (`aws_lb.web`) or data source declared in this module, else undefined. */
  resourceAddress(type: string, name: string, data: boolean): string | undefined;
  readonly pathModule: string;
  readonly pathRoot: string;
  readonly fnEnv: FnEnv;
}

export interface EvalEnv {
  scope: EvalScope;
  /** for-expression variables, `each`, `count`, dynamic-block iterators. */
  vars: ReadonlyMap<string, Value>;
}

/** Steps one top-level value may take; a `for` over range(1e6) stops well before a human notices. */
export const DEFAULT_STEP_BUDGET = 200_000;
export const MAX_ELEMENTS = 10_000;

/** Parsed templates by text: the same strings recur across module instances. */
const templateCache = new Map<string, Expr | ExprSyntaxError>();

/** The expression a hcl2json string value stands for (`"${var.x}"`, `"name-${var.env}"`, `"plain"`). */
export function parseValueString(s: string): Expr | ExprSyntaxError {
  const cached = templateCache.get(s);
  if (cached) return cached;
  let result: Expr | ExprSyntaxError;
  try {
    result = simplifyTemplate(parseTemplate(s), { start: 0, end: s.length });
  } catch (e) {
    result = e instanceof ExprSyntaxError ? e : new ExprSyntaxError(String(e));
  }
  if (templateCache.size > 50_000) templateCache.clear();
  templateCache.set(s, result);
  return result;
}

export class Evaluator {
  private steps = 0;
  constructor(private readonly budget = DEFAULT_STEP_BUDGET) {}

  /**
   * One unit of evaluation (a variable, a local, an output, a resource body) with its own budget. Units
   * nest (a body pulls in a local); the outer unit's count resumes when the inner one is done.
   */
  unit<T>(fn: () => T): T {
    const saved = this.steps;
    this.steps = 0;
    try {
      return fn();
    } finally {
      this.steps = saved;
    }
  }

  /**
   * Evaluate a raw hcl2json value (strings may hold templates; objects and arrays are walked).
   * Definite errors become unknowns here; only EvalLimitError escapes.
   */
  raw(v: unknown, env: EvalEnv): Value {
    if (typeof v === 'string') {
      if (!hasTemplateSyntax(v)) return v;
      const expr = parseValueString(v);
      if (expr instanceof ExprSyntaxError) return unknown(v);
      return this.safe(expr, v, env);
    }
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
    if (Array.isArray(v)) return v.map((x) => this.raw(x, env));
    if (typeof v === 'object') {
      const out: ValueObject = {};
      for (const [k, x] of Object.entries(v as object)) {
        // Keys that are expressions come as `${(var.k)}`.
        const key = hasTemplateSyntax(k) ? primitiveText(this.raw(k, env)) : k;
        if (key === undefined) {
          out[k] = this.raw(x, env);
          continue;
        }
        out[key] = this.raw(x, env);
      }
      return out;
    }
    return null;
  }

  /** Evaluate source text (`count`, `for_each` written as an expression). */
  source(text: string, env: EvalEnv): Value {
    let expr: Expr;
    try {
      expr = parseExpression(text);
    } catch {
      return unknown(text);
    }
    return this.safe(expr, text, env);
  }

  private safe(expr: Expr, src: string, env: EvalEnv): Value {
    try {
      return this.eval(expr, src, env);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      const inner = expr.kind === 'template' && expr.parts.length === 1 && expr.parts[0]!.kind === 'interp' ? expr.parts[0]!.expr : expr;
      return unknown(textOf(inner, src));
    }
  }

  eval(e: Expr, src: string, env: EvalEnv): Value {
    if (++this.steps > this.budget) throw new EvalLimitError(`evaluation took over ${this.budget} steps`);
    switch (e.kind) {
      case 'literal':
        return e.value;
      case 'template':
        return this.template(e.parts, e, src, env);
      case 'tuple':
        return e.items.map((x) => this.eval(x, src, env));
      case 'object': {
        const out: ValueObject = {};
        for (const { key, value } of e.items) {
          // A key that is not known yet (`"cluster/${local.id}" = …`) is kept as written, so one such
          // key does not make the whole map unknown.
          const k = primitiveText(this.eval(key, src, env)) ?? textOf(key, src).replace(/^"|"$/g, '');
          out[k] = this.eval(value, src, env);
        }
        return out;
      }
      case 'var':
      case 'getattr':
      case 'index':
        return this.traversal(e, src, env);
      case 'splat': {
        const target = this.eval(e.target, src, env);
        if (target === null) return [];
        if (isResourceRef(target)) return [this.applySteps(target, e.each, e, src, env)];
        if (isSymbolic(target)) return unknown(textOf(e, src));
        const items = isList(target) ? target : [target];
        return items.map((x) => this.applySteps(x, e.each, e, src, env));
      }
      case 'call':
        return this.call(e, src, env);
      case 'unary': {
        const v = this.eval(e.operand, src, env);
        if (e.op === '!') {
          const b = asBool(v);
          return b === undefined ? unknown(textOf(e, src)) : !b;
        }
        const n = asNumber(v);
        return n === undefined ? unknown(textOf(e, src)) : -n;
      }
      case 'binary':
        return this.binary(e, src, env);
      case 'cond': {
        const t = asBool(this.eval(e.test, src, env));
        if (t === undefined) return unknown(textOf(e, src));
        return this.eval(t ? e.then : e.else, src, env);
      }
      case 'for':
        return this.forExpr(e, src, env);
      case 'opaque':
        return unknown(textOf(e, src));
    }
  }

  private template(parts: TemplatePart[], node: Expr, src: string, env: EvalEnv): Value {
    if (parts.length === 1 && parts[0]!.kind === 'interp') return this.eval(parts[0]!.expr, src, env);
    const tree = parts.some((p) => p.kind === 'directive') ? foldDirectives(parts) : (parts as DirectiveNode[]);
    if (!tree) return unknown(textOf(node, src));
    const pieces: Parameters<typeof concatPieces>[0] = [];
    return this.render(tree, pieces, src, env) ? concatPieces(pieces) : unknown(textOf(node, src));
  }

  /** Render template nodes into pieces; false when a condition, collection or value is not known. */
  private render(nodes: DirectiveNode[], pieces: Parameters<typeof concatPieces>[0], src: string, env: EvalEnv): boolean {
    for (const n of nodes) {
      if (++this.steps > this.budget) throw new EvalLimitError(`evaluation took over ${this.budget} steps`);
      if (n.kind === 'text') pieces.push(n.text);
      else if (n.kind === 'interp') {
        const ps = piecesOf(this.eval(n.expr, src, env));
        if (!ps) return false;
        pieces.push(...ps);
      } else if (n.kind === 'if') {
        const c = asBool(this.eval(n.cond, n.src, env));
        if (c === undefined || !this.render(c ? n.then : n.else, pieces, src, env)) return false;
      } else {
        const coll = this.eval(n.coll, n.src, env);
        const entries: Array<[Value, Value]> = isList(coll) ? coll.map((v, i) => [i, v]) : isObject(coll) ? Object.keys(coll).sort().map((k) => [k, coll[k]!]) : [];
        if (!isList(coll) && !isObject(coll)) return false;
        for (const [k, v] of entries) {
          const vars = new Map(env.vars);
          if (n.keyVar !== undefined) vars.set(n.keyVar, k);
          vars.set(n.valVar, v);
          if (!this.render(n.body, pieces, src, { scope: env.scope, vars })) return false;
        }
      }
    }
    return true;
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>, src: string, env: EvalEnv): Value {
    const l = this.eval(e.left, src, env);
    if (e.op === '&&' || e.op === '||') {
      const lb = asBool(l);
      if (lb === false && e.op === '&&') return false;
      if (lb === true && e.op === '||') return true;
      const rb = asBool(this.eval(e.right, src, env));
      if (lb === undefined || rb === undefined) return unknown(textOf(e, src));
      return rb;
    }
    const r = this.eval(e.right, src, env);
    if ((e.op === '==' || e.op === '!=') && (l === null || r === null)) {
      // `var.x != null` is decidable even when x holds references: only an unknown could be null.
      const other = l === null ? r : l;
      if (!isUnknownValue(other)) return (other === null) === (e.op === '==');
    }
    if (!isPlain(l) || !isPlain(r)) return unknown(textOf(e, src));
    if (e.op === '==' || e.op === '!=') {
      const eq = JSON.stringify(l) === JSON.stringify(r);
      return e.op === '==' ? eq : !eq;
    }
    const a = asNumber(l);
    const b = asNumber(r);
    if (a === undefined || b === undefined) throw new EvalError(`operator ${e.op} needs numbers`);
    switch (e.op) {
      case '<': return a < b;
      case '>': return a > b;
      case '<=': return a <= b;
      case '>=': return a >= b;
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/':
        if (b === 0) throw new EvalError('division by zero');
        return a / b;
      case '%':
        if (b === 0) throw new EvalError('division by zero');
        return a % b;
    }
  }

  private forExpr(e: Extract<Expr, { kind: 'for' }>, src: string, env: EvalEnv): Value {
    const coll = this.eval(e.coll, src, env);
    if (coll === null) throw new EvalError('for: collection is null');
    let entries: Array<[Value, Value]>;
    if (isResourceRef(coll)) {
      // `[for s in aws_subnet.public : s.id]`: the instances of a resource are known only at apply time,
      // but each one is that resource, so one pass with the reference gives the shape (a list of refs).
      if (e.object) return unknown(textOf(e, src));
      entries = [[unknown(`${e.keyVar ?? 'key'}`), coll]];
    } else if (isList(coll)) entries = coll.map((v, i) => [i, v]);
    else if (isObject(coll)) entries = Object.keys(coll).sort().map((k) => [k, coll[k]!]);
    else return unknown(textOf(e, src));
    if (entries.length > MAX_ELEMENTS) throw new EvalLimitError(`for expression over ${entries.length} elements`);
    const listOut: Value[] = [];
    const objOut: Record<string, Value> = {};
    const grouped: Record<string, Value[]> = {};
    for (const [k, v] of entries) {
      const vars = new Map(env.vars);
      if (e.keyVar !== undefined) vars.set(e.keyVar, k);
      vars.set(e.valVar, v);
      const inner: EvalEnv = { scope: env.scope, vars };
      if (e.cond) {
        const c = asBool(this.eval(e.cond, src, inner));
        if (c === undefined) return unknown(textOf(e, src));
        if (!c) continue;
      }
      const value = this.eval(e.valExpr, src, inner);
      if (!e.object) {
        listOut.push(value);
        continue;
      }
      const key = primitiveText(this.eval(e.keyExpr!, src, inner));
      if (key === undefined) return unknown(textOf(e, src));
      if (e.grouping) (grouped[key] ??= []).push(value);
      else objOut[key] = value;
    }
    if (!e.object) return listOut;
    const source = e.grouping ? grouped : objOut;
    const out: ValueObject = {};
    for (const k of Object.keys(source).sort()) out[k] = source[k]!;
    return out;
  }

  private call(e: Extract<Expr, { kind: 'call' }>, src: string, env: EvalEnv): Value {
    const name = e.name.replace(/^core::/, '');
    if (name === 'try') {
      for (const a of e.args) {
        try {
          return this.eval(a, src, env);
        } catch (err) {
          if (!(err instanceof EvalError)) throw err;
        }
      }
      throw new EvalError('try: no argument could be evaluated');
    }
    if (name === 'can') {
      try {
        const v = this.eval(e.args[0]!, src, env);
        return isUnknownValue(v) ? unknown(textOf(e, src)) : true;
      } catch (err) {
        if (err instanceof EvalError) return false;
        throw err;
      }
    }
    const def = FUNCTIONS[name];
    if (!def) return unknown(textOf(e, src));
    let args = e.args.map((a) => this.eval(a, src, env));
    if (e.expandLast) {
      const last = args[args.length - 1];
      if (!isList(last ?? null)) return unknown(textOf(e, src));
      args = [...args.slice(0, -1), ...(last as Value[])];
    }
    if (def.plain && !args.every(isPlain)) return unknown(textOf(e, src));
    if (!def.plain && args.some((a) => isUnknownValue(a)) && name !== 'coalesce' && name !== 'try') return unknown(textOf(e, src));
    const r = def.fn(args, env.scope.fnEnv);
    return r === UNKNOWN_RESULT ? unknown(textOf(e, src)) : r;
  }

  // ---- traversals: var.x, local.x, module.m.out, aws_lb.web.dns_name, data.t.n.attr, each.value ----

  private traversal(e: Expr, src: string, env: EvalEnv): Value {
    const chain: Array<Extract<Expr, { kind: 'getattr' | 'index' }>> = [];
    let root: Expr = e;
    while (root.kind === 'getattr' || root.kind === 'index') {
      chain.unshift(root);
      root = root.target;
    }
    const steps: Traversal[] = chain.map((c) => (c.kind === 'getattr' ? { kind: 'attr', name: c.name } : { kind: 'index', index: c.index }));
    if (root.kind !== 'var') return this.applySteps(this.eval(root, src, env), steps, e, src, env);
    const name = root.name;
    if (env.vars.has(name)) return this.applySteps(env.vars.get(name)!, steps, e, src, env);
    const attr = (i: number) => (steps[i]?.kind === 'attr' ? (steps[i] as { name: string }).name : undefined);
    const { scope } = env;
    switch (name) {
      case 'var':
      case 'local': {
        const n = attr(0);
        if (!n) return unknown(textOf(e, src));
        const v = name === 'var' ? scope.variable(n) : scope.local(n);
        return this.applySteps(v, steps.slice(1), e, src, env);
      }
      case 'module': {
        const n = attr(0);
        if (!n) return unknown(textOf(e, src));
        // module.m[0].out / module.m["k"].out: instances share one evaluation.
        let i = 1;
        while (steps[i]?.kind === 'index') i++;
        const out = attr(i);
        return this.applySteps(scope.moduleValue(n, out), steps.slice(out ? i + 1 : i), e, src, env);
      }
      case 'data': {
        const type = attr(0);
        const n = attr(1);
        const address = type && n ? scope.resourceAddress(type, n, true) : undefined;
        if (!address) return unknown(textOf(e, src));
        return this.applySteps({ $ref: address }, steps.slice(2), e, src, env);
      }
      case 'path': {
        const n = attr(0);
        if (n === 'module') return scope.pathModule;
        if (n === 'root' || n === 'cwd') return scope.pathRoot;
        return unknown(textOf(e, src));
      }
      case 'terraform':
        return attr(0) === 'workspace' ? 'default' : unknown(textOf(e, src));
      case 'count':
      case 'each':
      case 'self':
        return unknown(textOf(e, src));
    }
    const n = attr(0);
    const address = n ? scope.resourceAddress(name, n, false) : undefined;
    if (!address) return unknown(textOf(e, src));
    return this.applySteps({ $ref: address }, steps.slice(1), e, src, env);
  }

  /** Apply attribute/index steps to a value. On a reference, names extend its attribute path and indexes (instances) are dropped. */
  private applySteps(v: Value, steps: Traversal[], node: Expr, src: string, env: EvalEnv): Value {
    let cur = v;
    for (const step of steps) {
      if (isResourceRef(cur)) {
        if (step.kind === 'attr') cur = extendRef(cur, step.name);
        continue;
      }
      if (isUnknownValue(cur) || isTemplateValue(cur)) return unknown(textOf(node, src));
      if (step.kind === 'attr') {
        if (isObject(cur)) {
          if (!(step.name in cur)) throw new EvalError(`no attribute "${step.name}"`);
          cur = cur[step.name]!;
        } else if (isList(cur) && cur.length > 0 && cur.every(isResourceRef)) {
          // Legacy `aws_x.y.*.id` parsed as getattr on a list of refs.
          cur = cur.map((r) => extendRef(r as ResourceRef, step.name));
        } else throw new EvalError(`cannot read "${step.name}" of a ${cur === null ? 'null' : typeof cur}`);
        continue;
      }
      const idx = this.eval(step.index, src, env);
      if (isSymbolic(idx)) return unknown(textOf(node, src));
      if (isList(cur)) {
        const i = asNumber(idx);
        if (i === undefined || i < 0 || i >= cur.length) throw new EvalError('index out of range');
        cur = cur[i]!;
      } else if (isObject(cur)) {
        const k = primitiveText(idx);
        if (k === undefined || !(k in cur)) throw new EvalError(`no key ${JSON.stringify(k)}`);
        cur = cur[k]!;
      } else throw new EvalError('cannot index a non-collection');
    }
    return cur;
  }
}

function extendRef(ref: ResourceRef, name: string): ResourceRef {
  return { $ref: ref.$ref, attribute: ref.attribute ? `${ref.attribute}.${name}` : name };
}

export function textOf(e: Expr, src: string): string {
  return src.slice(e.span.start, e.span.end) || src;
}
