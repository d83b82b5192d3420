// The sandbox itself, with real bubblewrap: routine work through the hook
// runs confined and succeeds; the guard's files stay read-only however a
// confined process tries (writing, unmounting, renaming a parent away); the
// display server's and the editor's sockets and the terminal's input are
// out of reach; and where no sandbox can start, the hook says so and judges
// alone. The Seatbelt profile (macOS) is checked as text: it cannot run here.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { confine, sandboxAvailability } from '../../../src/core/sandbox';
import { placesFor } from '../../../src/core/sandbox/places';
import { seatbeltProfile } from '../../../src/core/sandbox/seatbelt';
import { tiocstiFilterBytes } from '../../../src/core/sandbox/seccomp';
import { CLI, fixture, readAudit, runHook, type Sandbox, withSandbox } from '../support/hookHarness';
import { ruleCouldMatch } from '../../../src/core/hosts/claude';
import { readAnswer } from '../../../src/core/hosts';
import {
  agentBash,
  assertGuardUntouched,
  guardPrint,
  handOverRoutine,
  hostEnv,
  humanGuard,
  needsBwrap,
  OUTSIDE_TEMP,
} from '../support/confineHarness';

const confined = (ran: string | undefined) => assert.match(ran ?? '', /^\/\S*bwrap /, `not confined: ${ran}`);

function inSandbox(t: TestContext, fn: (sb: Sandbox) => Promise<void>): Promise<void> {
  if (!needsBwrap(t)) return Promise.resolve();
  return withSandbox(async (sb) => {
    humanGuard(sb);
    const before = guardPrint(sb);
    await fn(sb);
    assertGuardUntouched(sb, before);
  }, OUTSIDE_TEMP);
}

/** A routine command through the hook: allowed, confined, and it succeeds. */
async function routine(sb: Sandbox, command: string, env: Record<string, string> = {}): Promise<string> {
  const r = await agentBash(sb, command, { env, approveAsk: false });
  assert.equal(r.decision, 'allow', `${command}: ${r.reason}`);
  confined(r.ran);
  assert.equal(r.status, 0, `${command}\n${r.stdout}\n${r.stderr}`);
  return r.stdout ?? '';
}

test('routine work runs confined and succeeds: git, npm, make, pytest, cargo', (t) =>
  inSandbox(t, async (sb) => {
    const git = '-c user.name=Ada -c user.email=ada@example.com';
    fs.rmSync(path.join(sb.workspace, '.git'), { recursive: true });
    await routine(sb, 'git init -q && git checkout -q -b main');
    fs.writeFileSync(
      path.join(sb.workspace, 'package.json'),
      JSON.stringify({
        name: 'acme',
        version: '1.0.0',
        scripts: {
          test: 'node -e "process.exit(0)"',
          build:
            "node -e \"require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/out.js','1')\"",
        },
      }),
    );
    fs.writeFileSync(
      path.join(sb.workspace, 'package-lock.json'),
      JSON.stringify({
        name: 'acme',
        version: '1.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: { '': { name: 'acme', version: '1.0.0' } },
      }),
    );
    await routine(sb, 'npm ci --no-audit --no-fund --offline');
    await routine(sb, 'npm test');
    await routine(sb, 'npm run build');
    assert.ok(fs.existsSync(path.join(sb.workspace, 'dist', 'out.js')));
    fs.writeFileSync(path.join(sb.workspace, 'Makefile'), 'all:\n\tmkdir -p build && echo ok > build/x\n');
    await routine(sb, 'make');
    await routine(sb, `git add -A && git ${git} commit -qm first`);
    await routine(sb, 'git branch feature && git checkout -q feature');
    fs.writeFileSync(path.join(sb.workspace, 'wip.txt'), 'wip\n');
    await routine(sb, 'git add wip.txt && git stash && git stash pop');
    await routine(sb, `git ${git} commit -qam wip && git log --oneline | head -1`);
    await routine(
      sb,
      'echo scratch > /tmp/agentguard-confine-scratch && cat /tmp/agentguard-confine-scratch && rm /tmp/agentguard-confine-scratch',
    );
    if (spawnSync('python3', ['-m', 'pytest', '--version']).status === 0) {
      fs.writeFileSync(path.join(sb.workspace, 'test_a.py'), 'def test_a():\n    assert 1 + 1 == 2\n');
      await routine(sb, 'python3 -m pytest -q test_a.py');
    } else {
      t.diagnostic('pytest is not installed here: skipped');
    }
    const cargo = spawnSync('cargo', ['--version']);
    if (
      cargo.status === 0 &&
      (process.env.RUSTUP_HOME !== undefined || fs.existsSync(path.join(process.env.HOME ?? '/root', '.rustup')))
    ) {
      const rustup = process.env.RUSTUP_HOME ?? path.join(process.env.HOME ?? '/root', '.rustup');
      fs.mkdirSync(path.join(sb.home, '.cargo', 'registry'), { recursive: true });
      await routine(sb, 'cargo new -q --vcs none hello && cd hello && cargo build -q --offline', {
        RUSTUP_HOME: rustup,
        CARGO_HOME: path.join(sb.home, '.cargo'),
      });
    } else {
      t.diagnostic('cargo is not installed here: skipped');
    }
  }));

