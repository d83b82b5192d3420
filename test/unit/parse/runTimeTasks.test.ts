// cargo-make, turbo and nx run a task whose name may be known only when the line runs (`cargo make "$T"`,
// `turbo run "$T"`, `nx run "$P"`). The task named `$T` was not found, nothing was read, and a harmful task beside it
// ran allowed. Every task the word could name is now read, as `make "$T"` and `npm run "$S"` are. The built CLI is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, withSandbox } from '../support/hookHarness';

type Sandbox = Parameters<Parameters<typeof withSandbox>[0]>[0];

function verdict(sb: Sandbox, command: string): { decision: string; findings: { id: string }[] } {
  return JSON.parse(runCli(sb, ['check', '--json', '--', command]).stdout) as {
    decision: string;
    findings: { id: string }[];
  };
}

test('a cargo-make, turbo or nx task named at run time reads every task it could be', async () => {
  await withSandbox(async (sb) => {
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(sb.workspace, file)), { recursive: true });
      fs.writeFileSync(path.join(sb.workspace, file), text);
    };
    write('Makefile.toml', '[tasks.hi]\nscript = "echo hi"\n[tasks.wipe]\nscript = "rm -rf ~/.agentguard"\n');
    write(
      'package.json',
      JSON.stringify({ name: 'root', scripts: { 'build:web': 'tsc', 'clean:all': 'rm -rf ~/.agentguard' } }),
    );
    write(
      'apps/web/project.json',
      JSON.stringify({ name: 'web', targets: { reset: { command: 'rm -rf ~/.agentguard' } } }),
    );
    write('nx.json', '{}');
    const gated = [
      'cargo make "$T"',
      'makers "$1"',
      'cargo make --makefile "$F" hi',
      'turbo run "$T"',
      'npx turbo "clean:$X"',
      'nx run "$P"',
      'nx run "$P:reset"',
      'nx "$T" web',
    ];
    for (const command of gated) assert.notEqual(verdict(sb, command).decision, 'allow', command);
    // The word's fixed parts narrow what it could be: only `build:` scripts, none of them harmful.
    for (const command of ['turbo run "build:$ENV"', 'cargo make "h$X"', 'cargo make hi', 'nx run "web:b$X"'])
      assert.equal(verdict(sb, command).decision, 'allow', command);
    const v = verdict(sb, 'cargo make --makefile "$F" hi');
    assert.ok(
      v.findings.some((f) => f.id === 'parse.too-complex'),
      JSON.stringify(v.findings),
    );
  });
});
