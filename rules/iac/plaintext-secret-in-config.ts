/**
 * Secret values written in plain configuration: secret-named env vars with a literal value
 * (Kubernetes `env[].value`, compose `environment`, Lambda/SAM `Environment.Variables`, ECS container
 * definitions, `export NAME=value` in VM boot scripts) and secret-named keys of a ConfigMap a
 * workload consumes. Only names are reported;
 * the value never leaves this module.
 */
import type { Resource } from '../../src/graph/resource.js';
import type { Component, Evidence } from '../../src/graph/types.js';
import { anchorOf, attributeEvidence, get, iacRule, isSecretName, strList, type Finding, type IacCategory, type IacView } from './kit.js';
import { lookupTable } from '../../src/util/lookup.js';

export const category: IacCategory = {
  id: 'plaintext-secret-in-config',
  title: 'Plain-Text Secret in Configuration',
  description: 'A password, token or key is written as a literal value in an environment variable or a ConfigMap, instead of coming from a secret store.',
  impact: 'Everyone who can read the repository, the rendered manifests, the task definition or the ConfigMap learns the secret; it also leaks into logs, crash dumps and `describe` output.',
  asvs: 'V6 - Stored Cryptography Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
  action: 'Secrets Management',
  mitigation: 'Move the value to a secret store (Kubernetes Secret via secretKeyRef, compose secrets, AWS Secrets Manager/SSM SecureString, Key Vault) and reference it; rotate the exposed value.',
  check: 'Are all secrets referenced from a secret store rather than written in configuration?',
  function: 'operations',
  stride: 'information-disclosure',
  detectionLogic: 'Secret-named variables (password, token, secret, api key, …) with a literal, non-empty value in a workload\'s environment, or secret-named keys of a ConfigMap the workload reads.',
  riskAssessment: 'Likely (the repository and manifests have many readers), high impact.',
  falsePositives: 'Placeholders or dummy values in examples; values that are not secrets despite the name.',
  modelFailurePossibleReason: false,
  cwe: 798,
  severityRationale: 'Configuration is read by far more people and systems than a secret store, and a leaked credential is directly usable, so likely × high.',
};

/** Where each resource type keeps literal env vars: path → map of name → value or list of {name, value}. */
const ENV_MAPS: Record<string, string[]> = lookupTable({
  aws_lambda_function: ['environment.variables'],
  'AWS::Lambda::Function': ['Environment.Variables'],
  'AWS::Serverless::Function': ['Environment.Variables'],
  google_cloudfunctions_function: ['environment_variables'],
  google_cloudfunctions2_function: ['service_config.environment_variables'],
  azurerm_linux_web_app: ['app_settings'],
  azurerm_windows_web_app: ['app_settings'],
  azurerm_app_service: ['app_settings'],
  azurerm_function_app: ['app_settings'],
  azurerm_linux_function_app: ['app_settings'],
});

const K8S_POD_SPECS = ['spec.template.spec', 'spec.jobTemplate.spec.template.spec', 'spec'];

interface SecretName {
  name: string;
  evidence: Evidence;
}

export const rule = iacRule(category, (view) => {
  const configMaps = secretConfigMaps(view);
  const out: Finding[] = [];
  for (const c of view.components) {
    const found = new Map<string, SecretName>();
    const add = (s: SecretName) => found.has(s.name) || found.set(s.name, s);
    for (const r of view.resourcesOf(c)) {
      for (const s of [...k8sEnv(r, configMaps), ...composeEnv(r, c), ...cloudEnv(r)]) add(s);
    }
    // Without parsed resources (a graph alone, as `drift` runs rules), trust the semantics' flags.
    const fallback = view.resourcesOf(c).length === 0 ? [...strList(c.attributes.plainSecretEnv), ...strList(c.attributes.plaintextSecretEnv)] : [];
    for (const name of fallback.filter(isSecretName)) {
      if (!found.has(name)) add({ name, evidence: { kind: 'plaintext-secret-env', detail: `${c.id} sets ${name} to a literal value`, location: c.sources[0]?.location ?? { file: '', line: 0 } } });
    }
    if (found.size === 0) continue;
    const names = [...found.keys()].sort();
    out.push({
      anchor: anchorOf(c),
      likelihood: 'likely',
      impact: 'high',
      what: `${names.join(', ')} set in plain text`,
      evidence: names.map((n) => found.get(n)!.evidence),
      dataBreachProbability: 'probable',
    });
  }
  return out;
});

