// Files a git command would throw away (changed, staged, untracked), read
// with git status. Loaded only for git commands that discard work.
//
// git status runs code the repository's settings name (core.fsmonitor, the
// clean filters of .gitattributes, hooks of submodules): an agent can plant
// those, and this process is not confined. So git runs here without the
// user's and the system's settings or git's own variables, with the
// fsmonitor off, every filter the repository defines emptied, and
// submodules left alone.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const MAX_GIT_FILES = 5000;
const MAX_CONFIG_BYTES = 256 * 1024;

const SAFE_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };

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
    if (i < 2) for (const m of text.matchAll(/^\s*path\s*=\s*(.+?)\s*$/gim)) files.push(path.resolve(gitDir, m[1].replace(/^"(.*)"$/, '$1')));
  }
  return [...names].slice(0, 64);
}

/** The hook's environment without git's own variables: GIT_CONFIG_PARAMETERS and its kin would carry settings in, GIT_EXTERNAL_DIFF a program. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return { ...env, ...SAFE_ENV };
}

function git(args: string[], cwd: string): ReturnType<typeof spawnSync> {
  return spawnSync('git', args, { cwd, encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'], env: gitEnv() });
}

/** `-c` settings that switch off every command the repository's settings could run during a status. */
export function safeGitSettings(cwd: string): string[] {
  const dir = git(['rev-parse', '--absolute-git-dir'], cwd).stdout?.toString().trim();
  const out = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.untrackedCache=false'];
  if (dir) for (const name of filterNames(dir)) out.push('-c', `filter.${name}.clean=`, '-c', `filter.${name}.smudge=`, '-c', `filter.${name}.process=`, '-c', `filter.${name}.required=false`);
  return out;
}

/** Files git would throw away: changed, staged and untracked ones (bounded). */
export function gitDirtyFiles(cwd: string): string[] {
  const safe = safeGitSettings(cwd);
  const run = git([...safe, 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignore-submodules=all'], cwd);
  const stdout = run.stdout?.toString() ?? '';
  if (run.status !== 0 || !stdout) return [];
  const top = git([...safe, 'rev-parse', '--show-toplevel'], cwd).stdout?.toString().trim() || cwd;
  const out: string[] = [];
  const parts = stdout.split('\0');
  for (let i = 0; i < parts.length && out.length < MAX_GIT_FILES; i++) {
    const entry = parts[i];
    if (entry.length < 4) continue;
    // Renames carry the old name in the next field.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
    out.push(path.join(top, entry.slice(3)));
  }
  return out;
}
