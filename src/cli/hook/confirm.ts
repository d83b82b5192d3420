// The hook's confirmation to the launcher that an answer it writes is a
// judgment (core/launcher: ANSWER_MARK, CONFIRM_ARG, ANSWER_SLOT). Given by
// whatever writes the answer — the full CLI's responder, or the launcher's
// client of the editor's judge — and by nothing else, so an empty or
// half-unpacked bundle, which exits 0 without a word, is never read as a
// host's "no decision".
import { ANSWER_MARK, ANSWER_SLOT, CONFIRM_ARG } from '../../core/frontdoor/launch';

/** What goes on stdout before the answer: the confirmation line, when a POSIX launcher asked for it. */
export function answerHead(exitCode: number, argv: readonly string[] = process.argv): string {
  return argv.includes(CONFIRM_ARG) ? `${ANSWER_MARK} ${exitCode}\n` : '';
}

/** Once the answer is out: tells a launcher in this process (the Windows resolver) the exit code that goes with it. */
export function confirmAnswered(exitCode: number): void {
  const slot = (globalThis as Record<symbol, unknown>)[Symbol.for(ANSWER_SLOT)];
  if (slot && typeof slot === 'object') (slot as { exitCode?: number }).exitCode = exitCode;
}
