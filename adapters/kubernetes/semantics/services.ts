/**
 * Services: which workloads a Service selects (namespace-aware, through the label index), which
 * container port a Service port lands on, and what protocol its name or appProtocol declares.
 */
import type { Protocol } from '../../../src/model/enums.js';
import { guessProtocol, protocolForScheme, type ProtocolGuess } from '../../common/protocols.js';
import { arr, obj, str, type Cluster, type Service, type ServicePort, type Workload } from './cluster.js';
import type { WorkloadClass } from './workloads.js';

export function selectedWorkloads(cluster: Cluster, svc: Service): Workload[] {
  return cluster.selectByLabels(svc.namespace, svc.selector);
}

/** The Service port for a port number or name as written by a caller; the only port when none is given. */
export function findServicePort(svc: Service, port: number | string | undefined): ServicePort | undefined {
  if (port === undefined) return svc.ports.length === 1 ? svc.ports[0] : (svc.ports.find((p) => p.port === 80) ?? svc.ports[0]);
  return svc.ports.find((p) => p.port === port || p.name === port);
}

/** A named or numbered port on the workload's containers → its number. */
export function containerPort(w: Workload, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  for (const c of w.containers) for (const p of arr(c.spec.ports)) if (str(obj(p).name) === port && typeof obj(p).containerPort === 'number') return obj(p).containerPort as number;
  return undefined;
}

/** The container port with this number or name, as a port spec whose name can tell the protocol. */
export function containerPortSpec(w: Workload, port: number | string): ServicePort | undefined {
  for (const c of w.containers) {
    for (const p of arr(c.spec.ports).map(obj)) {
      if (typeof p.containerPort !== 'number' || (p.containerPort !== port && str(p.name) !== port)) continue;
      const sp: ServicePort = { port: p.containerPort };
      const name = str(p.name);
      if (name) sp.name = name;
      return sp;
    }
  }
  return undefined;
}

/** The workload's only declared port (app containers), with its name: what a rule without ports most likely reaches. */
export function soleContainerPort(w: Workload): ServicePort | undefined {
  const ports = w.containers.filter((c) => !c.init).flatMap((c) => arr(c.spec.ports).map(obj)).filter((p) => typeof p.containerPort === 'number');
  if (ports.length !== 1) return undefined;
  const sp: ServicePort = { port: ports[0]!.containerPort as number };
  const name = str(ports[0]!.name);
  if (name) sp.name = name;
  return sp;
}

/** Where a Service port lands on a workload: its targetPort, resolved through named container ports. */
export function targetPortOf(w: Workload, sp: ServicePort): number {
  return containerPort(w, sp.targetPort ?? sp.port) ?? sp.port;
}

/** Istio-style port names and appProtocol (`grpc`, `http-web`, `tcp-redis`) name the protocol. */
export function declaredScheme(sp: ServicePort | undefined): string | undefined {
  if (!sp) return undefined;
  const raw = (sp.appProtocol ?? sp.name ?? '').toLowerCase().replace(/^kubernetes\.io\//, '');
  const head = raw.split('-')[0] ?? '';
  if (head === 'tcp' || head === 'udp' || head === '') return undefined;
  if (head === 'http2' || head === 'h2c') return 'http';
  if (head === 'grpc-web' || head === 'grpc') return 'grpc';
  return protocolForScheme(head) ? head : undefined;
}

/** The protocol of a call to `callee` on `sp`: the URL's scheme, else the port's declared name, else the callee and port numbers. */
export function flowProtocol(opts: { scheme?: string; sp?: ServicePort; port?: number; callee?: WorkloadClass }): ProtocolGuess {
  const scheme = opts.scheme ?? declaredScheme(opts.sp);
  const g: { scheme?: string; port?: number; technology?: WorkloadClass['technology'] } = {};
  if (scheme) g.scheme = scheme;
  if (opts.port !== undefined) g.port = opts.port;
  else if (opts.sp) g.port = opts.sp.port;
  if (opts.callee) g.technology = opts.callee.technology;
  let guess = guessProtocol(g);
  // A Redis/Mongo datastore speaks a NoSQL protocol even on an unlisted port.
  if (!scheme && opts.callee?.image && /Redis|MongoDB|Memcached|Cassandra/.test(opts.callee.image.product)) guess = { protocol: 'nosql-access-protocol', encrypted: false };
  if (guess.protocol === 'unknown-protocol' && opts.callee && opts.callee.technology === 'web-service-rest') guess = { protocol: 'http' as Protocol, encrypted: false };
  return guess;
}
