// `agentguard install|uninstall`: wires AgentGuard's hook into each agent
// host's hook file (project-level by default, `--user` for the home
// directory). Merges into what is there, keeps a backup of the previous file,
// refuses files it cannot parse, and uninstall removes only its own entries.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addHook, hookCommand, hookFile, removeHook, type JsonHost, type Scope } from '../core/hosts/hostConfig';
import { GENERATED_HOSTS, ampDelegateFile, generatedFile, managedCommand } from '../core/hosts/hostFiles';
import { INSTALLED_TIMEOUT_SECONDS } from '../core/hosts/hostProfiles';
import { HOSTS, type HostId } from '../core/hosts/types';

export const BACKUP_SUFFIX = '.agentguard-backup';

export interface InstallOptions {
  hosts: HostId[];
  scope: Scope;
  workspace: string;
  home: string;
  /** The node binary and CLI file the hook command runs. */
  nodePath: string;
  cliPath: string;
  /** `--managed`: the hosts' administrator-owned hook files (installManaged.ts) instead of workspace or user ones. */
  managed?: boolean;
  /** `--allow-managed-hooks-only`: with --managed, the hosts that can ignore every other hook are told to. */
  managedOnly?: boolean;
}

type ParsedArgs = { ok: true; options: InstallOptions } | { ok: false; error: string };

const USAGE = `usage: agentguard install|uninstall [${HOSTS.map((h) => `--${h}`).join('] [')}] [--terminal] [--user] [--workspace DIR] [--cli FILE] [--node FILE]
       agentguard install|uninstall --managed [--HOST...] [--allow-managed-hooks-only] [--cli FILE] [--node FILE]
  install without a host flag wires the editor agents (--claude --cursor --copilot); uninstall without one removes AgentGuard from every host.
  --terminal: the line that loads the terminal gate, in the startup file of each shell found here (bash, zsh, fish, pwsh).
  --managed writes the hosts' administrator-owned hook files (run as an administrator); without a host flag, every host that has one.`;

/** What `install` wires when no host is named: the agents inside the editor AgentGuard runs in. */
export const DEFAULT_INSTALL_HOSTS: readonly HostId[] = ['claude', 'cursor', 'copilot'];

/** The CLI file this process runs from: the hook must call this very build. */
function ownCliPath(): string {
  const script = process.argv[1] ? path.resolve(process.argv[1]) : '';
  try {
    return fs.realpathSync(script);
  } catch {
    return script;
  }
}

export function parseInstallArgs(args: readonly string[], cwd = process.cwd(), defaults: readonly HostId[] = HOSTS): ParsedArgs {
  const hosts: HostId[] = [];
  let scope: Scope = 'project';
  let workspace = cwd;
  let cliPath = ownCliPath();
  let nodePath = process.execPath;
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
    else if (a === '--node') nodePath = value() ?? '';
    else return { ok: false, error: `unknown option ${a}` };
  }
  if (!workspace || !cliPath || !nodePath) return { ok: false, error: 'an option is missing its value' };
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
      nodePath: path.resolve(nodePath),
      cliPath: path.resolve(cwd, cliPath),
      ...(managed ? { managed, managedOnly } : {}),
    },
  };
}

export interface FileOutcome {
  host: HostId;
  file: string;
  status: 'installed' | 'updated' | 'unchanged' | 'removed' | 'absent' | 'refused';
  backup?: string;
  error?: string;
}

export function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Writes through a temp file and a rename, so a crash never leaves half a hook file. */
export function writeAtomically(file: string, text: string, mode: number | undefined): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.agentguard-tmp`;
  fs.writeFileSync(tmp, text, mode === undefined ? undefined : { mode });
  fs.renameSync(tmp, file);
}

export function backup(file: string, previous: string): string {
  const to = file + BACKUP_SUFFIX;
  fs.writeFileSync(to, previous, { mode: fs.statSync(file).mode & 0o777 });
  return to;
}

const REFUSED = (file: string, why: string) => `cannot read ${file} (${why}); fix or move it, nothing was changed`;

/** Writes one file AgentGuard owns whole (a hook script, a plugin); a file that is not AgentGuard's is never overwritten. */
function installGenerated(host: HostId, file: string, text: string, executable: boolean): FileOutcome {
  const previous = readIfExists(file);
  if (previous === text) return { host, file, status: 'unchanged' };
  if (previous !== undefined && managedCommand(previous) === undefined) {
    return { host, file, status: 'refused', error: `${file} exists and is not AgentGuard's; move it (or merge it by hand), nothing was changed` };
  }
  const saved = previous !== undefined ? backup(file, previous) : undefined;
  writeAtomically(file, text, executable ? 0o755 : 0o644);
  return { host, file, status: previous === undefined ? 'installed' : 'updated', ...(saved ? { backup: saved } : {}) };
}

