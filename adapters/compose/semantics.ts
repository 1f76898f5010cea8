/**
 * Compose semantics: what the resources of the compose adapter mean. Services become components,
 * networks trust boundaries, published ports exposure to the internet, environment/links/depends_on/
 * labels/mounted configs flows, secrets/configs/datastore volumes data assets.
 */
import type { Semantics } from '../../src/graph/adapter.js';
import type { GraphBuilder } from '../../src/graph/builder.js';
import { compareStrings } from '../../src/graph/ids.js';
import type { Resource } from '../../src/graph/resource.js';
import type { DataAssetKind, Evidence } from '../../src/graph/types.js';
import { guessProtocol } from '../common/protocols.js';
import { indexProject, inferFlows, type ServiceInfo } from './flows.js';
import { scopedIds } from './ids.js';
import type { FileObjectAttributes, NetworkAttributes, ServiceAttributes, VolumeAttributes } from './model.js';
import { isLoopbackBinding } from './ports.js';
import { classifyService, securityEvidence, serviceAttributes } from './service-facts.js';

interface ProjectResources {
  services: Resource[];
  networks: Resource[];
  volumes: Resource[];
  secrets: Resource[];
  configs: Resource[];
}

const attrsOf = <T>(r: Resource) => r.attributes as unknown as T;

export const composeSemantics: Semantics = {
  meta: { id: 'compose', description: 'docker-compose: services, networks, published ports, env/links/depends_on flows, secrets and volumes' },
  accepts: (r) => r.format === 'compose',
  apply(resources, graph) {
    const projects = new Map<string, ProjectResources>();
    for (const r of resources) {
      const p = r.group ?? '';
      if (!projects.has(p)) projects.set(p, { services: [], networks: [], volumes: [], secrets: [], configs: [] });
      const bucket = projects.get(p)!;
      if (r.type === 'service') bucket.services.push(r);
      else if (r.type === 'network') bucket.networks.push(r);
      else if (r.type === 'volume') bucket.volumes.push(r);
      else if (r.type === 'secret') bucket.secrets.push(r);
      else if (r.type === 'config') bucket.configs.push(r);
      // Anything else stays unmarked and is reported as unmapped.
    }
    const all = [...projects.values()];
    const serviceId = scopedIds(all.flatMap((p) => p.services.map((r) => attrsOf<ServiceAttributes>(r))));
    const networkId = scopedIds(all.flatMap((p) => p.networks.map((r) => networkNamed(attrsOf<NetworkAttributes>(r)))));
    const dataId = scopedIds(all.flatMap((p) => [...p.secrets, ...p.configs, ...p.volumes].map((r) => attrsOf<{ project: string; name: string }>(r))));
    for (const name of [...projects.keys()].sort(compareStrings)) {
      applyProject(name, projects.get(name)!, graph, { serviceId, networkId, dataId });
    }
  },
};

/** The implicit network is `<project>-default`, never plain `default`. */
function networkNamed(n: NetworkAttributes): { project: string; name: string } {
  return { project: n.project, name: n.implicit || n.name === 'default' ? `${n.project}-default` : n.name };
}

interface Ids {
  serviceId: (n: { project: string; name: string }) => string;
  networkId: (n: { project: string; name: string }) => string;
  dataId: (n: { project: string; name: string }) => string;
}