test('the guard stays read-only however a confined command tries: writing, unmounting, renaming a parent away', (t) =>
  inSandbox(t, async (sb) => {
    spawnSync('git', ['init', '-q'], { cwd: sb.workspace });
    const line = confine({
      command: [
        `echo x > ${sb.state}/killswitch.json`,
        // Lift the mounts themselves: needs capabilities the sandbox dropped (it runs as root in CI).
        'umount .agentguard.json',
        `echo '{"mode":"monitor"}' > .agentguard.json`,
        'mount -o remount,rw,bind /',
        `echo x > ${sb.state}/killswitch.json`,
        'mv .git .git-old',
        'mv .claude .claude-old',
        'rm -f .agentguard.json',
        'echo "#!/bin/sh" > .git/hooks/pre-commit',
        'echo done',
      ].join('; '),
      profile: 'routine',
      workspace: sb.workspace,
      home: sb.home,
      env: hostEnv(sb),
      stateDir: sb.state,
      install: [],
    });
    assert.ok(line.confined);
    const r = spawnSync('bash', ['-c', line.command], { cwd: sb.workspace, env: hostEnv(sb), encoding: 'utf8' });
    assert.match(r.stdout, /done/);
    assert.match(r.stderr, /Read-only file system/);
    assert.match(r.stderr, /umount|must be superuser|not permitted/);
    assert.match(r.stderr, /mv: cannot move '\.git'.*busy/);
    assert.ok(
      fs.existsSync(path.join(sb.workspace, '.git', 'HEAD')) && !fs.existsSync(path.join(sb.workspace, '.git-old')),
    );
    assert.ok(!fs.existsSync(path.join(sb.workspace, '.git', 'hooks', 'pre-commit')));
  }));

