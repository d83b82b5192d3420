// The command palette: install hooks, check a command, show the workspace
// environment, open the policy. Each asks core (or the CLI built from it)
// and shows the answer; none decides anything itself.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lockedSetting } from './lockedSettings';
import { CONFIG_TEMPLATE, guardedPolicy } from '../core/frontdoor/policy';
import { CONFIG_FILE_NAME, formatConfigErrors, loadConfig } from '../core/frontdoor/config';
import { HOOKS_ONLY, TURN_SANDBOXES_ON, hostAdapter, sandboxQuestion, type DryInstall } from '../core/frontdoor/setup';
import { HOSTS, accountHome, shellHome, stateDir, stringEnv } from '../core/frontdoor/launch';
import { evaluate } from '../core/engine';
import type { AfterHumanPolicyWrite } from './alwaysAllow';
import { folderEnvironment } from './badge';
import { offerPath } from './launcher';

export const REPORT_SCHEME = 'agentguard-report';

/** Read-only documents for command results: readable, searchable, closable. */
class Reports implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 0;
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
  async show(name: string, text: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}.md`, query: String(++this.next) });
    this.texts.set(uri.toString(), text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder?' });
}

/** The CLI `install` wires: the configured one, else the one bundled with the extension. */
export function cliPath(context: vscode.ExtensionContext): string {
  const configured = (
    lockedSetting('agentguard.cliPath') ?? vscode.workspace.getConfiguration('agentguard').get<string>('cliPath', '')
  ).trim();
  return configured
    ? path.resolve(configured.replace(/^~(?=\/|$)/, accountHome()))
    : context.asAbsolutePath('dist/cli.js');
}

export const USE_BUNDLED_CLI = 'Use the bundled CLI';
export const USE_CONFIGURED_CLI = 'Use the configured CLI';

/**
 * The CLI to run and wire. A configured one is what every hook will run to
 * judge every agent call, and settings files are something an agent can
 * write: the human confirms it, and the modal's default (Enter) is the
 * bundled CLI. undefined: cancelled.
 */
async function confirmedCli(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): Promise<string | undefined> {
  const bundled = context.asAbsolutePath('dist/cli.js');
  const cli = cliPath(context);
  if (cli === bundled) return bundled;
  // A CLI the organization's managed policy names is an administrator's choice, not something an agent could have written.
  if (lockedSetting('agentguard.cliPath') !== undefined) return cli;
  const detail = [
    `The setting agentguard.cliPath points at ${cli}. Every hook installed now would run that program to judge each command and edit an agent proposes, and this command runs it at once.`,
    '',
    `A settings file is something an agent can write. The CLI bundled with AgentGuard is ${bundled}.`,
  ].join('\n');
  // The first button is the default: Enter installs the bundled CLI; Escape (Cancel) installs nothing.
  const choice = await vscode.window.showWarningMessage(
    'Install hooks that run the CLI from agentguard.cliPath?',
    { modal: true, detail },
    USE_BUNDLED_CLI,
    USE_CONFIGURED_CLI,
  );
  log.info(`install: agentguard.cliPath ${cli}: ${choice ?? 'cancelled'}`);
  if (choice === USE_CONFIGURED_CLI) return cli;
  return choice === USE_BUNDLED_CLI ? bundled : undefined;
}

function runCli(
  cli: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; out: string; stdout: string }> {
  return new Promise((resolve) => {
    // HOME is the account's: the CLI writes the launcher, hook files and records where every hook looks (core/state/homes.ts).
    const env = { ...process.env, HOME: accountHome(), ELECTRON_RUN_AS_NODE: '1' };
    const child = spawn(process.execPath, [cli, ...args], { cwd, env });
    let out = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, out: err.message, stdout });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, stdout });
    });
  });
}

/**
 * What install would change in the picked hosts' own sandboxes, asked in a
 * modal before anything is written. Returns the arguments to add
 * (`--no-host-sandbox` for "hooks only"), or undefined: install nothing
 * (cancelled, or the dry run failed — never a silent change).
 */
async function confirmedSandboxes(
  cli: string,
  args: string[],
  folder: string,
  labels: Map<string, string>,
  sandboxNames: Map<string, string>,
  log: vscode.LogOutputChannel,
): Promise<string[] | undefined> {
  const dry = await runCli(cli, [...args, '--dry-run', '--json'], folder);
  let parsed: DryInstall;
  try {
    if (dry.code !== 0) throw new Error(`exit ${dry.code ?? 'error'}`);
    parsed = JSON.parse(dry.stdout) as DryInstall;
  } catch (err) {
    log.error(`install --dry-run failed (${(err as Error).message}): ${dry.out.trim()}`);
    void vscode.window
      .showErrorMessage(
        `AgentGuard: could not tell what install would change (${(err as Error).message}); nothing was installed.`,
        'Show Log',
      )
      .then((a) => a && log.show());
    return undefined;
  }
  const question = sandboxQuestion(parsed, {
    label: (h) => labels.get(h) ?? h,
    sandboxName: (h) => sandboxNames.get(h),
    home: accountHome(),
    workspace: folder,
  });
  if (!question) return [];
  log.info(
    `install would change the hosts' sandboxes: ${JSON.stringify(parsed.sandboxes)}; deny-write list: ${JSON.stringify(parsed.denyWrite)}`,
  );
  // The first button is the default; Escape (Cancel) installs nothing.
  const choice = await vscode.window.showWarningMessage(
    question.message,
    { modal: true, detail: question.detail },
    TURN_SANDBOXES_ON,
    HOOKS_ONLY,
  );
  log.info(`install: the hosts' sandboxes: ${choice ?? 'cancelled'}`);
  if (choice === TURN_SANDBOXES_ON) return [];
  return choice === HOOKS_ONLY ? ['--no-host-sandbox'] : undefined;
}

