/**
 * `sync` on the drifted API platform: the round trip (sync, then drift → no structural drift), idempotence
 * (a second sync is byte-identical), preservation (every comment and untouched line survives), a model
 * that still validates, and --prune.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModel } from '../../src/model/read.js';
import { syncModel, MISSING_TAG } from '../../src/reconcile/sync.js';
import { STRUCTURAL_KINDS } from '../../src/reconcile/types.js';
import { unifiedDiff } from '../../src/reconcile/unified-diff.js';
import { DRIFT_FIXTURE, DRIFT_MODEL, driftOf } from './helpers.js';

const k8s = join(DRIFT_FIXTURE, 'k8s-drifted');
const original = readFileSync(DRIFT_MODEL, 'utf8');

async function syncOnce(text: string, infra = k8s, prune = false) {
  const r = await driftOf(infra, DRIFT_MODEL, text);
  return syncModel(text, r.model, r.scan.graph, r.binding, r.drift, { prune });
}

describe('sync', async () => {
  const first = await syncOnce(original);

  it('applies every structural drift, then drift finds none left', async () => {
    expect(first.changed).toBe(true);
    expect(first.skipped).toEqual([]);
    const after = await driftOf(k8s, DRIFT_MODEL, first.text);
    expect(after.drift.filter((d) => STRUCTURAL_KINDS.has(d.kind))).toEqual([]);
    // What needs a human stays reported.
    expect(after.drift.map((d) => d.kind).sort()).toEqual(['blocked-flow', 'missing-component', 'unverified-flow']);
    // Automatic bindings became explicit tags.
    expect(after.binding.bindings.filter((b) => b.method === 'name')).toEqual([]);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const second = await syncOnce(first.text);
    expect(second.changed).toBe(false);
    expect(second.text).toBe(first.text);
  });

  it('keeps every comment and every line it did not mean to change', () => {
    const before = original.split('\n');
    const after = first.text.split('\n');
    for (const line of before.filter((l) => l.trim().startsWith('#') || l.includes(' # '))) expect(after).toContain(line);
    // Only the planted facts changed: every removed line is one of these.
    const removed = unifiedDiff(original, first.text, 'a', 'b')
      .split('\n')
      .filter((l) => l.startsWith('-') && !l.startsWith('---'))
      .map((l) => l.slice(1).trim());
    expect(new Set(removed)).toEqual(
      new Set(['protocol: https', 'tags: []', 'internet: false', 'type: process', 'technology: web-service-rest', '- notification-service']),
    );
    expect(first.text).toContain('internet: false # internal only'); // auth-service untouched, comment kept
  });

  it('writes a model that reads back without errors, with new assets marked TODO', () => {
    const { model, issues } = readModel({ file: 'threagile.yaml', text: first.text });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const cache = model.technicalAssets.find((a) => a.id === 'session-cache')!;
    expect(cache).toMatchObject({ type: 'datastore', technology: 'database', tags: ['iac:k8s:services/statefulset/session-cache'] });
    expect(first.text).toMatch(/# TODO\(infragile\): found in the infra at services.yaml:67/);
    expect(model.technicalAssets.find((a) => a.id === 'user-service')!.communicationLinks.map((l) => l.targetId)).toEqual(['postgresql-store', 'notification-service', 'session-cache']);
    expect(model.trustBoundaries.find((b) => b.id === 'data-tier')!.technicalAssetsInside).toContain('notification-service');
    expect(model.trustBoundaries.find((b) => b.id === 'internal-network')!.technicalAssetsInside).not.toContain('notification-service');
    expect(model.technicalAssets.find((a) => a.id === 'audit-log-store')!.tags).toEqual([MISSING_TAG]);
    for (const t of model.technicalAssets.flatMap((a) => a.tags)) expect(model.tagsAvailable).toContain(t);
    // Human knowledge survives.
    expect(model.dataAssets.map((d) => d.id)).toEqual(['auth-credentials', 'user-profile-data', 'notification-content']);
    expect(model.technicalAssets.find((a) => a.id === 'legacy-reporting')).toMatchObject({ outOfScope: true });
  });

  it('--prune deletes missing assets and the references to them', async () => {
    const pruned = await syncOnce(original, k8s, true);
    const { model, issues } = readModel({ file: 'threagile.yaml', text: pruned.text });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(model.technicalAssets.map((a) => a.id)).not.toContain('audit-log-store');
    expect(model.trustBoundaries.flatMap((b) => b.technicalAssetsInside)).not.toContain('audit-log-store');
    expect(pruned.text).not.toContain(MISSING_TAG);
  });

  it('leaves a model without drift byte-identical', async () => {
    const seed = join(DRIFT_FIXTURE, '../../api-platform');
    const text = readFileSync(join(seed, 'threagile.yaml'), 'utf8');
    const r = await driftOf(join(seed, 'compose'), join(seed, 'threagile.yaml'));
    const out = syncModel(text, r.model, r.scan.graph, r.binding, r.drift);
    // Only binding tags may be added (names were matched automatically); nothing else moves.
    const added = out.text.split('\n').filter((l) => !text.split('\n').includes(l));
    for (const l of added) expect(l).toMatch(/iac:|^\s*tags: \[/);
  });
});
