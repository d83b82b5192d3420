// dist/cli.js keeps the parts most calls never run as comments, compiled only
// when a call runs them (scripts/front-parts.js, src/cli/frontPart.ts); the
// editor judge's client, which most hook calls run, is compiled with V8's code
// cache from the state folder. The cache is written once a judge answered, is
// taken by the next call, and a damaged or planted one changes no answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startJudgeServer } from '../../../src/channels/editorJudge/server';
import {
  CLI,
  ROOT,
  claudeDecision,
  fixture,
  readAudit,
  runHook,
  withInput,
  withSandbox,
  type Sandbox,
} from '../support/hookHarness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FRONT_PARTS } = require(path.join(ROOT, 'scripts', 'front-parts.js')) as { FRONT_PARTS: { name: string }[] };

const linux = process.platform === 'linux';

/** The client's code cache entries in the sandbox's state folder. */
function clientCaches(sb: Sandbox): string[] {
  const dir = path.join(sb.state, 'code-cache');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('front-client-')) : [];
}

async function withJudge(sb: Sandbox, fn: () => Promise<void>): Promise<void> {
  const build = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).stdout.trim().split(' ')[1];
  const judge = await startJudgeServer({ build, channels: () => [], stateDir: sb.state });
  try {
    await fn();
  } finally {
    await judge.close();
  }
}

/** A harmless call, answered (defer) and, when `byEditor`, recorded as the editor judge's. */
async function lsCall(sb: Sandbox, byEditor: boolean, env: Record<string, string> = {}): Promise<void> {
  const r = await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'ls -la' }), sb, env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(claudeDecision(r).decision, 'defer', r.stdout);
  assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
  assert.equal(readAudit(sb).at(-1)?.judge === 'editor', byEditor, JSON.stringify(readAudit(sb).at(-1)));
}

test('dist/cli.js holds each part of the front door as a comment after its own code', () => {
  const text = fs.readFileSync(CLI, 'utf8');
  const table = text.indexOf('function __agentguardFrontParts()');
  assert.ok(table > 0, 'the table of parts is there');
  for (const { name } of FRONT_PARTS) {
    const at = text.indexOf(`${JSON.stringify(name)}: [`, table);
    assert.ok(at > table, `the part ${name} is in the table`);
    const open = text.indexOf('function () {/*', at);
    const close = text.indexOf('*/}],', open);
    assert.ok(open > at && close > open, `the part ${name} is one comment`);
  }
  // The door's own code names no part's module: each is compiled only when a call needs it.
  assert.ok(!text.slice(0, table).includes('judge.request'), "the judge's client is a part, not the door's code");
});

test(
  "the judge's client runs from a code cache the first answered call writes and the next one takes",
  { skip: !linux },
  () =>
    withSandbox(async (sb) => {
      await withJudge(sb, async () => {
        await lsCall(sb, true);
        const [entry, ...more] = clientCaches(sb);
        assert.ok(entry, 'the first call the judge answered wrote the cache');
        assert.deepEqual(more, []);
        assert.match(entry, new RegExp(`^front-client-[0-9a-f]{16}-${process.version}-${process.arch}\\.cache$`));
        const file = path.join(sb.state, 'code-cache', entry);
        const written = fs.statSync(file);
        await lsCall(sb, true);
        // V8 took it: a refused cache is written again.
        assert.equal(fs.statSync(file).mtimeMs, written.mtimeMs);
        assert.equal(fs.statSync(file).ino, written.ino);
      });
    }),
);

test(
  'a damaged, foreign or planted client code cache changes no answer: refused, written again, never waited on',
  { skip: !linux },
  () =>
    withSandbox(async (sb) => {
      await withJudge(sb, async () => {
        await lsCall(sb, true);
        const [entry] = clientCaches(sb);
        const file = path.join(sb.state, 'code-cache', entry);
        const garbage = Buffer.alloc(8192, 0x5a);
        fs.writeFileSync(file, garbage);
        await lsCall(sb, true);
        assert.notDeepEqual(fs.readFileSync(file), garbage, 'refused by V8, so the call wrote it again');
        // The entries of three other builds stay beside this one's (installs used side by side); older ones go.
        const foreign = [1, 2, 3, 4].map((i) => {
          const other = path.join(sb.state, 'code-cache', `front-client-000000000000000${i}-v0.0.${i}-x64.cache`);
          fs.writeFileSync(other, garbage);
          fs.utimesSync(other, 1_000_000 + i, 1_000_000 + i);
          return path.basename(other);
        });
        fs.rmSync(file);
        await lsCall(sb, true);
        assert.deepEqual(clientCaches(sb).sort(), [entry, ...foreign.slice(1)].sort());
        // A FIFO where the cache belongs is not read: no writer ever comes, and the call is answered all the same.
        for (const other of foreign.slice(1)) fs.rmSync(path.join(sb.state, 'code-cache', other));
        fs.rmSync(file);
        assert.equal(spawnSync('mkfifo', [file]).status, 0);
        await lsCall(sb, true);
        assert.ok(fs.statSync(file).isFile(), 'the FIFO was replaced by the cache the call wrote');
      });
    }),
);

test('a call no judge answers, or one made with AGENTGUARD_JUDGE=off, writes no client cache', { skip: !linux }, () =>
  withSandbox(async (sb) => {
    await lsCall(sb, false);
    assert.deepEqual(clientCaches(sb), [], 'no judge listening: the full CLI answered');
    await withJudge(sb, async () => {
      await lsCall(sb, false, { AGENTGUARD_JUDGE: 'off' });
      assert.deepEqual(clientCaches(sb), [], 'the client was not even compiled');
      await lsCall(sb, true);
      assert.equal(clientCaches(sb).length, 1);
    });
  }),
);

// Where no editor judge's client runs (not Linux, AGENTGUARD_JUDGE=off) the door hands the call to the engine itself.
test('a front door whose bundle is missing blocks with exit 2 where no judge client runs either', () =>
  withSandbox(async (sb) => {
    const lonely = path.join(sb.root, 'dist');
    fs.mkdirSync(lonely);
    fs.copyFileSync(CLI, path.join(lonely, 'cli.js'));
    const r = await runHook(
      'claude',
      withInput(fixture('claude/bash', sb), { command: 'ls -la' }),
      sb,
      { AGENTGUARD_JUDGE: 'off' },
      sb.workspace,
      path.join(lonely, 'cli.js'),
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^AgentGuard: the hook could not start \(Cannot find module [^]*\); blocking\.\n$/);
    assert.equal(r.stdout, '');
  }));
