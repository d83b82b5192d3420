// Builders for pack tests: a SimpleCommand without going through the parser,
// and a context rooted in a fake home and workspace.
import assert from 'node:assert/strict';
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

/** A decision that gates (asks or denies) with a finding of `id` among its reasons. */
export function assertGatedBy(
  d: { decision: string; findings: Array<{ id: string }> },
  id: string,
  what: string,
): void {
  assert.notEqual(d.decision, 'allow', `${what}: ${JSON.stringify(d.findings)}`);
  assert.ok(
    d.findings.some((f) => f.id === id),
    `${what}: ${d.findings.map((f) => f.id)}`,
  );
}
