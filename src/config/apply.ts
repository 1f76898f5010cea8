/**
 * What the configuration does to findings: rules disabled (everywhere or under some paths) and
 * severities overridden. A finding's path is the file of its primary IaC location (its first
 * evidence); findings with no IaC location only follow the top-level `rules:` settings.
 *
 * Path patterns are gitignore-style (the same syntax as `exclude`), matched by the `ignore` package.
 * Later `paths:` entries win over earlier ones, and any path entry wins over the top level.
 */
import ignore, { type Ignore } from 'ignore';
import type { Risk } from '../analyze/types.js';
import type { RiskSeverity } from '../model/enums.js';
import type { InfragileConfig, PathSettings } from './types.js';

export interface AppliedRisks {
  risks: Risk[];
  /** How many findings the configuration removed (reported so a gate never passes silently). */
  disabled: number;
  /** How many had their severity changed. */
  overridden: number;
}

interface CompiledPath {
  settings: PathSettings;
  matcher: Ignore;
}

/** Rule ids disabled for every finding: for the analysis to skip them outright (no path settings can re-enable). */
export function globallyDisabledRules(config: InfragileConfig): string[] {
  return [...new Set(config.rules.disable)].sort();
}

export function applyConfigToRisks(risks: readonly Risk[], config: InfragileConfig): AppliedRisks {
  const topDisabled = new Set(config.rules.disable);
  const topSeverity = new Map(config.rules.severity.map((o) => [o.rule, o.severity] as const));
  const compiled: CompiledPath[] = config.paths.map((settings) => ({ settings, matcher: ignore().add(settings.pattern) }));
  const out: Risk[] = [];
  let disabled = 0;
  let overridden = 0;
  for (const risk of risks) {
    const file = risk.evidence?.[0]?.location.file;
    let isDisabled = topDisabled.has(risk.category);
    let severity: RiskSeverity | undefined = topSeverity.get(risk.category);
    if (file) {
      for (const { settings, matcher } of compiled) {
        if (!matchesPath(matcher, file)) continue;
        if (settings.disable.includes(risk.category)) isDisabled = true;
        const o = settings.severity.find((s) => s.rule === risk.category);
        if (o) severity = o.severity;
      }
    }
    if (isDisabled) {
      disabled++;
      continue;
    }
    if (severity && severity !== risk.severity) {
      overridden++;
      out.push({ ...risk, severity });
    } else out.push(risk);
  }
  return { risks: out, disabled, overridden };
}

/** True when a root-relative file is matched by the pattern (gitignore semantics, directories included). */
function matchesPath(matcher: Ignore, file: string): boolean {
  const rel = file.replace(/^\.\//, '');
  if (!rel || rel.startsWith('../') || rel.startsWith('/')) return false;
  try {
    return matcher.ignores(rel);
  } catch {
    return false;
  }
}
