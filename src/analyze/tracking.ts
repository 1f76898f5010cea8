/**
 * Risk tracking as Threagile 0.9.1 applies it (notes §3.5): an exact key wins; a key with `*` is a
 * pattern (`*` = one or more non-`@` characters, unanchored) applied to every risk without an exact
 * entry. Where Threagile lets two matching patterns race (Go map order), the first entry in file
 * order wins here, so results are reproducible. Entries that match nothing are orphans: warnings by
 * default, errors with `orphansAreErrors` (Threagile aborts unless -ignore-orphaned-risk-tracking).
 *
 * infragile extension: an `accepted` entry with `expires` (YYYY-MM-DD) before `today` is treated as
 * `unchecked`, with a warning naming the entry.
 */
import type { RiskStatus } from '../model/enums.js';
import type { ModelIssue, RiskTrackingEntry, ThreagileModel } from '../model/types.js';
import type { Risk } from './types.js';

export interface TrackingOptions {
  /** `YYYY-MM-DD`; defaults to the current UTC date. */
  today?: string;
  orphansAreErrors?: boolean;
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

function patternOf(key: string): RegExp {
  const escaped = key
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^@]+');
  return new RegExp(escaped);
}

function issue(model: ThreagileModel, entry: RiskTrackingEntry, severity: ModelIssue['severity'], message: string): ModelIssue {
  return { severity, file: entry.file ?? model.file ?? 'threagile.yaml', line: entry.line ?? 0, message };
}

/** Sets `riskStatus` on each risk (in place) and returns the warnings/errors the tracking produced. */
export function applyRiskTracking(model: ThreagileModel, risks: Risk[], options: TrackingOptions = {}): ModelIssue[] {
  const today = options.today ?? todayUtc();
  const issues: ModelIssue[] = [];
  const effective = new Map<RiskTrackingEntry, RiskStatus>();
  for (const entry of model.riskTracking) {
    let status = entry.status;
    if (status === 'accepted' && entry.expires && entry.expires < today) {
      status = 'unchecked';
      issues.push(issue(model, entry, 'warning', `risk tracking '${entry.syntheticRiskId}': acceptance expired on ${entry.expires}; the risk counts as unchecked again`));
    }
    effective.set(entry, status);
  }
  const exact = new Map<string, RiskTrackingEntry>();
  const patterns: Array<{ entry: RiskTrackingEntry; re: RegExp }> = [];
  for (const entry of model.riskTracking) {
    if (entry.syntheticRiskId.includes('*')) patterns.push({ entry, re: patternOf(entry.syntheticRiskId) });
    else if (!exact.has(entry.syntheticRiskId)) exact.set(entry.syntheticRiskId, entry);
  }
  const lowerIds = new Set(risks.map((r) => r.syntheticId.toLowerCase()));
  const matched = new Set<RiskTrackingEntry>();
  for (const risk of risks) {
    const e = exact.get(risk.syntheticId);
    if (e) {
      risk.riskStatus = effective.get(e)!;
      matched.add(e);
      continue;
    }
    const lower = risk.syntheticId.toLowerCase();
    for (const p of patterns) {
      if (p.re.test(lower)) {
        risk.riskStatus = effective.get(p.entry)!;
        break;
      }
    }
  }
  // Orphan check as Threagile does it: patterns against lower-cased ids, exact keys as written.
  for (const p of patterns) for (const id of lowerIds) if (p.re.test(id)) matched.add(p.entry);
  for (const entry of exact.values()) if (lowerIds.has(entry.syntheticRiskId)) matched.add(entry);
  for (const entry of model.riskTracking) {
    if (matched.has(entry)) continue;
    issues.push(
      issue(
        model,
        entry,
        options.orphansAreErrors ? 'error' : 'warning',
        `risk tracking '${entry.syntheticRiskId}' matches no identified risk (orphaned; remove it or fix the id)`,
      ),
    );
  }
  return issues;
}
