// What a human is asked to approve when AgentGuard confines a command: with
// the agentguard-run wrapper `install` writes beside the launcher, Claude
// Code's updatedInput is `agentguard-run ID -- 'the command as written'`,
// not bubblewrap's whole line; run as the host runs it, it is confined by
// real bubblewrap. The wrapper fails closed: a profile changed, removed,
// replaced by another or a malformed call runs nothing. An install from
// before the wrapper keeps the whole line, and doctor says which it is.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CLI,
  claudeDecision,
  fixture,
  ownAccountNode,
  readAudit,
  runHook,
  withInput,
  withSandbox,
  type Sandbox,
} from '../support/hookHarness';
import {
  agentBash,
  assertGuardUntouched,
  guardPrint,
  hostEnv,
  humanGuard,
  needsBwrap,
  opaque,
  OUTSIDE_TEMP,
} from '../support/confineHarness';
import { approvalSocketPath } from '../../../src/channels/approval/paths';
import { startApprovalServer } from '../../../src/channels/approval/server';
import type { ApprovalSubject } from '../../../src/shared/protocol';
import { profileId, profilesDir, profileText, RUN_REFUSED, runWrapperPath } from '../../../src/core/launcher/run';
import { shellQuote } from '../../../src/core/sandbox';

/**
 * `agentguard install --claude` as a user runs it, in the throwaway home (the host's own sandbox left off: AgentGuard's
 * is the one under test), as the sandbox's own account: install writes the launcher and the wrapper under its home.
 */
function install(sb: Sandbox): void {
  const r = spawnSync(
    ownAccountNode(sb),
    [CLI, 'install', '--claude', '--no-host-sandbox', '--workspace', sb.workspace],
    { cwd: sb.workspace, env: hostEnv(sb), encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.ok(
    fs.statSync(runWrapperPath(sb.home)).mode & 0o100,
    'install writes an executable agentguard-run beside the launcher',
  );
}

function inSandbox(t: TestContext, fn: (sb: Sandbox) => Promise<void>): Promise<void> {
  if (!needsBwrap(t)) return Promise.resolve();
  return withSandbox(async (sb) => {
    humanGuard(sb);
    install(sb);
    const before = guardPrint(sb);
    await fn(sb);
    assertGuardUntouched(sb, before);
  }, OUTSIDE_TEMP);
}

const SHORT = /^(\S+\/\.agentguard\/bin\/agentguard-run) ([0-9a-f]{32}) -- (.*)$/s;

/** The hook's rewrite is the wrapper, a profile ID and the command as the agent wrote it, quoted once; returns the ID. */
function assertShort(sb: Sandbox, ran: string | undefined, command: string): string {
  const m = SHORT.exec(ran ?? '');
  assert.ok(m, `not the short form: ${ran}`);
  assert.equal(m[1], runWrapperPath(sb.home));
  assert.equal(m[3], shellQuote(command), 'the command as written, quoted once, at the end');
  assert.ok(ran!.length < 200 + command.length, `${ran!.length} characters for a ${command.length}-character command`);
  return m[2];
}

/** Runs the host's command as Claude Code does (bash -c, in the workspace). */
function hostRuns(sb: Sandbox, line: string): SpawnSyncReturns<string> {
  return spawnSync('bash', ['-c', line], { cwd: sb.workspace, env: hostEnv(sb), encoding: 'utf8', timeout: 60_000 });
}

test('with agentguard-run installed, a confined call is handed back short, the command as written, and runs confined by bubblewrap', (t) =>
  inSandbox(t, async (sb) => {
    // What the command's processes try, unread by any judge: work in the workspace, then writes into the profiles, the wrapper and the state.
    const dir = profilesDir(sb.home);
    const inner = [
      'echo made > made.txt',
      `for f in ${dir}/*; do echo evil >> "$f"; done 2>> denied.txt`,
      `echo evil 2>> denied.txt > ${dir}/planted`,
      `echo evil 2>> denied.txt >> ${runWrapperPath(sb.home)}`,
      `echo '{"engaged":false}' 2>> denied.txt > ${sb.state}/killswitch.json`,
      'true',
    ].join('; ');
    const command = opaque(sb, inner);
    const r = await agentBash(sb, command, { approveAsk: false });
    assert.equal(r.decision, 'allow', r.reason);
    const id = assertShort(sb, r.ran, command);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      fs.readFileSync(path.join(sb.workspace, 'made.txt'), 'utf8'),
      'made\n',
      'a write in the workspace works',
    );
    const denied = fs.readFileSync(path.join(sb.workspace, 'denied.txt'), 'utf8');
    const refusals = denied.trim().split('\n');
    // The profile (and its hint), a planted profile, the wrapper, the kill switch: each write refused.
    assert.ok(refusals.length >= 4 && refusals.every((l) => /Read-only file system/.test(l)), denied);
    assert.match(denied, new RegExp(`${id}: Read-only file system`));
    assert.equal(profileId(fs.readFileSync(path.join(dir, id), 'utf8')), id, 'the profile is unchanged');
    assert.ok(!fs.existsSync(path.join(dir, 'planted')));
    const record = readAudit(sb).at(-1);
    assert.equal(record?.command, command, 'the audit records the command as the agent wrote it');
    assert.equal(record?.confinement, 'bubblewrap routine');

    // An ask a human approves at the host's prompt: the approved profile, the same short form.
    fs.mkdirSync(path.join(sb.workspace, 'data'), { recursive: true });
    fs.writeFileSync(path.join(sb.workspace, 'data', 'customers.csv'), 'id,name\n1,Ada\n');
    const gated = 'rm -rf data';
    const asked = await agentBash(sb, gated);
    assert.equal(asked.decision, 'ask', asked.reason);
    const approvedId = assertShort(sb, asked.ran, gated);
    assert.notEqual(approvedId, id, 'the approved profile is another file');
    assert.match(fs.readFileSync(path.join(dir, approvedId), 'utf8'), /'AGENTGUARD_CONFINED' 'approved'/);
    assert.equal(asked.status, 0, asked.stderr);
    assert.ok(!fs.existsSync(path.join(sb.workspace, 'data')), 'the approved command ran');
    assert.equal(readAudit(sb).at(-1)?.command, gated);
  }));

test("the editor's question shows the command as the agent wrote it and says it runs confined; the click's allow carries the short form", (t) =>
  inSandbox(t, async (sb) => {
    fs.mkdirSync(path.join(sb.workspace, 'data'), { recursive: true });
    fs.writeFileSync(path.join(sb.workspace, 'data', 'customers.csv'), 'id,name\n1,Ada\n');
    const command = 'rm -rf data';
    const seen: ApprovalSubject[] = [];
    const server = await startApprovalServer({
      socketPath: approvalSocketPath(sb.state, sb.workspace),
      decide: async (s) => {
        seen.push(s);
        return 'allow';
      },
    });
    let r;
    try {
      r = await agentBash(sb, command, { approveAsk: false });
    } finally {
      await server.close();
    }
    assert.equal(seen.length, 1);
    assert.equal(seen[0].command, command);
    assert.equal(seen[0].confined, 'bubblewrap');
    assert.equal(r.decision, 'allow', r.reason);
    assertShort(sb, r.ran, command);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!fs.existsSync(path.join(sb.workspace, 'data')));
    const record = readAudit(sb).at(-1);
    assert.deepEqual(
      [record?.command, record?.approval, record?.confinement],
      [command, 'allow', 'bubblewrap approved'],
    );
  }));

