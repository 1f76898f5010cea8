/**
 * `terraform show -json` output (a plan or a state) as an exact input: every value already evaluated
 * and every module expanded by Terraform itself. Instances of one block (count/for_each) become one
 * Resource with a multiplicity, like the HCL path. Values Terraform only learns at apply time are
 * absent from the plan; where the configuration section says which resources they reference, they
 * become ResourceRefs. Values marked sensitive are replaced by an unknown, never carried.
 */
import type { Diagnostics } from '../../src/diagnostics.js';
import type { SourceFile } from '../../src/graph/adapter.js';
import { compareStrings } from '../../src/graph/ids.js';
import type { Resource, ResourceRef } from '../../src/graph/resource.js';

/** Whether a JSON file is a plan or state from `terraform show -json`. */
export function isPlanJson(file: SourceFile): boolean {
  if (!/\.json$/i.test(file.path) || /\.tf\.json$/i.test(file.path)) return false;
  const head = file.text().slice(0, 4096);
  if (!/"format_version"\s*:/.test(head)) return false;
  const text = file.text();
  return /"planned_values"\s*:/.test(text) || /"values"\s*:\s*\{\s*"(?:outputs|root_module)"/.test(text);
}

interface PlanModule {
  address?: string;
  resources?: PlanResource[];
  child_modules?: PlanModule[];
}
interface PlanResource {
  address: string;
  mode?: string;
  type: string;
  name: string;
  index?: number | string;
  values?: Record<string, unknown>;
  sensitive_values?: Record<string, unknown>;
}
interface ConfigModule {
  resources?: Array<{ address: string; mode?: string; type: string; name: string; expressions?: Record<string, unknown> }>;
  module_calls?: Record<string, { module?: ConfigModule }>;
}

export function parsePlan(file: SourceFile, diagnostics: Diagnostics): Resource[] {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(file.text()) as Record<string, unknown>;
  } catch (e) {
    diagnostics.error('tf-plan-invalid', { file: file.path, line: 1 }, `not valid JSON: ${(e as Error).message}`);
    return [];
  }
  const values = (doc['planned_values'] ?? doc['values']) as { root_module?: PlanModule } | undefined;
  const root = values?.root_module;
  if (!root) {
    diagnostics.warning('tf-plan-empty', { file: file.path, line: 1 }, 'plan/state JSON has no root_module; nothing to read');
    return [];
  }
  const lineOf = addressLines(file.text());
  const expressions = configExpressions((doc['configuration'] as { root_module?: ConfigModule } | undefined)?.root_module, '');

  // Instances of one block grouped by the block's address (instance keys stripped).
  const blocks = new Map<string, { module: string; instances: PlanResource[] }>();
  const walk = (m: PlanModule) => {
    for (const r of Array.isArray(m.resources) ? m.resources : []) {
      // A hand-edited or truncated plan: a resource without its identity cannot be placed; say so.
      if (typeof r?.address !== 'string' || typeof r.type !== 'string' || typeof r.name !== 'string') {
        const near = typeof r?.address === 'string' ? lineOf.get(r.address) : undefined;
        diagnostics.error(
          'tf-plan-invalid',
          { file: file.path, line: near ?? 1 },
          `a resource in the plan lacks its address, type or name (${JSON.stringify(r?.address ?? r?.type ?? null)}); skipped — regenerate the file with \`terraform show -json\``,
        );
        continue;
      }
      const block = stripInstanceKeys(r.address);
      let entry = blocks.get(block);
      if (!entry) blocks.set(block, (entry = { module: stripInstanceKeys(typeof m.address === 'string' ? m.address : ''), instances: [] }));
      entry.instances.push(r);
    }
    for (const c of Array.isArray(m.child_modules) ? m.child_modules : []) if (c && typeof c === 'object') walk(c);
  };
  walk(root);

  const out: Resource[] = [];
  for (const block of [...blocks.keys()].sort(compareStrings)) {
    const { module, instances } = blocks.get(block)!;
    instances.sort((a, b) => compareStrings(String(a.index ?? ''), String(b.index ?? '')));
    const first = instances[0]!;
    const attributes = redact(first.values ?? {}, first.sensitive_values ?? {}) as Record<string, unknown>;
    const refs = expressions.get(block);
    if (refs) applyReferences(attributes, refs, module);
    const r: Resource = {
      format: 'tf',
      type: first.mode === 'data' ? `data.${first.type}` : first.type,
      address: `tf:${block}`,
      name: first.name,
      attributes,
      location: { file: file.path, line: lineOf.get(first.address) ?? 1 },
    };
    if (module) r.group = module;
    if (instances.length > 1 || first.index !== undefined) r.multiplicity = instances.length;
    out.push(r);
  }
  return out;
}

