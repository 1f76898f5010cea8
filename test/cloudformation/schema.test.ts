import { describe, expect, it } from 'vitest';
import { CFN_SCHEMA } from '../../adapters/cloudformation/schema.js';
import { loadYamlDocuments } from '../../src/util/yaml.js';

function load(text: string) {
  const [doc] = loadYamlDocuments(text, { schema: CFN_SCHEMA });
  return { value: doc!.value as Record<string, unknown>, error: doc!.error };
}

describe('CloudFormation YAML schema', () => {
  it('turns every short form into the long form', () => {
    const { value, error } = load(`a: !Ref X
b: !GetAtt Web.Outputs.Deep
b2: !GetAtt [Web, Arn]
c: !Base64 plain
d: !Sub ["\${A}", {A: !Ref B}]
d2: !Sub "\${AWS::Region}-x"
f: !Equals [!Ref Env, prod]
g: !Select [0, !GetAZs ""]
h: !GetAZs
i: !If [C, !Ref AWS::NoValue, 1]
j: !Cidr [!GetAtt Vpc.CidrBlock, 6, 8]
k: !FindInMap [M, !Ref AWS::Region, Ami]
l: !ImportValue x-VpcId
m: !Join [",", [a, b]]
n: !Split [",", "a,b"]
o: !Transform {Name: AWS::Include, Parameters: {Location: s3://x}}
p: !And [!Condition A, !Not [!Condition B], !Or [!Condition C, !Condition D]]
q: !ToJsonString {a: 1}
r: !Length [1, 2]
`);
    expect(error).toBeUndefined();
    expect(value).toEqual({
      a: { Ref: 'X' },
      b: { 'Fn::GetAtt': ['Web', 'Outputs.Deep'] },
      b2: { 'Fn::GetAtt': ['Web', 'Arn'] },
      c: { 'Fn::Base64': 'plain' },
      d: { 'Fn::Sub': ['${A}', { A: { Ref: 'B' } }] },
      d2: { 'Fn::Sub': '${AWS::Region}-x' },
      f: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      g: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      h: { 'Fn::GetAZs': '' },
      i: { 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, 1] },
      j: { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 6, 8] },
      k: { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'Ami'] },
      l: { 'Fn::ImportValue': 'x-VpcId' },
      m: { 'Fn::Join': [',', ['a', 'b']] },
      n: { 'Fn::Split': [',', 'a,b'] },
      o: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://x' } } },
      p: { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Not': [{ Condition: 'B' }] }, { 'Fn::Or': [{ Condition: 'C' }, { Condition: 'D' }] }] },
      q: { 'Fn::ToJsonString': { a: 1 } },
      r: { 'Fn::Length': [1, 2] },
    });
  });

  it('keeps reading past an unknown tag and reports it', () => {
    const { value, error } = load(`Code:\n  ZipFile: !Rain::Embed handler.py\nOther: !Ref X\n`);
    expect(error).toBeUndefined();
    expect(value.Code).toEqual({ ZipFile: { 'Fn::Unknown': { tag: '!Rain::Embed', value: 'handler.py' } } });
    expect(value.Other).toEqual({ Ref: 'X' });
  });
});
