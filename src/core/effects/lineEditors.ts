// Line editors (`ed FILE`, `ex FILE`, `vim -es FILE`) rewrite the file they open with the commands they are given:
// `-c CMD` and `+CMD` on the line, or the script they read on stdin (`ed -s FILE <<< ',d\nw'`, `ex FILE < cmds`). A
// script deleting every line leaves the file empty, as `sed -i d` does. A script on stdin that cannot be read (a
// file named at run time or not there, another program's output) may do that too, and counts as emptying.
import type { AnalysisContext, SimpleCommand } from '../types';
import type { EffectSink } from './types';
import { readAsLineLeft } from '../parse/normalize/emit';

/** An ex command deleting every line: `%d`, `1,$d`, `,d` (ed's whole buffer), `g/^/d`, `:%delete`. */
const DELETES_EVERY_LINE =
  /(?:^|[|:\s])(?:%|1,\$|,)\s*d(?:e(?:l(?:e(?:te?)?)?)?)?(?![a-z])|(?:^|[|:\s])g\/(?:\^|\.\*|)\/d/;

/** Most of a stdin script read for a delete of every line; past it the script counts as unread. */
const MAX_STDIN_SCRIPT = 64 * 1024;

/** The commands the editor reads on stdin: their text, null when it reads none, undefined when not known first. */
function stdinScript(cmd: SimpleCommand, ctx: AnalysisContext): string | null | undefined {
  if (cmd.stdin !== undefined) return cmd.stdin;
  const from = cmd.redirects.filter((r) => r.fd === 0 && (r.op === '<' || r.op === '<>')).pop();
  if (from) return from.target === '/dev/null' ? null : readAsLineLeft(cmd, ctx, from.target);
  return cmd.stdinFrom?.length ? undefined : null;
}

/** `ed FILE`, `ex FILE`, `vim -es FILE`: a line editor rewrites the file it opens. */
export function lineEditorEffects(
  name: string,
  argv: readonly string[],
  sink: EffectSink,
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): void {
  const vim = name === 'vim' || name === 'vi' || name === 'nvim';
  if (vim && !argv.some((a) => /^-[a-zA-Z]*[es]/.test(a) || a === '-c' || a.startsWith('+'))) return;
  const files: string[] = [];
  let empties = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    // `-c CMD`, `-sc CMD`: a cluster ending in a value-taking letter consumes the next word.
    if (/^-[a-zA-Z]*[cSuiT]$/.test(a)) {
      if (a.endsWith('c')) empties ||= DELETES_EVERY_LINE.test(argv[i + 1] ?? '');
      i++;
      continue;
    }
    if (a.startsWith('+')) empties ||= DELETES_EVERY_LINE.test(a.slice(1));
    if (a.startsWith('-') || a.startsWith('+')) continue;
    files.push(a);
  }
  // ed and ex read their commands on stdin; vim does in its ex mode (`-e`, `-es`).
  if (files.length && (!vim || argv.some((a) => /^-[a-zA-Z]*e/.test(a)))) {
    const script = stdinScript(cmd, ctx);
    if (script === undefined || (script !== null && script.length > MAX_STDIN_SCRIPT)) empties = true;
    else if (script !== null) empties ||= DELETES_EVERY_LINE.test(script);
  }
  // `ex -sc '%d|x' FILE`: every line deleted and the file written, as `sed -i d` leaves it empty.
  for (const f of files) sink.add(empties ? 'truncate' : 'write', f);
}
