// Words of a command that Object.prototype also holds (`constructor`,
// `__proto__`, `toString`...) are unknown words like any other: they must not
// reach a function of Object from a table keyed by program, subcommand or flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import '../support/account';
import { own, owns, table } from '../../../src/core/text/own';

const CLI = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');
const INHERITED = ['hasOwnProperty', '__proto__', 'constructor', 'toString', 'valueOf', 'isPrototypeOf'];

/** Judges `asked` with the built CLI's `check --batch` in a fresh home and workspace; one result per request. */
function judgeBatch(
  asked: { command: string; shell?: string }[],
): { command: string; decision: string; findings: { id: string }[] }[] {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-own-'));
  const ws = path.join(home, 'ws');
  fs.mkdirSync(ws);
  const r = spawnSync(process.execPath, [CLI, 'check', '--batch', '--workspace', ws], {
    input: asked.map((q) => JSON.stringify({ ...q, cwd: ws })).join('\n') + '\n',
    encoding: 'utf8',
    cwd: ws,
    env: { PATH: process.env.PATH ?? '', HOME: home },
  });
  fs.rmSync(home, { recursive: true, force: true });
  const results = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { command: string; decision: string; findings: { id: string }[] });
  assert.equal(results.length, asked.length, r.stderr);
  return results;
}

test('a table answers only for its own keys, never for what every object inherits', () => {
  const table: Record<string, number> = { git: 1 };
  assert.equal(own(table, 'git'), 1);
  for (const w of INHERITED) {
    assert.equal(own(table, w), undefined, w);
    assert.equal(owns(table, w), false, w);
  }
  assert.equal(own(undefined, 'git'), undefined);
  assert.equal(owns(table, 'git'), true);
});

test('a command named like a property of Object is judged like any unknown word, and what follows it still is', () => {
  const shapes = [
    (w: string) => `${w} && rm -rf /`,
    (w: string) => `${w}; rm -rf /`,
    (w: string) => `${w} x && rm -rf /`,
    (w: string) => `sudo ${w} && rm -rf /`,
    (w: string) => `git ${w} && rm -rf /`,
    (w: string) => `docker ${w} x; rm -rf /`,
    (w: string) => `kubectl --${w} && rm -rf /`,
    (w: string) => `claude ${w} ${w}; rm -rf /`,
    (w: string) => `copilot ${w} && rm -rf /`,
    (w: string) => `gradle ${w}; rm -rf /`,
    (w: string) => `${w}=1 rm -rf /`,
    (w: string) => `$${w} && rm -rf /`,
  ];
  const commands = ['rm -rf /', ...INHERITED.flatMap((w) => shapes.map((s) => s(w)))];
  const results = judgeBatch(commands.map((command) => ({ command })));
  const rootIds = (x: { findings: { id: string }[] }) =>
    x.findings.map((f) => f.id).filter((id) => id !== 'parse.unknown');
  const [bare, ...rest] = results;
  for (const x of rest) {
    const ids = x.findings.map((f) => f.id);
    assert.ok(!ids.includes('engine.internal-error') && !ids.includes('parse.too-deep'), `${x.command}: ${ids}`);
    assert.equal(x.decision, bare.decision, x.command);
    for (const id of rootIds(bare)) assert.ok(ids.includes(id), `${x.command} lacks ${id}: ${ids}`);
  }
});

test('a table written with any word as key keeps it as an ordinary entry, `__proto__` included', () => {
  const t = table<string>({ A: '1' }, undefined, { A: '2', B: '3' });
  for (const w of INHERITED) t[w] = w.toUpperCase();
  assert.equal(Object.getPrototypeOf(t), null);
  assert.deepEqual(Object.keys(t), ['A', 'B', ...INHERITED]);
  assert.equal(own(t, '__proto__'), '__PROTO__');
  assert.equal(JSON.parse(JSON.stringify(t)).constructor, 'CONSTRUCTOR');
  const copy = table(t);
  assert.equal(copy.__proto__, '__PROTO__');
});

test('a table holds what Object.assign would copy: own enumerable keys, in order, later sources winning', () => {
  // Sources as tables meet them: a request's environment parsed from JSON (its own `__proto__` key included),
  // numeric names (listed first by every copy), a table without a prototype, accessors and hidden keys.
  const fromJson = JSON.parse('{"PATH":"/bin","__proto__":"p","10":"ten","2":"two","HOME":"/h"}') as Record<
    string,
    string
  >;
  const bare = Object.create(null) as Record<string, string>;
  bare.HOME = '/other';
  bare['constructor'] = 'c';
  bare['1'] = 'one';
  const withHidden = Object.defineProperty({ SHOWN: 's' }, 'HIDDEN', { value: 'h', enumerable: false }) as Record<
    string,
    string
  >;
  const withGetter = Object.defineProperty({}, 'GOT', { get: () => 'g', enumerable: true }) as Record<string, string>;
  const inherited = Object.create({ INHERITED: 'i' }) as Record<string, string>;
  inherited.OWN = 'o';
  const sources = [fromJson, undefined, bare, withHidden, withGetter, inherited, { PATH: '/usr/bin' }];
  const expected = Object.assign(Object.create(null) as Record<string, string>, ...sources);
  const t = table<string>(...sources);
  assert.equal(Object.getPrototypeOf(t), null);
  assert.deepEqual(Object.keys(t), Object.keys(expected));
  for (const k of Object.keys(expected)) assert.equal(t[k], expected[k], k);
  assert.equal(own(t, '__proto__'), 'p');
  assert.equal(own(t, 'HIDDEN'), undefined);
  assert.equal(own(t, 'INHERITED'), undefined);
  assert.deepEqual(Object.keys(table()), []);
});

test('a variable named like a property of Object holds its value like any other name', () => {
  const shapes: [string, (n: string) => string][] = [
    ['bash', (n) => `${n}=/; rm -rf "$${n}"`],
    ['bash', (n) => `${n}=/ && rm -rf \${${n}}`],
    ['bash', (n) => `export ${n}=/; rm -rf "$${n}"/`],
    ['bash', (n) => `declare ${n}=/; rm -rf $${n}`],
    ['bash', (n) => `f(){ local ${n}=/; rm -rf "$${n}"; }; f`],
    ['bash', (n) => `${n}=/ bash -c 'rm -rf "$${n}"'`],
    ['bash', (n) => `env ${n}=/ sh -c 'rm -rf "$${n}"'`],
    ['bash', (n) => `sudo ${n}=/ sh -c 'rm -rf "$${n}"'`],
    ['pwsh', (n) => `$${n} = 'C:\\'; Remove-Item -Recurse -Force $${n}`],
    ['pwsh', (n) => `\${${n}} = 'C:\\'; Remove-Item -Recurse -Force \${${n}}`],
    ['cmd', (n) => `set ${n}=C:\\& rmdir /s /q %${n}%`],
  ];
  const names = ['X', '__proto__', 'constructor', 'toString', 'hasOwnProperty'];
  const requests = names.flatMap((n) => shapes.map(([shell, s]) => ({ command: s(n), shell })));
  const results = judgeBatch(requests);
  const said = (i: number) => `${results[i].decision} ${results[i].findings.map((f) => f.id).join(',')}`;
  assert.match(said(0), /^deny .*fs\.rm-root/);
  for (let i = shapes.length; i < requests.length; i++)
    assert.equal(said(i), said(i % shapes.length), requests[i].command);
});
