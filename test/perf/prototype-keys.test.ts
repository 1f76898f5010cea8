/**
 * Names that are also members of Object.prototype (`constructor`, `toString`, `__proto__`, …) are
 * ordinary input: a resource type, a kind, a function name or a key. Looked up in a plain object
 * table they would resolve to the inherited member; every table keyed by input must miss instead.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../src/fs/memory.js';
import { scanGraph } from '../../src/pipeline.js';
import { analyzeScan } from '../../src/analyze/scan.js';
import { rules } from '../../rules/index.js';

const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

/** Adapter, semantics and rule failures of a scan and its analysis (a rule that throws is an error issue). */
async function crashes(files: Record<string, string>): Promise<string[]> {
  const { graph, resources } = await scanGraph({ rootDir: '/proto', paths: [''], fs: new MemoryFileSystem(files) });
  const analysis = analyzeScan({ graph, resources, rules, today: '2026-11-22' });
  return [
    ...graph.diagnostics.filter((d) => d.code === 'adapter-failure' || d.code === 'semantics-failure').map((d) => d.message),
    ...analysis.issues.filter((i) => i.severity === 'error').map((i) => i.message),
  ];
}

describe('input named like an Object.prototype member', () => {
  it.each(NAMES)('Kubernetes kind and names %s', async (name) => {
    const doc = `apiVersion: v1\nkind: ${name}\nmetadata:\n  name: ${name}\n  labels: {${name}: x}\nspec:\n  selector: {${name}: x}\n`;
    const svc = `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  selector: {${name}: x}\n  ports: [{port: 80}]\n`;
    expect(await crashes({ 'k8s/a.yaml': doc, 'k8s/b.yaml': svc })).toEqual([]);
  });

  it.each(NAMES)('Terraform resource type, name, attribute and function %s', async (name) => {
    const tf = [
      `resource "${name}" "${name}" {`,
      `  ${name} = ${name}("x")`,
      `}`,
      `resource "aws_instance" "${name}" {`,
      `  ami = "ami-1"`,
      `  tags = { ${name} = "x" }`,
      `}`,
      `resource "google_compute_instance" "g" { name = "${name}" }`,
      `resource "azurerm_linux_web_app" "a" { name = "${name}" }`,
      '',
    ].join('\n');
    expect(await crashes({ 'tf/main.tf': tf })).toEqual([]);
  });

  it.each(NAMES)('CloudFormation type, logical id and property %s', async (name) => {
    const cfn = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ${name === '__proto__' ? 'Proto' : name}:\n    Type: ${name}\n    Properties: {${name}: x}\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment: {Variables: {${name}: x}}\n      Runtime: python3.12\n`;
    expect(await crashes({ 'cfn/template.yaml': cfn })).toEqual([]);
  });

  it.each(NAMES)('compose service, network and keys %s', async (name) => {
    const compose = `services:\n  ${name}:\n    image: ${name}\n    networks: [${name}]\n    environment: {${name}: x}\n    ${name}: x\nnetworks:\n  ${name}: {}\n`;
    expect(await crashes({ 'compose/docker-compose.yaml': compose })).toEqual([]);
  });
});

describe('more input named like an Object.prototype member', () => {
  it.each(NAMES)('a compose override file with the key %s', async (name) => {
    const base = 'services:\n  web:\n    image: nginx:1.27\n    environment: {A: "1"}\n';
    const override = `services:\n  web:\n    ${name}:\n      B: "2"\n`;
    expect(await crashes({ 'compose/compose.yaml': base, 'compose/compose.override.yaml': override })).toEqual([]);
  });

  it.each(NAMES)('a URL scheme %s:// in a Kubernetes env var', async (name) => {
    const dep = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          env:\n            - {name: DB_URL, value: "${name.toLowerCase()}://db:5432/x"}\n            - {name: OTHER, value: "${name}://db"}\n`;
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  selector: {app: db}\n  ports: [{port: 5432}]\n';
    expect(await crashes({ 'k8s/web.yaml': dep, 'k8s/db.yaml': svc })).toEqual([]);
  });

  it.each(NAMES)('a SAM policy template named %s', async (name) => {
    const sam = `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      Policies:\n        - ${name}: {TableName: x}\n`;
    expect(await crashes({ 'sam/template.yaml': sam })).toEqual([]);
  });
});

describe('a hand-written model with values named like Object.prototype members', () => {
  it.each(NAMES)('technology, usage, encryption, authorization and a tag %s: drift and analysis run', async (name) => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { FIXTURES } = await import('../helpers/scan.js');
    const { driftOf } = await import('../reconcile/helpers.js');
    const dir = join(FIXTURES, 'drift/api-platform');
    const text = readFileSync(join(dir, 'threagile.yaml'), 'utf8')
      .replace(/technology: [a-z-]+/, `technology: ${name}`)
      .replace(/usage: [a-z]+/, `usage: ${name}`)
      .replace(/encryption: [a-z-]+/, `encryption: ${name}`)
      .replace(/authorization: [a-z-]+/, `authorization: ${name}`)
      .replace(/tags: \[/, `tags: [${name}, `);
    const result = await driftOf(join(dir, 'k8s-drifted'), join(dir, 'threagile.yaml'), text);
    expect(result.drift.length).toBeGreaterThan(0);
    const analysis = analyzeScan({ graph: result.scan.graph, resources: result.scan.resources, rules, model: result.model, today: '2026-11-22' });
    expect(analysis.issues.filter((i) => i.message.includes('failed'))).toEqual([]);
  });
});
