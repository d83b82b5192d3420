// Programs a transport starts in place of its helper
// (parse/wrappers/transportCommands.ts): git's --upload-pack, --receive-pack,
// --exec and clone's -u, git's ext:: remote URLs, core.alternateRefsCommand,
// socat's EXEC:/SYSTEM: addresses, sftp's -S/-D and tar's --rsh-command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../../../src/core/parse/normalize';
import { extTransportCommand } from '../../../../src/core/parse/wrappers/transportCommands';
import { engine } from '../../support/engineHarness';
import { ctx, HOME, WORKSPACE } from '../../support/helpers';

function argvs(command: string): string[] {
  return normalize({ command, cwd: WORKSPACE, env: { HOME } }, ctx({})).commands.map((c) => c.argv.join(' '));
}

const INNER = 'rm -rf /x';

test('a transport program named in an option or a URL is read as a command line beside the program', () => {
  for (const command of [
    `git fetch --upload-pack='${INNER}' origin`,
    `git pull --upload-pack '${INNER}' origin main`,
    `git push --receive-pack='${INNER}' origin`,
    `git push --exec='${INNER}' origin`,
    `git clone -u '${INNER}' /srv/repo copy`,
    `git ls-remote -u '${INNER}' origin`,
    `git archive --remote=/srv/repo --exec='${INNER}' HEAD`,
    `git -c core.alternateRefsCommand='${INNER}' fetch /srv/repo`,
    `git -c protocol.ext.allow=always clone 'ext::rm -rf /x' copy`,
    `git remote add m 'ext::rm -rf /x'`,
    `git -c remote.origin.url='ext::rm -rf /x' fetch`,
    `git -c 'url.ext::rm -rf /x.insteadOf=https://' fetch`,
    `socat - EXEC:'${INNER}'`,
    `socat STDIO 'system:${INNER},pty,stderr'`,
    `sftp -S '${INNER}' host`,
    `sftp -D '${INNER}' host`,
    `tar -cf host:x.tar --rsh-command='${INNER}' src`,
    `cpio -o --rsh-command='${INNER}' -F host:x.cpio`,
  ]) {
    const found = argvs(command);
    // tar and cpio hand their remote shell the host and the rmt program: `rm -rf /x host /etc/rmt`.
    const rsh = command.includes('--rsh-command') && found.includes(`${INNER} host /etc/rmt`);
    assert.ok(rsh || found.includes(INNER), `${command}: ${JSON.stringify(found)}`);
  }
});

test("ext::'s words are split on spaces, with % escapes, as git-remote-ext reads them", () => {
  assert.equal(extTransportCommand('sh -c rm% -rf% /x'), `'sh' '-c' 'rm -rf /x'`);
  assert.equal(extTransportCommand('ssh %S host 100%%'), `'ssh' 'git-upload-pack' 'host' '100%'`);
  assert.ok(argvs("git clone 'ext::sh -c rm% -rf% /x' copy").includes('rm -rf /x'));
  // A comma that does not start socat options keeps the whole line, so no command hides behind it.
  assert.ok(argvs("socat - 'SYSTEM:echo a,b; rm -rf /x'").includes('rm -rf /x'));
});

test('the same programs used for their own work start nothing new', () => {
  for (const command of [
    'git fetch origin',
    'git fetch -u origin main',
    'git push -u origin main',
    'git clone --depth 1 https://github.com/acme/api',
    'socat - TCP:localhost:8080',
    'sftp -P 2222 host',
    'tar -czf x.tgz src',
  ])
    assert.equal(argvs(command).length, 1, `${command}: ${JSON.stringify(argvs(command))}`);
});

test('a destructive transport program asks; the usual helpers stay quiet', () => {
  const { decide, ids } = engine();
  for (const c of [
    "git fetch --upload-pack='rm -rf ~ #' origin",
    "git clone -u 'rm -rf ~ #' /srv/repo copy",
    "git -c protocol.ext.allow=always clone 'ext::sh -c rm% -rf% ~' copy",
    "git -c core.alternateRefsCommand='rm -rf ~ #' fetch /srv/repo",
    "socat - EXEC:'rm -rf ~'",
    "sftp -D 'rm -rf ~' host",
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    'git fetch --upload-pack=git-upload-pack origin',
    'git clone --upload-pack /usr/lib/git-core/git-upload-pack /srv/repo copy',
    "socat - EXEC:'ls -la'",
    "socat - 'SYSTEM:echo hi,pty'",
    'sftp -P 2222 -i ~/.ssh/id host',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
