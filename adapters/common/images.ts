/**
 * Well-known container images → what they are (Threagile technology and asset type, default port).
 * One table; adding an image touches one line.
 */
import type { TechnicalAssetType, Technology } from '../../src/model/enums.js';

export interface ImageKind {
  technology: Technology;
  type: TechnicalAssetType;
  /** The port clients usually call. */
  port?: number;
  /** A human label for titles and evidence (`PostgreSQL`). */
  product: string;
}

/**
 * Repository names (without registry and tag), matched whole or as the trailing path segments
 * (`postgres` matches `bitnami/postgres`; `envoyproxy/envoy` matches `docker.io/envoyproxy/envoy`);
 * the first row that matches wins.
 */
const IMAGES: Array<[names: string[], kind: ImageKind]> = [
  [['postgres', 'postgresql', 'postgis', 'timescaledb', 'pgvector'], { technology: 'database', type: 'datastore', port: 5432, product: 'PostgreSQL' }],
  [['mysql', 'mariadb', 'percona', 'percona-server'], { technology: 'database', type: 'datastore', port: 3306, product: 'MySQL' }],
  [['mssql-server', 'mssql'], { technology: 'database', type: 'datastore', port: 1433, product: 'SQL Server' }],
  [['mongo', 'mongodb', 'mongodb-community-server'], { technology: 'database', type: 'datastore', port: 27017, product: 'MongoDB' }],
  [['cassandra', 'scylla'], { technology: 'database', type: 'datastore', port: 9042, product: 'Cassandra' }],
  [['couchdb', 'couchbase', 'cockroach', 'cockroachdb', 'neo4j', 'influxdb', 'clickhouse-server', 'clickhouse'], { technology: 'database', type: 'datastore', product: 'database' }],
  [['redis', 'redis-stack', 'redis-stack-server', 'valkey', 'keydb', 'dragonfly', 'redis-cart'], { technology: 'database', type: 'datastore', port: 6379, product: 'Redis' }],
  [['memcached'], { technology: 'database', type: 'datastore', port: 11211, product: 'Memcached' }],
  [['elasticsearch', 'opensearch'], { technology: 'search-engine', type: 'datastore', port: 9200, product: 'Elasticsearch' }],
  [['solr', 'meilisearch', 'typesense'], { technology: 'search-engine', type: 'datastore', product: 'search engine' }],
  [['kafka', 'cp-kafka', 'redpanda'], { technology: 'message-queue', type: 'datastore', port: 9092, product: 'Kafka' }],
  [['rabbitmq'], { technology: 'message-queue', type: 'datastore', port: 5672, product: 'RabbitMQ' }],
  [['nats', 'nats-streaming', 'activemq', 'artemis', 'pulsar', 'emqx', 'mosquitto', 'eclipse-mosquitto'], { technology: 'message-queue', type: 'datastore', product: 'message broker' }],
  [['zookeeper', 'cp-zookeeper', 'etcd', 'consul'], { technology: 'service-registry', type: 'process', product: 'service registry' }],
  [['minio'], { technology: 'file-server', type: 'datastore', port: 9000, product: 'MinIO' }],
  [['vault'], { technology: 'vault', type: 'process', port: 8200, product: 'Vault' }],
  [['keycloak', 'dex', 'hydra', 'authelia', 'authentik-server'], { technology: 'identity-provider', type: 'process', product: 'identity provider' }],
  [['openldap', '389ds'], { technology: 'identity-store-ldap', type: 'datastore', port: 389, product: 'LDAP' }],
  [['ingress-nginx/controller', 'nginx-ingress', 'controller'], { technology: 'reverse-proxy', type: 'process', product: 'ingress controller' }],
  [['nginx', 'nginx-unprivileged', 'openresty', 'httpd', 'apache', 'caddy', 'lighttpd'], { technology: 'web-server', type: 'process', port: 80, product: 'web server' }],
  [['traefik', 'haproxy', 'envoy', 'envoyproxy/envoy', 'kong', 'tyk', 'krakend'], { technology: 'reverse-proxy', type: 'process', product: 'proxy' }],
  [['prometheus', 'grafana', 'alertmanager', 'loki', 'promtail', 'jaeger', 'all-in-one', 'zipkin', 'otel/opentelemetry-collector', 'opentelemetry-collector', 'fluentd', 'fluent-bit', 'node-exporter', 'kibana', 'datadog/agent', 'agent'], { technology: 'monitoring', type: 'process', product: 'monitoring' }],
  [['jenkins', 'gitlab-runner', 'drone', 'argocd', 'argo-cd'], { technology: 'build-pipeline', type: 'process', product: 'CI/CD' }],
  [['gitea', 'gitlab-ce', 'gitlab-ee', 'gogs'], { technology: 'sourcecode-repository', type: 'process', product: 'source repository' }],
  [['registry', 'harbor-core', 'nexus3', 'artifactory'], { technology: 'artifact-registry', type: 'process', product: 'artifact registry' }],
  [['wordpress', 'drupal', 'joomla', 'ghost'], { technology: 'cms', type: 'process', port: 80, product: 'CMS' }],
  [['tomcat', 'jetty', 'wildfly', 'jboss'], { technology: 'application-server', type: 'process', port: 8080, product: 'application server' }],
  [['mailhog', 'mailpit', 'postfix'], { technology: 'mail-server', type: 'process', port: 25, product: 'mail server' }],
  [['spark', 'flink', 'hadoop'], { technology: 'big-data-platform', type: 'process', product: 'data platform' }],
];

