/**
 * A js-yaml 4 schema for CloudFormation's short-form intrinsics. Every `!Tag` (scalar, sequence or
 * mapping) becomes the long form (`{Ref: x}`, `{'Fn::GetAtt': [r, 'a.b']}`, `{'Fn::Sub': …}`), so that
 * short-form YAML, long-form YAML and JSON templates all give one shape to the resolver.
 */
import * as jsyaml from 'js-yaml';
import { IAC_SCHEMA } from '../../src/util/yaml.js';

/** The intrinsic functions and condition functions CloudFormation (and its Rules/Guard) spell as tags. */
const INTRINSICS = [
  'Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length', 'Contains', 'EachMemberEquals',
  'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll', 'ForEach',
] as const;

/** `Ref` and `Condition` keep their bare names; the rest are `Fn::<Name>`. */
export function longFormKey(tag: string): string {
  return tag === 'Ref' || tag === 'Condition' ? tag : `Fn::${tag}`;
}

/** `!GetAtt Res.Attr.Path` (scalar form) splits at the first dot; the sequence form is kept. */
function longFormValue(tag: string, data: unknown): unknown {
  if (tag === 'GetAtt' && typeof data === 'string') {
    const dot = data.indexOf('.');
    return dot < 0 ? [data, ''] : [data.slice(0, dot), data.slice(dot + 1)];
  }
  return data ?? '';
}

/** The long-form key under which an undefined tag's value is kept. */
export const UNKNOWN_TAG_KEY = 'Fn::Unknown';

/**
 * The schema. Tags nobody defined (`!Rain::Embed`, a typo) do not fail the document: the value is kept
 * as `{ 'Fn::Unknown': { tag, value } }` so the rest of the template still loads, and the adapter
 * reports each one with its line.
 */
export const CFN_SCHEMA: jsyaml.Schema = buildSchema();

function buildSchema(): jsyaml.Schema {
  const known = INTRINSICS.flatMap((t) =>
    (['scalar', 'sequence', 'mapping'] as const).map(
      (kind) => new jsyaml.Type(`!${t}`, { kind, construct: (d: unknown) => ({ [longFormKey(t)]: longFormValue(t, d) }) }),
    ),
  );
  // js-yaml 4 multi-types: a `!` prefix type matches every tag not defined above.
  const unknown = (['scalar', 'sequence', 'mapping'] as const).map(
    (kind) =>
      new jsyaml.Type('!', {
        kind,
        multi: true,
        construct: (d: unknown, tag?: string) => ({ [UNKNOWN_TAG_KEY]: { tag: tag ?? '!', value: d ?? '' } }),
      } as jsyaml.TypeConstructorOptions),
  );
  return IAC_SCHEMA.extend([...known, ...unknown]);
}
