// What a process needs before it loads the engine, and what the protocols
// and channels between the doors need from core: host ids and each call's
// time budget, the environment as core takes it, where the state folder is
// (and which home AgentGuard trusts: the account's, state/homes.ts),
// the running CLI's folders, the build, the digest both ends of a channel
// compute. Bundled into the launcher (dist/cli.js), so it loads nothing of
// the engine, the audit log or the policy.
export { HOSTS, type HostId } from '../hosts/types';
export { callBudget } from '../hosts/budget';
export { BUILD_ID } from '../build';
export { sha256Hex, sha256HexAnySize, useNodeCrypto } from '../text/sha256';
export { table } from '../text/own';
export { shellWord } from '../text/shellWord';
import { table } from '../text/own';
export {
  accountHome,
  confirmedStateDir,
  defaultStateDir,
  ignoredRelocationNote,
  stateDir,
  writableStateDir,
} from '../state';
export { homesApart, shellHome } from '../state/homes';
export { ANSWER_MARK, ANSWER_SLOT, BUNDLE_MISMATCH_EXIT, BUNDLE_PIN_ENV, CONFIRM_ARG } from '../launcher';
export { readRegularBytes, readRegularFile, readRegularText } from '../state/regularFile';
import { readRegularFile } from '../state/regularFile';
import { adminPath, MANAGED_POLICY_PLACES } from '../config/adminPaths';
export { runningInstall } from '../guard/runningInstall';
export { readEditorBinaries, recordEditorBinary, runsEditorBinary, type EditorBinary } from '../launcher/pins';
export {
  currentReacher,
  managedPolicyPresent,
  processBinaryReachable,
  reachableBy,
  type Reacher,
} from '../launcher/reach';
export { examined, foldersUp } from '../launcher/foldersUp';
export { processesEditorReachable } from '../launcher/runsCode';
export { aclReader } from '../launcher/acl';
export {
  RAISE_PTRACE_SCOPE,
  peerProofOf,
  peerProofWords,
  readPtraceScope,
  type PeerProof,
  type PtraceScope,
} from '../launcher/yama';

/**
 * An environment as the engine takes it: only the variables that have a
 * value, in a table without a prototype, so a variable named `__proto__` or
 * `constructor` is carried as written like any other name.
 */
export function stringEnv(env: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> {
  const out = table<string>();
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * Whether the organization's managed policy names an AgentGuard service (its
 * `service` key), read as text without validating it: the launcher then
 * hands no call to the editor's judge, whose state is the user's own, and the
 * full CLI asks the service (or blocks).
 */
export function managedPolicyNamesService(): boolean {
  const file = adminPath(MANAGED_POLICY_PLACES);
  if (!file) return false;
  const read = readRegularFile(file, 1024 * 1024, { followSymlinks: true });
  return read.ok && /"service"\s*:/.test(read.text);
}
