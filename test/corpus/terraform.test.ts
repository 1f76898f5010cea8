/**
 * The Terraform adapter on real third-party code (../shared/corpus/iac): every .tf parses without a
 * crash, and the resources carry what each SOURCE.txt describes. Skipped when the corpus is absent.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Resource } from '../../src/graph/resource.js';
import { scanGraph, type ScanResult } from '../../src/pipeline.js';
import { PROJECT_ROOT } from '../helpers/scan.js';

const CORPUS = resolve(PROJECT_ROOT, '../shared/corpus/iac');
const REPOS = [
  'bridgecrewio__terragoat',
  'terraform-aws-modules__terraform-aws-alb',
  'terraform-aws-modules__terraform-aws-eks',
  'terraform-aws-modules__terraform-aws-rds',
  'terraform-aws-modules__terraform-aws-vpc',
];

type Instances = Array<{ key: string | number; attributes: Record<string, unknown> }>;

describe.skipIf(!existsSync(CORPUS))('Terraform corpus', () => {
  const results = new Map<string, ScanResult>();
  const res = (repo: string, address: string): Resource => {
    const r = results.get(repo)!.resources.find((x) => x.address === address);
    if (!r) throw new Error(`${repo}: no resource ${address}`);
    return r;
  };

  beforeAll(async () => {
    for (const repo of REPOS) results.set(repo, await scanGraph({ rootDir: resolve(CORPUS, repo), paths: [''] }));
    const rows = [...results].map(([repo, r]) => {
      const tf = r.resources.filter((x) => x.format === 'tf');
      const d = r.graph.diagnostics;
      return {
        repo,
        files: r.graph.coverage.files.byAdapter['terraform'] ?? 0,
        resources: tf.length,
        opaqueModules: tf.filter((x) => x.type === 'module').length,
        parseErrors: d.filter((x) => x.code === 'tf-parse-error' || x.code === 'tf-nesting-too-deep').length,
        unresolved: r.graph.coverage.unresolved.length,
        unknownValues: JSON.stringify(tf).split('"$unknown"').length - 1,
        parseMs: Math.round(r.timings.parse['terraform'] ?? 0),
      };
    });
    console.table(rows);
  }, 600_000);

  it('parses every .tf with no crash and no parse error', () => {
    for (const [repo, r] of results) {
      const bad = r.graph.diagnostics.filter((d) => d.code === 'adapter-failure' || d.code === 'tf-parse-error' || d.code === 'tf-nesting-too-deep');
      expect(bad, repo).toEqual([]);
      expect(r.resources.filter((x) => x.format === 'tf').length, repo).toBeGreaterThan(40);
    }
  });

  it('terragoat (five clouds, legacy syntax): its deliberate exposures are in the resources', () => {
    const repo = 'bridgecrewio__terragoat';
    const db = res(repo, 'tf:terraform/aws//aws_db_instance.default');
    expect(db.attributes).toMatchObject({ engine: 'mysql', publicly_accessible: true, storage_encrypted: false });
    expect(db.location).toEqual({ file: 'terraform/aws/db-app.tf', line: 1 });
    const sg = res(repo, 'tf:terraform/aws//aws_security_group.web-node');
    expect((sg.attributes['ingress'] as Array<Record<string, unknown>>).map((i) => [i['from_port'], i['cidr_blocks']])).toEqual([
      [80, ['0.0.0.0/0']],
      [22, ['0.0.0.0/0']],
    ]);
    expect(res(repo, 'tf:terraform/aws//aws_elb.weblb').attributes['listener']).toEqual([
      { instance_port: 8000, instance_protocol: 'http', lb_port: 80, lb_protocol: 'http' },
    ]);
    expect(res(repo, 'tf:terraform/aws//aws_instance.web_host').attributes['subnet_id']).toEqual({ $ref: 'tf:terraform/aws//aws_subnet.web_subnet', attribute: 'id' });
    expect(res(repo, 'tf:terraform/gcp//google_storage_bucket_iam_binding.allow_public_read').attributes['members']).toEqual(['allUsers']);
    expect(res(repo, 'tf:terraform/gcp//google_sql_database_instance.master_instance').attributes['settings']).toMatchObject([
      { ip_configuration: [{ authorized_networks: [{ name: 'WWW', value: '0.0.0.0/0' }], ipv4_enabled: true }] },
    ]);
    const nsg = res(repo, 'tf:terraform/azure//azurerm_network_security_group.bad_sg');
    expect((nsg.attributes['security_rule'] as Array<Record<string, unknown>>).map((r) => [r['destination_port_range'], r['source_address_prefix']])).toEqual([
      ['22-22', '*'],
      ['3389-3389', '*'],
    ]);
  });

  it('alb complete example: the root module is instantiated by the example, listeners and SG rules per instance', () => {
    const repo = 'terraform-aws-modules__terraform-aws-alb';
    const lb = res(repo, 'tf:examples/complete-alb//module.alb.aws_lb.this');
    expect(lb.location).toEqual({ file: 'main.tf', line: 13 });
    expect(lb.group).toBe('examples/complete-alb//module.alb');
    // internal defaults to null in the module; the provider treats it as false (internet-facing).
    expect(lb.attributes).toMatchObject({ internal: null, load_balancer_type: 'application' });
    const listeners = res(repo, 'tf:examples/complete-alb//module.alb.aws_lb_listener.this');
    expect(listeners.multiplicity).toBe(7);
    expect((listeners.attributes['$instances'] as Instances).map((i) => i.attributes['port']).sort()).toEqual([443, 444, 445, 445, 80, 81, 82]);
    const ingress = res(repo, 'tf:examples/complete-alb//module.alb.aws_vpc_security_group_ingress_rule.this');
    expect((ingress.attributes['$instances'] as Instances).map((i) => [i.key, i.attributes['from_port'], i.attributes['to_port'], i.attributes['cidr_ipv4']])).toEqual([
      ['all_http', 80, 82, '0.0.0.0/0'],
      ['all_https', 443, 445, '0.0.0.0/0'],
    ]);
    // Registry modules used by the example (vpc, acm, s3-bucket, lambda) are opaque with an unresolved note.
    const unresolved = results.get(repo)!.graph.coverage.unresolved.map((u) => u.reference);
    expect(unresolved).toContain('tf:examples/complete-alb//module.vpc');
  });

  it('terragoat: byte-identical resources with 2 workers and in-thread', async () => {
    const saved = process.env['INFRAGILE_WORKERS'];
    try {
      process.env['INFRAGILE_WORKERS'] = '2';
      const pooled = await scanGraph({ rootDir: resolve(CORPUS, 'bridgecrewio__terragoat'), paths: [''] });
      process.env['INFRAGILE_WORKERS'] = '1';
      const single = await scanGraph({ rootDir: resolve(CORPUS, 'bridgecrewio__terragoat'), paths: [''] });
      expect(JSON.stringify(pooled.resources)).toBe(JSON.stringify(single.resources));
      expect(JSON.stringify(pooled.graph)).toBe(JSON.stringify(single.graph));
    } finally {
      if (saved === undefined) delete process.env['INFRAGILE_WORKERS'];
      else process.env['INFRAGILE_WORKERS'] = saved;
    }
  });

  it('vpc, rds and eks: resources inside the module called by each example, at their file:line', () => {
    const vpc = res('terraform-aws-modules__terraform-aws-vpc', 'tf:examples/simple//module.vpc.aws_vpc.this');
    expect(vpc.location.file).toBe('main.tf');
    expect(vpc.attributes['cidr_block']).toBe('10.0.0.0/16');
    const db = res('terraform-aws-modules__terraform-aws-rds', 'tf:examples/complete-postgres//module.db.module.db_instance.aws_db_instance.this');
    expect(db.location.file).toBe('modules/db_instance/main.tf');
    expect(db.attributes['engine']).toBe('postgres');
    const eks = results.get('terraform-aws-modules__terraform-aws-eks')!.resources.filter((r) => r.type === 'aws_eks_cluster');
    expect(eks.length).toBeGreaterThan(0);
    expect(eks.every((r) => r.location.file === 'main.tf')).toBe(true);
  });
});
