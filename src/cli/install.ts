// `agentguard install|uninstall`: wires AgentGuard's hook into each agent
// host's hook file (project-level by default, `--user` for the home
// directory). Every hook runs the launcher (core/launcher), never this
// CLI's own versioned path: install writes the launcher first, recording
// the runtime this CLI runs on and, when this CLI is not inside an editor's
// extension folder (an npm install, a checkout, `--cli FILE`), pinning it.
// The file edits themselves are core/launcher/wiring.ts.
import * as path from 'node:path';
import {
  denyWriteList,
  extensionFolderOf,
  forgetHookFiles,
  HOST_ADAPTERS,
  hostSandboxReport,
  installHooks,
  takeBackHostSandboxes,
  turnOnHostSandboxes,
  type SandboxOutcome,
  launcherPath,
  pathAdvice,
  recordWiredWorkspace,
  uninstallHooks,
  wiredWorkspaces,
  writeLauncher,
  writeRescue,
  STARTUP_SHELLS,
  type FileOutcome,
} from '../core/frontdoor/setup';
import { HOSTS, accountHome, confirmedStateDir, stateDir, type HostId } from '../core/frontdoor/launch';
import { confirmStateRelocation, recordEvent, type AuditEventName } from '../core/frontdoor/records';
import {
  USAGE,
  parseInstallArgs,
  DEFAULT_INSTALL_HOSTS,
  ownSourceFolder,
  sameFolder,
  type InstallOptions,
} from './installArgs';
export { DEFAULT_INSTALL_HOSTS, parseInstallArgs, type InstallOptions } from './installArgs';

export { BACKUP_SUFFIX, backup, readIfExists, writeAtomically, type FileOutcome } from '../core/frontdoor/setup';

/**
 * The state folder install records into (the hook-file record, its audit
 * entries) and lists as AgentGuard's own: the account's home's, as hooks
 * find it, never one a HOME handed to install (an agent's) would choose.
 */
function accountStateDir(): string {
  return stateDir(process.env, accountHome());
}

/** Writes the launcher for `o` and returns its path. */
export function installLauncher(o: InstallOptions): { launcher: string; changed: boolean } {
  const extensionFolder = extensionFolderOf(o.cliPath, path.sep);
  const written = writeLauncher({
    home: o.home,
    pin: extensionFolder ? null : o.cliPath,
    runtime: o.runtime,
    ...(extensionFolder ? { extensionFolder } : {}),
  });
  // A pinned CLI may be moved or deleted; `uninstall` and `doctor` must not go with it.
  if (!extensionFolder) writeRescue(o.home, o.cliPath);
  return { launcher: written.file, changed: written.changed };
}

export function install(o: InstallOptions): FileOutcome[] {
  const { launcher } = installLauncher(o);
  const outcomes = installHooks({ hosts: o.hosts, scope: o.scope, workspace: o.workspace, home: o.home, launcher });
  if (o.scope === 'project' && outcomes.some((x) => x.status !== 'refused'))
    recordWiredWorkspace(o.home, o.workspace, true);
  return outcomes;
}

/**
 * The hash record of the hook files install wrote or found right, taken
 * once every file of the run is written (the host's sandbox settings too),
 * so what doctor and each hook call compare with is what install left. With
 * an AgentGuard service, the service keeps it (the developer's own record is
 * then not read): it is sent there.
 */
export async function recordInstalled(o: InstallOptions, outcomes: readonly FileOutcome[]): Promise<void> {
  const written = outcomes
    .filter((x) => x.status === 'installed' || x.status === 'updated' || x.status === 'unchanged')
    .map((x) => ({ host: x.host, scope: o.scope, file: x.file }));
  try {
    const { keepHookRecord } = await import('../channels/service/hookRecord');
    await keepHookRecord(accountStateDir(), written, o.workspace, launcherPath(o.home));
  } catch (err) {
    // A record the service kept in part says which files it kept and which it refused (PartlyKept).
    const partly = err instanceof Error && 'refused' in err;
    process.stderr.write(
      `agentguard: ${partly ? '' : "the hook files' hash record was not written: "}${(err as Error).message}\n`,
    );
  }
}

