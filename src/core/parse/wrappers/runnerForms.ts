// The forms of the programs that run the rest of their arguments as a command: which
// options take a value, where the command starts.
export interface RunnerForm {
  /** Options and how many separate values each takes (`--opt=value` is always one word). */
  values?: Readonly<Record<string, number>>;
  /** Operands between the options and the command (`taskset MASK cmd`, `gosu USER cmd`, `chroot ROOT cmd`). */
  operands?: number;
  /** Options after which there is no command to run (`taskset -p PID`: an existing process). */
  noCommand?: readonly string[];
  /** The word that must follow the program for it to run a command (`uv run`, `bundle exec`). */
  sub?: readonly string[];
}

const n = (count: number, ...names: string[]): Record<string, number> => Object.fromEntries(names.map((o) => [o, count]));

/** bubblewrap's options by arity (bwrap(1)): binds take a source and a destination, an overlay three. */
const BWRAP = {
  ...n(1, '--tmpfs', '--proc', '--dev', '--dir', '--remount-ro', '--chdir', '--unsetenv', '--uid', '--gid', '--hostname', '--seccomp', '--add-seccomp-fd',
    '--info-fd', '--json-status-fd', '--sync-fd', '--block-fd', '--userns-block-fd', '--lock-file', '--userns', '--userns2', '--pidns', '--cap-add', '--cap-drop',
    '--exec-label', '--file-label', '--argv0', '--args', '--mqueue', '--size', '--perms', '--overlay-src', '--tmp-overlay', '--ro-overlay'),
  ...n(2, '--bind', '--bind-try', '--dev-bind', '--dev-bind-try', '--ro-bind', '--ro-bind-try', '--symlink', '--setenv', '--bind-data', '--ro-bind-data', '--file', '--chmod', '--bind-fd', '--ro-bind-fd'),
  ...n(3, '--overlay'),
};

export const RUNNERS = new Map<string, RunnerForm>(Object.entries({
  bwrap: { values: BWRAP },
  // firejail takes every value in the same word (`--private=DIR`); a bare `--private` is a flag.
  firejail: {},
  unshare: { values: n(1, '-S', '--setuid', '-G', '--setgid', '-R', '--root', '-w', '--wd', '--map-user', '--map-group', '--propagation') },
  setpriv: { values: n(1, '--reuid', '--regid', '--ruid', '--rgid', '--euid', '--egid', '--groups', '--inh-caps', '--ambient-caps', '--bounding-set', '--securebits', '--selinux-label', '--apparmor-profile', '--landlock-access', '--landlock-rule', '--pdeathsig') },
  chroot: { values: n(1, '--userspec', '--groups'), operands: 1 },
  proot: { values: n(1, '-r', '--rootfs', '-b', '--bind', '-m', '--mount', '-w', '--pwd', '--cwd', '-q', '--qemu', '-k', '--kernel-release') },
  'flatpak-spawn': { values: n(1, '--env', '--forward-fd', '--directory') },
  'systemd-nspawn': { values: n(1, '-D', '--directory', '-i', '--image', '-M', '--machine', '-u', '--user', '--bind', '--bind-ro', '--chdir', '-E', '--setenv', '--network-interface', '-p', '--port') },
  pkexec: { values: n(1, '--user') },
  gosu: { operands: 1 },
  'su-exec': { operands: 1 },
  setuidgid: { operands: 1 },
  's6-setuidgid': { operands: 1 },
  chpst: { values: n(1, '-u', '-U', '-b', '-e', '-/', '-n', '-l', '-L', '-m', '-d', '-o', '-p', '-f', '-c', '-r', '-t') },
  taskset: { operands: 1, noCommand: ['-p', '--pid'] },
  chrt: { values: n(1, '-T', '--sched-runtime', '-P', '--sched-period', '-D', '--sched-deadline'), operands: 1, noCommand: ['-p', '--pid', '-m', '--max'] },
  prlimit: { values: n(1, '-p', '--pid', '-o', '--output'), noCommand: ['-p', '--pid'] },
  numactl: { values: n(1, '-N', '--cpunodebind', '-C', '--physcpubind', '-m', '--membind', '-p', '--preferred', '-i', '--interleave', '-w', '--weighted-interleave') },
  cgexec: { values: n(1, '-g') },
  trickle: { values: n(1, '-d', '-u', '-w', '-t', '-l', '-n') },
  faketime: { values: n(1, '--date-prog'), operands: 1 },
  eatmydata: {},
  fakeroot: { values: n(1, '-l', '--lib', '--faked', '-s', '-i', '-b') },
  catchsegv: {},
  nocache: {},
  tini: { values: n(1, '-p', '-e') },
  'dumb-init': { values: n(1, '-r', '--rewrite') },
  valgrind: {},
  'ssh-agent': { values: n(1, '-a', '-E', '-t', '-P', '-O') },
  'dbus-run-session': {},
  'xvfb-run': { values: n(1, '-n', '--server-num', '-s', '--server-args', '-f', '--auth-file', '-e', '--error-file', '-p', '--xauth-protocol') },
  rlwrap: { values: n(1, '-a', '-b', '-C', '-D', '-e', '-f', '-F', '-g', '-h', '-H', '-l', '-m', '-O', '-p', '-P', '-q', '-s', '-S', '-t', '-w', '-z') },
  'cross-env': {},
  direnv: { sub: ['exec'], operands: 1 },
  perf: { sub: ['stat', 'record', 'trace'], values: n(1, '-e', '--event', '-o', '--output', '-r', '--repeat', '-p', '--pid', '-t', '--tid', '-C', '--cpu', '-G', '--cgroup', '-F', '--freq', '-c', '--count') },
  poetry: { sub: ['run'] },
  pipenv: { sub: ['run'] },
  uv: { sub: ['run'], values: n(1, '--with', '--with-requirements', '--python', '-p', '--package', '--extra', '--group', '--env-file', '--directory', '--project', '--index', '--index-url', '--extra-index-url') },
  pdm: { sub: ['run'] },
  hatch: { sub: ['run'] },
  rye: { sub: ['run'] },
  bundle: { sub: ['exec'] },
  conda: { sub: ['run'], values: n(1, '-n', '--name', '-p', '--prefix', '--cwd') },
  mamba: { sub: ['run'], values: n(1, '-n', '--name', '-p', '--prefix', '--cwd') },
  micromamba: { sub: ['run'], values: n(1, '-n', '--name', '-p', '--prefix', '--cwd') },
  pixi: { sub: ['run', 'exec'], values: n(1, '-e', '--environment', '--manifest-path', '-s', '--spec', '-c', '--channel') },
  // Version managers' runners: the command runs with a chosen toolchain on PATH.
  asdf: { sub: ['exec'] },
  pyenv: { sub: ['exec'] },
  rbenv: { sub: ['exec'] },
  nodenv: { sub: ['exec'] },
  goenv: { sub: ['exec'] },
  jenv: { sub: ['exec'] },
  plenv: { sub: ['exec'] },
  phpenv: { sub: ['exec'] },
  fnm: { sub: ['exec'], values: n(1, '--using', '--shell') },
  volta: { sub: ['run'], values: n(1, '--node', '--npm', '--pnpm', '--yarn', '--env') },
  devbox: { sub: ['run'], values: n(1, '-c', '--config', '-e', '--env', '--env-file', '--environment') },
  // toybox, like busybox, is every tool in one program: `toybox rm -rf x` is rm.
  toybox: {},
}));
