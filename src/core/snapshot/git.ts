// Files a git command would throw away (changed, staged, untracked), read
// with git status. Loaded only for git commands that discard work.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const MAX_GIT_FILES = 5000;

/** Files git would throw away: changed, staged and untracked ones (bounded). */
export function gitDirtyFiles(cwd: string): string[] {
  const run = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd, encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
  if (run.status !== 0 || !run.stdout) return [];
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] }).stdout?.trim() || cwd;
  const out: string[] = [];
  const parts = run.stdout.split('\0');
  for (let i = 0; i < parts.length && out.length < MAX_GIT_FILES; i++) {
    const entry = parts[i];
    if (entry.length < 4) continue;
    // Renames carry the old name in the next field.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
    out.push(path.join(top, entry.slice(3)));
  }
  return out;
}

