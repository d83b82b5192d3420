// The managed policy's `approvalPeerProof: "kernel"`: read from a real policy
// file, it refuses an ask below Yama ptrace_scope 1 (this machine has no
// Yama; scope 1 and above come from the parsed setting, as the fixture file in
// launcher/yama.test.ts shows it read), and the refusal is a deny in every
// door's words that says how to fix it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { approvalRequirementNow, refusedAsk, refusedUnanswered } from '../../../src/core/frontdoor/approvalProof';
import { readManagedPolicy } from '../../../src/core/policy/managed';
import { parsePtraceScope } from '../../../src/core/launcher/yama';
import { normalizePayload } from '../../../src/core/hosts/normalize';
import { composeAnswer } from '../../../src/core/hosts/messages';
import { lineAnswer } from '../../../src/core/terminal/messages';
import { killSwitchVerdict } from '../../../src/core/policy/verdicts';
import type { HookRequest } from '../../../src/core/hosts/types';
import { scratchDir } from '../support/scratch';

function policyFile(policy: Record<string, unknown>): string {
  const dir = scratchDir('ag-proof-');
  const file = path.join(dir, 'policy.json');
  fs.writeFileSync(file, JSON.stringify(policy));
  return file;
}

test('approvalPeerProof "kernel" refuses an ask where no Yama backs the check, and only there', () => {
  const strict = readManagedPolicy(policyFile({ approvalPeerProof: 'kernel' }));
  assert.equal(strict.state, 'ok');
  for (const scope of ['absent', 0, parsePtraceScope('garbage\n')] as const) {
    const refused = refusedAsk(strict, scope);
    assert.equal(refused?.via, 'refused', String(scope));
    assert.match(refused!.why, /approvalPeerProof "kernel"/);
    assert.match(refused!.why, /any process of yours could drive the editor/);
    assert.match(refused!.why, /sudo sysctl kernel\.yama\.ptrace_scope=1/);
  }
  assert.match(refusedAsk(strict, 'absent')!.why, /this kernel has no Yama ptrace setting/);
  assert.match(refusedAsk(strict, 0)!.why, /kernel\.yama\.ptrace_scope is 0/);
  for (const text of ['1\n', '2\n', '3\n']) assert.equal(refusedAsk(strict, parsePtraceScope(text)), undefined, text);
  // Default: unchanged, an approval is asked for whatever the kernel.
  for (const policy of [{}, { approvalPeerProof: 'recorded' }])
    assert.equal(refusedAsk(readManagedPolicy(policyFile(policy)), 0), undefined);
  assert.equal(refusedAsk({ state: 'none', file: '/nonexistent' }, 0), undefined);
  // A value the schema does not know makes the policy invalid, which already denies every ask.
  assert.equal(readManagedPolicy(policyFile({ approvalPeerProof: 'human' })).state, 'invalid');
});

test('a refused ask is a deny that says why and how to fix it, never "a human denied"', () => {
  const refused = refusedAsk(readManagedPolicy(policyFile({ approvalPeerProof: 'kernel' })), 0)!;
  const n = normalizePayload({
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command: 'git push --force origin main' },
    cwd: '/w',
  });
  assert.ok(n.ok);
  const req = (n as { request: HookRequest }).request;
  const verdict = { ...killSwitchVerdict(), decision: 'ask' as const, findings: [] };
  for (const host of ['claude', 'cursor'] as const) {
    const a = composeAnswer(host, req, verdict, refused, '/w');
    assert.equal(a.decision, 'deny', host);
    assert.match(
      a.reason,
      /needs a human's approval, and none is taken here: .*sudo sysctl kernel\.yama\.ptrace_scope=1/,
    );
    assert.doesNotMatch(a.reason, /a human denied/);
    assert.match(a.agentMessage, /Do not retry it or work around it/);
  }
  const line = lineAnswer(verdict, refused);
  assert.equal(line.decision, 'deny');
  assert.match(line.decision === 'deny' ? line.message : '', /none is taken here: .*ptrace_scope=1/);
});

test('approvalPeerProof "authenticated" refuses an ask up front only where no password can be asked at all', () => {
  const withService = readManagedPolicy(policyFile({ approvalPeerProof: 'authenticated', service: {} }));
  const noService = readManagedPolicy(policyFile({ approvalPeerProof: 'authenticated' }));
  assert.equal(withService.state, 'ok');
  for (const [managed, platform, why] of [
    [withService, 'darwin', /polkit, which asks for the password, is Linux's \(this is darwin\)/],
    [withService, 'win32', /this is win32/],
    [noService, 'linux', /the password is asked by the AgentGuard service, and the managed policy names none/],
  ] as const) {
    const refused = refusedAsk(managed, 'absent', platform);
    assert.equal(refused?.via, 'refused', platform);
    assert.match(refused!.why, /only with your password \(approvalPeerProof "authenticated"\)/);
    assert.match(refused!.why, why);
    assert.match(
      refused!.why,
      /To approve: approve in a desktop session on Linux, where polkit \(pkcheck\) is installed/,
    );
  }
  // On Linux with the service and pkcheck (this machine, CI), the service asks for the password: not refused here.
  if (['/usr/bin/pkcheck', '/bin/pkcheck'].some((p) => fs.existsSync(p)))
    assert.equal(refusedAsk(withService, 'absent', 'linux'), undefined);
});

test('under "authenticated" an ask nobody answered in the editor is refused, not handed to the host\'s prompt', () => {
  const strict = readManagedPolicy(policyFile({ approvalPeerProof: 'authenticated', service: {} }));
  const refused = refusedUnanswered('nobody answered in the editor within 60 s', strict);
  assert.equal(refused?.via, 'refused');
  assert.match(
    refused!.why,
    /none was given in the editor \(nobody answered in the editor within 60 s\)\. To approve:/,
  );
  // The service's own refusal already says it and how to fix it: kept as it is.
  const said =
    'the approval could not be recorded: ... (approvalPeerProof "authenticated"), and no agent. To approve: x';
  assert.equal(refusedUnanswered(said, strict)?.why, said);
  for (const policy of [{}, { approvalPeerProof: 'kernel' }, { approvalPeerProof: 'recorded' }])
    assert.equal(refusedUnanswered('no editor', readManagedPolicy(policyFile(policy))), undefined);
});

test('the service reads approvalPeerProof at each approval: a change is seen, a broken policy refuses', () => {
  const file = policyFile({});
  const t0 = Date.now();
  assert.equal(approvalRequirementNow(file, t0), 'recorded');
  fs.writeFileSync(file, JSON.stringify({ approvalPeerProof: 'authenticated' }));
  assert.equal(approvalRequirementNow(file, t0 + 1), 'authenticated');
  fs.writeFileSync(file, JSON.stringify({ approvalPeerProof: 'kernel' }));
  assert.equal(approvalRequirementNow(file, t0 + 2), 'kernel');
  fs.writeFileSync(file, '{ not json');
  assert.equal(approvalRequirementNow(file, t0 + 3), 'unreadable');
  fs.rmSync(file);
  assert.equal(approvalRequirementNow(file, t0 + 4), 'unreadable');
});