function applyProject(project: string, res: ProjectResources, graph: GraphBuilder, ids: Ids): void {
  // Components.
  const infos: ServiceInfo[] = [];
  for (const r of res.services) {
    const s = attrsOf<ServiceAttributes>(r);
    const kind = classifyService(s);
    const id = ids.serviceId(s);
    graph.addComponent({
      id,
      title: s.name,
      type: kind.type,
      technology: kind.technology,
      machine: 'container',
      sources: (s.definedAt ?? [r.location]).map((location) => ({ address: r.address, location })),
      group: project,
      attributes: serviceAttributes(s),
      evidence: [
        { kind: 'compose-service', detail: `service ${s.name} in compose project ${project}${s.image ? ` (image ${s.image})` : s.build ? ' (built from source)' : ''}`, location: r.location },
        ...securityEvidence(s),
      ],
      ...(r.multiplicity !== undefined ? { multiplicity: r.multiplicity } : {}),
    });
    graph.markMapped(r);
    infos.push({ id, attrs: s, kind, location: r.location });
  }
  const idx = indexProject(project, infos);

  // Networks → boundaries; each service sits in its primary network.
  const networks = new Map<string, { r: Resource; n: NetworkAttributes; id: string }>();
  for (const r of res.networks) {
    const n = attrsOf<NetworkAttributes>(r);
    const id = ids.networkId(networkNamed(n));
    networks.set(n.name, { r, n, id });
    const attributes: Record<string, string | boolean | string[]> = { internal: n.internal, external: n.external, composeProject: project };
    if (n.driver) attributes.driver = n.driver;
    if (n.subnets.length) attributes.subnets = n.subnets;
    graph.addBoundary({
      id,
      title: n.implicit ? `${project} default network` : n.name,
      type: 'network-virtual-lan',
      attributes,
      evidence: [
        {
          kind: n.implicit ? 'compose-default-network' : 'compose-network',
          detail: n.implicit
            ? `services of ${project} that name no network share its default network`
            : `network ${n.name}${n.internal ? ' (internal: no route outside the host)' : ''}${n.external ? ' (external: created outside this project)' : ''}`,
          location: r.location,
        },
      ],
    });
    graph.markFolded(r);
  }
  const placed = new Map<string, string>();
  for (const info of infos) {
    const primary = [...info.attrs.networks].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0))[0];
    if (!primary) continue;
    const net = networks.get(primary.name);
    if (!net) {
      graph.unresolved(`networks: ${primary.name}`, `service ${info.attrs.name} joins network ${primary.name}, which compose project ${project} does not declare (docker compose refuses this); declare it under top-level networks:`, primary.location);
      continue;
    }
    graph.placeIn(net.id, info.id);
    placed.set(info.attrs.name, net.id);
    for (const other of info.attrs.networks.slice(1))
      if (!networks.has(other.name)) graph.unresolved(`networks: ${other.name}`, `service ${info.attrs.name} joins undeclared network ${other.name}; declare it under top-level networks:`, other.location);
  }
  // network_mode: service:x shares x's network namespace, so it sits where x sits.
  for (const info of infos) {
    const mode = info.attrs.networkMode?.mode;
    const shared = mode?.startsWith('service:') ? mode.slice('service:'.length) : undefined;
    if (!shared) continue;
    const host = placed.get(shared);
    if (host) graph.placeIn(host, info.id);
    else if (!idx.services.has(shared)) graph.unresolved(`network_mode: ${mode}`, `service ${info.attrs.name} shares the network of ${shared}, which compose project ${project} does not define`, info.attrs.networkMode!.location);
  }

  // Exposure.
  for (const info of infos) exposure(info, networks, graph);

  // Flows.
  inferFlows(idx, graph);

  // Data assets: secrets and configs (names only), named volumes of datastores.
  for (const [list, kind, useKey] of [
    [res.secrets, 'secret', 'secrets'],
    [res.configs, 'config', 'configs'],
  ] as const) {
    const declared = new Map<string, string>();
    for (const r of list) {
      const o = attrsOf<FileObjectAttributes>(r);
      const id = ids.dataId(o);
      declared.set(o.name, id);
      const from = o.origin === 'file' ? ` from file ${o.reference}` : o.origin === 'environment' ? ` from variable ${o.reference}` : o.origin === 'external' ? ' (external)' : o.origin === 'content' ? ' (inline content)' : '';
      graph.addDataAsset({ id, title: o.name, kind, sources: [{ address: r.address, location: r.location }], evidence: [{ kind: `compose-${kind}`, detail: `${kind} ${o.name}${from}`, location: r.location }] });
      graph.markFolded(r);
    }
    for (const info of infos) {
      for (const use of info.attrs[useKey]) {
        const id = declared.get(use.source);
        if (id) graph.useDataAsset(id, info.id, 'processed');
        else graph.unresolved(`${useKey}: ${use.source}`, `service ${info.attrs.name} uses ${kind} ${use.source}, which compose project ${project} does not declare under top-level ${useKey}:`, use.location);
      }
    }
  }
  const volumes = new Map<string, Resource>();
  for (const r of res.volumes) {
    volumes.set(attrsOf<VolumeAttributes>(r).name, r);
    graph.markFolded(r);
  }
  for (const info of infos) {
    for (const m of info.attrs.volumes) {
      if (m.type !== 'volume' || !m.source) continue;
      const r = volumes.get(m.source);
      if (!r) {
        graph.unresolved(`volumes: ${m.source}`, `service ${info.attrs.name} mounts named volume ${m.source}, which compose project ${project} does not declare under top-level volumes:`, m.location);
        continue;
      }
      if (info.kind.type !== 'datastore') continue;
      const v = attrsOf<VolumeAttributes>(r);
      const id = ids.dataId(v);
      const kind: DataAssetKind = info.kind.technology === 'database' ? 'database' : info.kind.technology === 'message-queue' ? 'queue' : 'volume';
      graph.addDataAsset({
        id,
        title: v.name,
        kind,
        sources: [{ address: r.address, location: r.location }],
        evidence: [{ kind: 'compose-volume', detail: `${info.attrs.name} keeps its data in volume ${v.name} at ${m.target}`, location: m.location }],
      });
      graph.useDataAsset(id, info.id, 'stored');
    }
  }
  // Other services that mount a datastore's volume process its data.
  for (const info of infos) {
    for (const m of info.attrs.volumes) {
      if (m.type !== 'volume' || !m.source || info.kind.type === 'datastore') continue;
      const r = volumes.get(m.source);
      if (!r) continue;
      const id = ids.dataId(attrsOf<VolumeAttributes>(r));
      if (graph.dataAsset(id)) graph.useDataAsset(id, info.id, 'processed');
    }
  }
}

