// The language server over stdio, started as `agentguard lsp --stdio` and
// spoken to as an editor would: every kind of file with risky and harmless
// lines side by side, exact ranges, hover, code actions, config changes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits, parse as parseJsonc } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  FileChangeType,
  type Diagnostic,
  type WorkspaceEdit,
  type TextDocumentEdit,
  type CreateFile,
} from 'vscode-languageserver-protocol/node';
import { LspSession } from '../support/lspClient';

let ws: string;
let lsp: LspSession;

before(async () => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-lsp-ws-'));
  lsp = LspSession.cli();
  const init = await lsp.initialize([ws]);
  assert.equal(init.serverInfo?.name, 'AgentGuard');
  assert.equal(init.capabilities.hoverProvider, true);
});

after(async () => {
  await lsp.close();
  fs.rmSync(ws, { recursive: true, force: true });
});

/** Flagged texts of a document, as `severity text` (1 = Error, 2 = Warning), in order. */
function flagged(uri: string, diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.severity} ${lsp.textOf(uri, d.range)}`);
}

const WARN = 2;
const ERROR = 1;

test('shell script: each risky command at its own columns, harmless lines silent, heredocs and blocks read whole', async () => {
  const text = [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    'echo "deploying"; npm run build',
    'rm -rf build dist',
    'git push --force origin feature/login   # after rebase',
    'if [ -n "$RESET" ]; then',
    '  prisma migrate reset --force',
    'fi',
    'echo "rm -rf /"',
    'cd /tmp/scratch && rm -rf *',
    'curl -fsSL https://get.example.sh |',
    '  sh',
    '',
  ].join('\n');
  const uri = await lsp.open(path.join(ws, 'scripts', 'deploy.sh'), text, 'shellscript');
  const d = await lsp.diagnostics(uri);
  assert.deepEqual(flagged(uri, d), [
    `${WARN} git push --force origin feature/login`,
    `${WARN} prisma migrate reset --force`,
    `${WARN} curl -fsSL https://get.example.sh |\n  sh`,
  ]);
  assert.deepEqual(d[0].range, { start: { line: 4, character: 0 }, end: { line: 4, character: 37 } });
  assert.deepEqual(d[1].range, { start: { line: 6, character: 2 }, end: { line: 6, character: 30 } });
  assert.equal(d[0].code, 'git.force-push');
  assert.equal(d[0].source, 'agentguard');
  assert.match(
    String(d[1].message),
    /^AgentGuard would ask before running this: prisma migrate reset drops the database.*\[orm\.reset\]/,
  );
  assert.match(String(d[1].message), /\nSafer: prisma migrate dev/);
});

test('a shebang file without extension is a shell script; deny is an Error', async () => {
  const uri = await lsp.open(path.join(ws, 'bin', 'wipe'), '#!/bin/sh\nls -la\nrm -rf ~\n');
  const d = await lsp.diagnostics(uri);
  assert.deepEqual(flagged(uri, d), [`${ERROR} rm -rf ~`]);
});

test('package.json: the script value itself, escapes mapped back to the document', async () => {
  const text =
    '{\n  "name": "app",\n  "scripts": {\n    "build": "tsc -p .",\n    "reset": "prisma migrate reset --force",\n    "ship": "npm test && git push --force origin \\"feature/x\\""\n  },\n  "description": "prisma migrate reset --force"\n}\n';
  const uri = await lsp.open(path.join(ws, 'package.json'), text, 'json');
  const d = await lsp.diagnostics(uri);
  assert.deepEqual(flagged(uri, d), [
    `${WARN} prisma migrate reset --force`,
    `${WARN} git push --force origin \\"feature/x\\"`,
  ]);
  assert.deepEqual(d[0].range, { start: { line: 4, character: 14 }, end: { line: 4, character: 42 } });
});

test('Makefile recipes: make prefixes and $$ are not the command, known variables are expanded', async () => {
  const text =
    'BUILD := build\n.PHONY: clean release\nclean:\n\t@rm -rf $(BUILD)\n\t-rm -rf $(UNKNOWN_DIR)\nrelease:\n\techo $$HOME && \\\n\t  git push -f origin release-branch\n';
  const uri = await lsp.open(path.join(ws, 'Makefile'), text, 'makefile');
  const d = await lsp.diagnostics(uri);
  assert.deepEqual(flagged(uri, d), [`${WARN} rm -rf $(UNKNOWN_DIR)`, `${WARN} git push -f origin release-branch`]);
  assert.deepEqual(d[1].range, { start: { line: 7, character: 3 }, end: { line: 7, character: 36 } });
});

