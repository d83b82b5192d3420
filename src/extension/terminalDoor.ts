// The terminal door in the editor: the gate goes into every integrated
// terminal through this extension's EnvironmentVariableCollection (bash:
// PROMPT_COMMAND loads it, chained into VS Code's own shell integration;
// zsh: a ZDOTDIR whose files source yours; fish: a vendor_conf.d folder
// first on XDG_DATA_DIRS), and the editor's judge learns from here whose
// terminal a line comes from: one another extension created (an agent) or
// one the human opened. Decisions come from core (frontdoor/line.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TerminalDirectory } from '../channels/editorJudge/lines';
import {
  bashPromptLoader,
  terminalGateFiles,
  terminalGateLayout,
  type GateFile,
  type TerminalGateLayout,
  type GatePaths,
  writeHumanTerminalGating,
  DEFAULT_HUMAN_TERMINAL_GATING,
  HUMAN_TERMINAL_GATING,
  replaceFile,
} from '../core/frontdoor/terminal';
import type { HumanTerminalGating } from '../core/frontdoor/line';

/** A shell whose gate has not connected this long after its terminal opened counts as ungated. */
const GATE_GRACE_MS = 8000;
const PID_WAIT_MS = 1500;
const AGENT_PIDS_KEY = 'agentguard.agentTerminalPids';

/**
 * The workbench builds the creation options of a terminal it opened (the
 * human's + button, a profile, a restored session) from its launch config,
 * always with exactly these keys; an extension's `createTerminal` keeps the
 * object the extension passed.
 */
const WORKBENCH_KEYS = ['name', 'shellPath', 'shellArgs', 'cwd', 'env', 'hideFromUser'];
const WORKBENCH_OPTIONAL = new Set(['titleTemplate', 'isTransient', 'location', 'iconPath', 'color']);

export function openedByHuman(options: vscode.Terminal['creationOptions']): boolean {
  if ('pty' in options) return false;
  const keys = Object.keys(options);
  return (
    WORKBENCH_KEYS.every((k) => keys.includes(k)) &&
    keys.every((k) => WORKBENCH_KEYS.includes(k) || WORKBENCH_OPTIONAL.has(k))
  );
}

function writeIfChanged(file: GateFile): void {
  try {
    if (fs.readFileSync(file.path, 'utf8') === file.content && (fs.statSync(file.path).mode & 0o777) === file.mode)
      return;
  } catch {
    // missing: written below
  }
  // A new file renamed over it, its temporary file opened exclusively: never written through a planted link.
  replaceFile(file.path, file.content, file.mode, { folderMode: 0o700 });
}

/** Writes the gate files (shell scripts, ZDOTDIR, shims) for the CLI at `paths`; returns where they are. */
export function writeGateFiles(stateDir: string, paths: GatePaths): TerminalGateLayout {
  const layout = terminalGateLayout(stateDir);
  for (const f of terminalGateFiles(layout, paths)) writeIfChanged(f);
  return layout;
}

interface Known {
  origin: 'agent-terminal' | 'human-terminal';
  name: string;
  terminal: vscode.Terminal;
  opened: number;
}

export interface TerminalGateStatus {
  /** Terminals whose shell's gate is connected. */
  active: string[];
  /** Terminals open longer than a moment with no gate connected (another shell, integration off, gate unloaded). */
  inactive: string[];
}