test("sockets out of reach: the session runtime folder, the editor's IPC and X11 in /tmp; the ssh agent stays", (t) =>
  inSandbox(t, async (sb) => {
    const runtime = path.join(sb.root, 'run');
    fs.mkdirSync(path.join(runtime, 'ssh'), { recursive: true, mode: 0o700 });
    const x11 = '/tmp/.X11-unix';
    const created = !fs.existsSync(x11);
    if (created) fs.mkdirSync(x11, { mode: 0o1777 });
    const sockets = {
      wayland: path.join(runtime, 'wayland-0'),
      ipc: path.join('/tmp', `vscode-ipc-${process.pid}.sock`),
      x11: path.join(x11, `X${process.pid}`),
      agent: path.join(runtime, 'ssh', 'agent.sock'),
    };
    const servers = Object.values(sockets).map((p) =>
      net
        .createServer((c) => {
          c.on('error', () => undefined);
          c.end('hello\n');
        })
        .listen(p),
    );
    try {
      await Promise.all(servers.map((s) => new Promise((res) => s.once('listening', res))));
      const env = hostEnv(sb, {
        XDG_RUNTIME_DIR: runtime,
        SSH_AUTH_SOCK: sockets.agent,
        VSCODE_IPC_HOOK_CLI: sockets.ipc,
        DISPLAY: ':0',
      });
      const probe = Object.entries(sockets)
        .map(
          ([k, p]) =>
            `python3 -c "import socket;s=socket.socket(socket.AF_UNIX);s.connect('${p}');print('${k}-reached')" 2>/dev/null || echo ${k}-blocked`,
        )
        .join('; ');
      const line = confine({
        command: `${probe}; echo "display=\${DISPLAY:-unset} ipc=\${VSCODE_IPC_HOOK_CLI:-unset}"`,
        profile: 'routine',
        workspace: sb.workspace,
        home: sb.home,
        env,
        stateDir: sb.state,
        install: [],
      });
      assert.ok(line.confined);
      const out = await new Promise<string>((res) => {
        const child = spawn('bash', ['-c', line.command], { cwd: sb.workspace, env });
        let text = '';
        child.stdout.on('data', (b: Buffer) => {
          text += String(b);
        });
        child.on('close', () => res(text));
      });
      assert.match(out, /wayland-blocked/);
      assert.match(out, /ipc-blocked/);
      assert.match(out, /x11-blocked/);
      assert.match(out, /agent-reached/);
      assert.match(out, /display=unset ipc=unset/);
    } finally {
      for (const s of servers) s.close();
      if (created) fs.rmSync(x11, { recursive: true, force: true });
    }
  }));

test('nothing confined can type into the terminal that started it (TIOCSTI refused by the seccomp filter)', (t) =>
  inSandbox(t, async (sb) => {
    const code =
      'import fcntl,termios,os,sys\ntry:\n  fcntl.ioctl(sys.stdin.fileno(), termios.TIOCSTI, b"x")\n  print("injected")\nexcept OSError as e:\n  print("refused", e.errno)\n';
    fs.writeFileSync(path.join(sb.workspace, 'sti.py'), code);
    const line = confine({
      command: 'python3 sti.py',
      profile: 'routine',
      workspace: sb.workspace,
      home: sb.home,
      env: hostEnv(sb),
      stateDir: sb.state,
      install: [],
    });
    assert.ok(line.confined);
    // A real terminal: `script` gives the command a pty as its controlling terminal.
    const r = spawnSync('script', ['-qec', line.command, '/dev/null'], {
      cwd: sb.workspace,
      env: hostEnv(sb),
      encoding: 'utf8',
      input: '',
    });
    assert.match(r.stdout, /refused 1\b/, r.stdout + r.stderr);
    const bare = spawnSync('script', ['-qec', 'python3 sti.py', '/dev/null'], {
      cwd: sb.workspace,
      env: hostEnv(sb),
      encoding: 'utf8',
      input: '',
    });
    t.diagnostic(`unconfined on this kernel: ${bare.stdout.trim()}`);
    assert.ok(tiocstiFilterBytes().length % 8 === 0);
  }));

test('where no sandbox can start, the hook answers without a rewrite, records why, and doctor says so', (t) => {
  if (!needsBwrap(t)) return;
  return withSandbox(async (sb) => {
    handOverRoutine(sb);
    // The hook itself inside a sandbox without capabilities: bubblewrap cannot make its namespaces there.
    const payload = JSON.stringify({
      session_id: 's',
      cwd: sb.workspace,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'npm test' },
    });
    const outer = [
      'bwrap',
      '--cap-drop',
      'ALL',
      '--ro-bind',
      '/',
      '/',
      '--bind',
      sb.root,
      sb.root,
      '--dev',
      '/dev',
      '--proc',
      '/proc',
      '--',
      process.execPath,
      CLI,
      'hook',
      'claude',
    ];
    const r = spawnSync(outer[0], outer.slice(1), {
      cwd: sb.workspace,
      env: hostEnv(sb),
      input: payload,
      encoding: 'utf8',
    });
    const out = JSON.parse(r.stdout) as { hookSpecificOutput: Record<string, unknown> };
    assert.equal(out.hookSpecificOutput.permissionDecision, 'allow');
    assert.equal(out.hookSpecificOutput.updatedInput, undefined);
    const record = readAudit(sb).at(-1);
    assert.match(String(record?.confinement), /^unconfined: bubblewrap cannot start here \(bwrap: /);
    const doctor = spawnSync(
      outer[0],
      [...outer.slice(1, outer.indexOf('--') + 1), process.execPath, CLI, 'doctor', '--workspace', sb.workspace],
      { cwd: sb.workspace, env: hostEnv(sb), encoding: 'utf8' },
    );
    assert.match(doctor.stdout, /^confine {4}none — bubblewrap cannot start here/m);
    assert.match(doctor.stdout, /judged but run unconfined/);
  }, OUTSIDE_TEMP);
});

