// The line `agentguard install --terminal` put in a shell's startup file,
// watched like AgentGuard's hook entries (policyGate.ts): one that disappears
// without a human is put back, and a notification offers "Allow removal",
// which takes it out again for good.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { replaceHookFile } from '../core/frontdoor/policy';
import { accountHome, readRegularText } from '../core/frontdoor/launch';
import { addStartupLine, removeStartupLine, startupFile, STARTUP_MARK, STARTUP_SHELLS } from '../core/frontdoor/setup';
import { ALLOW_REMOVAL } from './wholeHooks';

const POLL_MS = 2000;
/** A startup file is a few KiB; a larger one is read no further (its line is then not watched). */
const MAX_STARTUP_BYTES = 1024 * 1024;

interface Watched {
  file: string;
  stamp?: string;
  /** AgentGuard's line as it stood there; undefined while the file has none. */
  line?: string;
}

function stamp(file: string): string {
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  return st ? `${st.ino}:${st.size}:${st.mtimeMs}` : 'missing';
}

function ourLine(text: string | undefined): string | undefined {
  return text?.split('\n').find((l) => l.trimEnd().endsWith(STARTUP_MARK));
}

export class StartupLineWatch implements vscode.Disposable {
  private readonly files: Watched[];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    env = process.env,
    home = accountHome(),
  ) {
    this.files = STARTUP_SHELLS.map((s) => startupFile(s, env, home)).map((file) => ({
      file,
      stamp: stamp(file),
      line: ourLine(this.read(file)),
    }));
    this.timer = setInterval(() => this.poll(), POLL_MS);
  }

  private read(file: string): string | undefined {
    return readRegularText(file, MAX_STARTUP_BYTES);
  }

  private poll(): void {
    for (const w of this.files) {
      const now = stamp(w.file);
      if (now === w.stamp) continue;
      w.stamp = now;
      this.check(w).catch((err: Error) => this.log.warn(`terminal gate line in ${w.file}: ${err.message}`));
    }
  }

  private async check(w: Watched): Promise<void> {
    const text = this.read(w.file);
    const line = ourLine(text);
    if (line || !w.line) {
      w.line = line;
      return;
    }
    // The line is gone and no human said so here: put it back.
    const restored = addStartupLine(text ?? '', w.line).text;
    const mode = (fs.lstatSync(w.file, { throwIfNoEntry: false })?.mode ?? 0o644) & 0o777;
    replaceHookFile(w.file, restored, mode);
    w.stamp = stamp(w.file);
    this.log.warn(`terminal: AgentGuard's gate line was removed from ${w.file} without confirmation; restored`);
    const choice = await vscode.window.showWarningMessage(
      `AgentGuard's terminal gate line was removed from ${w.file} outside your review — it has been restored`,
      ALLOW_REMOVAL,
    );
    if (choice !== ALLOW_REMOVAL) return;
    const current = this.read(w.file) ?? '';
    const removed = removeStartupLine(current);
    if (!removed.changed) return;
    replaceHookFile(w.file, removed.text, mode);
    w.stamp = stamp(w.file);
    w.line = undefined;
    this.log.info(`terminal: a human allowed removing AgentGuard's gate line from ${w.file}`);
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
