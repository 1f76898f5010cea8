import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Sarif from 'sarif';
import { rules } from '../../rules/index.js';
import { buildSarif, FINGERPRINT_KEY, SECURITY_SEVERITY } from '../../src/report/sarif.js';
import { DRIFT_KINDS } from '../../src/reconcile/types.js';
import type { Risk } from '../../src/analyze/types.js';
import { FIXTURES } from '../helpers/scan.js';
import { sarifFor, validateSarif } from './sarif-helpers.js';

const API = join(FIXTURES, 'api-platform');
const DRIFTED = join(FIXTURES, 'drift/api-platform');

/** Every location of every result: the file exists under the root and the line is inside it. */
function expectRealLocations(log: Sarif.Log, rootDir: string): void {
  for (const result of log.runs[0]!.results!) {
    const locations = [...result.locations!, ...(result.relatedLocations ?? [])];
    expect(result.locations).toHaveLength(1);
    for (const l of locations) {
      const uri = l.physicalLocation!.artifactLocation!.uri!;
      expect(l.physicalLocation!.artifactLocation!.uriBaseId).toBe('SCANROOT');
      const text = readFileSync(join(rootDir, decodeURIComponent(uri)), 'utf8');
      const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
      const line = l.physicalLocation!.region!.startLine!;
      expect(line, `${uri}:${line}`).toBeGreaterThanOrEqual(1);
      expect(line, `${uri}:${line}`).toBeLessThanOrEqual(lines);
    }
  }
}

function fingerprints(log: Sarif.Log): string[] {
  return log.runs[0]!.results!.map((r) => `${r.ruleId} ${r.partialFingerprints![FINGERPRINT_KEY]}`).sort();
}

describe('scan --format sarif', () => {
  it('validates with sarif-multitool, one descriptor per rule, real locations', async () => {
    const log = await sarifFor(API, ['k8s'], 'threagile.yaml', 'scan');
    const problems = validateSarif(log).runs[0]!.results ?? [];
    expect(problems.map((p) => `${p.level} ${p.ruleId} ${JSON.stringify(p.message.arguments)}`)).toEqual([]);

    const run = log.runs[0]!;
    expect(log.version).toBe('2.1.0');
    expect(run.automationDetails!.id).toBe('infragile/scan/');
    expect(run.originalUriBaseIds!.SCANROOT!.uri).toMatch(/^file:\/\/\/.*\/fixtures\/api-platform\/$/);
    const descriptors = run.tool.driver.rules!;
    expect(descriptors.map((d) => d.id)).toEqual(rules.map((r) => r.category.id).sort());
    for (const d of descriptors) {
      expect(d.help!.markdown).toBeTruthy();
      expect(Object.values(SECURITY_SEVERITY)).toContain(d.properties!['security-severity']);
      expect(d.properties!.tags).toContain(`stride/${d.properties!.stride}`);
      expect(d.properties!.tags).toContain('security');
    }
    expect(descriptors.find((d) => d.id === 'sql-nosql-injection')!.properties!.tags).toContain('external/cwe/cwe-89');

    const results = run.results!;
    expect(results.length).toBeGreaterThan(10);
    for (const r of results) {
      expect(descriptors[r.ruleIndex!]!.id).toBe(r.ruleId);
      expect(r.partialFingerprints![FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/);
      expect(r.message.text).not.toMatch(/<b>/);
    }
    expect(new Set(fingerprints(log)).size).toBe(results.length);
    expectRealLocations(log, API);
    // Risks on assets that infra backs point at the IaC line, with the model line as related.
    const gateway = results.find((r) => r.properties!.technicalAsset === 'api-gateway')!;
    expect(gateway.locations![0]!.physicalLocation!.artifactLocation!.uri).toMatch(/^k8s\//);
    expect(gateway.relatedLocations!.some((l) => l.physicalLocation!.artifactLocation!.uri === 'threagile.yaml')).toBe(true);
  });

  it('is deterministic, and fingerprints survive line moves', async () => {
    const a = await sarifFor(API, ['k8s'], 'threagile.yaml', 'scan');
    const b = await sarifFor(API, ['k8s'], 'threagile.yaml', 'scan');
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));

    const moved = mkdtempSync(join(tmpdir(), 'infragile-moved-'));
    cpSync(API, moved, { recursive: true });
    const shift = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) shift(p);
        else if (/\.ya?ml$/.test(name)) writeFileSync(p, '# moved\n# down\n# three lines\n' + readFileSync(p, 'utf8'));
      }
    };
    shift(moved);
    const c = await sarifFor(moved, ['k8s'], 'threagile.yaml', 'scan');
    expect(fingerprints(c)).toEqual(fingerprints(a));
    const line = (log: Sarif.Log) => log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine!;
    expect(line(c)).toBe(line(a) + 3);
  });
});

