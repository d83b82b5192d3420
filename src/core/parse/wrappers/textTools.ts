// sed, awk, rg, sort and git rebase run programs of their own: what those
// programs read, write and run is handed to the walk as the plain commands
// that do the same (parse/textPrograms.ts reads sed and awk scripts).
import { RG_VALUE_OPTIONS } from '../../command/valueOptions';
import { readAwkProgram, readSedScript, sedScript, type ProgramReading } from '../textPrograms';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { readAwkCommands } from '../awkCommands';
import { own } from '../../text/own';
import { fileNamedAtRunTime, wholeRunTimeAsWritten } from '../../text/runTimeMarks';

const MAX_SED_FILES = 8;

function emitReading(r: ProgramReading, p: Pending, scope: Scope, w: Walker, via: string, inputs: string[] = []): void {
  const inner: Scope = { ...scope, via: [...scope.via, via], depth: scope.depth + 1 };
  const emit = (argv: string[], what: string) =>
    w.emit(
      { argv, dynamic: argv.map(() => false), redirects: p.redirects, env: p.env, source: `${via}: ${what}` },
      inner,
    );
  for (const f of r.reads) emit(['cat', '--', f], `reads ${f}`);
  for (const f of r.writes) emit(f.append ? ['tee', '-a', f.path] : ['tee', f.path], `writes ${f.path}`);
  for (const name of r.env)
    emit(name === '*' ? ['env'] : ['printenv', name], name === '*' ? 'prints the environment' : `prints $${name}`);
  for (const text of r.runs) w.walkText(text, inner, true);
  // Each input line runs as a shell line: the input files are read as scripts, stdin as piped code.
  if (r.runsInput) {
    const real = inputs.filter((f) => f !== '-');
    for (const f of real.slice(0, MAX_SED_FILES)) emit(['sh', '--', f], `runs the lines of ${f}`);
    if (!real.length || real.length < inputs.length)
      w.emit({ ...p, argv: ['sh'], dynamic: [false], source: `${via}: runs its input lines` }, inner);
    if (real.length > MAX_SED_FILES) r.unread ??= `more than ${MAX_SED_FILES} input files run as commands`;
  }
  if (r.unread)
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        `${via} holds ${r.unread}, more than AgentGuard reads; the part past the bound was not judged, so a human must look at it`,
      ),
    );
}

/** `sed SCRIPT`, `sed -e … -f FILE`: the script's r/R/w/W/e commands and the w and e flags of s///. */
export function readSed(p: Pending, scope: Scope, w: Walker): void {
  const { scripts, files, inputs } = sedScript(p.argv);
  // `sed "$S" f`, `sed -f "$F" f`: a script known only at run time may hold `e`, which runs shell commands.
  const whole = (t: string) => wholeRunTimeAsWritten(t, p.source);
  const runTime = [...scripts.filter(whole), ...files.filter(fileNamedAtRunTime)][0];
  if (runTime !== undefined) {
    const shown = runTime.replace(/\u0001/g, '').slice(0, 60);
    w.addFinding(
      parseFinding(
        'parse.unknown-program',
        50,
        `${p.argv[0]} runs a script known only when the command runs (${shown}): its e command runs shell commands and its w command writes files, so AgentGuard cannot read what it would do`,
        shown,
      ),
    );
  }
  for (const f of files.slice(0, MAX_SED_FILES)) {
    const text = w.ctx.readFile(f, scope.cwd);
    if (text !== undefined) scripts.push(text);
  }
  // Only r, R, w, W and e (commands or flags) reach files or run anything: `sed -n 1,40p`, `s/a/b/g` have none.
  if (!scripts.some((s) => /[rRwWe]/.test(s)) && files.length <= MAX_SED_FILES) return;
  const reading = readSedScript(scripts.join('\n'));
  if (files.length > MAX_SED_FILES) reading.unread ??= `more than ${MAX_SED_FILES} script files`;
  emitReading(reading, p, scope, w, `${p.argv[0]} script`, inputs);
}

