// The batch renamers: util-linux's `rename FROM TO FILE…` (`rename.ul` on
// Debian) and Perl's `rename 'EXPR' FILE…` (`file-rename`, `prename`,
// `perl-rename`). Each renames every FILE, so each is judged as the `mv` of
// that FILE it amounts to: moving a protected file away (a hook file, the
// guard's launcher) disarms what reads it, whatever the new name. util-linux's
// new name is worked out as it does it; Perl's is code, known only when it
// runs, and that code is judged as the `perl -e` it is (`s/x/y/e`, `system`).
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import type { Wrapper } from './common';

/** Options only util-linux's rename has: with one of them, `rename` is that one. */
const UTIL_ONLY = /^(?:-[vnoislahV]*[osila][vnoislahV]*|--(?:no-overwrite|interactive|symlink|last|all))$/;
/** Options only Perl's rename has. */
const PERL_ONLY =
  /^(?:-[vn0fdum]*[0fdu][vn0fdum]*|-[eE].*|--(?:force|nopath|filename|nofullpath|path|fullpath|unicode|null|nono)|--(?:e|E|expr)=.*)$/;

/** Most files of one call judged one by one; a longer list names no more kinds of place than these. */
const MAX_FILES = 256;

/** A first word that reads as Perl code rather than a plain piece of a name (`s/a/b/`, `y/A-Z/a-z/`, `$_=lc`). */
const PERL_LOOKING = /^\s*(?:s|y|tr|m)\s*[^\w\s]|[^\w.,:+@%=~-]/;

/**
 * Perl built-ins that act on files or run programs, written bare in a first word that otherwise reads as a piece of a
 * name (`rename unlink x FILE`): Perl's rename would run them on each file, so that reading is judged too.
 */
const PERL_ACTS =
  /(?:^|[^\w])(?:unlink|rename|rmdir|mkdir|chmod|chown|truncate|utime|link|symlink|system|exec|open|qx|eval|do|require|kill)(?:[^\w]|$)/;

interface Words {
  positionals: number[];
  flags: string[];
  /** Perl expressions given by `-e`/`-E`, as word indexes. */
  exprs: number[];
}

function readWords(p: Pending): Words {
  const out: Words = { positionals: [], flags: [], exprs: [] };
  const argv = p.argv;
  let options = true;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (!options || p.dynamic[i] || a === '-' || !a.startsWith('-')) out.positionals.push(i);
    else if (a === '--') options = false;
    else if (a === '-e' || a === '-E' || a === '--expr') {
      out.flags.push(a);
      if (i + 1 < argv.length) out.exprs.push(++i);
    } else {
      out.flags.push(a);
      // `-u ENCODING`: Perl rename's optional value, a bare encoding name.
      if ((a === '-u' || a === '--unicode') && /^[A-Za-z][\w-]*$/.test(argv[i + 1] ?? '') && i + 2 < argv.length) i++;
    }
  }
  return out;
}

/** Which renamer the call is: the name says, or its options; a plain `rename` with neither may be either. */
function dialects(prog: string, words: Words, first: string | undefined): { util: boolean; perl: boolean } {
  if (prog === 'rename.ul') return { util: true, perl: false };
  if (prog !== 'rename') return { util: false, perl: true };
  if (words.flags.some((f) => PERL_ONLY.test(f))) return { util: false, perl: true };
  if (words.flags.some((f) => UTIL_ONLY.test(f))) return { util: true, perl: false };
  // util-linux needs FROM, TO and a file; Perl's code may do anything (`unlink` removes each file named).
  const util = words.positionals.length >= 3 && !(first !== undefined && PERL_LOOKING.test(first));
  return { util, perl: !util || PERL_ACTS.test(first ?? '') };
}

/** util-linux's new name: FROM replaced once (the last with `-l`, each with `-a`) in the name, or the path when either has a `/`. */
function utilNewName(file: string, from: string, to: string, last: boolean, all: boolean): string | undefined {
  const whole = from.includes('/') || to.includes('/');
  const cut = whole ? 0 : file.lastIndexOf('/') + 1;
  const head = file.slice(0, cut);
  const name = file.slice(cut);
  if (from === '' || !name.includes(from)) return undefined;
  if (all) return head + name.split(from).join(to);
  const at = last ? name.lastIndexOf(from) : name.indexOf(from);
  return head + name.slice(0, at) + to + name.slice(at + from.length);
}

