/** The workspace policy file, at the root of a workspace folder. */
export const FINOPS_CONFIG_FILE = '.finops.yml';