async function installHooks(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<void> {
  const folder = await pickFolder();
  if (!folder) {
    void vscode.window.showWarningMessage('AgentGuard: open a folder first; hooks are installed per project.');
    return;
  }
  const home = accountHome();
  // Pre-picked: this editor's agent and the agents whose folder is here. A host the editor has no offer for is listed
  // by its name and left for the human to pick: it is neither this editor nor known to be on the machine.
  const items = HOSTS.map((host) => {
    const adapter = hostAdapter(host);
    const known = adapter.editorOffer;
    const found =
      known !== undefined &&
      (!known.marker ||
        fs.existsSync(path.join(home, known.marker)) ||
        fs.existsSync(path.join(folder.uri.fsPath, known.marker)));
    const description = !known ? '' : !known.marker ? 'this editor' : found ? 'found on this machine' : 'not found';
    return { label: known?.label ?? adapter.label, description, picked: found, host, sandbox: known?.sandbox };
  });
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'AgentGuard: Install Agent Hooks',
    placeHolder: `Agents whose hooks should call AgentGuard in ${folder.name}`,
  });
  if (!picked?.length) return;
  const cli = await confirmedCli(context, log);
  if (!cli) return;
  // Hooks run the launcher; the CLI records the runtime it runs on (this editor's, with ELECTRON_RUN_AS_NODE) and pins a configured CLI.
  const args = ['install', ...picked.map((p) => `--${p.host}`), '--workspace', folder.uri.fsPath, '--cli', cli];
  const sandboxArgs = await confirmedSandboxes(
    cli,
    args,
    folder.uri.fsPath,
    new Map(picked.map((p) => [p.host, p.label])),
    new Map(picked.flatMap((p) => (p.sandbox ? [[p.host, p.sandbox]] : []))),
    log,
  );
  if (!sandboxArgs) return;
  args.push(...sandboxArgs);
  log.info(`install: ${cli} ${args.join(' ')}`);
  const result = await runCli(cli, args, folder.uri.fsPath);
  log.info(`install exited ${result.code}: ${result.out.trim()}`);
  if (result.code === 0) {
    void vscode.window
      .showInformationMessage(
        `AgentGuard: hooks installed for ${picked.map((p) => p.label).join(', ')}.`,
        { modal: false, detail: result.out.trim() },
        'Show Log',
      )
      .then((a) => a && log.show());
    void offerPath(context, log);
  } else
    void vscode.window
      .showErrorMessage(
        `AgentGuard: install failed (exit ${result.code ?? 'error'}): ${result.out.trim().split('\n')[0]}`,
        'Show Log',
      )
      .then((a) => a && log.show());
}

