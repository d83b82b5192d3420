// On every activation (the first after an update included): the launcher
// that hooks run is written or refreshed with this editor's runtime (once it
// has been seen to run Node code), every hook AgentGuard wired — user level
// and in each folder it was installed in or that is open — is checked, and
// entries that still run a versioned extension folder or a pinned Node are
// rewritten to run the launcher, with a notification naming each one. After
// hooks are installed from the editor, the user is offered, once, the
// `agentguard` command on PATH. All of it under the account's home, whatever
// HOME the editor was started with (core/state/homes.ts).
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  hostAdapter,
  type RecordedRuntime,
  extensionFolderOf,
  writeLauncher,
  launcherOnPath,
  putLauncherOnPath,
  repairWired,
  type RepairRun,
} from '../core/frontdoor/setup';
import { accountHome, stateDir } from '../core/frontdoor/launch';
import { keepHookRecord } from '../channels/service/hookRecord';

export const ADD_TO_PATH = 'Add to PATH';
export const NOT_NOW = 'Not now';
const PATH_OFFERED = 'agentguard.pathOffered';
const RUNTIME_CHECK_MS = 15_000;
const RUNTIME_OK = 'agentguard-runtime-ok';

/** Whether `execPath` runs Node code (an editor's Electron only with ELECTRON_RUN_AS_NODE, which a build may have switched off). */
export function runsNode(execPath: string, electron: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    let out = '';
    const env: NodeJS.ProcessEnv = { ...process.env, ...(electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}) };
    delete env.NODE_OPTIONS;
    const child = spawn(execPath, ['-e', `process.stdout.write(${JSON.stringify(RUNTIME_OK)})`], {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUNTIME_CHECK_MS);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 && out === RUNTIME_OK);
    });
  });
}

export interface Repaired extends Omit<RepairRun, 'written'> {
  /** Once the hash record of the rewritten files is kept: why it was not, per folder where it failed. */
  recording: Promise<string[]>;
}

/**
 * The files a repair rewrote go into the hash record (doctor and each hook
 * call compare with it): with an AgentGuard service, the service's copy.
 * One after another, each from the record the last one left: two sent at
 * once would each start from the same record, and the later would drop what
 * the earlier added.
 */
async function keepAll(jobs: RepairRun['written'], home: string, launcher: string): Promise<string[]> {
  const failed: string[] = [];
  for (const { written, workspace } of jobs)
    try {
      await keepHookRecord(stateDir(process.env, home), written, workspace, launcher);
    } catch (err) {
      failed.push(`${workspace}: ${(err as Error).message}`);
    }
  return failed;
}

/** Repairs stale hooks at user level and in every folder AgentGuard wired or that is open, and hooks nested Codex projects. */
export function repairAll(home: string, launcher: string, folders: readonly string[]): Repaired {
  const { written, ...run } = repairWired(home, launcher, folders);
  return { ...run, recording: keepAll(written, home, launcher) };
}

function shown(file: string, home: string): string {
  return file.startsWith(home + path.sep) ? `~/${path.relative(home, file)}` : file;
}

