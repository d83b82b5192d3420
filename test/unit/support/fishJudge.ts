// A line judged as fish runs it, in the shared test workspace with nothing
// on disk: the fish readers' tests judge the text alone.
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
