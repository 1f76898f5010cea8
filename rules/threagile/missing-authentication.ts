import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { NO_AUTHENTICATION_REQUIRED, PROCESS_LOCAL_PROTOCOLS, UNPROTECTED_COMMS_TOLERATED } from '../../src/analyze/classes.js';
import { confRank, type ModelIndex } from '../../src/analyze/model-index.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { ExploitationImpact, ExploitationLikelihood } from '../../src/model/enums.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import type { CommunicationLink, TechnicalAsset } from '../../src/model/types.js';

export const category: RiskCategory = {
  id: 'missing-authentication',
  title: 'Missing Authentication',
  description: 'Sensitive assets that accept calls without any authentication can be used by anyone who reaches them on the network.',
  impact: 'Unauthenticated callers read or change the asset\'s data and functions.',
  asvs: 'V2 - Authentication Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html',
  action: 'Authentication of Incoming Requests',
  mitigation: 'Authenticate every caller with credentials, tokens or client certificates appropriate to the data behind the asset.',
  check: 'Does every network path into the asset require authentication?',
  function: 'architecture',
  stride: 'elevation-of-privilege',
  detectionLogic: 'In-scope assets (not load balancers, reverse proxies, service registries, WAF, IDS, IPS) handling confidential or critical data or multi-tenant, for each incoming non-local link with authentication none from a caller that is neither a datastore nor monitoring/IDS/IPS.',
  riskAssessment: 'Likely; impact from the data on the link: high for strictly-confidential or mission-critical, low for at most internal and operational, else medium.',
  falsePositives: 'Links that carry no sensitive data or where authentication happens in a layer the model does not show.',
  modelFailurePossibleReason: false,
  cwe: 306,
};

/**
 * Shared with missing-authentication-second-factor: `link` is the link into the target, `origin` the
 * link whose caller is named in the title (the same link, or the one into a forwarder).
 */
export function createAuthenticationRisk(
  model: ModelIndex,
  cat: RiskCategory,
  target: TechnicalAsset,
  link: CommunicationLink,
  origin: CommunicationLink,
  hop: string,
  impact: ExploitationImpact,
  likelihood: ExploitationLikelihood,
  twoFactor: boolean,
): Risk {
  const originTitle = model.asset(origin.sourceId)?.title ?? origin.sourceId;
  const hopText = hop ? `forwarded via <b>${hop}</b> ` : '';
  return makeRisk(cat, {
    likelihood, impact,
    title: `<b>Missing ${twoFactor ? 'Two-Factor ' : ''}Authentication</b> covering communication link <b>${link.title}</b> from <b>${originTitle}</b> ${hopText}to <b>${target.title}</b>`,
    idParts: [link.id, link.sourceId, target.id], mostRelevantTechnicalAsset: target.id, mostRelevantCommunicationLink: link.id,
    dataBreachProbability: 'possible', dataBreachTechnicalAssets: [target.id],
  });
}

/** The sensitivity gate both authentication rules share. */
export function needsAuthentication(model: ModelIndex, a: TechnicalAsset): boolean {
  return (
    cAtLeast(model.highestConfidentiality(a), 'confidential') ||
    critAtLeast(model.highestIntegrity(a), 'critical') ||
    critAtLeast(model.highestAvailability(a), 'critical') ||
    a.multiTenant
  );
}

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || NO_AUTHENTICATION_REQUIRED.has(a.technology) || !needsAuthentication(model, a)) continue;
    for (const link of model.incoming(a.id)) {
      const caller = model.asset(link.sourceId);
      if (!caller || UNPROTECTED_COMMS_TOLERATED.has(caller.technology) || caller.type === 'datastore') continue;
      const c = model.linkHighestConfidentiality(link);
      const i = model.linkHighestIntegrity(link);
      let impact: ExploitationImpact = 'medium';
      if (c === 'strictly-confidential' || i === 'mission-critical') impact = 'high';
      else if (confRank(c) <= confRank('internal') && i === 'operational') impact = 'low';
      if (link.authentication === 'none' && !PROCESS_LOCAL_PROTOCOLS.has(link.protocol)) {
        risks.push(createAuthenticationRisk(model, category, a, link, link, '', impact, 'likely', false));
      }
    }
  }
  return risks;
});
