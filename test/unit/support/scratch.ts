// Folders a test file makes under the system's temp folder, removed when the
// file's process exits (node --test runs each file in its own process). A test
// that fails half-way leaves nothing behind either: AgentGuard reads every name
// under /tmp (sandbox/places.ts), so leftovers from earlier runs would slow
// and crowd the runs after them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

process.on('exit', () => {
  for (const dir of made) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // A folder a test locked is left; the next run's listing still bounds it.
    }
  }
});

/** A new empty folder under the temp folder, named `prefix` and six random characters. */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
