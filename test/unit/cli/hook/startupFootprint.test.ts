// What every agent command pays before the hook can answer: Node compiles
// dist/cli.js from source at each start, so the file's own code must stay the
// small front door — which command, the hook's state folder, the loader of
// its parts — and never carry the engine. The parts (the editor judge's
// client, the engine's loader, the shell gate, shell-init) are comments in it,
// compiled only by a call that runs them; the judge's client, which most hook
// calls run, through V8's code cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startJudgeServer } from '../../../../src/channels/editorJudge/server';
import {
  CLI,
  ROOT,
  claudeDecision,
  fixture,
  hookEnv,
  readAudit,
  runHook,
  withInput,
  withSandbox,
} from '../../support/hookHarness';

/**
 * Past this, something pulled more than the door's own work into the code Node compiles at every start: 76 KB
 * when the door's code held every part (the shell gate, shell-init's scripts, the engine's loader, the client).
 */
const DOOR_CODE_BUDGET = 9 * 1024;
/** The judge's client, compiled with a code cache at every call an editor answers (read and deserialized all the same). */
const CLIENT_BUDGET = 40 * 1024;
/** The whole file, parts included (578 KB when shell-init carried the engine, 115 KB with every host adapter). */
const FRONT_DOOR_BUDGET = 128 * 1024;

/** The text of part `name` of the front door (scripts/front-parts.js: the comment in its table entry). */
function partText(text: string, name: string): string {
  const at = text.indexOf(`${JSON.stringify(name)}: [`, text.indexOf('function __agentguardFrontParts()'));
  const open = text.indexOf('/*', at);
  return text.slice(open + 2, text.indexOf('*/}],', open));
}

test('the CLI front door compiled at every hook call holds no analyzer pack and stays small', () => {
  const text = fs.readFileSync(CLI, 'utf8');
  const bundle = fs.readFileSync(path.join(path.dirname(CLI), 'agentguard.js'), 'utf8');
  // A finding id every build of the engine carries: the bundle behind the door has it, the door must not.
  assert.ok(
    bundle.includes('http.protection-off'),
    'the engine bundle carries the packs (the check below would prove nothing otherwise)',
  );
  assert.ok(!text.includes('http.protection-off'), 'dist/cli.js carries the analyzer packs');
  assert.ok(
    text.length <= FRONT_DOOR_BUDGET,
    `dist/cli.js is ${text.length} bytes, over the ${FRONT_DOOR_BUDGET}-byte budget of the hook's front door`,
  );
  const code = text.indexOf('function __agentguardFrontParts()');
  assert.ok(code > 0, 'dist/cli.js has its parts');
  assert.ok(
    code <= DOOR_CODE_BUDGET,
    `dist/cli.js's own code is ${code} bytes, over the ${DOOR_CODE_BUDGET}-byte budget of what Node compiles at every start`,
  );
  const client = partText(text, 'client');
  assert.ok(client.includes('judge.request'), "the judge's client is the part named client");
  assert.ok(
    client.length <= CLIENT_BUDGET,
    `the judge's client is ${client.length} bytes, over its ${CLIENT_BUDGET}-byte budget`,
  );
});

// Node reads the package.json nearest the main script for its module type: one beside the door, or the extension's
// whole manifest above it, read and parsed at every call.
test('dist/ holds a package.json of its own that says CommonJS, and the package ships it', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(CLI), 'package.json'), 'utf8')) as unknown;
  assert.deepEqual(manifest, { type: 'commonjs' });
  const shipped = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
  assert.ok(shipped.includes('!dist/package.json'), '.vscodeignore does not ship dist/package.json');
});

