// A rename in interpreter code moves its source away: the guard's state folder or a host's
// settings file renamed out of its place was read only as a write of the target (`/tmp/x`),
// so `os.rename(os.path.expanduser("~/.agentguard"), "/tmp/x")` passed. It is judged as the
// `mv` it stands for; renames among a project's own files stay quiet. The built CLI is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../support/hookHarness';

function decide(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string): string {
  const r = runCli(sb, ['check', '--json', '--', command]);
  return (JSON.parse(r.stdout) as { decision: string }).decision;
}

test('renaming the guard state or a settings file from interpreter code is judged as mv', async () => {
  await withSandbox(async (sb) => {
    const attacks = [
      `python3 -c "import shutil,os;shutil.move(os.path.expanduser('~/.agentguard'),'/tmp/x')"`,
      `python3 -c "import os;os.rename(os.path.expanduser('~/.agentguard'),'/tmp/x')"`,
      `python3 -c "from pathlib import Path;(Path.home()/'.agentguard').rename('/tmp/ag')"`,
      `python3 -c "from pathlib import Path;Path('~/.claude/settings.json').expanduser().replace('/tmp/s')"`,
      `node -e "require('fs').renameSync(require('os').homedir()+'/.agentguard','/tmp/x')"`,
      `ruby -e 'require "fileutils"; FileUtils.mv(File.expand_path("~/.agentguard"),"/tmp/x")'`,
      `php -r 'rename(getenv("HOME")."/.agentguard","/tmp/x");'`,
    ];
    for (const command of attacks) assert.notEqual(decide(sb, command), 'allow', command);
    const quiet = [
      `python3 -c "import os;os.rename('build/a.txt','build/b.txt')"`,
      `python3 -c "from pathlib import Path;Path('build/a').rename('build/b')"`,
      `python3 -c "import pandas as pd;df=pd.DataFrame();df.rename(columns={'a':'b'})"`,
      `node -e "console.log('abc'.replace('a','b'))"`,
      `ruby -e 'require "fileutils"; FileUtils.mv("build/a","build/b")'`,
    ];
    for (const command of quiet) assert.equal(decide(sb, command), 'allow', command);
  });
});
