/**
 * East-west and egress flows from configuration: env vars (literal, `$(VAR)` expansion, ConfigMap
 * and Secret key refs, envFrom), and URLs or `host:port` in command/args. The caller is the workload
 * holding the configuration; the callee is the workload behind the named Service, or an external
 * entity per public host. Only hosts and ports are ever printed, never values.
 */
import type { GraphBuilder } from '../../../src/graph/builder.js';
import { slug } from '../../../src/graph/ids.js';
import type { Location } from '../../../src/graph/types.js';
import type { Technology } from '../../../src/model/enums.js';
import { isAddressVarName, isExternalHost, isLoopbackHost, looksLikeHostName, parseEndpoints, type Endpoint } from '../../common/endpoints.js';
import { guessProtocol } from '../../common/protocols.js';
import { arr, loc, obj, str, type Cluster, type Container, type Service, type Workload } from './cluster.js';
import { findServicePort, flowProtocol, selectedWorkloads, targetPortOf } from './services.js';
import type { WorkloadClass } from './workloads.js';
import { lookupTable } from '../../../src/util/lookup.js';

interface Setting {
  /** What to show: `CART_ADDR`, `ConfigMap app-config key DB_HOST`, `args[2]`. */
  label: string;
  endpoints: Endpoint[];
  /**
   * Set when the value is a bare host name (no scheme, no port): the variable's name, which must say
   * it holds an address (`DB_HOST`) unless the value is a cluster DNS name (`db.shop.svc`).
   */
  bare?: { variable: string };
  location: Location;
}

/** Variables whose bare value is another system's host: `DB_HOST`, `REDIS_ADDR`, `SEARCH_ENDPOINT` (not `HOSTNAME`: often the pod's own public name). */
const HOST_VARIABLE = /^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*_(?:HOST|ADDR|ADDRESS|ENDPOINT|SERVER)$/;

/** Bare values in address variables that switch a feature off or leave it to a default, not host names. */
const NOT_A_HOST = /^(true|false|yes|no|on|off|none|null|nil|auto|default|disabled|enabled|unset|changeme|\d+)$/i;

const DEFAULT_PORTS: Record<string, number> = lookupTable({ http: 80, https: 443, ws: 80, wss: 443, grpcs: 443, smtp: 25, smtps: 465, ldap: 389, ldaps: 636, amqp: 5672, amqps: 5671 });

export function addConfigFlows(graph: GraphBuilder, cluster: Cluster, w: Workload, classes: ReadonlyMap<Workload, WorkloadClass>): void {
  for (const c of w.containers) for (const s of settingsOf(cluster, w, c)) for (const ep of s.endpoints) addEndpointFlow(graph, cluster, w, s, ep, classes);
}

function settingsOf(cluster: Cluster, w: Workload, c: Container): Setting[] {
  const r = w.resource;
  const out: Setting[] = [];
  const vars = new Map<string, string>();
  const push = (variable: string, label: string, value: string, location: Location) => {
    const endpoints = parseEndpoints(value);
    if (endpoints.length) out.push({ label, endpoints, location });
    else if (looksLikeHostName(value) && value.length < 254) out.push({ label, endpoints: [{ host: value.toLowerCase() }], bare: { variable }, location });
  };
  const pushSecret = (label: string, secretName: string, key: string | undefined, location: Location) => {
    const secret = cluster.secret(w.namespace, secretName);
    if (!secret) return;
    for (const field of ['data', 'stringData']) {
      for (const [k, v] of Object.entries(obj(secret.attributes[field]))) {
        if (key !== undefined && k !== key) continue;
        const endpoints = arr(obj(v).endpoints) as Endpoint[];
        if (endpoints.length) out.push({ label: `${label} (Secret ${secretName} key ${k})`, endpoints, location });
      }
    }
  };
  arr(c.spec.envFrom).forEach((ef, i) => {
    const e = obj(ef);
    const prefix = str(e.prefix) ?? '';
    const location = loc(r, `${c.path}.envFrom[${i}]`);
    const cmName = str(obj(e.configMapRef).name);
    if (cmName) {
      const cm = cluster.configMap(w.namespace, cmName);
      for (const [k, v] of Object.entries(obj(cm?.attributes.data))) {
        const value = str(v);
        if (value === undefined) continue;
        vars.set(prefix + k, value);
        push(prefix + k, `${prefix}${k} (envFrom ConfigMap ${cmName})`, value, cm ? loc(cm, 'data') : location);
      }
    }
    const secretName = str(obj(e.secretRef).name);
    if (secretName) pushSecret(`envFrom`, secretName, undefined, location);
  });
  arr(c.spec.env).forEach((ev, i) => {
    const e = obj(ev);
    const name = str(e.name);
    if (!name) return;
    const location = loc(r, `${c.path}.env[${i}]`);
    const from = obj(e.valueFrom);
    let value: string | undefined;
    if (typeof e.value === 'string' || typeof e.value === 'number') value = expand(String(e.value), vars, cluster, w.namespace, false);
    else if (from.configMapKeyRef) {
      const ref = obj(from.configMapKeyRef);
      const cmName = str(ref.name);
      const cm = cmName ? cluster.configMap(w.namespace, cmName) : undefined;
      value = str(obj(cm?.attributes.data)[str(ref.key) ?? '']);
      if (value !== undefined) value = `${value}`;
    } else if (from.secretKeyRef) {
      const ref = obj(from.secretKeyRef);
      const secretName = str(ref.name);
      if (secretName) pushSecret(name, secretName, str(ref.key), location);
      return;
    }
    if (value === undefined) return;
    vars.set(name, value);
    push(name, name, value, location);
  });
  for (const field of ['command', 'args'] as const) {
    arr(c.spec[field]).forEach((a, i) => {
      const raw = str(a);
      if (raw === undefined) return;
      const value = expand(raw, vars, cluster, w.namespace, true);
      const location = loc(r, `${c.path}.${field}`);
      const urls = parseEndpoints(value).filter((e) => e.scheme !== undefined);
      if (urls.length) out.push({ label: `${field}[${i}]`, endpoints: urls, location });
      else {
        // `--redis=argocd-redis:6379` or `--backend cart:7070`
        const flag = /^--?[\w.-]+=(.+)$/.exec(value)?.[1] ?? (/^--?/.test(value) ? undefined : value);
        if (flag && /:\d+$/.test(flag)) {
          const endpoints = parseEndpoints(flag);
          if (endpoints.length) out.push({ label: `${field}[${i}]`, endpoints, location });
        }
      }
    });
  }
  return out;
}

