// Shared by the terminal door's tests: an editor's judge and approval
// channel in the test process (whose "human" is the test), and bash, zsh or
// fish on a real pseudo-terminal loading the gate from the built CLI.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { approvalSocketPath } from '../../../src/channels/approval/paths';
import { startApprovalServer, type ApprovalServer } from '../../../src/channels/approval/server';
import type { TerminalDirectory } from '../../../src/channels/editorJudge/lines';
import { startJudgeServer, type JudgeServer } from '../../../src/channels/editorJudge/server';
import type { HumanTerminalGating } from '../../../src/core/terminal/types';
import type { ApprovalSubject } from '../../../src/shared/protocol';
import { CLI, type Sandbox } from './hookHarness';
import { startPtyShell, type PtyShell } from './pty/shell';
import { confirmedState } from './account';

export const linux = process.platform === 'linux';
export const BUILD = execFileSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).trim().split(' ')[1];
export const ci = process.env.CI === 'true';

export type Origin = 'agent-terminal' | 'human-terminal';

export interface Editor {
  judge: JudgeServer;
  approval: ApprovalServer;
  /** Questions the "human" was asked, in order. */
  asked: ApprovalSubject[];
  /** What the human answers next. */
  answer: 'allow' | 'deny';
  origins: Map<number, Origin>;
  gating: HumanTerminalGating;
  gates: Set<number>;
  close(): Promise<void>;
}

export async function startEditor(sb: Sandbox): Promise<Editor> {
  const editor = {
    asked: [] as ApprovalSubject[],
    answer: 'deny' as 'allow' | 'deny',
    origins: new Map<number, Origin>(),
    gating: 'production' as HumanTerminalGating,
    gates: new Set<number>(),
  } as Editor;
  editor.approval = await startApprovalServer({
    socketPath: approvalSocketPath(sb.state, sb.workspace),
    decide: async (subject) => {
      editor.asked.push(subject);
      return editor.answer;
    },
  });
  const terminals: TerminalDirectory = {
    terminal: (pid) =>
      editor.origins.has(pid) ? { origin: editor.origins.get(pid)!, name: `test terminal ${pid}` } : undefined,
    humanGating: () => editor.gating,
    approvalMs: () => 10_000,
    gate: (pid, connected) => {
      if (connected) editor.gates.add(pid);
      else editor.gates.delete(pid);
    },
  };
  editor.judge = await startJudgeServer({
    build: BUILD,
    stateDir: sb.state,
    channels: () => [editor.approval],
    terminals,
  });
  editor.close = async () => {
    await editor.judge.close();
    await editor.approval.close();
  };
  return editor;
}

/** argv and files that make each shell load the gate from the built CLI, with a plain prompt. */
export function shellSetup(
  shell: 'bash' | 'zsh' | 'fish',
  sb: Sandbox,
  preGate = '',
): { argv: string[]; env: Record<string, string> } {
  const init = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} shell-init ${shell}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: sb.home,
    AGENTGUARD_STATE_DIR: confirmedState(sb.state),
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
  };
  if (shell === 'bash') {
    const rc = path.join(sb.root, 'bashrc');
    fs.writeFileSync(rc, `PS1='$ '\n${preGate}\neval "$(${init})"\n`);
    return { argv: ['bash', '--rcfile', rc, '-i'], env };
  }
  if (shell === 'zsh') {
    const dir = path.join(sb.root, 'zdot');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.zshrc'), `PS1='%% '\n${preGate}\neval "$(${init})"\n`);
    return { argv: ['zsh', '-i'], env: { ...env, ZDOTDIR: dir } };
  }
  const config = path.join(sb.root, 'xdg-config');
  fs.mkdirSync(path.join(config, 'fish'), { recursive: true });
  fs.writeFileSync(
    path.join(config, 'fish', 'config.fish'),
    `function fish_greeting; end\nfunction fish_prompt; echo -n '> '; end\n${preGate}\n${init} | source\n`,
  );
  return { argv: ['fish', '-i'], env: { ...env, XDG_CONFIG_HOME: config } };
}

export async function openShell(
  shell: 'bash' | 'zsh' | 'fish',
  sb: Sandbox,
  editor: Editor | undefined,
  origin: Origin,
  preGate = '',
): Promise<PtyShell> {
  const { argv, env } = shellSetup(shell, sb, preGate);
  const pty = await startPtyShell(argv, { env, cwd: sb.workspace });
  editor?.origins.set(pty.pid, origin);
  return pty;
}

export function layout(sb: Sandbox): void {
  fs.mkdirSync(path.join(sb.workspace, 'src'), { recursive: true });
  fs.writeFileSync(path.join(sb.workspace, 'src', 'index.ts'), 'export {};\n');
}

export const exists = (p: string) => fs.existsSync(p);
