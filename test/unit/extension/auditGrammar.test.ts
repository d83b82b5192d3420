// The audit log grammar (syntaxes/), tokenized by the same TextMate engine
// VS Code uses (vscode-textmate over the oniguruma wasm): decisions, hosts,
// finding ids and hashes get their own scopes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const repo = path.join(__dirname, '..', '..', '..', '..');
const grammarFile = path.join(repo, 'syntaxes', 'agentguard-audit.tmLanguage.json');

async function loadGrammar(): Promise<textmate.IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'source.agentguard-audit'
        ? textmate.parseRawGrammar(fs.readFileSync(grammarFile, 'utf8'), grammarFile)
        : null,
  });
  const grammar = await registry.loadGrammar('source.agentguard-audit');
  assert.ok(grammar, 'grammar loads');
  return grammar;
}

/** Each token's text with its innermost scope. */
function tokens(grammar: textmate.IGrammar, line: string): { text: string; scopes: string[] }[] {
  const r = grammar.tokenizeLine(line, textmate.INITIAL);
  return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
}

function scopeOf(toks: { text: string; scopes: string[] }[], text: string, nth = 0): string {
  const hits = toks.filter((t) => t.text === text);
  assert.ok(hits[nth], `token ${JSON.stringify(text)} in ${JSON.stringify(toks.map((t) => t.text))}`);
  return hits[nth].scopes[hits[nth].scopes.length - 1];
}

test('the audit log grammar scopes decisions, hosts, finding ids, commands and hashes', async () => {
  const grammar = await loadGrammar();
  const deny = tokens(
    grammar,
    JSON.stringify({
      time: '2026-11-22T10:00:00.000Z',
      host: 'claude',
      kind: 'shell',
      command: 'git push --force origin "main"',
      decision: 'deny',
      policy: 'ask',
      score: 80,
      findings: ['git.force-push', 'env.production-write'],
      environment: { name: 'production', production: true },
      prev: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
      hash: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
    }),
  );
  assert.equal(scopeOf(deny, 'deny'), 'markup.deleted.decision.deny.agentguard-audit');
  assert.equal(scopeOf(deny, 'ask'), 'markup.changed.decision.ask.agentguard-audit');
  assert.equal(scopeOf(deny, 'claude'), 'entity.name.tag.host.agentguard-audit');
  assert.equal(scopeOf(deny, 'git.force-push'), 'support.constant.finding.agentguard-audit');
  assert.equal(scopeOf(deny, 'env.production-write'), 'support.constant.finding.agentguard-audit');
  assert.equal(scopeOf(deny, '80'), 'constant.numeric.score.agentguard-audit');
  assert.equal(scopeOf(deny, 'true'), 'markup.deleted.production.agentguard-audit');
  assert.equal(scopeOf(deny, 'a1b2c3d4e5f6'), 'constant.numeric.hash.head.agentguard-audit');
  assert.equal(
    scopeOf(deny, '0718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90'),
    'comment.hash.rest.agentguard-audit',
  );
  assert.equal(scopeOf(deny, '0f1e2d3c4b5a'), 'constant.numeric.hash.head.agentguard-audit');
  assert.equal(scopeOf(deny, 'git push --force origin '), 'markup.inline.raw.command.agentguard-audit');
  assert.equal(scopeOf(deny, '\\"'), 'constant.character.escape.json');
  assert.equal(scopeOf(deny, '2026-11-22T10:00:00.000Z'), 'constant.other.time.agentguard-audit');
  // Every token sits inside the record.
  assert.ok(
    deny.every((t) => t.scopes[0] === 'source.agentguard-audit' && t.scopes[1] === 'meta.record.agentguard-audit'),
  );

  const allow = tokens(
    grammar,
    '{"time":"2026-11-22T10:00:01.000Z","host":"cursor","decision":"allow","score":0,"findings":[],"approval":"allow","hash":"ff00"}',
  );
  assert.equal(scopeOf(allow, 'allow'), 'markup.inserted.decision.allow.agentguard-audit');
  assert.equal(scopeOf(allow, 'allow', 1), 'markup.inserted.decision.allow.agentguard-audit');
  assert.equal(scopeOf(allow, 'cursor'), 'entity.name.tag.host.agentguard-audit');
  // A harmless call's "no decision" is told apart from an allow.
  const deferred = tokens(
    grammar,
    '{"time":"2026-11-22T10:00:02.000Z","host":"claude","decision":"defer","policy":"allow","score":0,"findings":[],"hash":"ff01"}',
  );
  assert.equal(scopeOf(deferred, 'defer'), 'markup.quote.decision.defer.agentguard-audit');
  assert.equal(scopeOf(deferred, 'allow'), 'markup.inserted.decision.allow.agentguard-audit');
  // A key the grammar does not single out is still JSON.
  const other = tokens(grammar, '{"cwd":"/x","decision":"ask"}');
  assert.equal(scopeOf(other, 'cwd'), 'support.type.property-name.json');
  assert.equal(scopeOf(other, '/x'), 'string.quoted.double.json');
});

test('package.json registers the audit log language and its grammar', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'agentguard-audit');
  assert.deepEqual(language.filenamePatterns, ['**/agentguard/audit.jsonl']);
  const grammar = manifest.contributes.grammars.find((g: { language: string }) => g.language === 'agentguard-audit');
  assert.equal(grammar.scopeName, 'source.agentguard-audit');
  assert.ok(fs.existsSync(path.join(repo, grammar.path)));
});
