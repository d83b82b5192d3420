// A name the command makes new each time it runs: `backups/app-$(date +%F).sql`,
// `dump-$RANDOM.db`. A file written under it replaces nothing that was there,
// so it is a new copy beside the others — what a backup folder's finding asks for.

/** `date` reading the clock now (a format, UTC, ISO forms), not a given date or a file's time (`-d`, `-r`). */
const NOW = String.raw`date(?:\s+(?:\+[^\s()\x60]+|'\+[^']*'|"\+[^"]*"|-u|--utc|-I\w*|--iso-8601(?:=\w+)?|-R|--rfc-[\w-]+(?:=\w+)?))*\s*`;
/** Expansions that give a new value on each run: the clock, a random number, a fresh UUID, the shell's PID. */
const FRESH_PART = new RegExp(
  String.raw`\$\(\s*${NOW}\)|\x60\s*${NOW}\x60|\$\(\s*uuidgen\s*\)|\x60\s*uuidgen\s*\x60|\$\{?(?:RANDOM|SRANDOM|EPOCHSECONDS|EPOCHREALTIME)\}?|\$\$`,
  'g',
);
/** What is still unknown once the fresh parts are taken out: any other expansion or a glob. */
const OTHER_DYNAMIC = /[$`*?[\]]/;

/** True when the word holds a fresh part and nothing else that is known only at run time. */
export function isFreshName(word: string): boolean {
  if (word.length > 4096) return false;
  const rest = word.replace(FRESH_PART, '');
  return rest !== word && !OTHER_DYNAMIC.test(rest);
}