test('places: what a routine command may write and what stays read-only', () =>
  withSandbox(async (sb) => {
    humanGuard(sb);
    const p = placesFor({
      workspace: sb.workspace,
      home: sb.home,
      env: { HOME: sb.home },
      stateDir: sb.state,
      install: [],
      profile: 'routine',
    });
    assert.ok(p.writable.includes(sb.workspace) && p.writable.includes('/tmp'));
    assert.ok(p.writable.includes(path.join(sb.home, '.npm')), 'the npm cache is made and writable');
    // Outside every writable folder the state is read-only already; inside the workspace the guard's files get their own mounts.
    assert.ok(!p.writable.some((w) => sb.state.startsWith(w + '/')), 'the state is not under a writable folder');
    for (const ro of [path.join(sb.workspace, '.agentguard.json'), path.join(sb.workspace, '.claude')])
      assert.ok(p.readOnly.includes(ro), ro);
    const approved = placesFor({
      workspace: sb.workspace,
      home: sb.home,
      env: { HOME: sb.home },
      stateDir: sb.state,
      install: [],
      profile: 'approved',
      autorunApproved: true,
    });
    assert.deepEqual(approved.writable, []);
    assert.ok(approved.readOnly.includes(sb.state));
  }, OUTSIDE_TEMP));

