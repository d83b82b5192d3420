// The hook files AgentGuard writes whole — Cline's hook script, Kiro's hook
// file, OpenCode's plugin, Amp's delegate program — watched like the JSON
// hook files in policyGate: one deleted or replaced without a human is
// written back (core/policy/hookRestore decides), and a notification offers
// "Allow removal", which puts back what stood there (or deletes the file).
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { delegateFiles, GENERATED_HOSTS, hookFile } from '../core/frontdoor/setup';
import { planWholeHookFile, replaceHookFile } from '../core/frontdoor/policy';
import { readRegularText } from '../core/frontdoor/launch';

export { replaceHookFile };

/** A hook script or plugin is a few KiB: anything larger is not AgentGuard's. */
const MAX_HOOK_FILE_BYTES = 256 * 1024;

export const ALLOW_REMOVAL = 'Allow removal';

interface WholeState {
  file: string;
  stamp?: string;
  /** The text while it was AgentGuard's. */
  text?: string;
  /** Its permission bits then (Cline runs its hook file, so it must stay executable). */
  mode?: number;
}

function stamp(file: string): string {
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  return st ? `${st.ino}:${st.size}:${st.mtimeMs}:${st.isFile()}` : 'missing';
}

/** The whole hook files of a workspace and of the user. */
export function wholeHookFiles(ws: string, home: string): string[] {
  const out: string[] = [];
  for (const scope of ['project', 'user'] as const) {
    for (const host of GENERATED_HOSTS) out.push(hookFile(host, scope, ws, home));
    out.push(...delegateFiles(scope, ws, home));
  }
  return out;
}

export class WholeHookWatch {
  private readonly files = new Map<string, WholeState>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  track(ws: string, home: string): void {
    for (const file of wholeHookFiles(ws, home)) {
      if (this.files.has(file)) continue;
      const state: WholeState = { file, stamp: stamp(file) };
      this.remember(state);
      this.files.set(file, state);
    }
  }

  private read(file: string): string | undefined {
    return readRegularText(file, MAX_HOOK_FILE_BYTES);
  }

  private remember(state: WholeState): void {
    const step = planWholeHookFile(state, this.read(state.file));
    if (step.kind !== 'remember') return;
    state.text = step.text;
    state.mode = (fs.lstatSync(state.file, { throwIfNoEntry: false })?.mode ?? 0o644) & 0o777;
  }

  /** Checks every file whose stamp changed; `safely` runs each check and logs what it throws. */
  poll(safely: (what: string, fn: () => Promise<void>) => void): void {
    for (const state of this.files.values()) {
      const now = stamp(state.file);
      if (now === state.stamp) continue;
      state.stamp = now;
      safely(`hook check of ${state.file}`, () => this.check(state));
    }
  }

  private async check(state: WholeState): Promise<void> {
    const step = planWholeHookFile(state, this.read(state.file));
    if (step.kind === 'none') return;
    if (step.kind === 'remember') {
      this.remember(state);
      return;
    }
    const mode = state.mode ?? 0o644;
    try {
      replaceHookFile(state.file, step.text, mode);
    } catch (err) {
      this.log.warn(
        `hook: AgentGuard's hook file ${state.file} was ${step.replaced === undefined ? 'removed' : 'replaced'} and cannot be restored (${(err as Error).message})`,
      );
      void vscode.window.showErrorMessage(
        `AgentGuard's hook file ${state.file} was changed and could not be restored: ${(err as Error).message}. Agents there are not guarded.`,
      );
      return;
    }
    state.stamp = stamp(state.file);
    this.log.warn(
      `hook: AgentGuard's hook file ${state.file} was ${step.replaced === undefined ? 'deleted' : 'replaced'} without confirmation; restored`,
    );
    const choice = await vscode.window.showWarningMessage(
      `AgentGuard's hook file ${state.file} was ${step.replaced === undefined ? 'deleted' : 'replaced'} outside your review — it has been restored`,
      ALLOW_REMOVAL,
    );
    if (choice !== ALLOW_REMOVAL) return;
    // Only what was restored is taken back: a newer change (an install) is left alone.
    if (this.read(state.file) !== step.text) return;
    if (step.replaced === undefined) fs.rmSync(state.file, { force: true });
    else replaceHookFile(state.file, step.replaced, mode);
    state.text = undefined;
    state.stamp = stamp(state.file);
    this.log.info(
      `hook: a human allowed ${step.replaced === undefined ? 'removing' : 'replacing'} AgentGuard's hook file ${state.file}`,
    );
  }
}
