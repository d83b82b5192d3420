// `agentguard install|uninstall`: wires AgentGuard's hook into each agent
// host's hook file (project-level by default, `--user` for the home
// directory). Every hook runs the launcher (core/launcher), never this
// CLI's own versioned path: install writes the launcher first, recording
// the runtime this CLI runs on and, when this CLI is not inside an editor's
// extension folder (an npm install, a checkout, `--cli FILE`), pinning it.
// The file edits themselves are core/launcher/wiring.ts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  extensionFolderOf, HOST_ADAPTERS, installHooks, launcherPath, pathAdvice, recordWiredWorkspace, uninstallHooks, wiredWorkspaces, writeLauncher,
  STARTUP_SHELLS, type FileOutcome, type RecordedRuntime, type Scope,
} from '../core/frontdoor/setup';
import { HOSTS, type HostId } from '../core/frontdoor/launch';

export { BACKUP_SUFFIX, backup, readIfExists, writeAtomically, type FileOutcome } from '../core/frontdoor/setup';

export interface InstallOptions {
  hosts: HostId[];
  scope: Scope;
  workspace: string;
  home: string;
  /** The CLI the launcher runs: pinned unless it lies in an editor's extension folder. */
  cliPath: string;
  /** A runtime to record in the launcher. */
  runtime: RecordedRuntime;
  /** `--managed`: the hosts' administrator-owned hook files (installManaged.ts) instead of workspace or user ones. */
  managed?: boolean;
  /** `--allow-managed-hooks-only`: with --managed, the hosts that can ignore every other hook are told to. */
  managedOnly?: boolean;
}

type ParsedArgs = { ok: true; options: InstallOptions } | { ok: false; error: string };

const USAGE = `usage: agentguard install|uninstall [${HOSTS.map((h) => `--${h}`).join('] [')}] [--terminal] [--user] [--workspace DIR] [--cli FILE] [--node FILE]
       agentguard install|uninstall --managed [--HOST...] [--allow-managed-hooks-only] [--cli FILE] [--node FILE]
  install without a host flag wires the editor agents (--claude --cursor --copilot); uninstall without one removes AgentGuard from every host.
  Hooks run ~/.agentguard/bin/agentguard, which finds the newest AgentGuard installed; --cli pins another CLI, --node records a Node for it.
  --terminal: the line that loads the terminal gate, in the startup file of each shell found here (bash, zsh, fish, pwsh).
  --managed writes the hosts' administrator-owned hook files (run as an administrator); without a host flag, every host that has one.`;

/** What `install` wires when no host is named: the agents inside the editor AgentGuard runs in (those its install picker offers). */
export const DEFAULT_INSTALL_HOSTS: readonly HostId[] = HOST_ADAPTERS.filter((a) => a.editorOffer).map((a) => a.id);

/** The CLI file this process runs from. */
function ownCliPath(): string {
  const script = process.argv[1] ? path.resolve(process.argv[1]) : '';
  try {
    return fs.realpathSync(script);
  } catch {
    return script;
  }
}

/** This process's runtime: an editor's Electron runs Node code only with ELECTRON_RUN_AS_NODE, which the launcher sets for it. */
function ownRuntime(): RecordedRuntime {
  return { kind: process.versions.electron ? 'electron' : 'node', path: process.execPath };
}

export function parseInstallArgs(args: readonly string[], cwd = process.cwd(), defaults: readonly HostId[] = HOSTS): ParsedArgs {
  const hosts: HostId[] = [];
  let scope: Scope = 'project';
  let workspace = cwd;
  let cliPath = ownCliPath();
  let runtime = ownRuntime();
  let managed = false;
  let managedOnly = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => args[++i];
    if (a.startsWith('--') && HOSTS.includes(a.slice(2) as HostId)) hosts.push(a.slice(2) as HostId);
    else if (a === '--user') scope = 'user';
    else if (a === '--managed') managed = true;
    else if (a === '--allow-managed-hooks-only') managedOnly = true;
    else if (a === '--workspace') workspace = value() ?? '';
    else if (a === '--cli') cliPath = value() ?? '';
    else if (a === '--node') runtime = { kind: 'node', path: value() ?? '' };
    else return { ok: false, error: `unknown option ${a}` };
  }
  if (!workspace || !cliPath || !runtime.path) return { ok: false, error: 'an option is missing its value' };
  if (managedOnly && !managed) return { ok: false, error: '--allow-managed-hooks-only goes with --managed' };
  if (managed && scope === 'user') return { ok: false, error: '--managed and --user are different places: choose one' };
  workspace = path.resolve(cwd, workspace);
  if (!fs.existsSync(workspace) || !fs.statSync(workspace).isDirectory()) return { ok: false, error: `workspace ${workspace} is not a directory` };
  return {
    ok: true,
    options: {
      hosts: hosts.length ? [...new Set(hosts)] : [...defaults],
      scope,
      workspace,
      home: os.homedir(),
      cliPath: path.resolve(cwd, cliPath),
      runtime: { kind: runtime.kind, path: path.resolve(cwd, runtime.path) },
      ...(managed ? { managed, managedOnly } : {}),
    },
  };
}

