import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/model/issues.js';
import { readModel } from '../../src/model/read.js';
import type { ThreagileModel } from '../../src/model/types.js';
import { sanitizeTitle } from '../../src/model/defaults.js';
import { writeModel } from '../../src/model/write.js';
import { PROJECT_ROOT } from '../helpers/scan.js';

const FIXTURE = join(PROJECT_ROOT, 'fixtures/api-platform/threagile.yaml');

/** The model without source positions (they differ between the hand-written and the written file). */
function facts(model: ThreagileModel): unknown {
  return JSON.parse(JSON.stringify(model, (k, v) => (k === 'line' || k === 'fields' || k === 'file' ? undefined : v)));
}

describe('writeModel', () => {
  const original = readModel({ file: 'threagile.yaml', text: readFileSync(FIXTURE, 'utf8') }).model;
  const text = writeModel(original);

  it('round-trips: write → read gives the same model', () => {
    const back = readModel({ file: 'threagile.yaml', text });
    expect(back.issues.map(formatIssue)).toEqual([]);
    expect(facts(back.model)).toEqual(facts(original));
  });

  it('is deterministic: the same model gives byte-identical text, also after a round trip', () => {
    expect(writeModel(original)).toBe(text);
    expect(writeModel(readModel({ file: 'threagile.yaml', text }).model)).toBe(text);
  });

  it('writes every required field explicitly in v1 spellings', () => {
    const master = readModel({
      file: 'm.yaml',
      text: text.replace('authorization: enduser-identity-propagation', 'authorization: end-user-identity-propagation'),
    }).model;
    const out = writeModel(master);
    expect(out).toContain('authorization: enduser-identity-propagation');
    expect(out).not.toContain('end-user-');
    for (const key of ['threagile_version:', 'business_criticality:', 'tags_available:', 'data_assets:', 'technical_assets:', 'shared_runtimes:']) {
      expect(out).toMatch(new RegExp(`^${key}`, 'm'));
    }
    expect(out.match(/^ {4}machine: /gm)).toHaveLength(original.technicalAssets.length);
  });

  it('declares every used tag and keeps the title Excel-safe', () => {
    const m = structuredClone(original);
    m.tagsAvailable = [];
    m.title = 'A title that is much too long: and has / forbidden [chars]';
    m.technicalAssets[0]!.tags = ['Zeta', 'alpha'];
    const back = readModel({ file: 'm.yaml', text: writeModel(m) });
    expect(back.issues.map(formatIssue)).toEqual([]);
    expect(back.model.tagsAvailable).toEqual(['alpha', 'postgresql', 'sendgrid', 'twilio', 'zeta']);
    expect(back.model.title).toBe(sanitizeTitle(m.title));
    expect(back.model.title.length).toBeLessThanOrEqual(31);
  });

  it('attaches comments above entities and fields', () => {
    const out = writeModel(original, {
      comments: {
        header: 'Generated for a test.',
        entities: { 'technical_assets/auth-service': 'The identity provider.' },
        fields: { 'technical_assets/auth-service': { confidentiality: 'TODO: review' }, model: { title: 'Short title' } },
      },
    });
    expect(out.startsWith('# Generated for a test.\n')).toBe(true);
    expect(out).toMatch(/# The identity provider\.\n {2}Auth Service:\n/);
    expect(out).toMatch(/ {4}# TODO: review\n {4}confidentiality: strictly-confidential\n/);
    expect(out).toMatch(/# Short title\ntitle: /);
    expect(facts(readModel({ file: 'm.yaml', text: out }).model)).toEqual(facts(original));
  });

  it('writes only the tracking entries that came from the model file itself', () => {
    const m = structuredClone(original);
    m.file = 'threagile.yaml';
    m.riskTracking = [
      { syntheticRiskId: 'a@b', status: 'accepted', justification: 'j', ticket: '', date: '2024-01-01', checkedBy: '', expires: '2025-01-01', file: 'threagile.yaml' },
      { syntheticRiskId: 'c@d', status: 'mitigated', justification: '', ticket: '', date: '', checkedBy: '', file: 'risk-tracking.yaml' },
    ];
    const back = readModel({ file: 'threagile.yaml', text: writeModel(m) }).model;
    expect(back.riskTracking.map((t) => [t.syntheticRiskId, t.expires])).toEqual([['a@b', '2025-01-01']]);
  });
});
