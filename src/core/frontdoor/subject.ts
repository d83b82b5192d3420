// What the human is shown for an `ask`: the verdict, the change itself (a
// diff, what a command would delete) and the workspace's own environment.
// Built the same way whether the CLI sends it over the approval channel or
// the editor's judge asks in its own window.
import * as os from 'node:os';
import * as path from 'node:path';
import type { Verdict } from '../types';
import { subjectText } from '../hosts/messages';
import type { HookRequest } from '../hosts/types';
import type { WorkspaceLocation } from '../config/workspace';
import type { ApprovalPreview, ApprovalSubject } from '../../shared/protocol';
import { loadConfig } from '../config/load';
import { workspacePolicy } from '../policy';
import { stateDir } from '../state';
import { boundedReadFile } from '../engine';
import { detectWorkspaceEnvironment } from '../environment';
import { previewRequest } from '../preview';
import { realPreviewIo } from '../preview/io';

type SubjectContext = { preview?: ApprovalPreview; workspaceEnvironment?: { name: string; production: boolean } };

/** Best effort and bounded: a part that cannot be built is left out, never guessed. */
function context(req: HookRequest, loc: WorkspaceLocation, env: Record<string, string>): SubjectContext {
  const home = env.HOME ?? os.homedir();
  const out: SubjectContext = {};
  const preview = previewRequest(req, { workspace: loc.workspace, cwd: loc.cwd, env, home }, realPreviewIo());
  if (preview) out.preview = preview;
  try {
    const loaded = loadConfig(loc.workspace);
    // An invalid config already made this an ask with its errors; the badge's guess is not worth a second message.
    if (loaded.ok) {
      // What the hook enforces (and the badge shows): the confirmed policy, not a loosening waiting for review.
      const enforced = workspacePolicy(stateDir(env, home), loc.workspace, loaded.config).config;
      const w = detectWorkspaceEnvironment(loc.workspace, env, enforced, boundedReadFile, home);
      out.workspaceEnvironment = { name: w.name, production: w.production };
    }
  } catch {
    // the modal then shows only the target's environment
  }
  return out;
}

export function approvalSubject(host: string, req: HookRequest, v: Verdict, loc: WorkspaceLocation, env: Record<string, string>, snapshot?: ApprovalSubject['snapshot']): ApprovalSubject {
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
    ...(snapshot ? { snapshot: { taken: snapshot.taken, ...(snapshot.id ? { id: snapshot.id } : {}), ...(snapshot.note ? { note: snapshot.note } : {}) } } : {}),
    ...context(req, loc, env),
  };
}

/** The folders whose editor is asked about a call, nearest first (each walked up by the channel lookup). */
export function approvalFolders(req: HookRequest, loc: WorkspaceLocation): string[] {
  return [loc.cwd, loc.workspace, ...req.workspaceRoots];
}
