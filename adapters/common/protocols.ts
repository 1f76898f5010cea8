/**
 * What a scheme or a port says about the protocol of a flow, in Threagile's vocabulary. Shared by
 * every platform's semantics so that `postgres://…` and port 5432 mean the same everywhere.
 */
import type { Protocol, TechnicalAssetType, Technology } from '../../src/model/enums.js';

export interface ProtocolGuess {
  protocol: Protocol;
  encrypted: boolean;
}

/** URL schemes → protocol. Keys are lower-case, without `://`. */
const SCHEMES: Record<string, ProtocolGuess> = {
  http: { protocol: 'http', encrypted: false },
  https: { protocol: 'https', encrypted: true },
  ws: { protocol: 'ws', encrypted: false },
  wss: { protocol: 'wss', encrypted: true },
  grpc: { protocol: 'binary', encrypted: false },
  grpcs: { protocol: 'binary-encrypted', encrypted: true },
  postgres: { protocol: 'sql-access-protocol', encrypted: false },
  postgresql: { protocol: 'sql-access-protocol', encrypted: false },
  mysql: { protocol: 'sql-access-protocol', encrypted: false },
  mariadb: { protocol: 'sql-access-protocol', encrypted: false },
  sqlserver: { protocol: 'sql-access-protocol', encrypted: false },
  mssql: { protocol: 'sql-access-protocol', encrypted: false },
  oracle: { protocol: 'sql-access-protocol', encrypted: false },
  jdbc: { protocol: 'jdbc', encrypted: false },
  mongodb: { protocol: 'nosql-access-protocol', encrypted: false },
  'mongodb+srv': { protocol: 'nosql-access-protocol-encrypted', encrypted: true },
  redis: { protocol: 'nosql-access-protocol', encrypted: false },
  rediss: { protocol: 'nosql-access-protocol-encrypted', encrypted: true },
  memcached: { protocol: 'nosql-access-protocol', encrypted: false },
  cassandra: { protocol: 'nosql-access-protocol', encrypted: false },
  elasticsearch: { protocol: 'http', encrypted: false },
  amqp: { protocol: 'binary', encrypted: false },
  amqps: { protocol: 'binary-encrypted', encrypted: true },
  kafka: { protocol: 'binary', encrypted: false },
  nats: { protocol: 'binary', encrypted: false },
  mqtt: { protocol: 'mqtt', encrypted: false },
  mqtts: { protocol: 'mqtt', encrypted: true },
  smtp: { protocol: 'smtp', encrypted: false },
  smtps: { protocol: 'smtp-encrypted', encrypted: true },
  ldap: { protocol: 'ldap', encrypted: false },
  ldaps: { protocol: 'ldaps', encrypted: true },
  ftp: { protocol: 'ftp', encrypted: false },
  ftps: { protocol: 'ftps', encrypted: true },
  sftp: { protocol: 'sftp', encrypted: true },
  ssh: { protocol: 'ssh', encrypted: true },
  nfs: { protocol: 'nfs', encrypted: false },
  smb: { protocol: 'smb', encrypted: false },
  tcp: { protocol: 'binary', encrypted: false },
  s3: { protocol: 'https', encrypted: true },
};

