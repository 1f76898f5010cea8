/**
 * The parts of the SAM transform (`Transform: AWS::Serverless-2016-10-31`) that change the
 * architecture: Globals merged into each function/API/table, and the implicit APIs SAM creates for
 * `Api`/`HttpApi` events that name no API (`ServerlessRestApi`, `ServerlessHttpApi`, as SAM names
 * them). Works on the raw template body, before intrinsics are resolved, so references stay intact.
 */
import { isObject, type Json, type JsonObject } from './template.js';

const GLOBAL_SECTIONS: Record<string, string> = {
  Function: 'AWS::Serverless::Function',
  Api: 'AWS::Serverless::Api',
  HttpApi: 'AWS::Serverless::HttpApi',
  SimpleTable: 'AWS::Serverless::SimpleTable',
  StateMachine: 'AWS::Serverless::StateMachine',
};

export const IMPLICIT_REST_API = 'ServerlessRestApi';
export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';

export function isSam(body: JsonObject): boolean {
  const t = body.Transform;
  const list = Array.isArray(t) ? t : [t];
  return list.some((x) => typeof x === 'string' && x.startsWith('AWS::Serverless'));
}

/** A new Resources section with Globals applied and implicit APIs added; the input is not changed. */
export function expandSam(body: JsonObject): { resources: JsonObject; implicit: Map<string, string> } {
  const resources: JsonObject = {};
  const implicit = new Map<string, string>(); // implicit API logical id → function that caused it
  const globals = isObject(body.Globals) ? body.Globals : {};
  const src = isObject(body.Resources) ? body.Resources : {};
  for (const [id, r] of Object.entries(src)) {
    if (!isObject(r) || typeof r.Type !== 'string') {
      resources[id] = r;
      continue;
    }
    const section = Object.keys(GLOBAL_SECTIONS).find((k) => GLOBAL_SECTIONS[k] === r.Type);
    const g = section ? globals[section] : undefined;
    let props = isObject(r.Properties) ? r.Properties : {};
    if (isObject(g)) props = mergeGlobals(g, props);
    if (r.Type === 'AWS::Serverless::Function' && isObject(props.Events)) {
      const events: JsonObject = {};
      for (const [name, ev] of Object.entries(props.Events)) {
        if (isObject(ev) && isObject(ev.Properties) && (ev.Type === 'Api' || ev.Type === 'HttpApi')) {
          const key = ev.Type === 'Api' ? 'RestApiId' : 'ApiId';
          if (ev.Properties[key] === undefined) {
            const api = ev.Type === 'Api' ? IMPLICIT_REST_API : IMPLICIT_HTTP_API;
            if (!implicit.has(api)) implicit.set(api, id);
            events[name] = { ...ev, Properties: { ...ev.Properties, [key]: { Ref: api } } };
            continue;
          }
        }
        events[name] = ev;
      }
      props = { ...props, Events: events };
    }
    resources[id] = { ...r, Properties: props };
  }
  for (const [api, fn] of implicit) {
    if (api in resources) continue;
    const type = api === IMPLICIT_REST_API ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi';
    const section = api === IMPLICIT_REST_API ? 'Api' : 'HttpApi';
    const g = globals[section];
    const base: JsonObject = { StageName: 'Prod', ImplicitFor: fn };
    resources[api] = { Type: type, Properties: isObject(g) ? mergeGlobals(g, base) : base };
  }
  return { resources, implicit };
}

/** SAM's rule: the resource's own value wins; maps merge; lists concatenate. */
function mergeGlobals(g: JsonObject, own: JsonObject): JsonObject {
  const out: JsonObject = { ...g };
  for (const [k, v] of Object.entries(own)) {
    const gv = out[k];
    if (isObject(gv) && isObject(v) && !isIntrinsic(v)) out[k] = mergeGlobals(gv, v);
    else if (Array.isArray(gv) && Array.isArray(v)) out[k] = [...gv, ...v] as Json;
    else out[k] = v;
  }
  return out;
}

function isIntrinsic(v: JsonObject): boolean {
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}
