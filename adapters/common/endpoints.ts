/**
 * Endpoints named in configuration values: URLs, `host:port`, JDBC URLs, broker lists, and
 * libpq-style `host=… port=…` strings. Semantics use them to turn an env var or a connection string
 * into a flow. Only host, port and scheme are kept: credentials in a URL are never returned.
 */

export interface Endpoint {
  /** Lower-cased scheme without `://` (`https`, `postgres`, `jdbc:postgresql` → `postgresql`). */
  scheme?: string;
  /** Lower-cased host name or IP, as written. */
  host: string;
  port?: number;
}

const URL_RE = /\b([a-z][a-z0-9+.-]*):\/\/(?:[^\s/@'"]*@)?(\[[0-9a-f:]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?/gi;
const HOST_PORT_RE = /^([a-z0-9_][a-z0-9_.-]*):(\d{1,5})$/i;
const KV_HOST_RE = /(?:^|\s)(?:host|hostname|server|data source)\s*=\s*'?([a-z0-9_.-]+)'?/i;
/** Cheap pre-check for the JDBC rewrite below (no `g` flag: `test` keeps no state). */
const JDBC_RE = /jdbc:/i;
const KV_PORT_RE = /(?:^|\s)port\s*=\s*'?(\d{1,5})'?/i;

function validPort(p: string | undefined): number | undefined {
  if (p === undefined) return undefined;
  const n = Number(p);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
}

/** Every endpoint in a configuration value. */
export function parseEndpoints(value: string): Endpoint[] {
  const out: Endpoint[] = [];
  const v = value.trim();
  if (!v || v.length > 4096) return out;
  // Every form below needs a `:` (URL, host:port) or a `=` (key=value): most values have neither.
  if (!v.includes(':') && !v.includes('=')) return out;
  // JDBC: jdbc:postgresql://host:5432/db → scheme postgresql
  const normalized = JDBC_RE.test(v) ? v.replace(/\bjdbc:([a-z0-9]+):(?=\/\/)/gi, '$1:') : v;
  // A URL needs `://`: host:port and key=value strings skip the URL scan.
  for (const m of normalized.includes('://') ? normalized.matchAll(URL_RE) : []) {
    const lower = m[2]!.toLowerCase();
    const host = lower.startsWith('[') ? lower.replace(/^\[|\]$/g, '') : lower; // IPv6 literal: drop the brackets
    const e: Endpoint = { scheme: m[1]!.toLowerCase(), host };
    const port = validPort(m[3]);
    if (port !== undefined) e.port = port;
    out.push(e);
    // Broker lists after the scheme: kafka://a:9092,b:9092
    const tail = normalized.slice((m.index ?? 0) + m[0].length);
    for (const extra of tail.match(/^(,[a-z0-9_.-]+:\d{1,5})+/i)?.[0].split(',').filter(Boolean) ?? []) {
      const hp = HOST_PORT_RE.exec(extra);
      if (hp) out.push({ scheme: e.scheme!, host: hp[1]!.toLowerCase(), ...(validPort(hp[2]) ? { port: validPort(hp[2])! } : {}) });
    }
  }
  if (out.length) return out;
  // host:port, or a comma/space separated list of them
  const parts = v.split(/[,\s]+/).filter(Boolean);
  if (parts.length && parts.every((p) => HOST_PORT_RE.test(p))) {
    for (const p of parts) {
      const m = HOST_PORT_RE.exec(p)!;
      const port = validPort(m[2]);
      out.push(port !== undefined ? { host: m[1]!.toLowerCase(), port } : { host: m[1]!.toLowerCase() });
    }
    return out;
  }
  // libpq / ADO style
  const kvHost = KV_HOST_RE.exec(v);
  if (kvHost) {
    const port = validPort(KV_PORT_RE.exec(v)?.[1]);
    out.push(port !== undefined ? { host: kvHost[1]!.toLowerCase(), port } : { host: kvHost[1]!.toLowerCase() });
  }
  return out;
}

/** A bare host name (no scheme, no port) that could name a service: `cart`, `cart.shop.svc.cluster.local`. */
export function looksLikeHostName(value: string): boolean {
  const v = value.trim();
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(v) && !/^\d+(\.\d+)*$/.test(v);
}

/** Hosts that are this machine: a flow to them is not a flow to another component. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '0.0.0.0' || host === '::1' || host === '::' || /^127\./.test(host);
}

/** A public DNS name outside any cluster or compose network (has a dot and a known public-ish TLD shape). */
export function isExternalHost(host: string): boolean {
  if (isLoopbackHost(host)) return false;
  if (/\.(svc|cluster\.local|local|internal|localdomain|lan|home|corp)$/.test(host) || host.includes('.svc.')) return false;
  if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host)) return false;
  return /\.[a-z]{2,}$/i.test(host);
}

/** Env var names that usually hold a secret: the value must never be printed. */
export function isSecretName(name: string): boolean {
  return /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|auth[_-]?key|access[_-]?key|client[_-]?secret|signing[_-]?key|encryption[_-]?key|dsn|connection[_-]?string)/i.test(name);
}

/**
 * Env var (or config key) names that say their value is another system's address: `DB_HOST`,
 * `REDIS_ADDR`, `PAYMENTS_URL`, `CART_SERVICE`, `KAFKA_BROKERS`, `SENTRY_DSN`, `dbHost`. A bare
 * word (`cart`, no scheme, no port) is a reference only under such a name: `MYSQL_DATABASE=enduro`
 * or `APP_NAME=cart` merely share a Service's name. `*_SERVICE_NAME`, `*_HOST_PORT`, `*_USER` do
 * not qualify: the last word decides (`HOST`, `HOSTNAME`, `SERVICE` alone name the process itself).
 */
export function isAddressVarName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  const last = words[words.length - 1];
  if (last === undefined || !ADDRESS_WORDS.has(last)) return false;
  // Alone, `HOST`/`HOSTNAME`/`SERVICE` usually name the process itself (bind address, pod name, own service name).
  return words.length > 1 || !SELF_WORDS.has(last);
}

const SELF_WORDS: ReadonlySet<string> = new Set(['HOST', 'HOSTNAME', 'SERVICE']);

const ADDRESS_WORDS: ReadonlySet<string> = new Set([
  'HOST', 'HOSTS', 'HOSTNAME', 'ADDR', 'ADDRS', 'ADDRESS', 'ADDRESSES', 'SERVER', 'SERVERS',
  'ENDPOINT', 'ENDPOINTS', 'URL', 'URLS', 'URI', 'URIS', 'SERVICE', 'BROKER', 'BROKERS', 'DSN',
  'UPSTREAM', 'UPSTREAMS', 'BACKEND', 'BACKENDS',
]);
