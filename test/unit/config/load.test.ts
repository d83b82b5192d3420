import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatConfigError, formatConfigErrors, type ConfigError } from '../../../src/core/config/errors';
import { CONFIG_FILE_NAME, loadConfig, parseConfigText } from '../../../src/core/config/load';
import { scratchDir } from '../support/scratch';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'config');
const FILE = '/ws/.agentguard.json';

function errorsOf(text: string): ConfigError[] {
  const r = parseConfigText(text, FILE);
  assert.equal(r.ok, false, 'expected the config to be rejected');
  return r.ok ? [] : r.errors;
}

/** The only error, checked for JSON path, line, column and message. */
function onlyError(
  text: string,
  jsonPath: string,
  line: number,
  column: number,
  message: string | RegExp,
): ConfigError {
  const errors = errorsOf(text);
  assert.equal(errors.length, 1, `expected one error, got: ${errors.map(formatConfigError).join(' | ')}`);
  const [e] = errors;
  assert.equal(e.jsonPath, jsonPath);
  assert.deepEqual([e.line, e.column], [line, column], `position of ${formatConfigError(e)}`);
  if (typeof message === 'string') assert.equal(e.message, message);
  else assert.match(e.message, message);
  assert.equal(e.file, FILE);
  return e;
}

function tempWorkspace(files: Record<string, string> = {}): string {
  const dir = scratchDir('agentguard-config-');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

test('the example config from DESIGN.md loads with every section intact', () => {
  const r = loadConfig('/nonexistent', path.join(FIXTURES, 'design-example.json'));
  assert.equal(r.ok, true, r.ok ? '' : formatConfigErrors(r.errors));
  if (!r.ok || !r.config) return;
  assert.equal(r.config.environments?.production.production, true);
  assert.deepEqual(r.config.environments?.production.hosts, ['*.prod.acme.internal', 'db.acme.io']);
  assert.deepEqual(r.config.environments?.production.env, { DATABASE_URL: '*prod*', NODE_ENV: 'production' });
  assert.deepEqual(r.config.environments?.staging.hosts, ['*.staging.acme.internal']);
  assert.deepEqual(
    r.config.rules?.map((x) => x.decision),
    ['deny', 'allow'],
  );
  assert.deepEqual(r.config.protectedPaths, ['migrations/**', 'docs/legal/**']);
  assert.deepEqual(r.config.thresholds, { ask: 40, deny: 90 });
  assert.deepEqual(r.config.rateLimit, { maxGated: 5, windowSeconds: 10 });
  assert.equal(r.file, path.join(FIXTURES, 'design-example.json'));
});

test('.agentguard.json is found in the workspace root; comments and trailing commas are allowed', () => {
  const ws = tempWorkspace({
    [CONFIG_FILE_NAME]:
      '{\n  // deny pushes\n  "rules": [{ "match": "git push *", "decision": "deny", },],\n  /* block */\n}\n',
  });
  const r = loadConfig(ws);
  assert.equal(r.ok, true);
  assert.equal(r.ok && r.config?.rules?.[0].match, 'git push *');
  assert.equal(r.ok && r.file, path.join(ws, CONFIG_FILE_NAME));
});

test('a workspace without a config is ok with no config; an explicit --config that is missing is an error', () => {
  const ws = tempWorkspace();
  assert.deepEqual(loadConfig(ws), { ok: true, config: undefined });
  const r = loadConfig(ws, path.join(ws, 'nope.json'));
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.errors[0].message : '', /nope\.json does not exist/);
});

test('a config that is a directory or unreadable is never ignored', () => {
  const ws = tempWorkspace();
  fs.mkdirSync(path.join(ws, CONFIG_FILE_NAME));
  const r = loadConfig(ws);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.errors[0].message : '', /is not a regular file/);
});

test('the issue example: a wrong decision names the path, the expected values, line and column', () => {
  const r = loadConfig('/nonexistent', path.join(FIXTURES, 'bad-decision.jsonc'));
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.errors.length, 1);
  assert.equal(
    formatConfigError(r.errors[0]),
    'rules[1].decision: expected one of "allow", "ask", "deny", got "block" (line 7, column 19)',
  );
});

test('wrong type: names what was expected and what was found', () => {
  onlyError('{\n  "rules": {"match": "x"}\n}', 'rules', 2, 12, 'expected a list ([ … ]), got an object');
  onlyError('{"protectedPaths": ["a", 5]}', 'protectedPaths[1]', 1, 26, 'expected a string, got 5');
  onlyError(
    '{"environments": {"prod": {"production": "yes"}}}',
    'environments.prod.production',
    1,
    42,
    'expected true or false, got "yes"',
  );
});

test('the top level must be an object', () => {
  onlyError('[]', '', 1, 1, 'expected an object ({ … }), got a list');
});

test('missing required field points at the object that lacks it', () => {
  onlyError('{"rules": [\n  {"decision": "ask"}\n]}', 'rules[0].match', 2, 3, 'missing required field "match"');
});

test('unknown field points at its key and suggests the close one', () => {
  const e = onlyError(
    '{\n  "environments": {\n    "production": { "hostz": ["db"] }\n  }\n}',
    'environments.production.hostz',
    3,
    21,
    /^unknown field "hostz" \(did you mean "hosts"\?\)/,
  );
  assert.match(e.message, /expected one of "production", "hosts", "env", "kubeContexts"/);
  onlyError(
    '{"protected_paths": []}',
    'protected_paths',
    1,
    2,
    /^unknown field "protected_paths" \(did you mean "protectedPaths"\?\)/,
  );
});

