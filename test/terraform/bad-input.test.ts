/** Bad input: each case gives one `file:line: reason` diagnostic and the rest of the scan goes on. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanGraph, type ScanResult } from '../../src/pipeline.js';

const GOOD = 'resource "aws_s3_bucket" "ok" {\n  bucket = "ok"\n}\n';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'infragile-tf-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

const tfDiagnostics = (r: ScanResult) =>
  r.graph.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.location.file}:${d.location.line}: ${d.code}`);
const addresses = (r: ScanResult) => r.resources.map((x) => x.address).sort();

describe('bad Terraform input', () => {
  const roots: string[] = [];
  const scan = async (files: Record<string, string>, extra?: (root: string) => void) => {
    const root = tree(files);
    roots.push(root);
    extra?.(root);
    return scanGraph({ rootDir: root, paths: [''] });
  };
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('malformed HCL: one diagnostic with hcl2json line, other files still parsed', async () => {
    const r = await scan({ 'a/bad.tf': 'resource "aws_instance" "x" {\n  ami = \n}\n', 'a/good.tf': GOOD });
    expect(tfDiagnostics(r)).toEqual(['a/bad.tf:2: tf-parse-error']);
    expect(r.graph.diagnostics[0]!.message).toMatch(/Invalid expression/);
    expect(addresses(r)).toEqual(['tf:aws_s3_bucket.ok']);
  });

  it('an unclosed block', async () => {
    const r = await scan({ 'bad.tf': 'resource "aws_instance" "x" {\n  ami = "a"\n', 'good.tf': GOOD });
    expect(tfDiagnostics(r)).toEqual(['bad.tf:1: tf-parse-error']);
    expect(r.graph.diagnostics[0]!.message).toMatch(/Unclosed configuration block/);
    expect(addresses(r)).toEqual(['tf:aws_s3_bucket.ok']);
  });

  it('deep nesting never reaches hcl2json, and the parser still works afterwards', async () => {
    const deep = `x = ${'{ a = '.repeat(5000)}1${' }'.repeat(5000)}\n`;
    const r = await scan({ 'deep.tf': deep, 'good.tf': GOOD });
    expect(tfDiagnostics(r)).toEqual(['deep.tf:1: tf-nesting-too-deep']);
    expect(addresses(r)).toEqual(['tf:aws_s3_bucket.ok']);
  });

  it('a for over a huge range stops with a diagnostic instead of hanging', async () => {
    const t = performance.now();
    const r = await scan({
      'main.tf': 'locals {\n  many = [for i in range(100000000) : i]\n  nested = [for i in range(5000) : [for j in range(5000) : j]]\n}\nresource "aws_s3_bucket" "b" {\n  tags = { n = length(local.many), m = length(local.nested) }\n}\n',
    });
    expect(performance.now() - t).toBeLessThan(20_000);
    expect(tfDiagnostics(r)).toEqual(['main.tf:2: tf-eval-limit', 'main.tf:3: tf-eval-limit']);
    const tags = r.resources[0]!.attributes['tags'] as Record<string, unknown>;
    expect(tags['n']).toHaveProperty('$unknown');
  });

  it('a chain of locals too long for the stack keeps the resource, with a diagnostic', async () => {
    const n = 8000;
    const locals = Array.from({ length: n }, (_, i) => `  l${i} = ${i + 1 < n ? `local.l${i + 1}` : '"end"'}`).join('\n');
    const r = await scan({ 'main.tf': `locals {\n${locals}\n}\nresource "aws_s3_bucket" "b" {\n  bucket = local.l0\n}\n` });
    expect(addresses(r)).toEqual(['tf:aws_s3_bucket.b']);
    expect(tfDiagnostics(r)).toEqual(['main.tf:8003: tf-eval-error']);
  });

  it('a missing local module source', async () => {
    const r = await scan({ 'main.tf': 'module "api" {\n  source = "./modules/api"\n}\n' + GOOD });
    expect(tfDiagnostics(r)).toEqual(['main.tf:1: tf-module-missing']);
    expect(r.graph.diagnostics[0]!.message).toBe('module "api": source ./modules/api (modules/api) has no .tf files on disk; check the path');
    expect(addresses(r)).toEqual(['tf:aws_s3_bucket.ok', 'tf:module.api']);
  });

  it('a dangling symlinked .tf', async () => {
    const r = await scan({ 'good.tf': GOOD }, (root) => symlinkSync(join(root, 'nowhere.tf'), join(root, 'broken.tf')));
    expect(tfDiagnostics(r)).toEqual(['broken.tf:1: dangling-symlink']);
    expect(addresses(r)).toEqual(['tf:aws_s3_bucket.ok']);
  });

  it('a module that calls itself', async () => {
    const r = await scan({
      'main.tf': 'module "loop" {\n  source = "./m"\n}\n',
      'm/main.tf': 'resource "aws_sqs_queue" "q" {}\nmodule "again" {\n  source = "../m"\n}\n',
    });
    expect(tfDiagnostics(r)).toEqual(['m/main.tf:2: tf-module-recursion']);
    expect(addresses(r)).toEqual(['tf:module.loop.aws_sqs_queue.q']);
  });

  it('an invalid .tf.json file', async () => {
    const r = await scan({ 'bad.tf.json': '{\n  "resource": {\n    "aws_sqs_queue": {,\n  }\n}\n', 'good.tf': GOOD });
    expect(tfDiagnostics(r)).toEqual(['bad.tf.json:3: tf-parse-error']);
    expect(addresses(r)).toEqual(['tf:aws_s3_bucket.ok']);
  });

  it('an expression the evaluator cannot read stays unknown, as written', async () => {
    const r = await scan({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = provider::aws::arn_parse(var.nope).x\n  other  = unknownfn(1)\n}\n' });
    expect(r.resources[0]!.attributes['bucket']).toEqual({ $unknown: 'provider::aws::arn_parse(var.nope).x' });
    expect(r.resources[0]!.attributes['other']).toEqual({ $unknown: 'unknownfn(1)' });
  });
});

describe('several roots in one scan', () => {
  let root: string;
  beforeAll(() => {
    root = tree({ 'envs/prod/main.tf': GOOD, 'envs/staging/main.tf': GOOD, 'modules/x/main.tf': 'resource "aws_sqs_queue" "q" {}\n', 'envs/prod/m.tf': 'module "x" {\n  source = "../../modules/x"\n}\n' });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  it('qualifies addresses by root folder, and a folder used as a module is not a root of its own', async () => {
    const r = await scanGraph({ rootDir: root, paths: [''] });
    expect(addresses(r)).toEqual(['tf:envs/prod//aws_s3_bucket.ok', 'tf:envs/prod//module.x.aws_sqs_queue.q', 'tf:envs/staging//aws_s3_bucket.ok']);
  });
});
