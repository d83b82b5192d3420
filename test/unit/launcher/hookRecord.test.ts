// The hash record of the hook files install wrote, and doctor's word on each
// against it: the built CLI's install, doctor and uninstall on real files in
// a throwaway home and workspace. Install records under the account's
// home, never under a HOME it is handed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOOK_RECORD, readHookRecord } from '../../../src/core/launcher/hookRecord';
import { CLI, ownAccountNode, runCli, sandbox, type Sandbox } from '../support/hookHarness';

/** The built CLI as the sandbox's own account: HOME is the account's home, as a developer has it. */
const cli = (sb: Sandbox, args: string[]) => runCli(sb, args, undefined, ownAccountNode(sb));

/** Doctor's hookfile lines, one per recorded file. */
function hookfileLines(sb: Sandbox): string[] {
  return cli(sb, ['doctor'])
    .stdout.split('\n')
    .filter((l) => l.startsWith('hookfile'));
}

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file, 'utf8')).digest('hex');

test("install records each hook file's sha256 and AgentGuard's entry; doctor says unchanged, intact, altered, removed", () => {
  const sb = sandbox();
  try {
    assert.equal(cli(sb, ['install', '--claude', '--cursor', '--no-host-sandbox']).code, 0);
    const claude = path.join(sb.workspace, '.claude', 'settings.json');
    const cursor = path.join(sb.workspace, '.cursor', 'hooks.json');
    const record = readHookRecord(sb.state);
    const mine = record.find((r) => r.file === claude)!;
    assert.equal(mine.sha256, sha(claude));
    assert.equal(mine.entries?.length, 1);
    assert.match(mine.entries![0].command, /agentguard' hook claude$|agentguard hook claude$/);
    assert.equal(mine.entries![0].event, 'PreToolUse');
    assert.equal(typeof mine.entries![0].matcher, 'string');
    // The workspace file install only looked at: noted as absent, no entries.
    const local = record.find((r) => r.file.endsWith(path.join('.claude', 'settings.local.json')))!;
    assert.equal(local.sha256, null);
    assert.equal(local.entries, undefined);
    assert.ok(record.some((r) => r.file === cursor && r.entries?.length));
    assert.equal(fs.statSync(path.join(sb.state, HOOK_RECORD)).mode & 0o777, 0o600);

    let lines = hookfileLines(sb);
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.ok(
      lines.every((l) => /unchanged since install/.test(l) && !/FAIL/.test(l)),
      lines.join('\n'),
    );

    // The user's own edit: said, not a failure.
    const v = JSON.parse(fs.readFileSync(claude, 'utf8')) as Record<string, unknown>;
    v.permissions = { allow: ['Bash(npm test:*)'] };
    fs.writeFileSync(claude, JSON.stringify(v, null, 2));
    lines = hookfileLines(sb);
    assert.match(
      lines.find((l) => l.includes(claude))!,
      /^hookfile {3}claude {6}project .*changed since install \(.*\), AgentGuard's entry intact$/,
    );

    // AgentGuard's entry replaced by another command: a failure that names it.
    const c = JSON.parse(fs.readFileSync(cursor, 'utf8')) as { hooks: Record<string, { command: string }[]> };
    for (const list of Object.values(c.hooks)) for (const h of list) h.command = '/tmp/x/agentguard hook cursor';
    fs.writeFileSync(cursor, JSON.stringify(c));
    assert.match(
      hookfileLines(sb).find((l) => l.includes(cursor))!,
      /FAIL changed since install .*: AgentGuard's entry now runs \/tmp\/x\/agentguard hook cursor instead of /,
    );

    // Claude's entry narrowed to one tool: a failure too.
    const groups = (v.hooks as Record<string, { matcher: string }[]>).PreToolUse;
    groups[0].matcher = 'Write';
    fs.writeFileSync(claude, JSON.stringify(v));
    assert.match(
      hookfileLines(sb).find((l) => l.includes(claude))!,
      /FAIL .*AgentGuard's entry now matches only "Write"/,
    );

    fs.rmSync(cursor);
    assert.match(
      hookfileLines(sb).find((l) => l.includes(cursor))!,
      /FAIL removed since install .*: AgentGuard is no longer called from it/,
    );
    const json = JSON.parse(cli(sb, ['doctor', '--json']).stdout) as { checks: { name: string; detail: string }[] };
    assert.ok(
      json.checks.some((k) => k.name === 'hookfile' && k.detail.includes(cursor) && /FAIL removed/.test(k.detail)),
    );
  } finally {
    sb.cleanup();
  }
});

test('install again records the file as it is now; uninstall drops it from the record', () => {
  const sb = sandbox();
  try {
    assert.equal(cli(sb, ['install', '--claude', '--no-host-sandbox']).code, 0);
    const claude = path.join(sb.workspace, '.claude', 'settings.json');
    const v = JSON.parse(fs.readFileSync(claude, 'utf8')) as Record<string, unknown>;
    v.model = 'opus';
    fs.writeFileSync(claude, JSON.stringify(v));
    assert.equal(cli(sb, ['install', '--claude', '--no-host-sandbox']).code, 0);
    assert.equal(readHookRecord(sb.state).find((r) => r.file === claude)?.sha256, sha(claude));
    assert.match(hookfileLines(sb)[0], /unchanged since install/);
    assert.equal(cli(sb, ['uninstall', '--claude']).code, 0);
    assert.equal(readHookRecord(sb.state).filter((r) => r.file === claude).length, 0);
    assert.match(hookfileLines(sb)[0], /no hash record of the hook files yet/);
  } finally {
    sb.cleanup();
  }
});

test("the workspace's other Claude Code settings file is recorded as install left it, its sandbox settings included", () => {
  const sb = sandbox();
  try {
    assert.equal(cli(sb, ['install', '--claude']).code, 0);
    const local = path.join(sb.workspace, '.claude', 'settings.local.json');
    assert.ok(fs.existsSync(local), "install turned Claude Code's sandbox on in settings.local.json");
    const noted = readHookRecord(sb.state).find((r) => r.file === local)!;
    assert.equal(noted.sha256, sha(local));
    assert.equal(noted.entries, undefined, 'a file install noted, not one it wrote a hook into');
  } finally {
    sb.cleanup();
  }
});

test(
  "install records under the account's home, whatever HOME it is handed",
  { skip: process.platform !== 'linux' },
  (t) => {
    const sb = sandbox();
    t.after(() => sb.cleanup());
    // An agent-shaped HOME, and no relocation of the state folder: only the home says where it is.
    const agentHome = path.join(sb.root, 'agent-home');
    fs.mkdirSync(agentHome);
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: agentHome };
    const run = (args: string[], withEnv = env) =>
      spawnSync(ownAccountNode(sb), [CLI, ...args], {
        cwd: sb.workspace,
        env: withEnv,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const r = run(['install', '--claude', '--no-host-sandbox']);
    assert.equal(r.status, 0, r.stderr);
    const claude = path.join(sb.workspace, '.claude', 'settings.json');
    const own = path.join(sb.home, '.local', 'state', 'agentguard');
    assert.equal(readHookRecord(own).find((x) => x.file === claude)?.sha256, sha(claude), 'where hooks read it');
    assert.match(fs.readFileSync(path.join(own, 'audit.jsonl'), 'utf8'), /"event":"host-sandbox\.declined"/);
    assert.equal(fs.existsSync(path.join(agentHome, '.local', 'state')), false, 'nothing recorded under that HOME');
    // Doctor, as the account with its own HOME, finds the file as install left it.
    const doctor = run(['doctor'], { ...env, HOME: sb.home });
    assert.match(doctor.stdout, /^hookfile .*unchanged since install/m, doctor.stdout);
  },
);
