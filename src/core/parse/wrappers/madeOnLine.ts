// What an earlier command on the same line may have made or changed before a
// runner reads its source: a file or package folder missing now that the
// line makes (`git clone … x && go run ./x`), one fetched or copied over
// (`curl -o a.exs … && elixir a.exs`), one written with text not known before
// the line runs (`echo "$CODE" > a.py`). Its text on disk now is not what
// runs, so the call is asked about. Files written with known text are read
// as written (normalize/index.ts lineContext); a file missing before a line
// that makes nothing stays missing and the runner fails.
import * as path from 'node:path';
import { compiledSource } from './compiledOutput';
import { installedByLine } from './packageInstalls';
import type { Pending, Scope, Walker } from '../normalize/scope';
import type { SimpleCommand } from '../../types';
import { hasFlag } from '../../command/args';
import { tarCall } from '../../command/tarCall';
import { interpreterOf } from '../interpreters';
import { noteUnreadScript, noteUnreadTarget, unreadLargeFile } from './common';
import { copied, COPIERS, extractionFolder, onlyReads, within } from './lineChanges';
import { gitLeaves, gitLeavesWhat } from './gitByPath';
import { runsOnlyAfter } from '../normalize/chains';

/**
 * Commands that make no file but the targets of their redirections, which the line keeps (normalize/output.ts
 * rememberWrite): after only these, a file missing now is still missing when the runner starts.
 */
const MAKES_NOTHING = new Set([
  'chmod',
  'touch',
  'cd',
  'pushd',
  'popd',
  'mkdir',
  'cat',
  'printf',
  'echo',
  'pwd',
  'ls',
  'true',
  ':',
  'test',
  '[',
  // Readers that print and never write a file (not `sort -o`, `uniq IN OUT`, `file -C`, `rg --pre`).
  'head',
  'tail',
  'wc',
  'grep',
  'egrep',
  'fgrep',
  'cut',
  'tr',
  'stat',
  'du',
  'df',
  'sha256sum',
  'sha1sum',
  'md5sum',
  'basename',
  'dirname',
  'realpath',
  'readlink',
  'which',
  'whoami',
  'id',
  'uname',
  // Process control: `trap 'kill 0' EXIT`, `sleep 2`, `wait` start no program that writes.
  'kill',
  'trap',
  'wait',
  'sleep',
  // Shell state only: `set -a && . .env`, `deactivate; source .venv/bin/activate` write no file.
  'set',
  'unset',
  'shopt',
  'umask',
  'deactivate',
]);

/** Go's own steps that write no source (`go generate` does). */
const GO_MAKES_NO_SOURCE = new Set(['build', 'vet', 'test', 'mod', 'fmt', 'version', 'env', 'list', 'install']);

/** Whether the command makes no file but its redirections' targets: after only such commands, a file missing now is still missing. */
export function makesNothing(c: SimpleCommand): boolean {
  if (c.dynamic[0]) return false;
  const prog = path.basename(c.argv[0] ?? '');
  return (
    MAKES_NOTHING.has(prog) || (prog === 'go' && GO_MAKES_NO_SOURCE.has(c.argv[1] ?? '')) || listsArchive(prog, c.argv)
  );
}

/**
 * Whether the command makes no folder: it writes no file but its redirections' targets, or only reads the files it
 * names (`git status`, `jq . package.json`). After only such commands a folder missing now is still missing.
 */
export function makesNoFolder(c: SimpleCommand): boolean {
  return makesNothing(c) || onlyReads(c);
}

/** An archive tool that only lists or tests (`tar -tf x.tar`, `unzip -l x.zip`, `7z l x.7z`) before the line extracts it. */
function listsArchive(prog: string, argv: readonly string[]): boolean {
  if (prog === 'tar' || prog === 'gtar' || prog === 'bsdtar') return tarCall(argv).mode === 't';
  if (prog === 'unzip') return hasFlag(argv, ['-l', '-t', '-v', '-Z']);
  if (prog === 'zipinfo') return true;
  return /^7z[arz]?$/.test(prog) && (argv[1] === 'l' || argv[1] === 't');
}

/**
 * The commands earlier on the line, not the wrappers of this one (`uv run x.py`, `sudo python x.py` name the file
 * too), nor the lines its own options hold, read just before it (`node --import 'data:…' app.js`, sideCommands.ts).
 */
function earlier(w: Walker, p: Pending): SimpleCommand[] {
  const own = `${path.basename(p.argv[0] ?? '')} option`;
  return w.out.filter((c) => c.source !== p.source && c.via[c.via.length - 1] !== own);
}

/** The commands earlier on the line that may write a file. */
export function earlierMakers(w: Walker, p: Pending): SimpleCommand[] {
  return earlier(w, p).filter((c) => !makesNothing(c));
}