function k8sEnv(r: Resource, configMaps: Map<string, SecretName[]>): SecretName[] {
  if (r.format !== 'k8s') return [];
  const ns = r.address.split('/').length === 3 ? r.address.slice(4).split('/')[0]! : 'default';
  const out: SecretName[] = [];
  for (const specPath of K8S_POD_SPECS) {
    const spec = get(r, specPath);
    if (!spec || typeof spec !== 'object' || !Array.isArray((spec as { containers?: unknown }).containers)) continue;
    for (const kind of ['initContainers', 'containers']) {
      const containers = (spec as Record<string, unknown>)[kind];
      if (!Array.isArray(containers)) continue;
      containers.forEach((ctr, i) => {
        const base = `${specPath}.${kind}[${i}]`;
        const env = (ctr as Record<string, unknown>)?.env;
        if (Array.isArray(env)) {
          env.forEach((e, j) => {
            const entry = e as Record<string, unknown>;
            const name = typeof entry?.name === 'string' ? entry.name : undefined;
            if (name && typeof entry.value === 'string' && entry.value !== '' && isSecretName(name)) {
              out.push({ name, evidence: attributeEvidence(r, `${base}.env[${j}]`, 'plaintext-secret-env', `${r.address} container env ${name} has a literal value`) });
            }
            const cmKey = (entry?.valueFrom as Record<string, Record<string, unknown>> | undefined)?.configMapKeyRef;
            if (name && cmKey && typeof cmKey.name === 'string') {
              for (const s of configMaps.get(`${ns}/${cmKey.name}`) ?? []) if (s.name === cmKey.key) out.push(s);
            }
          });
        }
        const envFrom = (ctr as Record<string, unknown>)?.envFrom;
        if (Array.isArray(envFrom)) {
          for (const e of envFrom) {
            const ref = (e as Record<string, Record<string, unknown>>)?.configMapRef;
            if (ref && typeof ref.name === 'string') out.push(...(configMaps.get(`${ns}/${ref.name}`) ?? []));
          }
        }
      });
    }
    break;
  }
  return out;
}

/** ConfigMaps by `namespace/name` → their secret-named keys with a value, with the line of `data`. */
function secretConfigMaps(view: IacView): Map<string, SecretName[]> {
  const out = new Map<string, SecretName[]>();
  for (const cm of view.ofType('ConfigMap')) {
    if (cm.format !== 'k8s') continue;
    const data = cm.attributes.data;
    if (!data || typeof data !== 'object') continue;
    const parts = cm.address.slice(4).split('/');
    const key = parts.length === 3 ? `${parts[0]}/${parts[2]}` : `default/${parts[parts.length - 1]}`;
    const names = Object.entries(data as Record<string, unknown>)
      .filter(([k, v]) => typeof v === 'string' && v !== '' && isSecretName(k))
      .map(([k]) => k)
      .sort();
    if (names.length) out.set(key, names.map((name) => ({ name, evidence: attributeEvidence(cm, `data.${name}`, 'plaintext-secret-configmap', `${cm.address} holds ${name} in plain text`) })));
  }
  return out;
}

function composeEnv(r: Resource, c: Component): SecretName[] {
  if (r.format !== 'compose' || r.type !== 'service') return [];
  return strList(c.attributes.plaintextSecretEnv).map((name) => ({
    name,
    evidence: attributeEvidence(r, 'environment', 'plaintext-secret-env', `${r.address} environment ${name} has a literal value`),
  }));
}

function cloudEnv(r: Resource): SecretName[] {
  const out: SecretName[] = [];
  for (const path of ENV_MAPS[r.type] ?? []) {
    const vars = get(r, path);
    if (!vars || typeof vars !== 'object' || Array.isArray(vars)) continue;
    for (const [name, value] of Object.entries(vars as Record<string, unknown>).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (typeof value === 'string' && value !== '' && isSecretName(name)) {
        out.push({ name, evidence: attributeEvidence(r, path, 'plaintext-secret-env', `${r.address} ${path} ${name} has a literal value`) });
      }
    }
  }
  if (r.type === 'aws_ecs_task_definition' || r.type === 'AWS::ECS::TaskDefinition') out.push(...ecsEnv(r));
  out.push(...bootScriptEnv(r));
  return out;
}

/** `export NAME=value` / `NAME=value` lines with a secret-like name in a VM's boot script. */
const SHELL_ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(["']?)([^\s"'$][^\s"']*)\2/gm;
const BOOT_SCRIPTS = ['user_data', 'UserData', 'metadata_startup_script', 'custom_data'];

function bootScriptEnv(r: Resource): SecretName[] {
  const out: SecretName[] = [];
  for (const field of BOOT_SCRIPTS) {
    const script = r.attributes[field];
    if (typeof script !== 'string') continue;
    const names = new Set<string>();
    for (const m of script.matchAll(SHELL_ASSIGNMENT)) if (isSecretName(m[1]!)) names.add(m[1]!);
    for (const name of [...names].sort()) out.push({ name, evidence: attributeEvidence(r, field, 'plaintext-secret-boot-script', `${r.address} ${field} sets ${name} to a literal value`) });
  }
  return out;
}

function ecsEnv(r: Resource): SecretName[] {
  let defs = get(r, 'container_definitions', 'ContainerDefinitions');
  if (typeof defs === 'string') {
    try {
      defs = JSON.parse(defs);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(defs)) return [];
  const out: SecretName[] = [];
  for (const d of defs) {
    const env = (d as Record<string, unknown>)?.environment ?? (d as Record<string, unknown>)?.Environment;
    if (!Array.isArray(env)) continue;
    for (const e of env) {
      const entry = e as Record<string, unknown>;
      const name = entry?.name ?? entry?.Name;
      const value = entry?.value ?? entry?.Value;
      if (typeof name === 'string' && typeof value === 'string' && value !== '' && isSecretName(name)) {
        out.push({ name, evidence: attributeEvidence(r, 'container_definitions', 'plaintext-secret-env', `${r.address} container environment ${name} has a literal value`) });
      }
    }
  }
  return out;
}

