// Every command the reader hands the packs has every key of SimpleCommand, in one order (normalize/emit.ts), so
// V8 keeps one hidden class for all of them. Before, each mix of optional keys (stdin, stdoutTo, remote, braces …)
// made a class of its own: about thirty over the corpus, and the packs' reads of a command went through V8's
// slower lookups wherever more than one met.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { normalize } from '../../../../src/core/parse/normalize';
import { ctx, HOME, WORKSPACE } from '../../support/helpers';

// Lines whose commands each hold a different mix of the optional keys.
const LINES = [
  'rm -rf build',
  'echo hi | cat', // stdin, stdinFrom, stdoutTo
  'cat <<< "text"', // stdin
  'ls "$(pwd)"', // stdoutTo, captured
  'ssh db-prod rm -rf /tmp/x', // remote
  'find . -name "*.o" | xargs rm', // stdinFrom, repeated
  'rm -rf "$(pwd)"/{a,b}', // braces
  'pg_dump app | gzip | ssh backup "cat > app.gz"', // stdinOrigin, remote
  'ls | grep old | xargs rm', // stdinLister, repeated
];

const OPTIONAL = [
  'stdin',
  'stdinFrom',
  'stdinOrigin',
  'stdinLister',
  'stdoutTo',
  'captured',
  'remote',
  'repeated',
  'braces',
];

test('commands read from lines of every form have the same keys in the same order', () => {
  const commands = LINES.flatMap((command) => normalize({ command, cwd: WORKSPACE, env: { HOME } }, ctx()).commands);
  const set = (key: string) => commands.some((c) => (c as unknown as Record<string, unknown>)[key] !== undefined);
  for (const key of OPTIONAL) assert.ok(set(key), `some line gives a command its ${key}`);
  const keys = Object.keys(commands[0]);
  for (const key of OPTIONAL) assert.ok(keys.includes(key), `${key} is a key of every command, undefined where absent`);
  for (const c of commands) assert.deepEqual(Object.keys(c), keys, c.source);
});

test('commands read from lines of every form share one hidden class in V8', () => {
  // %HaveSameMap needs V8's natives syntax: a child process of its own, reading the same compiled modules.
  const core = path.resolve(__dirname, '..', '..', '..', '..', 'src', 'core');
  const script = `
    const { makeContext } = require(${JSON.stringify(path.join(core, 'engine.js'))});
    const { normalize } = require(${JSON.stringify(path.join(core, 'parse', 'normalize', 'index.js'))});
    const ctx = makeContext({ workspace: '/w', home: '/h', platform: 'linux' }, {});
    const classes = [];
    let count = 0;
    for (const command of ${JSON.stringify(LINES)})
      for (const c of normalize({ command, cwd: '/w', env: { HOME: '/h' } }, ctx).commands) {
        count++;
        if (!classes.some((k) => %HaveSameMap(k, c))) classes.push(c);
      }
    process.stdout.write(JSON.stringify({ count, classes: classes.length }));
  `;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const { count, classes } = JSON.parse(r.stdout) as { count: number; classes: number };
  assert.ok(count >= LINES.length, `${count} commands read from ${LINES.length} lines`);
  assert.equal(classes, 1, `${classes} hidden classes for ${count} commands`);
});
