// Current and proposed content of every file an agent's edit tool would
// change. The proposed text is the current file with the tool's own edits
// applied (the way the tool applies them: first occurrence, or all with
// replace_all), so the human sees the file as it would be, not a fragment.
import * as path from 'node:path';
import type { EditTarget, TextEdit } from '../hosts/types';
import { Budget } from './budget';
import { PREVIEW_LIMITS, type CurrentFile, type FilePreview, type PreviewIo, type PreviewLimits } from './types';

/** The text after the edits, or why it cannot be known. */
export function applyTextEdits(current: string, edits: readonly TextEdit[]): { text: string } | { problem: string } {
  let text = current;
  for (const [i, e] of edits.entries()) {
    const which = edits.length > 1 ? `edit ${i + 1}: ` : '';
    if (e.oldString === '') return { problem: `${which}the tool names no text to replace` };
    if (!text.includes(e.oldString))
      return { problem: `${which}the text to replace is not in the file; the tool will refuse this edit` };
    text = e.replaceAll ? text.split(e.oldString).join(e.newString) : text.replace(e.oldString, () => e.newString);
  }
  return { text };
}

function describeCurrent(c: CurrentFile): string | undefined {
  switch (c.kind) {
    case 'binary':
      return `binary file (${c.bytes} bytes): no text to compare`;
    case 'too-large':
      return `too large to preview (${c.bytes} bytes)`;
    case 'unreadable':
      return `cannot be read (${c.reason})`;
    default:
      return undefined;
  }
}

function beforeText(c: CurrentFile): string | undefined {
  if (c.kind === 'text') return c.text;
  if (c.kind === 'missing') return '';
  return undefined;
}

function preview(target: EditTarget, abs: string, io: PreviewIo): FilePreview {
  const current = io.readCurrent(abs);
  const before = beforeText(current);
  const unreadable = describeCurrent(current);
  switch (target.op) {
    case 'delete':
      return {
        path: abs,
        ...(before !== undefined ? { before, after: '' } : {}),
        note: unreadable ? `deleted; ${unreadable}` : 'deleted',
      };
    case 'move':
      return { path: abs, note: 'moved away (its content goes with it)' };
    default:
      break;
  }
  if (target.content !== undefined) {
    if (unreadable)
      return { path: abs, after: target.content, note: `replaced whole; the current file is ${unreadable}` };
    return {
      path: abs,
      before: before ?? '',
      after: target.content,
      ...(current.kind === 'missing' ? { note: 'new file' } : {}),
    };
  }
  if (target.fragment !== undefined) {
    // insert_edit_into_file and notebook cells: the tool decides where the text lands.
    return {
      path: abs,
      before: '',
      after: target.fragment,
      note: 'the tool merges this text into the file; where it lands is not known beforehand',
    };
  }
  if (before === undefined) return { path: abs, note: unreadable };
  if (current.kind === 'missing') return { path: abs, note: 'the file does not exist; the tool will refuse this edit' };
  const applied = applyTextEdits(before, target.edits ?? []);
  if ('problem' in applied) return { path: abs, before, note: applied.problem };
  return { path: abs, before, after: applied.text };
}

/** One preview per target (up to the limit), each side bounded, all together bounded. */
export function editPreviews(
  targets: readonly EditTarget[],
  cwd: string,
  io: PreviewIo,
  limits: PreviewLimits = { ...PREVIEW_LIMITS },
): FilePreview[] {
  const budget = new Budget(limits.fileBytes, limits.totalBytes);
  const out: FilePreview[] = [];
  for (const target of targets.slice(0, limits.files)) {
    out.push(budget.fit(preview(target, path.resolve(cwd, target.path), io)));
  }
  if (targets.length > limits.files) {
    out.push({
      path: path.resolve(cwd, targets[limits.files].path),
      note: `and ${targets.length - limits.files} more files, not previewed`,
    });
  }
  return out;
}
