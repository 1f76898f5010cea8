/**
 * Phase timings for the benchmark: when INFRAGILE_TIMINGS names a file, the CLI writes the phases it
 * measured, peak RSS and input volume there on exit. Nothing is recorded or printed otherwise.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.INFRAGILE_TIMINGS;
const phases: Record<string, number> = {};
const counters: Record<string, number> = {};
let hooked = false;

export function recordPhase(name: string, ms: number): void {
  if (!target) return;
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

function hook(): void {
  if (hooked || !target) return;
  hooked = true;
  process.on('exit', () => {
    const ru = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ phases, counters, maxRssKb: ru.maxRSS, uptimeMs: Math.round(process.uptime() * 1000) }) + '\n');
  });
}
