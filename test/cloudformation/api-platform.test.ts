import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/pipeline.js';
import { scanDir } from '../helpers/scan.js';

let r: ScanResult;
beforeAll(async () => {
  r = await scanDir('api-platform/cloudformation');
});

const comp = (id: string) => r.graph.components.find((c) => c.id === id)!;

describe('api-platform on AWS (CloudFormation, nested stack)', () => {
  it('reads the root and the nested stack once, with stack-qualified addresses', () => {
    const services = r.resources.filter((x) => x.type === 'AWS::ECS::Service').map((x) => [x.address, x.group, x.location.file]);
    expect(services).toEqual([
      ['cfn:platform/Services/ApiGateway', 'platform/Services', 'services.yaml'],
      ['cfn:platform/Services/AuthService', 'platform/Services', 'services.yaml'],
      ['cfn:platform/Services/NotificationService', 'platform/Services', 'services.yaml'],
      ['cfn:platform/Services/UserService', 'platform/Services', 'services.yaml'],
    ]);
    expect(r.graph.coverage.files.byAdapter.cloudformation).toBe(2);
  });

  it('resolves parameters, mappings, conditions and nested outputs', () => {
    const db = r.resources.find((x) => x.address === 'cfn:platform/Database')!;
    expect(db.attributes.DBInstanceClass).toBe('db.r6g.large');
    expect(db.attributes.MultiAZ).toBe(true);
    const rule = r.resources.find((x) => x.address === 'cfn:platform/DatabaseFromAuth')!;
    expect(rule.attributes.SourceSecurityGroupId).toEqual({ $ref: 'cfn:platform/Services/AuthServiceSecurityGroup', attribute: 'GroupId' });
    const lb = r.resources.find((x) => x.address === 'cfn:platform/LoadBalancer')!;
    expect(lb.attributes.Name).toBe('api-platform-prod-alb');
    // plaintext-http-from-internet already skips redirect-only listeners: nothing to suppress here.
    expect(lb.suppressions).toBeUndefined();
  });

  it('has the same components, flows and exposure as the Terraform version', () => {
    expect(r.graph.components.map((c) => `${c.id}:${c.type}:${c.internet}`)).toEqual([
      'api-gateway:process:false',
      'api-platform-prod-alb:process:true',
      'auth-service:process:false',
      'internet:external-entity:true',
      'notification-service:process:false',
      'postgresql-store:datastore:false',
      'third-party-provider:external-entity:true',
      'user-service:process:false',
    ]);
    expect(r.graph.flows.map((f) => `${f.source}>${f.target}:${f.protocol}:${f.port}`)).toEqual([
      'api-gateway>auth-service:http:8080',
      'api-gateway>notification-service:http:8080',
      'api-gateway>user-service:http:8080',
      'api-platform-prod-alb>api-gateway:http:8080',
      'auth-service>postgresql-store:jdbc:5432',
      'internet>api-platform-prod-alb:https:443',
      'notification-service>third-party-provider:https:443',
      'user-service>postgresql-store:jdbc:5432',
    ]);
    expect(comp('postgresql-store')).toMatchObject({ encryption: 'transparent', sources: [{ address: 'cfn:platform/Database', location: { file: 'platform.yaml', line: 209 } }] });
    const chain = comp('api-gateway').evidence.find((e) => e.kind === 'aws-internet-path')!;
    expect(chain.detail).toBe('internet → platform/LoadBalancer (internet-facing, listener 443) → platform/Services/ApiGateway');
    const provider = r.graph.flows.find((f) => f.target === 'third-party-provider')!;
    expect(provider.evidence[0]!.location.file).toBe('services.yaml');
  });

  it('places components in the public and private subnet tiers of the VPC', () => {
    const b = Object.fromEntries(r.graph.boundaries.map((x) => [x.id, x]));
    expect(b['vpc-api-platform-public']!.members).toEqual(['api-platform-prod-alb']);
    expect(b['vpc-api-platform-private']!.members).toEqual(['api-gateway', 'auth-service', 'notification-service', 'postgresql-store', 'user-service']);
    expect(b['vpc-api-platform-private']!.parent).toBe('vpc-api-platform');
  });

  it('has the secret as a data asset used by the services that inject it', () => {
    const secret = r.graph.dataAssets.find((d) => d.id === 'postgresql-store-password')!;
    expect(secret).toMatchObject({ kind: 'secret', processedBy: ['auth-service', 'postgresql-store', 'user-service'] });
    expect(JSON.stringify(r.graph)).not.toContain('GenerateStringKey');
    expect(r.graph.coverage.unmapped).toEqual([]);
    expect(r.graph.diagnostics).toEqual([]);
  });
});
