/**
 * A pool of worker threads, each with its own hcl2json WASM runtime. Files go in batches (several per
 * message, two batches in flight per worker); results are keyed by path, so the order in which
 * workers answer never shows in the output. A worker that dies or stops answering is thrown away and
 * replaced: its batch is retried one file at a time, and a file that takes a worker down on its own
 * becomes an error for that file only.
 */
import { Worker } from 'node:worker_threads';
import { parseHclError } from './errors.js';
import type { HclInput, HclOutput } from './hcl2json.js';

/** The worker's code, run with `eval` so it works the same from the sources (vitest) and from dist/. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const hcl = require(workerData.hclPath);
parentPort.on('message', async (msg) => {
  const results = [];
  for (const f of msg.files) {
    try { results.push({ path: f.path, json: await hcl.parse(f.path, f.text) }); }
    catch (e) { results.push({ path: f.path, message: String((e && e.message) || e) }); }
  }
  parentPort.postMessage({ id: msg.id, results });
});
`;

const BATCH_FILES = 16;
const BATCH_BYTES = 512 * 1024;
const IN_FLIGHT = 2;
/** A batch that takes longer than this is presumed stuck (hcl2json hangs rather than fails on some input). */
const BATCH_TIMEOUT_MS = 60_000;

interface Batch {
  id: number;
  files: HclInput[];
  /** Retried alone after a crash: a second crash is the file's fault. */
  single: boolean;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, { batch: Batch; timer: NodeJS.Timeout }>;
  dead: boolean;
}

export class HclWorkerPool {
  private readonly slots: Slot[] = [];
  private queue: Batch[] = [];
  private nextId = 0;
  private results: HclOutput[] = [];
  private remaining = 0;
  private done: (() => void) | undefined;

  constructor(
    private readonly size: number,
    private readonly hclPath: string,
  ) {}

  async parseAll(files: readonly HclInput[]): Promise<HclOutput[]> {
    this.results = [];
    this.remaining = files.length;
    if (files.length === 0) return [];
    this.queue = batches(files).map((b) => ({ id: this.nextId++, files: b, single: false }));
    const finished = new Promise<void>((resolve) => (this.done = resolve));
    while (this.slots.filter((s) => !s.dead).length < Math.min(this.size, this.queue.length)) this.spawn();
    for (const s of this.slots) this.feed(s);
    await finished;
    return this.results;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.filter((s) => !s.dead).map((s) => ((s.dead = true), s.worker.terminate())));
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { hclPath: this.hclPath } });
    const slot: Slot = { worker, inFlight: new Map(), dead: false };
    worker.on('message', (m: { id: number; results: Array<{ path: string; json?: Record<string, unknown>; message?: string }> }) => {
      const entry = slot.inFlight.get(m.id);
      if (!entry) return;
      clearTimeout(entry.timer);
      slot.inFlight.delete(m.id);
      for (const r of m.results) this.finish(r.json ? { path: r.path, json: r.json } : { path: r.path, error: parseHclError(r.message ?? '') });
      this.feed(slot);
    });
    const fail = (why: string) => this.crashed(slot, why);
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => fail(`worker exited with code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  private feed(slot: Slot): void {
    while (!slot.dead && slot.inFlight.size < IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.shift()!;
      const timer = setTimeout(() => this.crashed(slot, `no answer after ${BATCH_TIMEOUT_MS / 1000} s`), BATCH_TIMEOUT_MS);
      timer.unref();
      slot.inFlight.set(batch.id, { batch, timer });
      slot.worker.postMessage({ id: batch.id, files: batch.files });
    }
  }

  private crashed(slot: Slot, why: string): void {
    if (slot.dead) return;
    slot.dead = true;
    void slot.worker.terminate();
    for (const { batch, timer } of slot.inFlight.values()) {
      clearTimeout(timer);
      if (batch.single || batch.files.length === 1) {
        for (const f of batch.files)
          this.finish({ path: f.path, error: { line: 1, message: `the HCL parser failed on this file (${why}); it was skipped` } });
      } else {
        for (const f of batch.files) this.queue.push({ id: this.nextId++, files: [f], single: true });
      }
    }
    slot.inFlight.clear();
    if (this.remaining > 0 && this.queue.length > 0) this.feed(this.spawn());
  }

  private finish(r: HclOutput): void {
    this.results.push(r);
    if (--this.remaining === 0) this.done?.();
  }
}

function batches(files: readonly HclInput[]): HclInput[][] {
  const out: HclInput[][] = [];
  let cur: HclInput[] = [];
  let bytes = 0;
  for (const f of files) {
    if (cur.length > 0 && (cur.length >= BATCH_FILES || bytes + f.text.length > BATCH_BYTES)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(f);
    bytes += f.text.length;
  }
  if (cur.length) out.push(cur);
  return out;
}