/** Whether a command earlier on the line may have made a file the runner then runs. */
export function madeBefore(w: Walker, p: Pending): boolean {
  return earlier(w, p).some((c) => !makesNothing(c));
}

/** Shells that run the script they are given first. */
const RUNS_SCRIPT = /^(?:ba|z|da|k)?sh$/;

/** Commands that copy, fetch or unpack into a folder they are given (`cp x.go src/`, `tar -xf a.tar -C src`). */
const INTO_FOLDER = new Set([
  'cp',
  'mv',
  'rsync',
  'install',
  'ln',
  'scp',
  'tar',
  'unzip',
  '7z',
  'ditto',
  'curl',
  'wget',
]);

/** How `namedBefore` reads the earlier commands' words. */
export interface NamedOptions {
  /**
   * Any word may name the file, not only a path-like one (`cp /bin/rm d`, `dd of=d`), an interpreter's script too,
   * in the line's last commands; `skip` leaves out commands whose words name what they read (a compiler's sources).
   */
  anyWord?: boolean;
  skip?: (prog: string) => boolean;
  /** Commands whose writes to the file are known to be harmless (an environment maker's own activate script). */
  own?: (c: SimpleCommand) => boolean;
  /** The folder is read with every folder below it: a copy of unknown names into one of those lands in it too. */
  tree?: boolean;
}

/** Earlier commands looked at for any word naming a file, at most. */
const MAX_EARLIER_ANY = 64;
/** Words of one earlier command looked at, at most. */
const MAX_WORDS = 256;

/**
 * Whether a literal word of `c` names a path `hit` matches, whatever the word looks like (`cp /bin/rm d`, `dd of=d`,
 * `--output=d`): an option's `-x=` and dd's `if=`/`of=` are dropped first.
 */
export function namesAnyWord(c: SimpleCommand, hit: (abs: string) => boolean): boolean {
  for (let k = 1; k < c.argv.length && k < MAX_WORDS; k++)
    if (!c.dynamic[k] && hit(path.resolve(c.cwd, c.argv[k].replace(/^-[\w-]+=|^(?:if|of)=/, '')))) return true;
  return false;
}

/**
 * Whether an earlier command on the line that may write files names a path `hit` matches (`curl -o src/a.go`,
 * `sed -i … a.py`, `dd of=a.py`), or, one that copies into a folder, `folder` itself (`cp x.exs ./`), or unpacks an
 * archive over `folder` (`tar -xf a.tar`); a linter given the folder (`ruff check .`) writes no source there, and a
 * reader (`shellcheck a.sh`, `git diff a.py`) none at all.
 */
export function namedBefore(
  w: Walker,
  p: Pending,
  hit: (abs: string) => boolean,
  folder: string,
  opts: NamedOptions = {},
): boolean {
  const all = opts.anyWord ? w.out.filter((c) => c.source !== p.source).slice(-MAX_EARLIER_ANY) : earlier(w, p);
  for (const c of all) {
    const prog = path.basename(c.argv[0] ?? '');
    if (makesNothing(c) || onlyReads(c) || opts.skip?.(prog) || opts.own?.(c)) continue;
    // What an archive holds is not read here: any file below the folder it lands in may be one of its members.
    const into = folder ? extractionFolder(c) : undefined;
    if (into !== undefined && within(into, folder)) return true;
    // A copy writes its destination, not its sources; a folder's files land below it under names not known here.
    if (COPIERS.has(prog)) {
      const lands = (x: string) => within(x, folder) || (opts.tree === true && within(folder, x));
      if (copied(c, w.ctx.stat).some((x) => (x.anyName ? folder !== '' && lands(x.abs) : hit(x.abs)))) return true;
      continue;
    }
    if (opts.anyWord) {
      if (namesAnyWord(c, hit)) return true;
      continue;
    }
    const copier = INTO_FOLDER.has(prog);
    // The script an interpreter ran (`python manage.py makemigrations && python manage.py migrate`): read, not written.
    const ranScript = (interpreterOf(prog) !== undefined || RUNS_SCRIPT.test(prog)) && !c.argv[1]?.startsWith('-');
    for (let k = ranScript ? 2 : 1; k < c.argv.length && k < MAX_WORDS; k++) {
      const a = c.argv[k];
      if (c.dynamic[k]) continue;
      // Path-like words only (a folder, a name with an extension): `go mod tidy` names no file; Go package patterns (`./...`) are read, not written.
      const word = a.replace(/^(?:-[\w-]+|of)=/, '');
      if (word.includes('...') || !(word.includes('/') || word === '.' || /\.\w+$/.test(word))) continue;
      const t = path.resolve(c.cwd, word);
      if (hit(t) || (copier && t === folder)) return true;
    }
  }
  return false;
}

