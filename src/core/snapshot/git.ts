// Files a git command would throw away (changed, staged, untracked), read
// with git status in the place the command works: its `-C` folders, its
// `--git-dir` and `--work-tree`. Loaded only for git commands that discard
// work.
//
// git status runs code the repository's settings name (core.fsmonitor, the
// clean filters of .gitattributes, hooks of submodules): an agent can plant
// those, and this process is not confined. So git runs here without the
// user's and the system's settings or git's own variables (the command's
// repository-location variables aside), without anything the command line
// could have added (no `-c`), with the fsmonitor off, every filter the
// repository defines emptied, and submodules left alone.
import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** node:child_process (with the stream, socket and dgram modules behind it), loaded when a process is started: most calls never start one. */
function childProcess(): typeof ChildProcess {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:child_process') as typeof ChildProcess;
}

const MAX_GIT_FILES = 5000;
const MAX_CONFIG_BYTES = 256 * 1024;

const SAFE_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
};

function readSmall(file: string): string {
  try {
    const st = fs.statSync(file);
    return st.isFile() && st.size <= MAX_CONFIG_BYTES ? fs.readFileSync(file, 'utf8') : '';
  } catch {
    return '';
  }
}

/** Filter drivers the repository's settings (and the files they include, one level) define. */
function filterNames(gitDir: string): string[] {
  const names = new Set<string>();
  const files = [path.join(gitDir, 'config'), path.join(gitDir, 'config.worktree')];
  for (let i = 0; i < files.length && i < 16; i++) {
    const text = readSmall(files[i]);
    for (const m of text.matchAll(/^\s*\[\s*filter\s+"((?:[^"\\]|\\.)*)"\s*\]/gim)) names.add(m[1]);
    if (i < 2)
      for (const m of text.matchAll(/^\s*path\s*=\s*(.+?)\s*$/gim))
        files.push(path.resolve(gitDir, m[1].replace(/^"(.*)"$/, '$1')));
  }
  return [...names].slice(0, 64);
}

/** The hook's environment without git's own variables: GIT_CONFIG_PARAMETERS and its kin would carry settings in, GIT_EXTERNAL_DIFF a program. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return { ...env, ...SAFE_ENV };
}

/** `-c` settings that switch off every command the repository's settings could run during a status. */
export function safeGitSettings(
  cwd: string,
  location: readonly string[] = [],
  env: NodeJS.ProcessEnv = gitEnv(),
): string[] {
  const found = childProcess().spawnSync('git', [...location, 'rev-parse', '--absolute-git-dir'], {
    cwd,
    encoding: 'utf8',
    timeout: 3000,
    stdio: ['ignore', 'pipe', 'ignore'],
    env,
  });
  const dir = found.stdout?.toString().trim();
  const out = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.untrackedCache=false'];
  if (dir)
    for (const name of filterNames(dir))
      out.push(
        '-c',
        `filter.${name}.clean=`,
        '-c',
        `filter.${name}.smudge=`,
        '-c',
        `filter.${name}.process=`,
        '-c',
        `filter.${name}.required=false`,
      );
  return out;
}

/** Where a discarding git command works, as the snapshot plan read it. */
export interface GitDiscard {
  /** The command's own words (for notes). */
  command: string;
  /** The folder it runs in, after its `-C` options. */
  cwd: string;
  gitDir?: string;
  workTree?: string;
  /** The repository-location variables of the command's own environment (GIT_DIR, GIT_WORK_TREE, …). */
  env: Record<string, string>;
  /** Set when what it discards cannot be read beforehand (the plan says why). */
  problem?: string;
}

/** Variables that say where the repository is: kept from the command's own environment. */
export const LOCATION_VARS = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_INDEX_FILE', 'GIT_NAMESPACE'];

/** The environment our git runs with: the safe one, plus the command's own repository-location variables. */
function locatedEnv(location: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return { ...gitEnv(), ...location, ...SAFE_ENV };
}

export type DirtyFiles = { ok: true; files: string[] } | { ok: false; error: string };

/** Files git would throw away: changed, staged and untracked ones (bounded), or why they cannot be read. */
export function gitDirtyFiles(d: GitDiscard): DirtyFiles {
  if (d.problem) return { ok: false, error: d.problem };
  const location = [
    ...(d.gitDir ? [`--git-dir=${d.gitDir}`] : []),
    ...(d.workTree ? [`--work-tree=${d.workTree}`] : []),
  ];
  const env = locatedEnv(d.env);
  const safe = safeGitSettings(d.cwd, location, env);
  const git = (args: string[]) =>
    childProcess().spawnSync('git', [...safe, ...location, ...args], {
      cwd: d.cwd,
      env,
      encoding: 'utf8',
      timeout: 3000,
      maxBuffer: 16 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const run = git(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignore-submodules=all']);
  if (run.error) return { ok: false, error: `git status could not run in ${d.cwd}: ${run.error.message}` };
  if (run.status !== 0)
    return {
      ok: false,
      error: `git status failed in ${d.cwd}: ${(run.stderr || '').trim().split('\n')[0] || `exit ${run.status ?? run.signal}`}`,
    };
  if (!run.stdout) return { ok: true, files: [] };
  const top = git(['rev-parse', '--show-toplevel']).stdout?.trim() || d.workTree || d.cwd;
  const out: string[] = [];
  const parts = run.stdout.split('\0');
  for (let i = 0; i < parts.length && out.length < MAX_GIT_FILES; i++) {
    const entry = parts[i];
    if (entry.length < 4) continue;
    // Renames carry the old name in the next field.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
    out.push(path.resolve(top, entry.slice(3)));
  }
  return { ok: true, files: out };
}
