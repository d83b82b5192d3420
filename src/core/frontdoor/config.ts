// `.agentguard.json` as the doors read it: where it is, loading and parsing
// it, its errors said for a human, its vocabulary (rules, thresholds, the
// organization's locked settings), and what a judged command looks like.
export { CONFIG_FILE_NAME, MAX_CONFIG_BYTES, loadConfig, parseConfigText } from '../config/load';
export { formatConfigErrors } from '../config/errors';
export { DEFAULT_THRESHOLDS } from '../config/defaults';
export { findWorkspace } from '../config/workspace';
export type { Config, Rule } from '../config/schema';
export type { LockedSettings } from '../config/managedSchema';
export type { CheckRequest, DecisionResult, Finding } from '../types';
/** The shells a request may name (`check --shell`, a batch row's `"shell"`). */
export { SHELL_NAMES } from '../parse/detect';
