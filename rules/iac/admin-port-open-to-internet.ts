/**
 * Administration and database ports (SSH, RDP, SQL, Redis, Elasticsearch, …) open to the whole
 * internet: an exposure flow whose port is one of the sensitive ports. One finding per port.
 */
import { anchorOf, iacRule, type Finding, type IacCategory } from './kit.js';

/** Ports nobody should publish to 0.0.0.0/0; the name is shown in the finding. */
export const ADMIN_PORTS: Readonly<Record<number, string>> = {
  22: 'SSH', 23: 'Telnet', 3389: 'RDP', 5900: 'VNC', 5985: 'WinRM', 5986: 'WinRM',
  1433: 'SQL Server', 1521: 'Oracle', 3306: 'MySQL', 5432: 'PostgreSQL', 5439: 'Redshift',
  6379: 'Redis', 11211: 'Memcached', 27017: 'MongoDB', 9042: 'Cassandra', 9200: 'Elasticsearch', 9300: 'Elasticsearch transport',
  2375: 'Docker API', 2376: 'Docker API (TLS)', 2379: 'etcd', 6443: 'Kubernetes API', 10250: 'kubelet',
  5672: 'AMQP', 15672: 'RabbitMQ management', 9092: 'Kafka', 2181: 'ZooKeeper', 8500: 'Consul',
};

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

export const rule = iacRule(category, (view) => {
  const out: Finding[] = [];
  for (const c of view.components) {
    const byPort = new Map<number, typeof exposure>();
    const exposure = view.fromInternet(c.id);
    for (const f of exposure) {
      if (f.port === undefined || !ADMIN_PORTS[f.port]) continue;
      byPort.set(f.port, [...(byPort.get(f.port) ?? []), f]);
    }
    for (const [port, flows] of [...byPort.entries()].sort((a, b) => a[0] - b[0])) {
      out.push({
        anchor: anchorOf(c),
        detail: String(port),
        likelihood: 'very-likely',
        impact: 'high',
        what: `${ADMIN_PORTS[port]} port ${port} open to the internet`,
        evidence: flows.flatMap((f) => f.evidence),
        dataBreachProbability: 'probable',
      });
    }
  }
  return out;
});
