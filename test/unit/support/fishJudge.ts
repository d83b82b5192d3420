// A line judged as fish runs it, in the shared test workspace with nothing
// on disk: the fish readers' tests judge the text alone.
import assert from 'node:assert/strict';
import { evaluate } from '../../../src/core/engine';
import { HOME, WORKSPACE } from './helpers';

export const judgeFish = (command: string) =>
  evaluate(
    { command, cwd: WORKSPACE, shell: 'fish' },
    {
      workspace: WORKSPACE,
      home: HOME,
      env: { HOME, PATH: '/usr/bin:/bin' },
      readFile: () => undefined,
      platform: 'linux',
    },
  );

/** The line is not allowed, and one reason is the shell's machinery (`terminal.shell-machinery`). */
export const asksShellMachinery = (command: string) => {
  const r = judgeFish(command);
  assert.notEqual(r.decision, 'allow', command);
  assert.ok(
    r.findings.some((f) => f.id === 'terminal.shell-machinery'),
    `${command}: ${r.findings.map((f) => f.id)}`,
  );
};
