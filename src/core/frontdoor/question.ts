// What the human is shown for an `ask`: the verdict, the change itself (a
// diff, what a command would delete) and the workspace's own environment.
// Built the same way whether the CLI sends it over the approval channel or
// the editor's judge asks in its own window; the channel carries it as its
// protocol's message (shared/protocol.ts, ApprovalSubject).
import * as os from 'node:os';
import * as path from 'node:path';
import type { Verdict } from '../types';
import { subjectText } from '../hosts/messages';
import type { HookRequest } from '../hosts/types';
import type { WorkspaceLocation } from '../config/workspace';
import type { ChangePreview } from '../preview/types';
import type { SnapshotStatus } from './wayBack';
import { loadConfig } from '../config/load';
import { workspacePolicy } from '../policy';
import { accountHome, confirmedStateDir } from '../state';
import { boundedReadFile } from '../engine';
import { detectWorkspaceEnvironment } from '../environment';
import { previewRequest } from '../preview';
import { realPreviewIo } from '../preview/io';
import { confinedIfAllowed } from './confinement';
import { HOSTS, type HostId } from '../hosts/types';

function isHostId(host: string): host is HostId {
  return (HOSTS as readonly string[]).includes(host);
}

export { describeDeletes } from '../preview/deletes';
export { hiddenCharacters, visibleText } from '../text/visible';

/** One question to a human: what the approval modal shows, everything it shows. */
export interface ApprovalQuestion {
  /** Who asks: an agent host (`claude`, `cursor`), or the terminal door (`terminal`, `extension-host`). */
  host: string;
  tool: string;
  kind: HookRequest['kind'];
  /** Shell command line, for `shell`. */
  command?: string;
  /** Files written, moved or deleted, for `edit`. */
  paths?: string[];
  /** What the tool call does, in one line, for `mcp` and `other`. */
  summary?: string;
  cwd: string;
  workspace: string;
  score: number;
  environment: { name: string; production: boolean };
  findings: { id: string; summary: string; target?: string; alternative?: string }[];
  /** Whether a snapshot of what the call destroys was taken before asking (and its id, or why not). */
  snapshot?: { taken: boolean; id?: string; note?: string };
  /** What the change would do to files, when it can be told cheaply. */
  preview?: ChangePreview;
  /** The environment of the workspace itself (the status-bar badge), which may differ from the target's. */
  workspaceEnvironment?: { name: string; production: boolean };
  /** The sandbox the command runs in if the human allows it (`bubblewrap`, `seatbelt`); absent when it would run unconfined. */
  confined?: string;
}

type SubjectContext = Pick<ApprovalQuestion, 'preview' | 'workspaceEnvironment' | 'confined'>;

/** Best effort and bounded: a part that cannot be built is left out, never guessed. */
function context(host: string, req: HookRequest, loc: WorkspaceLocation, env: Record<string, string>): SubjectContext {
  const home = env.HOME ?? os.homedir();
  // The state folder the call is judged with: never one the environment names that nobody confirmed.
  const dir = confirmedStateDir(env, accountHome()).dir;
  const out: SubjectContext = {};
  const confined = isHostId(host) ? confinedIfAllowed(host, req, loc.workspace, home, dir) : undefined;
  if (confined) out.confined = confined;
  const preview = previewRequest(req, { workspace: loc.workspace, cwd: loc.cwd, env, home }, realPreviewIo());
  if (preview) out.preview = preview;
  try {
    const loaded = loadConfig(loc.workspace);
    // An invalid config already made this an ask with its errors; the badge's guess is not worth a second message.
    if (loaded.ok) {
      // What the hook enforces (and the badge shows): the confirmed policy, not a loosening waiting for review.
      const enforced = workspacePolicy(dir, loc.workspace, loaded.config).config;
      const w = detectWorkspaceEnvironment(loc.workspace, env, enforced, boundedReadFile, home);
      out.workspaceEnvironment = { name: w.name, production: w.production };
    }
  } catch {
    // the modal then shows only the target's environment
  }
  return out;
}

export function approvalQuestion(
  host: string,
  req: HookRequest,
  v: Verdict,
  loc: WorkspaceLocation,
  env: Record<string, string>,
  snapshot?: SnapshotStatus,
): ApprovalQuestion {
  return {
    host,
    tool: req.toolName,
    kind: req.kind,
    ...(req.kind === 'shell' ? { command: req.command ?? '' } : {}),
    ...(req.kind === 'edit' ? { paths: (req.targets ?? []).map((t) => path.resolve(loc.cwd, t.path)) } : {}),
    ...(req.kind === 'mcp' || req.kind === 'other' ? { summary: subjectText(req) } : {}),
    cwd: loc.cwd,
    workspace: loc.workspace,
    score: v.score,
    environment: { name: v.environment.name, production: v.environment.production },
    findings: v.findings.map((f) => ({
      id: f.id,
      summary: f.summary,
      ...(f.target ? { target: f.target } : {}),
      ...(f.alternative ? { alternative: f.alternative } : {}),
    })),
    ...(snapshot
      ? {
          snapshot: {
            taken: snapshot.taken,
            ...(snapshot.id ? { id: snapshot.id } : {}),
            ...(snapshot.note ? { note: snapshot.note } : {}),
          },
        }
      : {}),
    ...context(host, req, loc, env),
  };
}

/** The folders whose editor is asked about a call, nearest first (each walked up by the channel lookup). */
export function approvalFolders(req: HookRequest, loc: WorkspaceLocation): string[] {
  return [loc.cwd, loc.workspace, ...req.workspaceRoots];
}
