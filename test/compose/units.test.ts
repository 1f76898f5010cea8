import { describe, expect, it } from 'vitest';
import { isComposeFileName, looksLikeCompose } from '../../adapters/compose/adapter.js';
import { parseDotenv } from '../../adapters/compose/dotenv.js';
import { interpolateString, type InterpolationIssue } from '../../adapters/compose/interpolate.js';
import { isLoopbackBinding, parseExpose, parseLongPort, parseShortPort } from '../../adapters/compose/ports.js';
import { endpointsInValue } from '../../adapters/compose/flows.js';

describe('compose file recognition', () => {
  it.each([
    ['compose.yaml', true],
    ['compose.yml', true],
    ['docker-compose.yml', true],
    ['deploy/docker-compose.prod.yaml', true],
    ['docker-compose-dev.yml', true],
    ['compose.override.yaml', true],
    ['stack.compose.yaml', true],
    ['k8s/deployment.yaml', false],
    ['composer.yaml', false],
  ])('by name: %s → %s', (path, expected) => expect(isComposeFileName(path)).toBe(expected));

  it('by content: services of compose shape, and not Kubernetes/CloudFormation/Threagile', () => {
    expect(looksLikeCompose('services:\n  web:\n    image: nginx\n')).toBe(true);
    expect(looksLikeCompose('version: "2.4"\nservices:\n  db:\n    build: .\n')).toBe(true);
    expect(looksLikeCompose('apiVersion: v1\nkind: Service\nservices:\n  a:\n    ports: []\n')).toBe(false);
    expect(looksLikeCompose('threagile_version: 1.0.0\nservices:\n  a:\n    image: x\n')).toBe(false);
    expect(looksLikeCompose('services:\n  - name: a\n')).toBe(false);
    // GitLab CI: a top-level services list and job-level images.
    expect(looksLikeCompose('image: node:20\nservices:\n  - postgres:16\ntest:\n  image: node:20\n  script: [npm test]\n')).toBe(false);
    expect(looksLikeCompose('services:\n  # the app\n\n  "web":\n    image: nginx\n')).toBe(true);
    expect(looksLikeCompose('x-common: &c\n  restart: always\nservices:\n  web:\n    <<: *c\n    image: nginx\n')).toBe(true);
    // A values file with a services: map next to keys compose does not have.
    expect(looksLikeCompose('replicaCount: 2\nservices:\n  web:\n    image: nginx\n    port: 80\n')).toBe(false);
    expect(looksLikeCompose('services:\n  web:\n    enabled: true\n    image: {repository: nginx}\n  api:\n    enabled: false\n  db:\n    enabled: true\n')).toBe(false);
    // Compose-looking text that does not parse is claimed, so the YAML error is reported against it.
    expect(looksLikeCompose('services:\n  web:\n    image: nginx\n    ports: [80:80\n')).toBe(true);
  });
});

describe('.env parsing', () => {
  it('reads KEY=VALUE with quotes, export and comments, and reports bad lines', () => {
    const r = parseDotenv('# c\nA=1\nexport B="two words"\nC=\'lit $x\'\nD=plain # comment\nE\nnot a line\nF=a#b\n');
    expect(Object.fromEntries([...r.vars].map(([k, v]) => [k, v.value]))).toEqual({ A: '1', B: 'two words', C: 'lit $x', D: 'plain', F: 'a#b' });
    expect(r.vars.get('B')!.line).toBe(3);
    expect(r.problems).toEqual([{ line: 7, reason: 'not a KEY=VALUE line; ignored' }]);
  });
});

