/** A report title from the scanned paths (or the cluster), as the user wrote them. */
export function reportTitle(paths: readonly string[], kubeContext?: string): string {
  const parts = [...paths];
  if (kubeContext) parts.push(`cluster ${kubeContext}`);
  return parts.join(', ') || 'infragile report';
}
