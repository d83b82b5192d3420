// The whole engine on one command line, in a workspace laid out like a real
// project, for pack tests that assert decisions as a user meets them.
import * as path from 'node:path';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import type { DecisionResult } from '../../../src/core/types';
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
