// Indirection through shells with another syntax, programs that type into
// other programs, and containers that reach the host: the command that
// really runs is judged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectScript } from '../../../../src/core/parse/wrappers/expect';
import { engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

const { decide } = engine({
  [`${WORKSPACE}/wipe.exp`]: 'spawn ssh deploy@web-prod-1\nexpect "$ "\nsend "sudo rm -rf /srv/app\\r"\nexpect eof\n',
});

test('fish, nushell, xonsh, elvish, tcsh and friends: their code is judged', () => {
  for (const line of [
    "nu -c 'rm -r -f /var/lib/postgresql'",
    "nu --commands 'rm --recursive --permanent ~/Documents'",
    "xonsh -c 'git push --force origin main'",
    "elvish -c 'rm -rf ~/.ssh'",
    "tcsh -c 'rm -rf ~/code'",
    "fish --command 'git push --force origin main'",
    "yash -c 'rm -rf ~/code'",
    "rc -c 'rm -rf ~/code'",
    "es -c 'rm -rf ~/code'",
    "murex -c 'rm -rf ~/code'",
    "ion -c 'rm -rf ~/code'",
    "oil -c 'rm -rf ~/code'",
    "hush -c 'rm -rf ~/code'",
    "brush -c 'rm -rf ~/code'",
    "lksh -c 'rm -rf ~/code'",
    "echo 'rm -rf ~/code' | rc",
  ]) {
    assert.notEqual(decide(line), 'allow', line);
  }
  for (const line of [
    "nu -c 'ls | where size > 1mb'",
    "fish -c 'npm test'",
    "xonsh -c 'echo hello'",
    "rc -c 'echo hello'",
    "brush -c 'npm test'",
    "nu -c 'open package.json | get scripts'",
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});

test("expect: what is sent to a spawned program is that program's input", () => {
  assert.equal(
    expectScript('spawn psql -h db; send "DROP TABLE users;\\r"'),
    "psql -h db <<'__AGENTGUARD_TYPED__'\nDROP TABLE users;\n\n__AGENTGUARD_TYPED__",
  );
  assert.equal(
    decide(
      `expect -c 'spawn psql postgres://admin@db.prod.acme.io/app; expect "=>"; send "DROP TABLE users;\\r"; expect eof'`,
    ),
    'ask',
  );
  assert.equal(decide('expect wipe.exp'), 'ask');
  assert.equal(decide(`expect -c 'spawn ssh-add ~/.ssh/id_ed25519; expect "passphrase"; interact'`), 'allow');
  assert.equal(decide(`expect -c 'spawn npm login; expect "Username:"; send "dev\\r"; interact'`), 'allow');
});

test('expect: a script longer than is read (256 KiB, 400 Tcl commands) asks; one within the bounds is judged as before', () => {
  const typed = 'spawn bash\nsend "rm -rf ~/code\\r"\nexpect eof\n';
  const harmless = 'spawn npm login\nexpect "Username:"\nsend "dev\\r"\ninteract\n';
  const pad = (n: number) => 'set a 1\n'.repeat(n);
  const { judge } = engine({
    [`${WORKSPACE}/long.exp`]: `set pad {${'x'.repeat(256 * 1024)}}\n${typed}`,
    [`${WORKSPACE}/many.exp`]: pad(400) + typed,
    [`${WORKSPACE}/within.exp`]: pad(390) + harmless,
    [`${WORKSPACE}/within-rm.exp`]: pad(390) + typed,
  });
  for (const file of ['long.exp', 'many.exp']) {
    const r = judge(`expect ${file}`);
    assert.equal(r.decision, 'ask', `${file}: ${JSON.stringify(r.findings)}`);
    assert.ok(
      r.findings.some((f) => f.id === 'parse.too-complex' && /Tcl script longer than AgentGuard reads/.test(f.summary)),
      JSON.stringify(r.findings),
    );
  }
  assert.equal(judge('expect within.exp').decision, 'allow');
  const rm = judge('expect within-rm.exp');
  assert.equal(rm.decision, 'ask');
  assert.ok(!rm.findings.some((f) => f.id === 'parse.too-complex'), JSON.stringify(rm.findings));
});

test('keystrokes into terminal multiplexer sessions are judged as typed commands', () => {
  assert.equal(decide("tmux send-keys -t prod 'dropdb orders' Enter"), 'ask');
  assert.equal(decide(`screen -S db -X stuff 'psql -h db.acme.io -c "TRUNCATE payments"\\n'`), 'ask');
  assert.equal(decide("screen -S build -X stuff 'make test\\n'"), 'allow');
  // curl's own -X inside a detached screen is no session command.
  assert.equal(decide('screen -dm curl -X DELETE https://api.acme.io/v1/projects/42'), 'ask');
});

test('containers that mount host folders act on the host through them', () => {
  assert.notEqual(decide('docker run --rm -v /:/host alpine chroot /host rm -rf /var/lib/mysql'), 'allow');
  assert.equal(decide('docker run --rm -v /:/host alpine rm -rf /host/etc'), 'deny');
  assert.notEqual(decide("podman run --rm -v /etc:/host-etc alpine sh -c 'echo x > /host-etc/passwd'"), 'allow');
  assert.notEqual(decide('docker run --rm -v ~/.ssh:/root/.ssh alpine cat /root/.ssh/id_rsa'), 'allow');
  assert.notEqual(
    decide("docker run --rm --privileged --pid=host alpine nsenter -t 1 -m -u -n -i sh -c 'rm -rf /var/lib/docker'"),
    'allow',
  );
  assert.equal(decide('docker run --rm -v /:/host:ro alpine ls /host/etc'), 'allow');
  assert.equal(decide(`docker run --rm -v ${WORKSPACE}:/app -w /app alpine rm -rf /app/node_modules`), 'allow');
  assert.equal(decide(`docker run --rm -v ${WORKSPACE}:/app alpine rm -rf /var/cache/apk`), 'allow');
});

test("a container's --entrypoint runs with the words after the image as its arguments", () => {
  assert.equal(decide('docker run --entrypoint rm -v /:/host alpine -rf /host/etc'), 'deny');
  assert.equal(decide("docker run --entrypoint=sh -v /:/host alpine -c 'rm -rf /host/etc'"), 'deny');
  assert.notEqual(decide('docker run --entrypoint rm -v ~/.ssh:/k alpine -rf /k'), 'allow');
  assert.equal(decide('docker run --rm --entrypoint sh node:20 -c "node -v"'), 'allow');
  assert.equal(decide(`docker run --rm -v ${WORKSPACE}:/app -w /app --entrypoint npm node:20 test`), 'allow');
  assert.equal(decide('docker run --entrypoint "" alpine ls'), 'allow');
});

test('a word known only at run time, in a container with host folders mounted, is read as unknown there', () => {
  assert.notEqual(decide('docker run -v /:/host alpine "$EP" x'), 'allow');
  assert.notEqual(decide('docker run -v /:/host alpine $(cat f) x'), 'allow');
  assert.notEqual(decide('docker run --rm -v /:/host alpine chroot /host "$X"'), 'allow');
  assert.equal(decide(`docker run --rm -v ${WORKSPACE}:/app alpine echo "$HOME"`), 'allow');
  assert.equal(decide('docker run --rm -v /:/host:ro alpine ls "$D"'), 'allow');
});

test('remote runners: the command they run is judged against where it runs', () => {
  assert.equal(decide("kamal app exec 'bin/rails db:reset'"), 'ask');
  assert.equal(decide("kamal app exec -d production 'bin/rails console'"), 'ask');
  assert.equal(decide('heroku run --app acme-prod python manage.py showmigrations'), 'allow');
  assert.equal(decide("fly ssh console -a acme-api-production -C 'bin/rails about'"), 'allow');
  assert.equal(decide('kubectl --context kind-dev exec deploy/api -- bin/rails db:reset'), 'allow');
});

test("Tcl's exec and expect's system run programs, in expect, tclsh and wish alike", () => {
  for (const line of [
    "expect -c 'exec rm -rf ~/code'",
    "expect -c 'system rm -rf ~/code'",
    "tclsh <<< 'exec rm -rf ~/code'",
    "echo 'exec -- rm -rf ~/code' | tclsh",
    "wish <<< 'exec rm -rf ~/code'",
    "tclsh < <(echo 'exec rm -rf ~/code')",
  ]) {
    assert.notEqual(decide(line), 'allow', line);
  }
  for (const line of ["tclsh <<< 'puts hello'", "expect -c 'exec ls -la'", "tclsh <<< 'exec git status'"]) {
    assert.equal(decide(line), 'allow', line);
  }
});

test('a shell or make fed by a process substitution runs what it prints, as a pipe into it would', () => {
  for (const line of [
    'bash <(echo rm -rf ~/code)',
    "sh <(printf 'rm -rf ~/code')",
    'bash < <(echo rm -rf ~/code)',
    "make -f <(echo 'all:;rm -rf ~/code')",
    "make --file=<(echo 'all:;rm -rf ~/code')",
    "make --makefile=<(echo 'all:;rm -rf ~/code') all",
    'python3 - < <(echo \'import shutil; shutil.rmtree("/srv")\')',
  ]) {
    assert.notEqual(decide(line), 'allow', line);
  }
  for (const line of [
    'bash <(echo echo hi)',
    'bash < <(echo ls)',
    'diff <(ls a) <(ls b)',
    "make --file=<(echo 'all:;echo hi')",
    'while read l; do echo $l; done < <(ls)',
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});

test('an interpreter installed under its version is read as the interpreter', () => {
  for (const line of [
    "tclsh8.6 <<< 'exec rm -rf ~/code'",
    "wish8.6 <<< 'exec rm -rf ~/code'",
    'ruby3.2 -e \'system("rm -rf ~/code")\'',
    'perl5.36 -e \'system("rm -rf ~/code")\'',
    'node20 -e \'require("child_process").execSync("rm -rf ~/code")\'',
    'pypy3.10 -c \'import shutil; shutil.rmtree("/srv")\'',
    '/usr/bin/ruby3.2 -e \'system("rm -rf ~/code")\'',
  ]) {
    assert.notEqual(decide(line), 'allow', line);
  }
  for (const line of ["tclsh8.6 <<< 'puts hello'", "ruby3.2 -e 'puts 1'", 'node20 --version', 'perl5.36 -v']) {
    assert.equal(decide(line), 'allow', line);
  }
});
