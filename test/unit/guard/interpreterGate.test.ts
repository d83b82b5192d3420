// The guard pack reads the code of every interpreter the shared interpreter
// reader knows (parse/interpreterNames.ts): inline, piped in or run from a
// script file. Code that deletes or overwrites AgentGuard's own state gets
// the guard pack's own finding whatever interpreter runs it, so the check
// never rests on another pack alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { guardPack } from '../../../src/core/packs/guard';
import { inlineCodeFlags, interpreterOf } from '../../../src/core/parse/interpreters';
import { INTERPRETER_NAMES, type InterpreterLanguage } from '../../../src/core/parse/interpreterNames';
import type { SimpleCommand } from '../../../src/core/types';
import { ctx, simple, WORKSPACE } from '../support/helpers';

/** Code in each language that deletes or overwrites a file of AgentGuard's state folder. */
const HARM: Record<InterpreterLanguage, string> = {
  python: 'import os\nos.remove(os.path.expanduser("~/.local/state/agentguard/killswitch.json"))\n',
  node: 'require("fs").rmSync(process.env.HOME + "/.local/state/agentguard", { recursive: true })\n',
  ruby: 'File.write(File.join(Dir.home, ".local/state/agentguard/audit.jsonl"), "")\n',
  perl: 'unlink "$ENV{HOME}/.local/state/agentguard/killswitch.json";\n',
  php: 'unlink(getenv("HOME") . "/.local/state/agentguard/killswitch.json");\n',
  lua: 'os.remove(os.getenv("HOME") .. "/.local/state/agentguard/killswitch.json")\n',
  r: 'unlink("~/.local/state/agentguard", recursive = TRUE)\n',
  julia: 'write(expanduser("~/.local/state/agentguard/audit.jsonl"), "")\n',
};

/** Every program name the interpreter reader knows, in its plain and versioned spellings. */
const NAMES = [
  'python',
  'python3',
  'python3.12',
  'py',
  'pypy',
  'pypy3',
  'node',
  'nodejs',
  'bun',
  'deno',
  'ruby',
  'perl',
  'php',
  'php8.2',
  'lua',
  'luajit',
  'lua5.4',
  'texlua',
  'texluajit',
  'Rscript',
  'R',
  'julia',
];

const SCRIPT = `${WORKSPACE}/tools/reset.code`;

/** The guard pack's own finding ids for one command, nothing from the other packs. */
function guardIds(argv: string[], extra: Partial<SimpleCommand> = {}, code = ''): string[] {
  const found = guardPack.analyze(simple(argv, extra), ctx({ [SCRIPT]: code })) ?? [];
  return found.map((f) => f.id);
}

/** The ways of running `code` under `name` whose guard findings lack guard.state. */
function misses(name: string, code: string): string[] {
  const lang = interpreterOf(name);
  assert.ok(lang, `${name} is an interpreter the reader knows`);
  const flag = inlineCodeFlags(lang)[0];
  assert.ok(flag, `${name} has an inline-code flag`);
  const script = path.relative(WORKSPACE, SCRIPT);
  // R runs a script named by -f; the others take it as their first word.
  const scriptArgv = name === 'R' ? [name, '-f', script] : [name, script];
  // Inline code is in the command's own text, which the pack reads for every program; the script file and
  // the piped-in code reach the pack only through its interpreter check.
  const cases: Array<[string, string[]]> = [
    [`${name} ${flag} CODE`, guardIds([name, flag, code])],
    [`${name} ${scriptArgv.slice(1).join(' ')}`, guardIds(scriptArgv, {}, code)],
    [`${name} <<EOF`, guardIds([name], { stdin: code })],
  ];
  return cases.filter(([, ids]) => !ids.includes('guard.state')).map(([what]) => what);
}

test("code of every interpreter the reader knows that harms AgentGuard's state gets the guard pack's finding", () => {
  assert.deepEqual(
    NAMES.flatMap((name) => misses(name, HARM[interpreterOf(name) ?? 'python'])),
    [],
  );
});

// Reads the reader's table itself: a name added there that the guard pack's check skips fails here.
test("every name in the interpreter reader's table reaches the guard pack's code check", () => {
  assert.ok(INTERPRETER_NAMES.size >= 14);
  const missed = [...INTERPRETER_NAMES].flatMap(([name, language]) => misses(name, HARM[language]));
  assert.deepEqual(missed, []);
  for (const name of INTERPRETER_NAMES.keys()) assert.ok(NAMES.includes(name), `${name} is in this file's list too`);
});

test('a script R is given with --file= is read', () => {
  assert.ok(guardIds(['R', '--no-save', '--file=tools/reset.code'], {}, HARM.r).includes('guard.state'));
  assert.deepEqual(guardIds(['R', '--no-save', '--file=tools/reset.code'], {}, 'print(1)\n'), []);
});

test('the same code in a program that is no interpreter is not read as code', () => {
  const code = HARM.python;
  for (const name of ['pyflakes', 'nodemon', 'rubocop', 'Rprof', 'juliaup', 'luarocks', 'texlive'])
    assert.deepEqual(guardIds([name, 'tools/reset.code'], {}, code), [], name);
  // A version the interpreter never had is no interpreter's name either.
  for (const name of ['python4', 'python3.', 'pypy5', 'lua6.1', 'luajit5.1', 'node18', 'php10', 'julia1.9', 'R4'])
    assert.equal(interpreterOf(name), undefined, name);
});

// Each language's own inline flags come from the code reader: `R --expr` was read as a script's name before.
test("code after every inline flag the code reader knows is read as the interpreter's code", () => {
  const listener = 'system("socat UNIX-LISTEN:/tmp/approve.sock -")';
  const missed = [...INTERPRETER_NAMES].flatMap(([name, language]) =>
    inlineCodeFlags(language)
      .filter((flag) => !guardIds([name, flag, listener]).includes('guard.unix-listener'))
      .map((flag) => `${name} ${flag}`),
  );
  assert.deepEqual(missed, []);
});

// The pack's check is one set per language: the flags it reads for every interpreter and the language's own.
test("code after any of the flags the pack reads for every interpreter is read, whatever the interpreter's own flags", () => {
  const listener = 'system("socat UNIX-LISTEN:/tmp/approve.sock -")';
  const shared = ['-c', '-e', '-E', '-r', '--eval', '-p', '--print'];
  const missed = [...INTERPRETER_NAMES.keys()].flatMap((name) =>
    shared
      .filter((flag) => !guardIds([name, flag, listener]).includes('guard.unix-listener'))
      .map((f) => `${name} ${f}`),
  );
  assert.deepEqual(missed, []);
});

test("each language's inline flags are one shared list that no caller can change", () => {
  for (const language of new Set(INTERPRETER_NAMES.values())) {
    const flags = inlineCodeFlags(language);
    assert.equal(inlineCodeFlags(language), flags, language);
    assert.ok(Object.isFrozen(flags), language);
  }
});
