/**
 * Flows between compose services, caller → callee: endpoints in environment values (URLs,
 * host:port, bare host names in host-ish variables, static IPs), `links`, `depends_on`, Traefik
 * router labels, and endpoints in config files the service mounts or builds with. External hosts
 * become one external-entity component per host.
 */
import type { GraphBuilder } from '../../src/graph/builder.js';
import { slug } from '../../src/graph/ids.js';
import type { Confidence, Evidence, Location } from '../../src/graph/types.js';
import { isExternalHost, isLoopbackHost, looksLikeHostName, parseEndpoints, type Endpoint } from '../common/endpoints.js';
import { imageRepository } from '../common/images.js';
import { defaultPortForScheme, guessProtocol } from '../common/protocols.js';
import type { ServiceAttributes } from './model.js';
import type { ServiceKind } from './service-facts.js';

export interface ServiceInfo {
  id: string;
  attrs: ServiceAttributes;
  kind: ServiceKind;
  location: Location;
}

export interface ProjectIndex {
  project: string;
  services: Map<string, ServiceInfo>;
  /** Lower-cased service names, container names, hostnames and network aliases → service name. */
  hosts: Map<string, string>;
  /** Static IPv4/IPv6 addresses → service name. */
  ips: Map<string, string>;
}

export function indexProject(project: string, services: ServiceInfo[]): ProjectIndex {
  const idx: ProjectIndex = { project, services: new Map(), hosts: new Map(), ips: new Map() };
  for (const s of services) idx.services.set(s.attrs.name, s);
  // Service names win over aliases: add aliases first, names last.
  for (const s of services) {
    for (const n of s.attrs.networks) {
      for (const a of n.aliases) idx.hosts.set(a.toLowerCase(), s.attrs.name);
      if (n.ipv4Address) idx.ips.set(n.ipv4Address, s.attrs.name);
      if (n.ipv6Address) idx.ips.set(n.ipv6Address.toLowerCase(), s.attrs.name);
    }
    if (s.attrs.hostname) idx.hosts.set(s.attrs.hostname.toLowerCase(), s.attrs.name);
    if (s.attrs.containerName) idx.hosts.set(s.attrs.containerName.toLowerCase(), s.attrs.name);
  }
  for (const s of services) idx.hosts.set(s.attrs.name.toLowerCase(), s.attrs.name);
  return idx;
}

/** Variable names whose bare value is a host name (`DB_HOST=db`, `REDIS_ADDR=cache`). */
const HOSTISH_VAR = /(^|[_.])(HOSTS?|HOSTNAME|ADDR|ADDRESS|SERVERS?|URLS?|URIS?|ENDPOINTS?|BROKERS?|UPSTREAMS?|BACKENDS?|DNS|NODES|SEEDS)$/i;
const NOT_A_HOST = /^(true|false|yes|no|on|off|none|null|auto|default|localhost|\d+)$/i;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isPrivateIp(ip: string): boolean {
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|127\.|0\.)/.test(ip);
}