test("shell-init, answered by the front door without the engine, still prints each shell's gate", () => {
  for (const shell of ['bash', 'zsh', 'fish', 'pwsh']) {
    const r = spawnSync(process.execPath, [CLI, 'shell-init', shell], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(
      new RegExp(`^# AgentGuard terminal gate for \\w+ \\(agentguard shell-init ${shell}\\)`).test(r.stdout),
      `${shell}: ${r.stdout.slice(0, 200)}`,
    );
    // The gate it prints runs this CLI on this Node for each line.
    assert.ok(r.stdout.includes(CLI) && r.stdout.includes(process.execPath), shell);
  }
});

/** A preload that writes Node's list of the built-in modules it loaded when the process exits. */
function moduleList(root: string): { preload: string; loaded(): string[] } {
  const preload = path.join(root, 'modules.js');
  const out = path.join(root, 'modules.txt');
  fs.writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, process.moduleLoadList.join('\\n')));\n`,
  );
  return { preload, loaded: () => fs.readFileSync(out, 'utf8').split('\n') };
}

test("a harmless call judged in the hook's own process loads neither node:crypto nor node:zlib (each over a millisecond to load)", () =>
  withSandbox(async (sb) => {
    const { preload, loaded: list } = moduleList(sb.root);
    for (const command of ['git status', 'ls -la']) {
      const r = await runHook('claude', withInput(fixture('claude/bash', sb), { command }), sb, {
        AGENTGUARD_JUDGE: 'off',
        NODE_OPTIONS: `--require ${preload}`,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(claudeDecision(r).decision, 'defer', r.stdout);
      const loaded = list();
      // The list is Node's own: it names what was loaded (the check below would prove nothing otherwise).
      assert.ok(loaded.includes('NativeModule vm'), 'the list names the modules the hook loaded');
      for (const m of ['NativeModule crypto', 'NativeModule zlib'])
        assert.ok(!loaded.includes(m), `${command}: the hook loaded ${m}`);
    }
  }));

// node:net, with the streams under it, is about 3 ms of every call to load: a payload already on stdin (socket pair
// from a Node host, pipe from a shell) is read without it (hook/stdin.ts), as is the answer written.
test(
  "a harmless call judged in the hook's own process, its payload on a socket pair or a pipe, does not load node:net",
  { skip: process.platform !== 'linux' },
  () =>
    withSandbox(async (sb) => {
      const { preload, loaded: list } = moduleList(sb.root);
      const env = { AGENTGUARD_JUDGE: 'off', NODE_OPTIONS: `--require ${preload}` };
      const input = JSON.stringify(withInput(fixture('claude/bash', sb), { command: 'git status' }));
      const socketPair = await runHook('claude', input, sb, env);
      assert.equal(claudeDecision(socketPair).decision, 'defer', socketPair.stderr);
      assert.ok(list().includes('NativeModule vm'), 'the list names the modules the hook loaded');
      assert.ok(!list().includes('NativeModule net'), 'socket pair: the hook loaded node:net');
      fs.writeFileSync(path.join(sb.root, 'payload.json'), input);
      const piped = spawnSync('/bin/sh', ['-c', 'cat "$PAYLOAD" | "$NODE" "$CLI" hook claude'], {
        cwd: sb.workspace,
        env: { ...hookEnv(sb, env), PAYLOAD: path.join(sb.root, 'payload.json'), NODE: process.execPath, CLI },
        encoding: 'utf8',
      });
      assert.equal(piped.status, 0, piped.stderr);
      assert.equal(piped.stdout.trim(), '', 'git status is left to the host');
      assert.ok(!list().includes('NativeModule net'), 'pipe: the hook loaded node:net');
    }),
);

// The path a VS Code user's agent takes all day: the front door hands the call to the editor's judge. It needs
// nothing that starts programs or hashes: node:child_process (with dgram under it) was loaded by the managed
// policy's ACL reader at every start, though it runs a program only under a managed policy. Nor node:net: the judge's
// socket is a bare pipe handle (hook/rawLineClient), as stdin is. node:vm it loads (0.1 ms): the client is compiled
// through it with V8's code cache, which saves it several milliseconds of compiling.
test(
  "a call the editor's judge answers loads neither node:net, node:child_process nor node:crypto",
  { skip: process.platform !== 'linux' },
  () =>
    withSandbox(async (sb) => {
      const { preload, loaded: list } = moduleList(sb.root);
      const build = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).stdout.trim().split(' ')[1];
      const judge = await startJudgeServer({ build, channels: () => [], stateDir: sb.state });
      try {
        const r = await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'ls -la' }), sb, {
          NODE_OPTIONS: `--require ${preload}`,
        });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(claudeDecision(r).decision, 'defer', r.stdout);
        assert.equal(
          readAudit(sb).at(-1)?.judge,
          'editor',
          "the editor judged the call (the list below is the client's)",
        );
        const loaded = list();
        assert.ok(loaded.includes('NativeModule fs'), 'the list names the modules the hook loaded');
        for (const m of ['NativeModule net', 'NativeModule child_process', 'NativeModule crypto'])
          assert.ok(!loaded.includes(m), `the judge's client loaded ${m}`);
      } finally {
        await judge.close();
      }
    }),
);

/** A preload that records, at exit, whether Node's stderr stream was built and whether `process.stderr` is Node's own again. */
function stderrWatch(root: string): { preload: string; seen(): { built: boolean; nodes: boolean } } {
  const preload = path.join(root, 'stderr.js');
  const out = path.join(root, 'stderr.json');
  fs.writeFileSync(
    preload,
    `const own = Object.getOwnPropertyDescriptor(process, 'stderr');
let built = false;
const watched = { ...own, get() { built = true; return own.get.call(process); } };
Object.defineProperty(process, 'stderr', watched);
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({
  built, nodes: Object.getOwnPropertyDescriptor(process, 'stderr').get === watched.get })));\n`,
  );
  return { preload, seen: () => JSON.parse(fs.readFileSync(out, 'utf8')) as { built: boolean; nodes: boolean } };
}

// Node's net reads process.stderr whenever it destroys a socket (to compare), which builds the stream: on a pipe, a
// socket of its own, most of a millisecond. The client writes with plain writes and never needed it.
test(
  "a call the editor's judge answers never builds Node's stderr stream; the CLI, when it takes over, gets Node's own",
  { skip: process.platform !== 'linux' },
  () =>
    withSandbox(async (sb) => {
      const { preload, seen } = stderrWatch(sb.root);
      const build = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).stdout.trim().split(' ')[1];
      const judge = await startJudgeServer({ build, channels: () => [], stateDir: sb.state });
      try {
        const r = await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'ls -la' }), sb, {
          NODE_OPTIONS: `--require ${preload}`,
        });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(readAudit(sb).at(-1)?.judge, 'editor', 'the editor judged the call');
        assert.equal(seen().built, false, "the judge's client built Node's stderr stream");
      } finally {
        await judge.close();
      }
      // No judge listening: the CLI judges the call itself, with process.stderr as Node defines it.
      const r = await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'rm -rf /' }), sb, {
        NODE_OPTIONS: `--require ${preload}`,
      });
      assert.equal(claudeDecision(r).decision, 'deny', r.stdout);
      assert.notEqual(readAudit(sb).at(-1)?.judge, 'editor');
      assert.equal(seen().nodes, true, "the CLI runs with a process.stderr that is not Node's own");
    }),
);
