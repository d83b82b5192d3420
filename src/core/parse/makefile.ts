// `make TARGET` is read like `npm run NAME`: the recipes of the target (and
// of the targets it depends on) are the commands that run. Bounded: a few
// dozen targets, recipes only as written (no pattern rules or includes).
import * as path from 'node:path';
import { pastTargets, type Pending, type Scope, type Walker } from './normalize/scope';
import { STDIN_FILES, type UnwrapStep } from './wrappers/common';
import { codeFromStdin } from './wrappers/shells';
import { unreadRunnerFolder } from './wrappers/runnerFolders';
import { shellWord } from '../text/shellWord';
import { RUNTIME_VALUE_NAME, RUNTIME_VALUE_WORD, withRuntimeValue } from './dynamic';
import { candidateNames } from './wrappers/runTimeNames';

const MAX_TARGETS = 32;
/**
 * Options with which make runs no recipe line but those it runs regardless. `-p` is not one: it prints the database
 * and then builds as usual (GNU make's manual, "Summary of Options").
 */
const DRY_RUN = new Set(['-n', '--dry-run', '--just-print', '--recon', '-q', '--question', '-t', '--touch']);
/**
 * The recipe lines `-n`, `-q` and `-t` do not stop: those marked `+` and those that name `$(MAKE)` (GNU make's
 * manual, "Instead of Executing Recipes").
 */
const RUNS_ANYWAY = /^[@-]*\+|\$[({]MAKE[)}]/;
const VALUE_OPTS = [
  '-C',
  '--directory',
  '-f',
  '--file',
  '--makefile',
  '-j',
  '--jobs',
  '-l',
  '--load-average',
  '-o',
  '--old-file',
  '-W',
  '--what-if',
  '-I',
  '--include-dir',
  '-O',
  '--output-sync',
];

interface Makefile {
  rules: Map<string, { deps: string[]; recipe: string[] }>;
  vars: Map<string, string>;
  first?: string;
  /** Commands make runs while it reads the makefile: `$(shell …)` outside recipes, `VAR != …`. */
  readTime: string[];
}

const MAX_READ_TIME = 32;

/** The commands of `$(shell CMD)` in a text, its parentheses balanced. */
export function shellCalls(text: string): string[] {
  const out: string[] = [];
  for (
    let at = text.indexOf('$(shell');
    at !== -1 && out.length < MAX_READ_TIME;
    at = text.indexOf('$(shell', at + 1)
  ) {
    let depth = 0;
    for (let i = at + 1; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) {
        out.push(text.slice(at + 7, i).trim());
        break;
      }
    }
  }
  return out;
}

