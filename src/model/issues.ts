/** Model issues as the CLI prints them: `file:line: message`, sorted by place. */
import type { ModelIssue } from './types.js';

export function sortIssues(issues: ModelIssue[]): ModelIssue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.message.localeCompare(b.message));
}

export function formatIssue(issue: ModelIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  return `${where}: ${issue.severity === 'warning' ? 'warning: ' : ''}${issue.message}`;
}