test('the Seatbelt profile (macOS) says the same in its own language', () => {
  const places = {
    writable: ['/Users/ada/code/api', '/tmp'],
    readOnly: [
      '/Users/ada/.local/state/agentguard',
      '/Users/ada/code/api/.agentguard.json',
      '/Users/ada/code/api/.git/hooks',
    ],
    hidden: [{ path: '/tmp/.X11-unix', kind: 'dir' as const }],
    reexposed: ['/private/tmp/com.apple.launchd.x/Listeners'],
    unset: ['DISPLAY'],
  };
  const routine = seatbeltProfile(places, 'routine');
  assert.match(routine, /^\(version 1\)\n\(allow default\)\n\(deny file-write\*\)\n/);
  assert.match(
    routine,
    /\(allow file-write\* \(subpath "\/Users\/ada\/code\/api"\) \(subpath "\/tmp"\) \(subpath "\/private\/tmp"\)/,
  );
  // The read-only places come after the allow, so they win; their parents cannot be renamed away.
  const deny = routine.indexOf('(deny file-write* (subpath "/Users/ada/.local/state/agentguard")');
  assert.ok(deny > routine.indexOf('(allow file-write*'));
  assert.match(routine, /\(deny file-write-unlink file-write-create .*\(literal "\/Users\/ada\/code\/api\/\.git"\)/);
  assert.match(routine, /\(deny network-outbound \(remote unix-socket \(subpath "\/tmp\/\.X11-unix"\)\)\)/);
  assert.match(routine, /\(deny appleevent-send\)/);
  assert.match(
    routine,
    /\(allow network-outbound \(remote unix-socket \(literal "\/private\/tmp\/com\.apple\.launchd\.x\/Listeners"\)\)\)/,
  );
  const approved = seatbeltProfile(places, 'approved');
  assert.ok(!approved.includes('(deny file-write*)\n'));
  assert.match(approved, /\(deny file-write\* \(subpath "\/Users\/ada\/\.local\/state\/agentguard"\)/);
  // Quotes and backslashes in a path cannot end the string early.
  const odd = seatbeltProfile({ ...places, readOnly: ['/Users/a"b\\c'] }, 'approved');
  assert.match(odd, /\(subpath "\/Users\/a\\"b\\\\c"\)/);
});

test("a command one of the user's own Claude Code deny or ask rules could match is not rewritten; the rules are read conservatively", (t) => {
  if (!needsBwrap(t)) return;
  return withSandbox(async (sb) => {
    handOverRoutine(sb);
    fs.mkdirSync(path.join(sb.home, '.claude'), { recursive: true });
    fs.writeFileSync(
      path.join(sb.home, '.claude', 'settings.json'),
      JSON.stringify({ permissions: { deny: ['Bash(git push:*)'], ask: ['Bash(npm publish *)', 'Read(./.env)'] } }),
    );
    for (const [command, rewritten] of [
      ['git push origin feature', false],
      ['npm test && git push', false],
      ['npm publish --tag next', false],
      ['npm test', true],
      ['git status', true],
    ] as const) {
      const r = await agentBash(sb, command, { approveAsk: false });
      assert.equal(r.ran !== undefined && /^\/\S*bwrap /.test(r.ran), rewritten, `${command}: ${r.ran}`);
    }
    assert.match(
      String(readAudit(sb).find((a) => a.command === 'git push origin feature')?.confinement),
      /Bash\(git push:\*\) must meet the command as written/,
    );
  }, OUTSIDE_TEMP);
});

test("with Claude Code's own sandbox on, as install sets it, a handed-over command is left to it: no rewrite, and the audit says why", (t) => {
  if (!needsBwrap(t)) return;
  return withSandbox(async (sb) => {
    handOverRoutine(sb);
    const local = path.join(sb.workspace, '.claude', 'settings.local.json');
    fs.mkdirSync(path.dirname(local), { recursive: true });
    fs.writeFileSync(local, JSON.stringify({ sandbox: { enabled: true, allowUnsandboxedCommands: false } }));
    const on = await runHook('claude', fixture('claude/bash', sb), sb);
    const specific = (on.json?.hookSpecificOutput ?? {}) as { permissionDecision?: string; updatedInput?: unknown };
    assert.equal(specific.permissionDecision, 'allow');
    assert.equal(specific.updatedInput, undefined, "no bwrap inside the host's sandbox");
    assert.equal(readAudit(sb).at(-1)?.confinement, 'unconfined by AgentGuard: Claude Code runs it in its own sandbox');
    // Turned off again by the user in their own settings (a later file wins): rewritten again.
    fs.mkdirSync(path.join(sb.home, '.claude'), { recursive: true });
    fs.writeFileSync(local, JSON.stringify({ sandbox: { enabled: false } }));
    fs.writeFileSync(path.join(sb.home, '.claude', 'settings.json'), JSON.stringify({ sandbox: { enabled: true } }));
    const off = await runHook('claude', { ...fixture('claude/bash', sb), tool_use_id: 'toolu_off' }, sb);
    assert.match(
      ((off.json?.hookSpecificOutput ?? {}) as { updatedInput?: { command?: string } }).updatedInput?.command ?? '',
      /^\/\S*bwrap /,
    );
  }, OUTSIDE_TEMP);
});

test('rule matching: prefixes, globs, parts of a line, a bare Bash rule', () => {
  assert.ok(ruleCouldMatch('git push:*', 'git push origin main'));
  assert.ok(ruleCouldMatch('git push:*', 'npm test && git push'));
  assert.ok(ruleCouldMatch('rm *', 'FOO=1 rm -rf dist'));
  assert.ok(ruleCouldMatch('*', 'ls'));
  assert.ok(!ruleCouldMatch('git push:*', 'git status'));
  assert.ok(!ruleCouldMatch('npm publish', 'npm test'));
});

test('Codex gets its command back confined only when it runs without its own sandbox, as an allow carrying updatedInput', (t) => {
  if (!needsBwrap(t)) return;
  return withSandbox(async (sb) => {
    handOverRoutine(sb);
    const codex = (mode: string) => runHook('codex', { ...fixture('codex/bash', sb), permission_mode: mode }, sb);
    const own = await codex('default');
    assert.equal(own.stdout, '');
    const bare = await codex('bypassPermissions');
    const specific = (bare.json?.hookSpecificOutput ?? {}) as {
      permissionDecision?: string;
      updatedInput?: { command?: string };
    };
    assert.equal(specific.permissionDecision, 'allow');
    assert.match(specific.updatedInput?.command ?? '', /^\/\S*bwrap .* -c 'ls -la'/);
    assert.deepEqual(readAnswer('codex', { stdout: bare.stdout, stderr: '', code: 0 }), {
      ok: true,
      decision: 'allow',
    });
  }, OUTSIDE_TEMP);
});

test("by default a harmless command keeps the host's own flow: no decision, so no rewrite, and the audit says why", (t) => {
  if (!needsBwrap(t)) return;
  return withSandbox(async (sb) => {
    const claude = await runHook('claude', fixture('claude/bash', sb), sb);
    assert.equal(claude.code, 0);
    assert.equal(claude.stdout, '');
    const codex = await runHook('codex', { ...fixture('codex/bash', sb), permission_mode: 'bypassPermissions' }, sb);
    assert.equal(codex.stdout, '');
    const notes = readAudit(sb).map((a) => [a.host, a.decision, a.confinement]);
    assert.deepEqual(notes, [
      ['claude', 'defer', 'unconfined: claude applies a rewrite only with allow or ask'],
      ['codex', 'defer', 'unconfined: codex applies a rewrite only with allow'],
    ]);
    // Handed over, the same call is an allow carrying the confined command.
    handOverRoutine(sb);
    const handed = await runHook('claude', fixture('claude/bash', sb), sb);
    const specific = (handed.json?.hookSpecificOutput ?? {}) as {
      permissionDecision?: string;
      updatedInput?: { command?: string };
    };
    assert.equal(specific.permissionDecision, 'allow');
    assert.match(specific.updatedInput?.command ?? '', /^\/\S*bwrap .* -c 'ls -la'/);
  }, OUTSIDE_TEMP);
});

test("a host started from the editor's extension host: the terminal door's BASH_ENV and shims stay outside the sandbox, and the command runs", (t) =>
  !needsBwrap(t)
    ? undefined
    : withSandbox(async (sb) => {
        humanGuard(sb);
        // Stand-ins for the terminal door's gate (core/terminal): inside a sandbox it could reach neither the judge nor the audit log.
        const gate = path.join(sb.state, 'terminal');
        fs.mkdirSync(path.join(gate, 'shims'), { recursive: true });
        const refuseInside = '[ -n "$AGENTGUARD_CONFINED" ] && { echo "gate reached inside the sandbox" >&2; exit 3; }';
        fs.writeFileSync(path.join(gate, 'bash-env.sh'), `${refuseInside}\n`);
        fs.writeFileSync(path.join(gate, 'shims', 'ls'), `#!/bin/bash\n${refuseInside}\nexec /bin/ls "$@"\n`, {
          mode: 0o755,
        });
        const env = {
          BASH_ENV: path.join(gate, 'bash-env.sh'),
          PATH: `${path.join(gate, 'shims')}:${process.env.PATH}`,
        };
        const before = guardPrint(sb);
        const r = await agentBash(sb, 'ls', { env, approveAsk: false });
        assert.equal(r.decision, 'allow', r.reason);
        confined(r.ran);
        assert.match(r.ran ?? '', /--unsetenv BASH_ENV/);
        assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
        assert.doesNotMatch(r.stderr ?? '', /gate reached/);
        assertGuardUntouched(sb, before);
      }, OUTSIDE_TEMP));

test('the sandbox probe is not fooled by a shell start-up file in its own environment (the terminal door in the extension host)', (t) => {
  if (!needsBwrap(t)) return;
  return withSandbox(async (sb) => {
    const gate = path.join(sb.root, 'gate.sh');
    fs.writeFileSync(gate, 'echo "gate ran in the probe" >&2; exit 3\n');
    const saved = process.env.BASH_ENV;
    process.env.BASH_ENV = gate;
    try {
      const probed = sandboxAvailability(path.join(sb.root, 'fresh-state'));
      assert.equal(probed.ok, true, JSON.stringify(probed));
    } finally {
      if (saved === undefined) delete process.env.BASH_ENV;
      else process.env.BASH_ENV = saved;
    }
  });
});
