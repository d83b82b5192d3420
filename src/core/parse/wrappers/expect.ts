// Programs that type into other programs: an expect(1) script spawns a
// program and sends it keystrokes (`spawn psql …; send "DROP TABLE users;\r"`),
// and a terminal multiplexer's `stuff` types into a running session. What is
// typed is what the spawned program runs, so it is judged as that program's
// input: the sent text becomes its stdin (`psql … <<EOF`, `ssh host <<EOF`).
import type { Finding } from '../../types';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { MAX_SCRIPT_CHARS, noteUnreadScript, type UnwrapStep } from './common';
import { marksAsVariables, tclExecLine, tclShellLine } from './tclValues';
import { RUNTIME_VALUE_NAME, withRuntimeValue } from '../dynamic';
import { fedByProcess } from './fedByProcess';
import { MAX_TCL_COMMANDS, tclCommands, tclFileCommand, type TclReading } from './tclScript';
import { unknownRouteFinding } from './stdinCode';

const END = '__AGENTGUARD_TYPED__';

/** The shell text an expect script amounts to: each spawned program, fed what is sent to it. */
export function expectScript(code: string): string | undefined {
  return expectReading(code).text;
}

/** expectScript's text, and whether the script goes on past what is read (then what it types there is not known). */
export function expectReading(code: string): { text: string | undefined; unread: boolean; computed?: string } {
  const reading: TclReading = { unread: false };
  // Each program run, as a shell line, and what is typed into it.
  const sessions: { line: string; typed: string }[] = [];
  for (const words of tclCommands(code, reading)) {
    const [name, ...args] = words;
    const fileCommands = tclFileCommand(name, args);
    if (fileCommands) {
      // Tcl's own file commands, as the shell commands they amount to: `file delete -force ~` is `rm -rf ~`.
      // `open "|cmd …"` runs a pipeline written as exec's words.
      for (const argv of fileCommands)
        sessions.push({
          line: name === 'open' && args[0]?.startsWith('|') ? tclExecLine(argv) : tclShellLine(argv),
          typed: '',
        });
    } else if (name === 'spawn') {
      const program = args.filter(
        (a, k) =>
          !(k === 0 && a.startsWith('-')) &&
          a !== '-noecho' &&
          a !== '-console' &&
          a !== '-nottycopy' &&
          a !== '-nottyinit',
      );
      if (program.length) sessions.push({ line: tclShellLine(program), typed: '' });
    } else if (name === 'exec' || name === 'system') {
      // Tcl's `exec PROGRAM ARGS…` runs a program (its `-keepnewline`/`-ignorestderr` switches and `--` first),
      // expect's `system ARGS…` a shell line of its words joined: either runs as typed, fed nothing.
      if (name === 'system' && args.length) sessions.push({ line: marksAsVariables(args.join(' ')), typed: '' });
      const program = args.filter((a, k) => !(k < 3 && /^-(?:-|keepnewline|ignorestderr)$/.test(a)));
      if (name === 'exec' && program.length) sessions.push({ line: tclExecLine(program), typed: '' });
    } else if (name === 'source' && args.length) {
      // `source FILE` runs another Tcl file: read as tclsh reads it (`-encoding NAME` first in Tcl 8.5 and later).
      sessions.push({ line: tclShellLine(['tclsh', '--', args[args.length - 1]]), typed: '' });
    } else if ((name === 'send' || name === 'exp_send') && sessions.length) {
      // A send within an `expect { pattern { send … } }` block is read as one of the block's commands, after it.
      const text = args.filter((a) => a !== '--' && !/^-(?:s|h|i|raw|null|break)$/.test(a)).join(' ');
      sessions[sessions.length - 1].typed += text;
    }
  }
  if (!sessions.length) return { text: undefined, unread: reading.unread, computed: reading.computed };
  const text = sessions
    .map((s) => {
      const typed = marksAsVariables(s.typed).replace(new RegExp(END, 'g'), '');
      return s.typed.trim() ? `${s.line} <<'${END}'\n${typed}\n${END}` : s.line;
    })
    .join('\n');
  return { text, unread: reading.unread, computed: reading.computed };
}

/** `expect -c CODE`, `expect FILE`, `expect -f FILE`, or the script on stdin. */
export function unwrapExpect(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  const inline: string[] = [];
  let file: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-c' && argv[i + 1] !== undefined) inline.push(argv[++i]);
    else if (a === '-f' && argv[i + 1] !== undefined) file = argv[++i];
    else if (a === '--') {
      file ??= argv[i + 1];
      break;
    } else if (!a.startsWith('-')) {
      file ??= a;
      break;
    }
  }
  let code = inline.join('\n');
  if (file && file !== '-') {
    const read = w.ctx.readFile(file, scope.cwd);
    // A script file the reader refused as too large is asked, never read as empty.
    if (read === undefined) noteUnreadScript(file, read, scope, w, 'expect');
    code += '\n' + (read ?? '');
  } else if (!inline.length || file === '-') {
    const fed = fedByProcess(p, argv[0]);
    if (fed) return fed;
    code += '\n' + (p.stdin ?? '');
  }
  const { text, unread, computed } = expectReading(code);
  const via = argv[0] === 'expect' ? 'expect' : argv[0];
  if (unread) w.addFinding(unreadTclFinding(file && file !== '-' ? file : 'expect'));
  // `$cmd rm -rf ~`, `eval $x`: what runs is only known when the script runs, as computed code is in other languages.
  if (computed) w.addFinding(unknownRouteFinding(`\`${via}\``, `names a command at run time (\`${computed}\`)`));
  if (!text) return undefined;
  // A value known only at run time is read as a variable the shell cannot know, whatever the environment sets.
  const env = text.includes(RUNTIME_VALUE_NAME) ? withRuntimeValue(p.env) : undefined;
  return { kind: 'script', text, via: 'expect', lenient: true, ...(env ? { env } : {}) };
}

/** An expect script past MAX_SCRIPT_CHARS or MAX_TCL_COMMANDS: what it spawns or types past the bound is not judged. */
function unreadTclFinding(target: string): Finding {
  return {
    id: 'parse.too-complex',
    summary: `\`expect\` runs a Tcl script longer than AgentGuard reads (${MAX_SCRIPT_CHARS / 1024} KiB, ${MAX_TCL_COMMANDS} commands): what it spawns or types past that was not judged, so a human must look at it`,
    target,
    alternative: 'split the script, or run its steps as separate commands',
    severity: 60,
  };
}

/** `screen -S name -X stuff 'TEXT'`: TEXT is typed into the session's shell (`\n` and `^M` are Enter). */
export function screenStuff(argv: readonly string[]): UnwrapStep | undefined {
  const x = argv.indexOf('-X');
  if (x === -1 || argv[x + 1] !== 'stuff' || argv[x + 2] === undefined) return undefined;
  const text = argv
    .slice(x + 2)
    .join(' ')
    .replace(/\\n|\\r|\^M|\^J/g, '\n')
    .replace(/\\t/g, '\t');
  return text.trim() ? { kind: 'script', text, via: 'screen stuff', lenient: true } : undefined;
}
