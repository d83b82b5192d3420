// What a human reads, restores and ships, for the doors that show it: the
// audit log and its events, the kill switch, snapshots and their restore,
// shipping the log to the organization's pipeline (loaded on its own), and
// moving the state folder once a human confirms it.
export { auditFile, verifyAudit, type AuditRecord } from '../state/audit';
export { recordEvent, type AuditEventName } from '../state/auditEvents';
export {
  confirmStateRelocation,
  killSwitchFile,
  readKillSwitch,
  writeKillSwitch,
  type KillSwitchState,
} from '../state';
export { listSnapshots, readManifest, snapshotDir, type Manifest } from '../snapshot/store';
export { restoreBundle, restoreSnapshot, type RestoreResult } from '../snapshot/restore';
export { decodeBundle, encodeBundle, type SnapshotBundle } from '../snapshot/bundle';
export { snapshotBudget, takeFileSnapshot } from '../snapshot/files';
export { shipModule } from '../ship/load';
export type { Follower, RoundResult } from '../ship/index';
export type { AuditSinksConfig } from '../config/auditSinks';
export {
  DEFAULT_SOCKET_DIR,
  keeperAnswer,
  keptStateDir,
  recordFlood,
  serviceConfig,
  type KeeperContext,
  type KeeperReply,
  type KeeperRequest,
  type ServiceConfig,
} from './serviceKeeper';
export { confirmationLoosenings, republishPolicies } from './servicePolicies';
export { republishHookRecord } from './serviceHookRecord';