function uninstallGenerated(host: HostId, file: string): FileOutcome {
  const previous = readIfExists(file);
  if (previous === undefined || managedCommand(previous) === undefined) return { host, file, status: 'absent' };
  fs.unlinkSync(file);
  return { host, file, status: 'removed' };
}

function installOne(host: HostId, o: InstallOptions): FileOutcome {
  const file = hookFile(host, o.scope, o.workspace, o.home);
  if (GENERATED_HOSTS.has(host)) return installGenerated(host, file, generatedFile(host, o.nodePath, o.cliPath, INSTALLED_TIMEOUT_SECONDS), host === 'cline');
  let command = hookCommand(host, o.nodePath, o.cliPath);
  if (host === 'amp') {
    // Amp delegates to a program, not a command line: AgentGuard's is a small script next to the settings.
    const delegate = ampDelegateFile(o.scope, o.workspace, o.home);
    const script = installGenerated(host, delegate, generatedFile('amp', o.nodePath, o.cliPath, INSTALLED_TIMEOUT_SECONDS), true);
    if (script.status === 'refused') return script;
    command = delegate;
  }
  const previous = readIfExists(file);
  const edited = addHook(previous ?? '', host as JsonHost, command);
  if (!edited.ok) return { host, file, status: 'refused', error: REFUSED(file, edited.error) };
  if (!edited.changed && previous !== undefined) return { host, file, status: 'unchanged' };
  const saved = previous !== undefined ? backup(file, previous) : undefined;
  writeAtomically(file, edited.text, previous !== undefined ? fs.statSync(file).mode & 0o777 : undefined);
  return { host, file, status: previous === undefined ? 'installed' : 'updated', ...(saved ? { backup: saved } : {}) };
}

function uninstallOne(host: HostId, o: InstallOptions): FileOutcome {
  const file = hookFile(host, o.scope, o.workspace, o.home);
  if (GENERATED_HOSTS.has(host)) return uninstallGenerated(host, file);
  const previous = readIfExists(file);
  let outcome: FileOutcome;
  if (previous === undefined) outcome = { host, file, status: 'absent' };
  else {
    const edited = removeHook(previous);
    if (!edited.ok) return { host, file, status: 'refused', error: REFUSED(file, edited.error) };
    if (!edited.changed) outcome = { host, file, status: 'absent' };
    else if (edited.empty) {
      // A file that held nothing but AgentGuard's hook goes away whole; nothing in it is worth a backup.
      fs.unlinkSync(file);
      outcome = { host, file, status: 'removed' };
    } else {
      const saved = backup(file, previous);
      writeAtomically(file, edited.text, fs.statSync(file).mode & 0o777);
      outcome = { host, file, status: 'removed', backup: saved };
    }
  }
  // Amp's delegate program goes only once no settings file points at it.
  if (host === 'amp' && outcome.status !== 'refused') uninstallGenerated(host, ampDelegateFile(o.scope, o.workspace, o.home));
  return outcome;
}

function each(o: InstallOptions, one: (host: HostId, o: InstallOptions) => FileOutcome): FileOutcome[] {
  return o.hosts.map((host): FileOutcome => {
    try {
      return one(host, o);
    } catch (err) {
      return { host, file: hookFile(host, o.scope, o.workspace, o.home), status: 'refused', error: (err as Error).message };
    }
  });
}

export function installHooks(o: InstallOptions): FileOutcome[] {
  return each(o, installOne);
}

export function uninstallHooks(o: InstallOptions): FileOutcome[] {
  return each(o, uninstallOne);
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
    const code = reportStartup(installStartupLines(installedShells(), parsed.options.nodePath, parsed.options.cliPath));
    if (code === 0) process.stdout.write('New terminals load the gate; `agentguard doctor` in a terminal says whether its shell has it.\n');
    if (!hostsNamed || code !== 0) return code;
  }
  const code = report(installHooks(parsed.options));
  if (code === 0) process.stdout.write('Restart the agent (or reload its window) so it reads the new hook. `agentguard doctor` checks that each hook answers.\n');
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
    const { STARTUP_SHELLS } = await import('../core/terminal/startupLine');
    const code = reportStartup(uninstallStartupLines(STARTUP_SHELLS));
    if (!hostsNamed || code !== 0) return code;
  }
  return report(uninstallHooks(parsed.options));
}