function exposure(info: ServiceInfo, networks: Map<string, { n: NetworkAttributes }>, graph: GraphBuilder): void {
  const s = info.attrs;
  if (s.networkMode?.mode === 'host') {
    graph.exposeToInternet(info.id, {
      confidence: 'inferred',
      evidence: [{ kind: 'compose-network-host', detail: `${s.name} uses network_mode: host; every port it listens on is open on the host's interfaces`, location: s.networkMode.location }],
    });
    return;
  }
  if (s.networkMode) return; // none, service:x, container:x: ports are not published by this service
  const published = s.ports.filter((p) => !isLoopbackBinding(p.hostIp));
  if (published.length === 0) return;
  const attached = s.networks.map((n) => networks.get(n.name)?.n).filter((n): n is NetworkAttributes => n !== undefined);
  if (attached.length > 0 && attached.every((n) => n.internal)) {
    graph.diagnostics.info(
      'compose-internal-ports',
      published[0]!.location,
      `${s.name} publishes ports but is only on internal networks (${attached.map((n) => n.name).join(', ')}), so they are not reachable from outside; not internet-facing`,
    );
    return;
  }
  const evidence: Evidence[] = published.map((p) => ({
    kind: 'compose-published-port',
    detail: `${s.name} publishes ${p.raw} on ${p.hostIp ? `host address ${p.hostIp}` : 'all host interfaces'}`,
    location: p.location,
  }));
  const first = published[0]!;
  const guess = guessProtocol({ port: first.target, technology: info.kind.technology, type: info.kind.type });
  graph.exposeToInternet(info.id, { evidence, port: first.target, protocol: guess.protocol, confidence: 'declared' });
}
