// A git directory under any name. `git --git-dir=build/cache status`,
// `GIT_DIR=x git log`, a `.git` *file* saying `gitdir: ../elsewhere`, or git
// run inside such a folder (it takes the folder for a bare repository) make
// git read that folder's config and run its hooks: a `core.fsmonitor` there
// runs on the next `git status` as surely as one in `.git/config`. A folder
// named `.git` is protected where it is written (guard/protectedPaths.ts);
// one under another name is judged where git is pointed at it, by what its
// config and hooks would run.
import * as path from 'node:path';
import { gitGlobals } from '../common/git';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { gitConfigCode } from '../../text/gitConfig';
import { joinName } from '../../text/normalPath';

const MAX_UP = 64;

/** What git itself checks before it accepts a folder as a git directory: HEAD, objects/ and refs/. */
export function isGitDir(dir: string, ctx: AnalysisContext): boolean {
  if (!ctx.stat) return false;
  return (
    ctx.stat(path.join(dir, 'HEAD'))?.isFile === true &&
    ctx.stat(path.join(dir, 'objects'))?.isDir === true &&
    ctx.stat(path.join(dir, 'refs'))?.isDir === true
  );
}

/** The git directory a git command uses: `--git-dir`, GIT_DIR, or the `.git` found from its folder up (a `.git` file followed). */
export function gitDirOf(cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  const opts = gitGlobals(cmd.argv);
  const explicit = opts.gitDir ?? cmd.env.GIT_DIR;
  let cwd = cmd.cwd;
  for (let i = 0; i < opts.chdir.length; i++) cwd = path.resolve(cwd, opts.chdir[i]);
  if (explicit !== undefined) {
    if (/[$`]/.test(explicit)) return undefined;
    const dir = path.resolve(cwd, explicit);
    // `--git-dir` may name a `.git`-style file too: git follows it.
    return ctx.stat?.(dir)?.isFile ? gitFileTarget(dir, ctx) : dir;
  }
  // Inside the workspace only: above it, a repository is not the agent's to have planted.
  if (cwd !== ctx.workspace && !cwd.startsWith(ctx.workspace + '/')) return undefined;
  // The everyday case at once: the workspace's own `.git` folder.
  // Joined without normalizing again a folder that is normal already (asked for every git command).
  if (cwd === ctx.workspace) {
    const dotGit = joinName(cwd, '.git');
    const st = ctx.stat?.(dotGit);
    if (!st || st.isDir) return st ? dotGit : undefined;
  }
  for (let d = cwd, i = 0; i < MAX_UP; d = path.dirname(d), i++) {
    const dotGit = joinName(d, '.git');
    const st = ctx.stat?.(dotGit);
    if (st?.isDir) return dotGit;
    // A `.git` file (worktrees, submodules, --separate-git-dir): `gitdir: PATH`.
    if (st?.isFile) return gitFileTarget(dotGit, ctx);
    // No `.git` here: git then takes the folder itself as a bare repository when it is one (`cd cache && git log`).
    if (d !== ctx.workspace && isGitDir(d, ctx)) return d;
    if (d === ctx.workspace || d === path.dirname(d)) break;
  }
  return undefined;
}

function gitFileTarget(file: string, ctx: AnalysisContext): string | undefined {
  const m = /^gitdir:\s*(.+?)\s*$/m.exec(ctx.readFile(file, path.dirname(file)) ?? '');
  return m ? path.resolve(path.dirname(file), m[1]) : undefined;
}

/** A git directory that is not a `.git` folder (nor one inside it: worktrees, modules): its files were never protected as git's. */
function underAnotherName(gitDir: string): boolean {
  // No path segment named `.git`: looked for in the text, without splitting the path into an array first.
  return !`/${gitDir}/`.includes('/.git/');
}

/** What a git command run with this git directory would run from it: commands in its config, hooks in its hooks folder. */
export function gitDirFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  if (cmd.remote) return [];
  const gitDir = gitDirOf(cmd, ctx);
  if (!gitDir || !underAnotherName(gitDir)) return [];
  const inside = gitDir.startsWith(ctx.workspace + '/');
  const shown = (inside ? path.relative(ctx.workspace, gitDir) : path.relative(cmd.cwd, gitDir)) || gitDir;
  const configs = [path.join(gitDir, 'config')];
  const common = ctx.readFile(path.join(gitDir, 'commondir'), gitDir)?.trim();
  if (common) configs.push(path.join(path.resolve(gitDir, common), 'config'));
  const code: string[] = [];
  for (const file of configs) {
    const text = ctx.readFile(file, gitDir);
    if (text === undefined) continue;
    for (const { key, value } of gitConfigCode(text)) code.push(`${key} = ${value}`);
  }
  const hooks = (ctx.readdir?.(path.join(gitDir, 'hooks')) ?? [])
    .filter((e) => !e.dir && !e.name.endsWith('.sample'))
    .map((e) => `hooks/${e.name}`);
  if (!code.length && !hooks.length) return [];
  const what = [...code, ...hooks].slice(0, 4).join('; ');
  return [
    {
      id: 'autorun.git-config',
      summary: `git uses ${shown} as its git directory (not a .git folder, so nothing protected it), and would run what it holds: ${what}`,
      target: shown,
      alternative: 'run git in the repository itself; ask the user to review that folder',
      severity: 60,
    },
  ];
}