/** AgentGuard's deny-write list for `o`: what no routine call may write, whatever the judgment let through. */
export function denyListFor(o: InstallOptions): string[] {
  return denyWriteList({
    home: o.home,
    workspace: o.workspace,
    stateDir: accountStateDir(),
    runtimes: [o.runtime.path],
  });
}

/** Each host's own sandbox on, with the list (or, dry, what would change). */
export function installHostSandboxes(o: InstallOptions): SandboxOutcome[] {
  return turnOnHostSandboxes({
    hosts: o.hosts,
    scope: o.scope,
    workspace: o.workspace,
    home: o.home,
    deny: denyListFor(o),
    ...(o.dryRun ? { dryRun: true } : {}),
  });
}

export function uninstallHostSandboxes(o: InstallOptions): SandboxOutcome[] {
  return takeBackHostSandboxes({
    hosts: o.hosts,
    scope: o.scope,
    workspace: o.workspace,
    home: o.home,
    ...(o.dryRun ? { dryRun: true } : {}),
  });
}

/** Says each host's sandbox outcome; the hosts install cannot confine are named with what runs instead. */
export function reportSandboxes(outcomes: SandboxOutcome[], declined: boolean): number {
  for (const s of outcomes) {
    if (s.status === 'no sandbox') continue;
    const line = `${s.host.padEnd(11)} ${s.file ?? ''}  sandbox ${s.status}${s.detail && s.detail !== 'nothing to change' ? `: ${s.detail}` : ''}${s.error ? `: ${s.error}` : ''}\n`;
    (s.status === 'refused' ? process.stderr : process.stdout).write(line);
  }
  const unconfined = outcomes.filter((s) => s.status === 'no sandbox').map((s) => s.host);
  if (declined)
    process.stdout.write(
      "Host sandboxes left as they are (--no-host-sandbox): routine calls run unconfined unless answerHarmless hands them to AgentGuard's own sandbox.\n",
    );
  else if (unconfined.length)
    process.stdout.write(
      `${unconfined.join(', ')}: no sandbox AgentGuard can turn on; routine calls run unconfined unless answerHarmless hands them to AgentGuard's own sandbox.\n`,
    );
  return outcomes.some((s) => s.status === 'refused') ? 1 : 0;
}

/** The audit entry of what install or uninstall did to the hosts' sandboxes: per host, on or off and AgentGuard's list present or not. */
function recordSandboxes(o: InstallOptions, event: AuditEventName, outcomes: readonly SandboxOutcome[]): void {
  const deny = denyListFor(o);
  const changes = outcomes.map((s) => {
    const r = hostSandboxReport(s.host, o.scope, o.workspace, o.home, deny);
    const state = r
      ? `sandbox ${r.state.on === false ? 'off' : 'on'}, AgentGuard's list ${r.missing === undefined ? 'not taken by the host' : r.missing === 0 ? 'present' : 'absent'}`
      : 'no sandbox AgentGuard can turn on';
    return `${s.host}: ${state}${s.file ? ` (${s.file}: ${s.status}${s.detail ? `, ${s.detail}` : ''})` : ''}`;
  });
  const logged = recordEvent(accountStateDir(), { event, by: 'cli', workspace: o.workspace, changes });
  if (!logged.ok) process.stderr.write(`agentguard: the audit log did not record it: ${logged.error}\n`);
}

export function uninstall(o: InstallOptions): FileOutcome[] {
  const launcher = launcherPath(o.home);
  const outcomes = uninstallHooks({ hosts: o.hosts, scope: o.scope, workspace: o.workspace, home: o.home, launcher });
  if (o.scope === 'project' && o.hosts.includes('codex'))
    // The Codex hooks the editor's repair added to nested repositories of this folder (core/launcher/nestedRepos.ts) go with it.
    for (const nested of wiredWorkspaces(o.home).filter((w) => w.startsWith(o.workspace + path.sep))) {
      const removed = uninstallHooks({ hosts: ['codex'], scope: 'project', workspace: nested, home: o.home, launcher });
      outcomes.push(...removed.filter((x) => x.status !== 'absent'));
      if (o.hosts.length === HOSTS.length) recordWiredWorkspace(o.home, nested, false);
    }
  if (o.scope === 'project' && o.hosts.length === HOSTS.length && wiredWorkspaces(o.home).includes(o.workspace))
    recordWiredWorkspace(o.home, o.workspace, false);
  try {
    forgetHookFiles(
      accountStateDir(),
      outcomes.filter((x) => x.status === 'removed').map((x) => x.file),
    );
  } catch {
    // A record that cannot be updated only makes doctor say the file was removed.
  }
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
    (o.status === 'refused' ? process.stderr : process.stdout).write(
      `${o.host.padEnd(11)} ${o.file}  ${LABEL[o.status]}${extra}\n`,
    );
  }
  return outcomes.some((o) => o.status === 'refused') ? 1 : 0;
}

