// The context a command is judged in: where the workspace and home are, how
// files are read and looked up, and what earlier commands of the line did.
// Every context has the same keys in the same order (the absent ones
// undefined): the engine copies a context with one key changed for each
// command of a line, and V8 gave nearly every such copy a hidden class of its
// own, so every read of a context in the packs went through V8's slowest
// property lookup.
import * as os from 'node:os';
import * as path from 'node:path';
import type { Config } from './config/schema';
import { isWindowsPath, toSlashForm } from './command/winPaths';
import { caseInsensitiveFs, guardFs, runningInstall } from './guard';
import type { AnalysisContext, EveryKey } from './types';
import { boundedReadFile } from './state/fileReads';

export interface EngineOptions {
  /** Absolute workspace root. */
  workspace: string;
  /** Home directory; defaults to the env's HOME, then the OS's. */
  home?: string;
  config?: Config;
  /** Environment used when the request carries none (the hook passes its own process env). */
  env?: Record<string, string>;
  /** Kill switch engaged: every decision is deny. */
  killSwitch?: boolean;
  /** Override file reads (tests). Default: bounded real reads. */
  readFile?: AnalysisContext['readFile'];
  /**
   * Override symlink and hard-link lookups (tests; a batch's looks shared by the lines of one chunk). Default: the
   * real file system, bounded, each look serving one judgment.
   */
  fileSystem?: Pick<
    AnalysisContext,
    'realpath' | 'stat' | 'readdir' | 'compiledProgram' | 'programCopyOf' | 'pathListing'
  >;
  /** Override case-insensitive path comparison (default: macOS and Windows). */
  caseInsensitive?: boolean;
  /** Files agents wrote (the hook's ledger); absent: no background launch is known to run agent code. */
  agentWritten?: AnalysisContext['agentWritten'];
  /** AgentGuard's state folder for this call (default: from this process's environment). */
  stateDir?: string;
  /** Folders of the AgentGuard CLI that runs the hook (default: this process's own, when it is the CLI). */
  guardInstall?: readonly string[];
  /**
   * The system the commands run on (default: Windows when the workspace is a
   * Windows path, else this process's). On Windows, paths are read with
   * Windows semantics and a line whose shell is not said may be PowerShell.
   */
  platform?: NodeJS.Platform;
}

function tempDirs(env: Record<string, string>, windowsHome: string | undefined): string[] {
  if (windowsHome !== undefined) {
    const dirs = new Set(['C:/Windows/Temp', windowsHome + '/AppData/Local/Temp']);
    for (const v of ['TEMP', 'TMP']) if (env[v] && isWindowsPath(env[v])) dirs.add(toSlashForm(env[v]));
    return [...dirs];
  }
  const dirs = new Set(['/tmp', '/var/tmp', '/dev/shm']);
  for (const v of ['TMPDIR', 'TMP', 'TEMP']) {
    const d = env[v];
    if (d && path.isAbsolute(d) && d !== '/') dirs.add(path.resolve(d));
  }
  return [...dirs];
}

/** Whether the commands of these options run on Windows. */
export function targetsWindows(opts: Pick<EngineOptions, 'platform' | 'workspace'>): boolean {
  return (opts.platform ?? (isWindowsPath(opts.workspace) ? 'win32' : process.platform)) === 'win32';
}

export function makeContext(opts: EngineOptions, env: Record<string, string>): AnalysisContext {
  if (targetsWindows(opts)) return windowsContext(opts, env);
  return everyKey({
    workspace: path.resolve(opts.workspace),
    home: opts.home ?? env.HOME ?? os.homedir(),
    tempDirs: tempDirs(env, undefined),
    readFile: opts.readFile ?? boundedReadFile,
    // Protected paths go by effect: symlinks and hard links resolved on the real file system.
    ...(opts.fileSystem ?? guardFs()),
    caseInsensitive: opts.caseInsensitive ?? caseInsensitiveFs(opts.platform),
    guardInstall: opts.guardInstall ?? runningInstall(),
    ...(opts.stateDir ? { stateDir: opts.stateDir } : {}),
    ...(opts.agentWritten ? { agentWritten: opts.agentWritten } : {}),
  });
}

/**
 * The context of a Windows machine: workspace, home and temp folders in the
 * slash form (`C:/Users/ana/app`), names compared without case, real paths
 * turned to the same form so protected paths compare with what commands name.
 */
function windowsContext(opts: EngineOptions, env: Record<string, string>): AnalysisContext {
  const workspace = toSlashForm(isWindowsPath(opts.workspace) ? opts.workspace : path.win32.resolve(opts.workspace));
  const homeRaw =
    opts.home ??
    env.USERPROFILE ??
    (env.HOMEDRIVE && env.HOMEPATH ? env.HOMEDRIVE + env.HOMEPATH : undefined) ??
    env.HOME ??
    os.homedir();
  const home = isWindowsPath(homeRaw) ? toSlashForm(homeRaw) : homeRaw;
  const fsLookups = opts.fileSystem ?? guardFs();
  return everyKey({
    workspace,
    home,
    tempDirs: tempDirs(env, home),
    readFile: opts.readFile ?? boundedReadFile,
    realpath: (p) => {
      const r = fsLookups.realpath?.(p);
      return r === undefined ? undefined : isWindowsPath(r) ? toSlashForm(r) : r;
    },
    ...(fsLookups.stat ? { stat: fsLookups.stat } : {}),
    caseInsensitive: opts.caseInsensitive ?? true,
    guardInstall: (opts.guardInstall ?? runningInstall()).map((d) => (isWindowsPath(d) ? toSlashForm(d) : d)),
    windows: true,
    ...(opts.stateDir ? { stateDir: isWindowsPath(opts.stateDir) ? toSlashForm(opts.stateDir) : opts.stateDir } : {}),
    ...(opts.agentWritten ? { agentWritten: opts.agentWritten } : {}),
  });
}

/**
 * The same context with every key of AnalysisContext, in one order, the absent ones undefined: what the engine
 * later copies with a key changed (`{ ...ctx, lineMade: true }`) then keeps one hidden class in V8. The type lists
 * every key as required, so a key added to AnalysisContext and not here does not compile.
 */
export function everyKey(c: AnalysisContext): AnalysisContext {
  const full: EveryKey<AnalysisContext> = {
    workspace: c.workspace,
    home: c.home,
    tempDirs: c.tempDirs,
    readFile: c.readFile,
    agentWritten: c.agentWritten,
    realpath: c.realpath,
    stat: c.stat,
    compiledProgram: c.compiledProgram,
    programCopyOf: c.programCopyOf,
    pathListing: c.pathListing,
    readdir: c.readdir,
    caseInsensitive: c.caseInsensitive,
    guardInstall: c.guardInstall,
    stateDir: c.stateDir,
    windows: c.windows,
    staged: c.staged,
    remotesAdded: c.remotesAdded,
    lineMade: c.lineMade,
    clipboardSecret: c.clipboardSecret,
    huskySetUp: c.huskySetUp,
    webTerminalPorts: c.webTerminalPorts,
    portForwarded: c.portForwarded,
  };
  return full;
}
