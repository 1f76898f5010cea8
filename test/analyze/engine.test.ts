import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/analyze/engine.js';
import { ModelIndex } from '../../src/analyze/model-index.js';
import { calculateSeverity } from '../../src/analyze/severity.js';
import { applyRiskTracking } from '../../src/analyze/tracking.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk } from '../../src/analyze/types.js';
import { EXPLOITATION_IMPACTS, EXPLOITATION_LIKELIHOODS } from '../../src/model/enums.js';
import type { RiskTrackingEntry } from '../../src/model/types.js';
import { risksJson, statsJson, technicalAssetsJson } from '../../src/report/threagile-json.js';
import { dataFlowDiagramDot, fnv1a32 } from '../../src/report/threagile-dot.js';
import { runAnalyzeCommand } from '../../src/cli/commands/analyze.js';
import { threagileRules } from '../../rules/index.js';
import { threagileRule } from '../../src/analyze/define.js';
import { asset, boundary, data, link, model, runtime } from '../rules/build.js';

describe('severity', () => {
  it('follows Threagile’s likelihood × impact table', () => {
    const table = EXPLOITATION_LIKELIHOODS.map((l) => EXPLOITATION_IMPACTS.map((i) => calculateSeverity(l, i)));
    expect(table).toEqual([
      ['low', 'medium', 'medium', 'elevated'],
      ['medium', 'elevated', 'elevated', 'elevated'],
      ['medium', 'elevated', 'high', 'high'],
      ['elevated', 'elevated', 'high', 'critical'],
    ]);
  });
});

describe('derived data', () => {
  const m = model({
    data: [data('pii', { confidentiality: 'strictly-confidential', integrity: 'critical', availability: 'important', quantity: 'many' })],
    assets: [
      asset('a', { dataAssetsStored: ['pii'] }),
      asset('b', { communicationLinks: [link('b', 'a', 'Call', { dataAssetsReceived: ['pii'] })] }),
      asset('c'),
      asset('d'),
      asset('x'),
      asset('sandbox-app'),
    ],
    boundaries: [
      boundary('vpc', ['b'], { type: 'network-cloud-provider', trustBoundariesNested: ['subnet'] }),
      boundary('subnet', ['a'], { type: 'network-cloud-security-group', trustBoundariesNested: ['sandbox'] }),
      boundary('sandbox', ['sandbox-app', 'x'], { type: 'execution-environment' }),
    ],
  });
  const index = new ModelIndex(m);

  it('highest C/I/A include processed and stored data; links take what they carry', () => {
    expect(index.highestConfidentiality(index.asset('a')!)).toBe('strictly-confidential');
    expect(index.highestIntegrity(index.asset('a')!)).toBe('critical');
    expect(index.highestConfidentiality(index.asset('b')!)).toBe('internal');
    expect(index.linkHighestAvailability(index.asset('b')!.communicationLinks[0]!)).toBe('important');
    expect(index.boundaryHighest(index.trustBoundary('vpc')!).c).toBe('strictly-confidential');
  });

  it('unbounded assets share the implicit "" network-on-prem boundary', () => {
    expect(index.isSameTrustBoundaryNetworkOnly('c', 'd')).toBe(true);
    expect(index.isSharingSameParentTrustBoundary('c', 'd')).toBe(true);
    expect(index.isSharingSameParentTrustBoundary('c', 'a')).toBe(false);
    // into a boundary from outside: across; between two unbounded assets: not.
    expect(index.isAcrossTrustBoundaryNetworkOnly(link('c', 'a', 'In'))).toBe(true);
    expect(index.isAcrossTrustBoundaryNetworkOnly(link('c', 'd', 'Flat'))).toBe(false);
  });

  it('execution environments count as their parent network (one level)', () => {
    expect(index.networkBoundaryId('x')).toBe('subnet');
    expect(index.isAcrossTrustBoundaryNetworkOnly(link('a', 'x', 'Local'))).toBe(false);
    expect(index.isSameExecutionEnvironment('x', 'sandbox-app')).toBe(true);
    expect(index.isSameExecutionEnvironment('c', 'd')).toBe(false);
    expect(index.isSharingSameParentTrustBoundary('b', 'x')).toBe(true);
  });

  it('RAA is relative to the model’s extremes, with the pivot towards attractive neighbours', () => {
    const raa = Object.fromEntries(m.technicalAssets.map((a) => [a.id, index.raa(a.id)]));
    expect(raa.a).toBe(100);
    expect(raa.c).toBe(1); // the minimum maps to 1, never 0
    // b talks to a: a third of the gap is added before normalising.
    expect(raa.b).toBeGreaterThan(30);
    expect(raa.b).toBeLessThan(100);
  });
});

