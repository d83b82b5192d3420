// The launcher's search, in TypeScript: which AgentGuard installs it would
// see and which CLI it would run. For `agentguard doctor` (to show it), for
// the extension's uninstall clean-up (is any other AgentGuard left?) and for
// the tests, which hold the shell script's choice against this one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_FOLDER_PREFIX, extensionFolderVersion, newerVersion } from './editors';
import { builtinExtensionRoots } from './file';
import type { LauncherRecord } from './index';

export interface FoundInstall {
  cli: string;
  /** From the extension folder's name; undefined for a pinned CLI. */
  version?: string;
  pinned: boolean;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Every AgentGuard the launcher would consider: the pinned CLI (if it exists) first, then each extension folder's. */
export function findInstalls(home: string, record: LauncherRecord | undefined, env: Readonly<Record<string, string | undefined>> = process.env): FoundInstall[] {
  const out: FoundInstall[] = [];
  if (record?.pinnedCli && isFile(record.pinnedCli)) out.push({ cli: record.pinnedCli, pinned: true });
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
      if (isFile(cli)) out.push({ cli, version: extensionFolderVersion(name) ?? name.slice(EXTENSION_FOLDER_PREFIX.length).split('-')[0], pinned: false });
    }
  }
  return out;
}

/** The CLI the launcher runs: the pinned one, else the newest extension's (the first found among equals). */
export function chosenInstall(installs: readonly FoundInstall[]): FoundInstall | undefined {
  const pinned = installs.find((i) => i.pinned);
  if (pinned) return pinned;
  let best: FoundInstall | undefined;
  for (const i of installs) if (!best || newerVersion(i.version ?? '', best.version ?? '')) best = i;
  return best;
}
