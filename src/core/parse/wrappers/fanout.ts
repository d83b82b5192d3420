// Programs that run a command once per input: xargs, find -exec, fd -x,
// parallel. The inner command is judged with its placeholders standing for
// every match.
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { joinForShell, type UnwrapStep } from './common';
import { FD_VALUE_OPTIONS } from '../../command/valueOptions';
import { parallelOptions } from './parallelOptions';
import { resolveShellPath } from '../../command/paths';
import { own } from '../../text/own';

export function unwrapXargs(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  const takesValue = [
    '-n',
    '--max-args',
    '-L',
    '--max-lines',
    '-P',
    '--max-procs',
    '-s',
    '--max-chars',
    '-d',
    '--delimiter',
    '-E',
    '-e',
    '-a',
    '--arg-file',
    '-I',
  ];
  let replace: string | undefined;
  let argFile: string | undefined;
  let i = 1;
  while (i < argv.length) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-')) break;
    if (a === '-a' || a === '--arg-file') argFile = argv[i + 1] ?? '';
    else if (a.startsWith('--arg-file=')) argFile = a.slice('--arg-file='.length);
    else if (a.startsWith('-a') && a.length > 2) argFile = a.slice(2);
    if (a === '-I') replace = argv[i + 1];
    else if (a.startsWith('-I') && a.length > 2) replace = a.slice(2);
    else if (a === '-i' || a.startsWith('--replace')) replace = a.includes('=') ? a.slice(a.indexOf('=') + 1) : '{}';
    else if (a.startsWith('-i') && a.length > 2) replace = a.slice(2);
    i += takesValue.includes(a) ? 2 : 1;
  }
  const inner = i < argv.length ? argv.slice(i) : ['echo'];
  const innerDyn = i < argv.length ? p.dynamic.slice(i) : [false];
  // Input words: known when the producer's output is (`echo a b | xargs rm`), else unknown.
  // `xargs -a FILE` reads its words from FILE, not stdin: FILE is what feeds the commands it runs, as `cat FILE |` would.
  const fromFile = argFile !== undefined && argFile !== '-' && argFile !== '/dev/stdin';
  const known = fromFile ? undefined : p.stdin?.split(/\s+/).filter(Boolean);
  const input = known && known.length <= 64 ? known : undefined;
  // Names a finder prints, unknown until it runs, are still every match under its root (`find ~ -name '.*rc' |`):
  // each stands for that pattern, as find -exec's `{}` does, so `sh -c '… "$1"' _ {}` writes under the root.
  const unread = (fromFile ? undefined : producerMatches(p.stdinFrom)) ?? '$XARGS_INPUT';
  let next: string[];
  let dyn: boolean[];
  if (replace !== undefined) {
    const value = input ? input.join(' ') : unread;
    next = inner.map((a) => a.split(replace!).join(value));
    dyn = inner.map((a, k) => innerDyn[k] || (!input && a.includes(replace!)));
  } else if (input) {
    next = [...inner, ...input];
    dyn = [...innerDyn, ...input.map(() => false)];
  } else {
    next = [...inner, unread];
    dyn = [...innerDyn, true];
  }
  const rest: Pending = { ...p, argv: next, dynamic: dyn };
  delete rest.stdin;
  if (fromFile) rest.stdinFrom = ['cat', argFile!];
  return { kind: 'command', next: rest, via: 'xargs' };
}

/** Where `{}` points for find/fd: every match under the roots, narrowed by the name pattern. */
export function matchesUnder(root: string, pattern: string | undefined): string {
  const base = root.endsWith('/') ? root.slice(0, -1) : root;
  return `${base || '/'}/**${pattern ? '/' + pattern : ''}`.replace(/^\/\/+/, '/');
}

