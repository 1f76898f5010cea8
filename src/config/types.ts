/**
 * `.infragile.yaml`: the per-repository configuration. One file, read by one loader (./load.ts), so
 * `scan`, `drift`, `sync` and the GitHub Action all agree on what it says. Every key is optional;
 * command-line flags win over the file.
 */
import { RISK_SEVERITIES, type RiskSeverity } from '../model/enums.js';
import { DRIFT_SEVERITIES, type DriftSeverity } from '../reconcile/types.js';

export const CONFIG_FILE = '.infragile.yaml';

/** A rule's severity replaced, and where the replacement is written (for messages). */
export interface SeverityOverride {
  rule: string;
  severity: RiskSeverity;
  line: number;
}

/** What can be said about rules, at the top level or for a set of paths. */
export interface RuleSettings {
  /** Rule (category) ids not to report. */
  disable: string[];
  severity: SeverityOverride[];
}

/** Settings for findings whose primary location matches `pattern` (gitignore-style, root-relative). */
export interface PathSettings extends RuleSettings {
  pattern: string;
  line: number;
}

export interface ConfigBinding {
  asset: string;
  pattern: string;
  line: number;
}

export interface InfragileConfig {
  /** Root-relative path of the file the settings came from (`.infragile.yaml` or `--config`). */
  file: string;
  version: 1;
  /** The model to reconcile with when `--model` is not given (root-relative). */
  model?: string;
  /** gitignore-style patterns left out of discovery, added to `--exclude`. */
  exclude: string[];
  failOn?: RiskSeverity;
  warnOnly?: boolean;
  failOnDrift?: DriftSeverity;
  rules: RuleSettings;
  paths: PathSettings[];
  bindings: ConfigBinding[];
}

export function emptyConfig(file = CONFIG_FILE): InfragileConfig {
  return { file, version: 1, exclude: [], rules: { disable: [], severity: [] }, paths: [], bindings: [] };
}

/** One problem in a config file, printed as `file:line: message`. */
export interface ConfigProblem {
  file: string;
  line: number;
  message: string;
}

export { RISK_SEVERITIES, DRIFT_SEVERITIES };

export const TOP_LEVEL_KEYS = ['version', 'model', 'exclude', 'fail-on', 'warn-only', 'fail-on-drift', 'rules', 'paths', 'bindings'] as const;
export const RULE_KEYS = ['disable', 'severity'] as const;
