// `agentguard install|uninstall --managed`: AgentGuard's hook in the files
// each agent host reads from an administrator (core/hosts/managedHooks.ts),
// run by an administrator or written by MDM from the same template. The
// entry runs the runtime and CLI the administrator installed, by absolute
// path: not the per-user launcher under a home folder, which the user's own
// processes can write. The workspace and user entries then only duplicate
// the managed one, and a call is judged once (core/frontdoor/onceOnly.ts).
import * as fs from 'node:fs';
import {
  addManagedHook,
  legacyHookCommand,
  MANAGED_HOOK_HOSTS,
  managedHookPlace,
  removeManagedHook,
} from '../core/frontdoor/setup';
import { HOSTS, type HostId } from '../core/frontdoor/launch';
import {
  backup,
  parseInstallArgs,
  readIfExists,
  report,
  writeAtomically,
  type FileOutcome,
  type InstallOptions,
} from './install';

/** Without a host flag: every host that reads administrator-owned hooks on this platform. */
export function managedDefaultHosts(platform: NodeJS.Platform = process.platform): HostId[] {
  return HOSTS.filter((h) => !('unsupported' in managedHookPlace(h, platform)));
}

function refusedWhy(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM')
    return `permission denied: the managed hook files belong to an administrator (run \`sudo agentguard install --managed\`, or deploy the file with your MDM): ${(err as Error).message}`;
  return (err as Error).message;
}

function each(o: InstallOptions, one: (host: HostId, file: string) => FileOutcome): FileOutcome[] {
  return o.hosts.map((host): FileOutcome => {
    const place = managedHookPlace(host);
    if ('unsupported' in place)
      return { host, file: '-', status: 'refused', error: `no managed hook file: ${place.unsupported}` };
    try {
      return one(host, place.file);
    } catch (err) {
      return { host, file: place.file, status: 'refused', error: refusedWhy(err) };
    }
  });
}

export function installManagedHooks(o: InstallOptions): FileOutcome[] {
  return each(o, (host, file) => {
    const place = managedHookPlace(host);
    if ('unsupported' in place) throw new Error(place.unsupported);
    const previous = readIfExists(file);
    const edited = addManagedHook(
      previous ?? '',
      place,
      legacyHookCommand(host, o.runtime.path, o.cliPath),
      o.managedOnly === true,
    );
    if (!edited.ok)
      return { host, file, status: 'refused', error: `cannot edit ${file} (${edited.error}); nothing was changed` };
    if (!edited.changed && previous !== undefined) return { host, file, status: 'unchanged' };
    const saved = previous !== undefined ? backup(file, previous) : undefined;
    // Every user's agent reads it; only an administrator writes it.
    writeAtomically(file, edited.text, previous !== undefined ? fs.statSync(file).mode & 0o777 : 0o644);
    return {
      host,
      file,
      status: previous === undefined ? 'installed' : 'updated',
      ...(saved ? { backup: saved } : {}),
    };
  });
}

export function uninstallManagedHooks(o: InstallOptions): FileOutcome[] {
  return each(o, (host, file) => {
    const place = managedHookPlace(host);
    if ('unsupported' in place) throw new Error(place.unsupported);
    const previous = readIfExists(file);
    if (previous === undefined) return { host, file, status: 'absent' };
    const edited = removeManagedHook(previous, place);
    if (!edited.ok)
      return { host, file, status: 'refused', error: `cannot edit ${file} (${edited.error}); nothing was changed` };
    if (!edited.changed) return { host, file, status: 'absent' };
    if (edited.empty) {
      fs.unlinkSync(file);
      return { host, file, status: 'removed' };
    }
    const saved = backup(file, previous);
    writeAtomically(file, edited.text, fs.statSync(file).mode & 0o777);
    return { host, file, status: 'removed', backup: saved };
  });
}

const UNSUPPORTED_NOTE = HOSTS.filter((h) => 'unsupported' in MANAGED_HOOK_HOSTS[h]).join(', ');

export async function runInstallManaged(args: string[]): Promise<number> {
  const parsed = parseInstallArgs(args, process.cwd(), managedDefaultHosts());
  if (!parsed.ok) {
    process.stderr.write(`agentguard install --managed: ${parsed.error}\n`);
    return 64;
  }
  // The managed entry names its runtime directly: an editor's Electron would start a window, not the hook.
  if (parsed.options.runtime.kind !== 'node') {
    process.stderr.write(
      "agentguard install --managed: run it with Node, or name one with --node FILE (an editor's own runtime cannot run a hook from a managed file)\n",
    );
    return 64;
  }
  const code = report(installManagedHooks(parsed.options));
  if (code === 0) {
    process.stdout.write(
      [
        'Restart the agents so they read the managed hook. Workspace and user hook files that run AgentGuard too only duplicate it: each call is judged once.',
        `No managed hook file exists for: ${UNSUPPORTED_NOTE} (agentguard doctor shows which hosts are managed).`,
      ].join('\n') + '\n',
    );
  }
  return code;
}

export async function runUninstallManaged(args: string[]): Promise<number> {
  const parsed = parseInstallArgs(args, process.cwd(), managedDefaultHosts());
  if (!parsed.ok) {
    process.stderr.write(`agentguard uninstall --managed: ${parsed.error}\n`);
    return 64;
  }
  return report(uninstallManagedHooks(parsed.options));
}
