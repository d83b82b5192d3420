// What several judges ask of one command (its file effects, its landings), read once while it is judged.
//
// Held for the last few commands read, not in a WeakMap keyed by every command: a WeakMap entry costs about
// 2 µs to make (and its share of garbage collection) for every command of every line, while the judges that ask
// again ask about the command being judged, or one beside it on its line. A command no longer held is read again,
// with the same answer: the reading depends only on the command and the context, and a disk look it makes is the
// judgment's own (guard/guardFs.ts), repeated the same way within it.
import type { AnalysisContext, SimpleCommand } from '../types';

/** How many commands are held: a line's commands are judged one after another, each asking about itself. */
const HELD = 8;

export class RecentReadings<V> {
  private readonly cmds: Array<SimpleCommand | undefined> = new Array<SimpleCommand | undefined>(HELD).fill(undefined);
  private readonly ctxs: Array<AnalysisContext | undefined> = new Array<AnalysisContext | undefined>(HELD).fill(
    undefined,
  );
  private readonly values: Array<V | undefined> = new Array<V | undefined>(HELD).fill(undefined);
  private next = 0;

  constructor(private readonly read: (cmd: SimpleCommand, ctx: AnalysisContext) => V) {}

  /** The reading of `cmd` in `ctx`: the one held, else read now and held. */
  of(cmd: SimpleCommand, ctx: AnalysisContext): V {
    // Newest first: the command being judged is asked about most.
    for (let k = 0, i = this.next; k < HELD; k++) {
      i = i === 0 ? HELD - 1 : i - 1;
      if (this.cmds[i] === cmd && this.ctxs[i] === ctx) return this.values[i] as V;
    }
    const v = this.read(cmd, ctx);
    const at = this.next;
    this.cmds[at] = cmd;
    this.ctxs[at] = ctx;
    this.values[at] = v;
    this.next = at + 1 === HELD ? 0 : at + 1;
    return v;
  }
}
