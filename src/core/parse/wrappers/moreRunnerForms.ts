// The forms of more programs that run the rest of their arguments as a
// command (read by runnerForms' RUNNERS; moreRunners.ts says what each is).
// Kept free of imports: runnerForms is loaded early, by modules common.ts
// itself depends on.

const n = (count: number, ...names: string[]): Map<string, number> => new Map(names.map((o) => [o, count]));

/** setarch's short names (setarch(8)): `linux64 cmd` is `setarch x86_64 cmd`. */
const PERSONALITIES = ['linux32', 'linux64', 'i386', 'i686', 'x86_64', 'uname26'];

/** apptainer's (and Singularity's) `exec` options that take a value. */
const APPTAINER_VALUES = n(
  1,
  '-B',
  '--bind',
  '-H',
  '--home',
  '--pwd',
  '-W',
  '--workdir',
  '--env',
  '--env-file',
  '-o',
  '--overlay',
  '--mount',
  '--security',
  '--network',
  '--network-args',
  '--app',
  '--hostname',
  '-S',
  '--scratch',
  '--fusemount',
  '--drop-caps',
  '--add-caps',
  '--cpus',
  '--memory',
);

/** The same shape as runnerForms' RunnerForm (kept apart so the two modules do not import each other). */
interface Form {
  values?: ReadonlyMap<string, number>;
  operands?: number;
  noCommand?: readonly string[];
  sub?: readonly string[];
}

export const MORE_RUNNERS: Readonly<Record<string, Form>> = {
  ...Object.fromEntries(PERSONALITIES.map((p) => [p, {}])),
  cpulimit: {
    values: n(1, '-l', '--limit', '-p', '--pid', '-e', '--exe', '-P', '--path', '-c', '--cpu'),
    noCommand: ['-p', '--pid', '-e', '--exe', '-P', '--path'],
  },
  sshpass: { values: n(1, '-p', '-f', '-d', '-P') },
  ifne: {},
  lckdo: { values: n(1, '-W'), operands: 1 },
  'with-lock-ex': { operands: 1 },
  'systemd-inhibit': { values: n(1, '--what', '--who', '--why', '--mode') },
  heaptrack: { values: n(1, '-o', '--output', '-p', '--pid'), noCommand: ['-p', '--pid', '-a', '--analyze'] },
  rr: { sub: ['record'], values: n(1, '-o', '--output-trace-dir', '-c', '--num-cpu-ticks', '-b', '--bind-to-cpu') },
  fakechroot: {
    values: n(1, '-e', '--environment', '-c', '--config-dir', '-b', '--bindir', '-l', '--lib', '-d', '--elfloader'),
  },
  toolbox: { sub: ['run'], values: n(1, '-c', '--container', '-d', '--distro', '-r', '--release') },
  // ShellJS's commands, from package scripts: `shx rm -rf dist` is rm.
  shx: {},
  // Job queues and detachers: the command runs later, in the background (`tsp cmd`, `dtach -n S cmd`; `sem` is
  // parallel's, fanout.ts).
  tsp: {
    values: n(1, '-L', '-D', '-W', '-N'),
    noCommand: ['-l', '-S', '-t', '-c', '-p', '-o', '-i', '-u', '-U', '-r', '-w', '-k', '-T', '-K', '-C', '-h', '-V'],
  },
  dtach: { values: n(1, '-n', '-c', '-A', '-e', '-r'), noCommand: ['-a', '-p'] },
  // Monorepo runners: the command runs in every package's folder (`lerna exec -- rm -rf dist`).
  lerna: { sub: ['exec'], values: n(1, '--scope', '--ignore', '--concurrency') },
  // Containers that bind the home and the working folder by default: `apptainer exec IMAGE rm -rf ~` is this home's.
  apptainer: { sub: ['exec'], operands: 1, values: APPTAINER_VALUES },
  singularity: { sub: ['exec'], operands: 1, values: APPTAINER_VALUES },
};