export class TerminalDoor implements vscode.Disposable, TerminalDirectory {
  private readonly byPid = new Map<number, Known>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly gates = new Set<number>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeStatus = this.changed.event;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly stateDir: string,
    private readonly layout: TerminalGateLayout,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.applyEnvironment();
    this.syncSetting();
    for (const t of vscode.window.terminals) this.track(t);
    this.disposables.push(
      this.changed,
      vscode.window.onDidOpenTerminal((t) => this.track(t)),
      vscode.window.onDidCloseTerminal((t) => this.forget(t)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('agentguard.terminal.gateHumanTerminals')) this.syncSetting();
      }),
    );
    // Terminals past their grace time without a gate become "inactive" without any event: look again now and then.
    this.timer = setInterval(() => this.changed.fire(), GATE_GRACE_MS);
  }

  /** The variables every new terminal of this window starts with; VS Code marks older terminals stale. */
  private applyEnvironment(): void {
    const env = this.context.environmentVariableCollection;
    env.description = 'AgentGuard judges each command line of this terminal before the shell runs it';
    env.persistent = true;
    env.clear();
    // Both at process creation and again after your ~/.bashrc (VS Code's shell integration), so a .bashrc that sets PROMPT_COMMAND keeps the gate.
    env.prepend('PROMPT_COMMAND', bashPromptLoader(this.layout), {
      applyAtProcessCreation: true,
      applyAtShellIntegration: true,
    });
    env.replace('AGENTGUARD_USER_ZDOTDIR', process.env.AGENTGUARD_USER_ZDOTDIR ?? this.userZdotdir());
    env.replace('ZDOTDIR', this.layout.zdotdir);
    env.replace(
      'XDG_DATA_DIRS',
      [
        this.layout.fishData,
        ...(process.env.XDG_DATA_DIRS || '/usr/local/share:/usr/share')
          .split(':')
          .filter((d) => d && d !== this.layout.fishData),
      ].join(':'),
    );
  }

  /** The ZDOTDIR the user had before AgentGuard's (the extension host's own may already be AgentGuard's). */
  private userZdotdir(): string {
    const z = process.env.ZDOTDIR;
    return z && path.resolve(z) !== path.resolve(this.layout.zdotdir) ? z : '';
  }

  private syncSetting(): void {
    try {
      writeHumanTerminalGating(this.stateDir, this.humanGating());
    } catch (err) {
      this.log.warn(`terminal: cannot record the human-terminal setting: ${(err as Error).message}`);
    }
  }

  private agentPids(): number[] {
    return this.context.workspaceState.get<number[]>(AGENT_PIDS_KEY, []);
  }

  private track(t: vscode.Terminal): void {
    const byHuman = openedByHuman(t.creationOptions);
    const opened = Date.now();
    const p = Promise.resolve(t.processId)
      .then(
        (pid) => {
          if (pid === undefined) return;
          // A terminal an extension opened before the window reloaded keeps its shell (and its origin).
          const origin = !byHuman || this.agentPids().includes(pid) ? 'agent-terminal' : 'human-terminal';
          this.byPid.set(pid, { origin, name: t.name, terminal: t, opened });
          if (origin === 'agent-terminal' && !this.agentPids().includes(pid))
            void this.context.workspaceState.update(AGENT_PIDS_KEY, [...this.agentPids(), pid].slice(-200));
          this.log.info(
            `terminal "${t.name}" (shell ${pid}) opened by ${origin === 'agent-terminal' ? 'an extension: every line is judged' : `you: lines judged per agentguard.terminal.gateHumanTerminals (${this.humanGating()})`}`,
          );
          this.changed.fire();
        },
        () => undefined,
      )
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private forget(t: vscode.Terminal): void {
    for (const [pid, k] of this.byPid) {
      if (k.terminal !== t) continue;
      this.byPid.delete(pid);
      this.gates.delete(pid);
      void this.context.workspaceState.update(
        AGENT_PIDS_KEY,
        this.agentPids().filter((p) => p !== pid),
      );
    }
    this.changed.fire();
  }

  // --- TerminalDirectory (the judge asks) --------------------------------------

  terminal(pid: number): { origin: 'agent-terminal' | 'human-terminal'; name: string } | undefined {
    const k = this.byPid.get(pid);
    return k ? { origin: k.origin, name: k.name } : undefined;
  }

  async settled(): Promise<void> {
    if (!this.pending.size) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.pending]),
      new Promise((r) => {
        timer = setTimeout(r, PID_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  humanGating(): HumanTerminalGating {
    const v = vscode.workspace
      .getConfiguration('agentguard')
      .get<string>('terminal.gateHumanTerminals', DEFAULT_HUMAN_TERMINAL_GATING);
    return HUMAN_TERMINAL_GATING.includes(v as HumanTerminalGating)
      ? (v as HumanTerminalGating)
      : DEFAULT_HUMAN_TERMINAL_GATING;
  }

  approvalMs(): number {
    const v = vscode.workspace.getConfiguration('agentguard').get<number>('approvalTimeoutSeconds', 60);
    return (Number.isFinite(v) ? Math.min(600, Math.max(5, v)) : 60) * 1000;
  }

  gate(pid: number, connected: boolean): void {
    if (connected) this.gates.add(pid);
    else this.gates.delete(pid);
    const k = this.byPid.get(pid);
    if (k) this.log.info(`terminal "${k.name}" (shell ${pid}): gate ${connected ? 'connected' : 'disconnected'}`);
    this.changed.fire();
  }

  status(now = Date.now()): TerminalGateStatus {
    const active: string[] = [];
    const inactive: string[] = [];
    for (const [pid, k] of this.byPid) {
      if (this.gates.has(pid)) active.push(k.name);
      else if (now - k.opened > GATE_GRACE_MS) inactive.push(k.name);
    }
    return { active, inactive };
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
