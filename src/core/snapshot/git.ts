// Files a git command would throw away (changed, staged, untracked), read
// with git status in the place the command works: its `-C` folders, its
// `--git-dir` and `--work-tree`. Loaded only for git commands that discard
// work. Our own git runs without anything the command line could have added
// to git's configuration (no `-c`, no GIT_CONFIG_*), and with the file-system
// monitor off: taking a snapshot must never run a program the agent chose.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const MAX_GIT_FILES = 5000;

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

/** The environment our git runs with: no configuration injected through variables, the command's location variables. */
function gitEnv(location: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('GIT_')) continue;
    env[k] = v;
  }
  Object.assign(env, location);
  env.GIT_TERMINAL_PROMPT = '0';
  return env;
}

export type DirtyFiles = { ok: true; files: string[] } | { ok: false; error: string };

/** Files git would throw away: changed, staged and untracked ones (bounded), or why they cannot be read. */
export function gitDirtyFiles(d: GitDiscard): DirtyFiles {
  if (d.problem) return { ok: false, error: d.problem };
  const location = [...(d.gitDir ? [`--git-dir=${d.gitDir}`] : []), ...(d.workTree ? [`--work-tree=${d.workTree}`] : [])];
  const git = (args: string[]) => spawnSync('git', ['-c', 'core.fsmonitor=false', ...location, ...args], { cwd: d.cwd, env: gitEnv(d.env), encoding: 'utf8', timeout: 3000, maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  const run = git(['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  if (run.error) return { ok: false, error: `git status could not run in ${d.cwd}: ${run.error.message}` };
  if (run.status !== 0) return { ok: false, error: `git status failed in ${d.cwd}: ${(run.stderr || '').trim().split('\n')[0] || `exit ${run.status ?? run.signal}`}` };
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
