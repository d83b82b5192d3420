// A folder synced to object storage takes every file in it: `aws s3 sync .
// s3://b` ships the project's `.env` and a stray `id_rsa` along with the
// build. The folder is read before the command runs (bounded; past the bound
// nobody can say what goes, so it asks), and a credential file there that no
// `--exclude` covers is an upload of that credential. A folder without one,
// or one whose credentials are excluded, stays quiet. Read by the secrets
// pack for uploads (secrets/uploads.ts) and by the outgoing pack for folders
// served to the network (outgoing/served.ts).
import * as path from 'node:path';
import { hasFlag, optionValues } from '../../command/args';
import { homeOf, resolveWord } from '../../command/paths';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { credentialIn } from './credentials';
import { candidateWord } from './firstLooks';

/** Entries read per command, and how deep a recursive upload is followed; past either the upload asks. */
const MAX_ENTRIES = 4000;
const MAX_DEPTH = 16;
/** Patterns read from the command line. */
const MAX_PATTERNS = 64;

/** Verbs that take a folder's whole tree without being told to recurse. */
const TREE_VERBS = /\b(?:sync|rsync|mirror|upload-batch|bisync|copy|move)$/;
const EXCLUDE_GLOBS = ['--exclude', '--exclude-pattern', '--exclude-path', '--rexclude', '--exclude-dir'];

/** A glob of the tools (`*` across folders, as aws and azcopy read it) as a regular expression. */
function globRe(glob: string): RegExp | undefined {
  try {
    const body = glob
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*+/g, '.*')
      .replace(/\?/g, '.');
    return new RegExp(`^(?:${body})$`);
  } catch {
    return undefined;
  }
}

/** Whether the tool's filters leave out a file (or folder, given with a trailing `/`), by its path under the folder. */
function excluder(argv: readonly string[]): (rel: string) => boolean {
  const res: RegExp[] = [];
  for (const v of optionValues(argv, EXCLUDE_GLOBS).slice(0, MAX_PATTERNS))
    for (const g of v.split(';')) {
      const re = g ? globRe(g.replace(/^\.\//, '').replace(/^\/+/, '')) : undefined;
      if (re) res.push(re);
    }
  // gsutil's -x takes a regular expression matched against the path.
  for (const v of optionValues(argv, ['-x']).slice(0, MAX_PATTERNS)) {
    try {
      res.push(new RegExp(v));
    } catch {
      /* unreadable: excludes nothing */
    }
  }
  return (rel) => {
    const base = path.posix.basename(rel.replace(/\/$/, ''));
    return res.some((re) => re.test(rel) || re.test(rel.replace(/\/$/, '')) || re.test(base));
  };
}

/**
 * A credential file inside a folder the command uploads, for a human (`.env
 * (in .)`), or what is shown when the folder is larger than is read.
 */
export function folderCredential(
  verb: string,
  sources: readonly string[],
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): string | undefined {
  if (!ctx.readdir) return undefined;
  const deep = TREE_VERBS.test(verb) || hasFlag(cmd.argv, ['-r', '-R', '--recursive']);
  const excluded = excluder(cmd.argv);
  const home = homeOf(cmd.env, ctx);
  let seen = 0;
  for (const source of sources) {
    if (/[$`*?]/.test(source)) continue;
    const root = resolveWord(source, cmd.cwd, home).abs;
    const stack: Array<[string, number]> = [['', 0]];
    while (stack.length) {
      const [rel, depth] = stack.pop()!;
      const at = rel ? path.join(root, rel) : root;
      const entries = ctx.readdir(at);
      // A folder that is not listed (too many entries, unreadable) holds what nobody can say; a file source has no list.
      if (!entries) {
        if (rel || ctx.stat?.(at)?.isDir) return `${source} (more files than AgentGuard reads before a command runs)`;
        continue;
      }
      for (const e of entries) {
        if (++seen > MAX_ENTRIES) return `${source} (more files than AgentGuard reads before a command runs)`;
        const sub = rel ? `${rel}/${e.name}` : e.name;
        if (excluded(e.dir ? sub + '/' : sub)) continue;
        if (e.dir) {
          if (!deep) continue;
          if (depth >= MAX_DEPTH) return `${source} (deeper than AgentGuard reads before a command runs)`;
          if (!e.link) stack.push([sub, depth + 1]);
          continue;
        }
        if (!candidateWord(e.name)) continue;
        const hit = credentialIn([path.join(root, sub)], cmd, ctx);
        if (hit) return `${sub} (in ${source})`;
      }
    }
  }
  return undefined;
}
