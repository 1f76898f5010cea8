/**
 * The same app described by several formats (compose for dev, Kubernetes for prod) merges into one
 * component by id in the GraphBuilder, which keeps every source but ORs `internet` and keeps the
 * first image. This rule makes the merge visible: which formats describe it, join evidence between
 * their definitions, and the facts the formats disagree on (internet exposure, image) as attributes,
 * so a dev-only published port is not mistaken for production exposure (or silently lost).
 */
import { compareStrings } from '../../ids.js';
import type { Resource } from '../../resource.js';
import type { Component, Location } from '../../types.js';
import { INTERNET_ID } from '../../types.js';
import type { JoinContext } from '../context.js';
import type { JoinRule } from '../types.js';
import { arr, obj, str } from '../values.js';

export const sameComponentRule: JoinRule = {
  id: 'same-component',
  description: 'a component defined in several formats (compose and Kubernetes) records each side and the facts they disagree on',
  apply(ctx) {
    for (const c of ctx.graph.listComponents()) {
      const byFormat = new Map<string, Component['sources']>();
      for (const s of c.sources) {
        const f = s.address.slice(0, s.address.indexOf(':'));
        byFormat.set(f, [...(byFormat.get(f) ?? []), s]);
      }
      if (byFormat.size < 2) continue;
      record(ctx, c, byFormat);
    }
  },
};

function first(sources: Component['sources']): Component['sources'][number] {
  return [...sources].sort((a, b) => compareStrings(a.address, b.address))[0]!;
}

function imageOf(r: Resource | undefined): string | undefined {
  if (!r) return undefined;
  if (typeof r.attributes.image === 'string') return r.attributes.image;
  const spec = obj(r.attributes.spec);
  const pod = r.type === 'Pod' ? spec : r.type === 'CronJob' ? obj(obj(obj(obj(spec.jobTemplate).spec).template).spec) : obj(obj(spec.template).spec);
  return str(obj(arr(pod.containers)[0]).image);
}

function record(ctx: JoinContext, c: Component, byFormat: Map<string, Component['sources']>): void {
  const formats = [...byFormat.keys()].sort(compareStrings);
  c.attributes.formats = formats;
  // Which format's evidence makes it internet-facing: evidence lives in that format's files.
  const filesOf = new Map(formats.map((f) => [f, new Set(byFormat.get(f)!.map((s) => s.location.file))]));
  const exposure = ctx.graph.flow(INTERNET_ID, c.id);
  const exposedAt = new Map<string, Location>();
  for (const e of exposure?.evidence ?? []) {
    for (const f of formats) if (filesOf.get(f)!.has(e.location.file) && !exposedAt.has(f)) exposedAt.set(f, e.location);
  }
  if (exposure) {
    const exposedIn = formats.filter((f) => exposedAt.has(f));
    c.attributes.internetByFormat = exposedIn;
    if (exposedIn.length > 0 && exposedIn.length < formats.length) {
      c.attributes.exposureConflict = formats
        .map((f) => (exposedAt.has(f) ? `${f}: internet-facing (${exposedAt.get(f)!.file}:${exposedAt.get(f)!.line})` : `${f}: not exposed`))
        .join('; ');
    }
  }
  const images = formats.map((f) => [f, imageOf(ctx.byAddress.get(first(byFormat.get(f)!).address))] as const).filter((x): x is readonly [string, string] => !!x[1]);
  if (new Set(images.map(([, i]) => i)).size > 1) c.attributes.imageByFormat = images.map(([f, i]) => `${f}: ${i}`);
  // Join evidence between each pair of consecutive definitions (formats are few: 2–4).
  for (let i = 1; i < formats.length; i++) {
    const a = first(byFormat.get(formats[i - 1]!)!);
    const b = first(byFormat.get(formats[i]!)!);
    ctx.addComponentEvidence(c.id, ctx.joinEvidence(`${c.id} is defined both as ${a.address} and as ${b.address}`, a.location, b.location));
  }
}
