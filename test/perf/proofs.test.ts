/**
 * Proofs as tests.
 * 1. No secret value in any output: secrets planted in every input format (Kubernetes Secret data and
 *    stringData, container env values; compose environment, .env and secrets; Terraform variable
 *    defaults and tfvars; CloudFormation parameter defaults, NoEcho or not) never appear in the graph
 *    (json, dot, mermaid), the init model, the scan report (text, json) or the drift report (text,
 *    json). Each output is searched for every planted string (and its base64 form).
 * 2. Determinism: byte-identical graph JSON across two runs, a file system that lists in another
 *    order, and HCL worker counts 1 and 3 (and the default).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeScan, evaluateGate } from '../../src/analyze/scan.js';
import { MemoryFileSystem } from '../../src/fs/memory.js';
import { modelFromGraph } from '../../src/model/from-graph.js';
import { writeModel } from '../../src/model/write.js';
import { scanGraph } from '../../src/pipeline.js';
import { runDrift } from '../../src/reconcile/run.js';
import { renderDriftJson } from '../../src/report/drift-json.js';
import { renderDriftText } from '../../src/report/drift-text.js';
import { renderDot } from '../../src/report/graph-dot.js';
import { renderMermaid } from '../../src/report/graph-mermaid.js';
import { renderScanJson } from '../../src/report/scan-json.js';
import { renderScanText } from '../../src/report/scan-text.js';
import { rules } from '../../rules/index.js';
import { graphJson, terraformTree } from './trees.js';

/** Each planted value is unique, so a hit names the input that leaked. */
const P = {
  k8sData: 'PlantedK8sDataValue-9f1c',
  k8sStringData: 'PlantedK8sStringData-41ab',
  k8sEnv: 'PlantedK8sEnvValue-77de',
  composeEnv: 'PlantedComposeEnv-0b52',
  composeDotenv: 'PlantedDotenvValue-c3e9',
  composeSecretFile: 'PlantedComposeSecretFile-5a10',
  tfDefault: 'PlantedTfVarDefault-e8d4',
  tfvars: 'PlantedTfvarsPassword-2f66',
  cfnNoEcho: 'PlantedCfnNoEcho-19bb',
  cfnDefault: 'PlantedCfnDefault-d07a',
};

const b64 = (s: string) => Buffer.from(s).toString('base64');

