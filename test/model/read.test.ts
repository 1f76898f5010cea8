import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/model/issues.js';
import { readModel, readModelFile, readRiskTracking } from '../../src/model/read.js';
import { PROJECT_ROOT } from '../helpers/scan.js';
import { readFileSync } from 'node:fs';

const FIXTURE = join(PROJECT_ROOT, 'fixtures/api-platform/threagile.yaml');

/** 1-based line of the first line of `text` that matches `re`. */
function lineOf(text: string, re: RegExp): number {
  const i = text.split('\n').findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no line matches ${re}`);
  return i + 1;
}

const MINIMAL = `threagile_version: 1.0.0
title: Mini
date: 2024-01-02
author:
  name: A
business_criticality: important
tags_available: [web]
data_assets:
  Data:
    id: data
    usage: business
    quantity: few
    confidentiality: internal
    integrity: operational
    availability: operational
technical_assets:
  Web:
    id: web
    type: process
    usage: business
    size: service
    technology: web-server
    machine: container
    encryption: none
    confidentiality: internal
    integrity: operational
    availability: operational
    tags: [Web]
    communication_links:
      DB Traffic:
        target: db
        protocol: jdbc
        authentication: credentials
        authorization: technical-user
        usage: business
  DB:
    id: db
    type: datastore
    usage: business
    size: service
    technology: database
    machine: container
    encryption: none
    confidentiality: internal
    integrity: operational
    availability: operational
trust_boundaries: {}
shared_runtimes: {}
`;

describe('readModel: the API platform fixture', () => {
  const { model, issues } = readModelFile(FIXTURE);
  const text = readFileSync(FIXTURE, 'utf8');

  it('loads without issues', () => {
    expect(issues.map(formatIssue)).toEqual([]);
    expect(model.title).toBe('API Platform Threat Model');
    expect(model.technicalAssets.map((a) => a.id)).toEqual([
      'api-gateway', 'auth-service', 'user-service', 'notification-service', 'postgresql-store', 'third-party-provider',
    ]);
    expect(model.dataAssets.map((d) => d.id)).toEqual(['auth-credentials', 'user-profile-data', 'notification-content']);
    expect(model.trustBoundaries.map((b) => b.id)).toEqual(['external-network', 'internal-network', 'data-tier']);
  });

  it('records the line of every entity and field', () => {
    const gw = model.technicalAssets.find((a) => a.id === 'api-gateway')!;
    expect(gw.line).toBe(lineOf(text, /^  API Gateway:/));
    expect(gw.fields!.internet).toBe(lineOf(text, /internet: true # faces the outside world/));
    const link = gw.communicationLinks.find((l) => l.title === 'User Service Link')!;
    expect(link.id).toBe('api-gateway>user-service-link');
    expect(link.line).toBe(lineOf(text, /^      User Service Link:/));
    expect(link.authorization).toBe('enduser-identity-propagation');
    expect(model.fields!.title).toBe(lineOf(text, /^title:/));
    const tier = model.trustBoundaries.find((b) => b.id === 'data-tier')!;
    expect(tier.line).toBe(lineOf(text, /^  Data Tier:/));
    expect(tier.technicalAssetsInside).toEqual(['postgresql-store']);
  });
});

describe('readModel: spellings, defaults and merge keys', () => {
  it('maps master spellings onto v1 and warns about what v1 ignores', () => {
    const text = MINIMAL.replace('    technology: web-server\n', '    technologies:\n      - web-server\n      - reverse-proxy\n')
      .replace('    encryption: none\n    confidentiality: internal\n    integrity: operational\n    availability: operational\n    tags: [Web]',
        '    encryption: data-with-end-user-individual-key\n    confidentiality: internal\n    integrity: operational\n    availability: operational\n    tags: [Web]')
      .replace('authorization: technical-user', 'authorization: end-user-identity-propagation')
      + 'includes:\n  - other.yaml\ncustom_risk_categories:\n  - id: my-risk\n    title: My Risk\n    function: architecture\n    stride: spoofing\n    risks_identified:\n      My risk at web:\n        severity: high\n        most_relevant_technical_asset: web\n';
    const { model, issues } = readModel({ file: 'threagile.yaml', text });
    const web = model.technicalAssets[0]!;
    expect(web.technology).toBe('web-server');
    expect(web.encryption).toBe('data-with-enduser-individual-key');
    expect(web.communicationLinks[0]!.authorization).toBe('enduser-identity-propagation');
    expect(web.tags).toEqual(['web']); // lower-cased like Threagile
    expect(model.individualRiskCategories).toHaveLength(1);
    expect(model.individualRiskCategories[0]!.title).toBe('My Risk');
    expect(model.individualRiskCategories[0]!.risksIdentified[0]!.exploitationLikelihood).toBe('likely');
    const msgs = issues.map(formatIssue);
    expect(msgs.filter((m) => !m.includes('warning'))).toEqual([]);
    expect(msgs.some((m) => /threagile\.yaml:\d+: warning: 'includes' is ignored/.test(m))).toBe(true);
    expect(msgs.some((m) => /using 'web-server', ignoring 'reverse-proxy'/.test(m))).toBe(true);
  });

  it('applies Threagile defaults: description = title, weights, separators', () => {
    const { model } = readModel({ file: 'm.yaml', text: MINIMAL });
    expect(model.dataAssets[0]!.description).toBe('Data');
    const link = model.technicalAssets[0]!.communicationLinks[0]!;
    expect(link.description).toBe('DB Traffic');
    expect(link.id).toBe('web>db-traffic');
    expect(link.diagramTweakWeight).toBe(1);
    expect(model.diagramTweaks.nodesep).toBe(2);
    expect(model.date).toBe('2024-01-02'); // stays a string (YAML 1.2 core schema)
  });

  it('applies merge keys like the demo model; inherited fields point at the << line', () => {
    const text = `title: M
data_assets:
  Base: &base
    id: base
    usage: business
    quantity: many
    confidentiality: confidential
    integrity: critical
    availability: operational
  Derived:
    <<: *base
    id: derived
    availability: critical
`;
    const { model } = readModel({ file: 'm.yaml', text }, { validate: false });
    const d = model.dataAssets[1]!;
    expect(d).toMatchObject({ id: 'derived', usage: 'business', confidentiality: 'confidential', availability: 'critical' });
    expect(d.fields!.usage).toBe(11);
    expect(d.fields!.id).toBe(12);
    expect(d.fields!.availability).toBe(13);
  });

  it('takes numbers and booleans in string fields as written (like yaml.v3)', () => {
    const { model } = readModel({ file: 'm.yaml', text: 'title: 2024\ndata_assets:\n  Numbers:\n    id: 123\n    owner: true\n    origin: 1.50\n' }, { validate: false });
    expect(model.title).toBe('2024');
    expect(model.dataAssets[0]).toMatchObject({ id: '123', owner: 'true', origin: '1.50' });
  });

  it('accepts master-style bare lists and maps with nulls', () => {
    const { model, issues } = readModel({ file: 'm.yaml', text: 'title: X\nquestions:\n  Is it?:\nbusiness_overview:\n  description: d\n  images:\n' }, { validate: false });
    expect(issues).toEqual([]);
    expect(model.questions).toEqual({ 'Is it?': '' });
    expect(model.businessOverview.images).toEqual([]);
  });
});

describe('readModel never throws', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['syntax error', 'title: a\ndata_assets:\n  X: [unclosed\n', /m\.yaml:\d+: YAML syntax/],
    ['duplicate key', 'title: a\ntitle: b\n', /m\.yaml:2: the model: duplicate key 'title' \(already defined at line 1\)/],
    ['top level list', '- a\n- b\n', /m\.yaml:1: the model must be a mapping/],
    ['wrong types', 'title: a\ntechnical_assets:\n  W:\n    id: w\n    internet: maybe\n    tags: web\n    diagram_tweak_order: x\n', /m\.yaml:5: technical asset 'W': 'internet' must be true or false/],
    ['asset not a map', 'title: a\ntechnical_assets:\n  W: 3\n', /m\.yaml:3: technical asset 'W' must be a mapping/],
    ['binary', '\u0000\u0001\u0002PNG', /m\.yaml:1:/],
  ];
  for (const [name, text, re] of cases) {
    it(name, () => {
      const { issues } = readModel({ file: 'm.yaml', text });
      expect(issues.map(formatIssue).some((m) => re.test(m)), issues.map(formatIssue).join('\n')).toBe(true);
    });
  }

  it('empty input gives an empty model with warnings, not an exception', () => {
    const { model, issues } = readModel({ file: 'm.yaml', text: '' });
    expect(model.technicalAssets).toEqual([]);
    expect(issues.some((i) => i.severity === 'warning')).toBe(true);
  });

  it('stops an alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    bomb.push('tags_available: *i');
    const { issues } = readModel({ file: 'm.yaml', text: bomb.join('\n') + '\n' }, { validate: false });
    expect(issues.length).toBeGreaterThan(0);
  });

  it('unreadable file is an issue', () => {
    const { issues } = readModelFile('/nonexistent/threagile.yaml');
    expect(formatIssue(issues[0]!)).toMatch(/threagile\.yaml:1: cannot read the model: ENOENT/);
  });
});

describe('risk tracking', () => {
  it('reads risk-tracking.yaml beside the model (wrapped or bare) with expires', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infragile-model-'));
    writeFileSync(join(dir, 'threagile.yaml'), MINIMAL + 'risk_tracking:\n  missing-vault@web:\n    status: accepted\n');
    writeFileSync(
      join(dir, 'risk-tracking.yaml'),
      'risk_tracking:\n  sql-nosql-injection@*@db@*:\n    status: accepted\n    justification: parameterised queries\n    date: 2024-02-01\n    expires: 2025-02-01\n  missing-vault@web:\n    status: mitigated\n',
    );
    const { model, issues } = readModelFile(join(dir, 'threagile.yaml'));
    expect(model.riskTracking.map((t) => [t.syntheticRiskId, t.status, t.expires, t.file?.endsWith('risk-tracking.yaml')])).toEqual([
      ['missing-vault@web', 'accepted', undefined, false],
      ['sql-nosql-injection@*@db@*', 'accepted', '2025-02-01', true],
    ]);
    expect(issues.map(formatIssue).some((m) => /risk-tracking\.yaml:7: warning: risk tracking for 'missing-vault@web' is also in/.test(m))).toBe(true);

    const bare = readRiskTracking({ file: 'rt.yaml', text: 'a@b:\n  status: false-positive\n  checked_by: me\n' });
    expect(bare.entries).toMatchObject([{ syntheticRiskId: 'a@b', status: 'false-positive', checkedBy: 'me', file: 'rt.yaml', line: 1 }]);
  });
});
