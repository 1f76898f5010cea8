/**
 * Feedback for people at a terminal, and one line for CI logs.
 *
 * - Progress: one self-rewriting stderr line (phase, files parsed) for scans that take longer than a
 *   second, only when stderr is a TTY, never with --quiet, and never when CI=true (CI logs are files:
 *   carriage returns there are noise). Nothing is printed for fast scans.
 * - Colour only on a TTY and never with NO_COLOR (picocolors checks both; `colors()` is the one place
 *   the CLI asks for them).
 * - The `--summary` line: `infragile: 12 risks (1 critical, 3 high), 2 drift findings, 48 components,
 *   coverage 97% — exit 1`, on stderr so it never mixes with a report written to stdout.
 */
import pc from 'picocolors';
import type { ArchitectureGraph } from '../graph/types.js';
import type { RiskSeverity } from '../model/enums.js';

export interface ProgressEvent {
  phase: string;
  /** e.g. `312/1024 files`. */
  detail?: string;
}

export interface ProgressSink {
  update(e: ProgressEvent): void;
  done(): void;
}

export interface ProgressEnv {
  isTTY: boolean;
  quiet: boolean;
  ci: boolean;
  write: (text: string) => void;
  now: () => number;
}

/** Delay before the first line: fast scans stay silent. */
export const PROGRESS_DELAY_MS = 1000;
/** Minimum time between two redraws. */
const REDRAW_MS = 100;

const NOOP: ProgressSink = { update() {}, done() {} };

export function progressEnv(quiet: boolean | undefined): ProgressEnv {
  return {
    isTTY: !!process.stderr.isTTY,
    quiet: !!quiet,
    ci: isCi(process.env),
    write: (t) => process.stderr.write(t),
    now: () => performance.now(),
  };
}

export function isCi(env: NodeJS.ProcessEnv): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

export function createProgress(env: ProgressEnv = progressEnv(false)): ProgressSink {
  if (!env.isTTY || env.quiet || env.ci) return NOOP;
  const start = env.now();
  let lastDraw = -Infinity;
  let drawn = false;
  let width = 0;
  return {
    update(e) {
      const t = env.now();
      if (t - start < PROGRESS_DELAY_MS || t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      const line = `infragile: ${e.phase}${e.detail ? ` ${e.detail}` : ''} (${((t - start) / 1000).toFixed(1)}s)`;
      env.write(`\r${line}${' '.repeat(Math.max(0, width - line.length))}`);
      width = Math.max(width, line.length);
      drawn = true;
    },
    done() {
      if (drawn) env.write(`\r${' '.repeat(width)}\r`);
      drawn = false;
    },
  };
}

/** picocolors with colour decided once: on only for a TTY without NO_COLOR (picocolors' own checks). */
export function colors(stream: { isTTY?: boolean } = process.stderr): ReturnType<typeof pc.createColors> {
  return stream.isTTY ? pc : pc.createColors(false);
}

export interface SummaryInput {
  risks?: ReadonlyArray<{ severity: RiskSeverity }>;
  drift?: number;
  graph: ArchitectureGraph;
  exitCode: number;
}

const SEVERITIES_HIGH_FIRST: readonly RiskSeverity[] = ['critical', 'high', 'elevated', 'medium', 'low'];

/** The one-line summary for CI logs. */
export function summaryLine(input: SummaryInput): string {
  const parts: string[] = [];
  if (input.risks) {
    const counts = SEVERITIES_HIGH_FIRST.map((s) => [s, input.risks!.filter((r) => r.severity === s).length] as const).filter(([, n]) => n > 0);
    const top = counts.slice(0, 2).map(([s, n]) => `${n} ${s}`);
    parts.push(`${plural(input.risks.length, 'risk')}${top.length ? ` (${top.join(', ')})` : ''}`);
  }
  if (input.drift !== undefined) parts.push(`${input.drift} drift finding${input.drift === 1 ? '' : 's'}`);
  parts.push(plural(input.graph.components.length, 'component'));
  parts.push(`coverage ${coveragePercent(input.graph)}%`);
  return `infragile: ${parts.join(', ')} — exit ${input.exitCode}`;
}

/** Mapped or folded resources over all resources; 100 when there were none. Floored: 99.6% is not 100%. */
export function coveragePercent(graph: ArchitectureGraph): number {
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const understood = sum(graph.coverage.mapped) + sum(graph.coverage.folded);
  const total = understood + graph.coverage.unmapped.length;
  return total === 0 ? 100 : Math.floor((understood * 100) / total);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