function risk(id: string): Risk {
  const cat = threagileRules[0]!.category;
  const r = makeRisk(cat, { likelihood: 'likely', impact: 'medium', title: id, idParts: [], dataBreachProbability: 'possible', dataBreachTechnicalAssets: [] });
  return { ...r, syntheticId: id };
}
function entry(key: string, o: Partial<RiskTrackingEntry> = {}): RiskTrackingEntry {
  return { syntheticRiskId: key, status: 'mitigated', justification: '', ticket: '', date: '', checkedBy: '', line: 10, file: 'threagile.yaml', ...o };
}

describe('risk tracking', () => {
  it('exact keys win over patterns; `*` matches one id segment (no `@`)', () => {
    const m = model({});
    m.riskTracking = [entry('ldap-injection@*@ldap@*', { status: 'in-progress' }), entry('ldap-injection@a@ldap@a>x', { status: 'accepted' })];
    const risks = [risk('ldap-injection@a@ldap@a>x'), risk('ldap-injection@b@ldap@b>y'), risk('ldap-injection@b@other@b>y')];
    const issues = applyRiskTracking(m, risks, { today: '2026-01-01' });
    expect(risks.map((r) => r.riskStatus)).toEqual(['accepted', 'in-progress', 'unchecked']);
    expect(issues).toEqual([]);
  });

  it('the first matching pattern in file order wins (Threagile leaves it to map order)', () => {
    const m = model({});
    m.riskTracking = [entry('x@*', { status: 'false-positive' }), entry('x@a*', { status: 'mitigated' })];
    const risks = [risk('x@abc')];
    applyRiskTracking(m, risks, {});
    expect(risks[0]!.riskStatus).toBe('false-positive');
  });

  it('patterns match unanchored, like Go’s Regexp.Match', () => {
    const m = model({});
    m.riskTracking = [entry('*@sql-database')];
    const risks = [risk('something-strange@sql-database'), risk('unencrypted-communication@a>b@a@sql-database')];
    applyRiskTracking(m, risks, {});
    expect(risks.map((r) => r.riskStatus)).toEqual(['mitigated', 'mitigated']);
  });

  it('an expired acceptance counts as unchecked, with a warning', () => {
    const m = model({});
    m.riskTracking = [entry('x@a', { status: 'accepted', expires: '2025-12-31' }), entry('x@b', { status: 'accepted', expires: '2026-06-30' })];
    const risks = [risk('x@a'), risk('x@b')];
    const issues = applyRiskTracking(m, risks, { today: '2026-01-01' });
    expect(risks.map((r) => r.riskStatus)).toEqual(['unchecked', 'accepted']);
    expect(issues).toEqual([{ severity: 'warning', file: 'threagile.yaml', line: 10, message: "risk tracking 'x@a': acceptance expired on 2025-12-31; the risk counts as unchecked again" }]);
  });

  it('orphaned entries are warnings, or errors when asked', () => {
    const m = model({});
    m.riskTracking = [entry('gone@a'), entry('gone@*', { line: 12, file: 'risk-tracking.yaml' })];
    expect(applyRiskTracking(m, [risk('x@a')], {}).map((i) => `${i.file}:${i.line}: ${i.severity}`)).toEqual(['threagile.yaml:10: warning', 'risk-tracking.yaml:12: warning']);
    expect(applyRiskTracking(m, [risk('x@a')], { orphansAreErrors: true }).every((i) => i.severity === 'error')).toBe(true);
  });
});

