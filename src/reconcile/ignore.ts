/**
 * Infra components that are platform tooling, not part of the modelled system: never reported as
 * unmodeled. Threat models rarely list log shippers, metrics agents or the synthetic internet.
 */
import { INTERNET_ID, type Component } from '../graph/types.js';

/** Images and names of node agents, log shippers and metrics collectors. */
const TOOLING = /(^|[-_/])(fluentd|fluent-bit|fluentbit|filebeat|metricbeat|auditbeat|promtail|vector|logstash|datadog(-agent)?|dd-agent|node-exporter|otel(-collector)?|opentelemetry-collector|jaeger-agent|grafana-agent|alloy|newrelic(-infrastructure)?|splunk-(otel|forwarder)|cadvisor|kube-state-metrics|falco|telegraf)([-_:./]|$)/i;

export function ignoreReason(c: Component): string | undefined {
  if (c.id === INTERNET_ID) return 'the synthetic internet component';
  if (c.technology === 'monitoring') return 'monitoring tooling (technology monitoring)';
  const daemonSet = c.sources.some((s) => /\/DaemonSet\//.test(s.address));
  const image = typeof c.attributes['image'] === 'string' ? (c.attributes['image'] as string) : '';
  const images = Array.isArray(c.attributes['images']) ? (c.attributes['images'] as string[]).join(' ') : '';
  const names = [c.id, c.title, image, images, ...c.sources.map((s) => s.address)].join(' ');
  if (TOOLING.test(names)) return daemonSet ? 'a node agent (DaemonSet log/metrics shipper)' : 'monitoring/logging tooling';
  return undefined;
}
