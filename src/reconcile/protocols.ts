/** Protocol facts drift compares: encrypted in transit or not. */
import type { Protocol } from '../model/enums.js';

const ENCRYPTED = new Set<Protocol>([
  'https', 'wss', 'reverse-proxy-web-protocol-encrypted', 'jdbc-encrypted', 'odbc-encrypted', 'sql-access-protocol-encrypted',
  'nosql-access-protocol-encrypted', 'binary-encrypted', 'text-encrypted', 'ssh', 'ssh-tunnel', 'smtp-encrypted',
  'pop3-encrypted', 'imap-encrypted', 'ftps', 'sftp', 'scp', 'ldaps', 'smb-encrypted', 'iiop-encrypted', 'jrmp-encrypted',
]);

/** Protocols whose encryption we cannot judge from the wire (in-process, local files, unknown). */
const UNJUDGED = new Set<Protocol>(['unknown-protocol', 'in-process-library-call', 'local-file-access', 'container-spawning']);

/**
 * Plain protocols whose plainness infra shows positively (an `http://` URL, port 80, `ldap://`). For
 * SQL, NoSQL, binary and text protocols TLS is negotiated inside the protocol (sslmode, `--tls`), so
 * a plain value there only means "not known to be encrypted" and is no evidence against the model.
 */
const VISIBLY_PLAIN = new Set<Protocol>(['http', 'ws', 'reverse-proxy-web-protocol', 'ftp', 'ldap', 'smtp', 'pop3', 'imap', 'mqtt', 'smb']);

/** Ports that mean the plain variant (a port-guessed `http` on 8080 could still be TLS; port 80 is not). */
const PLAIN_PORTS = new Set([80, 21, 25, 110, 143, 389, 1883]);
const PLAIN_SCHEME = /\b(http|ws|ldap|ftp|mqtt|smtp):\/\//i;

/** Infra shows this call is unencrypted: a plain protocol on its plain port, or a plain URL scheme in the evidence. */
export function isVisiblyPlain(f: { protocol: Protocol; port?: number; evidence: Array<{ detail: string }> }): boolean {
  if (!VISIBLY_PLAIN.has(f.protocol)) return false;
  return (f.port !== undefined && PLAIN_PORTS.has(f.port)) || f.evidence.some((e) => PLAIN_SCHEME.test(e.detail));
}

export function isEncryptedProtocol(p: Protocol): boolean {
  return ENCRYPTED.has(p);
}

export function judgeable(p: Protocol): boolean {
  return !UNJUDGED.has(p);
}

/** The encrypted (or plain) twin of a protocol, for `sync` when only encryption differs. */
export function withEncryption(p: Protocol, encrypted: boolean): Protocol {
  if (encrypted === ENCRYPTED.has(p)) return p;
  const pairs: Array<[Protocol, Protocol]> = [
    ['http', 'https'], ['ws', 'wss'], ['reverse-proxy-web-protocol', 'reverse-proxy-web-protocol-encrypted'],
    ['jdbc', 'jdbc-encrypted'], ['odbc', 'odbc-encrypted'], ['sql-access-protocol', 'sql-access-protocol-encrypted'],
    ['nosql-access-protocol', 'nosql-access-protocol-encrypted'], ['binary', 'binary-encrypted'], ['text', 'text-encrypted'],
    ['smtp', 'smtp-encrypted'], ['pop3', 'pop3-encrypted'], ['imap', 'imap-encrypted'], ['ftp', 'ftps'], ['ldap', 'ldaps'],
    ['smb', 'smb-encrypted'], ['iiop', 'iiop-encrypted'], ['jrmp', 'jrmp-encrypted'],
  ];
  for (const [plain, enc] of pairs) {
    if (encrypted && p === plain) return enc;
    if (!encrypted && p === enc) return plain;
  }
  return p;
}
