// The whole engine on one command line, in a workspace laid out like a real
// project, for pack tests that assert decisions as a user meets them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import type { DecisionResult, ShellName } from '../../../src/core/types';
import { HOME, WORKSPACE } from './helpers';

export function engine(files: Record<string, string> = {}, env: Record<string, string> = {}) {
  const opts: EngineOptions = {
    workspace: WORKSPACE,
    home: HOME,
    env: { HOME, PATH: '/usr/bin:/bin', ...env },
    readFile: (p, cwd) => files[path.resolve(cwd, p)],
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
 * The whole engine over real files: a workspace at `~/code/app` under a fresh
 * home in the temp folder, holding `files` (paths relative to the workspace),
 * with a `.git` folder where `git` is set. `done` removes it all.
 */
export function diskWorkspace(prefix: string, files: Record<string, string>, opts: { git?: boolean } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
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
