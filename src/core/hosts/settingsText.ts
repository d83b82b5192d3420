// A host's settings file as text, read the same bounded way by every adapter:
// a file that is missing, not a regular file, over 1 MiB or unreadable is no
// settings at all (each caller decides what that means for it).
import * as fs from 'node:fs';

const MAX_SETTINGS_BYTES = 1024 * 1024;

export function readSettingsText(file: string): string | undefined {
  try {
    // A missing file (most of a host's settings places) answers without the stack trace a thrown ENOENT takes.
    const st = fs.statSync(file, { throwIfNoEntry: false });
    return st?.isFile() === true && st.size <= MAX_SETTINGS_BYTES ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
