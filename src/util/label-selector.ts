/**
 * Kubernetes label selectors (`matchLabels` + `matchExpressions` with In / NotIn / Exists /
 * DoesNotExist), shared by the Kubernetes semantics (Service and NetworkPolicy peers) and reconcile
 * (which pods a policy isolates). An unknown operator matches nothing: the API server rejects such a
 * selector, so nothing it names can be selected.
 */

type Labels = Readonly<Record<string, string>>;

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** One `matchExpressions` entry against a label set. */
export function matchesLabelExpression(labels: Labels, expression: unknown): boolean {
  const e = record(expression);
  const key = typeof e['key'] === 'string' ? e['key'] : '';
  const values = Array.isArray(e['values']) ? e['values'].map((v) => String(v)) : [];
  switch (e['operator']) {
    case 'In':
      return key in labels && values.includes(labels[key]!);
    case 'NotIn':
      return !(key in labels) || !values.includes(labels[key]!);
    case 'Exists':
      return key in labels;
    case 'DoesNotExist':
      return !(key in labels);
    default:
      return false;
  }
}

/** A whole selector against a label set; an empty selector (`{}`) selects everything. */
export function matchesLabelSelector(selector: unknown, labels: Labels): boolean {
  const s = record(selector);
  for (const [k, v] of Object.entries(record(s['matchLabels']))) if (labels[k] !== String(v)) return false;
  const exprs = Array.isArray(s['matchExpressions']) ? s['matchExpressions'] : [];
  return exprs.every((e) => matchesLabelExpression(labels, e));
}