/** An awk program's getline files, output files, commands (literal or built from variables and fields) and environment reads. */
export function readAwk(
  program: string,
  p: Pending,
  scope: Scope,
  w: Walker,
  inputs: string[] = [],
  preset: ReadonlyMap<string, string> = new Map(),
): void {
  const reading = readAwkProgram(program);
  const home = scope.vars.HOME ?? w.ctx.home;
  // An environment value not known here stays a shell variable, so the walk sees it as one.
  const env = (name: string) => (name === 'HOME' ? home : (own(p.env, name) ?? own(scope.vars, name) ?? `\${${name}}`));
  const built = readAwkCommands(program, preset, env);
  reading.runs.push(...built.runs);
  reading.writes.push(...built.writes);
  if (built.runsInput) reading.runsInput = true;
  emitReading(reading, p, scope, w, `${p.argv[0]} program`, inputs);
  if (built.unknown.length)
    w.addFinding({
      id: 'exec.obfuscated-code',
      summary: `${p.argv[0]} runs a command it builds when it runs (${built.unknown[0]}), so nobody can read it before it runs`,
      severity: 50,
      alternative: 'print the commands the program would run, read them, then run them',
    });
}

/** `git rebase --exec CMD` (`-x CMD`): CMD runs after every commit it replays. */
export function rebaseExec(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  const at = argv.indexOf('rebase');
  if (at === -1) return;
  const inner: Scope = { ...scope, via: [...scope.via, 'git rebase --exec'], depth: scope.depth + 1 };
  for (let i = at + 1; i < argv.length; i++) {
    const a = argv[i];
    const cmd =
      a === '-x' || a === '--exec'
        ? argv[++i]
        : a.startsWith('--exec=')
          ? a.slice(7)
          : /^-x./.test(a)
            ? a.slice(2)
            : undefined;
    if (cmd) w.walkText(cmd, inner, true);
  }
}

const CODE_RUNNERS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'fish',
  'python',
  'python3',
  'node',
  'perl',
  'ruby',
  'php',
  'eval',
  'source',
  'xargs',
  'env',
  'exec',
]);
const RG_VALUE_OPTS = new Set(RG_VALUE_OPTIONS);

/** The paths ripgrep searches: the operands after the pattern (all of them with -e/-f), or the current folder. */
function searchRoots(argv: readonly string[]): string[] {
  const operands: string[] = [];
  let patternGiven = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (RG_VALUE_OPTS.has(a)) {
      if (a === '-e' || a === '--regexp' || a === '-f' || a === '--file') patternGiven = true;
      i++;
      continue;
    }
    if (a.startsWith('-')) {
      if (a.startsWith('--regexp=') || a.startsWith('--file=')) patternGiven = true;
      continue;
    }
    operands.push(a);
  }
  const paths = patternGiven ? operands : operands.slice(1);
  return paths.length ? paths : ['.'];
}

/** `rg --pre CMD`: ripgrep runs `CMD FILE` for every file it searches (with --pre-glob, the matching ones). */
export function rgPreprocessor(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const cmd = a === '--pre' ? argv[i + 1] : a.startsWith('--pre=') ? a.slice(6) : undefined;
    if (!cmd) continue;
    const inner: Scope = { ...scope, via: [...scope.via, 'rg --pre'], depth: scope.depth + 1 };
    // Every file below the searched paths is an argument, one at a time: `CMD path/*` acts on the same files.
    const roots = searchRoots(argv);
    const files = roots.map((r) => `${r.replace(/\/+$/, '')}/*`);
    w.emit(
      {
        argv: [cmd, ...files],
        dynamic: [false, ...files.map(() => false)],
        redirects: [],
        env: p.env,
        source: `rg --pre ${cmd} ${files.join(' ')}`,
      },
      inner,
    );
    if (CODE_RUNNERS.has(cmd.replace(/^.*\//, ''))) {
      w.addFinding({
        id: 'exec.rg-preprocessor',
        summary: `rg --pre ${cmd} runs every file it searches as code`,
        severity: 60,
        target: cmd,
        alternative: 'search without --pre, or with a converter (pdftotext, zcat) as the preprocessor',
      });
    }
    return;
  }
}
