/**
 * Administration and database ports (SSH, RDP, SQL, Redis, Elasticsearch, …) open to the whole
 * internet: an exposure flow whose port is one of the sensitive ports. One finding per port.
 */
import type { Evidence, Flow } from '../../src/graph/types.js';
import { anchorOf, iacRule, type Finding, type IacCategory } from './kit.js';

/** Ports nobody should publish to 0.0.0.0/0; the name is shown in the finding. */
export const ADMIN_PORTS: Readonly<Record<number, string>> = {
  22: 'SSH', 23: 'Telnet', 3389: 'RDP', 5900: 'VNC', 5985: 'WinRM', 5986: 'WinRM',
  1433: 'SQL Server', 1521: 'Oracle', 3306: 'MySQL', 5432: 'PostgreSQL', 5439: 'Redshift',
  6379: 'Redis', 11211: 'Memcached', 27017: 'MongoDB', 9042: 'Cassandra', 9200: 'Elasticsearch', 9300: 'Elasticsearch transport',
  2375: 'Docker API', 2376: 'Docker API (TLS)', 2379: 'etcd', 6443: 'Kubernetes API', 10250: 'kubelet',
  5672: 'AMQP', 15672: 'RabbitMQ management', 9092: 'Kafka', 2181: 'ZooKeeper', 8500: 'Consul',
};

const ADMIN_PORT_LIST = Object.keys(ADMIN_PORTS).map(Number).sort((a, b) => a - b);

export const category: IacCategory = {
  id: 'admin-port-open-to-internet',
  title: 'Administrative Port Open to the Internet',
  description: 'A remote administration or database port is reachable from any address on the internet.',
  impact: 'Brute force, credential stuffing and exploits against the admin or database protocol come from the whole internet; a success gives shell or data access.',
  asvs: 'V14 - Configuration Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Network_Segmentation_Cheat_Sheet.html',
  action: 'Network Segmentation',
  mitigation: 'Restrict the rule to known source ranges (office, VPN, bastion), or remove it and use a session manager / private endpoint; never allow 0.0.0.0/0 or ::/0 on these ports.',
  check: 'Are admin and database ports reachable only from trusted ranges?',
  function: 'operations',
  stride: 'elevation-of-privilege',
  detectionLogic: 'An exposure flow from the internet (0.0.0.0/0 security group or firewall rule, published port, NodePort/LoadBalancer) on a port in the admin/database list.',
  riskAssessment: 'Very likely (constant internet-wide scanning), high impact.',
  falsePositives: 'Honeypots, or ports protected by another control the IaC does not show (e.g. an upstream firewall).',
  modelFailurePossibleReason: false,
  cwe: 284,
  severityRationale: 'These ports are scanned continuously across the internet and the services behind them grant shell or data access, so high likelihood meets high impact.',
};

/** A port or range an exposure opens, with the evidence that says so. */
interface Opening {
  from: number;
  to: number;
  evidence: Evidence[];
}

/**
 * Ports named in evidence details (`port 22`, `ports 8000-8100`, `tcp/0-65535`): the graph merges all
 * exposure of one component into one flow, keeping one port, so the other ports live in the evidence.
 */
const PORT_TEXT = /\b(?:ports?\s+|(?:tcp|udp|all)\/)(\d{1,5})(?:\s*-\s*(\d{1,5}))?/gi;

function openings(flows: readonly Flow[]): Opening[] {
  const out: Opening[] = [];
  for (const f of flows) {
    if (f.port !== undefined) out.push({ from: f.port, to: f.port, evidence: f.evidence.filter((e) => !PORT_TEXT.test(e.detail) || mentions(e.detail, f.port!)) });
    for (const e of f.evidence) {
      for (const m of e.detail.matchAll(PORT_TEXT)) {
        const from = Number(m[1]);
        const to = m[2] ? Number(m[2]) : from;
        if (from <= to && to <= 65535) out.push({ from, to, evidence: [e] });
      }
    }
  }
  return out;
}

function mentions(detail: string, port: number): boolean {
  PORT_TEXT.lastIndex = 0;
  return [...detail.matchAll(PORT_TEXT)].some((m) => Number(m[1]) <= port && port <= Number(m[2] ?? m[1]));
}

export const rule = iacRule(category, (view) => {
  const out: Finding[] = [];
  for (const c of view.components) {
    const single = new Map<number, Evidence[]>();
    const ranges = new Map<string, { ports: number[]; evidence: Evidence[] }>();
    for (const o of openings(view.fromInternet(c.id))) {
      const covered = ADMIN_PORT_LIST.filter((p) => o.from <= p && p <= o.to);
      if (covered.length === 0) continue;
      if (o.from === o.to) single.set(o.from, [...(single.get(o.from) ?? []), ...o.evidence]);
      else {
        const key = `${o.from}-${o.to}`;
        const r = ranges.get(key) ?? { ports: covered, evidence: [] };
        r.evidence.push(...o.evidence);
        ranges.set(key, r);
      }
    }
    for (const [port, evidence] of [...single.entries()].sort((a, b) => a[0] - b[0])) {
      out.push({ anchor: anchorOf(c), detail: String(port), likelihood: 'very-likely', impact: 'high', what: `${ADMIN_PORTS[port]} port ${port} open to the internet`, evidence, dataBreachProbability: 'probable' });
    }
    for (const [range, r] of [...ranges.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const names = r.ports.filter((p) => !single.has(p)).map((p) => `${ADMIN_PORTS[p]} ${p}`);
      if (names.length === 0) continue;
      out.push({
        anchor: anchorOf(c),
        detail: range,
        likelihood: 'very-likely',
        impact: 'high',
        what: `port range ${range} open to the internet, including ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`,
        evidence: r.evidence,
        dataBreachProbability: 'probable',
      });
    }
  }
  return out;
});
