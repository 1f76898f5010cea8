/**
 * The CLI's version, from the package's own package.json found upwards from this module: the same
 * code runs from src/cli (tests), dist/src/cli (compiled) and dist/cli (the bundle), at different
 * depths. Read as a file, not `require`d, so that it costs no module resolution.
 */
import { readFileSync } from 'node:fs';

let version: string | undefined;

export function toolVersion(): string {
  version ??= findVersion();
  return version;
}

function findVersion(): string {
  let dir = new URL('./', import.meta.url);
  for (let depth = 0; depth < 5; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'infragile' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      /* not here (or unreadable): look one level up */
    }
    dir = new URL('../', dir);
  }
  return '0.0.0';
}
