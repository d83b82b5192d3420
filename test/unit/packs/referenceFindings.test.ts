// referenceFindings steps through a text's matches with one global expression made once (REFERENCES), not a new
// one each call. A global expression keeps lastIndex between uses: each call must start at 0 and leave it at 0,
// even when it stops before the last match, and answer as a fresh expression of the same source does.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { REFERENCES, referenceFindings } from '../../../src/core/packs/guard';

const TEXTS = [
  'rm ~/.local/state/agentguard/killswitch.json',
  'cat .agentguard.json; vim .claude/settings.json; echo $AGENTGUARD_STATE_DIR',
  // Every kind, then more matches: the loop stops at the fourth kind, with matches left over.
  'x .local/state/agentguard y .agentguard.json z .cursor/hooks.json w extensions/agentguard.agentguard-1.0 ' +
    '.agentguard.json .agentguard.json killswitch.json',
  'ls extensions/AgentGuard.AgentGuard-2',
  'nothing to see here',
  'a .agentguard.json',
];

/** What referenceFindings answered with a fresh expression of each call's own (the code before REFERENCES). */
function ids(text: string): string[] {
  const re = new RegExp(REFERENCES.source, 'gi');
  const out: string[] = [];
  const names = ['guard.state', 'guard.policy-file', 'guard.hook-file', 'guard.installed-cli'];
  let m: RegExpExecArray | null;
  for (let n = 0; (m = re.exec(text)) && n < 64; n++) {
    const id = names[m.slice(1, 5).findIndex((g) => g !== undefined)];
    if (id && !out.includes(id)) out.push(id);
    if (out.length === names.length) break;
  }
  return out;
}

test('the shared expression answers as a fresh one, call after call, in any order', () => {
  for (const order of [TEXTS, [...TEXTS].reverse(), [...TEXTS, ...TEXTS]])
    for (const text of order) {
      const found = referenceFindings(text, 'the command');
      assert.deepEqual(
        found.map((f) => f.id),
        ids(text),
        text,
      );
      assert.equal(REFERENCES.lastIndex, 0, `lastIndex back at 0 after ${text}`);
    }
});

test('a lastIndex left past the text by another use does not hide a match', () => {
  REFERENCES.lastIndex = 1000;
  assert.deepEqual(
    referenceFindings('rm .agentguard.json', 'the command').map((f) => f.id),
    ['guard.policy-file'],
  );
  REFERENCES.lastIndex = 5;
  assert.deepEqual(
    referenceFindings('.agentguard.json', 'the command').map((f) => f.id),
    ['guard.policy-file'],
  );
  assert.equal(REFERENCES.lastIndex, 0);
});

test('the shared expression has the flags of the one it replaces', () => {
  assert.equal(REFERENCES.flags, 'gi');
});
