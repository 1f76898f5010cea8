/** The expression evaluator and its function table, on small expressions. */
import { describe, expect, it } from 'vitest';
import { Evaluator, type EvalScope } from '../../adapters/terraform/eval/evaluator.js';
import { unknown, type Value } from '../../adapters/terraform/eval/values.js';
import { scanHclLines } from '../../adapters/terraform/hcl/lines.js';
import { applyType, parseType } from '../../adapters/terraform/eval/types.js';

const vars: Record<string, Value> = { env: 'prod', ports: [80, 443], tags: { a: '1' }, cidr: '10.0.0.0/16', n: 3 };
const scope: EvalScope = {
  variable: (n) => (n in vars ? vars[n]! : unknown(`var.${n}`)),
  local: (n) => (n === 'name' ? 'shop' : unknown(`local.${n}`)),
  moduleValue: (m, o) => (m === 'net' && o === 'vpc_id' ? { $ref: 'tf:module.net.aws_vpc.this', attribute: 'id' } : unknown(`module.${m}`)),
  resourceAddress: (t, n, data) => (t === 'aws_s3_bucket' && n === 'b' ? `tf:${data ? 'data.' : ''}aws_s3_bucket.b` : undefined),
  pathModule: 'modules/x',
  pathRoot: '.',
  fnEnv: { readFile: (p) => (p === 'modules/x/policy.json' ? '{"Version":"2012-10-17"}' : undefined), renderTemplate: () => null, maxElements: 10_000 },
};
const ev = (text: string) => new Evaluator().raw(text, { scope, vars: new Map() });
const ref = (a: string) => ({ $ref: 'tf:aws_s3_bucket.b', attribute: a });

describe('Terraform expressions', () => {
  it.each<[string, unknown]>([
    ['${var.env}', 'prod'],
    ['app-${var.env}-${local.name}', 'app-prod-shop'],
    ['${var.env == "prod" ? 3 : 1}', 3],
    ['${var.n * 2 + 1}', 7],
    ['${!true || false}', false],
    ['${format("%s-%03d", var.env, 7)}', 'prod-007'],
    ['${join(",", [for p in var.ports : tostring(p)])}', '80,443'],
    ['${{ for p in var.ports : "p${p}" => p if p > 100 }}', { p443: 443 }],
    ['${merge(var.tags, { b = "2" })}', { a: '1', b: '2' }],
    ['${lookup(var.tags, "zz", "dflt")}', 'dflt'],
    ['${element(concat(var.ports, [8080]), 5)}', 8080],
    ['${length(var.ports)}', 2],
    ['${upper(replace("a-b", "-", "_"))}', 'A_B'],
    ['${split(",", "a,b")}', ['a', 'b']],
    ['${cidrsubnet(var.cidr, 8, 2)}', '10.0.2.0/24'],
    ['${cidrhost("10.0.1.0/24", 5)}', '10.0.1.5'],
    ['${coalesce("", "x")}', 'x'],
    ['${try(var.tags.missing, "fallback")}', 'fallback'],
    ['${can(var.tags.missing)}', false],
    ['${jsondecode("{\\"a\\": [1]}").a[0]}', 1],
    ['${jsonencode({ b = 1, a = [true] })}', '{"a":[true],"b":1}'],
    ['${toset(["b", "a", "b"])}', ['a', 'b']],
    ['${file("${path.module}/policy.json")}', '{"Version":"2012-10-17"}'],
    ['${var.ports[*]}', [80, 443]],
    ['${[{ n = 1 }, { n = 2 }][*].n}', [1, 2]],
    ['$${literal}', '${literal}'],
    ['${aws_s3_bucket.b.arn}', ref('arn')],
    ['${data.aws_s3_bucket.b.id}', { $ref: 'tf:data.aws_s3_bucket.b', attribute: 'id' }],
    ['${aws_s3_bucket.b[*].id}', [ref('id')]],
    ['${aws_s3_bucket.b[0].id}', ref('id')],
    ['${module.net.vpc_id}', { $ref: 'tf:module.net.aws_vpc.this', attribute: 'id' }],
    ['arn:${aws_s3_bucket.b.arn}/*', { $template: ['arn:', ref('arn'), '/*'] }],
    ['${jsonencode({ Resource = aws_s3_bucket.b.arn })}', { $template: ['{"Resource":"', ref('arn'), '"}'] }],
    ['${var.missing}', { $unknown: 'var.missing' }],
    ['${upper(var.missing)}', { $unknown: 'upper(var.missing)' }],
    ['${timestamp()}', { $unknown: 'timestamp()' }],
    ['%{ if var.env == "prod" }big%{ else }small%{ endif }', 'big'],
    ['%{ for p in var.ports ~}\nport ${p}\n%{~ endfor }', 'port 80port 443'],
    ['%{ for k, v in var.tags }${k}=${v};%{ endfor }', 'a=1;'],
    ['%{ if var.missing }x%{ endif }', { $unknown: '%{ if var.missing }x%{ endif }' }],
    ['%{ if true }unclosed', { $unknown: '%{ if true }unclosed' }],
  ])('%s', (text, expected) => {
    expect(ev(text)).toEqual(expected);
  });

  it('evaluates heredocs written inside expressions', () => {
    expect(ev('${trimspace(<<EOT\n  hello ${var.env}\nEOT\n)}')).toBe('hello prod');
  });
});

