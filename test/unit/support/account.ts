// Tests that start AgentGuard's CLI run as a throwaway account
// (scripts/throwaway-account.mjs): the CLI's state folder hangs from the account's
// passwd home, not from the HOME a test hands it, so run as the real account
// a test would meet the real kill switch and write into the real audit log.
// Loaded first in every unit test file (the script hands it to node --test
// with --require) and imported for its effect by every harness that starts
// the CLI: a test file run any other way, or after the throwaway account was
// lost, stops before its first test, saying why.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { accountHome, accountHomeOf, confirmStateRelocation, defaultStateDir } from '../../../src/core/state';

const BWRAP =
  process.platform === 'linux'
    ? ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'].find((p) => fs.existsSync(p))
    : undefined;
/** The throwaway account's home, where scripts/throwaway-account.mjs runs this process. */
const THROWAWAY = process.env.AGENTGUARD_TESTS_ACCOUNT_HOME;

/**
 * Throws unless /etc/passwd still gives this account the throwaway home: read
 * afresh (accountHome keeps a process's first reading), as a CLI started now
 * would read it. Cheap (one passwd lookup): harnesses call it before each CLI
 * they start.
 */
export function assertThrowawayAccount(): void {
  if (THROWAWAY === undefined) return;
  const home = accountHomeOf();
  if (home !== THROWAWAY)
    throw new Error(
      `the throwaway account is lost: /etc/passwd gives this account the home ${home}, not ${THROWAWAY}, ` +
        "so the CLI would use the real account's state folder (kill switch, audit log); stop the run and start it again",
    );
}

if (THROWAWAY !== undefined) assertThrowawayAccount();
else if (BWRAP || fs.existsSync(defaultStateDir(accountHome()))) {
  throw new Error(
    `these tests start AgentGuard's CLI, whose state folder is your account's (${defaultStateDir(accountHome())}): run them as a throwaway account, ` +
      '`npm run test:unit -- out/test/unit/FILE.test.js` (node scripts/throwaway-account.mjs --unit FILE...)',
  );
}

/**
 * `dir`, confirmed as the account's state folder the way a human's editor or
 * `agentguard install` confirms it (core/state confirmStateRelocation, in the
 * throwaway account's default state folder): a CLI a test starts with
 * AGENTGUARD_STATE_DIR=dir uses it, not the account's default. Called where
 * each CLI's environment is made: the record keeps the most recently
 * confirmed folders only.
 */
export function confirmedState(dir: string): string {
  assertThrowawayAccount();
  confirmStateRelocation(dir, accountHome());
  return dir;
}

/**
 * bubblewrap's arguments (before the command) that run a command as an
 * account of the same user whose passwd home is `home`; the passwd copy goes
 * in `dir`. Undefined where bubblewrap is missing (the test then skips).
 */
export function asAccount(home: string, dir: string): string[] | undefined {
  if (!BWRAP) return undefined;
  const uid = process.getuid?.();
  const passwd = path.join(dir, 'passwd');
  const lines = fs.readFileSync('/etc/passwd', 'utf8').split('\n').filter(Boolean);
  let found = false;
  const out = lines.map((l) => {
    const f = l.split(':');
    if (found || f.length < 7 || Number(f[2]) !== uid) return l;
    found = true;
    f[5] = home;
    return f.join(':');
  });
  if (!found) out.push(`agentguard-tests:x:${uid}:${process.getgid?.()}:AgentGuard tests:${home}:/bin/sh`);
  fs.writeFileSync(passwd, out.join('\n') + '\n');
  return [BWRAP, '--dev-bind', '/', '/', '--ro-bind', passwd, '/etc/passwd', '--'];
}

/** A `node` for runHook that runs as the account asAccount describes (a small sh script in `dir`). */
export function accountNode(home: string, dir: string): string | undefined {
  const prefix = asAccount(home, dir);
  if (!prefix) return undefined;
  const file = path.join(dir, 'node-as-account');
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  fs.writeFileSync(file, `#!/bin/sh\nexec ${[...prefix, process.execPath].map(quote).join(' ')} "$@"\n`, {
    mode: 0o755,
  });
  return file;
}