/** `--terminal` alone touches only the shells' startup files; with host flags, both. */
function splitTerminal(args: readonly string[]): { terminal: boolean; rest: string[]; hostsNamed: boolean } {
  const rest = args.filter((a) => a !== '--terminal');
  return {
    terminal: rest.length !== args.length,
    rest,
    hostsNamed: rest.some((a) => HOSTS.includes(a.slice(2) as HostId)),
  };
}

/** `install --dry-run [--json]`: what install would write, changing nothing (no hook file, no launcher). */
function dryRun(o: InstallOptions, json: boolean): number {
  const outcomes = installHooks({
    hosts: o.hosts,
    scope: o.scope,
    workspace: o.workspace,
    home: o.home,
    launcher: launcherPath(o.home),
    dryRun: true,
  });
  const declined = o.noHostSandbox === true;
  const sandboxes = declined
    ? o.hosts.map((host): SandboxOutcome => ({ host, status: 'no sandbox', detail: '' }))
    : installHostSandboxes({ ...o, dryRun: true });
  const deny = declined ? [] : denyListFor(o);
  let code = outcomes.some((x) => x.status === 'refused') ? 1 : 0;
  if (json) {
    process.stdout.write(
      JSON.stringify({
        dryRun: true,
        launcher: launcherPath(o.home),
        cli: o.cliPath,
        outcomes: outcomes.map(({ host, file, status, error }) => ({
          host,
          file,
          status,
          ...(error ? { error } : {}),
        })),
        sandboxes: sandboxes.map(({ host, file, status, detail, error }) => ({
          host,
          ...(file ? { file } : {}),
          status,
          detail,
          ...(error ? { error } : {}),
        })),
        denyWrite: deny,
      }) + '\n',
    );
    return Math.max(code, sandboxes.some((s) => s.status === 'refused') ? 1 : 0);
  }
  for (const x of outcomes)
    (x.status === 'refused' ? process.stderr : process.stdout).write(
      `${x.host.padEnd(11)} ${x.file}  would be: ${LABEL[x.status]}${x.error ? `: ${x.error}` : ''}\n`,
    );
  code = Math.max(code, reportSandboxes(sandboxes, declined));
  if (!declined)
    process.stdout.write(
      `AgentGuard's deny-write list (where a host takes one):\n${deny.map((p) => `  ${p}`).join('\n')}\n`,
    );
  process.stdout.write(`Nothing was changed (--dry-run); install would also write ${launcherPath(o.home)}.\n`);
  return code;
}

