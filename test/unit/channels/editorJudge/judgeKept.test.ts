// What the editor's judge keeps from one call to the next (the same-call
// notes it parsed and replayed, which approval channels a folder's calls look
// for) stands only while the files and sockets it came from do: a note
// rewritten, emptied, replaced or removed between two calls, or another
// window that starts or stops listening, is seen by the very next call, as a
// judge that kept nothing would see it. Real judge, real socket, real files.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { approvalSocketPath } from '../../../../src/channels/approval/paths';
import { startApprovalServer, type ApprovalServer } from '../../../../src/channels/approval/server';
import { startJudgeServer, type JudgeServer } from '../../../../src/channels/editorJudge/server';
import { noteLineText, parseNote } from '../../../../src/core/frontdoor/sameCallNote';
import { verifyAudit } from '../../../../src/core/state/audit';
import { confirmedState } from '../../support/account';
import { askJudge } from '../../support/judgeRequest';
import { fixture, readAudit, withInput, withSandbox, type Sandbox } from '../../support/hookHarness';

const linux = process.platform === 'linux';
const SESSION = 'c0a8f3e2-7b1d-4e6a-9f2c-5d8b3a1e7f4c';

/** One tool call as Claude Code's PreToolUse, Cursor's beforeShellExecution and Cursor's preToolUse send it. */
const claude = (sb: Sandbox, command: string, cwd = sb.workspace) =>
  withInput({ ...fixture('claude/bash', sb), session_id: SESSION, cwd }, { command });
const cursorShell = (sb: Sandbox, command: string) => ({ ...fixture('cursor/before-shell', sb), command });
const cursorPre = (sb: Sandbox, command: string) => withInput(fixture('cursor/pre-tool-use-shell', sb), { command });

async function withJudge(
  sb: Sandbox,
  fn: (judge: JudgeServer) => Promise<void>,
  channels: () => readonly ApprovalServer[] = () => [],
): Promise<void> {
  const judge = await startJudgeServer({ build: 'test', channels, stateDir: sb.state });
  try {
    await fn(judge);
  } finally {
    await judge.close();
  }
}

/** One hook call handed straight to the judge, as the hook's client sends it; its answer or decline. */
function call(
  judge: JudgeServer,
  sb: Sandbox,
  host: string,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const request = {
    type: 'judge.request',
    version: 1,
    host,
    input: { ok: true, text: JSON.stringify(payload) },
    env: { HOME: sb.home, PATH: process.env.PATH ?? '', AGENTGUARD_STATE_DIR: confirmedState(sb.state) },
    cwd: sb.workspace,
    install: [],
    startedAt: Date.now(),
  };
  return askJudge(judge, request);
}

/** Cursor's answer in an answer line. */
const permission = (answer: Record<string, unknown>) =>
  (JSON.parse(String(answer.stdout)) as { permission?: string }).permission;

/** The note of the one call made with `command` so far: the newest note file. */
function noteOf(sb: Sandbox): string {
  const dir = path.join(sb.state, 'calls');
  const notes = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.log'))
    .map((n) => path.join(dir, n))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  assert.ok(notes.length > 0, 'a note was written');
  return notes[0];
}

/**
 * Claude Code's arrival judges `command` (one entry), Cursor's beforeShellExecution repeats it (none): the
 * judge has read the whole note, outcome included. Then `change` does something to the note, and Cursor's
 * preToolUse arrives for the same call: its answer, and how many entries it added.
 */
async function afterChange(
  judge: JudgeServer,
  sb: Sandbox,
  command: string,
  change: (note: string) => void,
): Promise<{ permission: string | undefined; recorded: number }> {
  const first = await call(judge, sb, 'claude', claude(sb, command));
  assert.equal(first.type, 'judge.answer', JSON.stringify(first));
  const entries = readAudit(sb).length;
  const second = await call(judge, sb, 'cursor', cursorShell(sb, command));
  assert.equal(permission(second), 'allow');
  assert.equal(readAudit(sb).length, entries, 'the second arrival repeats the first: no entry of its own');
  change(noteOf(sb));
  const third = await call(judge, sb, 'cursor', cursorPre(sb, command));
  assert.equal(third.type, 'judge.answer', JSON.stringify(third));
  return { permission: permission(third), recorded: readAudit(sb).length - entries };
}

