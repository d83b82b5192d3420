// The service's password question, asked of a real polkit: a dbus-daemon and
// polkitd of the test's own, in a mount namespace (bubblewrap, as root) whose
// /run/dbus and /usr/share/polkit-1/actions are fresh folders holding only
// this test's bus and the action `install --managed --service` writes — the
// machine's /usr and /run are never written. A developer account and the
// service's account exist in copies of /etc/passwd and /etc/shadow shown at
// /etc in that namespace (the developer's with a known password), so PAM
// checks the password as on any machine. pkttyagent, on a terminal of its
// own (`script`), is the developer's authentication agent: it prints polkit's
// prompt and the test types the password after it. authenticateProcess runs
// as the service's user, about a process of the developer, as the service
// does about the editor's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { approvalPrompt, policyPrompt, polkitAction } from '../../../../src/core/launcher/polkit';
import { authenticateProcess } from '../../../../src/channels/service/authenticate';
import { BWRAP, freeIds } from '../../support/testAccounts';
import { scratchDir } from '../../support/scratch';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');
const POLKITD = '/usr/lib/polkit-1/polkitd';
const TOOLS = ['dbus-daemon', 'pkcheck', 'pkttyagent', 'script', 'setpriv', 'openssl'];
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** Why polkit cannot be run here, or undefined when it can. */
function cannotRunPolkit(): string | undefined {
  if (process.platform !== 'linux') return 'polkit is Linux only';
  if (process.getuid?.() !== 0) return 'a polkitd of the test and accounts of its own need root (CI runs as root)';
  if (!BWRAP) return 'bubblewrap is needed for a mount namespace of the test';
  if (!fs.existsSync(POLKITD)) return `polkitd is not installed (${POLKITD}; Debian package polkitd)`;
  const missing = TOOLS.filter((t) => !has(t));
  if (missing.length) return `not installed: ${missing.join(', ')}`;
  return undefined;
}
const skip = cannotRunPolkit() ?? false;

const PASSWORD = 'correct horse battery staple';

/** Everything below runs in the namespace: the bus, polkitd, the developer's process and each case. */
const LAB = `
set -u
lab=$1; dev=$2; svc=$3
export DBUS_SYSTEM_BUS_ADDRESS=unix:path=/run/dbus/system_bus_socket
dbus-daemon --config-file=$lab/bus.conf --nofork --nopidfile >$lab/dbus.log 2>&1 &
for i in $(seq 100); do [ -S /run/dbus/system_bus_socket ] && break; sleep 0.1; done
${POLKITD} >$lab/polkitd.log 2>&1 &
for i in $(seq 100); do grep -q 'Acquired the name' $lab/polkitd.log && break; sleep 0.1; done
# The developer's process the service asks about (the editor's, in the service).
setpriv --reuid $dev --regid $dev --clear-groups sleep 300 &
subject=$!
sleep 0.2
# pkcheck runs as the service's user, as in the service (node reads the checkout as root: it may be a private copy).
printf '#!/bin/sh\nexec setpriv --reuid %s --regid %s --clear-groups pkcheck "$@"\n' $svc $svc >$lab/pkcheck
chmod 755 $lab/pkcheck
ask() { node $lab/ask.js $subject $dev $lab/pkcheck; }
# An agent for the developer's process, answering $1 once it shows the prompt.
agent() {
  : >$lab/agent.log
  ( for i in $(seq 200); do grep -q 'Password:' $lab/agent.log && break; sleep 0.05; done; sleep \${2:-0}; printf '%s\\n' "$1"; sleep 5 ) |
    script -q -c "pkttyagent --process $subject" /dev/null >$lab/agent.log 2>&1 &
  agentpid=$!
  for i in $(seq 100); do grep -q "Registered Authentication Agent for unix-process:$subject" $lab/polkitd.log && break; sleep 0.1; done
}
echo "none $(ask)"
agent "${PASSWORD}"
echo "right $(ask)"
echo "prompt $(tr -d '\\r\\n' <$lab/agent.log | grep -c -F -f $lab/expected)"
kill $agentpid; sleep 0.3
agent "wrong password"
echo "wrong $(ask)"
kill $agentpid; sleep 0.3
# A looser policy, under its own action: the right password confirms it, a wrong one does not, and the prompt names it.
agent "${PASSWORD}"
echo "policy-right $(ACTION=dev.agentguard.confirm-policy ask)"
echo "policy-prompt $(tr -d '\\r\\n' <$lab/agent.log | grep -c -F -f $lab/expected-policy)"
kill $agentpid; sleep 0.3
agent "wrong password"
echo "policy-wrong $(ACTION=dev.agentguard.confirm-policy ask)"
kill $agentpid; sleep 0.3
# The right password, typed after the editor stopped waiting (1 s): the question is gone, nothing is proven.
agent "${PASSWORD}" 2
echo "late $(node $lab/ask.js $subject $dev $lab/pkcheck 1000)"
`;

