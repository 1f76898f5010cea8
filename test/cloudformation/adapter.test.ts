import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../src/fs/memory.js';
import { scanGraph } from '../../src/pipeline.js';

const scan = (files: Record<string, string>) => scanGraph({ rootDir: '/virtual', paths: [''], fs: new MemoryFileSystem(files) });

describe('CloudFormation adapter', () => {
  it('claims templates by content, not by name', async () => {
    const r = await scan({
      'infra/stack.yml': 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n',
      'infra/not-cfn.yaml': 'Resources:\n  - cpu\n  - memory\n',
      'infra/app.template': '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}',
    });
    expect(r.graph.coverage.files.byAdapter.cloudformation).toBe(2);
    expect(r.resources.map((x) => x.address)).toEqual(['cfn:stack/Q']);
  });

  it('reads JSON templates with a line for every resource', async () => {
    const json = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Join': ['-', ['logs', { Ref: 'AWS::Region' }]] } } }, Queue: { Type: 'AWS::SQS::Queue' } } }, null, 2);
    const r = await scan({ 'stack.json': json });
    const lines = json.split('\n');
    const lineOf = (s: string) => lines.findIndex((l) => l.includes(`"${s}": {`)) + 1;
    expect(r.resources.map((x) => [x.address, x.location.line])).toEqual([
      ['cfn:stack/Bucket', lineOf('Bucket')],
      ['cfn:stack/Queue', lineOf('Queue')],
    ]);
    expect(r.resources[0]!.attributes.BucketName).toEqual({ $template: ['logs-', { $unknown: 'AWS::Region' }] });
  });

  it('reports an unknown tag once with its line and still reads the template', async () => {
    const r = await scan({
      'api.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code:\n        ZipFile: !Rain::Embed handler.py\n  Q:\n    Type: AWS::SQS::Queue\n',
    });
    expect(r.graph.diagnostics.map((d) => `${d.location.file}:${d.location.line}: ${d.code}`)).toEqual(['api.yaml:7: cfn-unknown-tag']);
    expect(r.resources.map((x) => x.address)).toEqual(['cfn:api/Fn', 'cfn:api/Q']);
  });

  it('gives one diagnostic for a malformed template and goes on with the others', async () => {
    const r = await scan({
      'bad.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::SQS::Queue\n   Properties: [\n',
      'bad.json': '{"AWSTemplateFormatVersion": "2010-09-09",\n "Resources": {\n}}}',
      'good.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n',
    });
    expect(r.graph.diagnostics.map((d) => `${d.location.file}:${d.code}`)).toEqual(['bad.json:json-syntax', 'bad.yaml:yaml-syntax']);
    expect(r.graph.diagnostics.every((d) => d.location.line >= 1)).toBe(true);
    expect(r.resources.map((x) => x.address)).toEqual(['cfn:good/Q']);
  });

  it('links Fn::ImportValue to the Export of another template, with ${AWS::StackName} as a wildcard', async () => {
    const r = await scan({
      'network.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\nOutputs:\n  SgId:\n    Value: !GetAtt Sg.GroupId\n    Export:\n      Name: !Sub "${AWS::StackName}:SgId"\n',
      'app.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  Net:\n    Type: String\n    Default: prod-net\nResources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      SecurityGroupIds: [!ImportValue {"Fn::Sub": "${Net}:SgId"}]\n      Missing: !ImportValue nowhere\n',
    });
    const i = r.resources.find((x) => x.address === 'cfn:app/I')!;
    expect(i.attributes.SecurityGroupIds).toEqual([{ $ref: 'cfn:network/Sg', attribute: 'GroupId' }]);
    expect(i.attributes.Missing).toEqual({ $unknown: 'Fn::ImportValue nowhere' });
  });

  it('skips resources whose Condition is false with the defaults, and says so', async () => {
    const r = await scan({
      's.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  Replica:\n    Type: String\n    Default: "false"\nConditions:\n  WantReplica: !Equals [!Ref Replica, "true"]\nResources:\n  R:\n    Type: AWS::SQS::Queue\n    Condition: WantReplica\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: !If [WantReplica, 5, !Ref AWS::NoValue]\n',
    });
    expect(r.resources.map((x) => x.address)).toEqual(['cfn:s/Q']);
    expect(r.resources[0]!.attributes).toEqual({});
    expect(r.graph.diagnostics.map((d) => `${d.location.line}:${d.code}`)).toEqual(['9:cfn-condition-false']);
  });

  it('reports a nested stack whose local template is missing', async () => {
    const r = await scan({ 'root.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n' });
    expect(r.graph.diagnostics.map((d) => `${d.location.file}:${d.location.line}: ${d.message}`)).toEqual([
      'root.yaml:3: nested stack Child: template ./child.yaml not found next to this template; its resources are missing from the graph',
    ]);
  });

  it('keeps stack names unique when two templates share a file name', async () => {
    const t = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n';
    const r = await scan({ 'a/template.yaml': t, 'b/template.yaml': t });
    expect(r.resources.map((x) => x.address)).toEqual(['cfn:a/template/Q', 'cfn:b/template/Q']);
  });
});