/** find's start folders and the index of the first word past them. */
function findRoots(argv: readonly string[]): { roots: string[]; at: number } {
  let i = 1;
  while (i < argv.length && /^-[HLP]$|^-O\d$|^-D$/.test(argv[i])) i += argv[i] === '-D' ? 2 : 1;
  const roots: string[] = [];
  while (i < argv.length && !argv[i].startsWith('-') && argv[i] !== '(' && argv[i] !== '!' && argv[i] !== '\\(')
    roots.push(argv[i++]);
  if (roots.length === 0) roots.push('.');
  return { roots, at: i };
}

/** find's first `-name` / `-iname` pattern, if any. */
function findPattern(argv: readonly string[], from: number): string | undefined {
  for (let i = from; i + 1 < argv.length; i++) if (argv[i] === '-name' || argv[i] === '-iname') return argv[i + 1];
  return undefined;
}

/**
 * What each name a finder prints into the pipe stands for: every match under
 * its root (find, fd), as a pattern; undefined for any other producer. Of
 * several roots the one reaching furthest out is kept (an absolute or `..`
 * root over the working folder), as the names may be any of theirs.
 */
function producerMatches(producer: readonly string[] | undefined): string | undefined {
  const name = producer?.[0];
  if (name === 'find' || name === 'gfind') {
    const { roots, at } = findRoots(producer!);
    const root = roots.find((r) => r.startsWith('/') || r.startsWith('..')) ?? roots[0];
    return matchesUnder(root, findPattern(producer!, at));
  }
  if (name === 'fd' || name === 'fdfind') {
    const before: string[] = [];
    for (let i = 1; i < producer!.length; i++) {
      if (FD_VALUE_OPTIONS.includes(producer![i])) i++;
      else if (!producer![i].startsWith('-')) before.push(producer![i]);
    }
    const pattern = globOfRegex(before[0]);
    return matchesUnder(before[1] ?? '.', pattern ? `*${pattern}*` : undefined);
  }
  return undefined;
}

export function unwrapFind(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  const { roots, at } = findRoots(argv);
  let i = at;
  let pattern: string | undefined;
  const inner: Scope = { ...scope, depth: scope.depth + 1 };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if ((a === '-name' || a === '-iname') && pattern === undefined) pattern = argv[i + 1];
    if (a === '-delete') {
      for (const root of roots) {
        const target = matchesUnder(root, pattern);
        // The target is a pattern (every match below the root): judged as the glob it is, so that
        // `-name audit.jsonl` under a folder that holds AgentGuard's state reaches it.
        w.emit(
          { argv: ['rm', '-f', target], dynamic: [false, false, true], redirects: [], env: p.env, source: p.source },
          { ...inner, via: [...scope.via, 'find -delete'] },
        );
      }
    }
    if (a === '-exec' || a === '-execdir' || a === '-ok' || a === '-okdir') {
      let j = i + 1;
      const cmd: string[] = [];
      const dyn: boolean[] = [];
      while (j < argv.length && argv[j] !== ';' && argv[j] !== '+') {
        cmd.push(argv[j]);
        dyn.push(p.dynamic[j]);
        j++;
      }
      for (const root of roots) {
        const target = matchesUnder(root, pattern);
        const replaced = cmd.map((c) => c.split('{}').join(target));
        const patterned = dyn.map((d, k) => d || cmd[k].includes('{}'));
        if (replaced.length)
          w.emit(
            { argv: replaced, dynamic: patterned, redirects: [], env: p.env, source: p.source },
            { ...inner, via: [...scope.via, `find ${a}`] },
          );
      }
      i = j;
    }
  }
}

/** fd's pattern is a regular expression: its anchors and escapes dropped it is a name part (`^\.env$` → `.env`); one with other regex syntax is any name. */
function globOfRegex(pattern: string | undefined): string | undefined {
  if (pattern === undefined) return undefined;
  const plain = pattern
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\\([.\-_/])/g, '$1');
  return /[\\^$[\]()|+?{}*]/.test(plain) ? '*' : plain;
}

