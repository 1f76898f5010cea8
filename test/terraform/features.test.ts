/** The terraform-features fixtures: the adapter's Resources (addresses, file:line, evaluated values, refs). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Resource } from '../../src/graph/resource.js';
import type { ScanResult } from '../../src/pipeline.js';
import { scanDir } from '../helpers/scan.js';

const byAddress = (r: ScanResult) => new Map(r.resources.filter((x) => x.format === 'tf').map((x) => [x.address, x]));
const ref = (address: string, attribute?: string) => (attribute ? { $ref: address, attribute } : { $ref: address });

describe('terraform-features/shop: root + two levels of local modules', () => {
  let result: ScanResult;
  let res: Map<string, Resource>;
  beforeAll(async () => {
    result = await scanDir('terraform-features/shop');
    res = byAddress(result);
  });

  it('emits one Resource per resource/data block, with module addresses, and the opaque registry module', () => {
    expect([...res.keys()].sort()).toEqual([
      'tf:aws_db_instance.main',
      'tf:aws_instance.app',
      'tf:aws_lb.web',
      'tf:aws_s3_bucket.assets',
      'tf:aws_security_group_rule.admin_ssh',
      'tf:aws_sqs_queue.orders',
      'tf:data.aws_ami.ubuntu',
      'tf:data.aws_iam_policy_document.assets_read',
      'tf:module.cdn',
      'tf:module.network.aws_subnet.private',
      'tf:module.network.aws_subnet.public',
      'tf:module.network.aws_vpc.this',
      'tf:module.network.module.security.aws_security_group.app',
      'tf:module.network.module.security.aws_security_group.db',
      'tf:module.network.module.security.aws_security_group.web',
    ]);
  });

  it('locates blocks at their file:line inside the module folder, with group = module address', () => {
    const sg = res.get('tf:module.network.module.security.aws_security_group.web')!;
    expect(sg.location).toEqual({ file: 'modules/security/main.tf', line: 13 });
    expect(sg.group).toBe('module.network.module.security');
    expect(sg.name).toBe('web');
    expect(sg.lines?.['ingress[0]']).toBe(17);
    expect(sg.lines?.['ingress[0].cidr_blocks']).toBe(22);
    expect(sg.lines?.['egress[0]']).toBe(25);
    const vpc = res.get('tf:module.network.aws_vpc.this')!;
    expect(vpc.location).toEqual({ file: 'modules/network/main.tf', line: 17 });
    expect(vpc.group).toBe('module.network');
    expect(res.get('tf:aws_lb.web')!.group).toBeUndefined();
    expect(res.get('tf:aws_sqs_queue.orders')!.location).toEqual({ file: 'queue.tf.json', line: 4 });
  });

  it('evaluates variables from defaults, terraform.tfvars and *.auto.tfvars, locals and functions', () => {
    const db = res.get('tf:aws_db_instance.main')!;
    expect(db.attributes['identifier']).toBe('shop-prod-db'); // env from terraform.tfvars
    expect(db.attributes['instance_class']).toBe('db.r6g.large'); // lookup() on a map default
    expect(db.attributes['password']).toEqual({ $unknown: 'var.db_password' });
    const app = res.get('tf:aws_instance.app')!;
    expect(app.multiplicity).toBe(2); // instance_count from prod.auto.tfvars
    expect(app.attributes['instance_type']).toBe('m5.large');
    expect(app.attributes['tags']).toEqual({ Environment: 'prod', Name: 'shop-prod-app', Project: 'shop' });
    expect(res.get('tf:aws_sqs_queue.orders')!.attributes['name']).toBe('shop-prod-orders');
    expect(res.get('tf:module.network.aws_vpc.this')!.attributes['tags']).toEqual({ Name: 'shop-prod' });
  });

  it('turns references into ResourceRefs across module boundaries, and mixed strings into templates', () => {
    const app = res.get('tf:aws_instance.app')!;
    expect(app.attributes['ami']).toEqual(ref('tf:data.aws_ami.ubuntu', 'id'));
    expect(app.attributes['subnet_id']).toEqual(ref('tf:module.network.aws_subnet.private', 'id'));
    expect(app.attributes['vpc_security_group_ids']).toEqual([ref('tf:module.network.module.security.aws_security_group.app', 'id')]);
    expect(app.attributes['user_data']).toEqual({
      $template: ['#!/bin/bash\necho "DATABASE_HOST=', ref('tf:aws_db_instance.main', 'address'), '" >> /etc/shop.env\n'],
    });
    const lb = res.get('tf:aws_lb.web')!;
    expect(lb.attributes['subnets']).toEqual([ref('tf:module.network.aws_subnet.public', 'id')]);
    const policy = res.get('tf:data.aws_iam_policy_document.assets_read')!;
    expect(policy.attributes['statement']).toEqual([
      { actions: ['s3:GetObject'], resources: [{ $template: [ref('tf:aws_s3_bucket.assets', 'arn'), '/*'] }] },
    ]);
  });

  it('keeps count/for_each as multiplicity and binds each/count when there is one instance', () => {
    expect(res.get('tf:module.network.aws_subnet.public')!.multiplicity).toBe(2);
    expect(res.get('tf:module.network.aws_subnet.private')!.multiplicity).toBe(2);
    const bucket = res.get('tf:aws_s3_bucket.assets')!;
    expect(bucket.multiplicity).toBe(1);
    expect(bucket.attributes['bucket']).toBe('shop-prod-assets');
    expect(res.get('tf:aws_security_group_rule.admin_ssh')!.multiplicity).toBe(2); // toset(for … cidrsubnet)
  });

  it('evaluates each instance of a multi-instance block under $instances', () => {
    const rule = res.get('tf:aws_security_group_rule.admin_ssh')!;
    expect(rule.attributes['cidr_blocks']).toEqual([{ $unknown: 'each.value' }]);
    const instances = rule.attributes['$instances'] as Array<{ key: string; attributes: Record<string, unknown> }>;
    expect(instances.map((i) => [i.key, i.attributes['cidr_blocks']])).toEqual([
      ['10.20.0.0/24', ['10.20.0.0/24']],
      ['10.20.1.0/24', ['10.20.1.0/24']],
    ]);
    const subnets = res.get('tf:module.network.aws_subnet.private')!.attributes['$instances'] as Array<{ key: number; attributes: Record<string, unknown> }>;
    expect(subnets.map((i) => [i.key, i.attributes['availability_zone'], i.attributes['cidr_block']])).toEqual([
      [0, 'eu-west-1a', '10.0.10.0/24'],
      [1, 'eu-west-1b', '10.0.11.0/24'],
    ]);
  });

  it('expands dynamic blocks with the module inputs', () => {
    const app = res.get('tf:module.network.module.security.aws_security_group.app')!;
    const ingress = app.attributes['ingress'] as Array<Record<string, unknown>>;
    expect(ingress.map((i) => i['from_port'])).toEqual([8080, 8443]);
    expect(ingress[0]!['security_groups']).toEqual([ref('tf:module.network.module.security.aws_security_group.web', 'id')]);
    expect(app.lines?.['ingress[1]']).toBe(37); // the dynamic block's line
    expect(app.attributes['dynamic']).toBeUndefined();
  });

  it('carries infragile:ignore comments as suppressions', () => {
    expect(res.get('tf:aws_db_instance.main')!.suppressions).toEqual([
      { ruleId: 'datastore-exposed-to-internet', reason: 'the replica is a throwaway demo copy', location: { file: 'main.tf', line: 65 } },
    ]);
  });

  it('makes the registry module not on disk one opaque component with an unresolved note', () => {
    const cdn = res.get('tf:module.cdn')!;
    expect(cdn.type).toBe('module');
    expect(cdn.location).toEqual({ file: 'main.tf', line: 35 });
    expect(cdn.attributes['source']).toBe('terraform-aws-modules/cloudfront/aws');
    expect(cdn.attributes['origin_bucket']).toEqual(ref('tf:aws_s3_bucket.assets', 'bucket_regional_domain_name'));
    const component = result.graph.components.find((c) => c.sources.some((s) => s.address === 'tf:module.cdn'))!;
    expect(component).toMatchObject({ id: 'module-cdn', technology: 'unknown-technology', type: 'process' });
    expect(component.evidence[0]!.location).toEqual({ file: 'main.tf', line: 35 });
    expect(result.graph.coverage.unresolved).toContainEqual({
      reference: 'tf:module.cdn',
      reason: 'module source terraform-aws-modules/cloudfront/aws is not on disk; run `terraform init` or scan a plan file (terraform show -json)',
      location: { file: 'main.tf', line: 35 },
    });
  });

  it('reports the unset variable once, at its declaration', () => {
    const tf = result.graph.diagnostics.filter((d) => d.code.startsWith('tf-'));
    expect(tf.map((d) => `${d.location.file}:${d.location.line}: ${d.code}`)).toEqual(['variables.tf:22: tf-variable-unset']);
  });

  it('never carries a secret value', () => {
    expect(JSON.stringify(result.resources)).not.toContain('hunter2');
  });
});

describe('terraform-features/shop with --var-file', () => {
  it('applies the var file after terraform.tfvars and *.auto.tfvars', async () => {
    const res = byAddress(await scanDir('terraform-features/shop', [''], { options: { varFiles: ['envs/staging.tfvars'] } }));
    expect(res.get('tf:aws_db_instance.main')!.attributes['identifier']).toBe('shop-staging-db');
    expect(res.get('tf:aws_db_instance.main')!.attributes['instance_class']).toBe('db.t3.micro'); // lookup() default
    const app = res.get('tf:aws_instance.app')!;
    expect(app.multiplicity).toBe(1);
    expect(app.attributes['instance_type']).toBe('t3.micro');
  });
});

describe('terraform-features/downloaded: modules from .terraform/modules (modules.json)', () => {
  it('instantiates the downloaded registry module with its inputs', async () => {
    const res = byAddress(await scanDir('terraform-features/downloaded'));
    expect([...res.keys()].sort()).toEqual(['tf:aws_lb.edge', 'tf:module.vpc.aws_subnet.public', 'tf:module.vpc.aws_vpc.this']);
    expect(res.get('tf:module.vpc.aws_vpc.this')!.location).toEqual({ file: '.terraform/modules/vpc/main.tf', line: 9 });
    expect(res.get('tf:module.vpc.aws_subnet.public')!.attributes['cidr_block']).toBe('10.1.1.0/24');
    expect(res.get('tf:aws_lb.edge')!.attributes['subnets']).toEqual([ref('tf:module.vpc.aws_subnet.public', 'id')]);
  });
});

describe('terraform-features/plan: terraform show -json', () => {
  it('reads planned values with module addresses, instances as multiplicity, references from the configuration', async () => {
    const result = await scanDir('terraform-features/plan');
    const res = byAddress(result);
    expect([...res.keys()].sort()).toEqual(['tf:aws_security_group.web', 'tf:module.db.aws_db_instance.this', 'tf:module.db.data.aws_vpc.main']);
    const db = res.get('tf:module.db.aws_db_instance.this')!;
    expect(db).toMatchObject({ type: 'aws_db_instance', group: 'module.db', multiplicity: 2, location: { file: 'tfplan.json', line: 27 } });
    expect(db.attributes['vpc_security_group_ids']).toEqual([ref('tf:module.db.aws_security_group.db', 'id')]);
    expect(db.attributes['password']).toEqual({ $unknown: 'sensitive value' });
    expect(res.get('tf:module.db.data.aws_vpc.main')!.type).toBe('data.aws_vpc');
    expect(res.get('tf:aws_security_group.web')!.attributes['ingress']).toEqual([
      { cidr_blocks: ['0.0.0.0/0'], from_port: 443, protocol: 'tcp', security_groups: [], to_port: 443 },
    ]);
    expect(JSON.stringify(result.resources)).not.toContain('hunter2');
  });
});