export function inferFlows(idx: ProjectIndex, graph: GraphBuilder): void {
  const proxies = [...idx.services.values()].filter((s) => s.attrs.image && /(^|\/)traefik$/.test(imageRepository(s.attrs.image)));
  for (const caller of [...idx.services.values()].sort((a, b) => (a.attrs.name < b.attrs.name ? -1 : a.attrs.name > b.attrs.name ? 1 : 0))) {
    const resolve = (host: string): ServiceInfo | undefined => {
      const h = host.toLowerCase();
      const viaLink = caller.attrs.links.find((l) => (l.alias ?? l.service).toLowerCase() === h);
      const name = viaLink?.service ?? idx.hosts.get(h) ?? idx.ips.get(h);
      return name ? idx.services.get(name) : undefined;
    };
    const flowTo = (callee: ServiceInfo, e: { scheme?: string; port?: number }, confidence: Confidence, evidence: Evidence) => {
      // A URL without a port uses its scheme's default (http://api/ → 80), not the callee's own port.
      const port = e.port ?? defaultPortForScheme(e.scheme) ?? callee.kind.port;
      const guess = guessProtocol({ scheme: e.scheme, port, technology: callee.kind.technology, type: callee.kind.type });
      graph.addFlow({ source: caller.id, target: callee.id, protocol: guess.protocol, encrypted: guess.encrypted, confidence, evidence: [evidence], ...(port !== undefined ? { port } : {}) });
    };
    const external = (e: Endpoint, evidence: Evidence) => {
      const id = slug(e.host);
      const port = e.port ?? defaultPortForScheme(e.scheme);
      const guess = guessProtocol({ scheme: e.scheme, port });
      graph.addComponent({
        id,
        title: e.host,
        type: 'external-entity',
        technology: guess.protocol === 'https' || guess.protocol === 'http' ? 'web-service-rest' : 'unknown-technology',
        machine: 'virtual',
        internet: true,
        attributes: { host: e.host, external: true },
        evidence: [{ ...evidence, kind: 'compose-external-host' }],
      });
      graph.addFlow({ source: caller.id, target: id, protocol: guess.protocol, encrypted: guess.encrypted, confidence: 'configured', evidence: [evidence], ...(port !== undefined ? { port } : {}) });
    };

    // Environment values.
    for (const env of caller.attrs.environment) {
      if (env.value === null || env.value === '') continue;
      for (const e of endpointsInValue(env.name, env.value)) {
        if (isLoopbackHost(e.host)) continue;
        const where = `${e.host}${e.port !== undefined ? `:${e.port}` : ''}`;
        const evidence: Evidence = { kind: 'compose-env-endpoint', detail: `${caller.attrs.name} env ${env.name} names ${where}`, location: env.location };
        const callee = resolve(e.host);
        if (callee) flowTo(callee, e, 'configured', evidence);
        else if (isExternalHost(e.host) || isPublicIp(e.host)) external(e, evidence);
        else if (!e.host.includes('.') || IPV4.test(e.host))
          graph.unresolved(
            `${env.name}=${where}`,
            `no service, container_name, hostname, network alias or static IP "${e.host}" in compose project ${idx.project}; add the service or scan the directory that defines it`,
            env.location,
          );
      }
    }
    // links and depends_on.
    for (const [refs, kind] of [
      [caller.attrs.links, 'compose-link'],
      [caller.attrs.dependsOn, 'compose-depends-on'],
    ] as const) {
      for (const r of refs) {
        const callee = idx.services.get(r.service);
        const key = kind === 'compose-link' ? 'links' : 'depends_on';
        if (!callee) {
          graph.unresolved(`${key}: ${r.service}`, `service ${caller.attrs.name} names ${r.service} in ${key}, but compose project ${idx.project} has no such service`, r.location);
          continue;
        }
        const confidence: Confidence = kind === 'compose-link' || callee.kind.port !== undefined ? 'configured' : 'inferred';
        flowTo(callee, {}, confidence, { kind, detail: `${caller.attrs.name} ${key} ${r.service}${r.condition ? ` (${r.condition})` : ''}`, location: r.location });
      }
    }
    for (const l of caller.attrs.externalLinks)
      graph.unresolved(`external_links: ${l}`, `container ${l.split(':')[0]} is outside compose project ${idx.project}; scan the project that runs it`, caller.attrs.keyLocations.external_links ?? caller.location);
    // Endpoints in mounted or built-in config files.
    for (const m of caller.attrs.configMentions) {
      if (isLoopbackHost(m.host)) continue;
      const where = `${m.host}${m.port !== undefined ? `:${m.port}` : ''}`;
      const evidence: Evidence = {
        kind: 'compose-config-file',
        detail: `${caller.attrs.name} ${m.via === 'mount' ? 'mounts' : 'builds with'} ${m.location.file}, which names ${where}`,
        location: m.location,
      };
      const callee = resolve(m.host);
      const e: { scheme?: string; port?: number } = {};
      if (m.scheme) e.scheme = m.scheme;
      if (m.port !== undefined) e.port = m.port;
      if (callee) flowTo(callee, e, m.via === 'mount' ? 'configured' : 'inferred', evidence);
      // A proxy's own config (nginx proxy_pass, a traefik file provider) forwards to external hosts too.
      else if ((m.proxy || caller.kind.technology === 'reverse-proxy') && isExternalHost(m.host)) external({ host: m.host, ...e }, evidence);
    }
  }
  // Traefik routes: the proxy calls every service that its docker provider routes to.
  for (const proxy of proxies) {
    for (const target of idx.services.values()) {
      const routed = Object.keys(target.attrs.labels).filter((k) => k.startsWith('traefik.'));
      if (routed.length === 0 || target.attrs.labels['traefik.enable'] === 'false' || target === proxy) continue;
      const portKey = routed.find((k) => /^traefik\.http\.services\.[^.]+\.loadbalancer\.server\.port$/.test(k));
      const port = portKey ? Number(target.attrs.labels[portKey]) : target.kind.port;
      const ruleKey = routed.find((k) => /^traefik\.http\.routers\.[^.]+\.rule$/.test(k)) ?? portKey ?? routed[0]!;
      const guess = guessProtocol({ port, technology: target.kind.technology });
      graph.addFlow({
        source: proxy.id,
        target: target.id,
        protocol: guess.protocol === 'unknown-protocol' ? 'http' : guess.protocol,
        encrypted: guess.encrypted,
        confidence: 'configured',
        evidence: [{ kind: 'compose-traefik-label', detail: `${target.attrs.name} is routed by traefik (${proxy.attrs.name}) through label ${ruleKey}`, location: target.attrs.labelLocations[ruleKey] ?? target.location }],
        ...(Number.isInteger(port) && port! > 0 ? { port: port! } : {}),
      });
    }
  }
}

function isPublicIp(host: string): boolean {
  const m = IPV4.exec(host);
  return !!m && m.slice(1).every((o) => Number(o) <= 255) && !isPrivateIp(host);
}

/** Endpoints in one variable's value: URLs and host:port anywhere; bare hosts and IPs only in host-ish variables. */
export function endpointsInValue(name: string, value: string): Endpoint[] {
  const found = parseEndpoints(value);
  if (found.length) return found;
  if (!HOSTISH_VAR.test(name.replace(/_+$/, ''))) return [];
  const out: Endpoint[] = [];
  for (const token of value.split(/[\s,;]+/)) {
    // dnsmasq-style `host#port` (pihole's PIHOLE_DNS_) and plain `host`.
    const [host, port] = token.split('#');
    if (!host || NOT_A_HOST.test(host) || !(looksLikeHostName(host) || IPV4.test(host))) continue;
    const e: Endpoint = { host: host.toLowerCase() };
    const p = port !== undefined ? Number(port) : undefined;
    if (p !== undefined && Number.isInteger(p) && p > 0 && p < 65536) e.port = p;
    out.push(e);
  }
  return out;
}