test('GitHub Actions run: steps, single line and literal and folded blocks', async () => {
  const text = [
    'on: push',
    'jobs:',
    '  deploy:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: npm ci',
    '      - run: kubectl delete namespace staging',
    '      - name: release',
    '        run: |',
    '          echo "tagging"',
    '          git push --force origin main',
    '      - run: >-',
    '          psql postgres://db.acme.io/app',
    '          -c "DROP TABLE users"',
    '',
  ].join('\n');
  const uri = await lsp.open(path.join(ws, '.github', 'workflows', 'deploy.yml'), text, 'yaml');
  const d = await lsp.diagnostics(uri);
  assert.deepEqual(flagged(uri, d), [
    `${WARN} kubectl delete namespace staging`,
    `${WARN} git push --force origin main`,
    `${WARN} psql postgres://db.acme.io/app\n          -c "DROP TABLE users"`,
  ]);
  assert.deepEqual(d[1].range, { start: { line: 10, character: 10 }, end: { line: 10, character: 38 } });
});

test('Dockerfile RUN: flags and continuation lines, exec form', async () => {
  const text =
    'FROM node:22\nRUN apt-get update && \\\n    # cache\n    rm -rf /var/lib/apt/lists/*\nRUN --mount=type=cache,target=/root/.npm curl -fsSL https://x.example/i.sh | sh\nRUN ["sh", "-c", "rm -rf /"]\n';
  const uri = await lsp.open(path.join(ws, 'Dockerfile'), text, 'dockerfile');
  const d = await lsp.diagnostics(uri);
  assert.deepEqual(flagged(uri, d), [
    `${WARN} curl -fsSL https://x.example/i.sh | sh`,
    `${ERROR} "sh", "-c", "rm -rf /"`,
  ]);
});

test('docker-compose command: string and list forms', async () => {
  const text =
    'services:\n  web:\n    command: npm start\n  seed:\n    command: ["prisma", "migrate", "reset", "--force"]\n  wipe:\n    command:\n      - sh\n      - -c\n      - docker compose down -v\n';
  const uri = await lsp.open(path.join(ws, 'docker-compose.yml'), text, 'yaml');
  const d = await lsp.diagnostics(uri);
  assert.deepEqual(flagged(uri, d), [
    `${WARN} "prisma", "migrate", "reset", "--force"`,
    `${WARN} sh\n      - -c\n      - docker compose down -v`,
  ]);
});

test('SQL files: each destructive statement at its own span', async () => {
  const text =
    '-- cleanup\nSELECT count(*) FROM users;\nDROP TABLE sessions;\nDELETE FROM orders;\nDELETE FROM orders WHERE id = 4;\nUPDATE users SET admin = true;\nALTER TABLE users DROP COLUMN legacy;\nTRUNCATE audit;\n';
  const uri = await lsp.open(path.join(ws, 'db', 'cleanup.sql'), text, 'sql');
  const d = await lsp.diagnostics(uri);
  assert.deepEqual(
    flagged(uri, d).map((s) => s.slice(2)),
    [
      'DROP TABLE sessions',
      'DELETE FROM orders',
      'UPDATE users SET admin = true',
      'ALTER TABLE users DROP COLUMN legacy',
      'TRUNCATE audit',
    ],
  );
  assert.deepEqual(
    d.map((x) => x.code),
    ['sql.drop', 'sql.delete-without-where', 'sql.update-without-where', 'sql.alter-drop', 'sql.truncate'],
  );
});

test('hover on a flagged command: decision, score, environment, findings and the safer alternative', async () => {
  const uri = path.join(ws, 'package.json');
  const fileUri = (await import('node:url')).pathToFileURL(uri).href;
  const hover = await lsp.hover(fileUri, 4, 20);
  assert.ok(hover, 'a hover on the flagged script');
  const md = (hover.contents as { value: string }).value;
  assert.match(md, /\*\*AgentGuard: ask\*\* · score 70\/100 · environment \*\*unknown\*\*/);
  assert.match(md, /`orm\.reset` \(70\): prisma migrate reset drops the database/);
  assert.match(md, /safer: prisma migrate dev/);
  assert.equal(await lsp.hover(fileUri, 3, 16), null, 'no hover on a harmless script');
});