/** Once, after hooks were installed from the editor: the moment the user meets `agentguard` (doctor, uninstall). */
export async function offerPath(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<void> {
  const home = accountHome();
  if (context.globalState.get<boolean>(PATH_OFFERED) || launcherOnPath(home)) return;
  await context.globalState.update(PATH_OFFERED, true);
  const choice = await vscode.window.showInformationMessage(
    'AgentGuard: put the `agentguard` command (agentguard doctor, uninstall, audit) on your PATH?',
    ADD_TO_PATH,
    NOT_NOW,
  );
  if (choice === ADD_TO_PATH) await addToPath(log);
}

/** "AgentGuard: Add agentguard to PATH": a link in ~/.local/bin or ~/bin when one is on PATH, else a line in the shell's start-up file. */
export async function addToPath(log: vscode.LogOutputChannel): Promise<void> {
  const home = accountHome();
  try {
    const change = putLauncherOnPath(home);
    log.info(`PATH: ${JSON.stringify(change)}`);
    if (change.kind === 'link')
      void vscode.window.showInformationMessage(`AgentGuard: \`agentguard\` is now ${change.file}.`);
    else if (change.kind === 'line')
      void vscode.window.showInformationMessage(
        `AgentGuard: added the agentguard folder to PATH in ${shown(change.file, home)}; open a new terminal to use \`agentguard\`.`,
      );
    else void vscode.window.showInformationMessage(`AgentGuard: ${change.why}.`);
  } catch (err) {
    void vscode.window.showErrorMessage(`AgentGuard could not put agentguard on PATH: ${(err as Error).message}`);
  }
}

/** Runs once per activation, in the background: nothing here may hold activation up. */
export async function setUpLauncher(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<void> {
  const home = accountHome();
  const electron = Boolean(process.versions.electron);
  let runtime: RecordedRuntime | undefined;
  // Marked as the editor's own binary: the approval channel trusts an answer only from a process running it (channels/peer).
  if (await runsNode(process.execPath, electron))
    runtime = { kind: electron ? 'electron' : 'node', path: process.execPath, editor: true };
  else
    log.warn(
      `launcher: ${process.execPath} does not run Node code${electron ? ' with ELECTRON_RUN_AS_NODE' : ''}; hooks need node on PATH`,
    );
  const ownCli = context.asAbsolutePath(path.join('dist', 'cli.js'));
  const extensionFolder = extensionFolderOf(ownCli, path.sep);
  // An extension run from a development folder is found by no search: it is what the human started, so hooks run it.
  const written = writeLauncher({
    home,
    ...(runtime ? { runtime } : {}),
    ...(extensionFolder ? { extensionFolder } : { pin: ownCli }),
  });
  log.info(`launcher ${written.file} ${written.changed ? 'written' : 'up to date'}: ${JSON.stringify(written.record)}`);

  const folders = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  const repaired = repairAll(home, written.file, folders);
  const changed = repaired.outcomes.filter((o) => o.status === 'installed' || o.status === 'updated');
  for (const s of repaired.stale) log.info(`hook repair: ${s.host} (${s.scope}) ${s.file} ran ${s.command}`);
  for (const o of [...repaired.outcomes, ...repaired.nested])
    log.info(`hook repair: ${o.host} ${o.file}: ${o.status}${o.error ? ` (${o.error})` : ''}`);
  void repaired.recording.then((failed) => {
    // Without a record doctor names these files, and hook calls there that are not read-only ask.
    for (const f of failed) log.warn(`hook repair: the hook files' hash record was not kept: ${f}`);
  });
  if (changed.length) {
    const list = changed.map((o) => `${hostAdapter(o.host).label} (${shown(o.file, home)})`).join(', ');
    void vscode.window
      .showInformationMessage(
        `AgentGuard repaired ${changed.length === 1 ? 'a hook' : `${changed.length} hooks`} that ran an old install path: ${list} now run ${shown(written.file, home)}.`,
        'Show Log',
      )
      .then((a) => a && log.show());
  }
  const added = repaired.nested.filter((o) => o.status === 'installed' || o.status === 'updated');
  if (added.length)
    void vscode.window
      .showInformationMessage(
        `AgentGuard added its Codex hook to ${added.length === 1 ? 'a nested repository' : `${added.length} nested repositories`} (Codex run there reads only their own .codex): ${added.map((o) => shown(o.file, home)).join(', ')}.`,
        'Show Log',
      )
      .then((a) => a && log.show());
  // A nested repository whose .codex AgentGuard cannot edit: said in the log here and by doctor, which names the folder.
  for (const o of repaired.nested.filter((x) => x.status === 'refused'))
    log.warn(`hook repair: no Codex hook in the nested repository of ${o.file}: ${o.error}`);
  const refused = repaired.outcomes.filter((o) => o.status === 'refused');
  if (refused.length) {
    void vscode.window
      .showErrorMessage(
        `AgentGuard could not repair ${refused.map((o) => `${hostAdapter(o.host).label} (${shown(o.file, home)}): ${o.error}`).join('; ')}. Those hooks run an old path; run agentguard doctor.`,
        'Show Log',
      )
      .then((a) => a && log.show());
  }
}
