#!/usr/bin/env node
// HCL parse throughput: the Terraform adapter's hcl2json path single-threaded vs in worker threads,
// with and without V8's --liftoff-only. Each configuration runs in its own fresh process so that
// WASM start-up is measured honestly.
//
//   npm run build && node bench/hcl.mjs [--files 300] [--workers 2,4] [--runs 3]
//
// Prints one JSON line per run and a summary table (median of runs). CPU time is reported next to
// wall time: on a shared machine wall time mostly measures the neighbours.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]?.startsWith('--') ? 'true' : all[i + 1] ?? 'true'] : [])).filter((x) => x.length),
);

/** One synthetic file: a variable, locals, SGs with nested ingress blocks and references, instances with heredocs, an LB, a module call. */
function syntheticFile(f) {
  const p = `s${f}`;
  let s = `# synthetic ${f}\nvariable "${p}_env" {\n  default = "prod"\n}\n\nlocals {\n  ${p}_name = "svc-${f}-\${var.${p}_env}"\n  ${p}_tags = { Env = var.${p}_env, Team = "t${f % 5}" }\n}\n\n`;
  for (let i = 0; i < 5; i++) {
    s += `resource "aws_security_group" "${p}_sg${i}" {\n  name   = "\${local.${p}_name}-${i}"\n  vpc_id = data.aws_vpc.main.id\n`;
    s += `  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n`;
    s += `  ingress {\n    from_port       = ${5000 + i}\n    to_port         = ${5000 + i}\n    protocol        = "tcp"\n    security_groups = [aws_security_group.${p}_sg${(i + 1) % 5}.id]\n  }\n`;
    s += `  tags = merge(local.${p}_tags, { Tier = "${i}" })\n}\n\n`;
  }
  for (let i = 0; i < 8; i++) {
    s += `resource "aws_instance" "${p}_vm${i}" {\n  ami                    = "ami-${i}"\n  instance_type          = var.${p}_env == "prod" ? "m5.large" : "t3.micro"\n  vpc_security_group_ids = [aws_security_group.${p}_sg${i % 5}.id]\n  user_data = <<-EOT\n    #!/bin/sh\n    echo \${local.${p}_name}\n  EOT\n  root_block_device {\n    encrypted = ${i % 2 === 0}\n  }\n}\n\n`;
  }
  s += `resource "aws_lb" "${p}_lb" {\n  name            = "lb-${f}"\n  security_groups = [aws_security_group.${p}_sg0.id]\n  subnets         = [for i in range(3) : "subnet-\${i}"]\n}\n\n`;
  s += `resource "aws_iam_role" "${p}_role" {\n  assume_role_policy = jsonencode({ Statement = [{ Action = "sts:AssumeRole", Effect = "Allow" }] })\n}\n`;
  return s;
}

function generate(dir, n) {
  mkdirSync(dir, { recursive: true });
  if (existsSync(join(dir, `f${String(n - 1).padStart(5, '0')}.tf`))) return;
  for (let f = 0; f < n; f++) writeFileSync(join(dir, `f${String(f).padStart(5, '0')}.tf`), syntheticFile(f));
}

async function child() {
  const dist = join(here, '../dist/adapters/terraform/hcl/hcl2json.js');
  if (!existsSync(dist)) throw new Error('run `npm run build` first (bench/hcl.mjs uses dist/)');
  const { parseHcl } = await import(dist);
  const dir = args.dir;
  const files = readdirSync(dir).filter((f) => f.endsWith('.tf')).sort().map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const workers = Number(args.workers ?? 1);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await parseHcl(files, workers);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const errors = out.filter((r) => 'error' in r).length;
  process.stdout.write(
    JSON.stringify({ files: files.length, MB: +(bytes / 1e6).toFixed(2), workers, flags: args.flags ?? '', wallS: +wall.toFixed(2), cpuS: +((cpu.user + cpu.system) / 1e6).toFixed(2), filesPerS: Math.round(files.length / wall), MBperS: +(bytes / 1e6 / wall).toFixed(2), errors, rssMB: Math.round(process.memoryUsage().rss / 1e6) }) + '\n',
  );
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main() {
  const n = Number(args.files ?? 300);
  const runs = Number(args.runs ?? 3);
  const workerList = (args.workers ?? '2').split(',').map(Number);
  const dir = join(here, 'out', `hcl-${n}`);
  generate(dir, n);
  const configs = [
    { workers: 1, flags: [] },
    { workers: 1, flags: ['--liftoff-only'] },
    ...workerList.map((w) => ({ workers: w, flags: [] })),
    ...workerList.map((w) => ({ workers: w, flags: ['--liftoff-only'] })),
  ];
  const rows = [];
  for (const c of configs) {
    const results = [];
    for (let r = 0; r < runs; r++) {
      const p = spawnSync(process.execPath, [...c.flags, fileURLToPath(import.meta.url), '--child', '--dir', dir, '--workers', String(c.workers), '--flags', c.flags.map((f) => f.replace(/^--/, '')).join(' ') || 'none'], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(p.stderr);
      const line = JSON.parse(p.stdout.trim().split('\n').pop());
      console.log(JSON.stringify(line));
      results.push(line);
    }
    rows.push({ ...results[0], wallS: median(results.map((x) => x.wallS)), cpuS: median(results.map((x) => x.cpuS)), filesPerS: median(results.map((x) => x.filesPerS)), MBperS: median(results.map((x) => x.MBperS)), rssMB: median(results.map((x) => x.rssMB)) });
  }
  console.log(`\ncores: ${availableParallelism()}, node ${process.version}, ${n} files, median of ${runs}`);
  console.log('workers | flags          | wall s | cpu s | files/s | MB/s | rss MB');
  for (const r of rows) console.log(`${String(r.workers).padStart(7)} | ${r.flags.padEnd(14)} | ${String(r.wallS).padStart(6)} | ${String(r.cpuS).padStart(5)} | ${String(r.filesPerS).padStart(7)} | ${String(r.MBperS).padStart(4)} | ${r.rssMB}`);
}

if (args.child) await child();
else main();
