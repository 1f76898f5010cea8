/**
 * Every IaC rule on its own fixtures: fixtures/iac-rules/<rule-id>/fires makes it report exactly the
 * expected synthetic ids with evidence at the expected file:line; .../quiet (the same system with the
 * weakness fixed) makes it report nothing.
 */
import { describe, expect, it } from 'vitest';
import { iacRules } from '../../rules/iac/index.js';
import { ids, locations, scanFixture } from './helpers.js';

interface Case {
  rule: string;
  ids: string[];
  /** file:line (relative to the fixture folder) that must be among the evidence. */
  at: string[];
  severity: string;
  model?: string;
}

const CASES: Case[] = [
  { rule: 'admin-port-open-to-internet', ids: ['admin-port-open-to-internet@bastion@22'], at: ['main.tf:9'], severity: 'high' },
  { rule: 'container-runs-as-root', ids: ['container-runs-as-root@worker'], at: ['compose.yaml:3'], severity: 'medium' },
  { rule: 'datastore-exposed-to-internet', ids: ['datastore-exposed-to-internet@db'], at: ['compose.yaml:11'], severity: 'high' },
  {
    rule: 'datastore-without-backup',
    ids: ['datastore-without-backup@ledger'],
    at: ['db.tf:10', 'db.tf:11', 'db.tf:12'],
    severity: 'elevated',
    model: 'iac-rules/datastore-without-backup/threagile.yaml',
  },
  { rule: 'docker-socket-mounted', ids: ['docker-socket-mounted@proxy'], at: ['compose.yaml:7'], severity: 'elevated' },
  { rule: 'internet-service-without-waf-or-auth', ids: ['internet-service-without-waf-or-auth@shop-public'], at: ['edge.tf:10'], severity: 'elevated' },
  { rule: 'missing-default-deny-network-policy', ids: ['missing-default-deny-network-policy@ns-data'], at: ['data.yaml:1', 'data.yaml:6'], severity: 'elevated' },
  { rule: 'plaintext-http-from-internet', ids: ['plaintext-http-from-internet@storefront@8080'], at: ['compose.yaml:6'], severity: 'elevated' },
  { rule: 'plaintext-secret-in-config', ids: ['plaintext-secret-in-config@billing'], at: ['app.yaml:6', 'app.yaml:30'], severity: 'elevated' },
  { rule: 'privileged-container', ids: ['privileged-container@node-agent'], at: ['agent.yaml:12', 'agent.yaml:18', 'agent.yaml:22'], severity: 'elevated' },
  { rule: 'public-bucket', ids: ['public-bucket@example-customer-exports'], at: ['storage.tf:5'], severity: 'high' },
  { rule: 'service-account-token-automounted', ids: ['service-account-token-automounted@catalogue'], at: ['app.yaml:12'], severity: 'medium' },
  { rule: 'unencrypted-sensitive-storage', ids: ['unencrypted-sensitive-storage@orders'], at: ['db.tf:9'], severity: 'medium' },
  { rule: 'unpinned-container-image', ids: ['unpinned-container-image@cart'], at: ['app.yaml:15', 'app.yaml:17'], severity: 'medium' },
  { rule: 'wildcard-iam-permissions', ids: ['wildcard-iam-permissions@aws-iam-role-policy-worker'], at: ['iam.tf:12'], severity: 'elevated' },
];

describe('every IaC rule has a case', () => {
  it('covers the registry', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(iacRules.map((r) => r.category.id).sort());
  });
  it('has complete metadata', () => {
    for (const r of iacRules) {
      const c = r.category as typeof r.category & { severityRationale?: string };
      expect(r.family).toBe('iac');
      for (const k of ['title', 'description', 'impact', 'mitigation', 'check', 'detectionLogic', 'severityRationale'] as const) expect(c[k], `${c.id}.${k}`).toMatch(/\S{3}/);
      expect(c.cwe).toBeGreaterThan(0);
      expect(c.stride).toMatch(/^(spoofing|tampering|repudiation|information-disclosure|denial-of-service|elevation-of-privilege)$/);
    }
  });
});

describe.each(CASES)('$rule', (c) => {
  const dir = `iac-rules/${c.rule}`;
  const model = c.model ? { model: c.model } : {};

  it('fires with evidence at the right file:line', async () => {
    const a = await scanFixture(`${dir}/fires`, model);
    expect(ids(a, c.rule)).toEqual(c.ids);
    const at = locations(a, c.rule);
    for (const l of c.at) expect(at).toContain(l);
    for (const r of a.risks.filter((x) => x.category === c.rule)) {
      expect(r.severity).toBe(c.severity);
      expect(r.title).toMatch(/^<b>.+<\/b> risk at <b>.+<\/b>: \S/);
      for (const e of r.evidence ?? []) expect(e.location.line).toBeGreaterThan(0);
    }
  });

  it('is quiet when the weakness is fixed', async () => {
    const a = await scanFixture(`${dir}/quiet`, model);
    expect(ids(a, c.rule)).toEqual([]);
  });
});

describe('no secret values in findings', () => {
  it('names the variables, never their values', async () => {
    const a = await scanFixture('iac-rules/plaintext-secret-in-config/fires');
    const text = JSON.stringify(a.risks);
    expect(text).toContain('STRIPE_API_KEY');
    expect(text).toContain('DB_PASSWORD');
    expect(text).not.toContain('sk_live_example_not_real');
    expect(text).not.toContain('hunter2-not-real');
  });
});

describe('model ratings steer the model-dependent rules', () => {
  it('datastore-without-backup stays quiet on the starter model (availability only important)', async () => {
    const a = await scanFixture('iac-rules/datastore-without-backup/fires');
    expect(ids(a, 'datastore-without-backup')).toEqual([]);
  });
});
