/**
 * The CloudFormation adapter: claims templates by content (never by name), reads YAML (short tags)
 * and JSON alike, resolves intrinsics per stack, follows nested stacks with a local TemplateURL,
 * links `Fn::ImportValue` to the Exports of the other templates in the scan, and expands SAM.
 * Resources: format `cfn`, address `cfn:<stack>/<LogicalId>`, attributes = resolved Properties.
 */
import type { Adapter, ParseContext, SourceFile } from '../../src/graph/adapter.js';
import { compareStrings } from '../../src/graph/ids.js';
import type { Resource } from '../../src/graph/resource.js';
import { plainString, isTemplateValue } from '../../src/graph/resource.js';
import { dirnameOf, joinPath } from '../../src/fs/vfs.js';
import { Resolver, type StackScope, type Value } from './resolve.js';
import { expandSam, isSam } from './sam.js';
import { isObject, parseTemplate, type JsonObject, type ParsedTemplate } from './template.js';

const EXT = /\.(ya?ml|json|template)$/i;
const HAS_VERSION = /(^|[{,])\s*"?AWSTemplateFormatVersion"?\s*:/m;
const HAS_RESOURCES = /(^|[{,])\s*"?Resources"?\s*:/m;
const HAS_CFN_TYPE = /"?Type"?\s*:\s*["']?(AWS|Alexa|Custom)::[A-Za-z0-9]/;
/** Nested stacks deeper than this are not followed (a template that nests itself). */
const MAX_NESTING = 8;

export function looksLikeTemplate(text: string): boolean {
  return HAS_VERSION.test(text) || (HAS_RESOURCES.test(text) && HAS_CFN_TYPE.test(text));
}

export const cloudFormationAdapter: Adapter = {
  meta: { id: 'cloudformation', description: 'AWS CloudFormation and SAM templates (YAML short/long form, JSON)' },
  claim(files: readonly SourceFile[]): SourceFile[] {
    return files.filter((f) => EXT.test(f.path) && looksLikeTemplate(f.text()));
  },
  async parse(files: readonly SourceFile[], ctx: ParseContext): Promise<Resource[]> {
    return new Scan(files, ctx).run();
  },
};

interface Stack {
  name: string;
  template: ParsedTemplate;
  resources: JsonObject;
  implicitApis: Map<string, string>;
  passed: Map<string, Value>;
  resolver: Resolver;
  children: Map<string, Stack | null>;
  depth: number;
}

class Scan {
  private readonly templates = new Map<string, ParsedTemplate>();
  private readonly stacks: Stack[] = [];
  private exportIndex?: Array<{ pattern: RegExp; exact: string | undefined; stack: Stack; value: unknown }>;

  constructor(
    private readonly files: readonly SourceFile[],
    private readonly ctx: ParseContext,
  ) {}

  run(): Resource[] {
    for (const f of this.files) this.templates.set(f.path, this.read(f.path, f.text()));
    const nested = new Set<string>();
    for (const t of this.templates.values()) for (const p of localChildTemplates(t)) nested.add(p.path);
    const roots = [...this.templates.values()].filter((t) => !nested.has(t.path));
    const names = stackNames(roots.map((t) => t.path));
    for (const t of roots) this.addStack(names.get(t.path)!, t, new Map(), 0);
    const out: Resource[] = [];
    for (const s of this.stacks) out.push(...this.emit(s));
    return out.sort((a, b) => compareStrings(a.address, b.address));
  }

  private read(path: string, text: string): ParsedTemplate {
    const t = parseTemplate(path, text);
    for (const i of t.issues) this.ctx.diagnostics.add(i.code === 'cfn-unknown-tag' ? 'warning' : 'error', i.code, { file: path, line: i.line }, i.message);
    return t;
  }

  private addStack(name: string, template: ParsedTemplate, passed: Map<string, Value>, depth: number): Stack {
    const { resources, implicit } = isSam(template.body) ? expandSam(template.body) : { resources: isObject(template.body.Resources) ? template.body.Resources : {}, implicit: new Map<string, string>() };
    const stack = { name, template, resources, implicitApis: implicit, passed, depth, children: new Map() } as unknown as Stack;
    const scope: StackScope = {
      addressPrefix: `cfn:${name}/`,
      body: { ...template.body, Resources: resources },
      passedParameters: passed,
      nestedOutput: (id, output) => this.nestedOutput(stack, id, output),
      importValue: (n) => this.importValue(n),
    };
    stack.resolver = new Resolver(scope);
    this.stacks.push(stack);
    return stack;
  }

  /** The child stack of an AWS::CloudFormation::Stack with a local TemplateURL, created on first use. */
  private child(stack: Stack, id: string): Stack | undefined {
    if (stack.children.has(id)) return stack.children.get(id) ?? undefined;
    stack.children.set(id, null); // guards against a stack whose parameters read its own outputs
    const r = stack.resources[id];
    const props = isObject(r) && isObject(r.Properties) ? r.Properties : {};
    const url = plainString(stack.resolver.resolve(props.TemplateURL ?? props.Location));
    const loc = { file: stack.template.path, line: stack.template.resourceLines.get(id) ?? 1 };
    if (url === undefined || /^(https?|s3):/i.test(url)) return undefined;
    if (stack.depth >= MAX_NESTING) {
      this.ctx.diagnostics.warning('cfn-nesting-too-deep', loc, `nested stack ${id} is more than ${MAX_NESTING} levels deep; not followed`);
      return undefined;
    }
    const path = joinPath(dirnameOf(stack.template.path), url);
    let template = path !== undefined ? this.templates.get(path) : undefined;
    if (!template && path !== undefined && this.ctx.fs.size(path) !== undefined) {
      try {
        template = this.read(path, this.ctx.fs.readBytes(path).toString('utf8').replace(/^\uFEFF/, ''));
        this.templates.set(path, template);
      } catch {
        template = undefined;
      }
    }
    if (!template) {
      this.ctx.diagnostics.error('cfn-nested-missing', loc, `nested stack ${id}: template ${url} not found next to this template; its resources are missing from the graph`);
      return undefined;
    }
    const passed = new Map<string, Value>();
    if (isObject(props.Parameters))
      for (const [k, v] of Object.entries(props.Parameters)) {
        const x = stack.resolver.resolve(v);
        if (x !== undefined) passed.set(k, x);
      }
    const c = this.addStack(`${stack.name}/${id}`, template, passed, stack.depth + 1);
    stack.children.set(id, c);
    return c;
  }

  private nestedOutput(stack: Stack, id: string, output: string): Value | undefined {
    const c = this.child(stack, id);
    const outputs = c && isObject(c.template.body.Outputs) ? c.template.body.Outputs : {};
    const o = outputs[output];
    return c && isObject(o) ? c.resolver.resolve(o.Value) : undefined;
  }

  /** Exports of every stack, by name; `${AWS::StackName}` and other unknowns in a name match anything. */
  private importValue(name: string): Value | undefined {
    if (!this.exportIndex) {
      this.exportIndex = [];
      for (const s of [...this.stacks]) {
        const outputs = isObject(s.template.body.Outputs) ? s.template.body.Outputs : {};
        for (const o of Object.values(outputs)) {
          if (!isObject(o) || !isObject(o.Export)) continue;
          const n = s.resolver.resolve(o.Export.Name);
          const exact = plainString(n);
          const pieces = isTemplateValue(n) ? n.$template : [n];
          const pattern = new RegExp(`^${pieces.map((p) => (typeof p === 'string' ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '.+')).join('')}$`);
          this.exportIndex.push({ pattern, exact, stack: s, value: o.Value });
        }
      }
    }
    const hits = this.exportIndex.filter((e) => e.exact === name);
    const matches = hits.length ? hits : this.exportIndex.filter((e) => e.exact === undefined && e.pattern.test(name));
    if (matches.length !== 1) return undefined;
    const m = matches[0]!;
    return m.stack.resolver.resolve(m.value as never);
  }

  private emit(stack: Stack): Resource[] {
    const out: Resource[] = [];
    const t = stack.template;
    for (const id of Object.keys(stack.resources).sort(compareStrings)) {
      const r = stack.resources[id];
      const implicitFor = stack.implicitApis.get(id);
      const line = t.resourceLines.get(id) ?? (implicitFor ? t.resourceLines.get(implicitFor) : undefined) ?? 1;
      const location = { file: t.path, line };
      if (!isObject(r) || typeof r.Type !== 'string') {
        this.ctx.diagnostics.error('cfn-resource-invalid', location, `resource ${id} has no Type; skipped`);
        continue;
      }
      if (typeof r.Condition === 'string' && stack.resolver.condition(r.Condition) === false) {
        this.ctx.diagnostics.info('cfn-condition-false', location, `resource ${id} is not created with the parameter defaults (Condition ${r.Condition} is false); skipped`);
        continue;
      }
      if (r.Type === 'AWS::CloudFormation::Stack' || r.Type === 'AWS::Serverless::Application') this.child(stack, id);
      const props = stack.resolver.resolve(r.Properties ?? {});
      const attributes: Record<string, unknown> = isObject(props as never) ? { ...(props as object) } : {};
      if (r.DependsOn !== undefined && !('DependsOn' in attributes)) attributes.DependsOn = r.DependsOn;
      if (typeof r.Condition === 'string' && !('Condition' in attributes)) attributes.Condition = r.Condition;
      const resource: Resource = {
        format: 'cfn',
        type: r.Type,
        address: `cfn:${stack.name}/${id}`,
        name: id,
        attributes,
        location,
        group: stack.name,
      };
      const lines = t.propertyLines.get(id);
      if (lines) resource.lines = lines;
      const sup = t.suppressions.get(id);
      if (sup) resource.suppressions = sup;
      out.push(resource);
    }
    return out;
  }
}

/** Local TemplateURLs of a template's nested stacks (resolved without parameters: plain strings only). */
function localChildTemplates(t: ParsedTemplate): Array<{ id: string; path: string }> {
  const out: Array<{ id: string; path: string }> = [];
  const resources = isObject(t.body.Resources) ? t.body.Resources : {};
  for (const [id, r] of Object.entries(resources)) {
    if (!isObject(r) || (r.Type !== 'AWS::CloudFormation::Stack' && r.Type !== 'AWS::Serverless::Application')) continue;
    const p = isObject(r.Properties) ? r.Properties : {};
    const url = p.TemplateURL ?? p.Location;
    if (typeof url !== 'string' || /^(https?|s3):/i.test(url)) continue;
    const path = joinPath(dirnameOf(t.path), url);
    if (path !== undefined) out.push({ id, path });
  }
  return out;
}

/** Stack name = file name without extension; where two roots share one, the path without extension. */
function stackNames(paths: string[]): Map<string, string> {
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1).replace(EXT, '');
  const count = new Map<string, number>();
  for (const p of paths) count.set(base(p), (count.get(base(p)) ?? 0) + 1);
  return new Map(paths.map((p) => [p, count.get(base(p))! > 1 ? p.replace(EXT, '') : base(p)]));
}