/** Well-known ports → protocol (used when no scheme is written). */
const PORTS: Record<number, ProtocolGuess> = {
  80: { protocol: 'http', encrypted: false },
  8080: { protocol: 'http', encrypted: false },
  8000: { protocol: 'http', encrypted: false },
  3000: { protocol: 'http', encrypted: false },
  5000: { protocol: 'http', encrypted: false },
  9090: { protocol: 'http', encrypted: false },
  443: { protocol: 'https', encrypted: true },
  8443: { protocol: 'https', encrypted: true },
  22: { protocol: 'ssh', encrypted: true },
  21: { protocol: 'ftp', encrypted: false },
  25: { protocol: 'smtp', encrypted: false },
  465: { protocol: 'smtp-encrypted', encrypted: true },
  587: { protocol: 'smtp', encrypted: false },
  389: { protocol: 'ldap', encrypted: false },
  636: { protocol: 'ldaps', encrypted: true },
  1433: { protocol: 'sql-access-protocol', encrypted: false },
  1521: { protocol: 'sql-access-protocol', encrypted: false },
  3306: { protocol: 'sql-access-protocol', encrypted: false },
  5432: { protocol: 'sql-access-protocol', encrypted: false },
  5439: { protocol: 'sql-access-protocol', encrypted: false },
  6379: { protocol: 'nosql-access-protocol', encrypted: false },
  11211: { protocol: 'nosql-access-protocol', encrypted: false },
  27017: { protocol: 'nosql-access-protocol', encrypted: false },
  9042: { protocol: 'nosql-access-protocol', encrypted: false },
  9200: { protocol: 'http', encrypted: false },
  5672: { protocol: 'binary', encrypted: false },
  5671: { protocol: 'binary-encrypted', encrypted: true },
  9092: { protocol: 'binary', encrypted: false },
  4222: { protocol: 'binary', encrypted: false },
  1883: { protocol: 'mqtt', encrypted: false },
  2049: { protocol: 'nfs', encrypted: false },
  445: { protocol: 'smb', encrypted: false },
  3389: { protocol: 'binary', encrypted: false },
};

export function protocolForScheme(scheme: string): ProtocolGuess | undefined {
  return SCHEMES[scheme.toLowerCase()];
}

export function protocolForPort(port: number | undefined): ProtocolGuess | undefined {
  return port === undefined ? undefined : PORTS[port];
}

/** The protocol a client speaks to a callee of this technology when nothing else says. */
export function protocolForTechnology(technology: Technology): ProtocolGuess | undefined {
  switch (technology) {
    case 'database':
      return { protocol: 'sql-access-protocol', encrypted: false };
    case 'message-queue':
    case 'stream-processing':
      return { protocol: 'binary', encrypted: false };
    case 'search-engine':
    case 'search-index':
      return { protocol: 'http', encrypted: false };
    default:
      return undefined;
  }
}

/**
 * The best guess from everything known, strongest first: the scheme, the callee's technology (a
 * datastore's protocol wins over a generic port), then the port.
 */
export function guessProtocol(opts: { scheme?: string; port?: number; technology?: Technology; type?: TechnicalAssetType }): ProtocolGuess {
  const fromScheme = opts.scheme ? protocolForScheme(opts.scheme) : undefined;
  if (fromScheme) return fromScheme;
  const fromPort = protocolForPort(opts.port);
  if (fromPort && fromPort.protocol !== 'http') return fromPort;
  const fromTech = opts.technology ? protocolForTechnology(opts.technology) : undefined;
  if (fromTech) return fromTech;
  if (fromPort) return fromPort;
  return { protocol: 'unknown-protocol', encrypted: false };
}

/** Admin and database ports that should never be open to the internet (rules/iac uses this too). */
export const SENSITIVE_PORTS: Readonly<Record<number, string>> = {
  22: 'SSH',
  23: 'Telnet',
  3389: 'RDP',
  5432: 'PostgreSQL',
  3306: 'MySQL',
  1433: 'SQL Server',
  1521: 'Oracle',
  6379: 'Redis',
  11211: 'Memcached',
  27017: 'MongoDB',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch transport',
  5984: 'CouchDB',
  9042: 'Cassandra',
  2375: 'Docker API',
  2376: 'Docker API (TLS)',
  10250: 'Kubelet',
  6443: 'Kubernetes API',
  2379: 'etcd',
  5601: 'Kibana',
  15672: 'RabbitMQ management',
};

/** The port a client uses when a URL names none (`http://api/` → 80). Keys are lower-case schemes. */
const SCHEME_DEFAULT_PORTS: Record<string, number> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  mariadb: 3306,
  sqlserver: 1433,
  mongodb: 27017,
  redis: 6379,
  rediss: 6379,
  memcached: 11211,
  amqp: 5672,
  amqps: 5671,
  kafka: 9092,
  nats: 4222,
  mqtt: 1883,
  mqtts: 8883,
  ldap: 389,
  ldaps: 636,
  smtp: 25,
  smtps: 465,
  ftp: 21,
  sftp: 22,
  ssh: 22,
};

export function defaultPortForScheme(scheme: string | undefined): number | undefined {
  return scheme === undefined ? undefined : SCHEME_DEFAULT_PORTS[scheme.toLowerCase()];
}
