import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RUNNERS, type RunnerForm } from '../../../../src/core/parse/wrappers/runnerForms';

// Every runner's form as it was when its options were objects (before they were maps), in the same
// order: the options (and how many values each takes) in order, then the other fields.
const AS_OBJECTS: [string, string][] = [
  [
    'bwrap',
    '{"values":[["--tmpfs",1],["--proc",1],["--dev",1],["--dir",1],["--remount-ro",1],["--chdir",1],["--unsetenv",1],["--uid",1],["--gid",1],["--hostname",1],["--seccomp",1],["--add-seccomp-fd",1],["--info-fd",1],["--json-status-fd",1],["--sync-fd",1],["--block-fd",1],["--userns-block-fd",1],["--lock-file",1],["--userns",1],["--userns2",1],["--pidns",1],["--cap-add",1],["--cap-drop",1],["--exec-label",1],["--file-label",1],["--argv0",1],["--args",1],["--mqueue",1],["--size",1],["--perms",1],["--overlay-src",1],["--tmp-overlay",1],["--ro-overlay",1],["--bind",2],["--bind-try",2],["--dev-bind",2],["--dev-bind-try",2],["--ro-bind",2],["--ro-bind-try",2],["--symlink",2],["--setenv",2],["--bind-data",2],["--ro-bind-data",2],["--file",2],["--chmod",2],["--bind-fd",2],["--ro-bind-fd",2],["--overlay",3]]}',
  ],
  ['firejail', '{}'],
  [
    'unshare',
    '{"values":[["-S",1],["--setuid",1],["-G",1],["--setgid",1],["-R",1],["--root",1],["-w",1],["--wd",1],["--map-user",1],["--map-group",1],["--propagation",1]]}',
  ],
  [
    'setpriv',
    '{"values":[["--reuid",1],["--regid",1],["--ruid",1],["--rgid",1],["--euid",1],["--egid",1],["--groups",1],["--inh-caps",1],["--ambient-caps",1],["--bounding-set",1],["--securebits",1],["--selinux-label",1],["--apparmor-profile",1],["--landlock-access",1],["--landlock-rule",1],["--pdeathsig",1]]}',
  ],
  ['chroot', '{"values":[["--userspec",1],["--groups",1]],"operands":1}'],
  [
    'proot',
    '{"values":[["-r",1],["--rootfs",1],["-b",1],["--bind",1],["-m",1],["--mount",1],["-w",1],["--pwd",1],["--cwd",1],["-q",1],["--qemu",1],["-k",1],["--kernel-release",1]]}',
  ],
  ['flatpak-spawn', '{"values":[["--env",1],["--forward-fd",1],["--directory",1]]}'],
  [
    'systemd-nspawn',
    '{"values":[["-D",1],["--directory",1],["-i",1],["--image",1],["-M",1],["--machine",1],["-u",1],["--user",1],["--bind",1],["--bind-ro",1],["--chdir",1],["-E",1],["--setenv",1],["--network-interface",1],["-p",1],["--port",1]]}',
  ],
  ['pkexec', '{"values":[["--user",1]]}'],
  ['gosu', '{"operands":1}'],
  ['su-exec', '{"operands":1}'],
  ['setuidgid', '{"operands":1}'],
  ['s6-setuidgid', '{"operands":1}'],
  [
    'chpst',
    '{"values":[["-u",1],["-U",1],["-b",1],["-e",1],["-/",1],["-n",1],["-l",1],["-L",1],["-m",1],["-d",1],["-o",1],["-p",1],["-f",1],["-c",1],["-r",1],["-t",1]]}',
  ],
  ['taskset', '{"operands":1,"noCommand":["-p","--pid"]}'],
  [
    'chrt',
    '{"values":[["-T",1],["--sched-runtime",1],["-P",1],["--sched-period",1],["-D",1],["--sched-deadline",1]],"operands":1,"noCommand":["-p","--pid","-m","--max"]}',
  ],
  ['prlimit', '{"values":[["-p",1],["--pid",1],["-o",1],["--output",1]],"noCommand":["-p","--pid"]}'],
  [
    'numactl',
    '{"values":[["-N",1],["--cpunodebind",1],["-C",1],["--physcpubind",1],["-m",1],["--membind",1],["-p",1],["--preferred",1],["-i",1],["--interleave",1],["-w",1],["--weighted-interleave",1]]}',
  ],
  ['cgexec', '{"values":[["-g",1]]}'],
  ['trickle', '{"values":[["-d",1],["-u",1],["-w",1],["-t",1],["-l",1],["-n",1]]}'],
  ['faketime', '{"values":[["--date-prog",1]],"operands":1}'],
  ['eatmydata', '{}'],
  ['fakeroot', '{"values":[["-l",1],["--lib",1],["--faked",1],["-s",1],["-i",1],["-b",1]]}'],
  ['catchsegv', '{}'],
  ['nocache', '{}'],
  ['tini', '{"values":[["-p",1],["-e",1]]}'],
  ['dumb-init', '{"values":[["-r",1],["--rewrite",1]]}'],
  ['valgrind', '{}'],
  ['ssh-agent', '{"values":[["-a",1],["-E",1],["-t",1],["-P",1],["-O",1]]}'],
  ['dbus-run-session', '{}'],
  [
    'xvfb-run',
    '{"values":[["-n",1],["--server-num",1],["-s",1],["--server-args",1],["-f",1],["--auth-file",1],["-e",1],["--error-file",1],["-p",1],["--xauth-protocol",1]]}',
  ],
  [
    'rlwrap',
    '{"values":[["-a",1],["-b",1],["-C",1],["-D",1],["-e",1],["-f",1],["-F",1],["-g",1],["-h",1],["-H",1],["-l",1],["-m",1],["-O",1],["-p",1],["-P",1],["-q",1],["-s",1],["-S",1],["-t",1],["-w",1],["-z",1]]}',
  ],
  ['cross-env', '{}'],
  ['direnv', '{"sub":["exec"],"operands":1}'],
  [
    'perf',
    '{"sub":["stat","record","trace"],"values":[["-e",1],["--event",1],["-o",1],["--output",1],["-r",1],["--repeat",1],["-p",1],["--pid",1],["-t",1],["--tid",1],["-C",1],["--cpu",1],["-G",1],["--cgroup",1],["-F",1],["--freq",1],["-c",1],["--count",1]]}',
  ],
  // Since: poetry's -C and -P take their value; `sem` reads parallel's options (fanout.ts), not a form; the options
  // naming the folder a command runs in (chdir).
  [
    'poetry',
    '{"sub":["run"],"values":[["-C",1],["--directory",1],["-P",1],["--project",1]],"chdir":["-C","--directory"]}',
  ],
  ['pipenv', '{"sub":["run"]}'],
  [
    'uv',
    '{"sub":["run"],"values":[["--with",1],["--with-requirements",1],["--python",1],["-p",1],["--package",1],["--extra",1],["--group",1],["--env-file",1],["--directory",1],["--project",1],["--index",1],["--index-url",1],["--extra-index-url",1]],"chdir":["--directory"]}',
  ],
  [
    'uvx',
    '{"values":[["--from",1],["--with",1],["--with-editable",1],["--with-requirements",1],["--python",1],["-p",1],["--index",1],["--index-url",1],["--extra-index-url",1],["--default-index",1],["--find-links",1],["-f",1],["--constraints",1],["-c",1],["--overrides",1],["--directory",1],["--project",1],["--config-file",1],["--cache-dir",1]],"chdir":["--directory"]}',
  ],
  [
    'pipx',
    '{"sub":["run"],"values":[["--spec",1],["--python",1],["--index-url",1],["-i",1],["--pip-args",1],["--backend",1]]}',
  ],
  ['pdm', '{"sub":["run"]}'],
  ['hatch', '{"sub":["run"]}'],
  ['rye', '{"sub":["run"]}'],
  ['bundle', '{"sub":["exec"]}'],
  ['conda', '{"sub":["run"],"values":[["-n",1],["--name",1],["-p",1],["--prefix",1],["--cwd",1]],"chdir":["--cwd"]}'],
  ['mamba', '{"sub":["run"],"values":[["-n",1],["--name",1],["-p",1],["--prefix",1],["--cwd",1]],"chdir":["--cwd"]}'],
  [
    'micromamba',
    '{"sub":["run"],"values":[["-n",1],["--name",1],["-p",1],["--prefix",1],["--cwd",1]],"chdir":["--cwd"]}',
  ],
  [
    'pixi',
    '{"sub":["run","exec"],"values":[["-e",1],["--environment",1],["--manifest-path",1],["-s",1],["--spec",1],["-c",1],["--channel",1]]}',
  ],
  ['asdf', '{"sub":["exec"]}'],
  ['pyenv', '{"sub":["exec"]}'],
  ['rbenv', '{"sub":["exec"]}'],
  ['nodenv', '{"sub":["exec"]}'],
  ['goenv', '{"sub":["exec"]}'],
  ['jenv', '{"sub":["exec"]}'],
  ['plenv', '{"sub":["exec"]}'],
  ['phpenv', '{"sub":["exec"]}'],
  ['fnm', '{"sub":["exec"],"values":[["--using",1],["--shell",1]]}'],
  ['volta', '{"sub":["run"],"values":[["--node",1],["--npm",1],["--pnpm",1],["--yarn",1],["--env",1]]}'],
  [
    'devbox',
    '{"sub":["run"],"values":[["-c",1],["--config",1],["-e",1],["--env",1],["--env-file",1],["--environment",1]]}',
  ],
  ['toybox', '{}'],
  ['sbase-box', '{}'],
  ['ubase-box', '{}'],
  ['linux32', '{}'],
  ['linux64', '{}'],
  ['i386', '{}'],
  ['i686', '{}'],
  ['x86_64', '{}'],
  ['uname26', '{}'],
  [
    'cpulimit',
    '{"values":[["-l",1],["--limit",1],["-p",1],["--pid",1],["-e",1],["--exe",1],["-P",1],["--path",1],["-c",1],["--cpu",1]],"noCommand":["-p","--pid","-e","--exe","-P","--path"]}',
  ],
  ['sshpass', '{"values":[["-p",1],["-f",1],["-d",1],["-P",1]]}'],
  ['ifne', '{}'],
  ['lckdo', '{"values":[["-W",1]],"operands":1}'],
  ['with-lock-ex', '{"operands":1}'],
  ['systemd-inhibit', '{"values":[["--what",1],["--who",1],["--why",1],["--mode",1]]}'],
  [
    'heaptrack',
    '{"values":[["-o",1],["--output",1],["-p",1],["--pid",1]],"noCommand":["-p","--pid","-a","--analyze"]}',
  ],
  [
    'rr',
    '{"sub":["record"],"values":[["-o",1],["--output-trace-dir",1],["-c",1],["--num-cpu-ticks",1],["-b",1],["--bind-to-cpu",1]]}',
  ],
  [
    'fakechroot',
    '{"values":[["-e",1],["--environment",1],["-c",1],["--config-dir",1],["-b",1],["--bindir",1],["-l",1],["--lib",1],["-d",1],["--elfloader",1]]}',
  ],
  ['toolbox', '{"sub":["run"],"values":[["-c",1],["--container",1],["-d",1],["--distro",1],["-r",1],["--release",1]]}'],
  ['shx', '{}'],
  [
    'tsp',
    '{"values":[["-L",1],["-D",1],["-W",1],["-N",1]],"noCommand":["-l","-S","-t","-c","-p","-o","-i","-u","-U","-r","-w","-k","-T","-K","-C","-h","-V"]}',
  ],
  ['dtach', '{"values":[["-n",1],["-c",1],["-A",1],["-e",1],["-r",1]],"noCommand":["-a","-p"]}'],
  ['lerna', '{"sub":["exec"],"values":[["--scope",1],["--ignore",1],["--concurrency",1]]}'],
  [
    'apptainer',
    '{"sub":["exec"],"operands":1,"values":[["-B",1],["--bind",1],["-H",1],["--home",1],["--pwd",1],["-W",1],["--workdir",1],["--env",1],["--env-file",1],["-o",1],["--overlay",1],["--mount",1],["--security",1],["--network",1],["--network-args",1],["--app",1],["--hostname",1],["-S",1],["--scratch",1],["--fusemount",1],["--drop-caps",1],["--add-caps",1],["--cpus",1],["--memory",1]]}',
  ],
  [
    'singularity',
    '{"sub":["exec"],"operands":1,"values":[["-B",1],["--bind",1],["-H",1],["--home",1],["--pwd",1],["-W",1],["--workdir",1],["--env",1],["--env-file",1],["-o",1],["--overlay",1],["--mount",1],["--security",1],["--network",1],["--network-args",1],["--app",1],["--hostname",1],["-S",1],["--scratch",1],["--fusemount",1],["--drop-caps",1],["--add-caps",1],["--cpus",1],["--memory",1]]}',
  ],
];

const shown = (form: RunnerForm): string =>
  JSON.stringify(Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v instanceof Map ? [...v] : v])));

test('every runner form holds the options it held as an object, in the same order', () => {
  assert.deepEqual(
    [...RUNNERS].map(([name, form]) => [name, shown(form)]),
    AS_OBJECTS,
  );
});
