// A host's settings file as text, read the same bounded way by every adapter:
// a file that is missing, not a regular file, over 1 MiB or unreadable is no
// settings at all (each caller decides what that means for it).
import * as fs from 'node:fs';

const MAX_SETTINGS_BYTES = 1024 * 1024;

export function readSettingsText(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    return st.isFile() && st.size <= MAX_SETTINGS_BYTES ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
