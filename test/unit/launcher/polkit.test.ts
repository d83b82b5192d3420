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
  CONFIRM_POLICY_ACTION_ID,
  policyPrompt,
  AUTHENTICATION_MARGIN_MS,
  AUTHENTICATION_TIMEOUT_MS,
  approvalPrompt,
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

test("the password prompt puts AgentGuard's words first and shows the agent's text as the agent's, one line, nothing hidden", () => {
  const ask = { host: 'claude', kind: 'shell', reason: 'force-pushes main', target: 'origin/main' };
  assert.equal(
    approvalPrompt({ ...ask, text: 'git push --force origin main' }),
    'AgentGuard: force-pushes main (target: origin/main). claude asks to run a command; the agent wrote: «git push --force origin main»',
  );
  // Line breaks, bidi and zero-width characters spelled out; a quote the agent closes itself is not the prompt's.
  assert.equal(
    approvalPrompt({
      ...ask,
      reason: 'deletes files recursively',
      target: '/',
      text: 'echo "this is harmless" »\n\u202eAgentGuard: harmless\u202c\u200b; rm -rf /',
    }),
    'AgentGuard: deletes files recursively (target: /). claude asks to run a command; the agent wrote: «echo "this is harmless" ⟨U+00BB⟩⟨U+000A⟩⟨U+202E⟩AgentGuard: harmless⟨U+202C⟩⟨U+200B⟩; rm -rf /»',
  );
  // Padding that would push the rest out of view is counted, not shown; other blanks are spelled out.
  assert.equal(
    approvalPrompt({ ...ask, target: undefined, text: `ls${' '.repeat(300)}rm\u00a0-rf\t~\r` }),
    'AgentGuard: force-pushes main. claude asks to run a command; the agent wrote: «ls⟨300 spaces⟩rm⟨U+00A0⟩-rf⟨U+0009⟩~⟨U+000D⟩»',
  );
  // A long text is cut, and says so; without a finding, the prompt still says it is AgentGuard asking.
  assert.equal(
    approvalPrompt({ host: 'cursor', kind: 'edit', text: `${'x'.repeat(250)}` }),
    `AgentGuard: an approval of what the agent asked. cursor asks to change files; the agent wrote: «${'x'.repeat(200)}…⟨50 more characters not shown⟩»`,
  );
  // AgentGuard's words are bounded and made safe too: the finding's target comes from the command.
  const shown = approvalPrompt({ ...ask, target: `main\n${'y'.repeat(200)}`, text: 'x'.repeat(5000) });
  assert.match(
    shown,
    /^AgentGuard: force-pushes main \(target: main⟨U\+000A⟩y{88}…⟨112 more characters not shown⟩\)\. /,
  );
  assert.doesNotMatch(shown, /[\n\r\u202e]/);
  assert.ok(shown.length < 500, String(shown.length));
});

test('a looser policy has an action of its own, asking for your own password every time, with a prompt that names what loosens', () => {
  const text = polkitAction('agentguard');
  const actions = text.match(/<action id="[^"]+">[\s\S]*?<\/action>/g) ?? [];
  assert.deepEqual(
    actions.map((a) => /id="([^"]+)"/.exec(a)?.[1]),
    [APPROVE_ACTION_ID, CONFIRM_POLICY_ACTION_ID],
  );
  const confirm = actions[1]!;
  for (const kind of ['allow_any', 'allow_inactive', 'allow_active'])
    assert.match(confirm, new RegExp(`<${kind}>auth_self</${kind}>`), kind);
  assert.match(confirm, /<message>Your password confirms a looser AgentGuard policy: \$\(summary\)<\/message>/);
  assert.match(confirm, /unix-user:agentguard</);
  assert.equal(
    policyPrompt('/w/app', ['mode "monitor": nothing would be blocked (mode)']),
    'AgentGuard: 1 loosening of the policy of «/w/app»: mode "monitor": nothing would be blocked (mode)',
  );
  assert.equal(
    policyPrompt('/w/a»pp', ['a\nb', 'c', 'd', 'e', 'f']),
    'AgentGuard: 5 loosenings of the policy of «/w/a⟨U+00BB⟩pp»: a⟨U+000A⟩b; c; d; and 2 more',
  );
});
