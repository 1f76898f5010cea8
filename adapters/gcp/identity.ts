/**
 * Service accounts: which compute runs as which service account, so that an IAM grant to the
 * account ("serviceAccount:api@…" may read bucket X) becomes a flow from the compute to X.
 */
import type { Resource } from '../../src/graph/resource.js';
import type { CloudContext } from '../common/cloud-kit.js';
import { list, refOf, str } from '../common/tf-values.js';

const SA_TYPES = ['google_service_account'];

/** An IAM member as written: the public principals, a service account (by key), or another principal. */
export type Member = { kind: 'public'; principal: 'allUsers' | 'allAuthenticatedUsers' } | { kind: 'service-account'; key: string; label: string } | { kind: 'other'; label: string };

export class Identities {
  /** Service-account key → component ids running as it. */
  private readonly runners = new Map<string, string[]>();
  private readonly byEmailPrefix = new Map<string, Resource>();

  constructor(private readonly ctx: CloudContext) {
    for (const sa of ctx.ofType('google_service_account')) {
      ctx.graph.markFolded(sa);
      const accountId = str(sa.attributes['account_id']);
      if (accountId) this.byEmailPrefix.set(accountId, sa);
    }
  }

  /** A stable key for a service-account value: the resource address, or `email:<address>` for one outside the scan. */
  keyOf(v: unknown): string | undefined {
    const ref = refOf(v);
    if (ref) {
      const sa = this.ctx.resolve(v, SA_TYPES);
      return sa?.type === 'google_service_account' ? sa.address : ref.$ref;
    }
    const s = str(v)?.replace(/^serviceAccount:/, '');
    if (!s) return undefined;
    const sa = this.byEmailPrefix.get(s.split('@')[0]!);
    return sa && s.includes('@') && s.endsWith('.iam.gserviceaccount.com') ? sa.address : `email:${s}`;
  }

  keysOf(v: unknown): string[] {
    return list(v)
      .map((x) => this.keyOf(x))
      .filter((k): k is string => k !== undefined);
  }

  /** Record that a component runs as a service account. */
  runsAs(componentId: string, v: unknown): string | undefined {
    const key = this.keyOf(v);
    if (!key) return undefined;
    let l = this.runners.get(key);
    if (!l) this.runners.set(key, (l = []));
    if (!l.includes(componentId)) l.push(componentId);
    return key;
  }

  runnersOf(key: string): string[] {
    return this.runners.get(key) ?? [];
  }

  /** Parse an IAM member value (`allUsers`, `serviceAccount:${google_service_account.api.email}`, `user:x@y`). */
  member(v: unknown): Member | undefined {
    const s = str(v);
    if (s === 'allUsers' || s === 'allAuthenticatedUsers') return { kind: 'public', principal: s };
    const ref = refOf(v);
    const written = s ?? '';
    if (ref || written.startsWith('serviceAccount:')) {
      const key = this.keyOf(v);
      if (key) return { kind: 'service-account', key, label: ref ? ref.$ref.replace(/^tf:/, '') : written };
    }
    if (s) return { kind: 'other', label: s.split(':')[0]! };
    return undefined;
  }
}