/** `module.a["x"].module.b[0].aws_x.y[2]` → `module.a.module.b.aws_x.y`. */
function stripInstanceKeys(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g, '');
}

function addressLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let line = 1;
  let last = 0;
  const re = /"address"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    const addr = JSON.parse(`"${m[1]}"`) as string;
    if (!out.has(addr)) out.set(addr, line);
  }
  return out;
}

/** Sensitive leaves (marked `true` in sensitive_values) become unknowns: their values never leave here. */
function redact(values: unknown, sensitive: unknown): unknown {
  if (sensitive === true) return { $unknown: 'sensitive value' };
  if (Array.isArray(values)) return values.map((v, i) => redact(v, Array.isArray(sensitive) ? sensitive[i] : undefined));
  if (typeof values === 'object' && values !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(values).sort(compareStrings))
      out[k] = redact((values as Record<string, unknown>)[k], typeof sensitive === 'object' && sensitive !== null ? (sensitive as Record<string, unknown>)[k] : undefined);
    return out;
  }
  return values;
}

/** Configuration expressions by block address (module path included). */
function configExpressions(m: ConfigModule | undefined, prefix: string, out = new Map<string, Record<string, unknown>>()): Map<string, Record<string, unknown>> {
  if (!m) return out;
  for (const r of m.resources ?? []) if (r.expressions) out.set(`${prefix}${r.address}`, r.expressions);
  for (const [name, call] of Object.entries(m.module_calls ?? {})) configExpressions(call.module, `${prefix}module.${name}.`, out);
  return out;
}

/**
 * Where the plan has no value (known after apply) but the configuration names resources, put the
 * references in: `vpc_security_group_ids = [aws_security_group.web.id]` → `[{ $ref, attribute: 'id' }]`.
 */
function applyReferences(attrs: Record<string, unknown>, exprs: Record<string, unknown>, module: string): void {
  for (const [key, expr] of Object.entries(exprs)) {
    const current = attrs[key];
    if (Array.isArray(expr)) {
      // Nested blocks: one expressions object per block.
      if (Array.isArray(current))
        expr.forEach((e, i) => {
          if (typeof e === 'object' && e !== null && typeof current[i] === 'object' && current[i] !== null)
            applyReferences(current[i] as Record<string, unknown>, e as Record<string, unknown>, module);
        });
      continue;
    }
    const refs = toRefs((expr as { references?: string[] } | null)?.references ?? [], module);
    if (refs.length === 0) continue;
    const empty = current === undefined || current === null || (Array.isArray(current) && current.length === 0);
    if (!empty) continue;
    // A null list attribute (`vpc_security_group_ids`) is still a list: tell by the plural name.
    attrs[key] = Array.isArray(current) || refs.length > 1 || /(_ids|_arns|groups|_names)$/.test(key) ? refs : refs[0]!;
  }
}

function toRefs(references: string[], module: string): ResourceRef[] {
  const prefix = module ? `${module}.` : '';
  const out: ResourceRef[] = [];
  const seen = new Set<string>();
  for (const ref of references) {
    const parts = ref.replace(/\[[^\]]*\]/g, '').split('.');
    let target: string[];
    let attr: string[];
    if (parts[0] === 'var' || parts[0] === 'local' || parts[0] === 'each' || parts[0] === 'count' || parts[0] === 'path') continue;
    if (parts[0] === 'data') [target, attr] = [parts.slice(0, 3), parts.slice(3)];
    else if (parts[0] === 'module') [target, attr] = [parts.slice(0, 2), parts.slice(2)];
    else [target, attr] = [parts.slice(0, 2), parts.slice(2)];
    const key = `${prefix}${target.join('.')}`;
    // Terraform lists `a.b.id` and then `a.b`: keep the most specific one per target.
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(attr.length ? { $ref: `tf:${key}`, attribute: attr.join('.') } : { $ref: `tf:${key}` });
  }
  return out;
}
