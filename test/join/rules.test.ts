/**
 * Join rules one at a time, on small in-memory scans: what joins, what must not, and bad input.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../src/fs/memory.js';
import { joinRules } from '../../src/graph/join.js';
import { CLOUD_ENDPOINTS } from '../../src/graph/join/cloud-endpoints.js';
import { scanGraph } from '../../src/pipeline.js';

const scan = async (files: Record<string, string>) => (await scanGraph({ rootDir: '/virtual', paths: [''], fs: new MemoryFileSystem(files) })).graph;

const deployment = (name: string, env: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: ${name}
          image: ghcr.io/acme/${name}:1.0.0
${env}
`;

describe('the join-rule registry', () => {
  it('has unique ids and a description for each rule', () => {
    const ids = joinRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of joinRules) expect(r.description.length, r.id).toBeGreaterThan(20);
  });
});

describe('cloud endpoint host shapes', () => {
  const name = (host: string) => CLOUD_ENDPOINTS.map((k) => [k.product, k.host.exec(host)?.groups?.name] as const).filter(([, n]) => n);
  it.each([
    ['orders-db.c9akciq32rzx.eu-west-1.rds.amazonaws.com', 'RDS DB instance', 'orders-db'],
    ['shop.cluster-c9akciq32rzx.us-east-1.rds.amazonaws.com', 'Aurora/RDS cluster', 'shop'],
    ['shop.cluster-ro-c9akciq32rzx.us-east-1.rds.amazonaws.com', 'Aurora/RDS cluster', 'shop'],
    ['master.orders-cache.x1y2z3.euw1.cache.amazonaws.com', 'ElastiCache replication group', 'orders-cache'],
    ['clustercfg.sessions.x1y2z3.use1.cache.amazonaws.com', 'ElastiCache replication group', 'sessions'],
    ['search-catalog-abcdefghijklmnopqrstuvwxyz.eu-west-1.es.amazonaws.com', 'OpenSearch domain', 'catalog'],
    ['vpc-my-logs-abcdefghijklmnopqrstuvwxyz.eu-west-1.es.amazonaws.com', 'OpenSearch domain', 'my-logs'],
    ['b-1.events.abc123.c2.kafka.eu-west-1.amazonaws.com', 'MSK cluster', 'events'],
    ['orders-sql.database.windows.net', 'Azure SQL server', 'orders-sql'],
    ['orders-pg.postgres.database.azure.com', 'Azure Database for PostgreSQL', 'orders-pg'],
    ['sessions.redis.cache.windows.net', 'Azure Cache for Redis', 'sessions'],
  ])('%s → %s %s', (host, product, expected) => {
    expect(name(host)).toContainEqual([product, expected]);
  });
  it('a name that is not an endpoint shape matches nothing', () => {
    expect(name('api.payments.example.com')).toEqual([]);
    expect(name('rds.amazonaws.com')).toEqual([]);
  });
});

const rds = `resource "aws_db_instance" "main" {
  identifier = "orders-db"
  engine     = "mysql"
}
`;

describe('external-host', () => {
  it('a host naming an RDS identifier that is not in the scan stays an external entity', async () => {
    const g = await scan({
      'db.tf': rds,
      'k8s.yaml': deployment('api', '          env:\n            - name: DB_URL\n              value: mysql://other-db.c9akciq32rzx.eu-west-1.rds.amazonaws.com:3306/x'),
    });
    expect(g.flows.map((f) => f.id)).toContain('api>other-db-c9akciq32rzx-eu-west-1-rds-amazonaws-com');
    expect(g.flows.some((f) => f.target === 'orders-db')).toBe(false);
  });

  it('compose services are joined too, with the engine port when the value names none', async () => {
    const g = await scan({
      'db.tf': rds,
      'docker-compose.yml': 'services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    environment:\n      DB_HOST: orders-db.c9akciq32rzx.eu-west-1.rds.amazonaws.com\n',
    });
    const f = g.flows.find((x) => x.source === 'api' && x.target === 'orders-db');
    expect(f).toMatchObject({ port: 3306, protocol: 'sql-access-protocol' });
    expect(f!.evidence.filter((e) => e.kind === 'cross-format-join').map((e) => e.location.file).sort()).toEqual(['db.tf', 'docker-compose.yml']);
    expect(g.components.some((c) => c.type === 'external-entity' && c.id !== 'internet')).toBe(false);
  });

  it('an ElastiCache node host (`<group>-001.…`) joins its replication group', async () => {
    const g = await scan({
      'cache.tf': 'resource "aws_elasticache_replication_group" "c" {\n  replication_group_id = "orders-cache"\n  description = "c"\n}\n',
      'docker-compose.yml': 'services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    environment:\n      REDIS_URL: redis://orders-cache-001.x1y2z3.0001.euw1.cache.amazonaws.com:6379\n',
    });
    expect(g.flows.find((f) => f.source === 'api' && f.target === 'orders-cache')).toMatchObject({ port: 6379 });
  });

  it('a single-format scan is left alone', async () => {
    const g = await scan({ 'k8s.yaml': deployment('api', '          env:\n            - name: DB_HOST\n              value: orders-db.c9akciq32rzx.eu-west-1.rds.amazonaws.com') });
    expect(g.components.map((c) => c.id)).toContain('orders-db-c9akciq32rzx-eu-west-1-rds-amazonaws-com');
  });
});

describe('terraform-k8s-object', () => {
  it('a Terraform ConfigMap nobody reads is folded and its reference reported as unresolved', async () => {
    const g = await scan({
      'db.tf': `${rds}
resource "kubernetes_config_map_v1" "cfg" {
  metadata {
    name      = "db"
    namespace = "shop"
  }
  data = {
    DB_HOST = aws_db_instance.main.address
  }
}
`,
      'k8s.yaml': deployment('api', ''),
    });
    expect(g.coverage.folded.kubernetes_config_map_v1).toBe(1);
    expect(g.coverage.unresolved.map((u) => [u.reference, u.location.file, u.location.line])).toEqual([['kubernetes_config_map_v1.cfg data.DB_HOST', 'db.tf', 12]]);
    expect(g.coverage.unresolved[0]!.reason).toContain('no workload in the scan reads it');
  });

  it('a consumer reading another key of the Secret does not get the flow', async () => {
    const g = await scan({
      'db.tf': `${rds}
resource "kubernetes_secret" "s" {
  metadata {
    name      = "db"
    namespace = "shop"
  }
  data = {
    host     = aws_db_instance.main.address
    password = "literal-secret-value"
  }
}
`,
      'k8s.yaml': deployment('api', '          env:\n            - name: PW\n              valueFrom:\n                secretKeyRef: {name: db, key: password}'),
    });
    expect(g.flows.some((f) => f.target === 'orders-db')).toBe(false);
    expect(JSON.stringify(g)).not.toContain('literal-secret-value');
  });

  it('malformed objects (no metadata, data not a map) are skipped without an error', async () => {
    const g = await scan({
      'db.tf': `${rds}
resource "kubernetes_config_map" "a" {
  data = { X = aws_db_instance.main.address }
}
resource "kubernetes_config_map" "b" {
  metadata {
    name = "b"
  }
  data = "not a map"
}
`,
      'k8s.yaml': deployment('api', ''),
    });
    expect(g.diagnostics.filter((d) => d.code === 'join-failure')).toEqual([]);
  });
});

describe('helm-release', () => {
  it('a release with no workload in the scan is unresolved with how to fix it', async () => {
    const g = await scan({
      'db.tf': `${rds}
resource "helm_release" "api" {
  name  = "api"
  chart = "./chart"
  set {
    name  = "db.host"
    value = aws_db_instance.main.address
  }
}
`,
      'k8s.yaml': deployment('web', ''),
    });
    expect(g.coverage.unresolved.map((u) => u.reference)).toEqual(['helm_release.api set db.host']);
    expect(g.coverage.unresolved[0]!.reason).toContain('render the chart');
  });
});

describe('load-balancer', () => {
  it('a TargetGroupBinding to a target group that is not in the scan is unresolved', async () => {
    const g = await scan({
      'lb.tf': 'resource "aws_lb_target_group" "other" {\n  name = "other-tg"\n}\n',
      'k8s.yaml': `${deployment('web', '')}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: elbv2.k8s.aws/v1beta1
kind: TargetGroupBinding
metadata: {name: web, namespace: shop}
spec:
  serviceRef: {name: web, port: 80}
  targetGroupARN: arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067
`,
    });
    expect(g.coverage.unresolved.map((u) => u.reference)).toEqual(['TargetGroupBinding shop/web → target group web-tg']);
  });

  it('an annotation naming a load balancer the controller creates (not in the scan) adds nothing', async () => {
    const g = await scan({
      'lb.tf': 'resource "aws_lb" "x" {\n  name = "x"\n}\n',
      'k8s.yaml': `${deployment('web', '')}---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations: {service.beta.kubernetes.io/aws-load-balancer-name: web-nlb}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80}]
`,
    });
    expect(g.flows.some((f) => f.source === 'x')).toBe(false);
    expect(g.components.find((c) => c.id === 'web')!.attributes.cloudLoadBalancer).toBeUndefined();
  });
});

describe('same-component', () => {
  it('different images in dev and prod are recorded per format', async () => {
    const g = await scan({
      'docker-compose.yml': 'services:\n  web:\n    image: ghcr.io/acme/web:dev\n',
      'k8s.yaml': deployment('web', ''),
    });
    const web = g.components.find((c) => c.id === 'web')!;
    expect(web.attributes.imageByFormat).toEqual(['compose: ghcr.io/acme/web:dev', 'k8s: ghcr.io/acme/web:1.0.0']);
    expect(web.attributes.internetByFormat).toBeUndefined();
  });
});