export async function runInstall(allArgs: string[]): Promise<number> {
  const json = allArgs.includes('--json');
  const dry = allArgs.includes('--dry-run');
  const args = allArgs.filter((a) => a !== '--json' && a !== '--dry-run');
  const fail = (error: string, code = 64): number => {
    if (json) process.stdout.write(JSON.stringify({ error }) + '\n');
    else process.stderr.write(`agentguard install: ${error}${code === 64 ? `\n${USAGE}` : ''}\n`);
    return code;
  };
  if (json && !dry) return fail('--json goes with --dry-run');
  const { terminal, rest, hostsNamed } = splitTerminal(args);
  if (dry && terminal) return fail('--dry-run covers the hook files, not --terminal');
  const parsed = parseInstallArgs(rest, process.cwd(), DEFAULT_INSTALL_HOSTS);
  if (!parsed.ok) return fail(parsed.error);
  // Hook files, not the shells' start-up files: --terminal alone may run anywhere.
  const own = ownSourceFolder(parsed.options.cliPath);
  if (
    own &&
    (hostsNamed || !terminal) &&
    parsed.options.scope === 'project' &&
    sameFolder(parsed.options.workspace, own)
  ) {
    return fail(
      `${own} is AgentGuard's own folder (the CLI runs from it), not your project: name your project with --workspace DIR, or run install in its folder.`,
      64,
    );
  }
  if (dry && parsed.options.managed)
    return fail('--dry-run and --no-host-sandbox go with a user or workspace install, not --managed');
  if (dry) return dryRun({ ...parsed.options, dryRun: true }, json);
  if (terminal) {
    const { installStartupLines, installedShells, reportStartup } = await import('./installTerminal');
    const code = reportStartup(
      installStartupLines(installedShells(), parsed.options.runtime.path, parsed.options.cliPath),
    );
    if (code === 0)
      process.stdout.write(
        'New terminals load the gate; `agentguard doctor` in a terminal says whether its shell has it.\n',
      );
    if (!hostsNamed || code !== 0) return code;
  }
  const outcomes = install(parsed.options);
  confirmOwnStateDir();
  let code = report(outcomes);
  // What a host needs before it calls the hook at all (Codex: a human's trust in /hooks), said where it was just installed.
  for (const host of new Set(
    outcomes.filter((o) => o.status !== 'refused' && o.status !== 'absent').map((o) => o.host),
  )) {
    for (const note of HOST_ADAPTERS.find((a) => a.id === host)?.notes ?? [])
      process.stdout.write(`${hostLabel(host)}: ${note}.\n`);
    // A setting of the host's own that turns its hooks off leaves the hook just wired uncalled.
    const hooksOff = HOST_ADAPTERS.find((a) => a.id === host)?.hooksOffBy?.(parsed.options.home, process.env);
    if (hooksOff) process.stderr.write(`WARNING ${hostLabel(host)}: ${hooksOff}.\n`);
  }
  if (!parsed.options.managed) {
    const sandboxes = parsed.options.noHostSandbox
      ? parsed.options.hosts.map((host): SandboxOutcome => ({ host, status: 'no sandbox', detail: '' }))
      : installHostSandboxes(parsed.options);
    code = Math.max(code, reportSandboxes(sandboxes, parsed.options.noHostSandbox === true));
    recordSandboxes(
      parsed.options,
      parsed.options.noHostSandbox ? 'host-sandbox.declined' : 'host-sandbox.installed',
      sandboxes,
    );
  }
  await recordInstalled(parsed.options, outcomes);
  if (code === 0) {
    const pinned = !extensionFolderOf(parsed.options.cliPath, path.sep);
    process.stdout.write(
      pinned
        ? `Hooks run ${launcherPath(parsed.options.home)}, which runs ${parsed.options.cliPath} at each call while it exists (after moving or deleting it, run install again from where it is).\n`
        : `Hooks run ${launcherPath(parsed.options.home)}, which runs the newest AgentGuard in your editors' extension folders at each call.\n`,
    );
    const advice = pathAdvice(parsed.options.home);
    if (advice) process.stdout.write(`${advice}\n`);
    process.stdout.write(
      'Restart the agent (or reload its window) so it reads the new hook. `agentguard doctor` checks that each hook answers.\n',
    );
  }
  return code;
}

/**
 * install is run by a human: the state folder its environment relocates to is
 * confirmed, as the editor confirms its own, so hooks started with the same
 * relocation use it (core/state confirmedStateDir).
 */
function confirmOwnStateDir(): void {
  const home = accountHome();
  const dir = stateDir(process.env, home);
  try {
    confirmStateRelocation(dir, home);
  } catch (err) {
    const used = confirmedStateDir(process.env, home).dir;
    if (used !== dir)
      process.stderr.write(
        `WARNING the state folder ${dir} could not be recorded as confirmed (${(err as Error).message}); hooks use ${used} instead.\n`,
      );
  }
}

function hostLabel(host: string): string {
  return HOST_ADAPTERS.find((a) => a.id === host)?.label ?? host;
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
  const code = report(uninstall(parsed.options));
  if (parsed.options.managed) return code;
  const taken = uninstallHostSandboxes(parsed.options).filter(
    (s) => s.status !== 'nothing to take back' && s.status !== 'no sandbox',
  );
  if (taken.length) recordSandboxes(parsed.options, 'host-sandbox.uninstalled', taken);
  return Math.max(code, reportSandboxes(taken, false));
}
