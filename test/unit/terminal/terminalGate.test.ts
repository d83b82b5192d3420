// The terminal gate in real shells on a real pseudo-terminal: bash, zsh and
// fish load `agentguard shell-init SHELL` from the built CLI, and every line
// typed goes through the gate process to an editor's judge running in this
// test process (an ancestor of the gate, as the extension host is of the
// shells its extensions spawn) with a real approval channel whose "human" is
// the test. Marker files say what ran.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeKillSwitch } from '../../../src/core/state';
import { CLI, readAudit, sandbox } from '../support/hookHarness';
import { have } from '../support/pty/shell';
import { ci, exists, layout, linux, openShell, startEditor } from '../support/terminalHarness';

/** A process that exists and is not a zombie (an exited child its parent has not reaped yet). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The gate processes of the built CLI started under `shellPid` (its descendants). */
function gatesOf(shellPid: number): number[] {
  const parent = (pid: number) => Number(/\) \S (\d+)/.exec(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1]);
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    const pid = Number(name);
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!argv.includes(CLI) || !argv.includes('gate') || argv.includes('--once') || !running(pid)) continue;
      for (let p = parent(pid), i = 0; p > 1 && i < 32; p = parent(p), i++) {
        if (p === shellPid) {
          out.push(pid);
          break;
        }
      }
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  for (const until = Date.now() + withinMs; Date.now() < until;) {
    if (!running(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !running(pid);
}

for (const shell of ['bash', 'zsh', 'fish'] as const) {
  const missing = !have(shell);
  // In CI the shells are installed (.ci/run): a missing one fails there instead of skipping.
  const skip = !linux
    ? 'Linux only (abstract sockets, /proc)'
    : missing && !ci
      ? `${shell} is not installed (apt-get install ${shell})`
      : false;

  test(
    `${shell}: an agent's terminal runs harmless lines silently, asks before destroying, runs only after Allow`,
    { skip, timeout: 120_000 },
    async () => {
      assert.ok(!missing, `${shell} must be installed`);
      const sb = sandbox();
      layout(sb);
      const editor = await startEditor(sb);
      const pty = await openShell(shell, sb, editor, 'agent-terminal');
      try {
        await pty.run('touch harmless-marker');
        assert.ok(exists(path.join(sb.workspace, 'harmless-marker')), pty.text());
        assert.equal(editor.asked.length, 0, 'a harmless line asks nobody');
        assert.ok(editor.gates.has(pty.pid), "the shell's gate is connected to the judge");

        editor.answer = 'deny';
        // The exit status is read by the very next line, as an agent waiting for the command's end reads it.
        pty.type('rm -rf ~/code\r');
        const denied = await pty.run(shell === 'fish' ? 'echo status=$status' : 'echo status=$?');
        assert.equal(editor.asked.length, 1);
        assert.equal(editor.asked[0].command, 'rm -rf ~/code');
        assert.equal(editor.asked[0].host, 'terminal');
        assert.ok(exists(path.join(sb.home, 'code')), 'denied: nothing deleted');
        assert.match(denied, /AgentGuard: not run: a human denied it in the editor/);
        // The refused line never reaches the shell: it runs an inert line in its place, which fails (1).
        assert.match(denied, /status=1\b/, 'the refused line fails');

        editor.answer = 'allow';
        await pty.run('rm -rf src');
        assert.equal(editor.asked.length, 2);
        assert.ok(!exists(path.join(sb.workspace, 'src')), 'allowed: it ran');

        const records = readAudit(sb).filter((r) => r.host === 'terminal');
        const rm = records.find((r) => r.command === 'rm -rf ~/code');
        assert.equal(rm?.decision, 'deny');
        assert.equal(rm?.approval, 'deny');
        assert.equal(rm?.origin, 'agent-terminal');
        assert.ok(
          records.some((r) => r.command === 'touch harmless-marker' && r.decision === 'allow'),
          "an agent's allowed line is recorded",
        );
      } finally {
        await pty.close();
        await editor.close();
        sb.cleanup();
      }
    },
  );

  test(
    `${shell}: multi-line and pasted input is judged as the whole that would run`,
    { skip, timeout: 120_000 },
    async () => {
      assert.ok(!missing, `${shell} must be installed`);
      const sb = sandbox();
      layout(sb);
      const editor = await startEditor(sb);
      const pty = await openShell(shell, sb, editor, 'agent-terminal');
      try {
        editor.answer = 'deny';
        const block =
          shell === 'fish'
            ? ['begin', 'touch typed-marker', 'rm -rf ~/code', 'end']
            : ['if true; then', 'touch typed-marker', 'rm -rf ~/code', 'fi'];
        for (const l of block.slice(0, -1)) pty.type(`${l}\r`);
        await pty.run(block.at(-1)!);
        assert.equal(editor.asked.length, 1, 'one question for the whole block');
        assert.equal(editor.asked[0].command, block.join('\n'));
        assert.ok(!exists(path.join(sb.workspace, 'typed-marker')), 'no part of a denied block ran');

        // Bracketed paste: the pasted lines stay in the buffer until Enter, then are judged together.
        await pty.run(`\x1b[200~touch pasted-marker\nrm -rf ~/code\x1b[201~`);
        assert.equal(editor.asked.length, 2);
        assert.equal(editor.asked[1].command, 'touch pasted-marker\nrm -rf ~/code');
        assert.ok(!exists(path.join(sb.workspace, 'pasted-marker')));
        assert.ok(exists(path.join(sb.home, 'code')));

        if (shell !== 'fish') {
          // A heredoc is data until its delimiter: judged with its body.
          pty.type('cat <<EOF > heredoc-marker\r');
          pty.type('rm -rf ~/code\r');
          await pty.run('EOF');
          assert.equal(editor.asked.length, 2, 'a heredoc fed to cat is data: nobody asked');
          assert.equal(fs.readFileSync(path.join(sb.workspace, 'heredoc-marker'), 'utf8'), 'rm -rf ~/code\n');
        }
      } finally {
        await pty.close();
        await editor.close();
        sb.cleanup();
      }
    },
  );

  test(
    `${shell}: a human's terminal is judged only for production (default), and every line with "all"`,
    { skip, timeout: 120_000 },
    async () => {
      assert.ok(!missing, `${shell} must be installed`);
      const sb = sandbox();
      layout(sb);
      fs.mkdirSync(path.join(sb.workspace, 'dist'));
      const editor = await startEditor(sb);
      const pty = await openShell(shell, sb, editor, 'human-terminal');
      try {
        await pty.run('rm -rf dist');
        assert.ok(!exists(path.join(sb.workspace, 'dist')), "a human's rm -rf dist ran");
        await pty.run('rm -rf src');
        assert.ok(!exists(path.join(sb.workspace, 'src')));
        assert.equal(editor.asked.length, 0, "no modal for a human's own non-production lines");

        editor.answer = 'deny';
        const prod = await pty.run(
          'touch prod-marker && psql postgres://app@db.prod.acme.io/app -c "drop table users"',
        );
        assert.equal(editor.asked.length, 1, "a production target is asked even in a human's terminal");
        assert.equal(editor.asked[0].environment.production, true);
        assert.ok(!exists(path.join(sb.workspace, 'prod-marker')));
        assert.match(prod, /not run/);

        editor.gating = 'all';
        await pty.run('rm -rf ~/code');
        assert.equal(editor.asked.length, 2, '"all" judges a human\'s line like an agent\'s');
        assert.ok(exists(path.join(sb.home, 'code')));
        assert.ok(
          !readAudit(sb).some((r) => r.command === 'rm -rf dist'),
          "a human's own allowed line is not recorded",
        );
      } finally {
        await pty.close();
        await editor.close();
        sb.cleanup();
      }
    },
  );

  test(
    `${shell}: the kill switch halts an agent's terminal; with no editor a gated line is held and says how to approve it`,
    { skip, timeout: 120_000 },
    async () => {
      assert.ok(!missing, `${shell} must be installed`);
      const sb = sandbox();
      layout(sb);
      const editor = await startEditor(sb);
      let pty = await openShell(shell, sb, editor, 'agent-terminal');
      try {
        writeKillSwitch(sb.state, { engaged: true, by: 'user', reason: 'test' });
        // Every line of an agent's terminal is halted, the test's own markers too: wait for the message instead.
        pty.type('touch halted-marker\r');
        await pty.waitFor(/kill switch is engaged/);
        assert.ok(!exists(path.join(sb.workspace, 'halted-marker')));
        writeKillSwitch(sb.state, { engaged: false, by: 'user' });
        await pty.close();
        await editor.close();

        // No editor: the gate judges in its own process; a production line cannot be approved here.
        pty = await openShell(shell, sb, undefined, 'agent-terminal');
        const held = await pty.run(
          'touch held-marker && psql postgres://app@db.prod.acme.io/app -c "drop table users"',
          30_000,
        );
        assert.ok(!exists(path.join(sb.workspace, 'held-marker')));
        assert.match(held, /no editor answered/);
        assert.match(held, /To run it, type it in a terminal of VS Code or Cursor/);
        await pty.run('touch free-marker');
        assert.ok(exists(path.join(sb.workspace, 'free-marker')), 'a harmless line still runs without an editor');
      } finally {
        await pty.close();
        await editor.close().catch(() => undefined);
        sb.cleanup();
      }
    },
  );

  test(
    `${shell}: the gate process ends with its shell, and on SIGTERM: none is left behind`,
    { skip, timeout: 60_000 },
    async (t) => {
      assert.ok(!missing, `${shell} must be installed`);
      const sb = sandbox();
      const seen = new Set<number>();
      layout(sb);
      // No editor: the gate loads the engine and judges here, the heaviest gate there is.
      let pty = await openShell(shell, sb, undefined, 'agent-terminal');
      // Whatever failed, no gate or shell outlives the test.
      t.after(async () => {
        for (const pid of seen) {
          try {
            if (running(pid)) process.kill(pid, 'SIGKILL');
          } catch {
            // gone meanwhile
          }
        }
        await pty.close();
        sb.cleanup();
      });
      await pty.run('touch first-marker', 30_000);
      const first = gatesOf(pty.pid);
      assert.equal(first.length, 1, `one gate for the shell: ${first}`);
      first.forEach((p) => seen.add(p));
      process.kill(first[0], 'SIGTERM');
      assert.ok(await gone(first[0], 3000), `the gate ${first[0]} ends on SIGTERM`);
      await pty.close();

      pty = await openShell(shell, sb, undefined, 'agent-terminal');
      await pty.run('touch second-marker', 30_000);
      const second = gatesOf(pty.pid);
      assert.equal(second.length, 1);
      second.forEach((p) => seen.add(p));
      pty.type('exit\r');
      assert.ok(await gone(second[0], 5000), `the gate ${second[0]} ends with its shell`);
    },
  );

  if (shell !== 'fish') {
    test(
      `${shell}: a line accepted by another key than Enter is stopped before it runs`,
      { skip, timeout: 60_000 },
      async () => {
        assert.ok(!missing, `${shell} must be installed`);
        const sb = sandbox();
        layout(sb);
        const editor = await startEditor(sb);
        // A user's own binding that accepts a line without the gate (readline: \C-x\C-y; zle: ^X^Y).
        const pre = shell === 'bash' ? `bind '"\\C-x\\C-y": accept-line'` : `bindkey '^X^Y' .accept-line`;
        const pty = await openShell(shell, sb, editor, 'agent-terminal', pre);
        try {
          await pty.run('true');
          pty.type('touch bypass-marker\x18\x19');
          await pty.run('true');
          assert.ok(!exists(path.join(sb.workspace, 'bypass-marker')), pty.text());
          assert.match(pty.text(), /reached (bash|zsh) without passing the terminal gate/);
        } finally {
          await pty.close();
          await editor.close();
          sb.cleanup();
        }
      },
    );
  }
}
