/**
 * Deterministic risk order. Threagile 0.9.1 writes risks.json in Go map order (random); we use the
 * order its reports use instead: categories by highest still-at-risk severity (categories with open
 * risks first, then by title), risks inside a category by severity, tracking status, impact,
 * likelihood and title, with the synthetic id as the final tie-breaker.
 */
import { EXPLOITATION_IMPACTS, EXPLOITATION_LIKELIHOODS, RISK_SEVERITIES, RISK_STATUSES, type RiskSeverity, type RiskStatus } from '../model/enums.js';
import type { Risk, RiskCategory } from './types.js';

export const STILL_AT_RISK: ReadonlySet<RiskStatus> = new Set<RiskStatus>(['unchecked', 'in-discussion', 'accepted', 'in-progress']);

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
const sev = (s: RiskSeverity): number => RISK_SEVERITIES.indexOf(s);

export function compareRisks(a: Risk, b: Risk): number {
  return (
    sev(b.severity) - sev(a.severity) ||
    RISK_STATUSES.indexOf(a.riskStatus) - RISK_STATUSES.indexOf(b.riskStatus) ||
    EXPLOITATION_IMPACTS.indexOf(b.exploitationImpact) - EXPLOITATION_IMPACTS.indexOf(a.exploitationImpact) ||
    EXPLOITATION_LIKELIHOODS.indexOf(b.exploitationLikelihood) - EXPLOITATION_LIKELIHOODS.indexOf(a.exploitationLikelihood) ||
    cmp(a.title, b.title) ||
    cmp(a.syntheticId, b.syntheticId)
  );
}

export function orderRisks(risks: readonly Risk[], categories: ReadonlyMap<string, RiskCategory>): Risk[] {
  const byCategory = new Map<string, Risk[]>();
  for (const r of risks) {
    const list = byCategory.get(r.category) ?? [];
    list.push(r);
    byCategory.set(r.category, list);
  }
  const summary = [...byCategory.entries()].map(([id, list]) => {
    const open = list.filter((r) => STILL_AT_RISK.has(r.riskStatus));
    const highest = open.reduce((h, r) => Math.max(h, sev(r.severity)), -1);
    return { id, title: categories.get(id)?.title ?? id, list: [...list].sort(compareRisks), open: open.length, highest };
  });
  summary.sort((a, b) => b.highest - a.highest || (a.open > 0 ? 0 : 1) - (b.open > 0 ? 0 : 1) || cmp(a.title, b.title) || cmp(a.id, b.id));
  return summary.flatMap((s) => s.list);
}
