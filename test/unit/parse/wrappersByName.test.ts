// unwrap finds the reader of a wrapper known by name in one table (wrappers/byName.ts): a name is read as a wrapper
// exactly when it has an entry, with no second list of the names to fall out of step. These rows are the names the
// switch the table replaced had a case for, each with a command its reader unwraps and the lines normalize gave for
// it under that switch: every name keeps a reader, and every reader still reads what it read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { NAMED_WRAPPERS } from '../../../src/core/parse/wrappers/byName';
import { normalize } from '../../../src/core/parse/normalize';
import type { AnalysisContext } from '../../../src/core/types';

/** A script's first line hands it to sh: a program run by path is read through it (pathScripts.ts). */
const BY_PATH = '#!/bin/sh\nrm -rf /w/x\n';
const FILES: Record<string, string> = {
  '/w/package.json': JSON.stringify({ scripts: { build: 'rm -rf /w/x' } }),
  '/w/composer.json': JSON.stringify({ scripts: { build: 'rm -rf /w/x' } }),
  '/w/deno.json': JSON.stringify({ tasks: { build: 'rm -rf /w/x' } }),
  '/w/Makefile': 'all:\n\trm -rf /w/x\n',
  '/w/justfile': 'build:\n    rm -rf /w/x\n',
  '/w/Taskfile.yml': "version: '3'\ntasks:\n  build:\n    cmds:\n      - rm -rf /w/x\n",
  '/w/x.sh': 'rm -rf /w/x\n',
  '/w/main.ts': "import { execSync } from 'child_process';\nexecSync('rm -rf /w/x');\n",
  '/w/gen.go': '//go:generate rm -rf /w/x\npackage main\n',
  '/w/a.txt': 'x\n',
  '/w/go': BY_PATH,
  '/w/deno': BY_PATH,
};
const ctx: AnalysisContext = {
  workspace: '/w',
  home: '/h',
  tempDirs: ['/tmp'],
  readFile: (p, cwd) => FILES[path.resolve(cwd, p)],
};

/** The commands normalize reads from a line, then its findings' ids (`!id`). */
function lines(command: string): string[] {
  const n = normalize({ command, cwd: '/w', env: {}, dialect: 'bash' }, ctx);
  return [...n.commands.map((c) => c.argv.join(' ')), ...n.findings.map((f) => `!${f.id}`)];
}

