// Wiring AgentGuard into a machine, for `agentguard install|uninstall|doctor`
// and the editor's activation and clean-up: each host's hook files (the host
// adapters), the administrator-owned ones, the launcher every hook runs and
// where it is on PATH, the shells' start-up lines, and whether a sandbox can
// start here.
export { HOST_ADAPTERS, hostAdapter, readAnswer } from '../hosts';
export { DANGEROUS_SAMPLE, DOCTOR_PROBE_ENV, HARMLESS_SAMPLE, samplePayload } from '../hosts/samples';
export { addHook, findHooks, removeHook } from '../hosts/hostConfig';
export {
  GENERATED_HOSTS,
  delegateFiles,
  hookFile,
  installedCommand,
  legacyHookCommand,
  managedCommand,
  windowsHookShell,
  type Scope,
} from '../hosts/hostFiles';
export { agentGuardCommandsIn, managedHookPlace } from '../hosts/managedHookPlaces';
export { MANAGED_HOOK_HOSTS, addManagedHook, removeManagedHook } from '../hosts/managedHooks';
export { launcherPath, type RecordedRuntime } from '../launcher';
export {
  forgetHookFiles,
  hookFileStates,
  nextHookRecord,
  recordHookFiles,
  type HookFileState,
} from '../launcher/hookRecord';
export { hookFileStatesInForce, hookRecordInForce } from './hookRecordKept';
export type { RecordedHookFile } from '../launcher/hookRecord';
export { extensionFolderOf } from '../launcher/editors';
export {
  readLauncher,
  recordWiredWorkspace,
  removeLauncher,
  wiredWorkspaces,
  writeLauncher,
  writeRescue,
} from '../launcher/file';
export { chosenInstall, findInstalls } from '../launcher/find';
export { hookNestedCodexProjects, unhookedCodexProjects } from '../launcher/nestedRepos';
export { repairWired, type RepairRun } from '../launcher/repair';
export { runWrapperPath, runWrapperReady } from '../launcher/run';
export { PATH_LINK_DIRS, launcherOnPath, pathAdvice, putLauncherOnPath } from '../launcher/onPath';
export {
  BACKUP_SUFFIX,
  backup,
  installHooks,
  readIfExists,
  repairHooks,
  uninstallHooks,
  writeAtomically,
  type FileOutcome,
  type StaleHook,
} from '../launcher/wiring';
export {
  STARTUP_MARK,
  STARTUP_SHELLS,
  addStartupLine,
  hasStartupLine,
  removeStartupLine,
  startupFile,
  startupLine,
  type StartupShell,
} from '../terminal/startupLine';
export { sandboxAvailability } from '../sandbox';
export { replaceFile } from '../state/replaceFile';
export {
  denyWriteList,
  hostSandboxReport,
  hostSandboxStatus,
  sandboxFile,
  sandboxRecordFile,
  takeBackHostSandboxes,
  turnOnHostSandboxes,
  hostSandboxTooltip,
  UNCONFINED,
  wiredHosts,
  wiredHostSandboxes,
  type HostSandboxReport,
  type HostSandboxStatus,
  type HostSandboxSummary,
  type SandboxOutcome,
} from '../launcher/hostSandbox';
export {
  HOOKS_ONLY,
  TURN_SANDBOXES_ON,
  sandboxQuestion,
  type DryInstall,
  type DrySandbox,
} from '../launcher/sandboxQuestion';
export {
  launchdPlist,
  serviceUnitFile,
  systemdEnrolUnits,
  systemdUnit,
  windowsServiceScript,
  type ServiceUnitSpec,
} from '../launcher/serviceUnits';