const INPUTS: Record<string, string> = {
  'k8s/app.yaml': [
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\ntype: Opaque\ndata:\n  password: ${b64(P.k8sData)}\nstringData:\n  token: ${P.k8sStringData}\n`,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.0\n          env:\n            - name: DB_PASSWORD\n              value: ${P.k8sEnv}\n            - name: DB_URL\n              value: postgres://app:${P.k8sEnv}@db:5432/app\n            - name: TOKEN\n              valueFrom: {secretKeyRef: {name: db, key: token}}\n`,
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  type: LoadBalancer\n  selector: {app: api}\n  ports: [{port: 443, targetPort: 8443}]\n`,
  ].join('---\n'),
  'compose/compose.yaml': `services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    environment:\n      DB_PASSWORD: ${P.composeEnv}\n      API_TOKEN: \${API_TOKEN}\n      DATABASE_URL: postgres://u:${P.composeEnv}@db:5432/x\n    secrets: [db_pw]\n    depends_on: [db]\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=${P.composeEnv}\nsecrets:\n  db_pw:\n    file: ./db_pw.txt\n`,
  'compose/.env': `API_TOKEN=${P.composeDotenv}\n`,
  'compose/db_pw.txt': `${P.composeSecretFile}\n`,
  'terraform/main.tf': `variable "db_password" {\n  type    = string\n  default = "${P.tfDefault}"\n}\n\nvariable "admin_password" {\n  type = string\n}\n\nresource "aws_db_instance" "db" {\n  identifier          = "db"\n  engine              = "postgres"\n  username            = "app"\n  password            = var.db_password\n  publicly_accessible = true\n}\n\nresource "aws_db_instance" "admin" {\n  identifier = "admin"\n  engine     = "mysql"\n  password   = var.admin_password\n}\n\nresource "aws_ssm_parameter" "p" {\n  name  = "/app/pw"\n  type  = "SecureString"\n  value = var.admin_password\n}\n`,
  'terraform/terraform.tfvars': `admin_password = "${P.tfvars}"\n`,
  'cloudformation/stack.yaml': `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  DBPassword:\n    Type: String\n    NoEcho: true\n    Default: ${P.cfnNoEcho}\n  ApiKey:\n    Type: String\n    Default: ${P.cfnDefault}\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      MasterUsername: app\n      MasterUserPassword: !Ref DBPassword\n      PubliclyAccessible: true\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      Code: {ZipFile: "exports.handler = async () => ({})"}\n      Environment:\n        Variables:\n          API_KEY: !Ref ApiKey\n          DB_PASSWORD: !Ref DBPassword\n`,
};

function leaks(name: string, text: string): string[] {
  const hits: string[] = [];
  for (const [k, v] of Object.entries(P)) if (text.includes(v) || text.includes(b64(v))) hits.push(`${name} carries ${k}`);
  return hits;
}

describe('proof: no planted secret value reaches any output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infragile-proofs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const [p, text] of Object.entries(INPUTS)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }

  it('graph json/dot/mermaid, init model, scan text/json, drift text/json', async () => {
    const scan = await scanGraph({ rootDir: dir, paths: [''] });
    const { graph, resources } = scan;
    // The planted inputs were understood: the leak check is not vacuous.
    expect(graph.components.length).toBeGreaterThanOrEqual(6);
    expect(graph.dataAssets.length).toBeGreaterThan(0);

    const outputs: Record<string, string> = {
      'graph json': JSON.stringify(graph, null, 2),
      'graph dot': renderDot(graph),
      'graph mermaid': renderMermaid(graph),
      diagnostics: graph.diagnostics.map((d) => d.message).join('\n'),
    };
    const starter = modelFromGraph(graph, { title: 'proofs', scanned: '.' });
    const modelText = writeModel(starter.model, { comments: starter.comments });
    outputs['init model'] = modelText;

    const analysis = analyzeScan({ graph, resources, rules });
    const gate = evaluateGate(analysis.risks, undefined, false);
    expect(analysis.risks.length).toBeGreaterThan(0);
    outputs['scan text'] = renderScanText({ analysis, graph, gate });
    outputs['scan json'] = renderScanJson({ analysis, graph, gate });

    // Drift against the starter model with one asset removed, so there is drift to print.
    const modelPath = join(dir, 'threagile.yaml');
    writeFileSync(modelPath, modelText.replace(/internet: false/, 'internet: true'));
    const drift = await runDrift({ rootDir: dir, modelName: 'threagile.yaml', modelPath, scan: (fs) => scanGraph({ rootDir: dir, paths: [''], ...(fs ? { fs } : {}) }) });
    expect(drift.report.drift.length).toBeGreaterThan(0);
    outputs['drift text'] = renderDriftText(drift.report);
    outputs['drift json'] = renderDriftJson(drift.report);

    // The detector itself sees a plant, plain or base64.
    expect(leaks('probe', `x ${b64(P.k8sData)} y`)).toHaveLength(1);
    const found = Object.entries(outputs).flatMap(([name, text]) => leaks(name, text));
    expect(found).toEqual([]);
  });
});

describe('proof: byte-identical output', () => {
  const tree = { ...terraformTree(60), ...Object.fromEntries(Object.entries(INPUTS).filter(([p]) => !p.startsWith('terraform/'))) };

  it('across two runs, a reversed listing order, and HCL worker counts 1, 3 and the default', async () => {
    const first = await graphJson(tree, { workers: '1' });
    expect(JSON.parse(first).components.length).toBeGreaterThan(400);
    expect(await graphJson(tree, { workers: '1' })).toBe(first);
    expect(await graphJson(tree, { workers: '1', reversed: true })).toBe(first);
    expect(await graphJson(tree, { workers: '3' })).toBe(first);
    expect(await graphJson(tree, {})).toBe(first);
  }, 180_000);
});
