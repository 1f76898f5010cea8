/** Binding: names, explicit model tags, .infragile.yaml, and candidates instead of guesses. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readBindingsFile } from '../../src/reconcile/bindings-text.js';
import { nameKey } from '../../src/reconcile/names.js';
import { compilePattern } from '../../src/reconcile/patterns.js';
import { DRIFT_FIXTURE, DRIFT_MODEL, driftOf } from './helpers.js';
import { readFileSync } from 'node:fs';

const k8s = join(DRIFT_FIXTURE, 'k8s-drifted');
const model = readFileSync(DRIFT_MODEL, 'utf8');

describe('names', () => {
  it.each([
    ['User Service', 'users'],
    ['User Service', 'user-svc'],
    ['Notification Service', 'notifier'],
    ['PostgreSQL Store', 'postgres'],
    ['API Gateway', 'apiGateway'],
    ['Auth Service', 'auth_server'],
  ])('%s ~ %s', (a, b) => expect(nameKey(a)).toEqual(nameKey(b)));

  it('keeps different things apart', () => {
    expect(nameKey('user-db')).not.toEqual(nameKey('User Service'));
    expect(nameKey('session-cache')).not.toEqual(nameKey('Audit Log Store'));
  });
});

describe('patterns', () => {
  it('match addresses with * across separators, ignoring case', () => {
    expect(compilePattern('k8s:*/Deployment/auth*').test('k8s:services/Deployment/auth-svc')).toBe(true);
    expect(compilePattern('k8s:*/deployment/auth*').test('k8s:services/Deployment/auth-svc')).toBe(true);
    expect(compilePattern('tf:module.api.*').test('tf:module.api.aws_ecs_service.this')).toBe(true);
    expect(compilePattern('compose:cart').test('compose:carts')).toBe(false);
  });
});

describe('explicit bindings', () => {
  it('an iac: tag in the model binds a component whose name matches nothing', async () => {
    const tagged = model.replace(
      /(  Audit Log Store:\n(?:    .*\n)*?    tags: )\[\]/,
      '$1["iac:k8s:services/StatefulSet/session-*"]',
    );
    expect(tagged).not.toBe(model);
    const r = await driftOf(k8s, DRIFT_MODEL, tagged.replace('  - sendgrid\n', '  - sendgrid\n  - "iac:k8s:services/statefulset/session-*"\n'));
    expect(r.binding.bindings.find((b) => b.component === 'session-cache')).toMatchObject({ asset: 'audit-log-store', method: 'model-tag', matched: 'tag iac:k8s:services/statefulset/session-*' });
    expect(r.drift.map((d) => d.fingerprint)).not.toContain('missing-component:audit-log-store');
    expect(r.drift.map((d) => d.fingerprint)).not.toContain('unmodeled-component:session-cache');
  });

  it('.infragile.yaml bindings are read with their lines, and bad entries are diagnostics', () => {
    const f = readBindingsFile('.infragile.yaml', 'bindings:\n  audit-log-store:\n    - "k8s:*/StatefulSet/session-cache"\n  user-service: 42\n');
    expect(f.bindings).toEqual([{ asset: 'audit-log-store', pattern: 'k8s:*/StatefulSet/session-cache', line: 3 }]);
    expect(f.diagnostics).toHaveLength(1);
    expect(f.diagnostics[0]!.location.line).toBe(4);
    expect(readBindingsFile('.infragile.yaml', 'bindings: [oops').diagnostics[0]!.location.file).toBe('.infragile.yaml');
  });

  it('disagreeing explicit bindings become a candidate, not a guess', async () => {
    const two = model.replace(/(  Audit Log Store:\n(?:    .*\n)*?    tags: )\[\]/, '$1["iac:k8s:*/session-cache"]').replace(/(  Object Storage:\n(?:    .*\n)*?    tags: )\[\]/, '$1["iac:k8s:services/*"]');
    const r = await driftOf(k8s, DRIFT_MODEL, two);
    expect(r.binding.assetOf.has('session-cache')).toBe(false);
    expect(r.binding.candidates.find((c) => c.component === 'session-cache')).toMatchObject({ assets: ['audit-log-store', 'object-storage'] });
  });
});

describe('effective model', () => {
  it('lays infra facts over the hand-written model, citing the drift, and keeps human fields', async () => {
    const r = await driftOf(k8s);
    const m = r.effective.model;
    expect(m.technicalAssets.find((a) => a.id === 'user-service')).toMatchObject({ internet: true, confidentiality: 'confidential', owner: 'User team' });
    expect(m.technicalAssets.find((a) => a.id === 'session-cache')).toMatchObject({ type: 'datastore', tags: ['infragile-unmodeled'] });
    expect(m.technicalAssets.find((a) => a.id === 'user-service')!.communicationLinks.map((l) => l.targetId)).toContain('notification-service');
    expect(r.effective.changes).toContainEqual({ drift: 'exposure:user-service', path: 'technical_assets.user-service.internet', from: 'false', to: 'true' });
    expect(m.dataAssets).toEqual(r.model.dataAssets);
    // The hand-written model is not mutated.
    expect(r.model.technicalAssets.find((a) => a.id === 'user-service')!.internet).toBe(false);
  });
});

describe('camel-case names', () => {
  it('split words and acronyms but keep product names whole', () => {
    expect(nameKey('EnduroA3MWorker')).toEqual(['a3m', 'enduro', 'worker']);
    expect(nameKey('EnduroDashboardServer')).toEqual(['dashboard', 'enduro']);
    expect(nameKey('PostgreSQL Store')).toEqual(['postgres']);
    expect(nameKey('MySQL')).toEqual(['mysql']);
  });
});
