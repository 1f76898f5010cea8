/**
 * Images referenced without a version: no tag, or `:latest`, and no digest. What runs then changes
 * with every pull, unreviewed. One finding per component listing the images.
 */
import type { Evidence } from '../../src/graph/types.js';
import { anchorOf, attributeEvidence, iacRule, sourceEvidence, strList, type Finding, type IacCategory } from './kit.js';
import { composeEvidence, containersOf, podSpecs } from './workload-facts.js';

export const category: IacCategory = {
  id: 'unpinned-container-image',
  title: 'Unpinned Container Image',
  description: 'A container image is referenced without a fixed tag or digest (no tag, or `latest`).',
  impact: 'A compromised or broken upstream image is deployed on the next pull or reschedule without review; deployments are not reproducible and rollbacks do not roll back.',
  asvs: 'V14 - Configuration Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
  action: 'Supply Chain Integrity',
  mitigation: 'Pin every image to a version tag and preferably a digest (`image@sha256:…`), and let a bot (Renovate, Dependabot) propose updates through review.',
  check: 'Is every image pinned to a reviewed version or digest?',
  function: 'operations',
  stride: 'tampering',
  detectionLogic: 'Workload images without `:tag` (other than latest) and without `@sha256:` digest.',
  riskAssessment: 'Unlikely (needs an upstream compromise or a breaking release), medium impact.',
  falsePositives: 'Images from a registry the team controls with immutable tags enforced elsewhere.',
  modelFailurePossibleReason: false,
  cwe: 1357,
  severityRationale: 'Exploitation needs an upstream compromise (unlikely); the blast radius is the workload itself (medium).',
};

function unpinned(image: string): boolean {
  if (image.includes('@sha256:')) return false;
  const tag = image.slice(image.lastIndexOf('/') + 1).split(':')[1];
  return tag === undefined || tag === '' || tag === 'latest';
}

export const rule = iacRule(category, (view) => {
  const out: Finding[] = [];
  for (const c of view.components) {
    if (c.attributes.imageUnpinned !== true) continue;
    const evidence: Evidence[] = [];
    const images = new Set<string>();
    for (const p of podSpecs(view, c)) {
      for (const { path, c: ctr } of containersOf(p)) {
        if (typeof ctr.image === 'string' && unpinned(ctr.image)) {
          images.add(ctr.image);
          evidence.push(attributeEvidence(p.resource, `${path}.image`, 'unpinned-image', `${p.resource.address} uses image ${ctr.image}`));
        }
      }
    }
    for (const img of strList(c.attributes.image)) if (unpinned(img)) images.add(img);
    evidence.push(...composeEvidence(view, c, 'image', 'unpinned-image', `${c.id} uses image ${[...images].join(', ')}`));
    out.push({
      anchor: anchorOf(c),
      likelihood: 'unlikely',
      impact: 'medium',
      what: `image ${[...images].sort().join(', ') || '(unpinned)'} has no fixed tag or digest`,
      evidence: evidence.length ? evidence : sourceEvidence(c),
    });
  }
  return out;
});
