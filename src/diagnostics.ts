import type { Diagnostic, DiagnosticSeverity, Location } from './graph/types.js';

/** Collects diagnostics from every step; printed as `file:line: message`, sorted. */
export class Diagnostics {
  private readonly items: Diagnostic[] = [];

  add(severity: DiagnosticSeverity, code: string, location: Location, message: string): void {
    this.items.push({ severity, code, location: { ...location }, message });
  }
  error(code: string, location: Location, message: string): void {
    this.add('error', code, location, message);
  }
  warning(code: string, location: Location, message: string): void {
    this.add('warning', code, location, message);
  }
  info(code: string, location: Location, message: string): void {
    this.add('info', code, location, message);
  }

  /** Sorted by file, line, code, message: independent of the order files were read in. */
  list(): Diagnostic[] {
    return [...this.items].sort(compareDiagnostics);
  }
  get size(): number {
    return this.items.length;
  }
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    cmp(a.code, b.code) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function formatLocation(l: Location): string {
  return `${l.file}:${l.line}`;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${formatLocation(d.location)}: ${d.severity === 'error' ? '' : `${d.severity}: `}${d.message}`;
}
