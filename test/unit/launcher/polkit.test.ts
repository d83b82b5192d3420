// The polkit action `install --managed --service` writes, as text: every
// kind of session asks for the developer's own password at every approval
// (`auth_self`, never the `_keep` that would let the next ones through
// unasked), the service's user may ask about the editor's process, and the
// file is one polkit parses (a double hyphen in an XML comment makes it drop
// the whole file). A real polkitd reads it in channels/service/authenticate.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APPROVE_ACTION_ID,
  AUTHENTICATION_MARGIN_MS,
  AUTHENTICATION_TIMEOUT_MS,
  authenticationWindow,
  polkitAction,
  polkitActionFile,
} from '../../../src/core/launcher/polkit';
import { DEFAULT_APPROVAL_TIMEOUT_MS, callBudget } from '../../../src/core/hosts/budget';
import { HOSTS } from '../../../src/core/hosts/types';

test('the approve action asks for your own password at every approval, in every session', () => {
  const text = polkitAction('agentguard');
  assert.match(text, new RegExp(`<action id="${APPROVE_ACTION_ID.replace(/\./g, '\\.')}">`));
  for (const kind of ['allow_any', 'allow_inactive', 'allow_active'])
    assert.match(text, new RegExp(`<${kind}>auth_self</${kind}>`), kind);
  assert.doesNotMatch(text, /_keep|auth_admin|>yes</);
  assert.match(text, /<annotate key="org\.freedesktop\.policykit\.owner">unix-user:agentguard<\/annotate>/);
  // The prompt says what is approved: the service passes it as the detail `summary`.
  assert.match(text, /<message>[^<]*\$\(summary\)<\/message>/);
  for (const comment of text.match(/<!--[\s\S]*?-->/g) ?? []) assert.doesNotMatch(comment.slice(4, -3), /--/);
});

test("a service user's name cannot break out of the annotation", () => {
  assert.match(polkitAction('a<b>&"c'), /unix-user:a&lt;b&gt;&amp;&quot;c</);
});

test('polkit reads actions from /usr/share/polkit-1/actions, on Linux only', () => {
  assert.equal(polkitActionFile('linux', ''), '/usr/share/polkit-1/actions/dev.agentguard.approve.policy');
  assert.equal(
    polkitActionFile('linux', '/tmp/root'),
    '/tmp/root/usr/share/polkit-1/actions/dev.agentguard.approve.policy',
  );
  assert.equal(polkitActionFile('darwin', ''), undefined);
  assert.equal(polkitActionFile('win32', ''), undefined);
});

test("the password question ends before the hook's wait for the answer does, with a margin", () => {
  // One constant: the service's bound is the hook's default wait less the margin, not a number of its own.
  assert.equal(AUTHENTICATION_TIMEOUT_MS, DEFAULT_APPROVAL_TIMEOUT_MS - AUTHENTICATION_MARGIN_MS);
  assert.ok(AUTHENTICATION_MARGIN_MS >= 5_000);
  // Whatever a host's hook waits, a question asked at once ends the margin before it stops waiting.
  for (const host of HOSTS) {
    const { approvalMs } = callBudget(host, {});
    assert.ok(authenticationWindow(approvalMs) + AUTHENTICATION_MARGIN_MS <= approvalMs, host);
  }
  // What is left of the wait when the human clicks bounds it: the modal's time is not the password's.
  assert.equal(authenticationWindow(30_000), 30_000 - AUTHENTICATION_MARGIN_MS);
  assert.equal(authenticationWindow(AUTHENTICATION_MARGIN_MS - 1), 0);
  // A long configured wait does not lengthen it; an asker that did not say gets the bound.
  assert.equal(authenticationWindow(10 * 60_000), AUTHENTICATION_TIMEOUT_MS);
  assert.equal(authenticationWindow(undefined), AUTHENTICATION_TIMEOUT_MS);
});
