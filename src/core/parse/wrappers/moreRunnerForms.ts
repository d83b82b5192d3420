// The forms of more programs that run the rest of their arguments as a
// command (read by runnerForms' RUNNERS; moreRunners.ts says what each is).
// Kept free of imports: runnerForms is loaded early, by modules common.ts
// itself depends on.

const n = (count: number, ...names: string[]): Map<string, number> => new Map(names.map((o) => [o, count]));

/** setarch's short names (setarch(8)): `linux64 cmd` is `setarch x86_64 cmd`. */
const PERSONALITIES = ['linux32', 'linux64', 'i386', 'i686', 'x86_64', 'uname26'];

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
};
