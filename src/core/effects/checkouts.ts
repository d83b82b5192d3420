// Where a repository checkout lands. `git clone URL DIR` writes nothing the
// command line shows: it writes a whole tree, chosen by whoever controls the
// remote, below DIR (or below a folder named after the repository). So a
// clone into AgentGuard's state folder, or into a folder above it, plants
// files there exactly as `cp -r` would; the contents cannot be read before
// the command runs, so they land as unknown.
import * as path from 'node:path';
import { optionValues, positionals } from '../command/args';
import { readGlobalOptions } from '../command/globalOptions';
import { homeOf, resolveWord } from '../command/paths';
import type { AnalysisContext, SimpleCommand } from '../types';
import { GIT_CHECKOUT_VALUE_OPTS } from '../command/valueOptions';

const posix = path.posix;

/** A checkout's landing: the folder its tree is written below; what lands is unknown. */
export interface CheckoutLanding {
  at: string;
  from?: string;
}

// Options that take the next word as their value, per checkout form.
const GIT_CLONE_VALUES = [
  '-o',
  '--origin',
  '-b',
  '--branch',
  '-u',
  '--upload-pack',
  '--reference',
  '--reference-if-able',
  '--separate-git-dir',
  '--depth',
  '--shallow-since',
  '--shallow-exclude',
  '-c',
  '--config',
  '--template',
  '-j',
  '--jobs',
  '--filter',
  '--server-option',
  '--bundle-uri',
  '--ref-format',
];
const GIT_WORKTREE_VALUES = ['-b', '-B', '--reason'];
const GIT_SUBMODULE_VALUES = ['-b', '--branch', '--name', '--reference', '--depth'];
const HG_CLONE_VALUES = ['-u', '--updaterev', '-r', '--rev', '-b', '--branch', '-e', '--ssh', '--remotecmd'];
const SVN_VALUES = [
  '-r',
  '--revision',
  '--depth',
  '--set-depth',
  '--username',
  '--password',
  '--config-dir',
  '--config-option',
];
const GH_CLONE_VALUES = ['-u', '--upstream-remote-name'];

/**
 * The folder a repository's name makes when no folder is given, as git and
 * hg name it: the last path part, without `.git` or a trailing `/`
 * (`https://host/x/y.git` and `git@host:x/y` → `y`).
 */
export function humanishName(source: string): string | undefined {
  const trimmed = source
    .replace(/[/\\]+$/, '')
    .replace(/\/\.git$/, '')
    .replace(/\.git$/, '')
    .replace(/\.bundle$/, '');
  const last = trimmed.split(/[/:\\]/).pop() ?? '';
  return last && last !== '.' && last !== '..' ? last : undefined;
}

/** `[SOURCE, DEST?]` of a clone-like command, or undefined when it names no source. */
function sourceAndDest(
  args: readonly string[],
  values: readonly string[],
): { source: string; dest?: string } | undefined {
  const pos = positionals(args, values, 0);
  if (pos.length === 0) return undefined;
  return { source: pos[0], dest: pos[1] ?? humanishName(pos[0]) };
}

/** Which checkout a command is, read past git's global options: the source and the folder word. */
function checkoutWords(argv: readonly string[]): { source?: string; dest?: string; gitDir?: string } | undefined {
  const name = argv[0];
  if (argv.includes('--help') || argv.includes('-h')) return undefined;
  if (name === 'git') {
    const bare = readGlobalOptions(argv, '/').bare ?? argv;
    const sub = bare[1];
    const rest = bare.slice(2);
    if (sub === 'clone') {
      const sd = sourceAndDest(rest, GIT_CLONE_VALUES);
      const sep = rest.indexOf('--separate-git-dir');
      const gitDir = sep >= 0 ? rest[sep + 1] : rest.find((a) => a.startsWith('--separate-git-dir='))?.slice(19);
      return sd && { ...sd, ...(gitDir ? { gitDir } : {}) };
    }
    if (sub === 'worktree' && rest[0] === 'add') {
      const dest = positionals(rest, GIT_WORKTREE_VALUES, 1)[0];
      return dest ? { dest } : undefined;
    }
    // `git format-patch -o DIR`: a file per commit, named after its subject (`--suffix` and `--numbered-files` choose
    // the rest of the name), lands below DIR: into an autostart or hooks folder as any unread file would.
    if (sub === 'format-patch') {
      const dest = optionValues(rest, ['-o', '--output-directory'], 0).pop();
      return dest ? { dest } : undefined;
    }
    // `git checkout-index --prefix=DIR/`: the index's files are written below DIR (the prefix is pasted before each
    // path, so without a final `/` they land beside it): into `.git/hooks` or the guard's folder as any unread file.
    if (sub === 'checkout-index') {
      const prefix = optionValues(rest, ['--prefix'], 0).pop();
      return prefix ? { dest: prefix.endsWith('/') ? prefix : posix.dirname(prefix + 'x') } : undefined;
    }
    if (sub === 'submodule' && rest.includes('add'))
      return sourceAndDest(rest.slice(rest.indexOf('add') + 1), GIT_SUBMODULE_VALUES);
    return undefined;
  }
  if (name === 'hg' && argv[1] === 'clone') return sourceAndDest(argv.slice(2), HG_CLONE_VALUES);
  if (name === 'svn' && (argv[1] === 'checkout' || argv[1] === 'co' || argv[1] === 'export'))
    return sourceAndDest(argv.slice(2), SVN_VALUES);
  if (name === 'gh' && argv[1] === 'repo' && argv[2] === 'clone') {
    // Everything after `--` goes to git clone; the folder is the second positional before it.
    const end = argv.indexOf('--');
    return sourceAndDest(argv.slice(3, end < 0 ? undefined : end), GH_CLONE_VALUES);
  }
  if (name === 'degit' || name === 'tiged') {
    const pos = positionals(argv.slice(1), ['--mode', '-m'], 0);
    return pos.length ? { source: pos[0], dest: pos[1] ?? '.' } : undefined;
  }
  return undefined;
}