/** [name, a command its reader unwraps, what normalize read from it when a switch case did the reading]. */
const READ: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['coreutils', 'coreutils rm -rf /w/x', ['rm -rf /w/x']],
  ['timeout', 'timeout 5 rm -rf /w/x', ['rm -rf /w/x']],
  ['watch', 'watch -n 1 rm -rf /w/x', ['rm -rf /w/x']],
  ['agentguard-run', 'agentguard-run id -- rm -rf /w/x', ['rm -rf /w/x']],
  ['flock', 'flock /tmp/l rm -rf /w/x', ['rm -rf /w/x']],
  ['script', "script -qc 'rm -rf /w/x' /dev/null", ['rm -rf /w/x']],
  ['tmux', "tmux new-session -d 'rm -rf /w/x'", ['rm -rf /w/x']],
  ['expect', "expect -c 'exec rm -rf /w/x'", ['rm -rf /w/x']],
  ['tclsh', "tclsh <<< 'exec rm -rf /w/x'", ['rm -rf /w/x']],
  ['wish', "wish <<< 'exec rm -rf /w/x'", ['rm -rf /w/x']],
  ['kamal', "kamal app exec 'rm -rf /w/x'", ['rm -rf /w/x', 'kamal app exec rm -rf /w/x']],
  ['screen', 'screen -dm rm -rf /w/x', ['rm -rf /w/x']],
  ['systemd-run', 'systemd-run --unit u rm -rf /w/x', ['rm -rf /w/x']],
  ['awk', 'awk \'BEGIN { system("rm -rf /w/x") }\'', ['rm -rf /w/x', 'awk BEGIN { system("rm -rf /w/x") }']],
  ['gawk', 'gawk \'BEGIN { system("rm -rf /w/x") }\'', ['rm -rf /w/x', 'gawk BEGIN { system("rm -rf /w/x") }']],
  ['mawk', 'mawk \'BEGIN { system("rm -rf /w/x") }\'', ['rm -rf /w/x', 'mawk BEGIN { system("rm -rf /w/x") }']],
  ['nawk', 'nawk \'BEGIN { system("rm -rf /w/x") }\'', ['rm -rf /w/x', 'nawk BEGIN { system("rm -rf /w/x") }']],
  ['sed', "sed '1e rm -rf /w/x' a.txt", ['rm -rf /w/x', 'sed 1e rm -rf /w/x a.txt']],
  ['gsed', "gsed '1e rm -rf /w/x' a.txt", ['rm -rf /w/x', 'gsed 1e rm -rf /w/x a.txt']],
  ['rg', 'rg --pre ./x.sh foo', ['rm -rf /w/x', 'x.sh ./*', 'rg --pre ./x.sh foo']],
  ['at', "at now <<< 'rm -rf /w/x'", ['rm -rf /w/x']],
  ['batch', "batch <<< 'rm -rf /w/x'", ['rm -rf /w/x']],
  ['su', "su -c 'rm -rf /w/x'", ['rm -rf /w/x']],
  ['eval', "eval 'rm -rf /w/x'", ['rm -rf /w/x']],
  ['xargs', 'echo /w/x | xargs rm -rf', ['echo /w/x', 'rm -rf /w/x']],
  ['xe', 'echo /w/x | xe rm -rf', ['echo /w/x', 'rm -rf /w/x']],
  ['find', 'find . -exec rm -rf {} +', ['rm -rf ./**', 'find . -exec rm -rf {} +']],
  ['fd', 'fd -x rm -rf', ['rm -rf ./**', 'fd -x rm -rf']],
  ['fdfind', 'fdfind -x rm -rf', ['rm -rf ./**', 'fdfind -x rm -rf']],
  ['parallel', 'parallel rm -rf ::: /w/x', ['rm -rf /w/x']],
  ['ssh', 'ssh host rm -rf /w/x', ['rm -rf /w/x']],
  ['docker', 'docker exec c rm -rf /w/x', ['docker exec c rm -rf /w/x', 'rm -rf /w/x']],
  ['podman', 'podman exec c rm -rf /w/x', ['podman exec c rm -rf /w/x', 'rm -rf /w/x']],
  ['nerdctl', 'nerdctl exec c rm -rf /w/x', ['nerdctl exec c rm -rf /w/x', 'rm -rf /w/x']],
  ['docker-compose', 'docker-compose exec s rm -rf /w/x', ['docker-compose exec s rm -rf /w/x', 'rm -rf /w/x']],
  ['kubectl', 'kubectl exec p -- rm -rf /w/x', ['kubectl exec p -- rm -rf /w/x', 'rm -rf /w/x']],
  ['oc', 'oc exec p -- rm -rf /w/x', ['oc exec p -- rm -rf /w/x', 'rm -rf /w/x']],
  ['uv', 'uv tool run rimraf /w/x', ['uv tool run rimraf /w/x', 'rimraf /w/x']],
  ['npx', 'npx rimraf /w/x', ['rimraf /w/x']],
  ['bunx', 'bunx rimraf /w/x', ['rimraf /w/x']],
  ['pnpx', 'pnpx rimraf /w/x', ['rimraf /w/x']],
  ['bun', 'bun run build', ['rm -rf /w/x']],
  ['deno', 'deno task build', ['rm -rf /w/x', 'deno task build']],
  ['tsx', 'tsx main.ts', ['rm -rf /w/x', 'tsx main.ts']],
  ['ts-node', 'ts-node main.ts', ['rm -rf /w/x', 'ts-node main.ts']],
  ['ts-node-esm', 'ts-node-esm main.ts', ['rm -rf /w/x', 'ts-node-esm main.ts']],
  ['esno', 'esno main.ts', ['rm -rf /w/x', 'esno main.ts']],
  ['vite-node', 'vite-node main.ts', ['rm -rf /w/x', 'vite-node main.ts']],
  ['npm', 'npm run build', ['rm -rf /w/x']],
  ['pnpm', 'pnpm run build', ['rm -rf /w/x']],
  ['yarn', 'yarn build', ['rm -rf /w/x']],
  ['git', "git rebase --exec 'rm -rf /w/x' HEAD~1", ['rm -rf /w/x', 'git rebase --exec rm -rf /w/x HEAD~1']],
  ['make', 'make all', ['rm -rf /w/x', 'make all']],
  ['gmake', 'gmake all', ['rm -rf /w/x', 'gmake all']],
  ['just', 'just build', ['rm -rf /w/x', 'just build']],
  ['task', 'task build', ['rm -rf /w/x', 'task build']],
  ['go-task', 'go-task build', ['rm -rf /w/x', 'go-task build']],
  ['composer', 'composer run build', ['rm -rf /w/x', 'composer run build']],
  ['go', 'go generate gen.go', ['rm -rf /w/x']],
  ['doppler', 'doppler run -- rm -rf /w/x', ['rm -rf /w/x']],
  ['op', 'op run -- rm -rf /w/x', ['rm -rf /w/x']],
  ['infisical', 'infisical run -- rm -rf /w/x', ['rm -rf /w/x']],
  ['dotenv', 'dotenv -- rm -rf /w/x', ['rm -rf /w/x']],
  ['dotenvx', 'dotenvx run -- rm -rf /w/x', ['rm -rf /w/x']],
  ['aws-vault', 'aws-vault exec prod -- rm -rf /w/x', ['rm -rf /w/x']],
  ['railway', 'railway run rm -rf /w/x', ['rm -rf /w/x']],
  ['env-cmd', 'env-cmd rm -rf /w/x', ['rm -rf /w/x']],
  ['with-env', 'with-env rm -rf /w/x', ['rm -rf /w/x']],
  ['heroku', "heroku run 'rm -rf /w/x'", ['rm -rf /w/x', 'heroku run rm -rf /w/x']],
  ['fly', "fly ssh console -C 'rm -rf /w/x'", ['rm -rf /w/x', 'fly ssh console -C rm -rf /w/x']],
  ['flyctl', "flyctl ssh console -C 'rm -rf /w/x'", ['rm -rf /w/x', 'flyctl ssh console -C rm -rf /w/x']],
  [
    'gcloud',
    "gcloud compute ssh vm --command 'rm -rf /w/x'",
    ['rm -rf /w/x', 'gcloud compute ssh vm --command rm -rf /w/x'],
  ],
  [
    'aws',
    'aws ssm send-command --instance-ids i-1 --document-name AWS-RunShellScript --parameters \'commands=["rm -rf /w/x"]\'',
    [
      'rm -rf /w/x',
      'aws ssm send-command --instance-ids i-1 --document-name AWS-RunShellScript --parameters commands=["rm -rf /w/x"]',
    ],
  ],
  [
    'az',
    "az vm run-command invoke -g g -n vm --command-id RunShellScript --scripts 'rm -rf /w/x'",
    ['rm -rf /w/x', 'az vm run-command invoke -g g -n vm --command-id RunShellScript --scripts rm -rf /w/x'],
  ],
  ['trap', "trap 'rm -rf /w/x' EXIT", ['rm -rf /w/x']],
  ['powershell', "powershell -Command 'Remove-Item -Recurse /w/x'", ['rm -r -- /w/x']],
  ['powershell.exe', "powershell.exe -Command 'Remove-Item -Recurse /w/x'", ['rm -r -- /w/x']],
  ['pwsh', "pwsh -Command 'Remove-Item -Recurse /w/x'", ['rm -r -- /w/x']],
  ['pwsh.exe', "pwsh.exe -Command 'Remove-Item -Recurse /w/x'", ['rm -r -- /w/x']],
  ['cmd', "cmd /c 'rd /s /q x'", ['rm -r -f -- x']],
  ['cmd.exe', "cmd.exe /c 'rd /s /q x'", ['rm -r -f -- x']],
  ['wsl', 'wsl rm -rf /w/x', ['rm -rf /w/x']],
  ['wsl.exe', 'wsl.exe rm -rf /w/x', ['rm -rf /w/x']],
  ['runas', "runas /user:admin 'rm -rf /w/x'", ['rm -rf /w/x']],
  ['runas.exe', "runas.exe /user:admin 'rm -rf /w/x'", ['rm -rf /w/x']],
  [
    'osascript',
    'osascript -e \'do shell script "rm -rf /w/x"\'',
    ['rm -rf /w/x', 'osascript -e do shell script "rm -rf /w/x"'],
  ],
  ['sqlite3', "sqlite3 db.sqlite '.shell rm -rf /w/x'", ['rm -rf /w/x', 'sqlite3 db.sqlite .shell rm -rf /w/x']],
  ['sqlite', "sqlite db.sqlite '.shell rm -rf /w/x'", ['rm -rf /w/x', 'sqlite db.sqlite .shell rm -rf /w/x']],
  [
    'mongosh',
    'mongosh --eval \'require("child_process").execSync("rm -rf /w/x")\'',
    ['rm -rf /w/x', 'mongosh --eval require("child_process").execSync("rm -rf /w/x")'],
  ],
  [
    'mongo',
    'mongo --eval \'require("child_process").execSync("rm -rf /w/x")\'',
    ['rm -rf /w/x', 'mongo --eval require("child_process").execSync("rm -rf /w/x")'],
  ],
  [
    'schtasks',
    "schtasks /create /tn t /tr 'rm -rf /w/x' /sc once",
    ['rm -rf /w/x', 'schtasks /create /tn t /tr rm -rf /w/x /sc once'],
  ],
  [
    'schtasks.exe',
    "schtasks.exe /create /tn t /tr 'rm -rf /w/x' /sc once",
    ['rm -rf /w/x', 'schtasks.exe /create /tn t /tr rm -rf /w/x /sc once'],
  ],
  ['gsudo', 'gsudo rm -rf /w/x', ['rm -rf /w/x']],
  ['source', 'source x.sh', ['rm -rf /w/x', 'source x.sh']],
  ['.', '. x.sh', ['rm -rf /w/x', '. x.sh']],
];

