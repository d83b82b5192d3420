// Where the running AgentGuard CLI is installed (the folder of its bundle,
// with links resolved) and the runtime it runs on: protected from agents
// like the rest of AgentGuard. Found from the bundle's own file, not from how
// the CLI was started: a link of another name (npm's global `agentguard`), a
// script that requires it or a runtime that rewrites argv[1] would otherwise
// leave confined lines without the read-only CLI folder and runtime. Small on
// purpose: the hook's client computes it too.
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The CLI's bundles (esbuild.js): the launcher (dist/cli.js) and the engine
 * bundle it loads beside it (dist/agentguard.js). Any other module file (the
 * editor's bundle, the language server's, a test's transpiled module) is not
 * the CLI, and names no install.
 */
const CLI_BUNDLES = new Set(['cli.js', 'agentguard.js']);

/** The running CLI's folder (`…/dist` of the installed package) and runtime, when this process is the CLI. */
let ownInstall: string[] | undefined;
export function runningInstall(): string[] {
  return (ownInstall ??= installOf(__filename, process.argv[1]));
}

function real(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}

/**
 * The folder of `bundle`, when it is one of the CLI's, and the runtime running
 * it (a Node under HOME, put there by a version manager, is as much the judge
 * as the CLI). `argv1`, the path the CLI was started by, adds its folder only
 * where that is another path to the same folder (a link above it).
 */
export function installOf(bundle: string, argv1: string | undefined): string[] {
  if (!CLI_BUNDLES.has(path.basename(bundle))) return [];
  const dir = path.dirname(bundle);
  const dirs = [dir, real(dir)];
  if (argv1 && path.dirname(argv1) !== dir && real(path.dirname(argv1)) === real(dir)) dirs.push(path.dirname(argv1));
  return [...new Set([...dirs, process.execPath, real(process.execPath)])];
}
