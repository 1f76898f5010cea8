import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../src/fs/memory.js';
import { scanGraph } from '../../src/pipeline.js';

const scan = (files: Record<string, string>) => scanGraph({ rootDir: '/virtual', paths: [''], fs: new MemoryFileSystem(files) });

const NETWORK = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 172.16.0.0/16 }
  Web:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 172.16.10.0/24, MapPublicIpOnLaunch: true }
  Igw:
    Type: AWS::EC2::InternetGateway
  Rt:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  Default:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref Web, RouteTableId: !Ref Rt }
  WebSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
        - { IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0 }
  WebHost:
    Type: AWS::EC2::Instance
    Properties: { SubnetId: !Ref Web, SecurityGroupIds: [!Ref WebSg], ImageId: ami-123 }
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 3306, ToPort: 3306, CidrIp: 172.16.0.0/16 }
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties: { DBSubnetGroupDescription: db, SubnetIds: [!Ref Web] }
  Db:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: mysql, PubliclyAccessible: true, DBSubnetGroupName: !Ref DbSubnets, VPCSecurityGroups: [!Ref DbSg] }
  Data:
    Type: AWS::S3::Bucket
    Properties: { BucketName: customer-data, AccessControl: PublicRead }
  Private:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: private-data
      AccessControl: PublicRead
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }
  Orphan:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: sg-0123456789, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
`;

describe('AWS internet exposure', () => {
  it('exposes an instance with a public IP behind an open security group, with the evidence chain', async () => {
    const g = (await scan({ 'net.yaml': NETWORK })).graph;
    const flow = g.flows.find((f) => f.id === 'internet>web-host')!;
    expect(flow.evidence.map((e) => `${e.kind}@${e.location.line}`)).toEqual(['aws-public-ip@6', 'aws-sg-rule@26', 'aws-sg-rule@27']);
    expect(flow.evidence.find((e) => e.kind === 'aws-public-ip')!.detail).toContain('gives instances a public IP');
    expect(g.components.find((c) => c.id === 'web-host')!.attributes.open_to_internet_ports).toEqual(['22', '80']);
    expect(g.boundaries.find((b) => b.id === 'subnet-net-web')!).toMatchObject({ parent: 'vpc-net-public', members: ['net-db', 'web-host'] });
  });

  it('exposes a publicly accessible database, and infers the VPC-internal caller from a CIDR rule', async () => {
    const g = (await scan({ 'net.yaml': NETWORK })).graph;
    expect(g.components.find((c) => c.id === 'net-db')).toMatchObject({ internet: true, attributes: expect.objectContaining({ publicly_accessible: true }) });
    expect(g.flows.find((f) => f.id === 'internet>net-db')!).toMatchObject({ protocol: 'jdbc', port: 3306 });
    expect(g.flows.find((f) => f.id === 'web-host>net-db')!).toMatchObject({ confidence: 'inferred', port: 3306 });
  });

  it('exposes a bucket with a public ACL unless a public access block ignores it', async () => {
    const g = (await scan({ 'net.yaml': NETWORK })).graph;
    expect(g.components.find((c) => c.id === 'customer-data')).toMatchObject({ internet: true, attributes: expect.objectContaining({ public: true }) });
    expect(g.components.find((c) => c.id === 'private-data')!.internet).toBe(false);
  });

  it('lists a rule on a security group outside the scan as unresolved', async () => {
    const g = (await scan({ 'net.yaml': NETWORK })).graph;
    expect(g.coverage.unresolved.map((u) => `${u.location.line}: ${u.reference}`)).toEqual(['53: sg-0123456789']);
    expect(g.coverage.unmapped).toEqual([]);
  });

  it('matches a policy resource written as a literal ARN to the bucket of that name', async () => {
    const t = `Parameters:
  Prefix: { Type: String, Default: shop }
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties: { BucketName: !Sub "\${Prefix}-data-\${AWS::Region}" }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: [s3:GetObject], Resource: !Sub "arn:\${AWS::Partition}:s3:::\${Prefix}-data-\${AWS::Region}/*" }
              - { Effect: Allow, Action: [s3:PutObject], Resource: "arn:aws:s3:::other-bucket/*" }
  Fn:
    Type: AWS::Lambda::Function
    Properties: { FunctionName: reader, Role: !GetAtt Role.Arn }
`;
    const g = (await scan({ 's.yaml': t })).graph;
    expect(g.flows.map((f) => f.id)).toEqual(['reader>s-bucket']);
    expect(g.flows[0]!.evidence[0]!.detail).toContain('may read');
  });

  it('leaves types the catalog does not know unmapped, with their location', async () => {
    const g = (await scan({ 's.yaml': 'Resources:\n  X:\n    Type: AWS::Foo::Bar\n  Q:\n    Type: AWS::SQS::Queue\n' })).graph;
    expect(g.coverage.unmapped).toEqual([{ type: 'AWS::Foo::Bar', address: 'cfn:s/X', location: { file: 's.yaml', line: 2 } }]);
  });
});
