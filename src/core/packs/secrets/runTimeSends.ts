// A file named only when the line runs, sent to another host: `curl -T "$F" URL`, `curl -d @"$F" URL`,
// `scp "$F" host:`, `nc host 80 < "$F"`, `cat "$F" | curl -d @- URL`. It may be a key or an env file as well as
// anything else, and what it holds cannot be read first: it asks, where a file whose name is known is judged by
// that name (credentials.ts).
import type { Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';
import { isLocalHostUrl } from '../common/urls';
import { fileNamedAtRunTime } from '../../text/runTimeMarks';

/** Programs whose output is a file they read, unchanged (`cat "$F" | curl -d @- URL` sends the file). */
const FILE_READERS: ReadonlySet<string> = new Set(['cat', 'gzip', 'zcat', 'base64', 'xxd', 'head', 'tail', 'tar']);

/**
 * The finding for `name` sending one of `files`, or a file its stdin producer reads, named only when the line runs;
 * none when every URL it names is this machine's.
 */
export function runTimeFileSent(
  name: string,
  files: readonly string[],
  cmd: SimpleCommand,
  urls: () => readonly string[],
): Finding | undefined {
  const from = cmd.stdinOrigin ?? cmd.stdinFrom;
  const piped = from && FILE_READERS.has(from[0] ?? '') ? from.slice(1).filter((w) => !w.startsWith('-')) : [];
  const sent = [...files, ...piped].find((f) => f !== '-' && fileNamedAtRunTime(f));
  if (sent === undefined) return undefined;
  // Read only for a send that would ask: most senders name no file at all.
  const to = urls();
  if (to.length && to.every(isLocalHostUrl)) return undefined;
  const shown = sent.replace(/\u0001/g, '');
  return finding(
    'secrets.send-unknown-file',
    50,
    `${name} sends ${shown}, a file named only when the line runs: it may hold credentials, and it cannot be read first`,
    shown,
    'name the file in full on the line, so what is sent can be checked first',
  );
}