describe('interpolation', () => {
  const vars: Record<string, string> = { TAG: '1.2', EMPTY: '', DB_PASSWORD: 'hunter2', HOST: 'db' };
  const run = (s: string) => {
    const issues: InterpolationIssue[] = [];
    const r = interpolateString(s, (n) => vars[n], (i) => issues.push(i));
    return { ...r, issues };
  };
  it.each([
    ['app:${TAG}', 'app:1.2'],
    ['app:$TAG', 'app:1.2'],
    ['${MISSING:-dflt}', 'dflt'],
    ['${EMPTY:-dflt}', 'dflt'],
    ['${EMPTY-dflt}', ''],
    ['${MISSING-dflt}', 'dflt'],
    ['${TAG:+set}', 'set'],
    ['${MISSING:+set}', ''],
    ['$$HOME and $${TAG}', '$HOME and ${TAG}'],
    ['${MISSING:-${HOST}:5432}', 'db:5432'],
    ['no vars', 'no vars'],
  ])('%s → %s', (input, expected) => expect(run(input).value).toBe(expected));

  it('redacts secret-named variables and keeps the rest of the value', () => {
    const r = run('postgres://app:${DB_PASSWORD}@${HOST}:5432/app');
    expect(r.value).toBe('postgres://app:***@db:5432/app');
    expect(r.redacted).toBe(true);
    expect(r.value).not.toContain('hunter2');
  });

  it('reports required and unset variables', () => {
    expect(run('${NEEDED:?set NEEDED}').issues.map((i) => i.kind)).toEqual(['required']);
    expect(run('${NEEDED?x}').issues.map((i) => i.kind)).toEqual(['required']);
    expect(run('${EMPTY?x}').issues).toEqual([]);
    expect(run('${NOPE}').issues.map((i) => [i.kind, i.variable])).toEqual([['unset', 'NOPE']]);
    expect(run('${bad name}').issues.map((i) => i.kind)).toEqual(['syntax']);
    expect(run('abc ${UNCLOSED').issues.map((i) => i.kind)).toEqual(['syntax']);
  });
});

describe('ports', () => {
  it.each([
    ['80', { target: 80, protocol: 'tcp' }],
    ['8080:80', { published: '8080', target: 80, protocol: 'tcp' }],
    ['127.0.0.1:8080:80', { hostIp: '127.0.0.1', published: '8080', target: 80, protocol: 'tcp' }],
    ['0.0.0.0:53:53/udp', { hostIp: '0.0.0.0', published: '53', target: 53, protocol: 'udp' }],
    ['[::1]:6000:6000', { hostIp: '::1', published: '6000', target: 6000, protocol: 'tcp' }],
    ['9090-9091:8080-8081', { published: '9090-9091', target: 8080, protocol: 'tcp' }],
    ['127.0.0.1::5000', { hostIp: '127.0.0.1', target: 5000, protocol: 'tcp' }],
  ])('short %s', (spec, expected) => expect(parseShortPort(spec)).toEqual(expected));

  it('rejects what is not a port and reads long syntax and expose', () => {
    expect(parseShortPort('http')).toBeUndefined();
    expect(parseShortPort('1:2:3:4')).toBeUndefined();
    expect(parseLongPort({ target: 80, published: '8080', host_ip: '127.0.0.1', protocol: 'TCP' })).toEqual({ target: 80, published: '8080', hostIp: '127.0.0.1', protocol: 'tcp' });
    expect(parseLongPort({ published: 1 })).toBeUndefined();
    expect(parseExpose('3000')).toEqual({ port: 3000, protocol: 'tcp' });
    expect(parseExpose(5000)).toEqual({ port: 5000, protocol: 'tcp' });
    expect(parseExpose('8000-8010/udp')).toEqual({ port: 8000, protocol: 'udp' });
    expect(parseExpose('x')).toBeUndefined();
  });

  it('knows loopback bindings', () => {
    expect(isLoopbackBinding('127.0.0.1')).toBe(true);
    expect(isLoopbackBinding('::1')).toBe(true);
    expect(isLoopbackBinding('0.0.0.0')).toBe(false);
    expect(isLoopbackBinding(undefined)).toBe(false);
    expect(isLoopbackBinding('192.168.1.10')).toBe(false);
  });
});

describe('endpoints in environment values', () => {
  it('reads URLs and host:port anywhere, bare hosts only in host-ish variables', () => {
    expect(endpointsInValue('WHATEVER', 'http://api:8000/x')).toEqual([{ scheme: 'http', host: 'api', port: 8000 }]);
    expect(endpointsInValue('CART_ADDR', 'cart:7070')).toEqual([{ host: 'cart', port: 7070 }]);
    expect(endpointsInValue('MYSQL_HOST', 'db')).toEqual([{ host: 'db' }]);
    expect(endpointsInValue('MYSQL_DATABASE', 'wordpress')).toEqual([]);
    expect(endpointsInValue('REV_SERVER', 'true')).toEqual([]);
    expect(endpointsInValue('PIHOLE_DNS_', '172.20.0.2#5054;1.1.1.1')).toEqual([{ host: '172.20.0.2', port: 5054 }, { host: '1.1.1.1' }]);
    expect(endpointsInValue('DATABASE_URL', 'mysql://root:pw@db:3306/mysql')).toEqual([{ scheme: 'mysql', host: 'db', port: 3306 }]);
  });
});
