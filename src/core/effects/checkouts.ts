// Where a repository checkout lands. `git clone URL DIR` writes nothing the
// command line shows: it writes a whole tree, chosen by whoever controls the
// remote, below DIR (or below a folder named after the repository). So a
// clone into AgentGuard's state folder, or into a folder above it, plants
// files there exactly as `cp -r` would; the contents cannot be read before
// the command runs, so they land as unknown.
import * as path from 'node:path';
import { positionals } from '../command/args';
import { readGlobalOptions } from '../command/globalOptions';
import { homeOf, resolveWord } from '../command/paths';
import type { AnalysisContext, SimpleCommand } from '../types';

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

/** The folders a checkout writes its tree below (git's `-C` folders honoured); none for any other command. */
export function checkoutLandings(cmd: SimpleCommand, ctx: AnalysisContext): CheckoutLanding[] {
  const words = checkoutWords(cmd.argv);
  if (!words?.dest) return [];
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
  for (const w of [words.dest, words.gitDir]) {
    if (!w) continue;
    const r = resolveWord(w, base, home);
    if (r.dynamic || !r.abs.startsWith('/')) continue;
    out.push({ at: posix.normalize(r.abs), ...(words.source ? { from: words.source } : {}) });
  }
  return out;
}
