/**
 * Reading Terraform resource attributes in the shape the Terraform adapter produces (hcl2json:
 * nested blocks as arrays of objects; references as ResourceRef; mixed strings as TemplateValue).
 * Small total functions: they never throw on an unexpected shape, they return undefined.
 */
import { isResourceRef, isTemplateValue, plainString, type ResourceRef } from '../../src/graph/resource.js';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A plain string (no references), else undefined. */
export function str(v: unknown): string | undefined {
  return plainString(v);
}

/** A boolean from `true`, `"true"`, `false`, `"false"`; else `dflt`. */
export function bool(v: unknown, dflt?: boolean): boolean | undefined {
  if (typeof v === 'boolean') return v;
  const s = plainString(v)?.toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  return dflt;
}

/** An integer from a number or numeric string. */
export function int(v: unknown): number | undefined {
  const s = typeof v === 'number' ? v : Number(plainString(v));
  return Number.isInteger(s) ? s : undefined;
}

/** Nested blocks: hcl2json gives arrays of objects; a plan file may give one object. */
export function blocks(v: unknown): Obj[] {
  if (Array.isArray(v)) return v.filter(isObj);
  return isObj(v) && !isResourceRef(v) && !isTemplateValue(v) ? [v] : [];
}

/** The first nested block, or undefined. */
export function block(v: unknown): Obj | undefined {
  return blocks(v)[0];
}

/** Follow a path of block/attribute names, taking the first block at each step. */
export function dig(v: unknown, ...path: string[]): unknown {
  let cur: unknown = v;
  for (const key of path) {
    const o = Array.isArray(cur) ? cur.find(isObj) : cur;
    if (!isObj(o)) return undefined;
    cur = o[key];
  }
  return cur;
}

/** A list value as an array (a scalar becomes a one-element list). */
export function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Plain strings of a list value; entries with references are skipped. */
export function strList(v: unknown): string[] {
  return list(v).map(plainString).filter((s): s is string => s !== undefined);
}

/** The reference a value is, or is built around (`"${x.id}"`, `"projects/${x.name}"`), else undefined. */
export function refOf(v: unknown): ResourceRef | undefined {
  if (isResourceRef(v)) return v;
  if (isTemplateValue(v)) return v.$template.find(isResourceRef);
  return undefined;
}
