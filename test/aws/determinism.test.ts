import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../src/fs/memory.js';
import { scanGraph } from '../../src/pipeline.js';
import { scanDir } from '../helpers/scan.js';

describe('AWS graph determinism and cost', () => {
  it('gives byte-identical graphs on repeated scans', async () => {
    const a = JSON.stringify((await scanDir('api-platform/cloudformation')).graph);
    const b = JSON.stringify((await scanDir('api-platform/cloudformation')).graph);
    expect(a).toBe(b);
  });

  it('scales linearly: 2 000 services with security groups scan in seconds', async () => {
    const n = 2000;
    const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  Vpc:', '    Type: AWS::EC2::VPC', '    Properties: { CidrBlock: 10.0.0.0/16 }', '  Subnet:', '    Type: AWS::EC2::Subnet', '    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }'];
    for (let i = 0; i < n; i++) {
      lines.push(`  Sg${i}:`, '    Type: AWS::EC2::SecurityGroup', '    Properties:', '      GroupDescription: x', '      VpcId: !Ref Vpc', '      SecurityGroupIngress:', `        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: !Ref Sg${(i + 1) % n} }`);
      lines.push(`  Svc${i}:`, '    Type: AWS::ECS::Service', '    Properties:', `      ServiceName: svc-${i}`, '      NetworkConfiguration:', '        AwsvpcConfiguration:', `          SecurityGroups: [!Ref Sg${i}]`, '          Subnets: [!Ref Subnet]');
    }
    const t = performance.now();
    const r = await scanGraph({ rootDir: '/virtual', paths: [''], fs: new MemoryFileSystem({ 'big.yaml': lines.join('\n') }) });
    const ms = performance.now() - t;
    expect(r.graph.components.length).toBe(n);
    expect(r.graph.flows.length).toBe(n);
    // A generous bound (shared CI machines are noisy): a pairwise pass over 4 000 resources would blow it.
    expect(ms).toBeLessThan(30_000);
  });
});
