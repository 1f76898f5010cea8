/**
 * Phase timings for the benchmark: when INFRAGILE_TIMINGS names a file, the CLI writes the phases it
 * measured, peak RSS and input volume there on exit. Nothing is recorded or printed otherwise.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.INFRAGILE_TIMINGS;
const phases: Record<string, number> = {};
const counters: Record<string, number> = {};
let hooked = false;
/** ms since process start when the first phase was recorded: the scan pipeline ends there; before it, start-up. */
let firstRecordAt: number | undefined;

export function recordPhase(name: string, ms: number): void {
  if (!target) return;
  firstRecordAt ??= performance.now();
  phases[name] = (phases[name] ?? 0) + ms;
  hook();
}

export function recordCounter(name: string, value: number): void {
  if (!target) return;
  counters[name] = (counters[name] ?? 0) + value;
  hook();
}

/** Time a synchronous or asynchronous step under a phase name. */
export async function timed<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    recordPhase(name, performance.now() - t);
  }
}

// Hooked at load so that every command that imports this module reports CPU, RSS and uptime,
// phases or not.
hook();

function hook(): void {
  if (hooked || !target) return;
  hooked = true;
  process.on('exit', () => {
    const ru = process.resourceUsage();
    // CPU time next to wall time: on a shared machine wall time mostly measures the neighbours.
    const cpu = { cpuUserMs: Math.round(ru.userCPUTime / 1000), cpuSystemMs: Math.round(ru.systemCPUTime / 1000) };
    const first = firstRecordAt === undefined ? {} : { firstRecordAtMs: Math.round(firstRecordAt) };
    writeFileSync(target, JSON.stringify({ phases, counters, maxRssKb: ru.maxRSS, uptimeMs: Math.round(process.uptime() * 1000), ...cpu, ...first }) + '\n');
  });
}

/** The scan pipeline's own phases and volume, for commands that call scanGraph themselves. */
export function recordScan(result: {
  timings: { discover: number; parse: Record<string, number>; semantics: number };
  resources: readonly unknown[];
  graph: { coverage: { files: { scanned: number } } };
}): void {
  if (!target) return;
  recordPhase('discover', result.timings.discover);
  for (const [format, ms] of Object.entries(result.timings.parse)) recordPhase(`parse:${format}`, ms);
  recordPhase('semantics+graph', result.timings.semantics);
  recordCounter('resources', result.resources.length);
  recordCounter('files', result.graph.coverage.files.scanned);
}
