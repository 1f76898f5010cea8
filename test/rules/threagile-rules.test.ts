/**
 * Every built-in rule: one model that fires it (with the exact synthetic ids Threagile 0.9.1 would
 * produce) and one close variant that does not.
 */
import { describe, expect, it } from 'vitest';
import { threagileRules } from '../../rules/index.js';
import { asset, boundary, data, idsOf, link, model, risksOf, runtime } from './build.js';
import type { ThreagileModel } from '../../src/model/types.js';

const conf = () => data('conf', { confidentiality: 'confidential' });
const secret = () => data('secret', { confidentiality: 'strictly-confidential', integrity: 'mission-critical', quantity: 'many' });

interface Case {
  fires: () => ThreagileModel;
  ids: string[];
  quiet: () => ThreagileModel;
}

const webToApp = (appTech: 'web-application' | 'web-service-rest', protocol: 'https' | 'jdbc' = 'https') =>
  model({
    assets: [
      asset('app', { technology: appTech }),
      asset('client', { technology: 'browser', communicationLinks: [link('client', 'app', 'Web', { protocol })] }),
    ],
  });

const cases: Record<string, Case> = {
  'accidental-secret-leak': {
    fires: () => model({ assets: [asset('repo', { technology: 'sourcecode-repository', tags: ['git'] })] }),
    ids: ['accidental-secret-leak@repo'],
    quiet: () => model({ assets: [asset('repo', { technology: 'sourcecode-repository', outOfScope: true })] }),
  },
  'code-backdooring': {
    fires: () => model({ assets: [asset('repo', { technology: 'sourcecode-repository', internet: true })] }),
    ids: ['code-backdooring@repo'],
    quiet: () => model({ assets: [asset('repo', { technology: 'sourcecode-repository' })] }),
  },
  'container-baseimage-backdooring': {
    fires: () => model({ assets: [asset('app', { machine: 'container' })] }),
    ids: ['container-baseimage-backdooring@app'],
    quiet: () => model({ assets: [asset('app', { machine: 'virtual' })] }),
  },
  'container-platform-escape': {
    fires: () => model({ assets: [asset('k8s', { technology: 'container-platform' })] }),
    ids: ['container-platform-escape@k8s'],
    quiet: () => model({ assets: [asset('k8s', { technology: 'container-platform', outOfScope: true })] }),
  },
  'cross-site-request-forgery': {
    fires: () => webToApp('web-application'),
    ids: ['cross-site-request-forgery@app@client>web'],
    quiet: () => webToApp('web-application', 'jdbc'),
  },
  'cross-site-scripting': {
    fires: () => model({ assets: [asset('app', { technology: 'web-application' })] }),
    ids: ['cross-site-scripting@app'],
    quiet: () => model({ assets: [asset('app', { technology: 'web-service-rest' })] }),
  },
  'dos-risky-access-across-trust-boundary': {
    fires: () =>
      model({
        assets: [
          asset('app', { availability: 'critical' }),
          asset('client', { technology: 'browser', communicationLinks: [link('client', 'app', 'Web')] }),
        ],
        boundaries: [boundary('dmz', ['app'])],
      }),
    ids: ['dos-risky-access-across-trust-boundary@app@client@client>web'],
    quiet: () =>
      model({
        assets: [asset('app'), asset('client', { technology: 'browser', communicationLinks: [link('client', 'app', 'Web')] })],
        boundaries: [boundary('dmz', ['app'])],
      }),
  },
  'incomplete-model': {
    fires: () =>
      model({
        assets: [
          asset('a', { technology: 'unknown-technology', communicationLinks: [link('a', 'b', 'Call', { protocol: 'unknown-protocol' })] }),
          asset('b'),
        ],
      }),
    ids: ['incomplete-model@a', 'incomplete-model@a>call@a'],
    quiet: () => model({ assets: [asset('a', { communicationLinks: [link('a', 'b', 'Call')] }), asset('b')] }),
  },
  'ldap-injection': {
    fires: () => model({ assets: [asset('ldap', { technology: 'ldap-server' }), asset('app', { communicationLinks: [link('app', 'ldap', 'Auth', { protocol: 'ldaps' })] })] }),
    ids: ['ldap-injection@app@ldap@app>auth'],
    quiet: () => model({ assets: [asset('ldap', { technology: 'ldap-server' }), asset('app', { communicationLinks: [link('app', 'ldap', 'Auth')] })] }),
  },
  'missing-authentication': {
    fires: () =>
      model({
        assets: [asset('db', { confidentiality: 'confidential' }), asset('app', { communicationLinks: [link('app', 'db', 'SQL', { protocol: 'jdbc', authentication: 'none' })] })],
      }),
    ids: ['missing-authentication@app>sql@app@db'],
    quiet: () =>
      model({
        assets: [asset('db', { confidentiality: 'confidential' }), asset('app', { communicationLinks: [link('app', 'db', 'SQL', { protocol: 'jdbc', authentication: 'credentials' })] })],
      }),
  },
  'missing-authentication-second-factor': {
    fires: () =>
      model({
        data: [conf()],
        assets: [
          asset('erp', { technology: 'erp', confidentiality: 'confidential' }),
          asset('lb', { technology: 'load-balancer', communicationLinks: [link('lb', 'erp', 'Fwd', { dataAssetsSent: ['conf'] })] }),
          asset('user', { technology: 'browser', usedAsClientByHuman: true, communicationLinks: [link('user', 'lb', 'Login', { authentication: 'credentials', dataAssetsSent: ['conf'] })] }),
        ],
      }),
    // Via the forwarder: the id names the link into the target (Threagile's quirk).
    ids: ['missing-authentication-second-factor@lb>fwd@lb@erp'],
    quiet: () =>
      model({
        data: [conf()],
        assets: [
          asset('erp', { technology: 'erp', confidentiality: 'confidential' }),
          asset('user', { technology: 'browser', usedAsClientByHuman: true, communicationLinks: [link('user', 'erp', 'Login', { authentication: 'two-factor', dataAssetsSent: ['conf'] })] }),
        ],
      }),
  },
  'missing-build-infrastructure': {
    fires: () => model({ assets: [asset('app', { customDevelopedParts: true })] }),
    ids: ['missing-build-infrastructure@app'],
    quiet: () =>
      model({
        assets: [
          asset('app', { customDevelopedParts: true }),
          asset('ci', { technology: 'build-pipeline' }),
          asset('git', { technology: 'sourcecode-repository' }),
          asset('dev', { technology: 'devops-client' }),
        ],
      }),
  },
  'missing-cloud-hardening': {
    fires: () =>
      model({
        assets: [asset('app'), asset('bucket', { type: 'datastore', tags: ['aws:s3'] })],
        boundaries: [boundary('vpc', ['app'], { type: 'network-cloud-provider' }), boundary('acct', ['bucket'], { tags: ['aws'] })],
      }),
    // Generic risk for the untagged cloud boundary, AWS risk for the tagged one, S3 risk for the bucket.
    ids: ['missing-cloud-hardening@acct', 'missing-cloud-hardening@bucket', 'missing-cloud-hardening@vpc'],
    quiet: () => model({ assets: [asset('app')], boundaries: [boundary('dc', ['app'])] }),
  },
  'missing-file-validation': {
    fires: () => model({ assets: [asset('app', { customDevelopedParts: true, dataFormatsAccepted: ['file'] })] }),
    ids: ['missing-file-validation@app'],
    quiet: () => model({ assets: [asset('app', { customDevelopedParts: true, dataFormatsAccepted: ['json'] })] }),
  },
  'missing-hardening': {
    fires: () =>
      model({
        data: [secret()],
        assets: [
          asset('hot', { confidentiality: 'strictly-confidential', integrity: 'mission-critical', availability: 'mission-critical', dataAssetsProcessed: ['secret'] }),
          asset('cold', { confidentiality: 'public', integrity: 'archive', availability: 'archive' }),
        ],
      }),
    ids: ['missing-hardening@hot'],
    quiet: () => model({ assets: [asset('only', { confidentiality: 'strictly-confidential' })] }),
  },
  'missing-identity-propagation': {
    fires: () =>
      model({ assets: [asset('erp', { technology: 'erp', confidentiality: 'confidential' }), asset('web', { technology: 'web-server', communicationLinks: [link('web', 'erp', 'ERP')] })] }),
    ids: ['missing-identity-propagation@web>erp@web@erp'],
    quiet: () =>
      model({
        assets: [
          asset('erp', { technology: 'erp', confidentiality: 'confidential' }),
          asset('web', { technology: 'web-server', communicationLinks: [link('web', 'erp', 'ERP', { authorization: 'enduser-identity-propagation' })] }),
        ],
      }),
  },
  'missing-identity-provider-isolation': {
    fires: () => model({ assets: [asset('idp', { technology: 'identity-provider' }), asset('app')] }),
    ids: ['missing-identity-provider-isolation@idp'],
    quiet: () => model({ assets: [asset('idp', { technology: 'identity-provider' }), asset('app')], boundaries: [boundary('idm', ['idp']), boundary('apps', ['app'])] }),
  },
  'missing-identity-store': {
    fires: () => model({ assets: [asset('api'), asset('web', { communicationLinks: [link('web', 'api', 'Call', { authorization: 'enduser-identity-propagation' })] })] }),
    ids: ['missing-identity-store@api'],
    quiet: () =>
      model({
        assets: [
          asset('api'),
          asset('ldap', { technology: 'identity-store-ldap' }),
          asset('web', { communicationLinks: [link('web', 'api', 'Call', { authorization: 'enduser-identity-propagation' })] }),
        ],
      }),
  },
  'missing-network-segmentation': {
    fires: () =>
      model({
        data: [secret()],
        assets: [
          asset('db', { type: 'datastore', technology: 'database', confidentiality: 'confidential', dataAssetsStored: ['secret'] }),
          asset('web', { technology: 'web-server', confidentiality: 'public', integrity: 'archive', availability: 'archive' }),
        ],
      }),
    ids: ['missing-network-segmentation@db'],
    quiet: () =>
      model({
        data: [secret()],
        assets: [
          asset('db', { type: 'datastore', technology: 'database', confidentiality: 'confidential', dataAssetsStored: ['secret'] }),
          asset('web', { technology: 'web-server', confidentiality: 'public', integrity: 'archive', availability: 'archive', communicationLinks: [link('web', 'db', 'SQL')] }),
        ],
      }),
  },
  'missing-vault': {
    fires: () => model({ assets: [asset('app', { confidentiality: 'confidential' }), asset('other')] }),
    ids: ['missing-vault@app'],
    quiet: () => model({ assets: [asset('app'), asset('vault', { technology: 'vault' })] }),
  },
  'missing-vault-isolation': {
    fires: () => model({ assets: [asset('vault', { technology: 'vault' }), asset('app')] }),
    ids: ['missing-vault-isolation@vault'],
    quiet: () =>
      model({ assets: [asset('vault', { technology: 'vault', communicationLinks: [link('vault', 'store', 'Persist')] }), asset('store', { type: 'datastore', technology: 'database' })] }),
  },
  'missing-waf': {
    fires: () =>
      model({
        assets: [asset('app', { technology: 'web-application' }), asset('client', { technology: 'browser', communicationLinks: [link('client', 'app', 'Web')] })],
        boundaries: [boundary('dmz', ['app'])],
      }),
    ids: ['missing-waf@app'],
    quiet: () =>
      model({
        assets: [asset('app', { technology: 'web-application' }), asset('client', { technology: 'browser', communicationLinks: [link('client', 'app', 'Web')] })],
        boundaries: [boundary('dmz', ['app', 'client'])],
      }),
  },
  'mixed-targets-on-shared-runtime': {
    fires: () => model({ assets: [asset('a'), asset('b')], boundaries: [boundary('b1', ['a']), boundary('b2', ['b'])], runtimes: [runtime('host', ['a', 'b'])] }),
    ids: ['mixed-targets-on-shared-runtime@host'],
    quiet: () => model({ assets: [asset('a'), asset('b')], boundaries: [boundary('b1', ['a', 'b'])], runtimes: [runtime('host', ['a', 'b'])] }),
  },
  'path-traversal': {
    fires: () => model({ assets: [asset('fs', { type: 'datastore', technology: 'file-server' }), asset('app', { communicationLinks: [link('app', 'fs', 'Files', { protocol: 'nfs' })] })] }),
    ids: ['path-traversal@app@fs@app>files'],
    quiet: () =>
      model({ assets: [asset('fs', { type: 'datastore', technology: 'file-server' }), asset('app', { outOfScope: true, communicationLinks: [link('app', 'fs', 'Files', { protocol: 'nfs' })] })] }),
  },
  'push-instead-of-pull-deployment': {
    fires: () => model({ assets: [asset('app'), asset('ci', { technology: 'build-pipeline', communicationLinks: [link('ci', 'app', 'Deploy', { usage: 'devops' })] })] }),
    ids: ['push-instead-of-pull-deployment@ci'],
    quiet: () => model({ assets: [asset('app'), asset('ci', { technology: 'build-pipeline', communicationLinks: [link('ci', 'app', 'Deploy', { usage: 'devops', readonly: true })] })] }),
  },
  'search-query-injection': {
    fires: () => model({ assets: [asset('search', { technology: 'search-engine' }), asset('app', { communicationLinks: [link('app', 'search', 'Query')] })] }),
    ids: ['search-query-injection@app@search@app>query'],
    quiet: () => model({ assets: [asset('search', { technology: 'search-engine' }), asset('app', { communicationLinks: [link('app', 'search', 'Query', { protocol: 'jdbc' })] })] }),
  },
  'server-side-request-forgery': {
    fires: () => model({ assets: [asset('other'), asset('app', { communicationLinks: [link('app', 'other', 'Call')] })] }),
    ids: ['server-side-request-forgery@app@other@app>call'],
    quiet: () => model({ assets: [asset('other'), asset('app', { technology: 'browser', communicationLinks: [link('app', 'other', 'Call')] })] }),
  },
  'service-registry-poisoning': {
    fires: () => model({ assets: [asset('reg', { technology: 'service-registry' })] }),
    ids: ['service-registry-poisoning@reg'],
    quiet: () => model({ assets: [asset('reg', { technology: 'service-registry', outOfScope: true })] }),
  },
  'sql-nosql-injection': {
    fires: () => model({ assets: [asset('db', { type: 'datastore', technology: 'database' }), asset('app', { communicationLinks: [link('app', 'db', 'SQL', { protocol: 'jdbc' })] })] }),
    ids: ['sql-nosql-injection@app@db@app>sql'],
    quiet: () => model({ assets: [asset('api'), asset('app', { communicationLinks: [link('app', 'api', 'SQL', { protocol: 'https' })] })] }),
  },
  'unchecked-deployment': {
    fires: () => model({ assets: [asset('ci', { technology: 'build-pipeline', outOfScope: true })] }),
    ids: ['unchecked-deployment@ci'],
    quiet: () => model({ assets: [asset('app')] }),
  },
  'unencrypted-asset': {
    fires: () => model({ assets: [asset('app', { confidentiality: 'confidential' })] }),
    ids: ['unencrypted-asset@app'],
    quiet: () => model({ assets: [asset('app', { confidentiality: 'confidential', encryption: 'transparent' })] }),
  },
  'unencrypted-communication': {
    fires: () => model({ data: [conf()], assets: [asset('other'), asset('app', { communicationLinks: [link('app', 'other', 'Call', { protocol: 'http', authentication: 'none', dataAssetsSent: ['conf'] })] })] }),
    ids: ['unencrypted-communication@app>call@app@other'],
    quiet: () => model({ data: [conf()], assets: [asset('other'), asset('app', { communicationLinks: [link('app', 'other', 'Call', { dataAssetsSent: ['conf'] })] })] }),
  },
  'unguarded-access-from-internet': {
    fires: () =>
      model({ assets: [asset('db', { technology: 'database', confidentiality: 'confidential' }), asset('client', { internet: true, communicationLinks: [link('client', 'db', 'SQL', { protocol: 'jdbc' })] })] }),
    ids: ['unguarded-access-from-internet@db@client@client>sql'],
    quiet: () =>
      model({
        assets: [asset('db', { technology: 'database', confidentiality: 'confidential' }), asset('client', { internet: true, communicationLinks: [link('client', 'db', 'SQL', { protocol: 'jdbc', vpn: true })] })],
      }),
  },
  'unguarded-direct-datastore-access': {
    fires: () =>
      model({
        assets: [asset('db', { type: 'datastore', technology: 'database', confidentiality: 'confidential' }), asset('app', { communicationLinks: [link('app', 'db', 'SQL', { protocol: 'jdbc' })] })],
        boundaries: [boundary('data', ['db']), boundary('apps', ['app'])],
      }),
    ids: ['unguarded-direct-datastore-access@app>sql@app@db'],
    quiet: () =>
      model({
        assets: [asset('db', { type: 'datastore', technology: 'database', confidentiality: 'confidential' }), asset('app', { communicationLinks: [link('app', 'db', 'SQL', { protocol: 'jdbc' })] })],
        boundaries: [boundary('data', ['db', 'app'])],
      }),
  },
  'unnecessary-communication-link': {
    fires: () => model({ assets: [asset('other'), asset('app', { communicationLinks: [link('app', 'other', 'Call')] })] }),
    ids: ['unnecessary-communication-link@app>call@app'],
    quiet: () => model({ data: [conf()], assets: [asset('other'), asset('app', { communicationLinks: [link('app', 'other', 'Call', { dataAssetsSent: ['conf'] })] })] }),
  },
  'unnecessary-data-asset': {
    fires: () => model({ data: [conf()], assets: [asset('app')] }),
    ids: ['unnecessary-data-asset@conf'],
    quiet: () => model({ data: [conf()], assets: [asset('app', { dataAssetsProcessed: ['conf'] })] }),
  },
  'unnecessary-data-transfer': {
    fires: () => model({ data: [conf()], assets: [asset('other'), asset('app', { communicationLinks: [link('app', 'other', 'Call', { dataAssetsSent: ['conf'] })] })] }),
    ids: ['unnecessary-data-transfer@conf@app@other', 'unnecessary-data-transfer@conf@other@app'],
    quiet: () =>
      model({
        data: [conf()],
        assets: [asset('other', { dataAssetsProcessed: ['conf'] }), asset('app', { dataAssetsStored: ['conf'], communicationLinks: [link('app', 'other', 'Call', { dataAssetsSent: ['conf'] })] })],
      }),
  },
  'unnecessary-technical-asset': {
    fires: () => model({ assets: [asset('app')] }),
    ids: ['unnecessary-technical-asset@app'],
    quiet: () =>
      model({
        data: [conf()],
        assets: [asset('other', { dataAssetsProcessed: ['conf'] }), asset('app', { dataAssetsProcessed: ['conf'], communicationLinks: [link('app', 'other', 'Call', { dataAssetsSent: ['conf'] })] })],
      }),
  },
  'untrusted-deserialization': {
    fires: () => model({ assets: [asset('app', { dataFormatsAccepted: ['serialization'] })] }),
    ids: ['untrusted-deserialization@app'],
    quiet: () => model({ assets: [asset('app', { dataFormatsAccepted: ['json'] })] }),
  },
  'wrong-communication-link-content': {
    fires: () => model({ assets: [asset('other'), asset('app', { communicationLinks: [link('app', 'other', 'Read', { readonly: true })] })] }),
    ids: ['wrong-communication-link-content@app@app>read'],
    quiet: () => model({ data: [conf()], assets: [asset('other'), asset('app', { communicationLinks: [link('app', 'other', 'Read', { readonly: true, dataAssetsReceived: ['conf'] })] })] }),
  },
  'wrong-trust-boundary-content': {
    fires: () => model({ assets: [asset('vm')], boundaries: [boundary('ns', ['vm'], { type: 'network-policy-namespace-isolation' })] }),
    ids: ['wrong-trust-boundary-content@vm'],
    quiet: () => model({ assets: [asset('pod', { machine: 'container' })], boundaries: [boundary('ns', ['pod'], { type: 'network-policy-namespace-isolation' })] }),
  },
  'xml-external-entity': {
    fires: () => model({ assets: [asset('app', { dataFormatsAccepted: ['xml'] })] }),
    ids: ['xml-external-entity@app'],
    quiet: () => model({ assets: [asset('app', { dataFormatsAccepted: ['csv'] })] }),
  },
};

