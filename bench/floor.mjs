#!/usr/bin/env node
/**
 * The parse-only floor: read the same files a scan reads and run them through the same parsers
 * (js-yaml 4 through src/util/yaml.ts with the schema the adapter would use, JSON.parse, hcl2json
 * with the same worker count), and nothing else. What a scan costs above this is ours to remove.
 *
 *   node bench/floor.mjs <dir>      (prints one JSON line; needs dist/, i.e. `npm run build`)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const t0 = performance.now();
const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist');
const { loadYamlDocuments, IAC_SCHEMA } = await import(join(dist, 'src/util/yaml.js'));
const { CFN_SCHEMA } = await import(join(dist, 'adapters/cloudformation/schema.js'));
const { parseHcl, workerCount } = await import(join(dist, 'adapters/terraform/hcl/hcl2json.js'));
const loadedAt = performance.now();

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: node bench/floor.mjs <dir>\n');
  process.exit(2);
}

/** Same skips as discover's defaults that matter here: VCS and dependency folders. */
const SKIP = new Set(['.git', 'node_modules', '.terraform']);
function walk(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (SKIP.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const ms = { read: 0, yaml: 0, json: 0, hcl: 0 };
const bytes = { yaml: 0, json: 0, hcl: 0 };
let t = performance.now();
const files = walk(root, []).map((p) => ({ path: relative(root, p), text: readFileSync(p, 'utf8') }));
ms.read = performance.now() - t;

const hcl = [];
let docs = 0;
for (const f of files) {
  if (/\.ya?ml$/i.test(f.path)) {
    t = performance.now();
    const schema = /^(AWSTemplateFormatVersion|Resources)\s*:/m.test(f.text) ? CFN_SCHEMA : IAC_SCHEMA;
    docs += loadYamlDocuments(f.text, { schema }).length;
    ms.yaml += performance.now() - t;
    bytes.yaml += f.text.length;
  } else if (/\.json$/i.test(f.path)) {
    t = performance.now();
    try {
      JSON.parse(f.text);
    } catch {
      /* not our concern here */
    }
    ms.json += performance.now() - t;
    bytes.json += f.text.length;
  } else if (/\.(tf|tfvars)$/i.test(f.path)) {
    hcl.push(f);
    bytes.hcl += f.text.length;
  }
}
t = performance.now();
await parseHcl(hcl, workerCount(hcl, undefined, availableParallelism()));
ms.hcl = performance.now() - t;

const ru = process.resourceUsage();
const round = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v)]));
process.stdout.write(
  JSON.stringify({
    files: files.length,
    yamlDocs: docs,
    hclFiles: hcl.length,
    bytes: round(bytes),
    ms: round(ms),
    moduleLoadMs: Math.round(loadedAt - t0),
    totalMs: Math.round(performance.now()),
    cpuMs: Math.round((ru.userCPUTime + ru.systemCPUTime) / 1000),
    maxRssKb: ru.maxRSS,
  }) + '\n',
);