/**
 * Perl's new name where the expression is a plain substitution (`s/\.txt$/.md/`, flags `g` and `i` at most, a
 * replacement of plain text, a pattern JavaScript reads the same): worked out on the word as written (a glob's text
 * too, `*.txt` → `*.md`). Undefined for any other code: the name is known only when it runs.
 */
function perlNewName(expr: string, word: string, nameOnly: boolean): string | undefined {
  const cut = nameOnly ? word.lastIndexOf('/') + 1 : 0;
  const tr = /^(?:y|tr)([^\w\s\\({[<])([\w.-]*)\1([\w.-]*)\1$/.exec(expr);
  if (tr) return word.slice(0, cut) + transliterate(word.slice(cut), tr[2], tr[3]);
  const delim = /^s([^\w\s\\({[<])/.exec(expr)?.[1];
  if (delim === undefined) return undefined;
  const parts: string[] = [''];
  for (let i = 2; i < expr.length && parts.length <= 3; i++) {
    if (expr[i] === '\\' && expr[i + 1] === delim) parts[parts.length - 1] += expr[++i];
    else if (expr[i] === '\\' && i + 1 < expr.length) parts[parts.length - 1] += expr[i] + expr[++i];
    else if (expr[i] === delim) parts.push('');
    else parts[parts.length - 1] += expr[i];
  }
  if (parts.length !== 3 || !/^[gi]*$/.test(parts[2])) return undefined;
  const [pattern, replacement, flags] = parts;
  // Perl-only pattern syntax (\Q, \A, \z, (?{…}), POSIX classes) and a replacement that interpolates or escapes.
  if (/\\[AzZGQEKlLuUNpPXRhHvV]|\(\?(?!:)|\[:/.test(pattern) || /[$@\\]/.test(replacement)) return undefined;
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags.includes('i') ? (flags.includes('g') ? 'gi' : 'i') : flags.includes('g') ? 'g' : '');
  } catch {
    return undefined;
  }
  return word.slice(0, cut) + word.slice(cut).replace(re, replacement);
}

/** Perl's `tr/SEARCH/REPLACE/` on plain characters and ranges: a shorter REPLACE repeats its last character. */
function transliterate(text: string, search: string, replace: string): string {
  const spread = (list: string): string[] => {
    const out: string[] = [];
    for (let i = 0; i < list.length && out.length < 512; i++) {
      if (list[i + 1] === '-' && i + 2 < list.length) {
        for (let c = list.charCodeAt(i); c <= list.charCodeAt(i + 2) && out.length < 512; c++)
          out.push(String.fromCharCode(c));
        i += 2;
      } else out.push(list[i]);
    }
    return out;
  };
  const from = spread(search);
  const to = replace ? spread(replace) : from;
  let out = '';
  for (const ch of text) {
    const at = from.indexOf(ch);
    out += at === -1 ? ch : (to[Math.min(at, to.length - 1)] ?? ch);
  }
  return out;
}

/** `mv -- FILE NEW`, one per file, judged as the move it is; NEW is known only at run time when undefined. */
function emitMove(p: Pending, i: number, to: string | undefined, scope: Scope, w: Walker, via: string): void {
  const dest = to ?? '$RENAMED';
  w.emit(
    {
      argv: ['mv', '--', p.argv[i], dest],
      dynamic: [false, false, p.dynamic[i], to === undefined || p.dynamic[i]],
      redirects: [],
      env: p.env,
      source: p.source,
    },
    { ...scope, depth: scope.depth + 1, via: [...scope.via, via] },
  );
}

/** `rename …` and its kin: each FILE judged as moved, and Perl's expression as the code it is. */
export const readRename: Wrapper = (p, scope, w, prog) => {
  const words = readWords(p);
  const flags = words.flags.join(' ');
  // `-n`/`--no-act` (Perl's `--nono` too) only prints what would be renamed; help and version rename nothing.
  if (/(?:^|\s)(?:-[a-zA-Z0]*[nhV][a-zA-Z0]*|--(?:no-act|nono|help|version))(?:\s|$)/.test(flags)) return undefined;
  const pos = words.positionals;
  const first = pos.length ? p.argv[pos[0]] : undefined;
  const { util, perl } = dialects(prog, words, words.exprs.length ? undefined : first);
  const via = prog;
  let judged = 0;
  if (util && pos.length >= 3) {
    const [from, to] = [p.argv[pos[0]], p.argv[pos[1]]];
    const known = !p.dynamic[pos[0]] && !p.dynamic[pos[1]];
    const symlink = /(?:^|\s)(?:-[a-zA-Z]*s[a-zA-Z]*|--symlink)(?:\s|$)/.test(flags);
    const last = /(?:^|\s)(?:-[a-zA-Z]*l[a-zA-Z]*|--last)(?:\s|$)/.test(flags);
    const all = /(?:^|\s)(?:-[a-zA-Z]*a[a-zA-Z]*|--all)(?:\s|$)/.test(flags);
    for (const i of pos.slice(2, 2 + MAX_FILES)) {
      judged++;
      if (symlink) {
        // `-s`: the link stays where it is and is made to lead elsewhere, a rewrite of the link.
        w.emit(
          {
            argv: ['ln', '-sfn', '--', '$RENAMED', p.argv[i]],
            dynamic: [false, false, false, true, p.dynamic[i]],
            redirects: [],
            env: p.env,
            source: p.source,
          },
          { ...scope, depth: scope.depth + 1, via: [...scope.via, via] },
        );
        continue;
      }
      const next = known && !p.dynamic[i] ? utilNewName(p.argv[i], from, to, last, all) : undefined;
      // A name FROM is not in stays as it is; one not known before the line runs may become anything.
      if (next === undefined && known && !p.dynamic[i]) continue;
      emitMove(p, i, next, scope, w, via);
    }
  }
  if (perl) {
    const exprs = words.exprs.length ? words.exprs : pos.slice(0, 1);
    for (const e of exprs)
      w.emit(
        {
          argv: ['perl', '-e', p.argv[e]],
          dynamic: [false, false, p.dynamic[e]],
          redirects: [],
          env: p.env,
          source: p.source,
        },
        { ...scope, depth: scope.depth + 1, via: [...scope.via, via] },
      );
    const files = words.exprs.length ? pos : pos.slice(1);
    // With no file named, Perl's rename reads the names from its input: any file may be among them.
    if (!files.length && exprs.length) emitStdinMove(p, scope, w, via);
    const computable = exprs.length === 1 && !p.dynamic[exprs[0]] ? p.argv[exprs[0]] : undefined;
    const nameOnly = /(?:^|\s)(?:-[a-zA-Z0]*d[a-zA-Z0]*|--(?:filename|nopath|nofullpath))(?:\s|$)/.test(flags);
    for (const i of files.slice(0, MAX_FILES)) {
      judged++;
      const next = computable !== undefined && !p.dynamic[i] ? perlNewName(computable, p.argv[i], nameOnly) : undefined;
      // A name the substitution leaves alone is not renamed; a glob's text says nothing of the names it matches.
      if (next !== p.argv[i] || /[*?[]/.test(p.argv[i])) emitMove(p, i, next, scope, w, via);
    }
  }
  const named = util ? Math.max(0, pos.length - 2) : pos.length;
  if (named > MAX_FILES && judged >= MAX_FILES)
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        `\`${prog}\` renames more files than AgentGuard judges one by one (${MAX_FILES}): those past the bound were not judged, so a human must look at it`,
      ),
    );
  return undefined;
};

/** `find … | rename 's/x/y/'`: the names come from the input, known only when the line runs. */
function emitStdinMove(p: Pending, scope: Scope, w: Walker, via: string): void {
  w.emit(
    {
      argv: ['mv', '--', '$RENAMED_INPUT', '$RENAMED'],
      dynamic: [false, false, true, true],
      redirects: [],
      env: p.env,
      source: p.source,
    },
    { ...scope, depth: scope.depth + 1, via: [...scope.via, via] },
  );
}

/** Every name the batch renamers go by. */
export const RENAMERS: Readonly<Record<string, Wrapper>> = {
  rename: readRename,
  'rename.ul': readRename,
  'file-rename': readRename,
  prename: readRename,
  'perl-rename': readRename,
};