/**
 * `$(VAR)` as Kubernetes expands it (earlier env vars; `$$` escapes), plus Kubernetes' injected
 * `<SVC>_SERVICE_HOST/_PORT`; in command/args also shell `${VAR}`/`$VAR` (most are run through `sh -c`).
 */
function expand(value: string, vars: ReadonlyMap<string, string>, cluster: Cluster, ns: string, shell: boolean): string {
  // Every form below starts with `$`; most values have none.
  if (!value.includes('$')) return value;
  const lookup = (name: string, whole: string) => {
    const v = vars.get(name);
    if (v !== undefined) return v;
    const m = /^(\w+)_SERVICE_(HOST|PORT)$/.exec(name);
    if (m) {
      const svc = cluster.service(ns, m[1]!.toLowerCase().replace(/_/g, '-'));
      if (svc) return m[2] === 'HOST' ? svc.name : String(svc.ports[0]?.port ?? '');
    }
    return whole;
  };
  let out = value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name?: string) => (name ? lookup(name, whole) : '$'));
  if (shell) out = out.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, a?: string, b?: string) => lookup((a ?? b)!, whole));
  return out;
}

interface ServiceHost {
  name: string;
  namespace: string;
}

/** `cart`, `cart.shop`, `cart.shop.svc`, `cart.shop.svc.cluster.local`, `pod-0.cart.shop.svc.cluster.local` → Service name and namespace. */
export function serviceHost(host: string, ns: string, cluster: Cluster): ServiceHost | undefined {
  const h = host.replace(/\.$/, '').replace(/\.svc\.[a-z0-9.-]+$/, '.svc');
  const parts = h.split('.');
  if (parts.length === 1) return { name: parts[0]!, namespace: ns };
  if (parts.length === 2 && cluster.namespaces.has(parts[1]!)) return { name: parts[0]!, namespace: parts[1]! };
  if (parts.length === 3 && parts[2] === 'svc') return { name: parts[0]!, namespace: parts[1]! };
  if (parts.length === 4 && parts[3] === 'svc') return { name: parts[1]!, namespace: parts[2]! };
  return undefined;
}

