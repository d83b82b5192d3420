// Where each agent host's hook file is (its adapter's `hookFiles`), the
// command an entry runs, and the files AgentGuard writes whole for hosts
// whose hook is a program or a file of its own rather than an entry in a
// settings file (Cline's hook file, Amp's delegate program, OpenCode's
// plugin, Kiro's hook file). Pure: text in, text out.
import * as path from 'node:path';
import { hookCommand, INSTALLED_TIMEOUT_SECONDS, MANAGED_MARK, quoteArg, type WindowsHookShell } from './adapter';
import { HOST_HOOK_FILES, hostAdapter } from './index';
import { HOSTS, type HostId } from './types';

export { GENERATED_HOSTS, HOST_HOOK_FILES } from './index';
export { hookCommand, hookScript, MANAGED_MARK } from './adapter';

export type Scope = 'project' | 'user';

function resolve(p: string, base: string, home: string): string {
  return p.startsWith('~/') ? path.join(home, p.slice(2)) : path.join(base, p);
}

/** The hook file of a host (the first listed), project-level (in the workspace) or user-level (in the home directory). */
export function hookFile(host: HostId, scope: Scope, workspace: string, home: string): string {
  const entry = HOST_HOOK_FILES.find((f) => f.host === host && f.scope === scope);
  if (!entry) throw new Error(`no ${scope} hook file for ${host}`);
  return resolve(entry.path, workspace, home);
}

/** The program a host's settings delegate to (Amp's), next to its settings file. */
export function delegateFile(host: HostId, scope: Scope, workspace: string, home: string): string | undefined {
  const wiring = hostAdapter(host).wiring;
  return wiring.kind === 'delegate'
    ? path.join(path.dirname(hookFile(host, scope, workspace, home)), wiring.program)
    : undefined;
}

/**
 * The programs install points the delegate rules of `settingsFile`, a
 * settings file of `host`, at: the one it writes next to that file (a
 * workspace install), and the user-level one under each of `homes` (a user
 * install). None for a host that delegates to no program.
 */
export function installedDelegates(host: HostId, settingsFile: string, homes: readonly string[]): string[] {
  const wiring = hostAdapter(host).wiring;
  if (wiring.kind !== 'delegate') return [];
  const user = homes.flatMap((home) => delegateFile(host, 'user', home, home) ?? []);
  return [...new Set([path.join(path.dirname(settingsFile), wiring.program), ...user])];
}

/** Every program a host's settings delegate to, next to its settings file. */
export function delegateFiles(scope: Scope, workspace: string, home: string): string[] {
  return HOSTS.flatMap((host) => delegateFile(host, scope, workspace, home) ?? []);
}

/** The hook command as the host's hook file holds it: for `sh` where a script or plugin runs it, else for the platform's shell. */
export function installedCommand(host: HostId, launcher: string, platform: NodeJS.Platform = process.platform): string {
  const adapter = hostAdapter(host);
  return hookCommand(host, launcher, adapter.shCommand ? 'linux' : platform, adapter.windowsShell);
}

/** The shell a host runs its hook command in on Windows (`doctor` runs it there the same way). */
export function windowsHookShell(host: HostId): WindowsHookShell {
  return hostAdapter(host).windowsShell ?? 'cmd';
}

/** The command AgentGuard wrote before the launcher: a pinned node and a versioned CLI. Still recognised, and repaired. */
export function legacyHookCommand(
  host: HostId,
  nodePath: string,
  cliPath: string,
  platform: NodeJS.Platform = process.platform,
): string {
  return `${quoteArg(nodePath, platform)} ${quoteArg(cliPath, platform)} hook ${host}`;
}

const COMMAND_RE = new RegExp(`(?:agentguard(?:\\.cmd)?|cli\\.js)['"]?\\s+hook\\s+(?:${HOSTS.join('|')})\\s*$`, 'i');

/**
 * Recognises an AgentGuard hook command by its name, whichever node or
 * install path it was written with: what install, uninstall and the repair
 * replace or remove. Never a reason to trust a handler (isOurHookCommand).
 */
export function isAgentGuardCommand(command: unknown): boolean {
  return typeof command === 'string' && COMMAND_RE.test(command.trim());
}

/**
 * Whether `command` is a hook command exactly as install writes it for one of
 * `hosts` (by default any host's form: a file only the caller's host reads
 * wants that host's alone, hosts/hookEntries.ts) and one of `launchers`, the
 * launcher paths AgentGuard trusts (the account's, core/launcher
 * launcherPath). A program merely named
 * `agentguard` elsewhere — one an agent planted — is not AgentGuard's, and
 * neither is the pinned node-and-CLI form from before the launcher: only
 * administrator files hold that now (install --managed), which no shadow
 * rule reads, and install or the editor's start-up repair rewrites any left
 * in a workspace file.
 */
export function isOurHookCommand(
  command: unknown,
  launchers: readonly string[],
  hosts: readonly HostId[] = HOSTS,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (typeof command !== 'string') return false;
  const line = command.trim();
  return launchers.some((launcher) =>
    hosts.some((host) => {
      try {
        return installedCommand(host, launcher, platform) === line;
      } catch {
        // A launcher path that host's Windows shell cannot carry: install writes no such command.
        return false;
      }
    }),
  );
}

/** The command inside a script or plugin AgentGuard wrote, or undefined when the file is not AgentGuard's. */
export function managedCommand(text: string): string | undefined {
  if (!text.includes(MANAGED_MARK)) return undefined;
  const script = /^exec (.+)$/m.exec(text);
  if (script && isAgentGuardCommand(script[1])) return script[1].trim();
  const plugin = /^const HOOK = (\[.*\]);$/m.exec(text);
  if (plugin) {
    try {
      const argv = JSON.parse(plugin[1]) as string[];
      // [launcher, 'hook', host], or before the launcher [node, cli, 'hook', host].
      const program = argv.length > 3 ? 2 : 1;
      const command = `${argv
        .slice(0, program)
        .map((a) => quoteArg(a, 'linux'))
        .join(' ')} ${argv.slice(program).join(' ')}`;
      return isAgentGuardCommand(command) ? command : undefined;
    } catch {
      return undefined;
    }
  }
  const kiro = /"command":\s*("(?:[^"\\]|\\.)*")/.exec(text);
  if (kiro) {
    const command = JSON.parse(kiro[1]) as string;
    return isAgentGuardCommand(command) ? command : undefined;
  }
  return undefined;
}

/** The whole text AgentGuard writes for a generated hook file (or a delegate program). */
export function generatedFile(
  host: HostId,
  launcher: string,
  timeoutSeconds = INSTALLED_TIMEOUT_SECONDS,
  platform: NodeJS.Platform = process.platform,
): string {
  const wiring = hostAdapter(host).wiring;
  if (wiring.kind === 'file') return wiring.text(launcher, timeoutSeconds, platform);
  if (wiring.kind === 'delegate') return wiring.text(launcher);
  throw new Error(`${host} has no generated hook file`);
}
