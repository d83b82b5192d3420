// git send-email's server setting holds either a host name or the full path
// of a sendmail-like program git runs: `--smtp-server=/PATH` was read as a
// command, and the same setting given as `-c sendemail.smtpServer=/PATH`
// (per identity too), in the environment, or written by `git config` is read
// the same way. A host name says nothing. Real files, the engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { diskWorkspace } from '../support/engineHarness';

test('an smtp server that is a program path is judged as the command it is', () => {
  const { judge, ws, done } = diskWorkspace('ag-smtp-', { 'evil.sh': 'rm -rf ~\n' }, { git: true });
  const prog = path.join(ws, 'evil.sh');
  try {
    for (const command of [
      `git send-email --smtp-server=${prog} --to a@b.c HEAD~1`,
      `git -c sendemail.smtpServer=${prog} send-email --to a@b.c HEAD~1`,
      `git -c sendemail.work.smtpserver=${prog} send-email --identity=work HEAD~1`,
      `GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=sendemail.smtpServer GIT_CONFIG_VALUE_0=${prog} git send-email HEAD~1`,
      `git config sendemail.smtpServer ${prog}`,
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'deny', `${command}: ${r.findings.map((f) => f.id)}`);
      assert.ok(
        r.findings.some((f) => f.target === '~'),
        command,
      );
    }
    for (const command of [
      'git -c sendemail.smtpServer=smtp.gmail.com send-email --to a@b.c HEAD~1',
      'git config sendemail.smtpServer smtp.example.com',
      'git -c sendemail.smtpServerPort=587 send-email HEAD~1',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
  } finally {
    done();
  }
});
