// The workspace's policy as the doors show and change it, beyond the file
// itself (config.ts): the template and allow rules, the version a human
// confirmed and what loosens it, the organization's managed policy under it,
// the editor's mode, the environment and its badge.
export {
  comparePolicies,
  confirmedPolicyFile,
  guardedPolicy,
  readBaseline,
  withHumanRules,
  workspacePolicy,
  writeBaseline,
  type ManagedPolicy,
  type PolicyChange,
} from '../policy';
export { CONFIG_TEMPLATE, addAllowRule, exactAllowRule } from '../policy/allowRule';
export {
  ANSWER_HARMLESS_SETTING,
  MODE_SETTING,
  planSettingSync,
  readModeRecord,
  requestedSetting,
  writeEditorSetting,
  type LooseningSetting,
  type ModeSource,
} from '../policy/editorMode';
export { badgeView, enforcedEnvironment, type EnforcedEnvironment } from '../policy/enforced';
export { planWholeHookFile, replaceHookFile } from '../policy/hookRestore';
export { managedPolicyFile, managedPolicyWarnings, readManagedPolicy } from '../policy/managed';
export { failClosedOnInvalid, monitorModeAllowed, underManagedPolicy } from '../policy/managedMerge';
export { managedLines, managedView } from '../policy/managedView';
export { PROTECTED_PATH_ID } from '../policy/rules';
export { detectWorkspaceEnvironment } from '../environment';
