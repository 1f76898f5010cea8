/** The Threagile protocol a port most likely speaks (the callee's spec wins when it names the same port). */
import type { Protocol } from '../../src/model/enums.js';

const BY_PORT: Record<number, Protocol> = {
  22: 'ssh', 21: 'ftp', 25: 'smtp', 465: 'smtp-encrypted', 587: 'smtp-encrypted', 80: 'http', 443: 'https', 8443: 'https',
  8080: 'http', 8000: 'http', 3000: 'http', 5000: 'http', 9090: 'http', 3306: 'jdbc', 5432: 'jdbc', 1433: 'jdbc', 1521: 'jdbc',
  5439: 'jdbc', 6379: 'nosql-access-protocol', 11211: 'nosql-access-protocol', 27017: 'nosql-access-protocol', 9042: 'nosql-access-protocol',
  2049: 'nfs', 445: 'smb', 389: 'ldap', 636: 'ldaps', 9092: 'binary', 9094: 'binary-encrypted', 5672: 'binary', 5671: 'binary-encrypted',
  3389: 'binary', 9200: 'http', 8182: 'https', 10250: 'https', 6443: 'https',
};

export function protocolFor(port: number | undefined, calleeProtocol?: Protocol, calleePort?: number): Protocol {
  if (calleeProtocol && (port === undefined || port === calleePort)) return calleeProtocol;
  return (port !== undefined ? BY_PORT[port] : undefined) ?? calleeProtocol ?? 'unknown-protocol';
}

export function isEncrypted(p: Protocol): boolean {
  return /https|encrypted|wss|ssh|ldaps|ftps|sftp|scp/.test(p);
}

/** From an LB listener or target group protocol (`HTTPS`, `TCP`, `TLS`). */
export function fromLbProtocol(p: string | undefined, port?: number): Protocol {
  switch ((p ?? '').toUpperCase()) {
    case 'HTTPS':
    case 'TLS':
    case 'SSL':
      return port === 443 || (p ?? '').toUpperCase() === 'HTTPS' ? 'https' : 'binary-encrypted';
    case 'HTTP':
      return 'http';
    case 'TCP':
    case 'UDP':
    case 'TCP_UDP':
      return protocolFor(port);
    default:
      return protocolFor(port);
  }
}
