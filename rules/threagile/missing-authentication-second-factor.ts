import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { TRAFFIC_FORWARDING, UNPROTECTED_COMMS_TOLERATED } from '../../src/analyze/classes.js';
import type { ModelIndex } from '../../src/analyze/model-index.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import type { CommunicationLink, TechnicalAsset } from '../../src/model/types.js';
import { createAuthenticationRisk, needsAuthentication } from './missing-authentication.js';

export const category: RiskCategory = {
  id: 'missing-authentication-second-factor',
  title: 'Missing Two-Factor Authentication (2FA)',
  description: 'Humans reaching sensitive assets with a single factor are one phished or reused password away from handing over their access.',
  impact: 'Stolen or guessed credentials give full access to what the user may see and change.',
  asvs: 'V2 - Authentication Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Multifactor_Authentication_Cheat_Sheet.html',
  action: 'Authentication with Second Factor (2FA)',
  mitigation: 'Require a second factor (TOTP, WebAuthn, hardware keys) for human access to sensitive assets, also through load balancers and proxies.',
  check: 'Do all human access paths to sensitive assets enforce a second factor?',
  function: 'business-side',
  stride: 'elevation-of-privilege',
  detectionLogic: 'In-scope sensitive or multi-tenant assets (not traffic forwarders, not monitoring/IDS/IPS), for incoming links from human-used clients (directly or one hop through a traffic forwarder) carrying confidential or critical data without two-factor authentication.',
  riskAssessment: 'Unlikely with medium impact.',
  falsePositives: 'Access paths where a second factor is enforced upstream (e.g. by an SSO the model does not show).',
  modelFailurePossibleReason: false,
  cwe: 308,
};

const skipCaller = (caller: TechnicalAsset | undefined): boolean =>
  !caller || UNPROTECTED_COMMS_TOLERATED.has(caller.technology) || caller.type === 'datastore';

function sensitiveWithoutTwoFactor(model: ModelIndex, link: CommunicationLink): boolean {
  const moreRisky = cAtLeast(model.linkHighestConfidentiality(link), 'confidential') || critAtLeast(model.linkHighestIntegrity(link), 'critical');
  return moreRisky && link.authentication !== 'two-factor';
}

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || TRAFFIC_FORWARDING.has(a.technology) || UNPROTECTED_COMMS_TOLERATED.has(a.technology)) continue;
    if (!needsAuthentication(model, a)) continue;
    for (const link of model.incoming(a.id)) {
      const caller = model.asset(link.sourceId);
      if (skipCaller(caller)) continue;
      if (caller!.usedAsClientByHuman) {
        if (sensitiveWithoutTwoFactor(model, link)) risks.push(createAuthenticationRisk(model, category, a, link, link, '', 'medium', 'unlikely', true));
      } else if (TRAFFIC_FORWARDING.has(caller!.technology)) {
        // One hop up through the forwarder. Several human clients behind it yield the same id (v1 behaviour).
        for (const callersLink of model.incoming(caller!.id)) {
          const callersCaller = model.asset(callersLink.sourceId);
          if (skipCaller(callersCaller) || !callersCaller!.usedAsClientByHuman) continue;
          if (sensitiveWithoutTwoFactor(model, callersLink)) {
            risks.push(createAuthenticationRisk(model, category, a, link, callersLink, caller!.title, 'medium', 'unlikely', true));
          }
        }
      }
    }
  }
  return risks;
});
