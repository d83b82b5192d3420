// The editor's uninstall clean-up (package.json `vscode:uninstall`): VS Code
// and its forks run `node dist/uninstall.js` once every window has closed
// after AgentGuard was uninstalled, with no editor API and five seconds to
// finish. When no other AgentGuard is left for the launcher to run, it takes
// AgentGuard's entries out of every hook file it wired (user level, and each
// folder recorded when hooks were installed or repaired) and removes the
// launcher: agents then run as they did before AgentGuard. Hooks it cannot
// reach keep blocking with the repair message until `agentguard uninstall`.
//
// It runs only for an extension the editor really marked uninstalled (its
// folder listed in the extensions folder's `.obsolete`, which agents cannot
// write): started by hand, or for an update, it changes nothing. The launcher
// and hook files are the account's home's, whatever HOME it runs with.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOSTS, accountHome } from '../core/frontdoor/launch';
import {
  launcherPath,
  findInstalls,
  readLauncher,
  removeLauncher,
  wiredWorkspaces,
  PATH_LINK_DIRS,
  uninstallHooks,
  type FileOutcome,
} from '../core/frontdoor/setup';

/** Whether the editor marked `folder` uninstalled: `.obsolete` beside it lists its name. */
export function markedUninstalled(folder: string): boolean {
  try {
    const obsolete = JSON.parse(fs.readFileSync(path.join(path.dirname(folder), '.obsolete'), 'utf8')) as Record<
      string,
      unknown
    >;
    return obsolete[path.basename(folder)] === true;
  } catch {
    return false;
  }
}

function inside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

export interface CleanUp {
  /** Why nothing was changed, when nothing was. */
  kept?: string;
  outcomes: FileOutcome[];
  removed: string[];
}

/** Unwires every hook and removes the launcher, unless another AgentGuard install remains for it to run. */
export function cleanUpAfterUninstall(folder: string, home = accountHome()): CleanUp {
  if (!markedUninstalled(folder))
    return { kept: `${folder} is not marked uninstalled by the editor`, outcomes: [], removed: [] };
  const record = readLauncher(home);
  const others = findInstalls(home, record).filter((i) => !inside(i.cli, folder));
  if (others.length)
    return {
      kept: `AgentGuard is still installed at ${others[0].cli}; hooks keep running it`,
      outcomes: [],
      removed: [],
    };
  const launcher = launcherPath(home);
  const outcomes = uninstallHooks({ hosts: HOSTS, scope: 'user', workspace: home, home, launcher });
  for (const ws of wiredWorkspaces(home))
    outcomes.push(...uninstallHooks({ hosts: HOSTS, scope: 'project', workspace: ws, home, launcher }));
  const removed: string[] = [];
  for (const dir of PATH_LINK_DIRS) {
    const link = path.join(home, dir, 'agentguard');
    try {
      if (fs.lstatSync(link).isSymbolicLink() && fs.readlinkSync(link) === launcher) {
        fs.rmSync(link);
        removed.push(link);
      }
    } catch {
      // No link there.
    }
  }
  removed.push(...removeLauncher(home));
  return { outcomes, removed };
}

if (require.main === module) {
  const folder = path.resolve(__dirname, '..');
  try {
    const r = cleanUpAfterUninstall(folder);
    if (r.kept) process.stdout.write(`AgentGuard uninstall clean-up: nothing changed (${r.kept})\n`);
    for (const o of r.outcomes.filter((x) => x.status !== 'absent'))
      process.stdout.write(
        `AgentGuard uninstall clean-up: ${o.host} ${o.file}: ${o.status}${o.error ? ` (${o.error})` : ''}\n`,
      );
    for (const f of r.removed) process.stdout.write(`AgentGuard uninstall clean-up: removed ${f}\n`);
  } catch (err) {
    process.stderr.write(`AgentGuard uninstall clean-up failed: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
