/** The configuration: one loader for `.infragile.yaml`, and what it does to findings. */
export { CONFIG_FILE, emptyConfig, TOP_LEVEL_KEYS, type InfragileConfig, type ConfigBinding, type PathSettings, type RuleSettings, type ConfigProblem } from './types.js';
export { ConfigError, formatProblem, loadConfig } from './load.js';
// parseConfig (./parse.js) is not re-exported: importing it loads the YAML library.
export { applyConfigToRisks, globallyDisabledRules, type AppliedRisks } from './apply.js';
