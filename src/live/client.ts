/**
 * The slice of @kubernetes/client-node the live source uses, typed here so the package is loaded
 * only when --kube-context is given (importing it costs ~430 ms; its 800 type files would also slow
 * every type-check).
 */
import type { ApiClass } from './kinds.js';

export interface KubeContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

export interface KubeConfigLike {
  loadFromDefault(): void;
  loadFromFile(path: string): void;
  getContexts(): KubeContext[];
  setCurrentContext(name: string): void;
  getCluster(name: string): { server: string } | null;
  makeApiClient(api: unknown): ApiClient;
}

export interface ListResponse {
  items?: unknown[];
  metadata?: { _continue?: string; continue?: string };
}

export type ApiClient = Record<string, ((params: Record<string, unknown>) => Promise<ListResponse>) | undefined>;

export interface ClientModule {
  KubeConfig: new () => KubeConfigLike;
  CoreV1Api: unknown;
  AppsV1Api: unknown;
  BatchV1Api: unknown;
  NetworkingV1Api: unknown;
}

const SPEC: string = '@kubernetes/client-node';

export async function loadClient(): Promise<ClientModule> {
  return (await import(SPEC)) as ClientModule;
}

export function apiClass(mod: ClientModule, api: ApiClass): unknown {
  return mod[api];
}

interface AttributeType {
  name: string;
  baseName: string;
}

/**
 * A typed client object back to the API's JSON: the generated classes rename some fields
 * (`from` → `_from` in NetworkPolicy rules, `continue` → `_continue`) and turn timestamps into
 * Dates. Each class lists its TypeScript name → wire name pairs (`getAttributeTypeMap`); plain
 * objects are maps (labels, ConfigMap data) and keep their keys.
 */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toWire);
  if (value === null || typeof value !== 'object') return value;
  const ctor = (value as { constructor?: { getAttributeTypeMap?: () => AttributeType[] } }).constructor;
  const out: Record<string, unknown> = {};
  if (typeof ctor?.getAttributeTypeMap === 'function') {
    for (const a of ctor.getAttributeTypeMap()) {
      const v = (value as Record<string, unknown>)[a.name];
      if (v !== undefined) out[a.baseName] = toWire(v);
    }
  } else for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
  return out;
}
