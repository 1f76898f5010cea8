import { describe, expect, it } from 'vitest';
import { modelFromGraph } from '../../src/model/from-graph.js';
import { formatIssue } from '../../src/model/issues.js';
import { readModel } from '../../src/model/read.js';
import { validateModel } from '../../src/model/validate.js';
import { writeModel } from '../../src/model/write.js';
import { apiPlatformGraph } from './graph-fixture.js';

describe('modelFromGraph', () => {
  const { model, comments } = modelFromGraph(apiPlatformGraph(), { title: 'API Platform: prod/eu [main] threat model', scanned: 'k8s/' });
  const text = writeModel(model, { comments });
  const asset = (id: string) => model.technicalAssets.find((a) => a.id === id)!;

  it('passes the validator, as written and as read back', () => {
    expect(validateModel(model).map(formatIssue)).toEqual([]);
    expect(readModel({ file: 'threagile.yaml', text }).issues.map(formatIssue)).toEqual([]);
  });

  it('sanitizes the title to 31 Excel-safe characters', () => {
    expect(model.title).toBe('API Platform- prod-eu -main- th');
    expect(model.title.length).toBeLessThanOrEqual(31);
  });

  it('maps components to technical assets with lower-case ids and unique titles', () => {
    expect(model.technicalAssets.map((a) => a.id)).toEqual(['api-gateway', 'auth-service', 'internet', 'postgresql-store', 'third-party-provider', 'worker-1']);
    expect(asset('worker-1').title).toBe('auth-service (worker-1)');
    expect(asset('api-gateway')).toMatchObject({ type: 'process', technology: 'reverse-proxy', machine: 'container', internet: true, size: 'service', usage: 'business', redundant: true, confidentiality: 'internal', integrity: 'operational', availability: 'operational' });
    expect(asset('postgresql-store')).toMatchObject({ type: 'datastore', technology: 'database', encryption: 'transparent', confidentiality: 'confidential', integrity: 'important', availability: 'important' });
    expect(asset('internet')).toMatchObject({ type: 'external-entity', internet: true, outOfScope: true });
  });

  it('tags every asset with iac:<address> and declares the tags', () => {
    expect(asset('auth-service').tags).toEqual(['iac:compose:auth-service', 'iac:k8s:platform/deployment/auth-service']);
    for (const a of model.technicalAssets) for (const t of a.tags) expect(model.tagsAvailable).toContain(t);
    expect(model.tagsAvailable).toEqual([...model.tagsAvailable].sort());
  });

  it('puts evidence file:line into descriptions', () => {
    expect(asset('api-gateway').description).toContain('k8s:platform/Deployment/api-gateway (k8s/gateway.yaml:1)');
    expect(asset('postgresql-store').description).toContain('image postgres:16 is a database (k8s/db.yaml:20)');
  });

  it('turns flows into links on the caller, titled by target and port, unique per source', () => {
    const links = asset('auth-service').communicationLinks;
    expect(links.map((l) => [l.id, l.targetId, l.protocol, l.authentication, l.authorization])).toEqual([
      ['auth-service>postgresql-store-on-5432', 'postgresql-store', 'sql-access-protocol', 'credentials', 'technical-user'],
      ['auth-service>to-third-party-provider', 'third-party-provider', 'https', 'none', 'none'],
    ]);
    expect(links[0]!.description).toContain('k8s/auth.yaml:40');
    expect(links[0]!.dataAssetsSent).toEqual(['postgresql-data']);
    expect(asset('internet').communicationLinks.map((l) => l.title)).toEqual(['api-gateway on 443']);
  });

  it('turns boundaries into trust boundaries with nesting, each asset in at most one', () => {
    expect(model.trustBoundaries.map((b) => [b.id, b.type, b.technicalAssetsInside, b.trustBoundariesNested])).toEqual([
      ['cluster', 'network-cloud-provider', [], ['ns-data', 'ns-platform']],
      ['ns-data', 'network-policy-namespace-isolation', ['postgresql-store'], []],
      ['ns-platform', 'network-policy-namespace-isolation', ['api-gateway', 'auth-service'], []],
    ]);
  });

  it('rates data assets conservatively by kind and links them to their users', () => {
    const secret = model.dataAssets.find((d) => d.id === 'secret-db-credentials')!;
    const db = model.dataAssets.find((d) => d.id === 'postgresql-data')!;
    expect(secret).toMatchObject({ confidentiality: 'strictly-confidential', usage: 'devops', quantity: 'very-few' });
    expect(db).toMatchObject({ confidentiality: 'confidential', integrity: 'critical', usage: 'business' });
    expect(asset('auth-service').dataAssetsProcessed).toEqual(['postgresql-data', 'secret-db-credentials']);
    expect(asset('postgresql-store').dataAssetsStored).toEqual(['postgresql-data']);
  });

  it('writes TODO comments above the human-only fields', () => {
    const lines = text.split('\n');
    const todoAbove = (re: RegExp) => lines.some((l, i) => re.test(l) && /# TODO/.test(lines[i - 1] ?? ''));
    expect(todoAbove(/^\s+confidentiality: confidential$/)).toBe(true); // datastore
    expect(todoAbove(/^\s+confidentiality: strictly-confidential$/)).toBe(true); // secret
    expect(todoAbove(/^business_criticality:/)).toBe(true);
    expect(text).toMatch(/# TODO: review confidentiality\/integrity\/availability: defaults assume this datastore holds sensitive data/);
    expect(text).toMatch(/# TODO: no authentication was visible in infrastructure/);
  });

  it('never writes a secret value', () => {
    expect(text).not.toContain('hunter2');
    expect(text).toContain('postgres://***@postgresql-store:5432/app');
  });

  it('is deterministic whatever the graph order', () => {
    const g = apiPlatformGraph();
    g.components.reverse();
    g.flows.reverse();
    g.boundaries.reverse();
    g.dataAssets.reverse();
    const again = modelFromGraph(g, { title: 'API Platform: prod/eu [main] threat model', scanned: 'k8s/' });
    expect(writeModel(again.model, { comments: again.comments })).toBe(text);
  });
});
