/**
 * A workload (Kubernetes or compose) names a managed service's host literally: the RDS, ElastiCache,
 * OpenSearch, Azure SQL … endpoint the provider computes from the resource's name. The external
 * entity the platform semantics made for that host is the cloud resource of this scan: its flows
 * move onto the cloud component, and the external entity goes away when nothing else uses it.
 */
import { compareStrings } from '../../ids.js';
import type { Evidence } from '../../types.js';
import { where, type Move } from '../context.js';
import type { JoinRule } from '../types.js';

export const externalHostRule: JoinRule = {
  id: 'external-host',
  description: 'a host named in configuration that is the computed endpoint of a cloud resource in the scan becomes a flow to that resource',
  apply(ctx) {
    const moves = new Map<string, Move>();
    for (const c of ctx.graph.listComponents()) {
      const host = c.attributes.host;
      if (c.type !== 'external-entity' || typeof host !== 'string') continue;
      const hit = ctx.cloudTargetForHost(host);
      if (!hit) continue;
      const cloudLoc = ctx.loc(hit.resource);
      const detail = `${host} is the endpoint of ${hit.kind.product} ${hit.name} (${hit.resource.address})`;
      const named = [...c.evidence].sort((a, b) => compareStrings(a.location.file, b.location.file) || a.location.line - b.location.line);
      const joinAt = (file: string, line: number): Evidence[] => ctx.joinEvidence(detail, { file, line }, cloudLoc);
      ctx.addComponentEvidence(hit.component.id, named.flatMap((e) => joinAt(e.location.file, e.location.line)));
      const hosts = new Set([...(Array.isArray(hit.component.attributes.dnsNames) ? hit.component.attributes.dnsNames : []), host]);
      hit.component.attributes.dnsNames = [...hosts].sort(compareStrings);
      const client = ctx.clientOf(hit.resource, hit.component);
      const namedAt = new Set(named.map((e) => where(e.location)));
      moves.set(c.id, {
        to: hit.component.id,
        // Each moved flow carries the join at the place where its own caller names the host.
        evidence: (f) => f.evidence.filter((e) => namedAt.has(where(e.location))).flatMap((e) => joinAt(e.location.file, e.location.line)),
        protocol: client.protocol,
        ...(client.port !== undefined ? { port: client.port } : {}),
      });
    }
    ctx.retarget(moves);
  },
};