describe('drift --format sarif', () => {
  it('validates, one descriptor per drift kind, results on the IaC or model line', async () => {
    const log = await sarifFor(DRIFTED, ['k8s-drifted'], 'threagile.yaml', 'drift');
    expect(validateSarif(log).runs[0]!.results ?? []).toEqual([]);
    const run = log.runs[0]!;
    expect(run.automationDetails!.id).toBe('infragile/drift/');
    expect(run.tool.driver.rules!.map((d) => d.id)).toEqual(DRIFT_KINDS.map((k) => `drift/${k}`));
    const results = run.results!;
    expect(results.length).toBeGreaterThan(0);
    expectRealLocations(log, DRIFTED);
    for (const r of results) expect(r.properties!.driftFingerprint).toBeTruthy();
    const missing = results.filter((r) => r.ruleId === 'drift/missing-component');
    for (const r of missing) expect(r.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('threagile.yaml');
  });
});

describe('locations', () => {
  const base: Risk = {
    category: 'privileged-container',
    riskStatus: 'mitigated',
    severity: 'high',
    exploitationLikelihood: 'likely',
    exploitationImpact: 'high',
    title: '<b>Privileged</b> at <b>cart</b>',
    syntheticId: 'privileged-container@cart',
    mostRelevantDataAsset: '',
    mostRelevantTechnicalAsset: 'cart',
    mostRelevantTrustBoundary: '',
    mostRelevantSharedRuntime: '',
    mostRelevantCommunicationLink: '',
    dataBreachProbability: 'possible',
    dataBreachTechnicalAssets: [],
  };
  const graph = {
    components: [{ id: 'cart', sources: [{ address: 'k8s:shop/Deployment/cart', location: { file: 'k8s/cart.yaml', line: 4 } }] }],
  } as never;
  const lineCount = (f: string) => ({ 'k8s/cart.yaml': 10, 'k8s/short.yaml': 3 })[f];

  it('never line 0, never past the end, never a missing file; falls back to the component source', () => {
    const risks: Risk[] = [
      { ...base, syntheticId: 'a', evidence: [{ kind: 'k', detail: 'd', location: { file: 'k8s/short.yaml', line: 0 } }] },
      { ...base, syntheticId: 'b', evidence: [{ kind: 'k', detail: 'd', location: { file: 'k8s/short.yaml', line: 99 } }] },
      { ...base, syntheticId: 'c', evidence: [{ kind: 'k', detail: 'd', location: { file: 'gone.yaml', line: 2 } }] },
    ];
    const log = buildSarif({ command: 'scan', toolVersion: '0', risks, graph, lineCount });
    const where = log.runs[0]!.results!.map((r) => `${r.properties!.syntheticId} ${r.locations![0]!.physicalLocation!.artifactLocation!.uri}:${r.locations![0]!.physicalLocation!.region!.startLine}`);
    expect(where.sort()).toEqual(['a k8s/short.yaml:1', 'b k8s/short.yaml:3', 'c k8s/cart.yaml:4']);
    const r = log.runs[0]!.results![0]!;
    expect(r.level).toBe('error');
    expect(r.message).toEqual({ text: 'Privileged at cart', markdown: '**Privileged** at **cart**' });
    expect(r.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'risk tracking status: mitigated' }]);
  });

  it('drops a result with nothing on disk rather than inventing a location', () => {
    const log = buildSarif({ command: 'scan', toolVersion: '0', risks: [{ ...base, mostRelevantTechnicalAsset: 'nowhere' }], lineCount });
    expect(log.runs[0]!.results).toEqual([]);
  });

  it('encodes paths as URI references', () => {
    const risks: Risk[] = [{ ...base, evidence: [{ kind: 'k', detail: 'd', location: { file: 'my dir/a#b.yaml', line: 1 } }] }];
    const log = buildSarif({ command: 'scan', toolVersion: '0', risks, lineCount: () => 5 });
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('my%20dir/a%23b.yaml');
  });
});

describe('suppressions', () => {
  it('inline infragile:ignore → inSource suppression (dismissed, not fixed); tracked risks → external', () => {
    const risk = (id: string, riskStatus: Risk['riskStatus'] = 'unchecked'): Risk => ({
      category: 'privileged-container', riskStatus, severity: 'high', exploitationLikelihood: 'likely', exploitationImpact: 'high', title: id, syntheticId: id,
      mostRelevantDataAsset: '', mostRelevantTechnicalAsset: '', mostRelevantTrustBoundary: '', mostRelevantSharedRuntime: '', mostRelevantCommunicationLink: '',
      dataBreachProbability: 'possible', dataBreachTechnicalAssets: [], evidence: [{ kind: 'k', detail: 'd', location: { file: 'a.yaml', line: 2 } }],
    });
    const log = buildSarif({
      command: 'scan', toolVersion: '0', lineCount: () => 10,
      risks: [risk('open'), risk('accepted', 'accepted')],
      suppressed: [{ risk: risk('ignored'), reason: 'needs host network for the CNI', location: { file: 'a.yaml', line: 1 } }],
    });
    const by = new Map(log.runs[0]!.results!.map((r) => [r.properties!.syntheticId, r.suppressions]));
    expect(by.get('open')).toBeUndefined();
    expect(by.get('accepted')).toEqual([{ kind: 'external', status: 'accepted', justification: 'risk tracking status: accepted' }]);
    expect(by.get('ignored')).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'infragile:ignore at a.yaml:1: needs host network for the CNI' }]);
  });
});
