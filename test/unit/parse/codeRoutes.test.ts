// Routes to a shell-out the code reader would miss by the called function's
// name: child_process functions bound to other names or fetched by a computed
// member, Node's internal bindings, Python's ctypes, code evaluated from stdin;
// and the variables and wrappers that make a program run code (NODE_OPTIONS,
// ENV of an interactive sh, GCONV_PATH, dbus-launch). The built CLI judges each
// line, with real files in a throwaway workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluatesStdin, nodeCallNames, pythonNativeCall } from '../../../src/core/parse/codeRoutes';
import { runCli, withSandbox, type Sandbox } from '../support/hookHarness';

/** Deleting the home: the sandbox's home holds the state folder, which is reported first there. */
const RM_HOME = /^(?:fs\.rm-home|path\.agentguard)$/;

function judge(sb: Sandbox, command: string): { decision: string; ids: string[] } {
  const r = runCli(sb, ['check', '--json', '--', command]);
  const out = JSON.parse(r.stdout) as { decision: string; findings: { id: string }[] };
  return { decision: out.decision, ids: out.findings.map((f) => f.id) };
}

test('functions of child_process bound to other names are read under their own', () => {
  assert.match(nodeCallNames('const {execSync: x} = require("child_process"); x("id")').code, /execSync\("id"\)/);
  assert.match(nodeCallNames('import { spawnSync as s } from "node:child_process"; s("id")').code, /spawnSync\("id"\)/);
  assert.match(nodeCallNames('const cp = require("child_process"); const r = cp.exec; r("id")').code, /exec\("id"\)/);
  assert.match(nodeCallNames('const cp = require("child_process"); cp["execSync"]("id")').code, /cp\.execSync\("id"\)/);
  assert.ok(nodeCallNames('const cp = require("child_process"); cp["exec"+"Sync"]("id")').unknown);
  assert.match(
    nodeCallNames('const {execSync: x} = process.getBuiltinModule("child_process"); x("id")').code,
    /execSync\("id"\)/,
  );
  assert.ok(nodeCallNames('require("fs")[name](p)').unknown);
  assert.ok(nodeCallNames('process.binding("spawn_sync").spawn(o)').unknown);
  assert.equal(nodeCallNames('const o = {a: 1}; console.log(o["a"])').unknown, undefined);
  assert.ok(pythonNativeCall('import ctypes; ctypes.CDLL(None).system(b"id")'));
  assert.ok(pythonNativeCall('from ctypes import cdll; cdll.LoadLibrary("libc.so.6")'));
  assert.equal(pythonNativeCall('import ctypes; print(ctypes.sizeof(ctypes.c_int))'), undefined);
  assert.ok(evaluatesStdin('perl', "eval(join '', <STDIN>)"));
  assert.ok(evaluatesStdin('perl', 'eval do { local $/; <STDIN> }'));
  assert.ok(!evaluatesStdin('perl', 'print while <STDIN>'));
});

test('the attack spellings are gated, their everyday neighbours stay quiet', async () => {
  await withSandbox(async (sb) => {
    fs.writeFileSync(path.join(sb.workspace, 'f.pl'), 'system("rm -rf ~");\n');
    fs.writeFileSync(path.join(sb.workspace, 'x.sh'), 'rm -rf ~\n');
    fs.writeFileSync(path.join(sb.workspace, 'n.txt'), 'a[$(rm -rf ~)]\n');
    fs.writeFileSync(path.join(sb.workspace, 'num.txt'), '41\n');
    fs.writeFileSync(path.join(sb.workspace, 'x.js'), 'require("child_process").execSync("rm -rf ~")\n');
    fs.writeFileSync(path.join(sb.workspace, 'package.json'), '{"name":"a","scripts":{"test":"node t.js"}}\n');
    const gated: [string, string | RegExp][] = [
      [`node -e 'const {execSync: x} = require("child_process"); x("rm -rf ~")'`, RM_HOME],
      // Literals added together are one name (literalJoin.ts): the call is read through to what it runs.
      [`node -e 'const cp = require("child_process"); cp["exec"+"Sync"]("rm -rf ~")'`, RM_HOME],
      [`node -e 'const cp = require("child_process"); cp[process.argv[1]]("rm -rf ~")'`, 'exec.obfuscated-code'],
      [`node -e 'process.binding("spawn_sync")'`, 'exec.obfuscated-code'],
      [`python3 -c 'import ctypes; ctypes.CDLL(None).system(b"rm -rf ~")'`, 'exec.obfuscated-code'],
      [`python3 -c 'import ctypes; ctypes.CDLL("libc.so.6").system(b"rm -rf ~")'`, 'exec.obfuscated-code'],
      [`perl -e "eval(join '', <STDIN>)" < f.pl`, RM_HOME],
      [`perl -e 'eval do { local $/; <STDIN> }' < f.pl`, RM_HOME],
      [`perl -e 'eval do { local $/; <STDIN> }'`, 'exec.piped-code'],
      [`NODE_OPTIONS='--require ./x.js' npm test`, RM_HOME],
      [`ENV=./x.sh sh -i -c true`, RM_HOME],
      [`GCONV_PATH=/tmp/x iconv -f utf8 -t latin1 f.pl`, 'exec.loader-variable'],
      [`dbus-launch rm -rf ~`, RM_HOME],
      [`dbus-run-session -- rm -rf ~`, RM_HOME],
      ['echo $(( $(cat n.txt) ))', RM_HOME],
      ['echo $(( $(< n.txt) + 1 ))', RM_HOME],
    ];
    for (const [command, id] of gated) {
      const r = judge(sb, command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.ids.some((x) => (typeof id === 'string' ? x === id : id.test(x))),
        `${command}: ${r.ids.join(',')}`,
      );
    }
    for (const command of [
      `node -e 'console.log(require("fs").readFileSync("package.json","utf8"))'`,
      `node -e 'const {readFileSync: r} = require("fs"); console.log(r("package.json","utf8"))'`,
      'NODE_OPTIONS=--max-old-space-size=4096 npm run build',
      `python3 -c "import ctypes; print(ctypes.sizeof(ctypes.c_int))"`,
      `perl -ne 'print if /x/' < f.pl`,
      'ENV=production sh -c true',
      'GCONV_PATH=/usr/lib/x86_64-linux-gnu/gconv iconv -f utf8 -t latin1 f.pl',
      'dbus-launch gnome-terminal',
      'echo $((1+2))',
      'echo $(( $(cat num.txt) + 1 ))',
    ]) {
      const r = judge(sb, command);
      assert.equal(r.decision, 'allow', `${command}: ${r.ids.join(',')}`);
    }
  });
});
