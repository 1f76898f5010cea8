/**
 * Inline suppression through every adapter that reads IaC comments (compose, Kubernetes, Terraform,
 * CloudFormation): the rule's risk on the resource's component moves to `suppressed` with the reason
 * and the comment's line; it is not in `risks`; a suppression naming no rule is a warning.
 */
import { describe, expect, it } from 'vitest';
import { scanFixture } from './helpers.js';

const CASES = [
  { format: 'compose', risk: 'docker-socket-mounted@proxy', comment: 'compose.yaml:3', reason: /socket proxy tracked in SEC-311/ },
  { format: 'k8s', risk: 'unpinned-container-image@cart', comment: 'cart.yaml:1', reason: /pinned by the release pipeline/ },
  { format: 'terraform', risk: 'admin-port-open-to-internet@bastion@22', comment: 'main.tf:17', reason: /break-glass bastion/ },
  { format: 'cloudformation', risk: 'public-bucket@example-marketing-site', comment: 'site.yaml:4', reason: /public marketing site/ },
];

describe.each(CASES)('infragile:ignore in $format', (c) => {
  it('suppresses the risk with its reason and location, never drops it', async () => {
    const a = await scanFixture(`iac-rules/suppression/${c.format}`);
    expect(a.risks.map((r) => r.syntheticId)).not.toContain(c.risk);
    const s = a.suppressed.find((x) => x.risk.syntheticId === c.risk);
    expect(s, `suppressed: ${a.suppressed.map((x) => x.risk.syntheticId).join(', ')}`).toBeDefined();
    expect(s!.reason).toMatch(c.reason);
    expect(`${s!.location.file}:${s!.location.line}`).toBe(c.comment);
  });
});

describe('suppression edge cases', () => {
  it('reports a suppression naming an unknown rule, and leaves the other risks alone', async () => {
    const a = await scanFixture('iac-rules/suppression/compose');
    expect(a.warnings.map((w) => `${w.location.file}:${w.location.line}: ${w.message}`)).toEqual([
      'compose.yaml:10: infragile:ignore no-such-rule on compose:edge/worker: no rule has this id (see docs/rules.md)',
    ]);
    expect(a.risks.map((r) => r.syntheticId)).toContain('container-runs-as-root@worker');
  });

  it('suppresses Threagile rules too, on the asset built from the resource', async () => {
    const a = await scanFixture('iac-rules/suppression/compose');
    // Only the named rule is suppressed: other risks of the same component stay.
    expect(a.risks.some((r) => r.mostRelevantTechnicalAsset === 'proxy')).toBe(true);
    expect(a.suppressed.every((s) => s.risk.category === 'docker-socket-mounted')).toBe(true);
  });
});
