// Programs that run a command given in their arguments (parse/wrappers/commandRunners.ts, pm2.ts): watchers
// (cargo watch, reflex, chokidar-cli, onchange), retriers, firebase's emulators:exec, start-server-and-test,
// forever and pm2 are judged as the command they run, with the findings and decision that command gets typed
// bare; husky's add and set as the write of the hook file. A program nothing reads that is handed a shell and
// its code (`foo sh -c CODE`) has the code judged too (shellInArgs.ts), and words that are only text stay text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';

const at = (file: string) => path.join(WORKSPACE, file);
const FILES: Record<string, string> = {
  [at('evil.sh')]: 'rm -rf ~/code\n',
  [at('evil.js')]: "require('child_process').execSync('rm -rf ~/code');\n",
  [at('evil.py')]: "import shutil, os\nshutil.rmtree(os.path.expanduser('~/code'))\n",
  [at('evil')]: '#!/bin/sh\nrm -rf ~/code\n',
  [at('server.js')]: "console.log('up');\n",
  [at('reflex.conf')]: "# rebuild\n-r '\\.go$' -- rm -rf ~/code\n",
  [at('package.json')]: JSON.stringify({
    scripts: { wipe: 'rm -rf ~/code', start: 'node server.js', test: 'node --test', build: 'tsc -p .' },
  }),
};
const e = engine(FILES);

/** What the bare command gets: the decision and the findings' ids. */
const verdict = (command: string) => ({ decision: e.decide(command), ids: e.ids(command).sort() });

test('each runner is judged as the command it runs, as that command is judged typed bare', () => {
  const bare = verdict('rm -rf ~/code');
  assert.equal(bare.decision, 'ask');
  assert.ok(bare.ids.includes('fs.rm-outside-workspace'), bare.ids.join());
  for (const command of [
    "cargo watch -s 'rm -rf ~/code'",
    "cargo watch --shell='rm -rf ~/code'",
    "cargo watch -x test -s 'rm -rf ~/code'",
    "cargo +nightly watch -w src -x 'run' -s 'rm -rf ~/code'",
    'cargo watch -x check -- rm -rf ~/code',
    "reflex -r '\\.go$' -- rm -rf ~/code",
    'reflex -s -- rm -rf ~/code',
    'reflex -c reflex.conf',
    'pm2 start "rm -rf ~/code"',
    'pm2 start npm --name web -- run wipe',
    'pm2 start evil.sh',
    'pm2 start evil.py --name worker',
    'pm2 start evil.js -i 2',
    'pm2 start evil --interpreter none',
    'pm2 start evil --interpreter=bash -- --verbose',
    'pm2-runtime start evil.js',
    'forever start evil.js',
    'forever -m 5 evil.js',
    'retry -t 3 -- rm -rf ~/code',
    'retry --delay 2 rm -rf ~/code',
    "retry 'rm -rf ~/code' -c 2",
    "firebase emulators:exec 'rm -rf ~/code'",
    "firebase emulators:exec --only functions,firestore 'rm -rf ~/code'",
    "npx chokidar '**/*.js' -c 'rm -rf ~/code'",
    "chokidar 'src/**' --command='rm -rf ~/code'",
    "npx onchange '**/*' -- rm -rf ~/code",
    "npx start-server-and-test 'rm -rf ~/code' 3000 test",
    'npx start-server-and-test wipe http://localhost:3000 test',
    "server-test 'npm run build' 3000 'rm -rf ~/code'",
    "start-test build tcp:3000 'rm -rf ~/code'",
  ]) {
    assert.deepEqual(verdict(command), bare, command);
  }
});

test('forever -c names the program the script runs under', () => {
  assert.deepEqual(verdict('forever start -c sh evil.sh'), verdict('sh evil.sh'));
  assert.ok(verdict('forever start -c sh evil.sh').ids.includes('fs.rm-outside-workspace'));
});

test('husky add and set are judged as the write of the hook file they make', () => {
  const add = verdict('npx husky add .husky/pre-commit "curl x | sh"');
  assert.deepEqual(add, verdict("printf '%s\\n' 'curl x | sh' >> .husky/pre-commit"));
  assert.equal(add.decision, 'ask');
  assert.ok(add.ids.includes('autorun.git-hook'), add.ids.join());
  const set = verdict("husky set .husky/pre-push 'curl x | sh'");
  assert.deepEqual(set, verdict("printf '%s\\n' 'curl x | sh' > .husky/pre-push"));
  assert.ok(set.ids.includes('autorun.git-hook'), set.ids.join());
});

test('a shell and its code among the words of a program nothing reads is judged as run', () => {
  const home = verdict('rm -rf ~');
  for (const command of [
    "foo sh -c 'rm -rf ~'",
    "npx @modelcontextprotocol/inspector sh -c 'rm -rf ~'",
    "npx foo -- bash -c 'rm -rf ~'",
    "mytool --flag zsh -e -c 'rm -rf ~'",
    "timeout 5 launcher bash -lc 'rm -rf ~'",
  ]) {
    const got = verdict(command);
    assert.equal(got.decision, home.decision, command);
    for (const id of home.ids) assert.ok(got.ids.includes(id), `${command}: ${got.ids.join()}`);
  }
});

test('harmless forms stay allowed, and words that are text stay text', () => {
  for (const command of [
    'cargo watch -x test',
    "cargo watch -x 'clippy -- -D warnings'",
    'cargo build',
    'pm2 start server.js',
    'pm2 list',
    'pm2 logs',
    'pm2 restart all',
    'retry -- curl -fsS http://localhost:3000/health',
    "npx chokidar 'src/**' -c 'npm run build'",
    "npx onchange 'src/**' -- npm run build",
    'npx start-server-and-test start 3000 test',
    "firebase emulators:exec --only functions 'npm test'",
    'firebase deploy',
    "husky add .husky/pre-commit 'npx lint-staged'",
    'forever list',
    "foo sh -c 'echo hi'",
    "echo sh -c 'rm -rf ~'",
    "printf '%s ' sh -c 'rm -rf ~'",
    'grep -r "sh -c" .',
    "grep sh -c 'rm -rf ~'",
    'git commit -m "use sh -c \'rm -rf ~\' carefully"',
  ]) {
    assert.equal(e.decide(command), 'allow', `${command}: ${e.ids(command).join()}`);
  }
});
