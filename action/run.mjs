#!/usr/bin/env node
/**
 * The GitHub Action's driver (action.yml calls it with the inputs in INFRAGILE_* variables):
 *
 * 1. `infragile scan PATHS --format sarif -o SARIF_FILE [--fail-on X] [--config F] --summary`
 * 2. with a model: `infragile drift PATHS --model M --format sarif` (beside the scan SARIF) and
 *    `--format markdown` for the PR comment, against the PR's base branch when there is one;
 * 3. the sticky PR comment (comment.mjs) and the job summary;
 * 4. the gate: the scan's exit code, except that `warn-only` turns "findings" (1) into a warning.
 *    Usage errors (2: bad config, unreadable model) always fail: a gate that cannot run is not green.
 *
 * Plain Node 20 ESM, no dependencies; every external effect goes through `deps` so tests can fake it.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main as commentMain } from './comment.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const FAIL_ON = ['low', 'medium', 'elevated', 'high', 'critical', 'none'];

/** The inputs as action.yml passes them. Empty strings mean "not set". */
export function readInputs(env) {
  const bool = (v, dflt) => (v === undefined || v === '' ? dflt : /^(true|yes|1|on)$/i.test(v.trim()));
  const paths = (env.INFRAGILE_PATHS ?? '').split(/[\s]+/).filter(Boolean);
  const failOn = (env.INFRAGILE_FAIL_ON ?? '').trim().toLowerCase();
  if (failOn && !FAIL_ON.includes(failOn)) throw new Error(`fail-on: expected one of ${FAIL_ON.join(', ')}, got '${failOn}'`);
  return {
    paths: paths.length ? paths : ['.'],
    model: (env.INFRAGILE_MODEL ?? '').trim(),
    config: (env.INFRAGILE_CONFIG ?? '').trim(),
    failOn,
    warnOnly: bool(env.INFRAGILE_WARN_ONLY, false),
    baseRef: (env.INFRAGILE_BASE_REF ?? '').trim() || (env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}` : ''),
    sarifFile: (env.INFRAGILE_SARIF_FILE ?? '').trim() || 'infragile.sarif',
    comment: bool(env.INFRAGILE_COMMENT, true),
  };
}

/** How to run the CLI: INFRAGILE_CLI (a JSON array), else the action's own checkout. */
export function cliCommand(env) {
  if (env.INFRAGILE_CLI) return JSON.parse(env.INFRAGILE_CLI);
  return [process.execPath, join(env.GITHUB_ACTION_PATH || resolve(HERE, '..'), 'bin/infragile.js')];
}

function defaultDeps(env) {
  return {
    run(argv) {
      const [cmd, ...args] = argv;
      const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', env: { ...env, CI: 'true' } });
      if (r.stderr) process.stderr.write(r.stderr);
      return { code: r.status ?? 2, stderr: r.stderr ?? '' };
    },
    git(args) {
      return spawnSync('git', args, { stdio: 'pipe', encoding: 'utf8' }).status ?? 1;
    },
    comment: (bodyFile) => commentMain([bodyFile], env),
    log: (m) => console.log(m),
  };
}

/** Makes the base ref available in a shallow checkout (actions/checkout fetches one commit by default). */
function ensureBase(ref, deps) {
  if (deps.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]) === 0) return true;
  const m = /^origin\/(.+)$/.exec(ref);
  if (m) deps.git(['fetch', '--no-tags', '--depth=50', 'origin', `+refs/heads/${m[1]}:refs/remotes/origin/${m[1]}`]);
  return deps.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]) === 0;
}

export async function run(env = process.env, deps = defaultDeps(env)) {
  let inputs;
  try {
    inputs = readInputs(env);
  } catch (e) {
    deps.log(`::error::infragile: ${e.message}`);
    return 2;
  }
  const cli = cliCommand(env);
  const common = [...inputs.paths, ...(inputs.config ? ['--config', inputs.config] : [])];
  mkdirSync(dirname(resolve(inputs.sarifFile)), { recursive: true });

  const scanArgs = ['scan', ...common, '--format', 'sarif', '-o', inputs.sarifFile, '--summary'];
  if (inputs.failOn && inputs.failOn !== 'none') scanArgs.push('--fail-on', inputs.failOn);
  const scan = deps.run([...cli, ...scanArgs]);
  const outputs = { 'sarif-file': inputs.sarifFile, 'exit-code': String(scan.code) };
  const summaryLine = scan.stderr.split('\n').reverse().find((l) => l.startsWith('infragile: ')) ?? '';
  if (summaryLine) outputs.summary = summaryLine;

  let driftMarkdown;
  if (inputs.model) {
    const base = inputs.baseRef && ensureBase(inputs.baseRef, deps) ? ['--base', inputs.baseRef] : [];
    if (inputs.baseRef && !base.length) deps.log(`::warning::infragile: the base ref ${inputs.baseRef} is not available (use actions/checkout with fetch-depth: 0); reporting drift without the PR delta`);
    const driftSarif = inputs.sarifFile.replace(/(\.sarif)?$/, '-drift.sarif');
    const d1 = deps.run([...cli, 'drift', ...common, '--model', inputs.model, ...base, '--format', 'sarif', '-o', driftSarif]);
    if (d1.code !== 2) outputs['drift-sarif-file'] = driftSarif;
    driftMarkdown = join(dirname(resolve(inputs.sarifFile)), 'infragile-drift.md');
    const d2 = deps.run([...cli, 'drift', ...common, '--model', inputs.model, ...base, '--format', 'markdown', '-o', driftMarkdown]);
    if (d2.code === 2) {
      deps.log('::error::infragile: drift could not run (see the message above)');
      driftMarkdown = undefined;
      if (scan.code !== 2) outputs['exit-code'] = '2';
    } else if (inputs.comment) await deps.comment(driftMarkdown);
  }

  if (env.GITHUB_OUTPUT) for (const [k, v] of Object.entries(outputs)) appendFileSync(env.GITHUB_OUTPUT, `${k}=${v.replace(/\n/g, ' ')}\n`);
  if (env.GITHUB_STEP_SUMMARY) {
    const parts = [`### infragile\n\n${summaryLine ? `\`${summaryLine}\`\n` : ''}`];
    if (driftMarkdown && existsSync(driftMarkdown)) parts.push(readFileSync(driftMarkdown, 'utf8'));
    appendFileSync(env.GITHUB_STEP_SUMMARY, parts.join('\n') + '\n');
  }

  const code = Number(outputs['exit-code']);
  if (code === 1 && inputs.warnOnly) {
    deps.log('::warning::infragile: findings at or above fail-on; warn-only is set, so the build passes');
    return 0;
  }
  if (code === 1) deps.log(`::error::infragile: findings at or above ${inputs.failOn || 'the configured fail-on'} (set warn-only: true while the team gets used to the output)`);
  return code;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await run();
}