test('agentguard-run refuses, runs nothing and says why: a profile changed, removed, replaced by another, a malformed call, a missing seccomp filter', (t) =>
  inSandbox(t, async (sb) => {
    const command = 'echo ran > marker.txt';
    const r = await agentBash(sb, command, { approveAsk: false });
    const id = assertShort(sb, r.ran, command);
    const line = r.ran!;
    const marker = path.join(sb.workspace, 'marker.txt');
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.existsSync(marker), 'the rewritten command runs');
    const file = path.join(profilesDir(sb.home), id);
    const original = fs.readFileSync(file, 'utf8');
    const refused = (what: string, run: string, why: RegExp) => {
      fs.rmSync(marker, { force: true });
      const p = hostRuns(sb, run);
      assert.equal(p.status, RUN_REFUSED, `${what}: exit ${p.status}\n${p.stdout}${p.stderr}`);
      assert.match(p.stderr, why, what);
      assert.match(p.stderr, /the command was not run/, what);
      assert.ok(!fs.existsSync(marker), `${what}: the command ran`);
    };

    // Loosened by one mount: the routine profile made writable everywhere.
    fs.writeFileSync(file, original.replace("'--ro-bind' '/' '/'", "'--bind' '/' '/'"));
    refused('a changed profile', line, /is not the one AgentGuard wrote/);
    fs.writeFileSync(file, original + '\n');
    refused('a profile with a byte more', line, /is not the one AgentGuard wrote/);
    // Another profile, well formed and pinned under its own ID, put in this one's place: no sandbox at all.
    const other = profileText(['/bin/sh', '-c']);
    fs.writeFileSync(file, other);
    refused('another profile in its place', line, /is not the one AgentGuard wrote/);
    fs.rmSync(file);
    refused('a removed profile', line, /is missing/);
    fs.mkdirSync(file);
    refused('a folder in its place', line, /is missing/);
    fs.rmdirSync(file);
    fs.writeFileSync(file, original);
    const wrapper = shellQuote(runWrapperPath(sb.home));
    refused(
      'an ID outside the profiles',
      `${wrapper} ../../../tmp/x -- ${shellQuote(command)}`,
      /names no sandbox profile/,
    );
    refused('a short ID', `${wrapper} ${id.slice(0, 8)} -- ${shellQuote(command)}`, /names no sandbox profile/);
    refused('no --', `${wrapper} ${id} ${shellQuote(command)}`, /usage/);
    refused('a command in several words', `${wrapper} ${id} -- echo ran '>' marker.txt`, /usage/);
    // The seccomp filter the profile names is gone: the redirection fails, nothing runs unfiltered.
    const filter = /^ag_seccomp='([^']+)'$/m.exec(original)?.[1];
    assert.ok(filter && fs.existsSync(filter), `the profile names the seccomp filter: ${original.slice(0, 300)}`);
    const bytes = fs.readFileSync(filter);
    fs.rmSync(filter);
    fs.rmSync(marker, { force: true });
    const p = hostRuns(sb, line);
    assert.notEqual(p.status, 0);
    assert.ok(!fs.existsSync(marker), 'ran without its seccomp filter');
    fs.writeFileSync(filter, bytes);

    // Put back as written, it runs again.
    fs.rmSync(marker, { force: true });
    assert.equal(hostRuns(sb, line).status, 0);
    assert.ok(fs.existsSync(marker));

    // The hook's hint of which ID a profile has is only a shortcut: pointed elsewhere, the hook hashes again and names the real one.
    const hints = fs.readdirSync(profilesDir(sb.home)).filter((n) => n.endsWith('.id'));
    assert.ok(hints.length > 0);
    for (const h of hints) fs.writeFileSync(path.join(profilesDir(sb.home), h), 'f'.repeat(32));
    fs.rmSync(marker, { force: true });
    const again = await agentBash(sb, command, { approveAsk: false });
    assert.equal(assertShort(sb, again.ran, command), id);
    assert.equal(again.status, 0, again.stderr);
    assert.ok(fs.existsSync(marker));
  }));

