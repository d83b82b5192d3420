// The way back for a call that may run: before anything it destroys is
// gone, a copy (snapshot/); what the human and the agent are told about it;
// and when no copy can be kept, a human decides instead of nobody.
import * as fs from 'node:fs';
import { subjectText } from '../hosts/messages';
import type { HookAnswer, HookRequest } from '../hosts/types';
import type { WorkspaceLocation } from '../config/workspace';
import {
  isEmptyPlan,
  planSnapshot,
  snapshotBefore,
  type BeforeOptions,
  type SnapshotPlan,
  type SnapshotStatus,
} from '../snapshot/before';
import type { Reading } from '../engine';
import type { Verdict } from '../types';

export type { SnapshotStatus } from '../snapshot/before';

/**
 * Before a call that may run (allow, or an ask the host may grant) deletes,
 * overwrites or drops data, copy it to the snapshot store. A deny needs no
 * snapshot; an ask left to another hook gets its snapshot there.
 */
export async function snapshotIfItMayRun(
  req: HookRequest,
  verdict: Verdict,
  deferred: boolean,
  opts: BeforeOptions,
): Promise<SnapshotStatus | undefined> {
  if (verdict.decision === 'deny' || (deferred && verdict.decision === 'ask')) return undefined;
  return await snapshotBefore(req, subjectText(req), opts);
}

/**
 * A store full of snapshots kept for a human, or an AgentGuard service that
 * would not keep the copy: what would have run silently without its way back
 * needs a human now.
 */
export function withoutWayBack(v: Verdict, snapshot?: SnapshotStatus): Verdict {
  if (v.decision !== 'allow') return v;
  const unkept = snapshot?.unkept && !snapshot.full;
  return {
    ...v,
    decision: 'ask',
    score: Math.max(v.score, 50),
    findings: [
      ...v.findings,
      unkept
        ? {
            id: 'snapshot.unkept',
            summary: `AgentGuard cannot keep a copy of what this deletes or overwrites where your processes cannot reach it: ${snapshot?.note ?? 'the AgentGuard service did not keep it'}`,
            alternative: 'a human checks the AgentGuard service (agentguard doctor) before letting this run',
            severity: 50,
          }
        : {
            id: 'snapshot.store-full',
            summary:
              'AgentGuard cannot keep a copy of what this deletes or overwrites: its snapshot store is full of snapshots kept for a human (younger than a day, or the newest of their files)',
            alternative:
              'a human reviews the snapshots (agentguard snapshot list) and removes old ones from the store (agentguard snapshot path)',
            severity: 50,
          },
    ],
  };
}

export function withSnapshotNote(answer: HookAnswer, snapshot: SnapshotStatus | undefined): HookAnswer {
  if (!snapshot?.note || answer.decision === 'deny') return answer;
  const line = snapshot.taken
    ? `\nAgentGuard ${snapshot.note}; undo with: agentguard snapshot restore ${snapshot.id}`
    : `\nAgentGuard: ${snapshot.note}.`;
  const noted = {
    ...answer,
    reason: answer.reason + line,
    userMessage: answer.userMessage + line,
    agentMessage: answer.agentMessage + line,
  };
  // A "no decision" carries no reason to the host: the note travels where the host shows information.
  if (answer.decision === 'defer') noted.warning = answer.warning ? `${answer.warning}${line}` : line.slice(1);
  return noted;
}

/**
 * What a long-running judge copies itself, as it does an edit's one file: a
 * few regular files, small in all. Agents write files all day (`cat > f
 * <<EOF`, `sed -i`, `> log`), and each such call would otherwise start the
 * whole engine in the hook's own process.
 */
export const JUDGE_COPY_MAX_FILES = 16;
export const JUDGE_COPY_MAX_BYTES = 1024 * 1024;

/**
 * Whether a call would be snapshotted by another program or a large copy
 * (git, database dumps, folders, many or large files): a long-running judge
 * leaves such a call to the caller's own process rather than block on it.
 * Anything it cannot look at is left there too. `readings`: the line as
 * the verdict reads it (frontdoor/verdict readCall), not parsed again.
 */
export function needsSnapshotProcess(
  req: HookRequest,
  loc: WorkspaceLocation,
  stateDir: string,
  env: Record<string, string>,
  readings?: readonly Reading[],
): boolean {
  if (req.kind === 'edit') return false; // one file copied, within the snapshot budget
  try {
    const plan = planSnapshot(req, {
      stateDir,
      workspace: loc.workspace,
      cwd: loc.cwd,
      env,
      ...(readings ? { readings } : {}),
    });
    return !isEmptyPlan(plan) && !fewSmallFiles(plan);
  } catch {
    return true;
  }
}

/** Only files to copy, each a regular file (or none yet), all of them within the judge's bound. Throws when one cannot be looked at. */
function fewSmallFiles(plan: SnapshotPlan): boolean {
  if (plan.git.length || plan.postgres.length || plan.sqlite.length || plan.unknown.length) return false;
  if (plan.files.length > JUDGE_COPY_MAX_FILES) return false;
  let bytes = 0;
  for (const file of plan.files) {
    const st = fs.lstatSync(file, { throwIfNoEntry: false });
    if (st === undefined) continue; // nothing there yet: nothing to copy
    // A folder is a tree to copy; a link, a FIFO or a device is left to the hook's own process as well.
    if (!st.isFile()) return false;
    bytes += st.size;
    if (bytes > JUDGE_COPY_MAX_BYTES) return false;
  }
  return true;
}
