// The whole engine on one command line, in a workspace laid out like a real
// project, for pack tests that assert decisions as a user meets them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import { guardFs } from '../../../src/core/guard/guardFs';
import type { DecisionResult, FileIdentity, ShellName } from '../../../src/core/types';
import { HOME, WORKSPACE } from './helpers';

/**
 * The lookups of a file system holding `files` (absolute paths) and the folders above them, the real one
 * elsewhere: a test's `.git/config` is a file to the packs that ask what a path is, as it is on disk.
 */
function filesLookups(
  files: Record<string, string>,
): Pick<NonNullable<EngineOptions['fileSystem']>, 'realpath' | 'stat'> {
  const real = guardFs();
  const folders = new Set<string>();
  for (const f of Object.keys(files)) {
    for (let d = path.dirname(f); d !== path.dirname(d); d = path.dirname(d)) folders.add(d);
  }
  const ids = new Map(Object.keys(files).map((f, i) => [f, i + 1]));
  const stat = (p: string): FileIdentity | undefined => {
    const ino = ids.get(p);
    if (ino !== undefined) return { dev: 0, ino, nlink: 1, isFile: true, isDir: false, size: files[p].length };
    if (folders.has(p)) return { dev: 0, ino: 0, nlink: 2, isFile: false, isDir: true };
    return real.stat?.(p);
  };
  return { realpath: (p) => (ids.has(p) || folders.has(p) ? p : real.realpath?.(p)), stat };
}

export function engine(files: Record<string, string> = {}, env: Record<string, string> = {}) {
  const opts: EngineOptions = {
    workspace: WORKSPACE,
    home: HOME,
    env: { HOME, PATH: '/usr/bin:/bin', ...env },
    readFile: (p, cwd) => files[path.resolve(cwd, p)],
    fileSystem: filesLookups(files),
  };
  const judge = (command: string, extra?: Record<string, string>): DecisionResult =>
    evaluate(
      { command, cwd: WORKSPACE, ...(extra ? { env: { HOME, PATH: '/usr/bin:/bin', ...env, ...extra } } : {}) },
      opts,
    );
  return {
    judge,
    decide: (command: string, extra?: Record<string, string>) => judge(command, extra).decision,
    ids: (command: string, extra?: Record<string, string>) => judge(command, extra).findings.map((f) => f.id),
  };
}

/**
 * Where disk workspaces are made: beside the compiled tests, else a system folder, never a temp folder. A home
 * under a temp folder makes every home file a temp file, so a test of `~/.ssh` there would pass without testing
 * anything.
 */
let diskBase: string | undefined;
function diskRoot(): string {
  if (diskBase) return diskBase;
  const temps = ['/tmp', '/var/tmp', '/dev/shm', os.tmpdir(), process.env.TMPDIR ?? '/tmp'].map(
    (t) => path.resolve(t) + path.sep,
  );
  const candidates = [path.resolve(__dirname, '..', '..', '..', 'disk-workspaces'), '/var/lib/agentguard-tests'];
  for (const base of candidates) {
    if (temps.some((t) => (base + path.sep).startsWith(t))) continue;
    try {
      fs.mkdirSync(base, { recursive: true });
      fs.accessSync(base, fs.constants.W_OK);
      return (diskBase = base);
    } catch {
      // not writable here: the next one
    }
  }
  throw new Error(`no folder outside the temp folders for disk workspaces (tried ${candidates.join(', ')})`);
}

/**
 * The whole engine over real files: a workspace at `~/code/app` under a fresh
 * home outside the temp folder, holding `files` (paths relative to the workspace),
 * with a `.git` folder where `git` is set. `done` removes it all.
 */
export function diskWorkspace(prefix: string, files: Record<string, string>, opts: { git?: boolean } = {}) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(diskRoot(), prefix)));
  const home = path.join(root, 'home');
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(opts.git ? path.join(ws, '.git') : ws, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  }
  const env = { HOME: home, PATH: '/usr/bin:/bin' };
  const judge = (command: string, shell?: ShellName): DecisionResult =>
    evaluate({ command, cwd: ws, env, ...(shell ? { shell } : {}) }, { workspace: ws, home, env, platform: 'linux' });
  return { judge, ws, done: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** Each command judged in a fresh workspace holding `files`: every one gated, or every one allowed. */
export function judgedOnDisk(
  prefix: string,
  files: Record<string, string>,
  commands: readonly string[],
  expect: 'gate' | 'allow',
  opts: { git?: boolean } = {},
): void {
  const { judge, done } = diskWorkspace(prefix, files, opts);
  try {
    for (const command of commands) {
      const r = judge(command);
      if (expect === 'gate') assert.notEqual(r.decision, 'allow', command);
      else assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
  } finally {
    done();
  }
}

/**
 * `command`, judged by `judge`, is gated with `id` among its reasons: asked or denied, or exactly `decision` when one
 * is named.
 */
export function assertGated(
  judge: (command: string) => DecisionResult,
  command: string,
  id: string,
  decision?: 'ask' | 'deny',
): void {
  const r = judge(command);
  if (decision) assert.equal(r.decision, decision, `${command}: ${JSON.stringify(r.findings)}`);
  else assert.notEqual(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
  assert.ok(
    r.findings.some((f) => f.id === id),
    `${command}: ${id} among ${r.findings.map((f) => f.id)}`,
  );
}

/**
 * Each of `commands`, judged by `judge`, is asked about (or only gated, with `'gated'`) for a finding `matches` accepts:
 * one assertion for the lists of calls a reader must stop, with every finding shown when one is not.
 */
export function assertAskedFor(
  judge: (command: string) => DecisionResult,
  commands: readonly string[],
  matches: (f: DecisionResult['findings'][number]) => boolean,
  decision: 'ask' | 'gated' = 'ask',
): void {
  for (const command of commands) {
    const r = judge(command);
    if (decision === 'ask') assert.equal(r.decision, 'ask', command);
    else assert.notEqual(r.decision, 'allow', command);
    assert.ok(r.findings.some(matches), `${command}: ${JSON.stringify(r.findings)}`);
  }
}