test('numbers out of range and not whole', () => {
  onlyError('{"thresholds": {"ask": 150}}', 'thresholds.ask', 1, 24, 'expected a number of at most 100, got 150');
  onlyError('{"rateLimit": {"maxGated": 0}}', 'rateLimit.maxGated', 1, 28, 'expected a number of at least 1, got 0');
  onlyError(
    '{"rateLimit": {"windowSeconds": 2.5}}',
    'rateLimit.windowSeconds',
    1,
    33,
    'expected a whole number, got 2.5',
  );
});

test('empty strings and empty lists where something is needed', () => {
  onlyError(
    '{"rules": [{"match": "", "decision": "ask"}]}',
    'rules[0].match',
    1,
    22,
    'expected a non-empty string, got ""',
  );
  onlyError(
    '{"rules": [{"match": "x", "decision": "ask", "environments": []}]}',
    'rules[0].environments',
    1,
    62,
    'expected at least 1 entry, got an empty list',
  );
});

test('wrong mode value', () => {
  onlyError('{"mode": "audit"}', 'mode', 1, 10, 'expected one of "enforce", "monitor", got "audit"');
});

test('semantic: thresholds.ask must be below thresholds.deny (defaults count)', () => {
  onlyError(
    '{"thresholds": {"ask": 60, "deny": 50}}',
    'thresholds.ask',
    1,
    24,
    'thresholds.ask (60) must be below thresholds.deny (50)',
  );
  onlyError(
    '{"thresholds": {"deny": 30}}',
    'thresholds.deny',
    1,
    25,
    'thresholds.ask (40) must be below thresholds.deny (30)',
  );
});

test('semantic: a rule may only name defined environments', () => {
  const text =
    '{\n  "environments": {"production": {"production": true}, "staging": {}},\n  "rules": [{"match": "x", "decision": "allow", "environments": ["prod"]}]\n}';
  onlyError(
    text,
    'rules[0].environments[0]',
    3,
    66,
    'unknown environment "prod": expected one of "production", "staging"',
  );
  // Without configured environments, the guessed names are the vocabulary.
  assert.equal(
    parseConfigText('{"rules": [{"match": "x", "decision": "allow", "environments": ["production"]}]}', FILE).ok,
    true,
  );
});

test('semantic: a rule match with shell operators can never match one command', () => {
  onlyError(
    '{"rules": [{"match": "npm test && git push", "decision": "deny"}]}',
    'rules[0].match',
    1,
    22,
    /contains the shell operator "&&": split it into one rule per command/,
  );
});

test('semantic: protectedPaths globs and host globs are checked', () => {
  onlyError('{"protectedPaths": ["!migrations/**"]}', 'protectedPaths[0]', 1, 21, /negated patterns are not supported/);
  onlyError('{"protectedPaths": ["~alice/x"]}', 'protectedPaths[0]', 1, 21, /only "~\/" is understood/);
  onlyError(
    '{"environments": {"p": {"hosts": ["https://db.acme.io"]}}}',
    'environments.p.hosts[0]',
    1,
    35,
    /got a URL "https:\/\/db.acme.io": keep only the host/,
  );
});

test('semantic: env keys must be variable names (the key is pointed at)', () => {
  onlyError(
    '{"environments": {"p": {"env": {"DATABASE-URL": "*prod*"}}}}',
    'environments.p.env["DATABASE-URL"]',
    1,
    33,
    /"DATABASE-URL" is not an environment variable name/,
  );
});

test('shape and semantic mistakes are reported together, in file order', () => {
  const errors = errorsOf('{\n  "mode": "loud",\n  "thresholds": {"ask": 95}\n}');
  assert.deepEqual(
    errors.map((e) => [e.jsonPath, e.line]),
    [
      ['mode', 2],
      ['thresholds.ask', 3],
    ],
  );
});

test('duplicate keys are errors: JSON would silently drop the first', () => {
  onlyError('{\n  "rules": [],\n  "rules": []\n}', 'rules', 3, 3, /^duplicate field "rules"/);
});

test('JSON syntax errors carry line, column and what was expected', () => {
  const [e] = errorsOf('{\n  "rules": [\n    {"match": "x" "decision": "ask"}\n  ]\n}');
  assert.equal(e.line, 3);
  assert.equal(e.column, 19);
  assert.match(e.message, /^invalid JSON: expected "," between entries/);
  assert.match(errorsOf('{"rules": [')[0].message, /invalid JSON: expected a value|expected "\]" to close the list/);
  onlyError('', '', 1, 1, /the file is empty/);
});

test('formatConfigErrors names the file and lists every error', () => {
  const errors = errorsOf('{"mode": "x", "rules": 1}');
  const text = formatConfigErrors(errors);
  assert.match(text, /^invalid AgentGuard config \/ws\/\.agentguard\.json: 2 errors\n/);
  assert.match(text, /\n {2}mode: expected one of "enforce", "monitor", got "x" \(line 1, column 10\)/);
  assert.match(text, /\n {2}rules: expected a list \(\[ … \]\), got 1 \(line 1, column 24\)/);
});

test('errors carry offset and length for editor diagnostics', () => {
  const text = '{"mode": "loud"}';
  const [e] = errorsOf(text);
  assert.equal(text.slice(e.offset, e.offset + e.length), '"loud"');
});
