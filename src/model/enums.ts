/**
 * Threagile 0.9.1 (v1) enumerations, in v1 order: the array index is the integer value v1 writes in
 * `technical-assets.json`. Master spellings accepted on input are mapped in `MASTER_SPELLINGS`.
 */
import { lookupTable } from '../util/lookup.js';

export const USAGES = ['business', 'devops'] as const;
export type Usage = (typeof USAGES)[number];

export const QUANTITIES = ['very-few', 'few', 'many', 'very-many'] as const;
export type Quantity = (typeof QUANTITIES)[number];

export const CONFIDENTIALITIES = ['public', 'internal', 'restricted', 'confidential', 'strictly-confidential'] as const;
export type Confidentiality = (typeof CONFIDENTIALITIES)[number];

/** Used for integrity, availability and business criticality. */
export const CRITICALITIES = ['archive', 'operational', 'important', 'critical', 'mission-critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const TECHNICAL_ASSET_TYPES = ['external-entity', 'process', 'datastore'] as const;
export type TechnicalAssetType = (typeof TECHNICAL_ASSET_TYPES)[number];

export const SIZES = ['system', 'service', 'application', 'component'] as const;
export type Size = (typeof SIZES)[number];

export const MACHINES = ['physical', 'virtual', 'container', 'serverless'] as const;
export type Machine = (typeof MACHINES)[number];

export const ENCRYPTIONS = [
  'none',
  'transparent',
  'data-with-symmetric-shared-key',
  'data-with-asymmetric-shared-key',
  'data-with-enduser-individual-key',
] as const;
export type Encryption = (typeof ENCRYPTIONS)[number];

export const AUTHENTICATIONS = ['none', 'credentials', 'session-id', 'token', 'client-certificate', 'two-factor', 'externalized'] as const;
export type Authentication = (typeof AUTHENTICATIONS)[number];

export const AUTHORIZATIONS = ['none', 'technical-user', 'enduser-identity-propagation'] as const;
export type Authorization = (typeof AUTHORIZATIONS)[number];

export const DATA_FORMATS = ['json', 'xml', 'serialization', 'file', 'csv'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

export const TRUST_BOUNDARY_TYPES = [
  'network-on-prem',
  'network-dedicated-hoster',
  'network-virtual-lan',
  'network-cloud-provider',
  'network-cloud-security-group',
  'network-policy-namespace-isolation',
  'execution-environment',
] as const;
export type TrustBoundaryType = (typeof TRUST_BOUNDARY_TYPES)[number];

export const PROTOCOLS = [
  'unknown-protocol', 'http', 'https', 'ws', 'wss', 'reverse-proxy-web-protocol',
  'reverse-proxy-web-protocol-encrypted', 'mqtt', 'jdbc', 'jdbc-encrypted', 'odbc', 'odbc-encrypted',
  'sql-access-protocol', 'sql-access-protocol-encrypted', 'nosql-access-protocol',
  'nosql-access-protocol-encrypted', 'binary', 'binary-encrypted', 'text', 'text-encrypted', 'ssh',
  'ssh-tunnel', 'smtp', 'smtp-encrypted', 'pop3', 'pop3-encrypted', 'imap', 'imap-encrypted',
  'ftp', 'ftps', 'sftp', 'scp', 'ldap', 'ldaps', 'jms', 'nfs', 'smb', 'smb-encrypted',
  'local-file-access', 'nrpe', 'xmpp', 'iiop', 'iiop-encrypted', 'jrmp', 'jrmp-encrypted',
  'in-process-library-call', 'container-spawning',
] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const TECHNOLOGIES = [
  'unknown-technology', 'client-system', 'browser', 'desktop', 'mobile-app', 'devops-client', 'web-server',
  'web-application', 'application-server', 'database', 'file-server', 'local-file-system', 'erp', 'cms',
  'web-service-rest', 'web-service-soap', 'ejb', 'search-index', 'search-engine', 'service-registry',
  'reverse-proxy', 'load-balancer', 'build-pipeline', 'sourcecode-repository', 'artifact-registry',
  'code-inspection-platform', 'monitoring', 'ldap-server', 'container-platform', 'batch-processing',
  'event-listener', 'identity-provider', 'identity-store-ldap', 'identity-store-database', 'tool', 'cli',
  'task', 'function', 'gateway', 'iot-device', 'message-queue', 'stream-processing', 'service-mesh',
  'data-lake', 'big-data-platform', 'report-engine', 'ai', 'mail-server', 'vault', 'hsm', 'waf', 'ids',
  'ips', 'scheduler', 'mainframe', 'block-storage', 'library',
] as const;
export type Technology = (typeof TECHNOLOGIES)[number];

export const RISK_SEVERITIES = ['low', 'medium', 'elevated', 'high', 'critical'] as const;
export type RiskSeverity = (typeof RISK_SEVERITIES)[number];

export const EXPLOITATION_LIKELIHOODS = ['unlikely', 'likely', 'very-likely', 'frequent'] as const;
export type ExploitationLikelihood = (typeof EXPLOITATION_LIKELIHOODS)[number];

export const EXPLOITATION_IMPACTS = ['low', 'medium', 'high', 'very-high'] as const;
export type ExploitationImpact = (typeof EXPLOITATION_IMPACTS)[number];

export const DATA_BREACH_PROBABILITIES = ['improbable', 'possible', 'probable'] as const;
export type DataBreachProbability = (typeof DATA_BREACH_PROBABILITIES)[number];

export const RISK_FUNCTIONS = ['business-side', 'architecture', 'development', 'operations'] as const;
export type RiskFunction = (typeof RISK_FUNCTIONS)[number];

export const STRIDES = [
  'spoofing', 'tampering', 'repudiation', 'information-disclosure', 'denial-of-service', 'elevation-of-privilege',
] as const;
export type Stride = (typeof STRIDES)[number];

export const RISK_STATUSES = ['unchecked', 'in-discussion', 'accepted', 'in-progress', 'mitigated', 'false-positive'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** Master (unreleased) spellings that the reader accepts and maps onto v1. */
export const MASTER_SPELLINGS: Readonly<Record<string, string>> = lookupTable({
  'end-user-identity-propagation': 'enduser-identity-propagation',
  'data-with-end-user-individual-key': 'data-with-enduser-individual-key',
});

/** The v1 integer of an enum value (its index), as written in `technical-assets.json`. */
export function enumIndex<T extends string>(values: readonly T[], value: T): number {
  return values.indexOf(value);
}
