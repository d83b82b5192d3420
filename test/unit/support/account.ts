// Tests that start AgentGuard's CLI run as a throwaway account
// (scripts/throwaway-account.mjs): the CLI's state folder hangs from the account's
// passwd home, not from the HOME a test hands it, so run as the real account
// a test would meet the real kill switch and write into the real audit log.
// Imported for its effect by every harness that starts the CLI: a test file
// run any other way stops before its first test, saying how to run it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { accountHome, defaultStateDir } from '../../../src/core/state';

const BWRAP =
  process.platform === 'linux'
    ? ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'].find((p) => fs.existsSync(p))
    : undefined;
const ISOLATED = process.env.AGENTGUARD_TESTS_ACCOUNT_HOME === accountHome();

if (!ISOLATED && (BWRAP || fs.existsSync(defaultStateDir(accountHome())))) {
  throw new Error(
    `these tests start AgentGuard's CLI, whose state folder is your account's (${defaultStateDir(accountHome())}): run them as a throwaway account, ` +
      '`npm run test:unit -- out/test/unit/FILE.test.js` (node scripts/throwaway-account.mjs --unit FILE...)',
  );
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
