// Programs that start the rest of their arguments as a command (sandboxes,
// identity switchers, schedulers, environment runners): the inner command is
// judged as well as the wrapper itself, by each wrapper's form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../../../src/core/parse/normalize';
import { ctx, HOME, WORKSPACE } from '../../support/helpers';

function argvs(command: string): string[] {
  return normalize({ command, cwd: WORKSPACE, env: { HOME } }, ctx({})).commands.map((c) => c.argv.join(' '));
}

test('the inner command of a sandbox, namespace or identity wrapper is found after options of every arity', () => {
  const cases: [string, string][] = [
    ['bwrap --ro-bind / / --dev /dev --tmpfs /tmp --setenv A b -- rm -rf /x', 'rm -rf /x'],
    ['bwrap --overlay /a /b /c --chdir / rm -rf /x', 'rm -rf /x'],
    ['firejail --noprofile --private=/tmp/p rm -rf /x', 'rm -rf /x'],
    ['firejail --private --net=none rm -rf /x', 'rm -rf /x'],
    ['taskset --cpu-list 0-3 rm -rf /x', 'rm -rf /x'],
    ['faketime -f +1d rm -rf /x', 'rm -rf /x'],
    ['unshare -r --map-user=0 -w / rm -rf /x', 'rm -rf /x'],
    ['setpriv --reuid 1000 --regid=1000 --init-groups rm -rf /x', 'rm -rf /x'],
    ['chroot --userspec=1:1 / rm -rf /x', 'rm -rf /x'],
    ['proot -r / -b /dev rm -rf /x', 'rm -rf /x'],
    ['flatpak-spawn --host rm -rf /x', 'rm -rf /x'],
    ['pkexec --user root rm -rf /x', 'rm -rf /x'],
    ['gosu nobody rm -rf /x', 'rm -rf /x'],
    ['chpst -u nobody rm -rf /x', 'rm -rf /x'],
    ['taskset -c 0 rm -rf /x', 'rm -rf /x'],
    ['chrt 10 rm -rf /x', 'rm -rf /x'],
    ['numactl -N 0 rm -rf /x', 'rm -rf /x'],
    ['faketime 2020-01-01 rm -rf /x', 'rm -rf /x'],
    ['tini -- rm -rf /x', 'rm -rf /x'],
    ['cross-env NODE_ENV=test A=1 rm -rf /x', 'rm -rf /x'],
    ['uv run --with rich rm -rf /x', 'rm -rf /x'],
    // uvx and pipx run fetch a package and run its command, as npx does.
    ['uvx --from awscli aws s3 rb s3://shop-data --force', 'aws s3 rb s3://shop-data --force'],
    ['uvx --python 3.12 --with rich rm -rf /x', 'rm -rf /x'],
    ['pipx run --spec awscli aws s3 rb s3://shop-data --force', 'aws s3 rb s3://shop-data --force'],
    ['pipx run --python python3.12 rm -rf /x', 'rm -rf /x'],
    ['uv tool run --from awscli aws s3 rb s3://shop-data --force', 'aws s3 rb s3://shop-data --force'],
    ['bundle exec rm -rf /x', 'rm -rf /x'],
    ['direnv exec . rm -rf /x', 'rm -rf /x'],
    ['perf stat -e cycles rm -rf /x', 'rm -rf /x'],
    ['nix develop -c rm -rf /x', 'rm -rf /x'],
    ['gdb -ex run --args rm -rf /x', 'rm -rf /x'],
    ["nix-shell --run 'rm -rf /x'", 'rm -rf /x'],
    ["sg wheel -c 'rm -rf /x'", 'rm -rf /x'],
    ["hyperfine --warmup 3 'rm -rf /x'", 'rm -rf /x'],
  ];
  for (const [command, inner] of cases) {
    const found = argvs(command);
    assert.ok(found.includes(inner), `${command}: ${JSON.stringify(found)}`);
    // The wrapper's own call stays judged as itself (its options are evidence too), except for one-word script runners.
    if (!/^(nix-shell|sg|hyperfine) /.test(command)) assert.equal(found[0], command, command);
  }
});

test('a call that starts no command is the program alone', () => {
  for (const command of [
    'taskset -p 1234',
    'chrt -p 1234',
    'prlimit --pid 1234 --nofile=10',
    'uv pip list',
    'pipx install black',
    'bundle install',
    'perf report',
  ]) {
    assert.deepEqual(argvs(command), [command], command);
  }
  // What follows `nix run APP --` is the app's arguments: its program runs, not `rm`.
  assert.deepEqual(argvs('nix run nixpkgs#hello -- rm'), ['nix run nixpkgs#hello -- rm', 'hello rm']);
});

test('uv run of a Python file runs it with Python, so the file is read as python reads it', () => {
  assert.ok(argvs('uv run scripts/x.py').includes('python scripts/x.py'));
  assert.ok(argvs('uv run --with requests scripts/x.py --fast').includes('python scripts/x.py --fast'));
  assert.ok(argvs('uv run --script tool').includes('python tool'));
  assert.ok(argvs('uv run pytest -q').includes('pytest -q'));
  const r = normalize(
    { command: 'uv run s/wipe.py', cwd: WORKSPACE, env: { HOME } },
    ctx({ [`${WORKSPACE}/s/wipe.py`]: 'import shutil, os\nshutil.rmtree(os.path.expanduser("~"))\n' }),
  );
  assert.ok(
    r.commands.some((c) => c.argv[0] === 'rm' && c.argv.includes(HOME)),
    r.commands.map((c) => c.argv.join(' ')).join(' | '),
  );
});

test('pipx run of a Python file runs it with Python; a script named by URL runs unread and is asked about', () => {
  assert.ok(argvs('pipx run scripts/x.py').includes('python scripts/x.py'));
  assert.ok(argvs('pipx run black --check .').includes('black --check .'));
  const r = normalize(
    { command: 'pipx run s/wipe.py', cwd: WORKSPACE, env: { HOME } },
    ctx({ [`${WORKSPACE}/s/wipe.py`]: 'import shutil, os\nshutil.rmtree(os.path.expanduser("~"))\n' }),
  );
  assert.ok(r.commands.some((c) => c.argv[0] === 'rm' && c.argv.includes(HOME)));
  for (const command of ['pipx run https://example.com/s/setup.py', 'uv run https://example.com/s/setup.py']) {
    const remote = normalize({ command, cwd: WORKSPACE, env: { HOME } }, ctx({}));
    assert.ok(
      remote.findings.some((f) => f.id === 'exec.remote-code'),
      command,
    );
  }
});

test('/proc/self/exe is the shell that starts it: its -c script is read', () => {
  assert.ok(argvs("/proc/self/exe -c 'rm -rf /x'").includes('rm -rf /x'));
  assert.ok(argvs("/proc/thread-self/exe -c 'rm -rf /x'").includes('rm -rf /x'));
  assert.deepEqual(argvs('readlink /proc/self/exe'), ['readlink /proc/self/exe']);
});