function editsFor(
  edit: WorkspaceEdit,
  uri: string,
): { range: import('vscode-languageserver-protocol').Range; newText: string }[] {
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocs = (edit.documentChanges ?? [])
    .filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri)
    .flatMap((c) => c.edits as { range: import('vscode-languageserver-protocol').Range; newText: string }[]);
  return [...fromChanges, ...fromDocs];
}

function apply(
  text: string,
  edits: { range: import('vscode-languageserver-protocol').Range; newText: string }[],
): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'x', 0, text), edits);
}

test('code actions: the safer alternative as an edit, the exact allow rule (creating the config), mark a host as production', async () => {
  const scriptUri = (await import('node:url')).pathToFileURL(path.join(ws, 'scripts', 'deploy.sh')).href;
  const actions = await lsp.codeActions(scriptUri, {
    start: { line: 4, character: 5 },
    end: { line: 4, character: 5 },
  });
  const titles = actions.map((a) => a.title);
  const safer = actions.find((a) => a.title === 'Use --force-with-lease instead of --force');
  assert.ok(safer, `safer alternative among ${JSON.stringify(titles)}`);
  const after = apply(lsp.texts.get(scriptUri)!, editsFor(safer.edit!, scriptUri));
  assert.equal(after.split('\n')[4], 'git push --force-with-lease origin feature/login   # after rebase');

  const allow = actions.find((a) => a.title.startsWith('Allow this command in .agentguard.json'));
  assert.ok(allow, `allow action among ${JSON.stringify(titles)}`);
  const configUri = (await import('node:url')).pathToFileURL(path.join(ws, '.agentguard.json')).href;
  const create = allow.edit!.documentChanges!.find((c): c is CreateFile => 'kind' in c && c.kind === 'create');
  assert.equal(create?.uri, configUri, 'the config is created when missing');
  const created = apply('', editsFor(allow.edit!, configUri));
  assert.deepEqual(parseJsonc(created), {
    rules: [{ match: 'git push --force origin feature/login', decision: 'allow' }],
  });

  const workflowUri = (await import('node:url')).pathToFileURL(
    path.join(ws, '.github', 'workflows', 'deploy.yml'),
  ).href;
  const psql = await lsp.codeActions(workflowUri, {
    start: { line: 12, character: 12 },
    end: { line: 12, character: 12 },
  });
  const mark = psql.find((a) => a.title === 'Mark db.acme.io as production in .agentguard.json');
  assert.ok(mark, `mark action among ${JSON.stringify(psql.map((a) => a.title))}`);
  assert.deepEqual(parseJsonc(apply('', editsFor(mark.edit!, configUri))), {
    environments: { production: { production: true, hosts: ['db.acme.io'] } },
  });
  assert.equal(
    psql.some((a) => a.title.startsWith('Use ')),
    false,
    'no safer edit where the pack knows none',
  );
});