export function unwrapFd(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  const execAt = argv.findIndex((a) => a === '-x' || a === '--exec' || a === '-X' || a === '--exec-batch');
  if (execAt === -1) return;
  // Operands before the command, past the options and the values they take (`-e sql`, `-t f`).
  const before: string[] = [];
  const extensions: string[] = [];
  for (let i = 1; i < execAt; i++) {
    if (argv[i] === '-e' || argv[i] === '--extension') extensions.push(argv[i + 1] ?? '');
    if (FD_VALUE_OPTIONS.includes(argv[i])) i++;
    else if (!argv[i].startsWith('-')) before.push(argv[i]);
  }
  const root = before[1] ?? '.';
  // One `-e EXT` narrows the matches to that extension (`fd -e sql .`: every .sql file); several are read as any name.
  const ext = extensions.length === 1 ? `.${extensions[0].replace(/^\./, '')}` : '';
  const pattern = before[0] === '.' && ext ? undefined : globOfRegex(before[0]);
  const name = pattern ? `*${pattern}*${ext}` : ext ? `*${ext}` : undefined;
  const target = matchesUnder(root, name);
  const cmd = argv.slice(execAt + 1);
  const placed = cmd.some((c) => c.includes('{}'));
  const args = placed ? cmd.map((c) => c.split('{}').join(target)) : [...cmd, target];
  // The target stands for every match, as find's does: judged as the pattern it is, not as a file that is absent.
  const dynamic = placed ? cmd.map((c) => c.includes('{}')) : [...cmd.map(() => false), true];
  w.emit(
    { argv: args, dynamic, redirects: [], env: p.env, source: p.source },
    { ...scope, via: [...scope.via, 'fd --exec'], depth: scope.depth + 1 },
  );
}

export function unwrapParallel(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  const sep = argv.findIndex((a) => a === ':::' || a === '::::' || a === ':::+');
  const cmdEnd = sep === -1 ? argv.length : sep;
  const opts = parallelOptions(argv.slice(0, cmdEnd), p.env.PARALLEL);
  if (opts.unknown !== undefined) w.addFinding(unknownOption('parallel', opts.unknown));
  const cmd = argv.slice(opts.start, cmdEnd);
  if (cmd.length === 0 && sep === -1 && argv.some((a) => PARALLEL_INFO.has(a))) return undefined;
  const cwd = jobFolder(opts.workdir, scope, w);
  const inner: Scope = { ...scope, cwd, via: [...scope.via, 'parallel'], depth: scope.depth + 1 };
  if (cmd.length === 0) return parallelLines(sep === -1 ? p.stdin?.split('\n') : argv.slice(sep + 1), inner, w);
  const inputs =
    sep === -1
      ? ['$PARALLEL_INPUT']
      : argv
          .slice(sep + 1)
          .filter((a) => !a.startsWith(':::'))
          .slice(0, 16);
  for (const input of inputs) {
    const text = cmd.length === 1 ? cmd[0] : cmd.join(' ');
    const withInput = text.includes('{}') ? text.split('{}').join(input) : `${text} ${input}`;
    w.walkText(withInput, inner, true);
  }
  return { kind: 'done' };
}

/**
 * `sem` is `parallel --semaphore`: its options are parallel's, and it runs one command, through a shell, in the
 * folder --workdir names.
 */
export function unwrapSem(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const opts = parallelOptions(p.argv, p.env.PARALLEL);
  if (opts.unknown !== undefined) w.addFinding(unknownOption('sem', opts.unknown));
  const cmd = p.argv.slice(opts.start);
  if (cmd.length === 0) return undefined;
  const cwd = jobFolder(opts.workdir, scope, w);
  return { kind: 'script', text: joinForShell(cmd), via: 'sem', ...(cwd !== scope.cwd ? { cwd } : {}) };
}

/** The folder parallel's jobs run in: `--workdir DIR`, where `...` is a fresh folder parallel makes for each. */
function jobFolder(wd: string | undefined, scope: Scope, w: Walker): string {
  if (wd === undefined || wd === '.') return scope.cwd;
  return resolveShellPath(scope.cwd, wd === '...' ? '~/.parallel/tmp/job' : wd, own(scope.vars, 'HOME') ?? w.ctx.home);
}