/** The image's repository path without registry host, tag or digest: `docker.io/library/postgres:16` → `library/postgres`. */
export function imageRepository(image: string): string {
  let s = image.trim().toLowerCase().split('@')[0]!;
  const lastSlash = s.lastIndexOf('/');
  const colon = s.indexOf(':', lastSlash + 1);
  if (colon >= 0) s = s.slice(0, colon);
  const parts = s.split('/');
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) parts.shift();
  if (parts[0] === 'library') parts.shift();
  return parts.join('/');
}

/** Name → the first row that lists it, so that classifying an image is a few map lookups, not a regex per row. */
const ROW_BY_NAME: ReadonlyMap<string, number> = new Map(
  IMAGES.flatMap(([names], row) => names.map((n) => [n, row] as const)).reverse(),
);

export function classifyImage(image: string): ImageKind | undefined {
  const repo = imageRepository(image);
  // The whole path (`envoyproxy/envoy`) and each trailing part of it (`bitnami/postgresql` → `postgresql`):
  // the earliest row any of them names wins.
  let best = ROW_BY_NAME.get(repo);
  for (let slash = repo.indexOf('/'); slash >= 0; slash = repo.indexOf('/', slash + 1)) {
    const row = ROW_BY_NAME.get(repo.slice(slash + 1));
    if (row !== undefined && (best === undefined || row < best)) best = row;
  }
  return best === undefined ? undefined : IMAGES[best]![1];
}

/** True when the image names neither a tag nor a digest, or uses `latest`. */
export function isUnpinnedImage(image: string): boolean {
  if (image.includes('@sha256:')) return false;
  const lastSlash = image.lastIndexOf('/');
  const tag = image.slice(lastSlash + 1).split(':')[1];
  return tag === undefined || tag === '' || tag === 'latest';
}

/**
 * What a workload probably is from the port it listens on, when its image is not well known (a
 * custom `catalogue-db` image listening on 3306 is a MySQL datastore). Datastores and brokers only:
 * a web port says nothing about the product.
 */
export function classifyListenPort(port: number): ImageKind | undefined {
  for (const [, kind] of IMAGES) if (kind.port === port && kind.type === 'datastore') return kind;
  return undefined;
}
