// The launcher's search, in TypeScript: which AgentGuard installs it would
// see and which CLI it would run. For `agentguard doctor` (to show it), for
// the extension's uninstall clean-up (is any other AgentGuard left?) and for
// the tests, which hold the shell script's choice against this one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionFolderVersion } from './editors';
import { registeredFolders } from './pins';
import { builtinExtensionRoots } from './file';
import { CLI_BUNDLE, type LauncherRecord } from './index';

export interface FoundInstall {
  cli: string;
  /** From the extension folder's name; undefined for a pinned CLI. */
  version?: string;
  pinned: boolean;
  /** Its CLI and bundle are both there with content (completeInstall); the launcher runs only a complete install. */
  complete: boolean;
  /** Hashed into the launcher's record: the launcher runs nothing else. */
  recorded: boolean;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function hasContent(p: string): boolean {
  try {
    const st = fs.statSync(p);
    return st.isFile() && st.size > 0;
  } catch {
    return false;
  }
}

/** A CLI and the bundle beside it, both with something in them: an update the editor is still unpacking is not complete. */
export function completeInstall(cli: string): boolean {
  return hasContent(cli) && hasContent(path.join(path.dirname(cli), CLI_BUNDLE));
}

/**
 * Every AgentGuard the launcher would consider: the CLIs the launcher
 * recorded (hashed when recorded; it runs no other), then those an editor
 * registered in its extensions list but the launcher has not recorded yet
 * (complete or not: the next writer records them).
 */
export function findInstalls(
  home: string,
  record: LauncherRecord | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): FoundInstall[] {
  const out: FoundInstall[] = [];
  for (const c of record?.clis ?? []) {
    if (!isFile(c.cli)) continue;
    out.push({
      cli: c.cli,
      ...(c.version ? { version: c.version } : {}),
      pinned: c.cli === record?.pinnedCli,
      complete: completeInstall(c.cli),
      recorded: true,
    });
  }
  const roots = [...new Set([...builtinExtensionRoots(home, env), ...(record?.extensionRoots ?? [])])];
  for (const root of roots) {
    for (const folder of registeredFolders(root)) {
      const cli = path.join(folder, 'dist', 'cli.js');
      if (out.some((i) => i.cli === cli) || !isFile(cli)) continue;
      out.push({
        cli,
        version: extensionFolderVersion(path.basename(folder)),
        pinned: false,
        complete: completeInstall(cli),
        recorded: false,
      });
    }
  }
  return out;
}

/** The CLI the launcher runs: the first recorded one that is complete (the record keeps the pin first, then newest first). */
export function chosenInstall(installs: readonly FoundInstall[]): FoundInstall | undefined {
  return installs.find((i) => i.recorded && i.complete);
}
