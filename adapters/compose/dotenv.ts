/**
 * `.env` and `env_file:` files as docker compose reads them: `KEY=VALUE`, optional `export `, quotes
 * (double quotes unescape `\n`, single quotes are literal), `#` comments, `KEY` alone (= unset).
 * Values are kept for interpolation and endpoint detection only; they are never printed.
 */

export interface DotenvEntry {
  value: string;
  /** 1-based line in the file. */
  line: number;
}

export interface DotenvResult {
  vars: Map<string, DotenvEntry>;
  /** Lines that are not `KEY=VALUE`: reported by the caller as `file:line: reason`. */
  problems: Array<{ line: number; reason: string }>;
}

const LINE_RE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=\s*(.*))?$/;

export function parseDotenv(text: string): DotenvResult {
  const vars = new Map<string, DotenvEntry>();
  const problems: DotenvResult['problems'] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!raw.trim() || raw.trimStart().startsWith('#')) continue;
    const m = LINE_RE.exec(raw);
    if (!m) {
      problems.push({ line: i + 1, reason: 'not a KEY=VALUE line; ignored' });
      continue;
    }
    if (m[2] === undefined) continue; // `KEY` alone: taken from the shell, which we do not read
    vars.set(m[1]!, { value: unquote(m[2]), line: i + 1 });
  }
  return { vars, problems };
}

function unquote(v: string): string {
  const s = v.trim();
  if (s.startsWith('"')) {
    const end = s.indexOf('"', 1);
    const body = end > 0 ? s.slice(1, end) : s.slice(1);
    return body.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  if (s.startsWith("'")) {
    const end = s.indexOf("'", 1);
    return end > 0 ? s.slice(1, end) : s.slice(1);
  }
  // An unquoted value ends at ` #` (an inline comment).
  const hash = s.search(/\s#/);
  return (hash >= 0 ? s.slice(0, hash) : s).trim();
}
