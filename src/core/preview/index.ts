// The preview of one hook request: edits by their targets, shell commands by
// their file effects. Never throws: a preview is help for the human, and a
// failure to compute one must not change or delay the question.
import { makeContext } from '../engine';
import type { HookRequest } from '../hosts/types';
import { editPreviews } from './edits';
import { shellPreview } from './shell';
import { PREVIEW_LIMITS, type ChangePreview, type PreviewIo, type PreviewLimits } from './types';

export type { ChangePreview, DeleteSummary, FilePreview, PreviewIo } from './types';
export { PREVIEW_LIMITS } from './types';
export { describeDeletes, formatBytes } from './deletes';

export interface PreviewOptions {
  workspace: string;
  cwd: string;
  env: Record<string, string>;
  home?: string;
}

export function previewRequest(
  req: HookRequest,
  opts: PreviewOptions,
  io: PreviewIo,
  limits: PreviewLimits = { ...PREVIEW_LIMITS },
): ChangePreview | undefined {
  try {
    if (req.kind === 'edit') {
      const files = editPreviews(req.targets ?? [], opts.cwd, io, limits);
      return files.length ? { files } : undefined;
    }
    if (req.kind === 'shell' && req.command) {
      const ctx = makeContext(
        { workspace: opts.workspace, env: opts.env, ...(opts.home ? { home: opts.home } : {}) },
        opts.env,
      );
      const p = shellPreview({ command: req.command, cwd: opts.cwd, env: opts.env }, ctx, io, limits);
      return p.files || p.deletes ? p : undefined;
    }
  } catch {
    // fall through: no preview
  }
  return undefined;
}