describe('engine', () => {
  const m = () =>
    model({
      data: [data('pii', { confidentiality: 'confidential' })],
      assets: [asset('api', { technology: 'web-application', dataAssetsProcessed: ['pii'], customDevelopedParts: true, dataFormatsAccepted: ['xml'] })],
    });

  it('adds individual risks with their stated severity and Threagile’s id', () => {
    const mm = m();
    mm.individualRiskCategories = [
      {
        title: 'Manual', id: 'manual', description: '', impact: '', asvs: '', cheatSheet: '', action: '', mitigation: '', check: '', function: 'business-side', stride: 'repudiation',
        detectionLogic: '', riskAssessment: '', falsePositives: '', modelFailurePossibleReason: false, cwe: 693,
        risksIdentified: [
          {
            title: '<b>Manual</b> at <b>API</b>', severity: 'critical', exploitationLikelihood: 'likely', exploitationImpact: 'medium', dataBreachProbability: 'probable',
            dataBreachTechnicalAssets: [], mostRelevantDataAsset: 'pii', mostRelevantTechnicalAsset: 'api', mostRelevantCommunicationLink: '', mostRelevantTrustBoundary: '', mostRelevantSharedRuntime: '',
          },
        ],
      },
    ];
    const result = analyzeModel(mm, { rules: threagileRules });
    const manual = result.risks.find((r) => r.category === 'manual')!;
    expect(manual).toMatchObject({ syntheticId: 'manual@api@pii', severity: 'critical' });
    expect(result.risks[0]).toBe(manual); // the critical category comes first
    expect(JSON.parse(risksJson([manual]))[0].data_breach_technical_assets).toBeNull();
  });

  it('skips rules by id and reports a throwing rule instead of crashing', () => {
    const broken = threagileRule({ ...threagileRules[0]!.category, id: 'broken' }, () => {
      throw new Error('boom');
    });
    const result = analyzeModel(m(), { rules: [...threagileRules, broken], skipRules: ['cross-site-scripting'] });
    expect(result.risks.some((r) => r.category === 'cross-site-scripting')).toBe(false);
    expect(result.issues.map((i) => i.message)).toContain('rule broken failed: boom');
  });

  it('is deterministic whatever the order of the model’s collections', () => {
    const a = m();
    a.technicalAssets.push(asset('zeta'), asset('alpha'));
    const b = m();
    b.technicalAssets = [asset('alpha'), asset('zeta'), ...b.technicalAssets];
    const ra = analyzeModel(a, { rules: threagileRules });
    const rb = analyzeModel(b, { rules: threagileRules });
    expect(risksJson(ra.risks)).toBe(risksJson(rb.risks));
    expect(technicalAssetsJson(ra.index)).toBe(technicalAssetsJson(rb.index));
  });

  it('orders categories by highest open severity, risks by severity then title', () => {
    const result = analyzeModel(m(), { rules: threagileRules });
    const order = result.risks.map((r) => r.severity);
    const rank = { critical: 4, high: 3, elevated: 2, medium: 1, low: 0 } as const;
    // Category blocks start with their highest severity, and blocks are in non-increasing order.
    const firsts = result.risks.filter((r, i) => i === 0 || result.risks[i - 1]!.category !== r.category).map((r) => rank[r.severity]);
    expect([...firsts].sort((x, y) => y - x)).toEqual(firsts);
    expect(order.length).toBeGreaterThan(3);
  });
});

