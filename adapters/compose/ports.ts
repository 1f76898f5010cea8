/**
 * Port specs of the compose file format: `ports:` short syntax
 * `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` (ranges, IPv6 in brackets) and long syntax
 * (`target`, `published`, `host_ip`, `protocol`), and `expose:` (`3000`, `8000-8010/tcp`).
 */

export interface ParsedPort {
  hostIp?: string;
  published?: string;
  target: number;
  protocol: string;
}

function portNumber(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const first = s.split('-')[0]!;
  if (!/^\d{1,5}$/.test(first)) return undefined;
  const n = Number(first);
  return n > 0 && n < 65536 ? n : undefined;
}

/** Short syntax; undefined when it is not a port spec (the caller reports it). */
export function parseShortPort(spec: string): ParsedPort | undefined {
  let s = spec.trim();
  let protocol = 'tcp';
  const slash = s.lastIndexOf('/');
  if (slash >= 0) {
    protocol = s.slice(slash + 1).toLowerCase() || 'tcp';
    s = s.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return undefined;
    hostIp = s.slice(1, close);
    s = s.slice(close + 1).replace(/^:/, '');
  }
  const parts = s.split(':');
  let published: string | undefined;
  let target: string | undefined;
  if (parts.length === 1) target = parts[0];
  else if (parts.length === 2) [published, target] = parts;
  else if (parts.length === 3 && hostIp === undefined) [hostIp, published, target] = parts;
  else return undefined;
  const t = portNumber(target);
  if (t === undefined) return undefined;
  const out: ParsedPort = { target: t, protocol };
  if (hostIp) out.hostIp = hostIp;
  if (published) out.published = published;
  return out;
}

/** Long syntax (`- target: 80 / published: "8080" / host_ip: 127.0.0.1`). */
export function parseLongPort(spec: Record<string, unknown>): ParsedPort | undefined {
  const t = portNumber(spec.target === undefined ? undefined : String(spec.target));
  if (t === undefined) return undefined;
  const out: ParsedPort = { target: t, protocol: typeof spec.protocol === 'string' ? spec.protocol.toLowerCase() : 'tcp' };
  if (typeof spec.host_ip === 'string' && spec.host_ip) out.hostIp = spec.host_ip;
  if (spec.published !== undefined && spec.published !== null && spec.published !== '') out.published = String(spec.published);
  return out;
}

/** `expose:` entries. */
export function parseExpose(spec: string | number): { port: number; protocol: string } | undefined {
  const [p, proto] = String(spec).trim().split('/');
  const port = portNumber(p);
  return port === undefined ? undefined : { port, protocol: (proto || 'tcp').toLowerCase() };
}

/** A host address that only this machine can reach. */
export function isLoopbackBinding(hostIp: string | undefined): boolean {
  if (!hostIp) return false;
  const h = hostIp.toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}
