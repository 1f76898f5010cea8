/**
 * What a compose service is (Threagile type and technology) and the security facts rules need,
 * as flat component attributes. Names only: no environment value, label value or command line is
 * ever copied (they may hold secrets).
 */
import type { TechnicalAssetType, Technology } from '../../src/model/enums.js';
import type { Attributes, Evidence } from '../../src/graph/types.js';
import { isSecretName } from '../common/endpoints.js';
import { classifyImage, isUnpinnedImage, type ImageKind } from '../common/images.js';
import type { ServiceAttributes } from './model.js';
import { isLoopbackBinding } from './ports.js';

export interface ServiceKind {
  type: TechnicalAssetType;
  technology: Technology;
  image?: ImageKind;
  /** The port clients call when nothing else says: expose, then ports, then the image's default. */
  port?: number;
}

const DOCKER_SOCKET = /(^|\/)(var\/)?run\/docker\.sock$|^\/\/\.\/pipe\/docker_engine$/;

export function classifyService(s: ServiceAttributes): ServiceKind {
  const image = s.image ? classifyImage(s.image) : undefined;
  let technology: Technology = image?.technology ?? 'web-service-rest';
  // A web server or an unknown image whose config proxies elsewhere is a reverse proxy.
  if ((technology === 'web-server' || !image) && s.configMentions.some((m) => m.proxy)) technology = 'reverse-proxy';
  const kind: ServiceKind = { type: image?.type ?? 'process', technology };
  if (image) kind.image = image;
  const port = s.expose[0]?.port ?? s.ports[0]?.target ?? image?.port;
  if (port !== undefined) kind.port = port;
  return kind;
}

export function mountsDockerSocket(s: ServiceAttributes): boolean {
  return s.volumes.some((m) => m.type === 'bind' && m.source !== undefined && DOCKER_SOCKET.test(m.source));
}

/** `user: root`, `0`, `0:0`, `root:root` run as root; any other explicit user does not; unset says nothing. */
export function runsAsRoot(user: string | undefined): boolean | undefined {
  if (user === undefined) return undefined;
  const u = user.split(':')[0]!.trim();
  return u === 'root' || u === '0';
}

/** Secret-named variables set to a literal value (not a `*_FILE` path, not empty). */
export function plaintextSecretEnv(s: ServiceAttributes): string[] {
  return s.environment
    .filter((e) => isSecretName(e.name) && !/_FILE$/i.test(e.name) && e.value !== null && e.value !== '')
    .map((e) => e.name)
    .sort();
}

export function serviceAttributes(s: ServiceAttributes): Attributes {
  const a: Attributes = { composeProject: s.project, composeFiles: [...s.files] };
  if (s.image) {
    a.image = s.image;
    a.imageUnpinned = isUnpinnedImage(s.image);
  }
  if (s.build) {
    a.customDeveloped = true;
    if (s.build.context !== undefined) a.buildContext = s.build.context;
  }
  if (s.containerName) a.containerName = s.containerName;
  if (s.hostname) a.hostname = s.hostname;
  if (s.profiles.length) a.profiles = [...s.profiles].sort();
  if (s.networks.length) a.networks = s.networks.map((n) => n.name).sort();
  if (s.networkMode) a.networkMode = s.networkMode.mode;
  if (s.networkMode?.mode === 'host') a.hostNetwork = true;
  const published = s.ports.filter((p) => !isLoopbackBinding(p.hostIp)).map((p) => p.raw);
  const loopback = s.ports.filter((p) => isLoopbackBinding(p.hostIp)).map((p) => p.raw);
  if (published.length) a.publishedPorts = published;
  if (loopback.length) a.loopbackPorts = loopback;
  if (s.expose.length) a.exposedPorts = s.expose.map((e) => `${e.port}/${e.protocol}`);
  a.privileged = s.privileged;
  if (s.capAdd.length) a.capAdd = [...s.capAdd].sort();
  if (s.capDrop.length) a.capDrop = [...s.capDrop].sort();
  if (s.pid === 'host') a.pidHost = true;
  if (s.ipc === 'host') a.ipcHost = true;
  if (s.user !== undefined) a.user = s.user;
  const root = runsAsRoot(s.user);
  if (root !== undefined) a.runAsRoot = root;
  a.readOnlyRootFilesystem = s.readOnly;
  if (s.securityOpt.length) a.securityOpt = [...s.securityOpt].sort();
  a.dockerSocket = mountsDockerSocket(s);
  const binds = s.volumes.filter((m) => m.type === 'bind').map((m) => `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`);
  if (binds.length) a.bindMounts = binds.sort();
  const named = s.volumes.filter((m) => m.type === 'volume' && m.source).map((m) => m.source!);
  if (named.length) a.namedVolumes = [...new Set(named)].sort();
  if (s.secrets.length) a.secrets = s.secrets.map((x) => x.source).sort();
  if (s.configs.length) a.configs = s.configs.map((x) => x.source).sort();
  if (s.environment.length) a.envVars = s.environment.map((e) => e.name).sort();
  const plain = plaintextSecretEnv(s);
  if (plain.length) a.plaintextSecretEnv = plain;
  if (Object.keys(s.labels).length) a.labels = Object.keys(s.labels).sort();
  const asset = s.labels['threagile.io/asset'];
  if (asset) a['threagile.io/asset'] = asset;
  if (s.runtime) a.runtime = s.runtime;
  if (s.replicas !== undefined) a.replicas = s.replicas;
  return a;
}

/** Evidence for the security-relevant facts, anchored at the key that states them. */
export function securityEvidence(s: ServiceAttributes): Evidence[] {
  const out: Evidence[] = [];
  const at = (key: string) => s.keyLocations[key];
  const push = (kind: string, detail: string, key: string) => {
    const location = at(key);
    if (location) out.push({ kind, detail, location });
  };
  if (s.privileged) push('compose-privileged', `${s.name} runs privileged`, 'privileged');
  if (s.capAdd.length) push('compose-cap-add', `${s.name} adds capabilities ${[...s.capAdd].sort().join(', ')}`, 'cap_add');
  if (s.pid === 'host') push('compose-pid-host', `${s.name} shares the host's PID namespace`, 'pid');
  if (s.ipc === 'host') push('compose-ipc-host', `${s.name} shares the host's IPC namespace`, 'ipc');
  if (runsAsRoot(s.user)) push('compose-user-root', `${s.name} runs as user ${s.user}`, 'user');
  if (s.networkMode?.mode === 'host') out.push({ kind: 'compose-network-host', detail: `${s.name} uses the host's network stack`, location: s.networkMode.location });
  for (const m of s.volumes)
    if (m.type === 'bind' && m.source !== undefined && DOCKER_SOCKET.test(m.source))
      out.push({ kind: 'compose-docker-socket', detail: `${s.name} mounts the Docker socket ${m.source}${m.readOnly ? ' (read-only, still full API access)' : ''}`, location: m.location });
  return out;
}