describe('writers', () => {
  it('risks.json escapes like Go and always has the 14 keys', () => {
    const result = analyzeModel(model({ assets: [asset('app', { technology: 'web-application' }), asset('client', { communicationLinks: [link('client', 'app', 'Web & Co')] })] }), { rules: threagileRules });
    const text = risksJson(result.risks);
    expect(text).toContain('\\u003cb\\u003e');
    expect(text).toContain('client\\u003eweb-co');
    expect(text).toContain('\\u0026');
    expect(text).not.toMatch(/[<>]/);
    for (const r of JSON.parse(text)) expect(Object.keys(r)).toHaveLength(14);
  });

  it('stats.json has every severity × status cell, keys sorted', () => {
    const stats = JSON.parse(statsJson([]));
    expect(Object.keys(stats.risks)).toEqual(['critical', 'elevated', 'high', 'low', 'medium']);
    expect(Object.keys(stats.risks.low)).toEqual(['accepted', 'false-positive', 'in-discussion', 'in-progress', 'mitigated', 'unchecked']);
  });

  it('technical-assets.json uses Go field names and v1 integer enums', () => {
    const index = new ModelIndex(model({ assets: [asset('db', { type: 'datastore', technology: 'database', machine: 'container', communicationLinks: [link('db', 'db', 'Self', { protocol: 'jdbc' })] })] }));
    const json = JSON.parse(technicalAssetsJson(index));
    expect(json.db).toMatchObject({ Id: 'db', Type: 2, Technology: 9, Machine: 2, RAA: 1 });
    expect(json.db.CommunicationLinks[0]).toMatchObject({ Protocol: 8, DataAssetsSent: null, DiagramTweakConstraint: true });
  });

  it('the DOT diagram names nodes by FNV-1a hashes and draws boundaries as clusters', () => {
    expect(fnv1a32('apache-webserver')).toBe('828271551');
    const m = model({
      assets: [asset('a'), asset('b', { communicationLinks: [link('b', 'a', 'Call')] })],
      boundaries: [boundary('outer', ['b'], { trustBoundariesNested: ['inner'] }), boundary('inner', ['a'])],
      runtimes: [runtime('host', ['a'])],
    });
    const dot = dataFlowDiagramDot(new ModelIndex(m));
    expect(dot).toContain(`subgraph cluster_${fnv1a32('outer')}`);
    expect(dot.indexOf(`cluster_${fnv1a32('inner')}`)).toBeGreaterThan(dot.indexOf(`cluster_${fnv1a32('outer')}`));
    expect(dot).toContain(`${fnv1a32('b')} -> ${fnv1a32('a')}`);
    expect(dot.trim().endsWith('}')).toBe(true);
  });
});

describe('infragile analyze', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) } };
  };

  it('model errors: file:line on stderr, exit 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infragile-'));
    const file = join(dir, 'threagile.yaml');
    writeFileSync(file, 'title: x\ntechnical_assets:\n  A:\n    id: a\n    type: nonsense\n');
    const t = io();
    expect(await runAnalyzeCommand({ model: file, output: join(dir, 'out') }, t.io)).toBe(2);
    expect(t.err.join('')).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
    expect(t.out).toEqual([]);
  });

  it('writes the four files and merges a risk-tracking.yaml beside the model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infragile-'));
    const file = join(dir, 'threagile.yaml');
    writeFileSync(
      file,
      [
        'threagile_version: 1.0.0',
        'title: Tiny',
        'date: 2026-01-01',
        'author:',
        '  name: Test',
        'business_criticality: important',
        'tags_available: []',
        'data_assets: {}',
        'technical_assets:',
        '  Web App:',
        '    id: web-app',
        '    type: process',
        '    usage: business',
        '    size: service',
        '    technology: web-application',
        '    machine: container',
        '    encryption: none',
        '    confidentiality: internal',
        '    integrity: operational',
        '    availability: operational',
        'trust_boundaries: {}',
        'shared_runtimes: {}',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'risk-tracking.yaml'), 'cross-site-scripting@web-app:\n  status: accepted\n  justification: escaped templates\n');
    const t = io();
    const out = join(dir, 'out');
    expect(await runAnalyzeCommand({ model: file, output: out }, t.io)).toBe(0);
    const risks = JSON.parse(readFileSync(join(out, 'risks.json'), 'utf8')) as Array<{ synthetic_id: string; risk_status: string }>;
    expect(risks.find((r) => r.synthetic_id === 'cross-site-scripting@web-app')?.risk_status).toBe('accepted');
    expect(t.out.join('')).toMatch(/^\d+ risks \(.*\), \d+ still at risk; wrote risks\.json, stats\.json, technical-assets\.json, data-flow-diagram\.dot/);
  });
});
