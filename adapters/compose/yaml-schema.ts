/**
 * The YAML schema for compose files: the IaC schema plus compose's merge tags `!reset` (drop the
 * value inherited from an earlier file) and `!override` (replace it instead of merging).
 */
import { Type, type Schema } from 'js-yaml';
import { IAC_SCHEMA } from '../../src/util/yaml.js';

class ResetTag {
  readonly reset = true;
}
class OverrideTag {
  constructor(readonly value: unknown) {}
}

const kinds = ['scalar', 'sequence', 'mapping'] as const;

export const COMPOSE_SCHEMA: Schema = IAC_SCHEMA.extend([
  ...kinds.map((kind) => new Type('!reset', { kind, construct: () => new ResetTag() })),
  ...kinds.map((kind) => new Type('!override', { kind, construct: (data: unknown) => new OverrideTag(data ?? (kind === 'mapping' ? {} : kind === 'sequence' ? [] : null)) })),
]);

export function isReset(v: unknown): boolean {
  return v instanceof ResetTag;
}
export function isOverride(v: unknown): boolean {
  return v instanceof OverrideTag;
}
export function unwrapOverride(v: unknown): unknown {
  return v instanceof OverrideTag ? v.value : v;
}
