/**
 * Threagile 0.9.1's technology and protocol classes (notes §1.5, §1.7). One table per class so that
 * a rule reads `WEB_APPLICATION.has(t)`; change a class here and every rule follows.
 */
import type { Protocol, Technology, TrustBoundaryType } from '../model/enums.js';

const set = <T>(...v: T[]): ReadonlySet<T> => new Set(v);

export const WEB_APPLICATION = set<Technology>('web-server', 'web-application', 'application-server', 'erp', 'cms', 'identity-provider', 'report-engine');
export const WEB_SERVICE = set<Technology>('web-service-rest', 'web-service-soap');
export const IDENTITY_RELATED = set<Technology>('identity-provider', 'identity-store-ldap', 'identity-store-database');
export const IDENTITY_STORE = set<Technology>('identity-store-ldap', 'identity-store-database');
export const UNPROTECTED_COMMS_TOLERATED = set<Technology>('monitoring', 'ids', 'ips');
export const UNNECESSARY_DATA_TOLERATED = set<Technology>('monitoring', 'ids', 'ips');
export const CLOSE_TO_HIGH_VALUE_TARGETS_TOLERATED = set<Technology>('monitoring', 'ids', 'ips', 'load-balancer', 'reverse-proxy');
export const CLIENT = set<Technology>('client-system', 'browser', 'desktop', 'mobile-app', 'devops-client', 'iot-device');
export const PROPAGATES_IDENTITY = set<Technology>(
  'client-system', 'browser', 'desktop', 'mobile-app', 'devops-client', 'web-server', 'web-application', 'application-server',
  'erp', 'cms', 'web-service-rest', 'web-service-soap', 'ejb', 'search-engine', 'reverse-proxy', 'load-balancer',
  'identity-provider', 'tool', 'cli', 'task', 'function', 'gateway', 'iot-device', 'message-queue', 'service-mesh',
  'report-engine', 'waf', 'library',
);
export const LESS_PROTECTED = set<Technology>(
  'client-system', 'browser', 'desktop', 'mobile-app', 'devops-client', 'web-server', 'web-application', 'application-server',
  'cms', 'web-service-rest', 'web-service-soap', 'ejb', 'build-pipeline', 'sourcecode-repository', 'artifact-registry',
  'code-inspection-platform', 'monitoring', 'iot-device', 'ai', 'mail-server', 'scheduler', 'mainframe',
);
export const PROCESSES_ENDUSER_REQUESTS = set<Technology>(
  'web-server', 'web-application', 'application-server', 'erp', 'web-service-rest', 'web-service-soap', 'ejb', 'report-engine',
);
export const STORES_ENDUSER_DATA = set<Technology>(
  'database', 'erp', 'file-server', 'local-file-system', 'block-storage', 'mail-server', 'stream-processing', 'message-queue',
);
export const EXCLUSIVELY_FRONTEND = set<Technology>(
  'client-system', 'browser', 'desktop', 'mobile-app', 'devops-client', 'cms', 'reverse-proxy', 'waf', 'load-balancer', 'gateway', 'iot-device',
);
export const EXCLUSIVELY_BACKEND = set<Technology>(
  'database', 'identity-provider', 'identity-store-ldap', 'identity-store-database', 'erp', 'web-service-rest', 'web-service-soap',
  'ejb', 'search-index', 'search-engine', 'container-platform', 'batch-processing', 'event-listener', 'data-lake',
  'big-data-platform', 'message-queue', 'stream-processing', 'service-mesh', 'vault', 'hsm', 'scheduler', 'mainframe',
  'file-server', 'block-storage',
);
export const DEVELOPMENT_RELEVANT = set<Technology>('build-pipeline', 'sourcecode-repository', 'artifact-registry', 'code-inspection-platform', 'devops-client');
export const TRAFFIC_FORWARDING = set<Technology>('load-balancer', 'reverse-proxy', 'waf');
/** Technologies that hold nothing at rest, so at-rest encryption is not expected. */
export const NO_STORAGE_AT_REST = set<Technology>('reverse-proxy', 'load-balancer', 'waf', 'ids', 'ips', 'library');
/** Technologies that serve no authentication of their own. */
export const NO_AUTHENTICATION_REQUIRED = set<Technology>('load-balancer', 'reverse-proxy', 'service-registry', 'waf', 'ids', 'ips');
export const NO_NETWORK_SEGMENTATION_REQUIRED = set<Technology>('reverse-proxy', 'waf', 'ids', 'ips', 'service-registry');
export const HIGH_VALUE_TARGET = set<Technology>('application-server', 'identity-provider', 'erp');
/** Technologies that may be reached from the internet over HTTP(S) without a custom-code concern. */
export const HTTP_INTERNET_ACCESS_OK = set<Technology>('web-server', 'web-application', 'reverse-proxy', 'waf', 'gateway');

export const ENCRYPTED_PROTOCOLS = set<Protocol>(
  'https', 'wss', 'jdbc-encrypted', 'odbc-encrypted', 'nosql-access-protocol-encrypted', 'sql-access-protocol-encrypted',
  'binary-encrypted', 'text-encrypted', 'ssh', 'ssh-tunnel', 'ftps', 'sftp', 'scp', 'ldaps',
  'reverse-proxy-web-protocol-encrypted', 'iiop-encrypted', 'jrmp-encrypted', 'smb-encrypted', 'smtp-encrypted',
  'pop3-encrypted', 'imap-encrypted',
);
export const PROCESS_LOCAL_PROTOCOLS = set<Protocol>('in-process-library-call', 'local-file-access', 'container-spawning');
export const WEB_ACCESS_PROTOCOLS = set<Protocol>('http', 'https', 'ws', 'wss', 'reverse-proxy-web-protocol', 'reverse-proxy-web-protocol-encrypted');
export const STRICT_DB_PROTOCOLS = set<Protocol>(
  'jdbc', 'jdbc-encrypted', 'odbc', 'odbc-encrypted', 'sql-access-protocol', 'sql-access-protocol-encrypted',
  'nosql-access-protocol', 'nosql-access-protocol-encrypted',
);
export const LAX_DB_PROTOCOLS = set<Protocol>(...STRICT_DB_PROTOCOLS, 'http', 'https', 'binary', 'binary-encrypted');

export const isNetworkBoundary = (t: TrustBoundaryType): boolean => t !== 'execution-environment';
export const isWithinCloud = (t: TrustBoundaryType): boolean => t === 'network-cloud-provider' || t === 'network-cloud-security-group';