const RULE = /^([^\s:=#][^:=#]*?)\s*::?(?!=)\s*([^=;#]*?)\s*(?:;\s*(.*))?$/;
const ASSIGN = /^(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?::{1,3}=|\?=|\+=|!=|=)\s*(.*)$/;
/** `VAR != CMD` (GNU make 4): CMD runs through the shell when the makefile is read. */
const SHELL_ASSIGN = /^(?:export\s+|override\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*!=\s*(.*)$/;

export function parseMakefile(text: string): Makefile {
  const mk: Makefile = { rules: new Map(), vars: new Map(), readTime: [] };
  let current: string[] = [];
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const line of lines.slice(0, 4096)) {
    if (line.startsWith('\t')) {
      for (const t of current) mk.rules.get(t)?.recipe.push(line.slice(1));
      continue;
    }
    const bare = line.replace(/#.*$/, '');
    if (!bare.trim()) continue;
    const assign = ASSIGN.exec(bare.trim());
    const colon = bare.search(/:(?!:*=)/);
    if (mk.readTime.length < MAX_READ_TIME) {
      const shellAssign = SHELL_ASSIGN.exec(bare.trim());
      if (shellAssign) mk.readTime.push(shellAssign[1].trim());
      mk.readTime.push(...shellCalls(bare));
    }
    if (assign && (colon === -1 || bare.indexOf('=') < colon)) {
      mk.vars.set(assign[1], assign[2].trim());
      current = [];
      continue;
    }
    const rule = RULE.exec(bare.trim());
    if (!rule) {
      current = [];
      continue;
    }
    const targets = rule[1].split(/\s+/).filter((t) => t && !t.includes('%'));
    current = [];
    for (const t of targets) {
      if (t.startsWith('.')) continue;
      if (!mk.rules.has(t)) mk.rules.set(t, { deps: [], recipe: [] });
      const r = mk.rules.get(t)!;
      r.deps.push(...rule[2].split(/\s+/).filter(Boolean));
      if (rule[3]) r.recipe.push(rule[3]);
      mk.first ??= t;
      current.push(t);
    }
  }
  return mk;
}

/** A recipe's own names for its automatic variables: `$@` its target, `$<` its first prerequisite, `$^` all. */
interface RuleNames {
  target: string;
  deps: readonly string[];
}
/** Make's automatic variables (`$@`, `$<`, `$^`, `$?`, `$*`, `$+`, `$|`, `$%`), and their `D`/`F` forms in parentheses. */
const AUTOMATIC = /^[@<^?*+|%][DF]?$/;
const MAKE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * A recipe line as the shell gets it: make's `$(VAR)` / `${VAR}` from the Makefile's own definitions (else the
 * environment's, as make reads them), its automatic variables from the rule, `$$` a shell `$`. What make computes
 * (`$(if …)`, `$(patsubst …)`, a `$(VAR:a=b)` reference, `$(@D)`) is a value known only at run time, and the commands
 * `$(shell …)` runs are added to `runs`: make runs them when it expands the line.
 */
function expandMake(line: string, vars: Map<string, string>, rule?: RuleNames, runs?: string[], depth = 0): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const n = line[i + 1];
    if (c !== '$' || n === undefined) out += c;
    else if (n === '$') {
      out += '$';
      i++;
    } else if (n === '(' || n === '{') {
      const close = n === '(' ? ')' : '}';
      let j = i + 1;
      for (let d = 0; j < line.length; j++) {
        if (line[j] === n) d++;
        else if (line[j] === close && --d === 0) break;
      }
      if (j >= line.length) return out + line.slice(i);
      out += makeReference(line.slice(i + 2, j), vars, rule, runs, depth);
      i = j;
    } else {
      out += makeReference(n, vars, rule, runs, depth);
      i++;
    }
  }
  return out;
}

function makeReference(inner: string, vars: Map<string, string>, rule?: RuleNames, runs?: string[], depth = 0): string {
  if (inner === 'MAKE') return 'make';
  if (MAKE_NAME.test(inner)) {
    const v = vars.get(inner);
    if (v === undefined) return /^[A-Za-z_][A-Za-z0-9_]*$/.test(inner) ? '${' + inner + '}' : RUNTIME_VALUE_WORD;
    return depth < 4 ? expandMake(v, vars, rule, runs, depth + 1) : v;
  }
  if (AUTOMATIC.test(inner)) return automaticValue(inner, rule);
  if (runs && depth < 4)
    for (const cmd of shellCalls('$(' + inner + ')'))
      if (runs.length < MAX_READ_TIME) runs.push(expandMake(cmd, vars, rule, undefined, depth + 1));
  return RUNTIME_VALUE_WORD;
}

/** `$@` the target, `$<` the first prerequisite, `$^` `$+` `$?` all of them, as far as the rule names them. */
function automaticValue(name: string, rule?: RuleNames): string {
  const deps = rule?.deps.filter((d) => !d.includes('$')) ?? [];
  if (name === '@' && rule) return shellWord(rule.target);
  if (name === '<' && deps.length) return shellWord(deps[0]);
  if ((name === '^' || name === '+' || name === '?') && deps.length) return deps.map(shellWord).join(' ');
  return RUNTIME_VALUE_WORD;
}

/** The recipes `make ARGS` runs, in order (dependencies first), as shell text. */
/** A SHELL that is a shell: `/bin/sh`, `bash`, `/usr/bin/env bash`. */
const PLAIN_SHELL = /^(?:(?:\/usr)?\/bin\/)?(?:env\s+)?(?:(?:\/usr)?\/bin\/)?(?:ba|da|z|k|mk)?sh$/;

export function unwrapMake(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  // On another machine (`ssh host make`) the Makefile is that machine's, not this one's.
  if (scope.remote) return undefined;
  const argv = p.argv;
  let dir: string | undefined;
  let file: string | undefined;
  // The word that names the makefile (`-f`'s value, or `--file=…` whole): a process substitution is replaced there.
  let fileAt = -1;
  let dirAt = -1;
  const goals: string[] = [];
  const runTimeGoals: string[] = [];
  const overrides = new Map<string, string>();
  // `--eval TEXT` (`-E`): makefile text given on the command line, read after the makefiles.
  const evals: string[] = [];
  // A dry run, a question or a touch still reads the makefile, and still runs what make runs regardless (RUNS_ANYWAY).
  let dry = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--eval' || a === '-E') {
      evals.push(argv[++i] ?? '');
      continue;
    }
    if (a.startsWith('--eval=')) {
      evals.push(a.slice(7));
      continue;
    }
    if (a === '-C' || a === '--directory') {
      dir = argv[++i];
      dirAt = i;
      continue;
    }
    if (a === '-f' || a === '--file' || a === '--makefile') {
      file = argv[++i];
      fileAt = i;
      continue;
    }
    if (a.startsWith('--directory=')) {
      dir = a.slice(12);
      dirAt = i;
      continue;
    }
    if (a.startsWith('--file=') || a.startsWith('--makefile=')) {
      // `--file=<(CMD)` reaches here as two words: a process substitution starts a word of its own.
      const split = a.endsWith('=') && /^<\(/.test(argv[i + 1] ?? '');
      if (split) i++;
      file = split ? argv[i] : a.slice(a.indexOf('=') + 1);
      fileAt = i;
      continue;
    }
    // `-Cdir`, `-fFILE`: the value written against the option.
    if (/^-[Cf]./.test(a)) {
      if (a[1] === 'C') {
        dir = a.slice(2);
        dirAt = i;
      } else {
        file = a.slice(2);
        fileAt = i;
      }
      continue;
    }
    // `-qp`, `-ns`: single-letter options run together, none taking a value.
    if (DRY_RUN.has(a) || (/^-[a-zA-Z]{2,}$/.test(a) && !/[CfjloWIOE]/.test(a) && /[nqt]/.test(a))) {
      dry = true;
      continue;
    }
    if (a.startsWith('-')) {
      if (VALUE_OPTS.includes(a)) i++;
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) {
      overrides.set(a.slice(0, eq), a.slice(eq + 1));
      continue;
    }
    goals.push(a);
    if (p.dynamic[i]) runTimeGoals.push(a);
  }
  const cwd = dir ? path.resolve(scope.cwd, dir) : scope.cwd;
  const names = file ? [file] : ['GNUmakefile', 'makefile', 'Makefile'];
  let text: string | undefined;
  // `make -f <(CMD)`, `make --file=<(CMD)` read what CMD prints: the same as `CMD | make -f -`.
  const proc = file !== undefined ? /^<\((.*)\)$/s.exec(file) : null;
  if (proc && p.dynamic[fileAt] && !p.stdinFrom && p.stdin === undefined) {
    // The option before the substitution, when it was `--file=`, becomes `-f`: `--file= -` would name no makefile.
    const word = (a: string, k: number) => (k === fileAt ? '-' : k === fileAt - 1 && a.endsWith('=') ? '-f' : a);
    return {
      kind: 'script',
      text: `${proc[1]} | ${argv.map((a, k) => shellWord(word(a, k))).join(' ')}`,
      via: 'make -f',
    };
  }
  // `make -C "$D"`, `make -f "$F"`: the makefile read is one named only at run time, unread here.
  if ((dir !== undefined && p.dynamic[dirAt]) || (file !== undefined && !proc && p.dynamic[fileAt]))
    return unreadRunnerFolder(
      w,
      dir !== undefined && p.dynamic[dirAt] ? 'make -C' : 'make -f',
      'names a makefile known only at run time',
    );
  if (file !== undefined && STDIN_FILES.has(file)) {
    // `make -f - <<< TEXT`, `printf … | make -f /dev/stdin`: the makefile comes on stdin.
    text = p.stdin;
    if (text === undefined) return codeFromStdin(p, 'make -f -', w, () => undefined);
  } else {
    for (const n of names) {
      text = w.ctx.readFile(path.resolve(cwd, n), cwd);
      if (text !== undefined) break;
    }
  }
  if (text === undefined && !evals.length && ![...overrides.values()].some((v) => v.includes('$(shell')))
    return undefined;
  const mk = parseMakefile([text ?? '', ...evals].join('\n'));
  for (const [k, v] of overrides) {
    mk.vars.set(k, v);
    mk.readTime.push(...shellCalls(v));
  }
  // `make "$T"`: every target the word could name is read; more than are read asks.
  for (const g of runTimeGoals) {
    // A special target (`.PHONY`) is no goal; a pattern rule's (`%.o`) recipe is read as the rule it is.
    const targets = [...mk.rules.keys()].filter((t) => !t.startsWith('.'));
    goals.splice(goals.indexOf(g), 1, ...candidateNames(w, 'make', g, targets, 'runs the target'));
  }
  const wanted = goals.length || runTimeGoals.length ? goals : mk.first ? [mk.first] : [];
  const lines: string[] = [];
  const seen = new Set<string>();
  let unread = false;
  const visit = (t: string, depth: number): void => {
    if (seen.has(t)) return;
    const rule = mk.rules.get(t);
    if (seen.size >= MAX_TARGETS || depth > 8) {
      unread ||= rule !== undefined;
      return;
    }
    seen.add(t);
    if (!rule) return;
    for (const d of rule.deps) visit(d, depth + 1);
    for (const r of rule.recipe) {
      if (dry && !RUNS_ANYWAY.test(r)) continue;
      const runs: string[] = [];
      const line = expandMake(r.replace(/^[@+-]+\s*/, ''), mk.vars, { target: t, deps: rule.deps }, runs);
      lines.push(...runs, line);
    }
  };
  for (const g of wanted) visit(g, 0);
  // A target past the bound runs unread: never quietly.
  if (unread) w.addFinding(pastTargets(`make ${wanted.join(' ')}`.trim(), MAX_TARGETS));
  // What make runs while reading comes first, whatever the goal.
  lines.unshift(...mk.readTime.map((c) => expandMake(c, mk.vars)));
  // SHELL (set in the makefile or on the line) is the program each recipe line is handed to: judged as it runs.
  const shell = mk.vars.get('SHELL');
  if (shell !== undefined && lines.length && !PLAIN_SHELL.test(shell.trim()))
    lines.unshift(`${expandMake(shell, mk.vars)} -c :`);
  if (lines.length === 0) return undefined;
  return {
    kind: 'script',
    text: lines.join('\n'),
    via: `make ${wanted.join(' ')}`.trim(),
    lenient: true,
    alsoEmit: true,
    ...(dir ? { cwd: dir } : {}),
    // A value make computes is read as a variable the shell cannot know, whatever the environment sets.
    ...(lines.some((l) => l.includes(RUNTIME_VALUE_NAME)) ? { env: withRuntimeValue(p.env) } : {}),
  };
}
