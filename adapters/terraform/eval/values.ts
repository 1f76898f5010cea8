/**
 * Evaluated Terraform values: plain JSON, plus the symbolic shapes of src/graph/resource.ts
 * (ResourceRef, UnknownValue, TemplateValue) for what only exists at apply time or cannot be known.
 */
import { isResourceRef, isTemplateValue, isUnknownValue, type ResourceRef, type TemplateValue, type UnknownValue } from '../../../src/graph/resource.js';

export type Value = null | boolean | number | string | Value[] | ValueObject | ResourceRef | UnknownValue | TemplateValue;
export interface ValueObject {
  [key: string]: Value;
}

/** A definite evaluation error (missing attribute, bad argument): `try()` moves on, elsewhere → unknown. */
export class EvalError extends Error {}

/** The evaluation budget ran out (a `for` over a huge range): the whole value is left unknown. */
export class EvalLimitError extends Error {}

export function unknown(text: string): UnknownValue {
  return { $unknown: text.trim() };
}

export function isSymbolic(v: Value): v is ResourceRef | UnknownValue | TemplateValue {
  return isResourceRef(v) || isUnknownValue(v) || isTemplateValue(v);
}

export function isList(v: Value): v is Value[] {
  return Array.isArray(v);
}

/** A plain object (map), not one of the symbolic shapes. */
export function isObject(v: Value): v is ValueObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isSymbolic(v);
}

/** No reference, unknown or template anywhere inside. */
export function isPlain(v: Value): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.every(isPlain);
  if (isSymbolic(v)) return false;
  for (const x of Object.values(v)) if (!isPlain(x)) return false;
  return true;
}

/** Any unknown anywhere inside (references and templates of references are known enough). */
export function hasUnknown(v: Value): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (isUnknownValue(v)) return true;
  if (isResourceRef(v)) return false;
  if (isTemplateValue(v)) return v.$template.some((p) => typeof p === 'object' && isUnknownValue(p));
  if (Array.isArray(v)) return v.some(hasUnknown);
  for (const x of Object.values(v)) if (hasUnknown(x)) return true;
  return false;
}

/** Terraform's string conversion for interpolation; undefined when the value is not a primitive. */
export function primitiveText(v: Value): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

/** Concatenate template pieces: a plain string when every piece is text, else a TemplateValue. */
export function concatPieces(pieces: Array<string | ResourceRef | UnknownValue>): Value {
  const merged: Array<string | ResourceRef | UnknownValue> = [];
  for (const p of pieces) {
    if (typeof p === 'string') {
      if (p === '') continue;
      const last = merged[merged.length - 1];
      if (typeof last === 'string') merged[merged.length - 1] = last + p;
      else merged.push(p);
    } else merged.push(p);
  }
  if (merged.every((p) => typeof p === 'string')) return merged.join('');
  return { $template: merged };
}

/** The pieces of a value used inside a string (undefined for lists/objects/null). */
export function piecesOf(v: Value): Array<string | ResourceRef | UnknownValue> | undefined {
  const text = primitiveText(v);
  if (text !== undefined) return [text];
  if (isResourceRef(v) || isUnknownValue(v)) return [v];
  if (isTemplateValue(v)) return v.$template;
  return undefined;
}

/** Terraform truthiness for conditions: only real booleans (and "true"/"false" strings) count. */
export function asBool(v: Value): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

export function asNumber(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (isSymbolic(v)) return 'unknown';
  return typeof v === 'object' ? 'object' : typeof v;
}
