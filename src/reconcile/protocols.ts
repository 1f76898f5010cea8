/** Protocol facts drift compares: encrypted in transit or not. */
import type { Protocol } from '../model/enums.js';

const ENCRYPTED = new Set<Protocol>([
  'https', 'wss', 'reverse-proxy-web-protocol-encrypted', 'jdbc-encrypted', 'odbc-encrypted', 'sql-access-protocol-encrypted',
  'nosql-access-protocol-encrypted', 'binary-encrypted', 'text-encrypted', 'ssh', 'ssh-tunnel', 'smtp-encrypted',
  'pop3-encrypted', 'imap-encrypted', 'ftps', 'sftp', 'scp', 'ldaps', 'smb-encrypted', 'iiop-encrypted', 'jrmp-encrypted',
]);

/** Protocols whose encryption we cannot judge from the wire (in-process, local files, unknown). */
const UNJUDGED = new Set<Protocol>(['unknown-protocol', 'in-process-library-call', 'local-file-access', 'container-spawning']);

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