function addEndpointFlow(graph: GraphBuilder, cluster: Cluster, w: Workload, s: Setting, ep: Endpoint, classes: ReadonlyMap<Workload, WorkloadClass>): void {
  if (isLoopbackHost(ep.host)) return;
  // A bare word is a value like any other (`MYSQL_DATABASE=enduro`, `APP_NAME=cart`) unless the
  // variable's name says it holds an address or the word is a cluster DNS name (`cart.shop.svc`).
  const addressVar = s.bare !== undefined && isAddressVarName(s.bare.variable);
  if (s.bare && !addressVar && !ep.host.includes('.')) return;
  const sh = serviceHost(ep.host, w.namespace, cluster);
  const svc = sh ? cluster.service(sh.namespace, sh.name) : undefined;
  const shown = `${ep.scheme ? `${ep.scheme}://` : ''}${ep.host}${ep.port ? `:${ep.port}` : ''}`;
  if (svc) {
    if (svc.externalName) return addExternalFlow(graph, w, s, { ...ep, host: svc.externalName }, `${s.label} names ${shown}, Service ${svc.namespace}/${svc.name} is ExternalName ${svc.externalName}`);
    const sp = findServicePort(svc, ep.port);
    const targets = selectedWorkloads(cluster, svc);
    if (targets.length === 0) {
      graph.unresolved(`${s.label}=${shown}`, `Service ${svc.namespace}/${svc.name} selects no workload in the scan (selector ${Object.entries(svc.selector).map(([k, v]) => `${k}=${v}`).join(', ') || 'none'}); add the workload's manifest or fix the selector`, s.location);
      return;
    }
    for (const t of targets) {
      const port = sp ? targetPortOf(t, sp) : ep.port;
      const guess = flowProtocol({ ...(ep.scheme ? { scheme: ep.scheme } : {}), ...(sp ? { sp } : {}), ...(port !== undefined ? { port } : {}), callee: classes.get(t)! });
      const flow: Parameters<GraphBuilder['addFlow']>[0] = {
        source: w.id,
        target: t.id,
        protocol: guess.protocol,
        encrypted: guess.encrypted,
        confidence: 'configured',
        evidence: [
          {
            kind: 'k8s-env-service-reference',
            detail: `${w.kind} ${w.namespace}/${w.name}: ${s.label} names ${shown} → Service ${svc.namespace}/${svc.name}${sp ? `:${sp.port}` : ''} → ${t.kind} ${t.name}${port !== undefined ? `:${port}` : ''}`,
            location: s.location,
          },
          { kind: 'k8s-service-selector', detail: `Service ${svc.namespace}/${svc.name} selects ${t.kind} ${t.name}`, location: svc.resource.location },
        ],
      };
      if (port !== undefined) flow.port = port;
      graph.addFlow(flow);
    }
    return;
  }
  // A bare word that names no Service is just a value; a cluster DNS name (`x.ns.svc…`) is a reference all the same,
  // and so is a public DNS name in a `<THING>_HOST`-style variable (`DB_HOST=mydb.….rds.amazonaws.com`),
  // which the cross-format join can then match to the cloud resource of the scan.
  if (s.bare && !/\.svc(\.|$)/.test(ep.host) && !(HOST_VARIABLE.test(s.bare.variable) && isExternalHost(ep.host))) {
    // `DB_HOST=postgres` with no Service `postgres` in the scan: a reference we cannot follow.
    if (addressVar && sh && !ep.host.includes('.') && !NOT_A_HOST.test(ep.host)) graph.unresolved(`${s.label}=${shown}`, noService(sh), s.location);
    return;
  }
  if (isExternalHost(ep.host)) return addExternalFlow(graph, w, s, ep, `${w.kind} ${w.namespace}/${w.name}: ${s.label} names ${shown}`);
  if (sh && !/^\d+(\.\d+){3}$/.test(ep.host)) {
    graph.unresolved(`${s.label}=${shown}`, noService(sh), s.location);
  }
}

function noService(sh: ServiceHost): string {
  return `no Service named ${sh.name} in namespace ${sh.namespace} in the scan; add its manifest to the scanned paths (or it is deployed elsewhere)`;
}

function externalTechnology(ep: Endpoint): Technology {
  const scheme = ep.scheme ?? '';
  if (/^(https?|wss?)$/.test(scheme) || ep.port === 443 || ep.port === 80) return 'web-service-rest';
  if (/^smtps?$/.test(scheme) || ep.port === 25 || ep.port === 587 || ep.port === 465) return 'mail-server';
  if (/^(postgres|postgresql|mysql|mariadb|sqlserver|mssql|oracle|mongodb|mongodb\+srv|redis|rediss)$/.test(scheme)) return 'database';
  if (/^(amqps?|kafka|nats|mqtts?)$/.test(scheme)) return 'message-queue';
  return 'unknown-technology';
}

function addExternalFlow(graph: GraphBuilder, w: Workload, s: Setting, ep: Endpoint, detail: string): void {
  const id = slug(ep.host);
  graph.addComponent({
    id,
    title: ep.host,
    type: 'external-entity',
    technology: externalTechnology(ep),
    machine: 'virtual',
    internet: true,
    attributes: { external: true, host: ep.host },
    evidence: [{ kind: 'k8s-external-endpoint', detail, location: s.location }],
  });
  const port = ep.port ?? (ep.scheme ? DEFAULT_PORTS[ep.scheme] : undefined);
  const guess = guessProtocol({ ...(ep.scheme ? { scheme: ep.scheme } : {}), ...(port !== undefined ? { port } : {}) });
  const flow: Parameters<GraphBuilder['addFlow']>[0] = {
    source: w.id,
    target: id,
    protocol: guess.protocol,
    encrypted: guess.encrypted,
    confidence: 'configured',
    evidence: [{ kind: 'k8s-env-external-url', detail, location: s.location }],
  };
  if (port !== undefined) flow.port = port;
  graph.addFlow(flow);
}

