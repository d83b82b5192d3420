// Reading `agentguard install`'s arguments: the hosts, the scope, the CLI to wire in.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOST_ADAPTERS, type RecordedRuntime, type Scope } from '../core/frontdoor/setup';
import { HOSTS, type HostId } from '../core/frontdoor/launch';

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
  /** `--no-host-sandbox`: leave the hosts' own sandboxes as they are. */
  noHostSandbox?: boolean;
  /** `--dry-run`: say what install would change, change nothing. */
  dryRun?: boolean;
}

type ParsedArgs = { ok: true; options: InstallOptions } | { ok: false; error: string };

export const USAGE = `usage: agentguard install|uninstall [${HOSTS.map((h) => `--${h}`).join('] [')}] [--terminal] [--user] [--workspace DIR] [--cli FILE] [--node FILE] [--no-host-sandbox] [--dry-run [--json]]
       agentguard install|uninstall --managed [--HOST...] [--allow-managed-hooks-only] [--cli FILE] [--node FILE]
  install without a host flag wires the editor agents (--claude --cursor --copilot); uninstall without one removes AgentGuard from every host.
  Hooks run ~/.agentguard/bin/agentguard: run from an editor's extension folder, it runs the newest AgentGuard there;
  run from anywhere else (a checkout), it runs this CLI while it exists. --cli pins another CLI, --node records a Node for it.
  install refuses AgentGuard's own folder as the workspace: --workspace names your project.
  Install turns on each host's own sandbox (Claude Code, Codex, VS Code's agent) with AgentGuard's deny-write list; --no-host-sandbox leaves it as it is, --dry-run only says what would change.
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

/** The folder of the AgentGuard package (a checkout, an npm install) the CLI runs from: `<root>/dist/cli.js` beside its package.json. */
export function ownSourceFolder(cliPath: string): string | undefined {
  const root = path.dirname(path.dirname(cliPath));
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name?: unknown };
    return manifest.name === 'agentguard' && path.basename(path.dirname(cliPath)) === 'dist' ? root : undefined;
  } catch {
    return undefined;
  }
}

export function sameFolder(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

/** Edits (insert, delete, replace) that turn `a` into `b`, for "did you mean". Both are short option names. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** " (did you mean --claude?)" for a host flag mistyped by a letter or two. */
function nearestHostFlag(option: string): string {
  if (!option.startsWith('-') || option.length > 40) return '';
  const word = option.replace(/^-+/, '').toLowerCase();
  const best = HOSTS.map((h) => ({ h, d: distance(word, h) })).sort((x, y) => x.d - y.d)[0];
  if (!best) return '';
  // `-claude`, `--Claude`: the right name spelled as no option; else a letter or two off (one for short names).
  const close =
    best.d === 0 ? option !== `--${best.h}` : best.d <= Math.max(1, Math.min(2, Math.floor(best.h.length / 3)));
  return close ? ` (did you mean --${best.h}?)` : '';
}

/** This process's runtime: an editor's Electron runs Node code only with ELECTRON_RUN_AS_NODE, which the launcher sets for it. */
function ownRuntime(): RecordedRuntime {
  return { kind: process.versions.electron ? 'electron' : 'node', path: process.execPath };
}

export function parseInstallArgs(
  args: readonly string[],
  cwd = process.cwd(),
  defaults: readonly HostId[] = HOSTS,
): ParsedArgs {
  const hosts: HostId[] = [];
  let scope: Scope = 'project';
  let workspace = cwd;
  let cliPath = ownCliPath();
  let runtime = ownRuntime();
  let managed = false;
  let managedOnly = false;
  let noHostSandbox = false;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => args[++i];
    if (a.startsWith('--') && HOSTS.includes(a.slice(2) as HostId)) hosts.push(a.slice(2) as HostId);
    else if (a === '--user') scope = 'user';
    else if (a === '--managed') managed = true;
    else if (a === '--allow-managed-hooks-only') managedOnly = true;
    else if (a === '--no-host-sandbox') noHostSandbox = true;
    else if (a === '--dry-run') dryRun = true;
    else if (a === '--workspace') workspace = value() ?? '';
    else if (a === '--cli') cliPath = value() ?? '';
    else if (a === '--node') runtime = { kind: 'node', path: value() ?? '' };
    else return { ok: false, error: `unknown option ${a}${nearestHostFlag(a)}` };
  }
  if (!workspace || !cliPath || !runtime.path) return { ok: false, error: 'an option is missing its value' };
  if (managedOnly && !managed) return { ok: false, error: '--allow-managed-hooks-only goes with --managed' };
  if (managed && scope === 'user') return { ok: false, error: '--managed and --user are different places: choose one' };
  if (managed && (dryRun || noHostSandbox))
    return { ok: false, error: '--dry-run and --no-host-sandbox go with a user or workspace install, not --managed' };
  workspace = path.resolve(cwd, workspace);
  if (!fs.existsSync(workspace) || !fs.statSync(workspace).isDirectory())
    return { ok: false, error: `workspace ${workspace} is not a directory` };
  return {
    ok: true,
    options: {
      hosts: hosts.length ? [...new Set(hosts)] : [...defaults],
      scope,
      workspace,
      // HOME as the shell running install has it (the editor runs install with the account's); doctor says when they differ.
      home: os.homedir(),
      cliPath: path.resolve(cwd, cliPath),
      runtime: { kind: runtime.kind, path: path.resolve(cwd, runtime.path) },
      ...(managed ? { managed, managedOnly } : {}),
      ...(noHostSandbox ? { noHostSandbox } : {}),
      ...(dryRun ? { dryRun } : {}),
    },
  };
}
