// `agentguard hook HOST` as the front door runs it (cli/launcher.ts): offered
// to the editor's judge first (cli/hookClient.ts), and handed to the full CLI
// in this process when no judge answers. A part of the front door of its own
// (cli/frontPart.ts): compiled with V8's code cache, as every call an editor
// answers runs it.
import { giveHandoff, type HookHandoff } from './handoff';
import { deferStderr } from './lazyStderr';
import { tryEditorJudge } from '../hookClient';
import { runningInstall } from '../../core/frontdoor/launch';

export interface ViaEditorOptions {
  /** When the launcher started (ms since epoch): the host's time budget counts from there. */
  startedAt: number;
  /** The hook's state folder, pinned by the launcher. */
  stateDir: string;
  /** The launcher's reading of the account's home and state folder, handed to the full CLI. */
  pinned?: HookHandoff['pinned'];
  /** Runs the full CLI in this process, which then answers the host. */
  loadCli(): void;
  /** Called once the judge's answer is out, before the process leaves. */
  answered(): void;
  /** Whether the launcher wrote a warning through process.stderr, which on a pipe may still be on its way out. */
  warned: boolean;
}

export function hookViaEditor(opts: ViaEditorOptions): void {
  const { startedAt } = opts;
  let handedOver = false;
  let answered: number | undefined;
  // Node's own stderr stream is built only if something writes through it (./lazyStderr); the CLI gets Node's.
  const restoreStderr = deferStderr();
  const handOver = (handoff: HookHandoff) => {
    if (handedOver) return;
    handedOver = true;
    restoreStderr();
    process.off('uncaughtException', lastResort);
    giveHandoff(opts.pinned ? { ...handoff, pinned: opts.pinned } : handoff);
    try {
      opts.loadCli();
    } catch (err) {
      // No CLI to answer in the host's form: exit 2 with the reason is the block every host reads.
      process.stderr.write(`AgentGuard: the hook could not start (${(err as Error)?.message ?? err}); blocking.\n`);
      process.exit(2);
    }
  };
  // The CLI's own last-resort handlers are not installed yet: a crash here would be an exit code most hosts ignore.
  // Before the answer: whether the judge had the call is not known, so the CLI denies it (recorded), never judges it again.
  // After it: the exit code that goes with the answer stands.
  const lastResort = (err: Error) => {
    if (answered !== undefined) process.exit(answered);
    handOver({ startedAt, failure: `the hook's editor client failed: ${err?.message ?? err}` });
  };
  process.on('uncaughtException', lastResort);
  tryEditorJudge(process.argv[3], startedAt, () => runningInstall(), opts.stateDir).then((result) => {
    if (!result.answered) return handOver(result.handoff);
    answered = result.exitCode;
    process.exitCode = result.exitCode;
    opts.answered();
    // A read of stdin may still hold the event loop: the answer is out (written synchronously), so leave. At once:
    // the next turn of the event loop would first run what is queued by then; after a warning, a turn later, so
    // that a stderr pipe takes it.
    if (opts.warned) setImmediate(() => process.exit());
    else process.exit();
  }, lastResort);
}