export function unknownSource(w: Walker, via: string, target: string, what: string): void {
  noteUnreadTarget(w, target);
  w.addFinding({
    id: 'parse.too-complex',
    summary: `\`${via}\` runs ${target}, ${what}: what it runs was not judged, so a human must look at it`,
    target,
    severity: 60,
    alternative: 'make the file in one command, read it, then run it in the next',
  });
}

/**
 * The text of a script or source file a runner is about to run, or undefined when there is none to read (missing,
 * too large, unreadable), with a finding where what runs cannot be known before the command runs. `named`: also ask
 * when an earlier command on the line names the file or copies into its folder (`cp x.exs ./`); a package folder
 * checks that once for all its files.
 */
export function readBeforeRun(
  file: string,
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
  named = true,
  own?: NamedOptions['own'],
): string | undefined {
  const abs = path.resolve(scope.cwd, file);
  // `git checkout evil && sh run.sh`: it runs as git leaves it (gitByPath.ts).
  const unread = gitLeaves(file, p, scope, w);
  if (unread) {
    unknownSource(w, via, file, gitLeavesWhat(unread));
    return undefined;
  }
  // Written earlier on the line with unknown text: the copy on disk is not the one that runs.
  if (w.writtenUnknown.has(abs)) {
    unknownSource(w, via, file, 'a file written earlier on the line with text not known before it runs');
    return undefined;
  }
  // `cp .env.example .env && source .env`: what runs is the copy's source, read where it is now, when the copy
  // runs first; one that may fail (`cp a b; sh b`) leaves the disk's text, and asks below.
  const copy = named ? copyOnLine(abs, w) : undefined;
  if (copy && runsOnlyAfter(copy.c, w)) {
    const skip = (prog: string) => COPIERS.has(prog);
    if (changedBefore(file, scope, w, p, via, skip, own) || changedBefore(copy.from, scope, w, p, via, skip, own))
      return undefined;
    const source = w.ctx.readFile(copy.from, scope.cwd);
    if (source === undefined) unknownSource(w, via, file, 'a copy of a file whose text cannot be read before it runs');
    return source;
  }
  const text = w.ctx.readFile(file, scope.cwd);
  if (text === undefined) {
    const st = w.ctx.stat?.(abs);
    if (unreadLargeFile(file, scope, w)) noteUnreadScript(file, text, scope, w, via);
    else if (st?.isFile === true || (!st && earlier(w, p).some((c) => !makesNothing(c) && !own?.(c)))) {
      const makers = st ? [] : earlier(w, p).filter((c) => !makesNothing(c) && !own?.(c));
      // `npm ci && node node_modules/typescript/bin/tsc`: a package's own code, as its bin is.
      if (!st && installedByLine(abs, makers, w)) return undefined;
      // `tsc && node dist/index.js`: the source it compiles from is what runs.
      const compiled = st ? undefined : compiledSource(abs, makers, w);
      if (compiled !== undefined) return compiled;
      unknownSource(w, via, file, 'a file whose text cannot be read before it runs');
    }
    return undefined;
  }
  return named && changedBefore(file, scope, w, p, via, undefined, own) ? undefined : text;
}

/** Earlier commands on the line looked at for a copy landing at a file, at most. */
const MAX_EARLIER_COPIES = 64;

/** The copy an earlier command on the line lands at `file` (`cp a.sh run.sh`), with its source; the latest one. */
export function copyOnLine(file: string, w: Walker): { from: string; c: SimpleCommand } | undefined {
  const out = w.out;
  const name = path.basename(file);
  for (let i = out.length - 1; i >= 0 && i >= out.length - MAX_EARLIER_COPIES; i--) {
    const c = out[i];
    if (!COPIERS.has(path.basename(c.argv[0] ?? '')) || c.dynamic.includes(true)) continue;
    // A copy lands at `file` under its own name or the source's: a call naming neither is not looked at on disk (each
    // look is repeated for every line a batch answers again).
    if (!c.argv.some((a) => a.endsWith(name))) continue;
    const hit = copied(c, w.ctx.stat).find((x) => !x.anyName && x.abs === file);
    if (hit?.from !== undefined) return { from: hit.from, c };
  }
  return undefined;
}

/**
 * Whether an earlier command on the line may change a file before it runs (names it, copies or unpacks into its
 * folder), asked about when so; `skip` leaves out commands whose writes are judged otherwise.
 */
export function changedBefore(
  file: string,
  scope: Scope,
  w: Walker,
  p: Pending,
  via: string,
  skip?: NamedOptions['skip'],
  own?: NamedOptions['own'],
): boolean {
  const abs = path.resolve(scope.cwd, file);
  if (!namedBefore(w, p, (t) => t === abs, path.dirname(abs), { skip, own })) return false;
  unknownSource(
    w,
    via,
    file,
    'a file an earlier command on the line may change (writes, edits, fetches, copies or unpacks over it)',
  );
  return true;
}
