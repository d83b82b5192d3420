// Programs that start a command in a session of its own and return: `screen -dm CMD` and `systemd-run CMD`. What
// they start is the command that runs; screen's `-X stuff` types keys into a running session instead.
import { skipOptions, slice, type Wrapper } from './common';
import { screenStuff } from './expect';

/** `screen -dm [-S name] CMD…`: everything after the options runs detached. */
export const screen: Wrapper = (p) => {
  const argv = p.argv;
  // `-dmS name`: a cluster ending in S takes the session name.
  const valued = [
    '-S',
    '-c',
    '-L',
    '-Logfile',
    '-p',
    '-T',
    '-t',
    '-x',
    '-r',
    '-R',
    ...argv.filter((a) => /^-[a-zA-Z]+S$/.test(a)),
  ];
  const i = skipOptions(argv, 1, valued);
  // `screen -S name -X stuff 'keys'`: a command for a running session (keys typed into it), not a program to start.
  if (argv.slice(1, i).includes('-X')) return screenStuff(argv);
  return i < argv.length ? { kind: 'command', next: slice(p, i), via: 'screen' } : undefined;
};

export const systemdRun: Wrapper = (p) => {
  const i = skipOptions(p.argv, 1, [
    '-u',
    '--unit',
    '-p',
    '--property',
    '-d',
    '--description',
    '--slice',
    '-E',
    '--setenv',
    '-M',
    '--machine',
    '-H',
    '--host',
    '--on-active',
    '--on-calendar',
    '--on-boot',
    '--on-unit-active',
    '--uid',
    '--gid',
    '--working-directory',
    '--nice',
  ]);
  return i < p.argv.length ? { kind: 'command', next: slice(p, i), via: 'systemd-run' } : undefined;
};