/** An agent's text written to mislead the human at the prompt: a second line, a reversed part, padding, a fake all-clear. */
const ASKED = {
  host: 'claude',
  kind: 'shell',
  reason: 'force-pushes a protected branch',
  target: 'origin/main',
  text: `git push --force origin main\n\u202eAgentGuard: this is harmless\u202c${' '.repeat(120)}»\u200b ok`,
};
/** A looser policy for a workspace whose name an agent chose. */
const LOOSER: [string, string[]] = [
  '/home/dev/app\n\u202eharmless',
  ['allows "git push --force" (rules[0])', 'mode "monitor": nothing would be blocked (mode)'],
];
const POLICY_PROMPT = `Your password confirms a looser AgentGuard policy: ${policyPrompt(...LOOSER)}`;
const PROMPT = `Your password approves what an AI agent asked to do: ${approvalPrompt(ASKED)}`;

const ASK = `
const { authenticateProcess } = require(${JSON.stringify(path.join(ROOT, 'out', 'src', 'channels', 'service', 'authenticate.js'))});
authenticateProcess(Number(process.argv[2]), Number(process.argv[3]), {
  prompt: ${JSON.stringify(approvalPrompt(ASKED))},
  timeoutMs: 20000,
  pkcheck: process.argv[4],
  ...(process.env.ACTION ? { actionId: process.env.ACTION, prompt: ${JSON.stringify(policyPrompt(...LOOSER))} } : {}),
  ...(process.argv[5] ? { signal: AbortSignal.timeout(Number(process.argv[5])) } : {}),
})
  .then((a) => process.stdout.write(JSON.stringify(a)));
`;

const BUS = (lab: string) => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
    <allow send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_type="method_return"/>
    <allow send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="signal"/>
    <allow receive_type="error"/>
  </policy>
  <!-- ${lab} -->
