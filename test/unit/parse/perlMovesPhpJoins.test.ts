// Perl's `rename OLD, NEW` needs no parentheses and interpolates `$ENV{HOME}` in
// a double-quoted string; PHP's `.` joins a command string whatever follows it
// (`"rm -rf ".getenv("HOME")`, no spaces). Both were allowed: the rename was
// never read as a move and the join ended at the first `.`. A rename among a
// project's files and a harmless command run from PHP stay quiet. The built CLI is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../support/hookHarness';

function decide(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string): string {
  const r = runCli(sb, ['check', '--json', '--', command]);
  return (JSON.parse(r.stdout) as { decision: string }).decision;
}

test('a Perl rename without parentheses and a PHP command joined with . are read', async () => {
  await withSandbox(async (sb) => {
    for (const command of [
      `perl -e 'rename "$ENV{HOME}/.agentguard", "/tmp/x"'`,
      `perl -e 'rename("$ENV{HOME}/.agentguard", "/tmp/x")'`,
      `perl -e 'rename "\${ENV{HOME}}/.agentguard", "/tmp/x"'`,
      `perl -MFile::Copy -e 'move "$ENV{HOME}/.agentguard", "/tmp/x"'`,
      `php -r 'exec("rm -rf ".getenv("HOME")."/.agentguard");'`,
      `php -r 'system("rm -rf ".getenv("HOME")."/.agentguard");'`,
      `php -r 'passthru("rm -rf ".getenv("HOME")."/.agentguard");'`,
      `php -r 'echo shell_exec("rm -rf ".getenv("HOME"));'`,
    ])
      assert.notEqual(decide(sb, command), 'allow', command);
    for (const command of [
      `perl -e 'rename "a.txt", "b.txt"'`,
      `perl -MFile::Copy -e 'move("build/a.txt", "dist/a.txt")'`,
      `perl -e 'my %h = (rename => 1); print "move it\\n"'`,
      `perl -pi -e 's/rename/mv/g' src/index.ts`,
      `php -r 'echo "a"."b";'`,
      `php -r 'exec("ls ".getcwd());'`,
    ])
      assert.equal(decide(sb, command), 'allow', command);
  });
});
