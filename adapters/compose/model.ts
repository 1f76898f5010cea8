/**
 * The normalized shape of a compose project as the adapter hands it to the semantics, in
 * `Resource.attributes`. Every entry carries the location it was written at (which may be an
 * override, an extended or an included file, not the resource's own), so evidence points at the
 * right file:line after merging. Values of environment variables are kept for endpoint detection
 * only; the semantics never copies them into the graph.
 */
import type { Location } from '../../src/graph/types.js';

export type ComposeResourceType = 'service' | 'network' | 'volume' | 'secret' | 'config';

export interface EnvVar {
  name: string;
  /** null: declared without a value (taken from the shell at run time, which we do not read). */
  value: string | null;
  /** A secret-named interpolation variable contributed to the value and was redacted. */
  redacted: boolean;
  /** Where the value comes from: the service's `environment:` or one of its `env_file:` files. */
  origin: 'environment' | 'env_file';
  location: Location;
}

export interface PortSpec {
  /** As written (short syntax) or rebuilt from the long syntax; never holds a secret. */
  raw: string;
  /** Host address it binds to; undefined = all interfaces. */
  hostIp?: string;
  /** Host port or range as written; undefined = an ephemeral host port. */
  published?: string;
  /** Container port (first of a range). */
  target: number;
  protocol: string;
  location: Location;
}

export interface ExposedPort {
  port: number;
  protocol: string;
  location: Location;
}

export type MountType = 'volume' | 'bind' | 'tmpfs' | 'npipe' | 'cluster' | 'image';

export interface Mount {
  type: MountType;
  /** Named volume, host path as written, or undefined for anonymous volumes and tmpfs. */
  source?: string;
  /** For bind mounts inside the scan root: the scan-root-relative path. */
  hostPath?: string;
  target: string;
  readOnly: boolean;
  location: Location;
}

export interface NetworkAttachment {
  /** The network's key in the project (`default` for the implicit one). */
  name: string;
  aliases: string[];
  ipv4Address?: string;
  ipv6Address?: string;
  priority?: number;
  location: Location;
}

export interface ServiceRef {
  service: string;
  /** `links: [db:database]` → alias `database`; `depends_on.x.condition`. */
  alias?: string;
  condition?: string;
  location: Location;
}

export interface FileUse {
  /** The top-level secret or config name. */
  source: string;
  target?: string;
  location: Location;
}

/** An endpoint named in a config file the service mounts or builds with (nginx, grafana, logstash…). */
export interface ConfigMention {
  host: string;
  port?: number;
  scheme?: string;
  /** Mounted into the container (`mount`) or found in its build context (`build-context`). */
  via: 'mount' | 'build-context';
  /** nginx/haproxy/envoy syntax says the file proxies to this endpoint. */
  proxy: boolean;
  location: Location;
}

export interface ServiceAttributes {
  project: string;
  name: string;
  image?: string;
  build?: { context?: string; dockerfile?: string; location: Location };
  containerName?: string;
  hostname?: string;
  environment: EnvVar[];
  ports: PortSpec[];
  expose: ExposedPort[];
  volumes: Mount[];
  /** Empty when network_mode is set. */
  networks: NetworkAttachment[];
  networkMode?: { mode: string; location: Location };
  dependsOn: ServiceRef[];
  links: ServiceRef[];
  externalLinks: string[];
  secrets: FileUse[];
  configs: FileUse[];
  /** Label keys and values; labels whose key looks secret have their value dropped. */
  labels: Record<string, string>;
  labelLocations: Record<string, Location>;
  profiles: string[];
  replicas?: number | string;
  privileged: boolean;
  capAdd: string[];
  capDrop: string[];
  pid?: string;
  ipc?: string;
  user?: string;
  readOnly: boolean;
  securityOpt: string[];
  extraHosts: string[];
  runtime?: string;
  configMentions: ConfigMention[];
  /** Compose files that contributed to this service, scan-root-relative, sorted. */
  files: string[];
  /** Where the service is written: its own key, plus override, extended and included definitions. */
  definedAt: Location[];
  /** Location of `x` keys for evidence: `privileged`, `cap_add`, `user`, … */
  keyLocations: Record<string, Location>;
}

export interface NetworkAttributes {
  project: string;
  name: string;
  /** The network's real name (`name:`), when set. */
  networkName?: string;
  driver?: string;
  internal: boolean;
  external: boolean;
  subnets: string[];
  /** True for the `default` network compose creates when a service names no network. */
  implicit: boolean;
}

export interface VolumeAttributes {
  project: string;
  name: string;
  driver?: string;
  external: boolean;
}

export interface FileObjectAttributes {
  project: string;
  name: string;
  /** Where the content comes from; never the content itself. */
  origin: 'file' | 'environment' | 'external' | 'content' | 'unknown';
  /** For `file:`: the path as written; for `environment:`: the variable's name. */
  reference?: string;
}
