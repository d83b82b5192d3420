// Programs that type into other programs: an expect(1) script spawns a
// program and sends it keystrokes (`spawn psql …; send "DROP TABLE users;\r"`),
// and a terminal multiplexer's `stuff` types into a running session. What is
// typed is what the spawned program runs, so it is judged as that program's
// input: the sent text becomes its stdin (`psql … <<EOF`, `ssh host <<EOF`).
import type { Finding } from '../../types';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { joinForShell, MAX_SCRIPT_CHARS, noteUnreadScript, type UnwrapStep } from './common';
import { fedByProcess } from './fedByProcess';

const MAX_TCL_COMMANDS = 400;
/** Tcl's `file` subcommands that change files, as the shell command each amounts to. */
const TCL_FILE_OPS: Readonly<Record<string, readonly string[]>> = Object.assign(Object.create(null) as object, {
  delete: ['rm', '-f'],
  copy: ['cp', '-r'],
  rename: ['mv'],
});
const END = '__AGENTGUARD_TYPED__';

/** Tcl escapes in a sent string: `\r` and `\n` end a line as Enter does. */
function unescapeTyped(s: string): string {
  return s.replace(/\\([rnt\\"$\[\]{}])/g, (_m, c: string) => (c === 'r' || c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** Whether a script read stopped at a bound (MAX_SCRIPT_CHARS, MAX_TCL_COMMANDS) with text left past it. */
interface Reading {
  unread: boolean;
}

/** Tcl words of one script, command by command (newlines and `;` outside quotes and braces end a command). */
function tclCommands(code: string, reading: Reading): string[][] {
  if (code.length > MAX_SCRIPT_CHARS) reading.unread = true;
  const commands: string[][] = [];
  let words: string[] = [];
  let i = 0;
  const n = Math.min(code.length, MAX_SCRIPT_CHARS);
  const endCommand = (): void => {
    if (words.length) commands.push(words);
    words = [];
  };
  while (i < n && commands.length < MAX_TCL_COMMANDS) {
    const c = code[i];
    if (c === '\n' || c === ';') {
      endCommand();
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' && words.length === 0) {
      while (i < n && code[i] !== '\n') i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let text = '';
      while (j < n && code[j] !== '"') {
        if (code[j] === '\\' && j + 1 < n) {
          text += code[j] + code[j + 1];
          j += 2;
          continue;
        }
        text += code[j++];
      }
      words.push(unescapeTyped(text));
      i = j + 1;
      continue;
    }
    if (c === '{') {
      let depth = 1;
      let j = i + 1;
      while (j < n && depth > 0) {
        if (code[j] === '{') depth++;
        else if (code[j] === '}') depth--;
        j++;
      }
      words.push(code.slice(i + 1, j - 1));
      i = j;
      continue;
    }
    let j = i;
    while (j < n && !/[\s;]/.test(code[j])) j++;
    words.push(unescapeTyped(code.slice(i, j)));
    i = j;
  }
  if (i < n && code.slice(i).trim()) reading.unread = true;
  endCommand();
  return commands;
}

/** The shell text an expect script amounts to: each spawned program, fed what is sent to it. */
export function expectScript(code: string): string | undefined {
  return expectReading(code).text;
}

/** expectScript's text, and whether the script goes on past what is read (then what it types there is not known). */
export function expectReading(code: string): { text: string | undefined; unread: boolean } {
  const reading: Reading = { unread: false };
  const sessions: { spawn: string[]; typed: string }[] = [];
  for (const words of tclCommands(code, reading)) {
    const [name, ...args] = words;
    if (name === 'spawn') {
      const program = args.filter(
        (a, k) =>
          !(k === 0 && a.startsWith('-')) &&
          a !== '-noecho' &&
          a !== '-console' &&
          a !== '-nottycopy' &&
          a !== '-nottyinit',
      );
      if (program.length) sessions.push({ spawn: program, typed: '' });
    } else if (name === 'exec' || name === 'system') {
      // Tcl's `exec PROGRAM ARGS…` runs a program (its `-keepnewline`/`-ignorestderr` switches and `--` first),
      // expect's `system ARGS…` a shell line of its words joined: either runs as typed, fed nothing.
      const program =
        name === 'exec' ? args.filter((a, k) => !(k < 3 && /^-(?:-|keepnewline|ignorestderr)$/.test(a))) : args;
      if (program.length) sessions.push({ spawn: program, typed: '' });
    } else if (name === 'file' && TCL_FILE_OPS[args[0]]) {
      // Tcl's own file commands: `file delete -force ~` is `rm -rf ~` (Tcl 8 expands `~` as the shell does).
      const paths = args.slice(1).filter((a) => a !== '-force' && a !== '--');
      const op = args[0] === 'delete' && args.includes('-force') ? ['rm', '-rf'] : TCL_FILE_OPS[args[0]];
      if (paths.length) sessions.push({ spawn: [...op, ...paths], typed: '' });
    } else if ((name === 'send' || name === 'exp_send') && sessions.length) {
      const text = args.filter((a) => a !== '--' && !/^-(?:s|h|i|raw|null|break)$/.test(a)).join(' ');
      sessions[sessions.length - 1].typed += text;
    } else if (name === 'expect' || name === 'exp_continue' || name === 'interact') {
      // An `expect { pattern { send … } }` block holds sends in its body.
      const last = sessions[sessions.length - 1];
      if (last) for (const body of args) if (/\bsend\b/.test(body)) last.typed += expectBodySends(body, reading);
    }
  }
  if (!sessions.length) return { text: undefined, unread: reading.unread };
  const text = sessions
    .map((s) => {
      const line = joinForShell(s.spawn);
      return s.typed.trim() ? `${line} <<'${END}'\n${s.typed.replace(new RegExp(END, 'g'), '')}\n${END}` : line;
    })
    .join('\n');
  return { text, unread: reading.unread };
}

function expectBodySends(body: string, reading: Reading): string {
  let out = '';
  for (const words of tclCommands(body, reading)) {
    if (words[0] === 'send' || words[0] === 'exp_send')
      out += words
        .slice(1)
        .filter((a) => a !== '--')
        .join(' ');
    else for (const w of words) if (/\bsend\b/.test(w)) out += expectBodySends(w, reading);
  }
  return out;
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
  const { text, unread } = expectReading(code);
  if (unread) w.addFinding(unreadTclFinding(file && file !== '-' ? file : 'expect'));
  return text ? { kind: 'script', text, via: 'expect', lenient: true } : undefined;
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
