// Where the running AgentGuard CLI is installed (the folder of dist/cli.js,
// as invoked and with links resolved) and the runtime it runs on: protected
// from agents like the rest of AgentGuard. Small on purpose: the hook's
// client computes it too.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The running CLI's folder (`…/dist` of the installed package), when this process is the CLI. */
let ownInstall: string[] | undefined;
export function runningInstall(argv1: string | undefined = process.argv[1]): string[] {
  if (argv1 === process.argv[1]) return (ownInstall ??= installOf(argv1));
  return installOf(argv1);
}

function real(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}

/** The CLI's folder and the runtime running it (a Node under HOME, put there by a version manager, is as much the judge as the CLI). */
function installOf(argv1: string | undefined): string[] {
  if (!argv1 || path.basename(argv1) !== 'cli.js') return [];
  return [...new Set([path.dirname(argv1), path.dirname(real(argv1)), process.execPath, real(process.execPath)])];
}
