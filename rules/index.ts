/** The rule registry (filled by rules/threagile and rules/iac). */
export const rules: readonly unknown[] = [];
