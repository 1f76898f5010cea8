/**
 * Load balancers: forwarding rule (the frontend, one component) → target proxy → URL map →
 * backend services/buckets → backends (managed instance groups, serverless NEGs for Cloud Run and
 * Cloud Functions, unmanaged instance groups, buckets). External schemes put the internet in front.
 * Every resource on the chain is folded into the forwarding rule's component.
 */
import type { Resource } from '../../src/graph/resource.js';
import type { Evidence } from '../../src/graph/types.js';
import type { Protocol } from '../../src/model/enums.js';
import type { CloudContext } from '../common/cloud-kit.js';
import { blocks, list, str } from '../common/tf-values.js';

const PROXIES = ['google_compute_target_http_proxy', 'google_compute_target_https_proxy', 'google_compute_region_target_http_proxy', 'google_compute_region_target_https_proxy', 'google_compute_target_ssl_proxy', 'google_compute_target_tcp_proxy'];
const URL_MAPS = ['google_compute_url_map', 'google_compute_region_url_map'];
const BACKENDS = ['google_compute_backend_service', 'google_compute_region_backend_service', 'google_compute_backend_bucket'];
const GROUPS = ['google_compute_instance_group_manager', 'google_compute_region_instance_group_manager', 'google_compute_instance_group', 'google_compute_region_network_endpoint_group', 'google_compute_global_network_endpoint_group', 'google_compute_network_endpoint_group'];

function portOf(range: string | undefined): number | undefined {
  const m = range ? /^(\d+)(?:-(\d+))?$/.exec(range) : null;
  return m && (m[2] === undefined || m[1] === m[2]) ? Number(m[1]) : undefined;
}

function backendProtocol(p: string | undefined): Protocol {
  switch ((p ?? 'HTTP').toUpperCase()) {
    case 'HTTPS':
    case 'HTTP2':
      return 'https';
    case 'HTTP':
      return 'http';
    case 'SSL':
      return 'binary-encrypted';
    default:
      return 'binary';
  }
}

export function applyLoadBalancers(ctx: CloudContext): void {
  for (const fr of ctx.ofType('google_compute_global_forwarding_rule', 'google_compute_forwarding_rule')) {
    const lbId = ctx.componentOf(fr);
    if (!lbId) continue;
    const lb = ctx.graph.component(lbId)!;
    const chain: Evidence[] = [];
    const fold = (r: Resource) => {
      ctx.graph.markFolded(r);
      ctx.setOwner(r, lbId);
    };
    const scheme = (str(fr.attributes['load_balancing_scheme']) ?? 'EXTERNAL').toUpperCase();
    const port = portOf(str(fr.attributes['port_range'])) ?? portOf(str(list(fr.attributes['ports'])[0]));
    const proxy = ctx.resolve(fr.attributes['target'], PROXIES);
    const tls = !!proxy && /https|ssl/.test(proxy.type);
    lb.attributes['scheme'] = scheme;
    lb.attributes['tls'] = tls;
    const backends: Resource[] = [];
    if (proxy) {
      fold(proxy);
      chain.push(ctx.ev(proxy, 'gcp-lb-proxy', `${proxy.type}.${proxy.name}${tls ? ' terminates TLS' : ''}`));
      const urlMap = ctx.resolve(proxy.attributes['url_map'], URL_MAPS);
      if (urlMap) {
        fold(urlMap);
        chain.push(ctx.ev(urlMap, 'gcp-lb-url-map', `URL map ${urlMap.type}.${urlMap.name}`));
        const services = [urlMap.attributes['default_service']];
        for (const pm of blocks(urlMap.attributes['path_matcher'])) {
          services.push(pm['default_service']);
          for (const pr of blocks(pm['path_rule'])) services.push(pr['service']);
        }
        for (const s of services) {
          const b = ctx.resolve(s, BACKENDS);
          if (b && !backends.includes(b)) backends.push(b);
        }
      }
    }
    const direct = ctx.resolve(fr.attributes['backend_service'], BACKENDS);
    if (direct) backends.push(direct);
    if (scheme.startsWith('EXTERNAL')) {
      ctx.expose(lbId, [ctx.ev(fr, 'gcp-external-lb', `forwarding rule ${str(fr.attributes['name']) ?? fr.name} is ${scheme}${port ? ` on port ${port}` : ''}`, 'load_balancing_scheme'), ...chain], {
        ...(port !== undefined ? { port } : {}),
        protocol: tls || port === 443 ? 'https' : 'http',
      });
    }
    for (const b of backends) {
      fold(b);
      if (b.attributes['security_policy'] !== undefined) lb.attributes['waf'] = true;
      const protocol = b.type === 'google_compute_backend_bucket' ? 'https' : backendProtocol(str(b.attributes['protocol']));
      const hop = ctx.ev(b, 'gcp-lb-backend', `${b.type}.${b.name} (${protocol})`);
      for (const target of backendTargets(ctx, b, fold)) {
        const targetId = ctx.componentOf(target);
        if (!targetId) continue;
        ctx.flow(lbId, targetId, { protocol, confidence: 'declared', evidence: [...chain, hop, ctx.ev(fr, 'gcp-lb-frontend', `forwarding rule ${fr.name} routes to ${target.type}.${target.name}`)] });
      }
    }
  }
}

/** The component resources behind a backend service or backend bucket. */
function backendTargets(ctx: CloudContext, b: Resource, fold: (r: Resource) => void): Resource[] {
  if (b.type === 'google_compute_backend_bucket') {
    const bucket = ctx.resolve(b.attributes['bucket_name'], ['google_storage_bucket']);
    return bucket ? [bucket] : [];
  }
  const out: Resource[] = [];
  for (const be of blocks(b.attributes['backend'])) {
    const g = ctx.resolve(be['group'], GROUPS);
    if (!g) continue;
    if (g.type.endsWith('instance_group_manager')) {
      out.push(g);
      continue;
    }
    fold(g);
    if (g.type === 'google_compute_instance_group') {
      for (const i of list(g.attributes['instances'])) {
        const inst = ctx.resolve(i, ['google_compute_instance']);
        if (inst) out.push(inst);
      }
      continue;
    }
    // Serverless NEG: Cloud Run service, Cloud Function or App Engine behind the LB.
    const run = blocks(g.attributes['cloud_run'])[0];
    const fn = blocks(g.attributes['cloud_function'])[0];
    const target = run
      ? ctx.resolve(run['service'], ['google_cloud_run_service', 'google_cloud_run_v2_service'])
      : fn
        ? ctx.resolve(fn['function'], ['google_cloudfunctions_function', 'google_cloudfunctions2_function'])
        : undefined;
    if (target) out.push(target);
  }
  return out;
}