test('every wrapper the replaced switch named has a reader in the table', () => {
  const missing = READ.map(([name]) => name).filter((name) => typeof NAMED_WRAPPERS.get(name) !== 'function');
  assert.deepEqual(missing, []);
  assert.equal(new Set(READ.map(([name]) => name)).size, 95, 'the switch had 95 case labels');
});

test('each named wrapper is read as the switch read it, and its reader is what reads it', () => {
  for (const [name, command, expected] of READ) {
    assert.deepEqual(lines(command), expected, command);
    // The same line under a name the table lacks reads less: the row shows the reader at work.
    const word = new RegExp(`(^| )${name.replace(/[.]/g, '\\.')}(?= )`);
    const unknown = (s: string) => s.replace(word, '$1zz-unknown');
    assert.notDeepEqual(lines(unknown(command)), expected.map(unknown), `${command}: the reader added nothing`);
  }
});

test('go falls through to the reading by kind when it runs no generate; deno never does', () => {
  // `./go version`: not `go generate`, so the script at ./go is read as any program run by path is.
  assert.deepEqual(lines('./go version'), ['rm -rf /w/x', 'go version']);
  assert.deepEqual(lines('./deno fmt'), ['deno fmt']);
});

test('a name the table lacks goes past it to the reading by kind', () => {
  for (const name of ['bash', 'sh', 'python3', 'x.sh', 'zz-unknown', 'ls'])
    assert.equal(NAMED_WRAPPERS.has(name), false);
  assert.deepEqual(lines("bash -c 'rm -rf /w/x'"), ['rm -rf /w/x']);
  assert.deepEqual(lines('./x.sh'), ['rm -rf /w/x', 'x.sh']);
  assert.deepEqual(lines('ls -la /w'), ['ls -la /w']);
});
