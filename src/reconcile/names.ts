/**
 * Name normalization for automatic binding: hand-written models say `User Service`, infra says
 * `users`, `user-svc` or `release-user-service`. We compare bags of meaningful tokens.
 */
import { lookupTable } from '../util/lookup.js';

/** Words that say "this is a deployable thing", not which one. */
const FILLER = new Set([
  'service', 'services', 'svc', 'app', 'application', 'server', 'srv', 'deployment', 'deploy', 'statefulset', 'sts',
  'daemonset', 'container', 'pod', 'the', 'k8s', 'instance', 'component', 'microservice', 'store', 'storage', 'main', 'primary', 'default', 'prod', 'production', 'stage', 'staging', 'dev', 'local',
]);

/** Product spellings that name the same thing. */
const SYNONYMS: Record<string, string> = lookupTable({
  postgres: 'postgres',
  postgresql: 'postgres',
  database: 'db',
  databases: 'db',
  pg: 'postgres',
  psql: 'postgres',
  mariadb: 'mysql',
  mongodb: 'mongo',
  valkey: 'redis',
  elasticache: 'redis',
  elasticsearch: 'search',
  opensearch: 'search',
  es: 'search',
  rabbitmq: 'rabbit',
  amqp: 'rabbit',
  notifications: 'notification',
  notifier: 'notification',
  notify: 'notification',
  auth: 'auth',
  authentication: 'auth',
  authn: 'auth',
  gw: 'gateway',
  apigw: 'gateway',
  apigateway: 'gateway',
  lb: 'loadbalancer',
  alb: 'loadbalancer',
  elb: 'loadbalancer',
  web: 'web',
  www: 'web',
  frontend: 'frontend',
  ui: 'frontend',
});

/** Split on separators and camelCase, lower-case. */
/** Product names whose capitals are not word boundaries. */
const PRODUCTS = /PostgreSQL|MySQL|MariaDB|MongoDB|DynamoDB|CouchDB|InfluxDB|GraphQL|NoSQL|OpenSearch|ElasticSearch|RabbitMQ|ActiveMQ|ZeroMQ|OAuth|GitHub|GitLab|OpenAPI|WebSocket/g;

export function tokens(name: string): string[] {
  return name
    .replace(PRODUCTS, (m) => ` ${m.toLowerCase()} `)
    // `apiGateway` → api gateway, `EnduroA3MWorker` → enduro a3m worker.
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z0-9]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function singular(t: string): string {
  if (t.length > 4 && t.endsWith('ies')) return t.slice(0, -3) + 'y';
  if (t.length > 3 && t.endsWith('s') && !t.endsWith('ss') && !t.endsWith('us')) return t.slice(0, -1);
  return t;
}

function canonical(t: string): string {
  if (SYNONYMS[t]) return SYNONYMS[t]!;
  const s = singular(t);
  return SYNONYMS[s] ?? s;
}

/** The meaningful tokens of a name, canonical and sorted. Falls back to all tokens when every one is filler (`db`). */
export function nameKey(name: string): string[] {
  const all = tokens(name).map(canonical);
  const meaningful = all.filter((t) => !FILLER.has(t));
  return [...new Set(meaningful.length ? meaningful : all)].sort();
}

export function keyString(key: readonly string[]): string {
  return key.join(' ');
}

/** Whether every token of `a` appears in `b` (a non-empty subset). */
export function isSubset(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0) return false;
  const set = new Set(b);
  return a.every((t) => set.has(t));
}

/** The name an IaC address ends with: `k8s:shop/Deployment/cart` → `cart`, `tf:module.api.aws_ecs_service.auth` → `auth`. */
export function addressName(address: string): string {
  const body = address.replace(/^[a-z0-9]+:/, '');
  const slash = body.split('/');
  const last = slash[slash.length - 1] ?? body;
  if (address.startsWith('tf:')) {
    const parts = last.replace(/\[[^\]]*\]/g, '').split('.');
    return parts[parts.length - 1] ?? last;
  }
  return last;
}

/** `module.api.aws_ecs_service.this` → `api`: Terraform modules name the thing when the resource is `this`/`main`. */
export function moduleName(address: string): string | undefined {
  const m = /module\.([A-Za-z0-9_-]+)\.[^.]+\.[^.]+$/.exec(address);
  return m?.[1];
}
