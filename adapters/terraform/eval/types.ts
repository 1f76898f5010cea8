/**
 * Variable type constraints, as far as they change values: `optional(T, default)` attributes of
 * `object({...})` types are filled in (with the default, or null) where the caller left them out,
 * through `map(...)`, `list(...)`, `set(...)` and nested objects. Modern modules read
 * `each.value.port` on such objects and rely on Terraform having filled the gaps.
 */
import type { Expr } from '../expr/ast.js';
import { ExprSyntaxError, parseExpression } from '../expr/parser.js';
import { isList, isObject, type Value, type ValueObject } from './values.js';

const cache = new Map<string, Expr | null>();

/** The type expression of a variable's hcl2json `type` (`"${map(object({…}))}"`), or null. */
export function parseType(raw: unknown): Expr | null {
  if (typeof raw !== 'string') return null;
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const m = /^\$\{([\s\S]*)\}$/.exec(raw);
  let t: Expr | null = null;
  try {
    t = parseExpression(m ? m[1]! : raw);
  } catch (e) {
    if (!(e instanceof ExprSyntaxError)) throw e;
  }
  cache.set(raw, t);
  return t;
}

/** Apply optional-attribute defaults of `type` to `value`; `literal` evaluates a default expression. */
export function applyType(value: Value, type: Expr | null, literal: (e: Expr) => Value): Value {
  if (!type || type.kind !== 'call') return value;
  const [arg] = type.args;
  switch (type.name) {
    case 'map':
      if (!isObject(value) || !arg) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, applyType(v, arg, literal)])) as ValueObject;
    case 'list':
    case 'set':
      return isList(value) && arg ? value.map((v) => applyType(v, arg, literal)) : value;
    case 'object': {
      if (!isObject(value) || !arg || arg.kind !== 'object') return value;
      const out: ValueObject = { ...value };
      for (const item of arg.items) {
        if (item.key.kind !== 'literal' || typeof item.key.value !== 'string') continue;
        const key = item.key.value;
        let attrType = item.value;
        if (attrType.kind === 'call' && attrType.name === 'optional') {
          const [inner, dflt] = attrType.args;
          if (out[key] === undefined || out[key] === null) out[key] = dflt ? literal(dflt) : null;
          attrType = inner ?? attrType;
        }
        if (out[key] !== undefined) out[key] = applyType(out[key]!, attrType, literal);
      }
      return out;
    }
    default:
      return value;
  }
}