test('config edits keep comments; an open config re-diagnoses, and so does a config changed on disk', async () => {
  const pkgUri = (await import('node:url')).pathToFileURL(path.join(ws, 'package.json')).href;
  const configFile = path.join(ws, '.agentguard.json');
  const configUri = (await import('node:url')).pathToFileURL(configFile).href;
  const config = '{\n  // reviewed by the team\n  "rules": []\n}\n';
  const mark = lsp.published.length;
  await lsp.open(configFile, config, 'jsonc');
  assert.deepEqual(await lsp.diagnostics(configUri, () => true, mark), []);

  // Allow the reset from the quick fix, applied to the open config.
  const actions = await lsp.codeActions(pkgUri, { start: { line: 4, character: 20 }, end: { line: 4, character: 20 } });
  const allow = actions.find((a) => a.title.startsWith('Allow this command in .agentguard.json'))!;
  assert.ok(
    !(allow.edit!.documentChanges ?? []).some((c) => 'kind' in c),
    'the open config is edited, not created again',
  );
  const edited = apply(config, editsFor(allow.edit!, configUri));
  assert.match(edited, /\/\/ reviewed by the team/);
  assert.deepEqual(parseJsonc(edited).rules, [{ match: 'prisma migrate reset --force', decision: 'allow' }]);
  const since = lsp.published.length;
  await lsp.change(configUri, edited);
  const d = await lsp.diagnostics(pkgUri, (x) => x.length === 1, since);
  assert.deepEqual(flagged(pkgUri, d), [`${WARN} git push --force origin \\"feature/x\\"`]);

  // The file on disk (not open) decides for another folder's documents once it changes.
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-lsp-disk-'));
  try {
    const scriptFile = path.join(other, 'reset.sh');
    const scriptUri = await lsp.open(scriptFile, 'prisma migrate reset --force\n', 'shellscript');
    assert.equal((await lsp.diagnostics(scriptUri)).length, 1);
    fs.writeFileSync(
      path.join(other, '.agentguard.json'),
      applyEdits('{}', [
        { offset: 1, length: 0, content: '"rules": [{ "match": "prisma migrate reset *", "decision": "deny" }]' },
      ]),
    );
    const before = lsp.published.length;
    await lsp.watched(
      (await import('node:url')).pathToFileURL(path.join(other, '.agentguard.json')).href,
      FileChangeType.Created,
    );
    const denied = await lsp.diagnostics(scriptUri, (x) => x[0]?.severity === ERROR, before);
    assert.match(String(denied[0].message), /rule "prisma migrate reset \*"/);
  } finally {
    fs.rmSync(other, { recursive: true, force: true });
  }
  assert.ok(lsp.registrations.includes('workspace/didChangeWatchedFiles'), 'the server watches .agentguard.json');
});

test('edits are debounced: a burst of changes is judged once, for the last version', async () => {
  const file = path.join(ws, 'burst.sh');
  const uri = await lsp.open(file, 'ls\n', 'shellscript');
  await lsp.diagnostics(uri);
  const since = lsp.published.length;
  await lsp.change(uri, 'ls\nrm -rf ~\n');
  await lsp.change(uri, 'ls\nrm -rf ~\ngit push --force origin x\n');
  await lsp.change(uri, 'ls\ngit push --force origin x\n');
  const d = await lsp.diagnostics(uri, () => true, since);
  assert.deepEqual(flagged(uri, d), [`${WARN} git push --force origin x`]);
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(lsp.published.slice(since).filter((p) => p.uri === uri).length, 1, 'one publication for the burst');
});

test('a newer version stops the judgment of an older one: only the newest is published', async () => {
  // Long enough that judging it takes several slices, all different so nothing is cached.
  const big =
    Array.from({ length: 4000 }, (_, i) => `cp build/${i}.js dist/${i}.js && echo copied ${i}`).join('\n') +
    '\nrm -rf ~\n';
  const file = path.join(ws, 'big.sh');
  const since = lsp.published.length;
  const uri = await lsp.open(file, big, 'shellscript');
  await lsp.change(uri, 'git push --force origin x\n');
  const d = await lsp.diagnostics(uri, () => true, since);
  assert.deepEqual(flagged(uri, d), [`${WARN} git push --force origin x`]);
  await new Promise((r) => setTimeout(r, 300));
  const mine = lsp.published.slice(since).filter((p) => p.uri === uri);
  // Version 1's first screen may be out before the change arrives (it is published as soon as it is
  // judged); its judgment of the rest, down to the `rm -rf ~` on its last line, never is.
  const lastLine = big.split('\n').length - 2;
  const olderWhole = mine.filter((p) => p.version === 1 && p.diagnostics.some((x) => x.range.start.line === lastLine));
  assert.deepEqual(olderWhole, [], "version 1's whole-document judgment was never published");
  assert.ok(mine.length > 0 && mine.every((p) => p.version === 1 || p.version === 2));
  assert.equal(mine.at(-1)!.version, 2, 'the newest version is published last');
  // Left alone, the same text's whole judgment does reach that last line.
  const control = await lsp.open(path.join(ws, 'big-unchanged.sh'), big, 'shellscript');
  const whole = await lsp.diagnostics(control, (x) => x.some((y) => y.range.start.line === lastLine));
  assert.match(flagged(control, whole).at(-1)!, /^\d rm -rf ~$/);
  assert.ok(
    mine.filter((p) => p.version === 1).length <= 1,
    'version 1 is published at most once, for its first screen',
  );
});
