/**
 * The docker-compose adapter: claims compose files by name and by content, and turns each compose
 * project into resources (`compose:<project>/<service>`, and `…/network/<n>`, `…/volume/<n>`,
 * `…/secret/<n>`, `…/config/<n>`). It says what is written where; adapters/compose/semantics.ts
 * decides what it means.
 */
import { basename } from 'node:path';
import type { Adapter, ParseContext, SourceFile } from '../../src/graph/adapter.js';
import { dirnameOf } from '../../src/fs/vfs.js';
import type { Resource } from '../../src/graph/resource.js';
import { loadYamlDocuments } from '../../src/util/yaml.js';
import type { ComposeResourceType } from './model.js';
import { COMPOSE_SCHEMA } from './yaml-schema.js';
import { buildProjects, type Project } from './project.js';

const NAME_RE = /(^|\/)((docker-)?compose([.-][^/]*)?|[^/]+\.compose)\.ya?ml$/i;
const OTHER_FORMATS = /^(apiVersion|kind|AWSTemplateFormatVersion|threagile_version|Resources|resource|provider)\s*:/m;
/** A top-level `services:` whose first entry is a mapping key (GitLab CI's `services:` is a list). */
const SERVICES_KEY = /^services\s*:[ \t]*(#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*[ \t]+["']?[A-Za-z0-9._-]+["']?[ \t]*:/m;
const SERVICE_KEYS = /^[ \t]+(image|build|ports|expose|depends_on|environment|volumes|networks|command|extends|container_name|restart|env_file|labels|healthcheck|entrypoint|profiles|deploy|network_mode|secrets)\s*:/m;

/** Top-level keys the Compose Specification allows (plus `x-*` extensions). */
const COMPOSE_TOP_LEVEL = new Set(['version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs', 'include', 'models']);
/** Keys that only a compose service has; one of them must appear in most services. */
const DEFINING_SERVICE_KEYS = ['image', 'build', 'extends', 'ports', 'expose', 'depends_on', 'environment', 'command', 'networks', 'volumes'];

/**
 * Whether the text is a compose file (for files whose name does not say so): a cheap text test, then
 * the document's shape: only compose top-level keys, `services` a mapping of mappings, most of
 * them with a compose service key. A Helm values file or an Ansible vars file with `services:`
 * fails the shape test.
 */
export function looksLikeCompose(text: string): boolean {
  if (!SERVICES_KEY.test(text) || !SERVICE_KEYS.test(text) || OTHER_FORMATS.test(text)) return false;
  const docs = loadYamlDocuments(text, { schema: COMPOSE_SCHEMA });
  // Looks like compose but does not parse: claim it, so that the YAML error is reported against it.
  if (docs.some((d) => d.error)) return true;
  const value = docs.find((d) => d.value !== undefined)?.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const top = value as Record<string, unknown>;
  if (!Object.keys(top).every((k) => COMPOSE_TOP_LEVEL.has(k) || k.startsWith('x-'))) return false;
  const services = top.services;
  if (typeof services !== 'object' || services === null || Array.isArray(services)) return false;
  const bodies = Object.values(services);
  if (bodies.length === 0 || !bodies.every((b) => b === null || (typeof b === 'object' && !Array.isArray(b)))) return false;
  const typical = bodies.filter((b) => b !== null && DEFINING_SERVICE_KEYS.some((k) => k in (b as object))).length;
  return typical * 2 >= bodies.length;
}

export function isComposeFileName(path: string): boolean {
  return NAME_RE.test(path);
}

export const composeAdapter: Adapter = {
  meta: { id: 'compose', description: 'docker-compose / Compose Specification files (v2, v3, version-less), with .env, extends, include and override files' },
  claim(files: readonly SourceFile[]): SourceFile[] {
    // Values files of a Helm chart can have a top-level `services:`; they are never compose files.
    const chartDirs = new Set(files.filter((f) => /(^|\/)Chart\.ya?ml$/.test(f.path)).map((f) => dirnameOf(f.path)));
    return files.filter((f) => {
      if (!/\.ya?ml$/i.test(f.path)) return false;
      const text = f.text();
      if (isComposeFileName(f.path)) return !(/^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text));
      if (inChart(f.path, chartDirs)) return false;
      return looksLikeCompose(text);
    });
  },
  async parse(files: readonly SourceFile[], ctx: ParseContext): Promise<Resource[]> {
    const claimed = new Map(files.map((f) => [f.path, () => f.text()] as const));
    const projects = buildProjects(
      files.map((f) => f.path).sort(),
      { rootName: basename(ctx.rootDir), fs: ctx.fs, diagnostics: ctx.diagnostics, claimed },
    );
    return projects.flatMap(projectResources);
  },
};

function inChart(path: string, chartDirs: Set<string>): boolean {
  for (let d = dirnameOf(path); ; d = dirnameOf(d)) {
    if (chartDirs.has(d)) return true;
    if (d === '') return false;
  }
}

function projectResources(p: Project): Resource[] {
  const out: Resource[] = [];
  const res = (type: ComposeResourceType, name: string, attributes: object, location: Resource['location'], lines: Record<string, number>): Resource => {
    const r: Resource = {
      format: 'compose',
      type,
      address: type === 'service' ? `compose:${p.name}/${name}` : `compose:${p.name}/${type}/${name}`,
      name,
      attributes: attributes as Record<string, unknown>,
      location,
      group: p.name,
    };
    if (Object.keys(lines).length) r.lines = lines;
    return r;
  };
  for (const [name, s] of p.services) {
    const r = res('service', name, s.attrs, s.location, s.lines);
    if (s.attrs.replicas !== undefined) r.multiplicity = s.attrs.replicas;
    if (s.suppressions.length) r.suppressions = s.suppressions;
    out.push(r);
  }
  for (const [type, map] of [
    ['network', p.networks],
    ['volume', p.volumes],
    ['secret', p.secrets],
    ['config', p.configs],
  ] as const)
    for (const [name, t] of map) out.push(res(type, name, t.attrs, t.location, t.lines));
  return out;
}
