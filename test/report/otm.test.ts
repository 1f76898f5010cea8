import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOtm, type OtmDocument } from '../../src/report/otm.js';
import { FIXTURES } from '../helpers/scan.js';
import { driftAndRisks } from './sarif-helpers.js';

/**
 * A structural check of OTM 0.2.0 written from the specification's field tables: required fields and
 * their types, parents that are trust zones or components, and every reference resolving.
 */
function otmProblems(doc: OtmDocument): string[] {
  const p: string[] = [];
  const str = (v: unknown, at: string) => typeof v === 'string' || p.push(`${at}: expected a string`);
  const num = (v: unknown, at: string, lo = 0, hi = 100) => (typeof v === 'number' && v >= lo && v <= hi) || p.push(`${at}: expected a number in ${lo}..${hi}`);
  const strings = (v: unknown, at: string) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string')) || p.push(`${at}: expected strings`);
  const attrs = (v: unknown, at: string) =>
    v === undefined || (typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string')) || p.push(`${at}: attributes must map strings to strings`);
  str(doc.otmVersion, 'otmVersion');
  str(doc.project?.name, 'project.name');
  str(doc.project?.id, 'project.id');
  const zones = new Set(doc.trustZones.map((z) => z.id));
  const comps = new Set(doc.components.map((c) => c.id));
  const assets = new Set(doc.assets.map((a) => a.id));
  const threats = new Set(doc.threats.map((t) => t.id));
  const mitigations = new Set(doc.mitigations.map((m) => m.id));
  const reps = new Set(doc.representations.map((r) => r.id));
  const unique = (ids: string[], what: string) => ids.length === new Set(ids).size || p.push(`${what}: duplicate ids`);
  unique([...zones, ...comps].length === zones.size + comps.size ? [] : ['x', 'x'], 'zones+components');
  unique(doc.threats.map((t) => t.id), 'threats');
  unique(doc.dataflows.map((d) => d.id), 'dataflows');
  const parent = (v: { trustZone?: string; component?: string } | undefined, at: string, required: boolean) => {
    if (!v) return required ? p.push(`${at}: parent is required`) : 0;
    const keys = Object.keys(v);
    if (keys.length !== 1) return p.push(`${at}: parent must name exactly one trustZone or component`);
    if (v.trustZone !== undefined && !zones.has(v.trustZone)) p.push(`${at}: unknown trust zone ${v.trustZone}`);
    if (v.component !== undefined && !comps.has(v.component)) p.push(`${at}: unknown component ${v.component}`);
    return 0;
  };
  const instances = (list: OtmDocument['components'][number]['threats'], at: string) => {
    for (const t of list ?? []) {
      if (!threats.has(t.threat)) p.push(`${at}: unknown threat ${t.threat}`);
      str(t.state, `${at}.state`);
      for (const m of t.mitigations ?? []) if (!mitigations.has(m.mitigation)) p.push(`${at}: unknown mitigation ${m.mitigation}`);
    }
  };
  for (const r of doc.representations) ['name', 'id', 'type'].forEach((k) => str((r as Record<string, unknown>)[k], `representation.${k}`));
  for (const a of doc.assets) {
    str(a.id, 'asset.id');
    str(a.name, 'asset.name');
    num(a.risk.confidentiality, `asset ${a.id} confidentiality`);
    num(a.risk.integrity, `asset ${a.id} integrity`);
    num(a.risk.availability, `asset ${a.id} availability`);
    attrs(a.attributes, `asset ${a.id}`);
  }
  for (const z of doc.trustZones) {
    str(z.id, 'trustZone.id');
    str(z.name, 'trustZone.name');
    num(z.risk.trustRating, `trustZone ${z.id} trustRating`);
    parent(z.parent, `trustZone ${z.id}`, false);
    attrs(z.attributes, `trustZone ${z.id}`);
  }
  for (const c of doc.components) {
    ['id', 'name', 'type'].forEach((k) => str((c as Record<string, unknown>)[k], `component.${k}`));
    parent(c.parent, `component ${c.id}`, true);
    for (const r of c.representations ?? []) {
      if (!reps.has(r.representation)) p.push(`component ${c.id}: unknown representation ${r.representation}`);
      str(r.id, `component ${c.id} representation id`);
      if (r.line !== undefined) num(r.line, `component ${c.id} line`, 1, Number.MAX_SAFE_INTEGER);
    }
    for (const a of [...(c.assets?.processed ?? []), ...(c.assets?.stored ?? [])]) if (!assets.has(a)) p.push(`component ${c.id}: unknown asset ${a}`);
    instances(c.threats, `component ${c.id}`);
    strings(c.tags, `component ${c.id} tags`);
    attrs(c.attributes, `component ${c.id}`);
  }
  for (const d of doc.dataflows) {
    ['id', 'name', 'source', 'destination'].forEach((k) => str((d as Record<string, unknown>)[k], `dataflow.${k}`));
    if (!comps.has(d.source)) p.push(`dataflow ${d.id}: unknown source ${d.source}`);
    if (!comps.has(d.destination)) p.push(`dataflow ${d.id}: unknown destination ${d.destination}`);
    instances(d.threats, `dataflow ${d.id}`);
    attrs(d.attributes, `dataflow ${d.id}`);
  }
  for (const t of doc.threats) {
    str(t.id, 'threat.id');
    str(t.name, 'threat.name');
    num(t.risk.likelihood, `threat ${t.id} likelihood`);
    num(t.risk.impact, `threat ${t.id} impact`);
    strings(t.categories, `threat ${t.id} categories`);
    strings(t.cwes, `threat ${t.id} cwes`);
    attrs(t.attributes, `threat ${t.id}`);
  }
  for (const m of doc.mitigations) {
    str(m.id, 'mitigation.id');
    str(m.name, 'mitigation.name');
    num(m.riskReduction, `mitigation ${m.id} riskReduction`);
  }
  return p;
}

describe('OTM export', () => {
  it('the API platform: zones, components with file:line, flows, threats attached, all references resolve', async () => {
    const { run, analysis } = await driftAndRisks(join(FIXTURES, 'api-platform'), ['k8s'], 'threagile.yaml');
    const doc = buildOtm({
      graph: run.scan.graph,
      projectName: 'API Platform',
      toolVersion: '0.1.0',
      risks: analysis.risks,
      categories: analysis.categories,
      model: run.result.effective.model,
      assetComponents: run.result.binding.componentsOf,
    });
    expect(otmProblems(doc)).toEqual([]);
    expect(doc.otmVersion).toBe('0.2.0');
    expect(doc.project.id).toBe('api-platform');
    expect(doc.components.length).toBe(run.scan.graph.components.length);
    expect(doc.dataflows.length).toBe(run.scan.graph.flows.length);
    expect(doc.threats.length).toBe(analysis.risks.length);
    const withSources = doc.components.filter((x) => x.representations?.length);
    expect(withSources.length).toBeGreaterThan(3);
    for (const c of withSources) expect(c.representations![0]!.file).toMatch(/^k8s\/.+\.yaml$/);
    const attached = [...doc.components, ...doc.dataflows].flatMap((e) => e.threats ?? []);
    expect(attached.length).toBeGreaterThan(0);
    const injection = doc.threats.find((t) => t.cwes.includes('CWE-89'));
    if (injection) expect(injection.categories).toEqual(['Tampering']);
    // Deterministic.
    expect(JSON.stringify(buildOtm({ graph: run.scan.graph, projectName: 'API Platform', toolVersion: '0.1.0' }))).toBe(
      JSON.stringify(buildOtm({ graph: run.scan.graph, projectName: 'API Platform', toolVersion: '0.1.0' })),
    );
  });

  it('a graph alone: unzoned components and the internet get zones of their own', () => {
    const graph = {
      components: [
        { id: 'internet', title: 'Internet', type: 'external-entity', technology: 'unknown-technology', machine: 'virtual', internet: true, encryption: 'none', sources: [], attributes: {}, evidence: [] },
        { id: 'web', title: 'web', type: 'process', technology: 'web-server', machine: 'container', internet: true, encryption: 'none', sources: [{ address: 'compose:web', location: { file: 'docker-compose.yml', line: 3 } }], attributes: { image: 'nginx', ports: ['80'] }, evidence: [] },
      ],
      flows: [{ id: 'internet>web', source: 'internet', target: 'web', protocol: 'http', port: 80, authentication: 'none', encrypted: false, confidence: 'declared', evidence: [{ kind: 'compose-port', detail: 'ports 80:80', location: { file: 'docker-compose.yml', line: 5 } }] }],
      boundaries: [],
      dataAssets: [],
    } as never;
    const doc = buildOtm({ graph, projectName: 'shop', toolVersion: '0' });
    expect(otmProblems(doc)).toEqual([]);
    expect(doc.trustZones.map((z) => z.id)).toEqual(['internet', 'unzoned']);
    expect(doc.components.find((c) => c.id === 'web')!.attributes).toEqual({ encryption: 'none', image: 'nginx', ports: '80', technology: 'web-server' });
  });
});
