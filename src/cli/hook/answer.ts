// Exactly one answer leaves the hook process, whatever happens: a normal
// decision, a thrown error, an unhandled rejection, a watchdog timeout or an
// unexpected exit all end in an explicit decision in the host's form (deny
// when the call could not be judged).
import { failureAnswer, shapeAnswer, signed, type HookAnswer } from '../../core/frontdoor/call';
import type { HostId } from '../../core/frontdoor/launch';
import { answerHead, confirmAnswered } from './confirm';
import { writeAll } from './write';

export class HookResponder {
  private answered = false;
  private event = '';
  private watchdog: NodeJS.Timeout | undefined;
  private exitCode = 2;

  constructor(private readonly host: HostId) {}

  get done(): boolean {
    return this.answered;
  }

  /** The host event, once known; Cursor's answer shape depends on it. */
  setEvent(event: string): void {
    this.event = event;
  }

  /** Installs the last-resort handlers; `deadlineMs` bounds the whole run. */
  arm(deadlineMs: number): void {
    const fail = (why: string) => process.exit(this.respond(failureAnswer(why)));
    process.on('uncaughtException', (err) => fail(`internal error: ${err?.message ?? err}`));
    process.on('unhandledRejection', (err) => fail(`internal error: ${(err as Error)?.message ?? err}`));
    // Whatever else ends the process, the host still gets a decision, with the
    // exit code that makes it read it (any code but 0 and 2 is ignored output).
    // First among the exit listeners: a launcher in this process (Windows)
    // checks at exit that an answer was confirmed, and this one gives it.
    process.prependListener('exit', () => {
      if (!this.answered) process.exitCode = this.respond(failureAnswer('the hook stopped before it decided'));
    });
    this.watchdog = setTimeout(
      () => fail(`the hook did not decide within ${Math.round(deadlineMs / 1000)} s`),
      deadlineMs,
    );
  }

  /**
   * Writes the answer (once) in the host's form and returns the exit code
   * that goes with it; 2 (blocked) when stdout could not take it.
   */
  respond(answer: HookAnswer): number {
    if (this.answered) return this.exitCode;
    this.answered = true;
    if (this.watchdog) clearTimeout(this.watchdog);
    const shaped = shapeAnswer(this.host, this.event, answer);
    try {
      const out = answerHead(shaped.exitCode) + shaped.stdout;
      if (out) writeAll(1, out);
      if (shaped.stderr) writeAll(2, shaped.stderr);
      this.exitCode = shaped.exitCode;
      confirmAnswered(this.exitCode);
    } catch (err) {
      // stdout is gone: exit 2 is the one signal every host reads as "blocked".
      try {
        writeAll(2, `${signed(answer.reason)} (could not write the answer: ${(err as Error).message})\n`);
      } catch {
        // nothing left to tell anyone
      }
      this.exitCode = 2;
    }
    process.exitCode = this.exitCode;
    return this.exitCode;
  }
}
