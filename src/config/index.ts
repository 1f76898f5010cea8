/** The configuration: one loader for `.infragile.yaml`, and what it does to findings. */
export { CONFIG_FILE, emptyConfig, type InfragileConfig, type ConfigBinding, type PathSettings, type RuleSettings, type ConfigProblem } from './types.js';
export { ConfigError, formatProblem, loadConfig, parseConfig, TOP_LEVEL_KEYS } from './load.js';
export { applyConfigToRisks, globallyDisabledRules, type AppliedRisks } from './apply.js';
