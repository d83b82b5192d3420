// Builders for pack tests: a SimpleCommand without going through the parser,
// and a context rooted in a fake home and workspace.
import * as path from 'node:path';
import type { AnalysisContext, SimpleCommand } from '../../../src/core/types';

export const HOME = '/home/dev';
export const WORKSPACE = '/home/dev/code/acme-api';

export function ctx(files: Record<string, string> = {}): AnalysisContext {
  return {
    workspace: WORKSPACE,
    home: HOME,
    tempDirs: ['/tmp', '/var/tmp'],
    readFile: (p, cwd) => {
      const abs = path.resolve(cwd, p);
      return files[abs];
    },
  };
}

export function simple(argv: string[], extra: Partial<SimpleCommand> = {}): SimpleCommand {
  return {
    argv,
    dynamic: argv.map((a) => a.includes('$')),
    redirects: [],
    cwd: WORKSPACE,
    env: { HOME },
    via: [],
    source: argv.join(' '),
    ...extra,
  };
}
