/**
 * Reading Terraform/CloudFormation values for joins: the references a value makes, each with the
 * port written right after it (`${aws_db_instance.main.address}:5432`). Literal text is only ever
 * inspected for a port, never returned (it may hold a password).
 */
import { isResourceRef, isTemplateValue, type ResourceRef } from '../resource.js';

export interface RefUse {
  ref: ResourceRef;
  port?: number;
}

export function refUses(value: unknown): RefUse[] {
  const out: RefUse[] = [];
  const walk = (v: unknown) => {
    if (typeof v !== 'object' || v === null) return;
    if (isResourceRef(v)) {
      out.push({ ref: v });
      return;
    }
    if (isTemplateValue(v)) {
      v.$template.forEach((p, i) => {
        if (!isResourceRef(p)) return walk(p);
        const next = v.$template[i + 1];
        const m = typeof next === 'string' ? /^:(\d{1,5})(?!\d)/.exec(next) : null;
        const port = m ? Number(m[1]) : NaN;
        out.push(port > 0 && port < 65536 ? { ref: p, port } : { ref: p });
      });
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x);
  };
  walk(value);
  return out;
}

/** `aws_db_instance.main.address` as a user wrote it. */
export function refText(ref: ResourceRef): string {
  return `${ref.$ref.replace(/^(tf|cfn):/, '')}${ref.attribute ? `.${ref.attribute}` : ''}`;
}

type O = Record<string, unknown>;
export const obj = (v: unknown): O => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as O) : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A Terraform block written once (`metadata { … }` parses as a one-element list) or as an object. */
export function block(v: unknown): O {
  return Array.isArray(v) ? obj(v[0]) : obj(v);
}
