import { describe, expect, it } from 'vitest';
import type { Risk } from '../../src/analyze/types.js';
import { applyConfigToRisks } from '../../src/config/index.js';
import { parseConfig } from '../../src/config/parse.js';

function risk(category: string, file?: string, severity: Risk['severity'] = 'medium'): Risk {
  return {
    category,
    riskStatus: 'unchecked',
    severity,
    exploitationLikelihood: 'likely',
    exploitationImpact: 'medium',
    title: category,
    syntheticId: `${category}@x`,
    mostRelevantDataAsset: '',
    mostRelevantTechnicalAsset: 'x',
    mostRelevantTrustBoundary: '',
    mostRelevantSharedRuntime: '',
    mostRelevantCommunicationLink: '',
    dataBreachProbability: 'possible',
    dataBreachTechnicalAssets: [],
    ...(file ? { evidence: [{ kind: 'k', detail: 'd', location: { file, line: 3 } }] } : {}),
  };
}

describe('applyConfigToRisks', () => {
  const { config } = parseConfig(
    '.infragile.yaml',
    'rules:\n  disable: [missing-vault]\n  severity: { missing-waf: low }\npaths:\n  "legacy/**":\n    disable: [container-runs-as-root]\n    severity: { missing-waf: high }\n',
  );

  it('disables everywhere, per path, and overrides severities (paths win)', () => {
    const out = applyConfigToRisks(
      [
        risk('missing-vault', 'k8s/a.yaml'),
        risk('container-runs-as-root', 'legacy/old/deploy.yaml'),
        risk('container-runs-as-root', 'k8s/a.yaml'),
        risk('missing-waf', 'k8s/a.yaml'),
        risk('missing-waf', 'legacy/x.tf'),
        risk('missing-waf'),
      ],
      config,
    );
    expect(out.disabled).toBe(2);
    expect(out.overridden).toBe(3);
    expect(out.risks.map((r) => `${r.category} ${r.severity} ${r.evidence?.[0]?.location.file ?? '-'}`)).toEqual([
      'container-runs-as-root medium k8s/a.yaml',
      'missing-waf low k8s/a.yaml',
      'missing-waf high legacy/x.tf',
      'missing-waf low -',
    ]);
  });
});
