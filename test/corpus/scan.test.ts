/**
 * `scan` on the deliberately weak corpus projects: bridgecrewio/terragoat (Terraform, AWS/GCP/Azure)
 * and Sock Shop (microservices-demo: Kubernetes, compose, Terraform). Each expectation is a weakness
 * SOURCE.txt names, found by an IaC rule with evidence at the line that causes it. Misses are listed
 * in docs/scan.md and the report, with the reason. Skipped when ../shared/corpus is absent.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeScan, type ScanAnalysis } from '../../src/analyze/scan.js';
import { scanGraph } from '../../src/pipeline.js';
import { rules } from '../../rules/index.js';
import { PROJECT_ROOT } from '../helpers/scan.js';

const CORPUS = resolve(PROJECT_ROOT, '../shared/corpus');
const TERRAGOAT = resolve(CORPUS, 'iac/bridgecrewio__terragoat/terraform');
const SOCKSHOP = resolve(CORPUS, 'iac/microservices-demo__microservices-demo');

async function scan(rootDir: string, paths: string[]): Promise<ScanAnalysis> {
  const s = await scanGraph({ rootDir, paths });
  return analyzeScan({ graph: s.graph, resources: s.resources, rules, today: '2026-11-22' });
}

/** synthetic id → evidence `file:line`s. */
function found(a: ScanAnalysis): Map<string, string[]> {
  return new Map(a.risks.map((r) => [r.syntheticId, (r.evidence ?? []).map((e) => `${e.location.file}:${e.location.line}`)]));
}

function expectFinding(f: Map<string, string[]>, id: string, at: string): void {
  expect([...f.keys()], `missing ${id}`).toContain(id);
  expect(f.get(id), `${id} evidence`).toContain(at);
}

describe.skipIf(!existsSync(TERRAGOAT))('terragoat', () => {
  it('AWS: open SSH, public and unencrypted RDS, open Elasticsearch, wildcard IAM, hard-coded keys, plain HTTP', async () => {
    const f = found(await scan(TERRAGOAT, ['aws']));
    expectFinding(f, 'admin-port-open-to-internet@web-host@22', 'aws/ec2.tf:90');
    expectFinding(f, 'admin-port-open-to-internet@db-app@22', 'aws/ec2.tf:90');
    expectFinding(f, 'admin-port-open-to-internet@rds-default@3306', 'aws/db-app.tf:22');
    expectFinding(f, 'datastore-exposed-to-internet@rds-default', 'aws/db-app.tf:22');
    expectFinding(f, 'datastore-exposed-to-internet@tg-dev-es', 'aws/es.tf:41');
    expectFinding(f, 'unencrypted-sensitive-storage@rds-default', 'aws/db-app.tf:19');
    expectFinding(f, 'unencrypted-sensitive-storage@web-host-storage', 'aws/ec2.tf:34');
    expectFinding(f, 'unencrypted-sensitive-storage@neptunedb1', 'aws/neptune.tf:9');
    expectFinding(f, 'wildcard-iam-permissions@aws-iam-role-policy-ec2policy', 'aws/db-app.tf:210');
    expectFinding(f, 'wildcard-iam-permissions@aws-iam-user-policy-userpolicy', 'aws/iam.tf:29');
    expectFinding(f, 'plaintext-secret-in-config@analysis-lambda', 'aws/lambda.tf:32');
    expectFinding(f, 'plaintext-secret-in-config@web-host', 'aws/ec2.tf:9');
    expectFinding(f, 'plaintext-http-from-internet@weblb-terraform-elb@80', 'aws/elb.tf:5');
  });

  it('GCP: firewall 0-65535 from anywhere, public Cloud SQL, public bucket and dataset', async () => {
    const f = found(await scan(TERRAGOAT, ['gcp']));
    expectFinding(f, 'admin-port-open-to-internet@gce-server@0-65535', 'gcp/networks.tf:22');
    expectFinding(f, 'admin-port-open-to-internet@master-instance@5432', 'gcp/big_data.tf:10');
    expectFinding(f, 'datastore-exposed-to-internet@master-instance', 'gcp/big_data.tf:10');
    expectFinding(f, 'datastore-exposed-to-internet@dataset', 'gcp/big_data.tf:23');
    expectFinding(f, 'public-bucket@terragoat-website', 'gcp/gcs.tf:19');
  });

  it('Azure: HTTP-only app service, public blobs, wildcard custom role', async () => {
    const f = found(await scan(TERRAGOAT, ['azure']));
    expectFinding(f, 'plaintext-http-from-internet@app-service1@80', 'azure/app_service.tf:22');
    expectFinding(f, 'public-bucket@storage-example', 'azure/storage.tf:23');
    expectFinding(f, 'wildcard-iam-permissions@azurerm-role-definition-example', 'azure/roles.tf:3');
  });
});

describe.skipIf(!existsSync(TERRAGOAT) || !existsSync(SOCKSHOP))('no secret values', () => {
  it('findings name the hard-coded secrets, never their values', async () => {
    const text = JSON.stringify([
      (await scan(TERRAGOAT, ['aws', 'azure'])).risks,
      (await scan(SOCKSHOP, ['deploy/kubernetes/complete-demo.yaml', 'deploy/docker-compose'])).risks,
    ]);
    expect(text).toContain('AWS_SECRET_ACCESS_KEY');
    expect(text).toContain('MYSQL_ROOT_PASSWORD');
    for (const value of ['wJalrXUtnFEMI', 'AKIAIOSFODNN7EXAMAAA', 'Aa1234321Bb', 'Aa12345678', 'fake_password']) expect(text).not.toContain(value);
  });
});

describe.skipIf(!existsSync(SOCKSHOP))('Sock Shop', () => {
  it('Kubernetes: NodePort front-end over HTTP, plain-text MySQL root password, flat namespace without the policies', async () => {
    const f = found(await scan(SOCKSHOP, ['deploy/kubernetes/complete-demo.yaml']));
    expectFinding(f, 'plaintext-http-from-internet@front-end@80', 'deploy/kubernetes/complete-demo.yaml:303');
    expectFinding(f, 'plaintext-secret-in-config@catalogue-db', 'deploy/kubernetes/complete-demo.yaml:226');
    expect([...f.keys()]).toContain('missing-default-deny-network-policy@ns-sock-shop');
  });

  it('Kubernetes with manifests-policy: the default-deny policy silences the flat-network finding', async () => {
    const a = await scan(SOCKSHOP, ['deploy/kubernetes/complete-demo.yaml', 'deploy/kubernetes/manifests-policy']);
    expect(a.risks.filter((r) => r.category === 'missing-default-deny-network-policy').map((r) => r.syntheticId)).toEqual([]);
  });

  it('compose: docker.sock in queue-master, published edge router over HTTP, plain-text passwords', async () => {
    const f = found(await scan(SOCKSHOP, ['deploy/docker-compose']));
    expectFinding(f, 'docker-socket-mounted@queue-master', 'deploy/docker-compose/docker-compose.yml:114');
    expectFinding(f, 'plaintext-http-from-internet@edge-router@80', 'deploy/docker-compose/docker-compose.yml:14');
    expectFinding(f, 'plaintext-secret-in-config@catalogue-db', 'deploy/docker-compose/docker-compose.yml:42');
  });

  it('Terraform: the internet-facing ELB over HTTP', async () => {
    const f = found(await scan(SOCKSHOP, ['deploy/kubernetes/terraform']));
    expect([...f.keys()]).toContain('plaintext-http-from-internet@ci-sockshop-k8s-elb@80');
  });
});