/**
 * `git checkout REF -- PATH…`, `git restore --source=REF PATH…`: each path
 * is rewritten from another commit, a stash or a remote branch — a folder
 * (`.claude`, `.vscode`) with whatever that tree holds, as `cp -r` would.
 * Restored from the index (no source named), the files come back as the
 * repository already holds them: not counted.
 */
function pathCheckout(argv: readonly string[]): { source: string; paths: string[] } | undefined {
  if (argv[0] !== 'git') return undefined;
  const bare = readGlobalOptions(argv, '/').bare ?? argv;
  const sub = bare[1];
  const rest = bare.slice(2);
  if (rest.some((a) => a === '-p' || a === '--patch' || a === '-h' || a === '--help')) return undefined;
  const dashdash = rest.indexOf('--');
  const before = positionals(dashdash === -1 ? rest : rest.slice(0, dashdash), GIT_CHECKOUT_VALUE_OPTS, 0);
  const after = dashdash === -1 ? [] : rest.slice(dashdash + 1);
  if (sub === 'checkout') {
    if (rest.some((a) => a === '-b' || a === '-B' || a === '--orphan')) return undefined;
    const [source, ...paths] = before;
    if (source === undefined) return undefined;
    return { source, paths: [...paths, ...after] };
  }
  if (sub === 'restore') {
    if (rest.some((a) => a === '-S' || a === '--staged') && !rest.some((a) => a === '-W' || a === '--worktree'))
      return undefined;
    const i = rest.findIndex((a) => a === '-s' || a === '--source');
    const source =
      i >= 0
        ? rest[i + 1]
        : (rest.find((a) => a.startsWith('--source='))?.slice(9) ?? rest.find((a) => /^-s./.test(a))?.slice(2));
    return source === undefined ? undefined : { source, paths: [...before, ...after] };
  }
  return undefined;
}

/** The folders a checkout writes its tree below (git's `-C` folders honoured); none for any other command. */
export function checkoutLandings(cmd: SimpleCommand, ctx: AnalysisContext): CheckoutLanding[] {
  const restored = pathCheckout(cmd.argv);
  const words = restored ? undefined : checkoutWords(cmd.argv);
  if (!words?.dest && !restored?.paths.length) return [];
  const home = homeOf(cmd.env, ctx);
  let base = cmd.cwd;
  if (cmd.argv[0] === 'git') {
    for (let i = 1; i < cmd.argv.length - 1 && cmd.argv[i].startsWith('-'); i++) {
      if (cmd.argv[i] !== '-C') continue;
      const r = resolveWord(cmd.argv[i + 1], base, home);
      // A folder the engine cannot resolve: where the tree lands is unknown, and so is what it reaches.
      if (r.dynamic) return [];
      base = r.abs;
    }
  }
  const out: CheckoutLanding[] = [];
  if (restored) {
    for (const w of restored.paths) {
      // Pathspec magic (`:(glob)…`, `:/`) and globs reach files git matches: the fixed folder before them.
      const fixed = w.startsWith(':') ? '.' : w.split(/[*?[]/)[0];
      const word = fixed === w ? w : posix.dirname(fixed + 'x');
      const r = resolveWord(word, base, home);
      if (r.dynamic || !r.abs.startsWith('/')) continue;
      out.push({ at: posix.normalize(r.abs), from: restored.source });
    }
    return out;
  }
  for (const w of [words?.dest, words?.gitDir]) {
    if (!w) continue;
    const r = resolveWord(w, base, home);
    if (r.dynamic || !r.abs.startsWith('/')) continue;
    out.push({ at: posix.normalize(r.abs), ...(words?.source ? { from: words.source } : {}) });
  }
  return out;
}
