/** The worker pool gives byte-identical results to the single-threaded path, and survives bad files. */
import { afterEach, describe, expect, it } from 'vitest';
import { parseHcl, workerCount } from '../../adapters/terraform/hcl/hcl2json.js';
import { HclWorkerPool } from '../../adapters/terraform/hcl/pool.js';
import { hcl2jsonPath } from '../../adapters/terraform/hcl/hcl2json.js';
import { scanDir } from '../helpers/scan.js';

const saved = process.env['INFRAGILE_WORKERS'];
afterEach(() => {
  if (saved === undefined) delete process.env['INFRAGILE_WORKERS'];
  else process.env['INFRAGILE_WORKERS'] = saved;
});

function files(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    path: `gen/f${String(i).padStart(3, '0')}.tf`,
    text:
      i % 7 === 3
        ? `resource "aws_instance" "broken${i}" {\n  ami = \n}\n`
        : `resource "aws_security_group" "sg${i}" {\n  name = "sg-${i}"\n  ingress {\n    from_port = ${i}\n    cidr_blocks = ["10.0.${i % 255}.0/24"]\n  }\n}\n`,
  }));
}

describe('HCL worker pool', () => {
  it('parses the same files to the same JSON as the single-threaded path', async () => {
    const input = files(40);
    const single = await parseHcl(input, 1);
    const pooled = await parseHcl(input, 3);
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(single));
    expect(single.filter((r) => 'error' in r)).toHaveLength(6);
  });

  it('a whole scan is byte-identical with INFRAGILE_WORKERS=1 and with 3 workers', async () => {
    process.env['INFRAGILE_WORKERS'] = '1';
    const one = await scanDir('terraform-features/shop');
    process.env['INFRAGILE_WORKERS'] = '3';
    const three = await scanDir('terraform-features/shop');
    expect(JSON.stringify(three.resources)).toBe(JSON.stringify(one.resources));
    expect(JSON.stringify(three.graph)).toBe(JSON.stringify(one.graph));
  });

  it('replaces a worker that dies and reports only the file that killed it', async () => {
    // A worker whose hcl2json path does not exist dies on start: every file must still get an answer.
    const pool = new HclWorkerPool(2, '/nonexistent/hcl2json.js');
    try {
      const out = await pool.parseAll(files(3));
      expect(out.map((r) => r.path).sort()).toEqual(['gen/f000.tf', 'gen/f001.tf', 'gen/f002.tf']);
      expect(out.every((r) => 'error' in r && /HCL parser failed/.test(r.error.message))).toBe(true);
    } finally {
      await pool.close();
    }
    expect(hcl2jsonPath()).toMatch(/hcl2json/);
  });

  it('sizes the pool: forced by INFRAGILE_WORKERS, else by input size', () => {
    process.env['INFRAGILE_WORKERS'] = '1';
    expect(workerCount(files(500), 4, 8)).toBe(1);
    delete process.env['INFRAGILE_WORKERS'];
    expect(workerCount(files(5), 0, 8)).toBe(1);
    expect(workerCount(files(500).map((f) => ({ ...f, text: f.text.repeat(20) })), 0, 8)).toBeGreaterThan(1);
    expect(workerCount(files(5), 3, 8)).toBe(3);
  });
});