export function checkReport(command: string, folder: string): string {
  const loaded = loadConfig(folder);
  if (!loaded.ok) return `# AgentGuard: ${command}\n\n${formatConfigErrors(loaded.errors)}\n`;
  const env = stringEnv();
  const r = evaluate({ command, cwd: folder }, { workspace: folder, config: loaded.config, env });
  const lines = [
    `# AgentGuard: \`${command}\``,
    '',
    `**${r.decision.toUpperCase()}** (score ${r.score}/100) · target environment: ${r.environment.name}${r.environment.production ? ' (PRODUCTION)' : ''}`,
    '',
  ];
  // As `agentguard check`: the file as written, and what the hook answers while a loosening waits for review.
  const policy = guardedPolicy(stateDir(), folder, loaded.config);
  const hook = policy.pending.length
    ? evaluate({ command, cwd: folder }, { workspace: folder, config: policy.config, env })
    : r;
  if (hook.decision !== r.decision) {
    lines.push(
      `The hook answers **${hook.decision.toUpperCase()}**: ${policy.pending.length === 1 ? 'a loosening' : `${policy.pending.length} loosenings`} of .agentguard.json wait for your review (AgentGuard: Review Policy Loosening):`,
      '',
      ...policy.pending.map((p) => `- ${p.summary}`),
      '',
    );
  }
  if (r.rule)
    lines.push(
      `Decided by rule ${r.rule.index + 1} of .agentguard.json: \`${r.rule.match}\`${r.rule.reason ? ` (${r.rule.reason})` : ''}`,
      '',
    );
  if (r.monitored) lines.push(`Monitor mode: would have been ${r.monitored}.`, '');
  if (r.findings.length) {
    lines.push('## Findings', '');
    for (const f of r.findings) {
      lines.push(`- **${f.summary}**${f.target ? ` (${f.target})` : ''} \`${f.id}\`, severity ${f.severity}`);
      if (f.alternative) lines.push(`  - Safer: ${f.alternative}`);
    }
  } else {
    lines.push('No findings: an agent may run this without asking.');
  }
  if (r.environment.evidence.length)
    lines.push('', '## Environment evidence', '', ...r.environment.evidence.map((e) => `- ${e}`));
  lines.push('', `Folder: ${folder} · config: ${loaded.ok && loaded.file ? loaded.file : 'none'}`);
  return lines.join('\n') + '\n';
}

async function checkCommand(reports: Reports): Promise<void> {
  const folder = await pickFolder();
  const command = await vscode.window.showInputBox({
    title: 'AgentGuard: Check a Command',
    prompt: 'A shell command, judged as if an agent proposed it here',
    placeHolder: 'git push --force origin main',
    ignoreFocusOut: true,
  });
  if (!command?.trim()) return;
  await reports.show('check', checkReport(command, folder?.uri.fsPath ?? shellHome()));
}

async function showEnvironment(reports: Reports): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (!folders.length) {
    void vscode.window.showInformationMessage('AgentGuard: no folder is open.');
    return;
  }
  const lines = ['# AgentGuard: workspace environment', ''];
  for (const f of folders) {
    const e = folderEnvironment(f.uri.fsPath, stateDir());
    lines.push(`## ${f.name}`, '');
    if (e.error) lines.push('```', e.error, '```');
    else if (e.env) {
      lines.push(`**${e.env.name}**${e.env.production ? ' (PRODUCTION)' : ''}`, '');
      lines.push(
        ...(e.env.evidence.length ? e.env.evidence.map((x) => `- ${x}`) : ['- no evidence of any environment found']),
      );
    }
    if (e.pending.length)
      lines.push(
        '',
        'Judged with the policy a human last confirmed; these loosenings of .agentguard.json wait for review (AgentGuard: Review Policy Loosening):',
        '',
        ...e.pending.map((p) => `- ${p.summary}`),
      );
    lines.push('');
  }
  await reports.show('environment', lines.join('\n'));
}

async function openPolicy(afterHumanPolicyWrite: AfterHumanPolicyWrite, log: vscode.LogOutputChannel): Promise<void> {
  const folder = await pickFolder();
  if (!folder) {
    void vscode.window.showWarningMessage('AgentGuard: open a folder first; the policy lives in its .agentguard.json.');
    return;
  }
  const file = path.join(folder.uri.fsPath, CONFIG_FILE_NAME);
  if (!fs.existsSync(file)) {
    await afterHumanPolicyWrite(folder.uri.fsPath, CONFIG_TEMPLATE);
    await vscode.workspace.fs.writeFile(vscode.Uri.file(file), Buffer.from(CONFIG_TEMPLATE, 'utf8'));
    log.info(`created ${file} from the template`);
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file));
}

export function registerCommands(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  afterHumanPolicyWrite: AfterHumanPolicyWrite,
): vscode.Disposable[] {
  const reports = new Reports();
  return [
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    vscode.commands.registerCommand('agentguard.installHooks', () => installHooks(context, log)),
    vscode.commands.registerCommand('agentguard.checkCommand', () => checkCommand(reports)),
    vscode.commands.registerCommand('agentguard.showEnvironment', () => showEnvironment(reports)),
    vscode.commands.registerCommand('agentguard.openPolicy', () => openPolicy(afterHumanPolicyWrite, log)),
  ];
}
