/**
 * What can go wrong talking to a cluster, turned into one sentence a user can act on. The CLI
 * prints a LiveError's message and exits 2, never a stack trace.
 */
import { LIVE_KINDS, NAMESPACE_KIND, rbacName, type LiveKind } from './kinds.js';

export type LiveErrorKind = 'no-kubeconfig' | 'unknown-context' | 'unreachable' | 'unauthorized' | 'forbidden' | 'timeout' | 'api';

export class LiveError extends Error {
  constructor(
    readonly kind: LiveErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A failed list call, before classification. */
export interface ListFailure {
  kind: LiveKind;
  namespace?: string;
  error: unknown;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID']);

/** The HTTP status of an ApiException, or undefined for transport errors. */
export function httpStatus(e: unknown): number | undefined {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/** A transport error code (ECONNREFUSED …) anywhere in the cause chain. */
export function networkCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || /^E[A-Z]+$/.test(code))) return code;
  }
  return undefined;
}

/** The Kubernetes Status message in an ApiException body (a JSON string or an object), when there is one. */
export function statusMessage(e: unknown): string | undefined {
  let body = (e as { body?: unknown })?.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const msg = (body as { message?: unknown })?.message;
  return typeof msg === 'string' && msg.length < 500 ? msg : undefined;
}

const where = (ns?: string) => (ns ? `in namespace ${ns}` : 'cluster-wide (all namespaces)');

/** The whole read failed: the first failure that is about the connection or the credential wins, then all 403s together. */
export function classify(failures: readonly ListFailure[], context: string, server: string): LiveError {
  for (const f of failures) {
    const net = networkCode(f.error);
    if (net) return new LiveError('unreachable', `cannot reach the cluster of context '${context}' at ${server}: ${net}${(f.error as Error)?.message ? ` (${firstLine((f.error as Error).message)})` : ''}; check the VPN/network, that the cluster is running, and the server address in your kubeconfig`);
    if (f.error instanceof LiveError && f.error.kind === 'timeout') return f.error;
    if (httpStatus(f.error) === 401)
      return new LiveError(
        'unauthorized',
        `the cluster of context '${context}' (${server}) rejected the credentials (401 Unauthorized): the token or client certificate is expired or invalid; refresh them (e.g. \`gcloud container clusters get-credentials\`, \`aws eks update-kubeconfig\`, \`az aks get-credentials\`, or log in again) and retry`,
      );
  }
  const forbidden = failures.filter((f) => httpStatus(f.error) === 403);
  if (forbidden.length) {
    const lines = forbidden.map((f) => `list ${rbacName(f.kind)} ${where(f.namespace)}${statusMessage(f.error) ? ` (${statusMessage(f.error)})` : ''}`);
    const resources = [...new Set(forbidden.map((f) => rbacName(f.kind)))].sort();
    const ns = forbidden.find((f) => f.namespace)?.namespace;
    const grant = ns
      ? `kubectl create role infragile-reader -n ${ns} --verb=list --resource=${resources.join(',')} && kubectl create rolebinding infragile-reader -n ${ns} --role=infragile-reader --user=<you>`
      : `kubectl create clusterrole infragile-reader --verb=list --resource=${resources.join(',')} && kubectl create clusterrolebinding infragile-reader --clusterrole=infragile-reader --user=<you>`;
    return new LiveError('forbidden', `forbidden (403) on the cluster of context '${context}': ${lines.join('; ')}. infragile needs the 'list' verb on ${resources.join(', ')}; grant it, e.g.: ${grant}${ns ? '' : ' (or pass --namespace NS to read one namespace)'}`);
  }
  const f = failures[0]!;
  const status = httpStatus(f.error);
  return new LiveError('api', `listing ${rbacName(f.kind)} ${where(f.namespace)} on context '${context}' failed${status ? ` (HTTP ${status})` : ''}: ${statusMessage(f.error) ?? firstLine((f.error as Error)?.message ?? String(f.error))}`);
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 300);
}

/** Every RBAC resource the live source lists, for the docs and the forbidden message. */
export function requiredResources(): string[] {
  return [...new Set([...LIVE_KINDS, NAMESPACE_KIND].map(rbacName))].sort();
}
