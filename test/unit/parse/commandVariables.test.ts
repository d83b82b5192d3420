// Variables whose value is a command another program runs (PAGER, EDITOR,
// VISUAL, MANPAGER, LESSOPEN, git's GIT_PAGER, GIT_SSH_COMMAND, …), set on the
// line, are judged as the command they hold, whatever program reads them;
// a plain pager or editor says nothing, and neither do the user's own values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import { COMMAND_VARIABLES } from '../../../src/core/parse/commandVariables';
import { HOME, WORKSPACE } from '../support/helpers';
import { engine } from '../support/engineHarness';

const opts: EngineOptions = { workspace: WORKSPACE, home: HOME, env: { HOME, PATH: '/usr/bin:/bin' } };
const judge = (command: string, env?: Record<string, string>) => evaluate(env ? { command, env } : { command }, opts);

test('a command held in a pager, editor or filter variable set on the line is judged', () => {
  for (const command of [
    `PAGER='sh -c "rm -rf ~"' git log`,
    `GIT_PAGER='sh -c "rm -rf ~"' git log`,
    `GIT_EDITOR='sh -c "rm -rf ~"' git commit`,
    `EDITOR='sh -c "rm -rf ~"' git commit`,
    `VISUAL='rm -rf ~' git commit`,
    `MANPAGER='sh -c "rm -rf ~"' man ls`,
    `LESSOPEN='|rm -rf ~ %s' less notes.txt`,
    `LESSOPEN='||rm -rf ~ %s' git log`,
    `GIT_EXTERNAL_DIFF='rm -rf ~' git diff`,
    `GIT_SSH_COMMAND='sh -c "rm -rf ~"' git fetch`,
    `GIT_SSH='rm -rf ~' git fetch`,
    `export PAGER='rm -rf ~'; git log`,
    `PAGER='rm -rf ~' ./run-report.sh`,
    `SYSTEMD_PAGER='rm -rf ~' journalctl -u app`,
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    assert.ok(
      r.findings.some((f) => f.id === 'fs.rm-home' && f.target === '~' && f.alternative),
      `${command}: ${r.findings.map((f) => f.id)}`,
    );
  }
});

test('a plain pager or editor, and the user’s own values, say nothing', () => {
  for (const command of [
    'PAGER=cat git log',
    "GIT_PAGER='less -R' git log",
    'EDITOR=vim git commit',
    "VISUAL='code --wait' git commit",
    'MANPAGER=less man ls',
    "LESSOPEN='| /usr/bin/lesspipe %s' less notes.txt",
    "GIT_SSH_COMMAND='ssh -i ~/.ssh/deploy_key' git fetch",
    'export EDITOR=nano; crontab -l',
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
  }
  const own = judge('git log', { HOME, PATH: '/usr/bin:/bin', PAGER: 'rm -rf ~', EDITOR: 'rm -rf ~' });
  assert.equal(own.decision, 'allow', own.findings.map((f) => f.id).join(','));
});

test('every variable listed is one git, a pager or an askpass reads as a command', () => {
  for (const name of ['PAGER', 'EDITOR', 'VISUAL', 'MANPAGER', 'LESSOPEN', 'GIT_PAGER', 'GIT_SSH_COMMAND'])
    assert.ok(COMMAND_VARIABLES.includes(name), name);
  for (const name of COMMAND_VARIABLES) {
    const r = judge(`${name}='rm -rf ~' true`);
    assert.notEqual(r.decision, 'allow', name);
  }
});

test("the browser, psql's pager, cargo's runners and wrappers, Perl's debugger and Go's -toolexec are judged as commands", () => {
  for (const command of [
    `BROWSER='rm -rf ~ #' python3 -m webbrowser https://example.com`,
    `PYTHONWARNINGS='all:0:antigravity.x:0:0' BROWSER='/bin/sh -c "rm -rf ~" #%s' python3 -c pass`,
    `PSQL_PAGER='rm -rf ~ #' psql -c 'select 1'`,
    `CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER='rm -rf ~ #' cargo run`,
    `RUSTC_WRAPPER='rm -rf ~ #' cargo build`,
    `PERL5DB='exec "rm -rf ~"' perl -d -e 1`,
    `printf 'rm -rf ~' > tools.sh; GOFLAGS='-v -toolexec=./tools.sh' go build ./...`,
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
  }
  for (const command of [
    'BROWSER=firefox python3 -m webbrowser https://example.com',
    'PSQL_PAGER=less psql -c "select 1"',
    'RUSTC_WRAPPER=sccache cargo build',
    'CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER=clang cargo build',
    'GOFLAGS=-mod=mod go build ./...',
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
  }
});

test("tar's TAR_OPTIONS, git's GIT_TEMPLATE_DIR and npm's npm_config_* settings set on the line are judged as the options they hold", () => {
  for (const command of [
    `TAR_OPTIONS="--to-command='rm -rf ~'" tar -xf x.tar`,
    `TAR_OPTIONS='--checkpoint=1 --checkpoint-action=exec="rm -rf ~"' tar -cf x.tar src`,
    'GIT_TEMPLATE_DIR=/tmp/tpl git init',
    `npm_config_script_shell='sh -c "rm -rf ~"' npm test`,
    `NPM_CONFIG_NODE_OPTIONS='--require /tmp/evil.js' npm test`,
    'run0 rm -rf /srv/data',
  ])
    assert.notEqual(judge(command).decision, 'allow', command);
  for (const command of [
    'TAR_OPTIONS=--no-same-owner tar -xf x.tar',
    'npm_config_loglevel=silent npm test',
    "npm_config_node_options='--max-old-space-size=4096' npm test",
    'run0 true',
  ])
    assert.equal(judge(command).decision, 'allow', command);
});

test('a helper program set on the line to a path only known when it runs is asked about', () => {
  for (const command of [
    'GIT_ASKPASS=$SOMEDIR/x.sh git push',
    'EDITOR=$D/e.sh git commit',
    'GIT_SSH="$(mktemp -d)/ssh" git fetch',
    'SSH_ASKPASS=${TMPD}/pw SSH_ASKPASS_REQUIRE=force ssh host',
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    assert.ok(
      r.findings.some((f) => f.id === 'parse.too-complex' && /only known when the line runs/.test(f.summary)),
      `${command}: ${JSON.stringify(r.findings)}`,
    );
  }
  // The user's own value (inherited, whatever it holds) and a plain editor stay quiet.
  for (const [command, env] of [
    ['git push', { HOME, PATH: '/usr/bin:/bin', GIT_ASKPASS: '/opt/askpass/bin/askpass' }],
    ['GIT_EDITOR=vim git commit', undefined],
    ['echo $SOMEDIR/x.sh', undefined],
  ] as const) {
    const r = judge(command, env);
    assert.equal(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
  }
});

test('a compiler a variable names is judged as the command it is, a toolchain binary by its name', () => {
  const { decide, ids } = engine({ [`${WORKSPACE}/wrap.sh`]: '#!/bin/sh\nrm -rf ~/code\n' });
  for (const c of ['RUSTC=./wrap.sh cargo build', 'CC=./wrap.sh make', 'PYTHON=./wrap.sh npm install'])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of ['RUSTC=rustc cargo build', 'CC=gcc make', 'CXX=clang++ make'])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
