// A host's settings file as text, read the same bounded way by every adapter:
// a file that is missing, not a regular file, over 1 MiB or unreadable is no
// settings at all (each caller decides what that means for it).
//
// One hook call asks about the same settings file several times (the host's
// off switch for hooks, whether its sandbox runs the command, its sandbox
// for the audit record). Inside `withSettingsReads` each file is looked at
// once and every question gets that one look, so the parts of one answer
// cannot disagree about a file that changed halfway. The scope is one
// synchronous stretch of one call: the editor's judge serves many calls, and
// none may answer from what another call read.
import * as fs from 'node:fs';

const MAX_SETTINGS_BYTES = 1024 * 1024;

/** One look at a file: its stat (undefined: missing), and its text once some reader asked for it. */
interface Look {
  st: fs.Stats | undefined;
  text?: { ok: true; text: string } | { ok: false; error: unknown };
}

let looks: Map<string, Look> | undefined;

/** Runs `fn` with each settings file looked at once; synchronous, so no other call's code runs meanwhile. */
export function withSettingsReads<T>(fn: () => T): T {
  if (looks) return fn();
  looks = new Map();
  try {
    return fn();
  } finally {
    looks = undefined;
  }
}

function lookAt(file: string): Look {
  const kept = looks?.get(file);
  if (kept) return kept;
  // A missing file (most of a host's settings places) answers without the stack trace a thrown ENOENT takes.
  const look: Look = { st: fs.statSync(file, { throwIfNoEntry: false }) };
  looks?.set(file, look);
  return look;
}

function textOf(file: string, look: Look): string {
  if (!look.text) {
    try {
      look.text = { ok: true, text: fs.readFileSync(file, 'utf8') };
    } catch (error) {
      look.text = { ok: false, error };
    }
  }
  if (!look.text.ok) throw look.text.error;
  return look.text.text;
}

export function readSettingsText(file: string): string | undefined {
  try {
    const look = lookAt(file);
    return look.st?.isFile() === true && look.st.size <= MAX_SETTINGS_BYTES ? textOf(file, look) : undefined;
  } catch {
    return undefined;
  }
}

/** A file's whole text whatever its size, or undefined when it is missing; any other failure throws. */
export function readFileText(file: string): string | undefined {
  const look = lookAt(file);
  if (look.st === undefined) return undefined;
  try {
    return textOf(file, look);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