test('the wrapper hides no command from judgment: agentguard-run ID -- COMMAND is judged as COMMAND', (t) =>
  inSandbox(t, async (sb) => {
    const r = await agentBash(sb, 'echo hi', { approveAsk: false });
    const id = assertShort(sb, r.ran, 'echo hi');
    const sneak = `${runWrapperPath(sb.home)} ${id} -- 'rm -rf ~/code'`;
    const answer = claudeDecision(
      await runHook('claude', withInput(fixture('claude/bash', sb), { command: sneak }), sb),
    );
    assert.notEqual(answer.decision, 'allow');
    assert.match(answer.reason, /rm -rf|delet/i);
  }));

test('an install from before agentguard-run keeps the whole bubblewrap line, as does a wrapper changed since; doctor says which', (t) =>
  inSandbox(t, async (sb) => {
    // As an install from before the wrapper left it: the launcher and hooks, no agentguard-run.
    fs.rmSync(runWrapperPath(sb.home));
    const command = 'echo ran > marker.txt';
    const doctor = () =>
      spawnSync(process.execPath, [CLI, 'doctor', '--workspace', sb.workspace], {
        cwd: sb.workspace,
        env: hostEnv(sb),
        encoding: 'utf8',
      }).stdout;
    const old = await agentBash(sb, command, { approveAsk: false });
    assert.match(old.ran ?? '', /^\/\S*bwrap .* 'echo ran > marker.txt' 9<\S+$/s, 'the whole line, as before');
    assert.equal(old.status, 0, old.stderr);
    assert.match(
      doctor(),
      /^ {11}no agentguard-run wrapper of this version at .*handed back as the sandbox's whole command line; run `agentguard install`/m,
    );

    install(sb);
    const now = await agentBash(sb, command, { approveAsk: false });
    assertShort(sb, now.ran, command);
    t.diagnostic(
      `approval text for \`${command}\`: ${old.ran!.length} characters before, ${now.ran!.length} with agentguard-run`,
    );
    assert.match(doctor(), /^ {11}confined commands are handed back as `\S+agentguard-run ID -- COMMAND`/m);

    // A wrapper that is not the text this version writes is not trusted to build the sandbox.
    fs.appendFileSync(runWrapperPath(sb.home), '# changed\n');
    const changed = await agentBash(sb, command, { approveAsk: false });
    assert.match(changed.ran ?? '', /^\/\S*bwrap /);
    assert.match(doctor(), /^ {11}no agentguard-run wrapper of this version/m);
  }));

test("a profile gives sh back exactly the sandbox's words: quotes, spaces, newlines (Seatbelt's profile is one word of many lines)", () =>
  withSandbox(async (sb) => {
    const words = [
      '/usr/bin/sandbox-exec',
      '-p',
      '(version 1)\n(deny file-write* (subpath "/a b/it\'s"))\n',
      '/usr/bin/env',
      '-u',
      'DISPLAY',
      'PATH=/x:/y z',
      "it's",
      '$HOME',
      '`id`',
      '--',
      '/bin/bash',
      '-c',
    ];
    const file = path.join(sb.root, 'profile');
    fs.writeFileSync(file, profileText(words, '/state/sandbox/tiocsti.bpf'));
    const r = spawnSync(
      '/bin/sh',
      ['-c', 'f=$1; ag_seccomp=; set --; eval "$(cat "$f")"; printf "%s\\0" "$ag_seccomp" "$@"', 'sh', file],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\0').slice(0, -1), ['/state/sandbox/tiocsti.bpf', ...words]);
  }));