test(
  'a same-call note rewritten, emptied, replaced or removed after the judge read it is read as it is now',
  { skip: !linux },
  async () => {
    await withSandbox(async (sb) =>
      withJudge(sb, async (judge) => {
        // Untouched: the third arrival repeats the outcome too.
        assert.deepEqual(await afterChange(judge, sb, 'ls -la', () => undefined), {
          permission: 'allow',
          recorded: 0,
        });
        // Rewritten in place: its outcome (a whole line, checksum and all) now says deny. What the judge read
        // before said allow; what the file says now is what the next arrival repeats.
        const rewritten = await afterChange(judge, sb, 'ls -la src', (note) => {
          const text = fs.readFileSync(note, 'utf8');
          const outcome = parseNote(text).find((l) => l.t === 'done');
          assert.ok(outcome?.t === 'done');
          const denied = { ...outcome, verdict: { ...outcome.verdict, decision: 'deny' as const, score: 90 } };
          fs.writeFileSync(note, text.replace(noteLineText(outcome), noteLineText(denied)));
        });
        assert.deepEqual(rewritten, { permission: 'deny', recorded: 0 });
        // Emptied, replaced by a new file, removed: no call in it any more, so the arrival judges and records it.
        for (const [command, change] of [
          ['ls -la .git', (note: string) => fs.truncateSync(note, 0)],
          [
            'ls -la ..',
            (note: string) => {
              fs.writeFileSync(`${note}.new`, '');
              fs.renameSync(`${note}.new`, note);
            },
          ],
          ['ls -la ~', (note: string) => fs.rmSync(note)],
        ] as const)
          assert.deepEqual(
            await afterChange(judge, sb, command, change),
            { permission: 'allow', recorded: 1 },
            command,
          );
        assert.equal(verifyAudit(sb.state).ok, true);
      }),
    );
  },
);

test(
  "another window's approval channel, started or stopped between two calls, decides where the next call goes",
  { skip: !linux },
  async () => {
    await withSandbox(async (sb) => {
      const src = path.join(sb.workspace, 'src');
      const window = (folder: string) =>
        startApprovalServer({ socketPath: approvalSocketPath(sb.state, folder), decide: async () => 'deny' });
      const ours = await window(sb.workspace);
      try {
        await withJudge(
          sb,
          async (judge) => {
            let n = 0;
            // A call in src/, each one another command: the judge judges it (recorded as the editor's) or declines it.
            const where = async () => {
              const r = await call(judge, sb, 'claude', claude(sb, `ls -la # ${n++}`, src));
              if (r.type === 'judge.decline') return `declined: ${String(r.reason)}`;
              assert.equal(readAudit(sb).at(-1)?.judge, 'editor');
              return 'judged here';
            };
            assert.equal(await where(), 'judged here', "this window's channel is the nearest");
            const nearer = await window(src);
            try {
              assert.equal(await where(), 'declined: another editor window shows this folder');
            } finally {
              await nearer.close();
            }
            assert.equal(await where(), 'judged here', 'that window closed');
            const farther = await window(path.dirname(sb.workspace));
            try {
              assert.equal(await where(), 'judged here', 'a window on a folder above is farther than this one');
            } finally {
              await farther.close();
            }
          },
          () => [ours],
        );
        // Without a channel of its own, any window's channel on the folder or above takes the call.
        await withJudge(sb, async (judge) => {
          const r = await call(judge, sb, 'claude', claude(sb, 'ls -la # elsewhere', src));
          assert.equal(r.type, 'judge.decline');
        });
      } finally {
        await ours.close();
      }
    });
  },
);
