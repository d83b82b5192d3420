// The state folder a script or an e2e run hands the CLI it starts
// (AGENTGUARD_STATE_DIR, or XDG_STATE_HOME's agentguard folder), confirmed as
// a human's editor or `agentguard install` confirms one (core/state
// confirmStateRelocation): the hook honours no relocation nobody confirmed.
// The record is kept in the account's default state folder, so only a
// throwaway account (scripts/throwaway-account.mjs) confirms here: for yours
// it would be a change to your own AgentGuard state.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const state = () => createRequire(import.meta.url)(path.join(root, 'out', 'src', 'core', 'state', 'index.js'));

/** Whether this process runs as the throwaway account scripts/throwaway-account.mjs started. */
export function throwawayAccount() {
  return process.env.AGENTGUARD_TESTS_ACCOUNT_HOME === state().accountHome();
}

/** `dir`, confirmed as the throwaway account's state folder (throws when this is not a throwaway account). */
export function confirmedState(dir) {
  const { accountHome, confirmStateRelocation, defaultStateDir } = state();
  const home = accountHome();
  if (!throwawayAccount())
    throw new Error(
      `confirming the state folder ${dir} would write into your account's AgentGuard state (${defaultStateDir(home)}): ` +
        'run this as a throwaway account (node scripts/throwaway-account.mjs …, Linux with bubblewrap)',
    );
  confirmStateRelocation(dir, home);
  return dir;
}
