// A script an agent host's hook settings name as a command runs in the host
// on its next event: writing, replacing, editing or deleting it is judged as
// writing the hook settings, and so is any file of the hosts' hook-script
// folders. Reading it, and writing files no hook names, stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { protectedPathFinding, protectedPathFindings } from '../../../src/core/guard/protectedPaths';
import type { SimpleCommand } from '../../../src/core/types';
import { HOME, WORKSPACE, ctx, simple } from '../support/helpers';

const CLAUDE = JSON.stringify({
  hooks: {
    PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'tools/check.sh' }] }],
    PostToolUse: [{ hooks: [{ type: 'command', command: 'python3 "$CLAUDE_PROJECT_DIR"/scripts/post.py --fast' }] }],
    Stop: [{ hooks: [{ type: 'command', command: 'cd "$CLAUDE_PROJECT_DIR" && node ~/lib/stop.js' }] }],
  },
  statusLine: { type: 'command', command: 'bin/status' },
});
const CURSOR = JSON.stringify({ version: 1, hooks: { beforeShellExecution: [{ command: './audit.sh' }] } });
// Comments: read by key, as the host's own lenient parser would.
const PLUGIN = '// plugin\n{"hooks":{"SessionStart":[{"hooks":[{"command":"${CLAUDE_PLUGIN_ROOT}/run/start.sh"}]}]}}';

const FILES = {
  [`${WORKSPACE}/.claude/settings.json`]: CLAUDE,
  [`${HOME}/.cursor/hooks.json`]: CURSOR,
  [`${WORKSPACE}/hooks/hooks.json`]: PLUGIN,
};
const check = (argv: string[], extra: Partial<SimpleCommand> = {}) =>
  protectedPathFindings(simple(argv, extra), ctx(FILES), undefined);
const write = (target: string): Partial<SimpleCommand> => ({ redirects: [{ op: '>', fd: 1, target }] });

test('a script a hook setting names is judged as the hook setting itself', () => {
  const cases: [string, string[], Partial<SimpleCommand>?][] = [
    ['tools/check.sh', ['echo', 'rm -rf ~'], write('tools/check.sh')],
    ['tools/check.sh', ['cp', 'evil', 'tools/check.sh']],
    ['tools/check.sh', ['sed', '-i', 's/exit 2/exit 0/', 'tools/check.sh']],
    ['tools/check.sh', ['rm', 'tools/check.sh']],
    ['scripts/post.py', ['mv', 'x.py', 'scripts/post.py']],
    ['~/lib/stop.js', ['tee', `${HOME}/lib/stop.js`]],
    ['bin/status', ['cp', 'x', 'bin/status']],
    // A user-level file's relative command, from the host's own folder.
    ['~/.cursor/audit.sh', ['cp', 'x', `${HOME}/.cursor/audit.sh`]],
    ['run/start.sh', ['cp', 'x', 'run/start.sh']],
  ];
  for (const [target, argv, extra] of cases) {
    const f = check(argv, extra);
    assert.equal(f.length, 1, `${argv.join(' ')}: ${JSON.stringify(f)}`);
    assert.equal(f[0].id, 'path.agentguard');
    assert.equal(f[0].target, target);
    assert.match(f[0].summary, /hook settings run as a command/);
    assert.ok(f[0].severity >= 70, 'asks');
  }
  // The edit tools too.
  assert.equal(protectedPathFinding('tools/check.sh', 'write', ctx(FILES), undefined)?.id, 'path.agentguard');
});

test("the hosts' hook-script folders and a plugin's hook files are built in", () => {
  for (const p of [
    `${WORKSPACE}/.claude/hooks/new.sh`,
    `${HOME}/.claude/hooks/x.sh`,
    `${WORKSPACE}/hooks/hooks.json`,
    `${WORKSPACE}/.claude-plugin/plugin.json`,
    `${HOME}/.claude/plugins/cache/p/hooks/hooks.json`,
    `${WORKSPACE}/.cursor/hooks/a.sh`,
  ])
    assert.equal(protectedPathFinding(p, 'write', ctx(), undefined)?.id, 'path.agentguard', p);
});

test('reading hook scripts, and writing what no hook names, stay quiet', () => {
  assert.deepEqual(check(['cat', 'tools/check.sh']), []);
  assert.deepEqual(check(['ls', `${HOME}/.claude`]), []);
  for (const argv of [
    ['cp', 'x', 'tools/other.sh'],
    ['cp', 'x', 'scripts/post.sh'],
    ['mkdir', '-p', 'bin'],
  ])
    assert.deepEqual(check(argv), [], argv.join(' '));
  // `cd "$CLAUDE_PROJECT_DIR"` names the workspace, not a script: writing inside it stays quiet.
  assert.deepEqual(check(['echo', 'x'], write('notes.txt')), []);
  // Settings that are not JSON and hold no command name nothing.
  assert.deepEqual(
    protectedPathFindings(
      simple(['cp', 'x', 'tools/check.sh']),
      ctx({ [`${WORKSPACE}/.claude/settings.json`]: '{ not json' }),
      undefined,
    ),
    [],
  );
});

test('settings are read under the folders a listing of the workspace and the home shows', () => {
  const listed = (names: string[]) => ({
    ...ctx(FILES),
    readdir: (dir: string) =>
      dir === WORKSPACE || dir === HOME ? names.map((name) => ({ name, dir: true })) : undefined,
  });
  const cmd = simple(['echo', 'x'], write('tools/check.sh'));
  // A listing holding `.claude`: its settings are read and the script they name is guarded.
  assert.ok(protectedPathFindings(cmd, listed(['.claude', 'src']), undefined).length > 0);
  // A listing without it: the settings are not looked for, and nothing else names the script.
  assert.equal(protectedPathFindings(cmd, listed(['src']), undefined).length, 0);
});
