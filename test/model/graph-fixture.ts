/** A hand-built ArchitectureGraph (no adapter involved) for the model tests. */
import type { ArchitectureGraph, Component, Evidence, Flow } from '../../src/graph/types.js';

const loc = (file: string, line: number) => ({ file, line });
const ev = (kind: string, detail: string, file: string, line: number): Evidence => ({ kind, detail, location: loc(file, line) });

function component(c: Partial<Component> & Pick<Component, 'id' | 'title' | 'type' | 'technology'>): Component {
  return { machine: 'container', internet: false, encryption: 'none', sources: [], attributes: {}, evidence: [], ...c };
}

function flow(f: Partial<Flow> & Pick<Flow, 'source' | 'target' | 'protocol'>): Flow {
  return { id: `${f.source}>${f.target}`, authentication: 'none', encrypted: false, confidence: 'configured', evidence: [], ...f };
}

export function apiPlatformGraph(): ArchitectureGraph {
  return {
    components: [
      component({ id: 'internet', title: 'Internet', type: 'external-entity', technology: 'client-system', machine: 'physical', internet: true }),
      component({
        id: 'api-gateway', title: 'api-gateway', type: 'process', technology: 'reverse-proxy', internet: true, multiplicity: 3,
        sources: [{ address: 'k8s:platform/Deployment/api-gateway', location: loc('k8s/gateway.yaml', 1) }],
        evidence: [ev('k8s-workload', 'Deployment api-gateway (image nginx:1.27)', 'k8s/gateway.yaml', 1)],
        attributes: { image: 'nginx:1.27' },
      }),
      component({
        id: 'auth-service', title: 'auth-service', type: 'process', technology: 'web-service-rest',
        sources: [
          { address: 'k8s:platform/Deployment/auth-service', location: loc('k8s/auth.yaml', 1) },
          { address: 'compose:auth-service', location: loc('compose.yaml', 12) },
        ],
        evidence: [ev('k8s-workload', 'Deployment auth-service', 'k8s/auth.yaml', 1)],
        attributes: { env: ['DB_PASSWORD', 'DATABASE_URL'] },
      }),
      component({
        id: 'postgresql-store', title: 'postgresql-store', type: 'datastore', technology: 'database', encryption: 'transparent',
        sources: [{ address: 'k8s:data/StatefulSet/postgresql-store', location: loc('k8s/db.yaml', 3) }],
        evidence: [ev('k8s-image', 'image postgres:16 is a database', 'k8s/db.yaml', 20)],
      }),
      component({
        id: 'third-party-provider', title: 'Third Party Provider', type: 'external-entity', technology: 'web-service-rest', machine: 'virtual', internet: true,
        sources: [{ address: 'external:api.sendgrid.com', location: loc('k8s/notify.yaml', 30) }],
      }),
      // Same title as another component, and an id Threagile would not take as is.
      component({ id: 'Worker_1', title: 'auth-service', type: 'process', technology: 'task', sources: [{ address: 'compose:Worker_1', location: loc('compose.yaml', 40) }] }),
    ],
    flows: [
      flow({ source: 'internet', target: 'api-gateway', protocol: 'https', port: 443, encrypted: true, confidence: 'declared', evidence: [ev('k8s-ingress', 'Ingress api routes / to api-gateway', 'k8s/ingress.yaml', 8)] }),
      flow({ source: 'api-gateway', target: 'auth-service', protocol: 'http', port: 8080, authentication: 'token', evidence: [ev('k8s-env-url', 'AUTH_URL=http://auth-service:8080', 'k8s/gateway.yaml', 30)] }),
      flow({
        source: 'auth-service', target: 'postgresql-store', protocol: 'sql-access-protocol', port: 5432, authentication: 'credentials',
        // An adapter must never do this; the model writer redacts it anyway.
        evidence: [ev('k8s-env-url', 'DATABASE_URL=postgres://app:hunter2@postgresql-store:5432/app', 'k8s/auth.yaml', 40)],
      }),
      flow({ source: 'auth-service', target: 'third-party-provider', protocol: 'https', encrypted: true, evidence: [ev('env-url', 'MAIL_API=https://api.sendgrid.com', 'k8s/auth.yaml', 44)] }),
    ],
    boundaries: [
      { id: 'cluster', title: 'Cluster', type: 'network-cloud-provider', members: [], evidence: [ev('k8s-cluster', 'one cluster', 'k8s/gateway.yaml', 1)] },
      { id: 'ns-data', title: 'Namespace data', type: 'network-policy-namespace-isolation', members: ['postgresql-store'], parent: 'cluster', evidence: [ev('k8s-namespace', 'namespace data', 'k8s/db.yaml', 4)] },
      { id: 'ns-platform', title: 'Namespace platform', type: 'network-policy-namespace-isolation', members: ['api-gateway', 'auth-service'], parent: 'cluster', evidence: [ev('k8s-namespace', 'namespace platform', 'k8s/auth.yaml', 4)] },
    ],
    dataAssets: [
      {
        id: 'secret-db-credentials', title: 'Secret db-credentials', kind: 'secret', storedBy: [], processedBy: ['auth-service'],
        sources: [{ address: 'k8s:platform/Secret/db-credentials', location: loc('k8s/secret.yaml', 1) }],
        evidence: [ev('k8s-secret', 'Secret db-credentials (keys: password)', 'k8s/secret.yaml', 1)],
      },
      {
        id: 'postgresql-data', title: 'PostgreSQL data', kind: 'database', storedBy: ['postgresql-store'], processedBy: ['auth-service'],
        sources: [{ address: 'k8s:data/PersistentVolumeClaim/data-postgresql-store-0', location: loc('k8s/db.yaml', 40) }],
        evidence: [],
      },
    ],
    coverage: { mapped: {}, folded: {}, unmapped: [], unresolved: [], files: { scanned: 0, byAdapter: {}, unclaimed: [], ignored: 0 } },
    diagnostics: [],
  };
}
