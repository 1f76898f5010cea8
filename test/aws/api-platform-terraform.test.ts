import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchitectureGraph } from '../../src/graph/types.js';
import { scanDir } from '../helpers/scan.js';

let g: ArchitectureGraph;
beforeAll(async () => {
  g = (await scanDir('api-platform/terraform')).graph;
});

const comp = (id: string) => g.components.find((c) => c.id === id)!;
const flow = (s: string, t: string) => g.flows.find((f) => f.source === s && f.target === t)!;

describe('api-platform on AWS (Terraform)', () => {
  it('has the seed components with type, technology and exposure', () => {
    const ids = g.components.map((c) => c.id);
    expect(ids).toEqual(['api-gateway', 'api-platform-alb', 'auth-service', 'internet', 'notification-service', 'postgresql-store', 'third-party-provider', 'user-avatars', 'user-service']);
    expect(comp('api-gateway')).toMatchObject({ type: 'process', technology: 'web-service-rest', machine: 'container', internet: false, group: 'module.api_gateway' });
    expect(comp('api-gateway').sources[0]).toEqual({ address: 'tf:module.api_gateway.aws_ecs_service.this', location: { file: 'modules/ecs-service/main.tf', line: 81 } });
    expect(comp('api-platform-alb')).toMatchObject({ technology: 'load-balancer', internet: true, attributes: expect.objectContaining({ scheme: 'internet-facing' }) });
    expect(comp('postgresql-store')).toMatchObject({ type: 'datastore', technology: 'database', encryption: 'transparent', internet: false });
    expect(comp('postgresql-store').sources[0]!.location).toEqual({ file: 'data.tf', line: 32 });
    expect(comp('third-party-provider')).toMatchObject({ type: 'external-entity', internet: true });
  });

  it('has flows caller → callee with protocol, port and evidence', () => {
    const pairs = g.flows.map((f) => `${f.source}>${f.target}:${f.protocol}:${f.port}:${f.confidence}`);
    expect(pairs).toEqual([
      'api-gateway>auth-service:http:8080:declared',
      'api-gateway>notification-service:http:8080:declared',
      'api-gateway>user-service:http:8080:declared',
      'api-platform-alb>api-gateway:http:8080:declared',
      'auth-service>postgresql-store:jdbc:5432:declared',
      'internet>api-platform-alb:https:443:declared',
      'notification-service>third-party-provider:https:443:declared',
      'user-service>postgresql-store:jdbc:5432:declared',
      'user-service>user-avatars:https:443:declared',
    ]);
    const lb = flow('api-platform-alb', 'api-gateway');
    expect(lb.evidence.map((e) => `${e.kind}@${e.location.file}:${e.location.line}`)).toEqual(
      expect.arrayContaining(['aws-lb-listener@edge.tf:37', 'aws-lb-target-group@edge.tf:29', 'aws-lb-target@modules/ecs-service/main.tf:94']),
    );
    expect(flow('auth-service', 'postgresql-store').evidence[0]).toMatchObject({ kind: 'aws-sg-rule', location: { file: 'data.tf', line: 15 } });
    expect(flow('user-service', 'postgresql-store').evidence[0]!.location).toEqual({ file: 'data.tf', line: 24 });
    expect(flow('notification-service', 'third-party-provider').evidence[0]!.location).toEqual({ file: 'services.tf', line: 51 });
    expect(flow('user-service', 'user-avatars').evidence[0]!.detail).toContain('may read and write user-avatars');
  });

  it('explains the internet path to the service behind the ALB', () => {
    expect(comp('api-gateway').attributes.internet_via).toBe('api-platform-alb');
    const chain = comp('api-gateway').evidence.find((e) => e.kind === 'aws-internet-path')!;
    expect(chain.detail).toBe('internet → aws_lb.web (internet-facing, listener 443) → module.api_gateway.aws_ecs_service.this');
    expect(chain.location).toEqual({ file: 'edge.tf', line: 37 });
  });

  it('puts the ALB in the public subnets and the services and database in the private ones', () => {
    const b = Object.fromEntries(g.boundaries.map((x) => [x.id, x]));
    expect(b['vpc-api-platform']).toMatchObject({ type: 'network-cloud-provider' });
    expect(b['subnet-api-platform-public']).toMatchObject({ parent: 'vpc-api-platform-public', members: ['api-platform-alb'] });
    expect(b['subnet-api-platform-private']).toMatchObject({
      parent: 'vpc-api-platform-private',
      members: ['api-gateway', 'auth-service', 'notification-service', 'postgresql-store', 'user-service'],
    });
    expect(b['vpc-api-platform-public']!.evidence.map((e) => e.kind)).toContain('aws-igw-route');
    expect(b['vpc-api-platform-private']!.evidence.some((e) => e.detail.includes('NAT egress'))).toBe(true);
  });

  it('has data assets for the database, the bucket and the secret (names only)', () => {
    expect(g.dataAssets.map((d) => [d.id, d.kind, d.storedBy, d.processedBy])).toEqual([
      ['postgresql-store-data', 'database', ['postgresql-store'], ['auth-service', 'user-service']],
      ['postgresql-store-password', 'secret', [], ['auth-service', 'user-service']],
      ['user-avatars-data', 'bucket', ['user-avatars'], ['user-service']],
    ]);
    expect(g.dataAssets.every((d) => d.evidence.length > 0)).toBe(true);
  });

  it('maps or folds every resource', () => {
    expect(g.coverage.unmapped).toEqual([]);
    expect(g.coverage.mapped).toMatchObject({ aws_ecs_service: 4, aws_db_instance: 1, aws_lb: 1, aws_s3_bucket: 1 });
    expect(g.coverage.folded).toMatchObject({ aws_security_group: 6, aws_ecs_task_definition: 4, aws_lb_listener: 1, aws_subnet: 2 });
  });
});