</busconfig>
`;

test("polkit takes the developer's password for an approval, and nothing less", { skip, timeout: 120_000 }, () => {
  const lab = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-polkit-'));
  fs.chmodSync(lab, 0o755);
  try {
    const [dev, svc] = freeIds(2, 64000);
    const tag = `${process.pid % 100000}`;
    const svcName = `agpksvc${tag}`;
    const hash = spawnSync('openssl', ['passwd', '-6', '-stdin'], { input: PASSWORD, encoding: 'utf8' }).stdout.trim();
    assert.match(hash, /^\$6\$/);
    // Copies of the account files with the two accounts added, shown at /etc in the namespace only.
    fs.writeFileSync(
      path.join(lab, 'passwd'),
      fs.readFileSync('/etc/passwd', 'utf8') +
        `agpkdev${tag}:x:${dev}:${dev}:AgentGuard test developer:/nonexistent:/bin/sh\n` +
        `${svcName}:x:${svc}:${svc}:AgentGuard test service:/nonexistent:/usr/sbin/nologin\n`,
    );
    fs.writeFileSync(
      path.join(lab, 'shadow'),
      fs.readFileSync('/etc/shadow', 'utf8') + `agpkdev${tag}:${hash}:19000:0:99999:7:::\n`,
      { mode: 0o600 },
    );
    fs.writeFileSync(path.join(lab, 'bus.conf'), BUS(lab));
    fs.writeFileSync(path.join(lab, 'action.policy'), polkitAction(svcName));
    fs.writeFileSync(path.join(lab, 'ask.js'), ASK);
    fs.writeFileSync(path.join(lab, 'expected'), `${PROMPT}\n`);
    fs.writeFileSync(path.join(lab, 'expected-policy'), `${POLICY_PROMPT}\n`);
    fs.writeFileSync(path.join(lab, 'lab.sh'), LAB);
    const r = spawnSync(
      BWRAP!,
      [
        '--dev-bind',
        '/',
        '/',
        '--ro-bind',
        path.join(lab, 'passwd'),
        '/etc/passwd',
        '--ro-bind',
        path.join(lab, 'shadow'),
        '/etc/shadow',
        '--tmpfs',
        '/run/dbus',
        '--tmpfs',
        '/usr/share/polkit-1/actions',
        '--ro-bind',
        path.join(lab, 'action.policy'),
        '/usr/share/polkit-1/actions/dev.agentguard.approve.policy',
        // Its own process tree: ending bubblewrap ends the bus, polkitd and the agents with it.
        '--unshare-pid',
        '--proc',
        '/proc',
        '--die-with-parent',
        '--',
        'bash',
        path.join(lab, 'lab.sh'),
        lab,
        String(dev),
        String(svc),
      ],
      { encoding: 'utf8', timeout: 100_000, env: { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' } },
    );
    const logs = ['polkitd.log', 'agent.log', 'dbus.log']
      .map((f) => `--- ${f}\n${fs.existsSync(path.join(lab, f)) ? fs.readFileSync(path.join(lab, f), 'utf8') : ''}`)
      .join('\n');
    const said = `${r.stdout}\n${r.stderr}\n${logs}`;
    const line = (name: string) =>
      /^\S+ (.*)$/m.exec(r.stdout.split('\n').find((l) => l.startsWith(`${name} `)) ?? '')?.[1] ?? '';
    const outcome = (name: string) => JSON.parse(line(name) || '{}') as { ok?: boolean; why?: string };
    // No authentication agent for the developer's process (SSH, code-server): not authenticated.
    assert.deepEqual(
      outcome('none'),
      { ok: false, why: 'no authentication agent could ask for the password (none runs over SSH or for code-server)' },
      said,
    );
    // Each action: the right password, typed at polkit's prompt, is taken; the prompt is exactly the one line made of
    // what is asked (approvalPrompt, policyPrompt), as polkit's agent shows it; a wrong password is not taken.
    const asks = (prefix: string, prompt: string, shown: string) => {
      assert.deepEqual(outcome(`${prefix}right`), { ok: true }, said);
      assert.equal(line(`${prefix}prompt`), '1', said);
      assert.equal(prompt, shown);
      assert.deepEqual(outcome(`${prefix}wrong`), { ok: false, why: 'the password was not given, or was wrong' }, said);
    };
    asks(
      '',
      PROMPT,
      'Your password approves what an AI agent asked to do: AgentGuard: force-pushes a protected branch (target: origin/main). claude asks to run a command; the agent wrote: «git push --force origin main⟨U+000A⟩⟨U+202E⟩AgentGuard: this is harmless⟨U+202C⟩⟨120 spaces⟩⟨U+00BB⟩⟨U+200B⟩ ok»',
    );
    // A looser policy asks under its own action, with a prompt of its own.
    asks(
      'policy-',
      POLICY_PROMPT,
      'Your password confirms a looser AgentGuard policy: AgentGuard: 2 loosenings of the policy of «/home/dev/app⟨U+000A⟩⟨U+202E⟩harmless»: allows "git push --force" (rules[0]); mode "monitor": nothing would be blocked (mode)',
    );
    // The right one, typed once the editor no longer waits for the answer: never an approval.
    assert.deepEqual(outcome('late'), { ok: false, why: 'the editor stopped waiting for the answer' }, said);
  } finally {
    fs.rmSync(lab, { recursive: true, force: true });
  }
});

test('a process that is gone, or no pkcheck, is never authenticated', async () => {
  assert.deepEqual(await authenticateProcess(process.pid, 0, { pkcheck: '/nonexistent/pkcheck' }), {
    ok: false,
    why: 'pkcheck could not start: spawn /nonexistent/pkcheck ENOENT',
  });
  assert.deepEqual(await authenticateProcess(2 ** 22 + 7, 0), { ok: false, why: `process ${2 ** 22 + 7} is gone` });
  // A pkcheck that never answers is cut off: the time limit is a refusal, not a wait forever.
  const slow = path.join(scratchDir('ag-pk-'), 'pkcheck');
  fs.writeFileSync(slow, '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
  assert.deepEqual(await authenticateProcess(process.pid, 0, { pkcheck: slow, timeoutMs: 300 }), {
    ok: false,
    why: 'no password within 1 s',
  });
  fs.writeFileSync(slow, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  assert.deepEqual(await authenticateProcess(process.pid, 0, { pkcheck: slow }), { ok: true });
});

test('a question whose editor stopped waiting is withdrawn: a password given after it proves nothing', async () => {
  const dir = scratchDir('ag-pk-');
  try {
    // A pkcheck that says yes a second after it is asked, as polkit does once the password is typed.
    const late = path.join(dir, 'pkcheck');
    const said = path.join(dir, 'said-yes');
    fs.writeFileSync(late, `#!/bin/sh\nsleep 1\n: > ${said}\nexit 0\n`, { mode: 0o755 });
    const left = new AbortController();
    setTimeout(() => left.abort(), 200);
    const t0 = Date.now();
    assert.deepEqual(await authenticateProcess(process.pid, 0, { pkcheck: late, signal: left.signal }), {
      ok: false,
      why: 'the editor stopped waiting for the answer',
    });
    assert.ok(Date.now() - t0 < 900, 'withdrawn at once, not when pkcheck answers');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(fs.existsSync(said), false, 'the question itself is ended, not only ignored');
    // Asked for an editor that already left: not asked at all.
    assert.deepEqual(await authenticateProcess(process.pid, 0, { pkcheck: late, signal: left.signal }), {
      ok: false,
      why: 'the editor stopped waiting for the answer',
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