/** Writes the launcher for `o` and returns its path. */
export function installLauncher(o: InstallOptions): { launcher: string; changed: boolean } {
  const extensionFolder = extensionFolderOf(o.cliPath, path.sep);
  const written = writeLauncher({ home: o.home, pin: extensionFolder ? null : o.cliPath, runtime: o.runtime, ...(extensionFolder ? { extensionFolder } : {}) });
  return { launcher: written.file, changed: written.changed };
}

export function install(o: InstallOptions): FileOutcome[] {
  const { launcher } = installLauncher(o);
  const outcomes = installHooks({ hosts: o.hosts, scope: o.scope, workspace: o.workspace, home: o.home, launcher });
  if (o.scope === 'project' && outcomes.some((x) => x.status !== 'refused')) recordWiredWorkspace(o.home, o.workspace, true);
  return outcomes;
}

export function uninstall(o: InstallOptions): FileOutcome[] {
  const outcomes = uninstallHooks({ hosts: o.hosts, scope: o.scope, workspace: o.workspace, home: o.home, launcher: launcherPath(o.home) });
  if (o.scope === 'project' && o.hosts.length === HOSTS.length && wiredWorkspaces(o.home).includes(o.workspace)) recordWiredWorkspace(o.home, o.workspace, false);
  return outcomes;
}

const LABEL: Record<FileOutcome['status'], string> = {
  installed: 'hook added (new file)',
  updated: 'hook added',
  unchanged: 'already installed',
  removed: 'hook removed',
  absent: 'no AgentGuard hook',
  refused: 'REFUSED',
};

export function report(outcomes: FileOutcome[]): number {
  for (const o of outcomes) {
    const extra = o.error ? `: ${o.error}` : o.backup ? ` (previous file kept as ${path.basename(o.backup)})` : '';
    (o.status === 'refused' ? process.stderr : process.stdout).write(`${o.host.padEnd(11)} ${o.file}  ${LABEL[o.status]}${extra}\n`);
  }
  return outcomes.some((o) => o.status === 'refused') ? 1 : 0;
}

/** `--terminal` alone touches only the shells' startup files; with host flags, both. */
function splitTerminal(args: readonly string[]): { terminal: boolean; rest: string[]; hostsNamed: boolean } {
  const rest = args.filter((a) => a !== '--terminal');
  return { terminal: rest.length !== args.length, rest, hostsNamed: rest.some((a) => HOSTS.includes(a.slice(2) as HostId)) };
}

export async function runInstall(args: string[]): Promise<number> {
  const { terminal, rest, hostsNamed } = splitTerminal(args);
  const parsed = parseInstallArgs(rest, process.cwd(), DEFAULT_INSTALL_HOSTS);
  if (!parsed.ok) {
    process.stderr.write(`agentguard install: ${parsed.error}\n${USAGE}\n`);
    return 64;
  }
  if (terminal) {
    const { installStartupLines, installedShells, reportStartup } = await import('./installTerminal');
    const code = reportStartup(installStartupLines(installedShells(), parsed.options.runtime.path, parsed.options.cliPath));
    if (code === 0) process.stdout.write('New terminals load the gate; `agentguard doctor` in a terminal says whether its shell has it.\n');
    if (!hostsNamed || code !== 0) return code;
  }
  const code = report(install(parsed.options));
  if (code === 0) {
    process.stdout.write(`Hooks run ${launcherPath(parsed.options.home)}, which finds the newest AgentGuard at each call.\n`);
    const advice = pathAdvice(parsed.options.home);
    if (advice) process.stdout.write(`${advice}\n`);
    process.stdout.write('Restart the agent (or reload its window) so it reads the new hook. `agentguard doctor` checks that each hook answers.\n');
  }
  return code;
}

export async function runUninstall(args: string[]): Promise<number> {
  const { terminal, rest, hostsNamed } = splitTerminal(args);
  const parsed = parseInstallArgs(rest);
  if (!parsed.ok) {
    process.stderr.write(`agentguard uninstall: ${parsed.error}\n${USAGE}\n`);
    return 64;
  }
  if (terminal) {
    const { uninstallStartupLines, reportStartup } = await import('./installTerminal');
    const code = reportStartup(uninstallStartupLines(STARTUP_SHELLS));
    if (!hostsNamed || code !== 0) return code;
  }
  return report(uninstall(parsed.options));
}
