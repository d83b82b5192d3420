// Size bounds of a preview: what does not fit is dropped with a note, never
// cut in the middle (half a file in a diff would mislead).
import type { FilePreview } from './types';

export class Budget {
  private used = 0;
  constructor(
    private readonly perFile: number,
    private readonly total: number,
  ) {}

  fit(p: FilePreview): FilePreview {
    const before = p.before === undefined ? 0 : Buffer.byteLength(p.before);
    const after = p.after === undefined ? 0 : Buffer.byteLength(p.after);
    const largest = Math.max(before, after);
    if (largest > this.perFile)
      return this.drop(p, `too large to preview (${largest} bytes; the limit is ${this.perFile})`);
    if (this.used + before + after > this.total)
      return this.drop(p, 'too large to preview: the files of this request are over the preview budget');
    this.used += before + after;
    return p;
  }

  private drop(p: FilePreview, why: string): FilePreview {
    return { path: p.path, note: p.note ? `${p.note}; ${why}` : why };
  }
}
