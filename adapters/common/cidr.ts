/**
 * Address-range checks shared by the cloud semantics: does a source range written in a firewall,
 * security-group or NSG rule mean "anyone on the internet"?
 */

/** Spellings of "any address" across AWS, GCP and Azure (Azure service tags `Internet`, `*`, `Any`). */
const ANYWHERE = new Set(['0.0.0.0/0', '::/0', '*', 'internet', 'any', '0.0.0.0', '0.0.0.0/0.0.0.0']);

/** True when the range admits the whole internet. */
export function isAnywhere(range: string): boolean {
  return ANYWHERE.has(range.trim().toLowerCase());
}

/** IPv4 dotted quad → 32-bit unsigned integer, or undefined. */
export function ipv4ToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

/** RFC 1918 / loopback / link-local / CGNAT: an address that is not on the public internet. */
export function isPrivateIpv4(ip: string): boolean {
  const n = ipv4ToInt(ip);
  if (n === undefined) return false;
  const inRange = (base: string, bits: number) => {
    const b = ipv4ToInt(base)!;
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return ((n & mask) >>> 0) === ((b & mask) >>> 0);
  };
  return inRange('10.0.0.0', 8) || inRange('172.16.0.0', 12) || inRange('192.168.0.0', 16) || inRange('127.0.0.0', 8) || inRange('169.254.0.0', 16) || inRange('100.64.0.0', 10);
}

/**
 * True when an IPv4 start–end range (Azure SQL / storage firewall rules) covers so much of the
 * address space that it is the internet: the full range, or any range spanning at least a /8 of
 * public space. `0.0.0.0–0.0.0.0` is Azure's "allow Azure services" marker, not the internet.
 */
export function isInternetRange(start: string, end: string): boolean {
  const a = ipv4ToInt(start);
  const b = ipv4ToInt(end);
  if (a === undefined || b === undefined || b < a) return false;
  if (a === 0 && b === 0) return false;
  return b - a >= 0x00ffffff && !(isPrivateIpv4(start) && isPrivateIpv4(end));
}

/** A CIDR whose prefix is short enough to be "the internet" for exposure purposes (0.0.0.0/0, ::/0, or ≤ /1). */
export function isInternetCidr(cidr: string): boolean {
  if (isAnywhere(cidr)) return true;
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(cidr.trim());
  return !!m && Number(m[2]) <= 1 && ipv4ToInt(m[1]!) !== undefined;
}
