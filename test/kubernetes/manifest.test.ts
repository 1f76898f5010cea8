import { describe, expect, it } from 'vitest';
import { looksLikeKubernetes, kubernetesAdapter } from '../../adapters/kubernetes/adapter.js';
import { parseManifest } from '../../adapters/kubernetes/manifest.js';
import { textFile } from '../../src/discover/discover.js';

describe('parseManifest', () => {
  it('reads multi-document files, one bad document not losing the others', () => {
    const text = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: a}', '---', 'kind: [broken', '---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: b', '  namespace: shop', ''].join('\n');
    const { resources, issues } = parseManifest('x.yaml', text);
    expect(resources.map((r) => [r.address, r.location.line])).toEqual([
      ['k8s:default/ConfigMap/a', 1],
      ['k8s:shop/Service/b', 7],
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'yaml-syntax', severity: 'error' });
    expect(issues[0]!.line).toBeGreaterThanOrEqual(5);
  });

  it('flattens List kinds and gives cluster-scoped kinds no namespace', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: rbac.authorization.k8s.io/v1',
      '    kind: ClusterRole',
      '    metadata: {name: reader}',
      '  # infragile:ignore k8s-privileged needs the host network for CNI',
      '  - apiVersion: apps/v1',
      '    kind: DaemonSet',
      '    metadata: {name: cni, namespace: kube-system}',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers: [{name: cni, image: cni:1}]',
    ].join('\n');
    const { resources, issues } = parseManifest('list.yaml', text);
    expect(issues).toEqual([]);
    expect(resources.map((r) => r.address)).toEqual(['k8s:ClusterRole/reader', 'k8s:kube-system/DaemonSet/cni']);
    expect(resources[1]!.location.line).toBe(8);
    expect(resources[1]!.lines?.['spec.template.spec.containers[0]']).toBe(14);
    expect(resources[0]!.suppressions).toBeUndefined();
    expect(resources[1]!.suppressions).toEqual([{ ruleId: 'k8s-privileged', reason: 'needs the host network for CNI', location: { file: 'list.yaml', line: 7 } }]);
  });

  it('reports documents that are not objects or lack kind, and empty files, once each', () => {
    expect(parseManifest('e.yaml', '\n# nothing\n---\n').issues).toEqual([{ line: 1, severity: 'warning', code: 'empty-file', message: 'empty file: no YAML document in it' }]);
    const { issues } = parseManifest('k.yaml', 'apiVersion: v1\nmetadata: {name: x}\n---\n- a\n- b\n---\napiVersion: v1\nkind: Pod\nmetadata: {}\n');
    expect(issues.map((i) => [i.code, i.line])).toEqual([
      ['k8s-missing-kind', 1],
      ['k8s-not-an-object', 4],
      ['k8s-missing-name', 7],
    ]);
  });

  it('keeps Helm # Source: as template and chart as group', () => {
    const text = '---\n# Source: shop/templates/cart.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cart}\nspec: {replicas: 4}\n';
    const [r] = parseManifest('out.yaml', text).resources;
    expect(r!.location).toEqual({ file: 'out.yaml', line: 3, template: 'shop/templates/cart.yaml' });
    expect(r!.group).toBe('shop');
    expect(r!.multiplicity).toBe(4);
  });

  it('never keeps Secret values, only the endpoints they name', () => {
    const text = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata: {name: db}',
      'data:',
      `  url: ${Buffer.from('postgres://u:hunter2@db.data.svc:5432/app').toString('base64')}`,
      'stringData:',
      '  token: sup3r-s3cret',
    ].join('\n');
    const [r] = parseManifest('s.yaml', text).resources;
    const json = JSON.stringify(r!.attributes);
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('sup3r-s3cret');
    expect(json).not.toContain(Buffer.from('postgres://u:hunter2@db.data.svc:5432/app').toString('base64'));
    expect(r!.attributes.data).toEqual({ url: { $redacted: true, endpoints: [{ scheme: 'postgres', host: 'db.data.svc', port: 5432 }] } });
    expect(r!.attributes.stringData).toEqual({ token: { $redacted: true, endpoints: [] } });
  });

  it('tells an unrendered template from a manifest that carries {{ }} inside strings', () => {
    const template = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  a: b\n';
    expect(parseManifest('t.yaml', template).issues).toMatchObject([{ code: 'unrendered-template', line: 4 }]);
    const alerts = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\ndata:\n  rule: |\n    {{ $labels.instance }} is down\n    summary: "{{ .app.metadata.name }}"\n';
    const parsed = parseManifest('a.yaml', alerts);
    expect(parsed.issues).toEqual([]);
    expect(parsed.resources).toHaveLength(1);
  });

  it('skips kustomize build inputs but keeps Flux Kustomizations (cluster objects)', () => {
    const text = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps, namespace: flux-system}\n';
    expect(parseManifest('k.yaml', text).resources.map((r) => r.address)).toEqual(['k8s:flux-system/Kustomization/apps']);
  });
});

describe('claim', () => {
  it('claims Kubernetes objects by content only', () => {
    expect(looksLikeKubernetes('a.yaml', 'apiVersion: v1\nkind: Pod\n')).toBe(true);
    expect(looksLikeKubernetes('a.json', '{"apiVersion": "v1", "kind": "List", "items": []}')).toBe(true);
    expect(looksLikeKubernetes('docker-compose.yaml', 'services:\n  web:\n    image: nginx\n')).toBe(false);
    expect(looksLikeKubernetes('t.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n')).toBe(false);
    expect(looksLikeKubernetes('w.yaml', 'name: ci\non: push\njobs: {}\n')).toBe(false);
    // Tools' configs in the Kubernetes shape are not cluster objects.
    expect(looksLikeKubernetes('kubeconfig.yaml', 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\n')).toBe(false);
    expect(looksLikeKubernetes('kind.yaml', 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes: [{role: control-plane}]\n')).toBe(false);
    expect(looksLikeKubernetes('skaffold.yaml', 'apiVersion: skaffold/v4beta6\nkind: Config\n')).toBe(false);
  });

  it('takes every file of a chart directory, and not the files next to it', () => {
    const files = [
      textFile('chart/Chart.yaml', 'apiVersion: v2\nname: c\nversion: 1.0.0\n'),
      textFile('chart/values.yaml', 'image: x\n'),
      textFile('chart/templates/d.yaml', 'kind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n'),
      textFile('compose.yaml', 'services: {}\n'),
      textFile('values.yaml', 'image: x\n'),
    ];
    expect(kubernetesAdapter.claim(files).map((f) => f.path)).toEqual(['chart/Chart.yaml', 'chart/values.yaml', 'chart/templates/d.yaml']);
  });
});