describe('Threagile built-in rules', () => {
  it('the registry holds all 42 rules, once each, with complete metadata', () => {
    const ids = threagileRules.map((r) => r.category.id);
    expect(new Set(ids).size).toBe(42);
    expect([...ids].sort()).toEqual(Object.keys(cases).sort());
    for (const r of threagileRules) {
      for (const field of ['title', 'description', 'impact', 'asvs', 'cheatSheet', 'action', 'mitigation', 'check', 'detectionLogic', 'riskAssessment', 'falsePositives'] as const) {
        expect(r.category[field], `${r.category.id}.${field}`).not.toBe('');
      }
      expect(r.category.cwe).toBeGreaterThan(0);
    }
  });

  for (const [id, c] of Object.entries(cases)) {
    describe(id, () => {
      it('fires with the expected synthetic ids', () => {
        expect(idsOf(id, c.fires())).toEqual([...c.ids].sort());
      });
      it('stays quiet on the close variant', () => {
        expect(idsOf(id, c.quiet())).toEqual([]);
      });
    });
  }
});

describe('rule details that are part of the output contract', () => {
  it('ratings: unencrypted-asset asks for end-user keys on very sensitive stores', () => {
    const [risk] = risksOf(
      'unencrypted-asset',
      model({ data: [secret()], assets: [asset('db', { type: 'datastore', technology: 'database', encryption: 'data-with-symmetric-shared-key', dataAssetsStored: ['secret'] })] }),
    );
    expect(risk).toMatchObject({ exploitationImpact: 'medium', severity: 'medium', title: '<b>Unencrypted Technical Asset</b> named <b>DB</b> missing enduser-individual encryption with data-with-enduser-individual-key' });
  });

  it('push-instead-of-pull keeps v1 duplicate ids, one per target', () => {
    const m = model({
      assets: [
        asset('a'),
        asset('b'),
        asset('ci', { technology: 'build-pipeline', communicationLinks: [link('ci', 'a', 'Deploy A', { usage: 'devops' }), link('ci', 'b', 'Deploy B', { usage: 'devops' })] }),
      ],
    });
    expect(idsOf('push-instead-of-pull-deployment', m)).toEqual(['push-instead-of-pull-deployment@ci', 'push-instead-of-pull-deployment@ci']);
  });

  it('dos through a load balancer names the client link, without a hop marker in the id', () => {
    const m = model({
      assets: [
        asset('app', { availability: 'mission-critical' }),
        asset('lb', { technology: 'load-balancer', communicationLinks: [link('lb', 'app', 'Fwd')] }),
        asset('client', { technology: 'browser', communicationLinks: [link('client', 'lb', 'Web')] }),
      ],
      boundaries: [boundary('dmz', ['app', 'lb'])],
    });
    const [risk] = risksOf('dos-risky-access-across-trust-boundary', m);
    expect(risk).toMatchObject({
      syntheticId: 'dos-risky-access-across-trust-boundary@app@client@client>web',
      exploitationImpact: 'medium',
      title: '<b>Denial-of-Service</b> risky access of <b>APP</b> by <b>CLIENT</b> via <b>Web</b> forwarded via <b>LB</b>',
    });
  });

  it('missing-vault with only public assets degenerates to an empty example id, as v1 does', () => {
    const m = model({ assets: [asset('a', { confidentiality: 'public', integrity: 'archive', availability: 'archive' })] });
    expect(idsOf('missing-vault', m)).toEqual(['missing-vault@']);
  });

  it('untrusted-deserialization across a boundary is very likely and says via which link', () => {
    const m = model({
      assets: [asset('ejb', { technology: 'ejb' }), asset('client', { communicationLinks: [link('client', 'ejb', 'RMI', { protocol: 'jrmp' })] })],
      boundaries: [boundary('backend', ['ejb'])],
    });
    const [risk] = risksOf('untrusted-deserialization', m);
    expect(risk).toMatchObject({ exploitationLikelihood: 'very-likely', severity: 'high', title: '<b>Untrusted Deserialization</b> risk at <b>EJB</b> across a trust boundary (at least via communication link <b>RMI</b>)' });
  });
});
