/**
 * API objects → the Resources the Kubernetes adapter makes, through the adapter's own
 * parseManifest, so the live cluster feeds exactly the semantics a manifest directory does.
 * Before anything else an object is sanitised: Secret values are dropped (key names kept), and
 * bookkeeping a manifest would not carry (managedFields, the last-applied annotation, which may
 * hold a Secret's values, status) is removed.
 *
 * Location: `cluster:<context>/<namespace>/<Kind>/<name>`, line 1 (cluster-scoped objects:
 * `cluster:<context>/<Kind>/<name>`). There is no file to point into; the address is what
 * `kubectl get -n <namespace> <kind> <name>` needs.
 */
import { parseManifest, type RenderOrigin } from '../../adapters/kubernetes/manifest.js';
import type { Resource } from '../graph/resource.js';
import type { Diagnostic, Location } from '../graph/types.js';
import type { LiveKind, LiveObject } from './kinds.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function liveLocation(context: string, kind: string, name: string, namespace?: string): Location {
  return { file: namespace ? `cluster:${context}/${namespace}/${kind}/${name}` : `cluster:${context}/${kind}/${name}`, line: 1 };
}

/** A copy fit to become a Resource: kind/apiVersion set (list items lack them), no values of Secrets, no bookkeeping. */
export function sanitize(kind: LiveKind, obj: LiveObject): LiveObject {
  const { status: _status, ...rest } = obj;
  const meta = { ...(obj.metadata ?? {}) };
  delete meta.managedFields;
  if (meta.annotations && LAST_APPLIED in meta.annotations) {
    const { [LAST_APPLIED]: _dropped, ...annotations } = meta.annotations;
    meta.annotations = annotations;
  }
  const out: LiveObject = { ...rest, apiVersion: kind.apiVersion, kind: kind.kind, metadata: meta };
  if (kind.kind === 'Secret') {
    // Key names only: the values never reach a Resource, so no report can print them.
    for (const field of ['data', 'stringData']) {
      const data = obj[field];
      if (data && typeof data === 'object') out[field] = Object.fromEntries(Object.keys(data as object).sort().map((k) => [k, '']));
    }
  }
  return out;
}

export interface Converted {
  resources: Resource[];
  diagnostics: Diagnostic[];
}

export function toResources(context: string, kind: LiveKind, objects: readonly LiveObject[]): Converted {
  const out: Converted = { resources: [], diagnostics: [] };
  for (const raw of objects) {
    if (kind.keep && !kind.keep(raw)) continue;
    const obj = sanitize(kind, raw);
    const name = obj.metadata?.name ?? '(unnamed)';
    const location = liveLocation(context, kind.kind, name, kind.kind === 'Namespace' ? undefined : obj.metadata?.namespace);
    const origin: RenderOrigin = { templateFile: () => undefined, fallbackFile: location.file, locate: () => location };
    // JSON is YAML: the adapter's parser reads it as it reads a manifest.
    const parsed = parseManifest(location.file, JSON.stringify(obj), origin);
    out.resources.push(...parsed.resources);
    for (const i of parsed.issues) out.diagnostics.push({ severity: i.severity, code: i.code, message: i.message, location });
  }
  return out;
}