describe('variable types', () => {
  it('fills optional() object attributes with their default or null, through map() and list()', () => {
    const type = parseType('${map(object({ port = number, protocol = optional(string, "HTTP"), tags = optional(map(string)), rules = optional(list(object({ weight = optional(number, 1) })), []) }))}');
    const value: Value = { web: { port: 80, rules: [{}] }, api: { port: 443, protocol: 'HTTPS' } };
    expect(applyType(value, type, (e) => new Evaluator().eval(e, '', { scope, vars: new Map() }))).toEqual({
      web: { port: 80, protocol: 'HTTP', tags: null, rules: [{ weight: 1 }] },
      api: { port: 443, protocol: 'HTTPS', tags: null, rules: [] },
    });
  });
});

describe('HCL line scan', () => {
  it('finds blocks, nested blocks, attributes and ignore comments; skips strings, comments and heredocs', () => {
    const src = [
      '/* resource "fake" "one" {',
      '} */',
      '# infragile:ignore open-ssh bastion is reached through the VPN',
      'resource aws_security_group "web" {',
      '  description = "has { braces } and ${var.x}"',
      '  ingress {',
      '    cidr_blocks = ["0.0.0.0/0"]',
      '  }',
      '  ingress {',
      '    from_port = 22',
      '  }',
      '  user_data = <<-EOT',
      '    resource "not" "real" {',
      '  EOT',
      '  tags = {',
      '    Name = "web"',
      '  }',
      '}',
      'locals {',
      '  a = 1',
      '}',
      'data "aws_vpc" "main" {}',
    ].join('\n');
    const { blocks, maxDepth } = scanHclLines(src);
    expect([...blocks.keys()]).toEqual(['resource.aws_security_group.web', 'locals', 'local.a', 'data.aws_vpc.main']);
    const web = blocks.get('resource.aws_security_group.web')!;
    expect(web.line).toBe(4);
    expect(web.lines).toEqual({
      description: 5,
      'ingress[0]': 6,
      'ingress[0].cidr_blocks': 7,
      'ingress[1]': 9,
      'ingress[1].from_port': 10,
      user_data: 12,
      tags: 15,
      'tags.Name': 16,
    });
    expect(web.suppressions).toEqual([{ ruleId: 'open-ssh', reason: 'bastion is reached through the VPN', line: 3 }]);
    expect(blocks.get('local.a')!.line).toBe(20);
    expect(maxDepth).toBe(3);
  });
});