function unknownOption(prog: string, option: string) {
  return parseFinding(
    'parse.too-complex',
    60,
    `${prog} is given ${option}, which AgentGuard does not know: where the command it runs starts is not known; a human must look at it`,
  );
}

/** Options with which `parallel` only prints about itself. */
const PARALLEL_INFO = new Set([
  '--version',
  '--help',
  '-h',
  '--citation',
  '--bibtex',
  '--number-of-cpus',
  '--number-of-cores',
]);

/** Most command lines `parallel` is handed without a command (`parallel ::: 'rm -rf ~'`, lines on stdin) that are read. */
const MAX_PARALLEL_LINES = 16;

/** With no command, each input of `parallel` is a command line of its own; input unknown now or past the bound asks. */
function parallelLines(inputs: readonly string[] | undefined, inner: Scope, w: Walker): UnwrapStep {
  const lines = inputs?.filter((a) => a.trim() && !a.startsWith(':::'));
  if (!lines || lines.length > MAX_PARALLEL_LINES)
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        lines
          ? `parallel is given ${lines.length} command lines, more than AgentGuard reads (${MAX_PARALLEL_LINES}); a human must look at it`
          : 'parallel runs the command lines it reads on stdin, which are only known at run time; a human must look at it',
      ),
    );
  for (const line of (lines ?? []).slice(0, MAX_PARALLEL_LINES)) w.walkText(line, inner, true);
  return { kind: 'done' };
}

/** xe's options that take a value (`xe [-0FLRnqv] [-A argsep] [-I arg] [-N maxargs] [-j jobs] [-f file] [-s script]`). */
const XE_VALUE = new Set(['-A', '-I', '-N', '-j', '-f', '-s']);

/**
 * `xe CMD ARGS…` runs CMD once per input line, with `{}` replaced by it or the line appended, as
 * `xargs -I{}` does; `-a` / `-A SEP` take the inputs from the line after `--` / SEP, `-f FILE` from FILE,
 * and `-s SCRIPT` runs the script with the shell. Read as the xargs call it is.
 */
export function unwrapXe(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  const opts = new Map<string, string>();
  let i = 1;
  for (; i < argv.length && argv[i].startsWith('-') && argv[i].length > 1; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    // A cluster: `-qN1`, `-vI{}`; a value option ends it, the rest or the next word its value.
    for (let k = 1; k < a.length; k++) {
      const flag = '-' + a[k];
      if (XE_VALUE.has(flag)) {
        opts.set(flag, k + 1 < a.length ? a.slice(k + 1) : (argv[++i] ?? ''));
        break;
      }
      opts.set(flag, '');
    }
  }
  // Pattern rules pick a command per input: not read here.
  if (opts.has('-p')) return undefined;
  const script = opts.get('-s');
  if (script !== undefined) return { kind: 'script', text: script, via: 'xe -s' };
  let cmd = argv.slice(i);
  let dyn = p.dynamic.slice(i);
  let inputs: string[] | undefined;
  const sep = opts.has('-A') ? opts.get('-A') : opts.has('-a') ? '--' : undefined;
  if (sep !== undefined) {
    const at = cmd.indexOf(sep);
    if (at !== -1) {
      inputs = cmd.slice(at + 1);
      cmd = cmd.slice(0, at);
      dyn = dyn.slice(0, at);
    }
  }
  if (cmd.length === 0) return undefined;
  const replace = opts.get('-I') || '{}';
  const file = opts.get('-f');
  const lead = [
    'xargs',
    ...(file !== undefined ? ['-a', file] : []),
    ...(cmd.some((a) => a.includes(replace)) ? ['-I', replace] : []),
    '--',
  ];
  const next: Pending = { ...p, argv: [...lead, ...cmd], dynamic: [...lead.map(() => false), ...dyn] };
  if (inputs !== undefined) {
    next.stdin = inputs.join('\n');
    delete next.stdinFrom;
  }
  return unwrapXargs(next);
}
