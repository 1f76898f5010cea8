/** Shared presentation helpers for the drift renderers. */
import type { Location } from '../graph/types.js';
import { DRIFT_KINDS, type DriftKind, type DriftSeverity } from '../reconcile/types.js';

export const KIND_TITLES: Record<DriftKind, string> = {
  'unmodeled-component': 'Unmodeled components',
  'missing-component': 'Missing components',
  'unmodeled-flow': 'Unmodeled flows',
  'unverified-flow': 'Unverified flows',
  'blocked-flow': 'Blocked flows',
  exposure: 'Exposure',
  protocol: 'Protocol',
  encryption: 'Encryption at rest',
  boundary: 'Trust boundary',
  type: 'Asset type',
  technology: 'Technology',
};

export const KINDS = DRIFT_KINDS;

export function where(l: Location | undefined): string {
  if (!l) return '';
  return `${l.file}:${l.line}${l.template ? ` [${l.template}]` : ''}`;
}

export function severityList(counts: Record<DriftSeverity, number>): string {
  return (['high', 'medium', 'low', 'info'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
