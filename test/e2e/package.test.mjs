// What `npm run package` ships: exactly the bundles, media, grammars,
// schemas, manifest and docs (.vscodeignore is an allowlist), never
// sources, tests, dependencies or source maps.
import assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import { log } from './lib/host.mjs';
import { expectedVsixEntries, listVsix } from './lib/vsix.mjs';

suite('Package: agentguard.vsix', () => {
  test('contains exactly what ships', () => {
    const entries = listVsix().sort();
    log(`agentguard.vsix (unzip -Z1): ${entries.join(', ')}`);
    for (const entry of entries) {
      assert.doesNotMatch(entry, /^extension\/(src|test|out|node_modules|scripts|\.vscode|\.ci)\//, `${entry} must not ship`);
      assert.doesNotMatch(entry, /\.(map|ts|vsix)$/, `${entry} must not ship`);
    }
    assert.deepEqual(entries, expectedVsixEntries());
    // The grammar package.json points at must ship, or the audit log opens without colours.
    assert.ok(entries.includes('extension/syntaxes/agentguard-audit.tmLanguage.json'), 'the audit log grammar ships');
  });
});
