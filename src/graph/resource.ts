/**
 * Resources: what adapters produce and platform semantics consume. An adapter never decides what a
 * resource means for security; it only says what is written where.
 */
import type { Location } from './types.js';

/** The input format a resource was read from. Also the prefix of its address. */
export type ResourceFormat = 'k8s' | 'compose' | 'tf' | 'cfn';

/**
 * A reference from one resource's attribute to another resource, kept symbolic so that semantics can
 * follow it: Terraform `aws_security_group.web.id` → `{ $ref: 'tf:aws_security_group.web', attribute: 'id' }`,
 * CloudFormation `!GetAtt Db.Endpoint.Address` → `{ $ref: 'cfn:Db', attribute: 'Endpoint.Address' }`.
 */
export interface ResourceRef {
  $ref: string;
  attribute?: string;
}

/** A value the adapter could not evaluate (an unknown variable, a computed attribute), kept as written. */
export interface UnknownValue {
  $unknown: string;
}

/**
 * A string built from pieces, some of them references: Terraform `"${aws_db_instance.main.address}:5432"`,
 * CloudFormation `!Sub "${Db.Endpoint.Address}:5432"`.
 */
export interface TemplateValue {
  $template: Array<string | ResourceRef | UnknownValue>;
}

export function isTemplateValue(v: unknown): v is TemplateValue {
  return typeof v === 'object' && v !== null && Array.isArray((v as TemplateValue).$template);
}

/** Every reference anywhere inside a value (attributes, templates, lists), in document order. */
export function refsIn(value: unknown): ResourceRef[] {
  const out: ResourceRef[] = [];
  collectRefs(value, out);
  return out;
}

/** refsIn's walk as a plain function: semantics call refsIn for most attributes they read, so no closure per call. */
function collectRefs(v: unknown, out: ResourceRef[]): void {
  if (typeof v !== 'object' || v === null) return;
  if (isResourceRef(v)) {
    out.push(v);
    return;
  }
  for (const x of Array.isArray(v) ? v : Object.values(v)) collectRefs(x, out);
}

/** The value as plain text when it has no references or unknowns, else undefined. */
export function plainString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isTemplateValue(v) && v.$template.every((p) => typeof p === 'string')) return v.$template.join('');
  return undefined;
}

export function isResourceRef(v: unknown): v is ResourceRef {
  return typeof v === 'object' && v !== null && typeof (v as ResourceRef).$ref === 'string';
}

export function isUnknownValue(v: unknown): v is UnknownValue {
  return typeof v === 'object' && v !== null && typeof (v as UnknownValue).$unknown === 'string';
}

/** `infragile:ignore <rule-id> <reason>` written on a resource. */
export interface Suppression {
  ruleId: string;
  reason: string;
  location: Location;
}

export interface Resource {
  format: ResourceFormat;
  /** As the format spells it: `Deployment`, `aws_instance`, `AWS::EC2::Instance`, `service` (compose). */
  type: string;
  /** Unique within a scan, derived from names only: `k8s:shop/Deployment/cart`, `tf:module.api.aws_ecs_service.this`, `cfn:AuthService`, `compose:cart`. */
  address: string;
  /** The resource's own name (`cart`, `this`, `AuthService`). */
  name: string;
  /** The parsed body. References are `ResourceRef`, unevaluable values `UnknownValue`. Never printed whole (it may hold secret values). */
  attributes: Record<string, unknown>;
  location: Location;
  /** 1-based lines of nested attributes, keyed by dotted path (`spec.template.spec.containers[0].env[1]`), where the adapter knows them. */
  lines?: Record<string, number>;
  /** Terraform module address, Helm chart, compose project, CloudFormation stack. */
  group?: string;
  /** From count / for_each / replicas. */
  multiplicity?: number | string;
  suppressions?: Suppression[];
}

/** The location of a nested attribute when known, else the resource's own. */
export function locationOf(resource: Resource, path?: string): Location {
  const line = path ? resource.lines?.[path] : undefined;
  return line ? { ...resource.location, line } : resource.location;
}
