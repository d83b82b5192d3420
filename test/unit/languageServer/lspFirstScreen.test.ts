// Opening a long script over a real LSP connection (`agentguard lsp --stdio`):
// the first screen's diagnostics are published before the rest of the
// document is judged, and the last publish is exactly what judging the whole
// document in one go gives.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import '../support/account';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { judgeDocument } from '../../../src/core/documents';
import { FIRST_SCREEN_LINES, toDiagnostic } from '../../../src/languageServer/diagnose';
import { LspSession } from '../support/lspClient';

let ws: string;
let lsp: LspSession;

before(async () => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-lsp-first-'));
  lsp = LspSession.cli();
  await lsp.initialize([ws]);
});

after(async () => {
  await lsp.close();
  fs.rmSync(ws, { recursive: true, force: true });
});

/** A script of `n` lines with a risky line every 25 lines, so flags sit on the first screen and far below it. */
function longScript(n: number): string {
  const lines: string[] = [];
  for (let i = 0; lines.length < n; i++) {
    if (i % 25 === 7) lines.push(`rm -rf ~/projects/old-${i}`);
    else if (i % 25 === 19) lines.push(`git push --force origin release-${i}`);
    else if (i % 10 === 3) lines.push(`if [ -d build${i} ]; then`, `  echo "cleaning build${i}"`, 'fi');
    else lines.push(`echo "step ${i}" && mkdir -p out/${i}`);
  }
  return lines.slice(0, n).join('\n') + '\n';
}

test('opening a long script publishes the first screen first, then diagnostics equal to judging the whole document at once', async () => {
  const file = path.join(ws, 'deploy.sh');
  const text = longScript(FIRST_SCREEN_LINES * 6);
  fs.writeFileSync(file, text);
  const since = lsp.published.length;
  const uri = await lsp.open(file, text, 'shellscript');

  // The whole document judged in one go, with the options the server uses for a script in this folder.
  const home = os.homedir();
  const whole = judgeDocument('shell', text, { workspace: ws, cwd: ws, env: { HOME: home }, home });
  const doc = TextDocument.create(uri, 'shellscript', 1, text);
  const expected = whole.map((f) => toDiagnostic(doc, f));
  assert.ok(
    expected.some((d) => d.range.start.line < FIRST_SCREEN_LINES),
    'the script has flags on its first screen',
  );
  assert.ok(
    expected.some((d) => d.range.start.line > FIRST_SCREEN_LINES * 2),
    'and flags far below it',
  );

  const final = await lsp.diagnostics(uri, (d) => d.length === expected.length, since, 30_000);
  assert.deepEqual(final, expected);

  const publishes = lsp.published.slice(since).filter((p) => p.uri === uri && p.version === 1);
  assert.equal(publishes.length, 2, 'the first screen, then the whole document');
  const [first, last] = publishes;
  assert.deepEqual(last.diagnostics, expected);
  assert.ok(first.diagnostics.length > 0 && first.diagnostics.length < expected.length);
  // The first publish is the document's first flags, none of them past the first screen's last statement.
  assert.deepEqual(first.diagnostics, expected.slice(0, first.diagnostics.length));
  assert.ok(first.diagnostics.every((d) => d.range.start.line <= FIRST_SCREEN_LINES));
  assert.ok(expected.slice(first.diagnostics.length).every((d) => d.range.start.line >= FIRST_SCREEN_LINES - 3));
});

test('an edit after the open is published once, whole: the flags below the first screen do not blink away', async () => {
  const file = path.join(ws, 'release.sh');
  const text = longScript(FIRST_SCREEN_LINES * 3);
  fs.writeFileSync(file, text);
  const uri = await lsp.open(file, text, 'shellscript');
  const opened = await lsp.diagnostics(
    uri,
    (d) => d.some((x) => x.range.start.line > FIRST_SCREEN_LINES * 2),
    0,
    30_000,
  );

  const since = lsp.published.length;
  const edited = text.replace('echo "step 0"', 'echo "step zero"');
  await lsp.change(uri, edited);
  const final = await lsp.diagnostics(uri, () => true, since, 30_000);
  assert.deepEqual(final, opened);
  assert.equal(lsp.published.slice(since).filter((p) => p.uri === uri).length, 1);
});
