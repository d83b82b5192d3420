// The launcher's search, in TypeScript: which AgentGuard installs it would
// see and which CLI it would run. For `agentguard doctor` (to show it), for
// the extension's uninstall clean-up (is any other AgentGuard left?) and for
// the tests, which hold the shell script's choice against this one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_FOLDER_PREFIX, extensionFolderVersion, newerVersion } from './editors';
import { builtinExtensionRoots } from './file';
import { CLI_BUNDLE, type LauncherRecord } from './index';

export interface FoundInstall {
  cli: string;
  /** From the extension folder's name; undefined for a pinned CLI. */
  version?: string;
  pinned: boolean;
  /** Its CLI and bundle are both there with content (completeInstall); the launcher runs only a complete install. */
  complete: boolean;
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

/** Every AgentGuard the launcher would consider: the pinned CLI (if it exists) first, then each extension folder's, complete or not. */
export function findInstalls(home: string, record: LauncherRecord | undefined, env: Readonly<Record<string, string | undefined>> = process.env): FoundInstall[] {
  const out: FoundInstall[] = [];
  if (record?.pinnedCli && isFile(record.pinnedCli)) out.push({ cli: record.pinnedCli, pinned: true, complete: completeInstall(record.pinnedCli) });
  const roots = [...new Set([...builtinExtensionRoots(home, env), ...(record?.extensionRoots ?? [])])];
  for (const root of roots) {
    let names: string[];
    try {
      names = fs.readdirSync(root).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.startsWith(EXTENSION_FOLDER_PREFIX)) continue;
      const cli = path.join(root, name, 'dist', 'cli.js');
      if (isFile(cli)) out.push({ cli, version: extensionFolderVersion(name) ?? name.slice(EXTENSION_FOLDER_PREFIX.length).split('-')[0], pinned: false, complete: completeInstall(cli) });
    }
  }
  return out;
}

/** The CLI the launcher runs: the pinned one, else the newest extension's (the first found among equals); complete installs only. */
export function chosenInstall(installs: readonly FoundInstall[]): FoundInstall | undefined {
  const pinned = installs.find((i) => i.pinned && i.complete);
  if (pinned) return pinned;
  let best: FoundInstall | undefined;
  for (const i of installs) if (i.complete && !i.pinned && (!best || newerVersion(i.version ?? '', best.version ?? ''))) best = i;
  return best;
}
