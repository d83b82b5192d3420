// The terminal door against its own shell's user, in real bash and zsh on a
// real pseudo-terminal (the agent's terminal; the "human" denies every
// question): an alias or function that shadows a harmless name, the
// unknown-command handler, history expansion and `fc` re-running a refused
// line, and the shell's machinery the stop relies on (an INT trap, `enable`,
// line editing). The effect checked: ~/code, which every attack deletes, is
// still there; routine definitions stay silent.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeBaseline } from '../../../src/core/policy/baseline';
import { sandbox, type Sandbox } from '../support/hookHarness';
import { have, type PtyShell } from '../support/pty/shell';
import { ci, layout, linux, openShell, startEditor, type Editor } from '../support/terminalHarness';

type Shell = 'bash' | 'zsh';

async function withAgentShell(
  shell: Shell,
  preGate: string,
  fn: (pty: PtyShell, editor: Editor, sb: Sandbox) => Promise<void>,
): Promise<void> {
  const sb = sandbox();
  layout(sb);
  // Many refusals in a few seconds would (rightly) trip the circuit breaker: a confirmed policy allows more.
  const policy = { rateLimit: { maxGated: 100, windowSeconds: 10 } };
  fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), JSON.stringify(policy));
  writeBaseline(sb.state, sb.workspace, JSON.stringify(policy), policy);
  fs.mkdirSync(path.join(sb.home, 'code', 'api'), { recursive: true });
  fs.writeFileSync(path.join(sb.home, 'code', 'api', 'notes.md'), 'wip\n');
  const editor = await startEditor(sb);
  editor.answer = 'deny';
  const pty = await openShell(shell, sb, editor, 'agent-terminal', preGate);
  try {
    await fn(pty, editor, sb);
    assert.ok(fs.existsSync(path.join(sb.home, 'code', 'api', 'notes.md')), `~/code survived:\n${pty.text()}`);
  } finally {
    await pty.close();
    await editor.close();
    sb.cleanup();
  }
}

/** Types a line, waits for it to finish, and returns how many questions it added. */
async function asks(pty: PtyShell, editor: Editor, line: string): Promise<number> {
  const before = editor.asked.length;
  await pty.run(line);
  return editor.asked.length - before;
}

for (const shell of ['bash', 'zsh'] as const) {
  const missing = !have(shell);
  const skip = !linux ? 'Linux only (abstract sockets, /proc)' : missing && !ci ? `${shell} is not installed` : false;

  test(
    `${shell}: aliases and functions the shell already holds are judged by what they run`,
    { skip, timeout: 120_000 },
    () =>
      withAgentShell(
        shell,
        // Planted before the gate loaded (an rc file, a sourced script): the gate never judged them.
        `alias ll='rm -rf ~/code'\ntidy() { rm -rf ~/code; }\nalias l='ls'\nlist() { ls "$@"; }`,
        async (pty, editor) => {
          assert.equal(await asks(pty, editor, 'll'), 1, 'an alias that deletes is asked about');
          assert.equal(await asks(pty, editor, 'tidy'), 1, 'a function that deletes is asked about');
          assert.match(editor.asked.at(-1)?.command ?? '', /^tidy$/);
          assert.equal(await asks(pty, editor, 'l src && list src'), 0, 'an alias and a function for ls stay silent');
        },
      ),
  );

  test(
    `${shell}: a definition that shadows a name or the shell's handlers is judged where it is typed`,
    { skip, timeout: 120_000 },
    () =>
      withAgentShell(shell, '', async (pty, editor) => {
        assert.equal(await asks(pty, editor, "alias ls='rm -rf ~/code'"), 1, 'an alias that deletes');
        assert.equal(
          await asks(pty, editor, 'cleanup() { rm -rf ~/code; }'),
          1,
          'a function that deletes, not called yet',
        );
        const handler = shell === 'bash' ? 'command_not_found_handle' : 'command_not_found_handler';
        assert.equal(await asks(pty, editor, `${handler}() { rm -rf ~/code; }`), 1, 'the unknown-command handler');
        assert.equal(await asks(pty, editor, 'builtin() { :; }'), 1, 'a builtin override');
        // Refused, so never defined: the names run as before.
        assert.equal(await asks(pty, editor, 'ls > /dev/null; xyzzy-not-a-command 2>/dev/null; true'), 0);
        assert.equal(
          await asks(pty, editor, "alias gs='git status'; greet() { echo hi; }"),
          0,
          'routine definitions stay silent',
        );
      }),
  );

  test(`${shell}: history expansion and fc cannot run a refused line`, { skip, timeout: 120_000 }, () =>
    withAgentShell(shell, '', async (pty, editor) => {
      // Each re-run right after the refused line, as its next history entry (the test's own marker comes after both).
      for (const again of ['!!', '!rm', '!?code?', shell === 'bash' ? 'fc -s rm' : 'fc -e - rm', 'echo !! | sh']) {
        pty.type('rm -rf ~/code\r');
        assert.equal(await asks(pty, editor, again), 2, `${again} is asked about as what it runs:\n${pty.text()}`);
      }
      const judged = editor.asked.map((a) => a.command);
      assert.ok(
        judged.filter((c) => c === 'rm -rf ~/code').length >= 8,
        `the expansions were judged as the line they expand to: ${judged.join(' | ')}`,
      );
      assert.match(pty.text(), /AgentGuard refused: rm -rf ~\/code/);
      assert.equal(await asks(pty, editor, 'echo hello; history | tail -n 1 > /dev/null'), 0);
    }),
  );

  test(
    `${shell}: the shell's stop cannot be disarmed, and a refused line never reaches the shell even when it is`,
    { skip, timeout: 120_000 },
    () =>
      withAgentShell(
        shell,
        // A trap that ignores INT planted before the gate loaded: the gate no longer interrupts a refused line, it never hands it over.
        `trap '' INT`,
        async (pty, editor) => {
          assert.equal(await asks(pty, editor, "trap '' INT"), 1, 'ignoring INT');
          assert.equal(await asks(pty, editor, "trap 'true' DEBUG"), 1, 'a DEBUG trap');
          assert.equal(await asks(pty, editor, "trap -- '' INT"), 1, 'ignoring INT past `--`');
          assert.equal(await asks(pty, editor, "histchars='@^#'"), 1, 'other characters for history references');
          assert.equal(
            await asks(pty, editor, 'printf -v PROMPT_COMMAND %s true'),
            1,
            "the gate's hook rewritten by printf -v",
          );
          if (shell === 'bash') {
            assert.equal(await asks(pty, editor, 'enable -n kill'), 1, 'switching a builtin off');
            assert.equal(await asks(pty, editor, 'set +o emacs'), 1, 'line editing off');
          } else {
            assert.equal(await asks(pty, editor, 'unsetopt zle'), 1, 'line editing off');
          }
          const out = await pty.run('rm -rf ~/code; echo status=$?');
          assert.match(out, /AgentGuard refused/);
        },
      ),
  );
}
