// Two homes, one use each. What AgentGuard trusts — its state folder, the
// launcher and the runtime it recorded, the editors' extension folders, the
// hook, settings and shell start-up files it writes and watches — hangs from
// the account's home (accountHome, from the passwd entry or the token's
// profile), so an editor or a command started with another HOME can neither
// write them where the hook never looks nor read ones planted where it does.
// What a command means by `~` is the shell's business: judging `rm -rf ~/x`
// follows the HOME the command runs with (shellHome). Where the two differ,
// doctor says so (homesApart).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { accountHome } from './index';

/**
 * The home a shell expands `~` to: HOME when it is absolute, else what Node
 * makes of the environment, else the account's. A relative HOME is never
 * taken: resolved against the working folder it would make any folder (a
 * workspace) the home. Node's own reading is HOME itself wherever HOME is
 * set, so it is checked too.
 */
export function shellHome(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.HOME && path.isAbsolute(env.HOME)) return env.HOME;
  const node = os.homedir();
  return path.isAbsolute(node) ? node : accountHome();
}

function real(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** The two homes when they are different folders (a link to the account's home is the same folder), else undefined. */
export function homesApart(
  env: Readonly<Record<string, string | undefined>> = process.env,
  account: string = accountHome(),
): { account: string; shell: string } | undefined {
  const shell = shellHome(env);
  return real(shell) === real(account) ? undefined : { account, shell };
}
