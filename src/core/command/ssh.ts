// ssh's command line as ssh reads it: one-letter options cluster (`-NR 9000`,
// `-fNL8080:db:5432`), and the last letter of a cluster that takes a value
// takes the rest of the word or the next word. The first word that is no
// option is the destination; every word after it is the remote command.

/** ssh's one-letter options that take a value. */
const SSH_VALUE_LETTERS = new Set('BbcDEeFIiJLlmOoPpQRSWw');
/** autossh takes ssh's options and its own monitoring port, `-M PORT`. */
const AUTOSSH_VALUE_LETTERS = new Set([...SSH_VALUE_LETTERS, 'M']);

export interface SshLine {
  /** Index in argv of the destination; argv.length when there is none. */
  destination: number;
  /** Option letters with their values, in order (`-o` values as written). */
  options: [string, string][];
}

export function readSshLine(argv: readonly string[]): SshLine {
  const letters = argv[0] === 'autossh' ? AUTOSSH_VALUE_LETTERS : SSH_VALUE_LETTERS;
  const options: [string, string][] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return { destination: i + 1 < argv.length ? i + 1 : argv.length, options };
    if (a.length < 2 || a[0] !== '-') return { destination: i, options };
    for (let j = 1; j < a.length; j++) {
      if (!letters.has(a[j])) continue;
      const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
      if (value !== undefined) options.push([a[j], value]);
      break;
    }
  }
  return { destination: argv.length, options };
}

/** The reverse forwards a line asks for: `-R` values and `-o RemoteForward=…` ones. */
export function reverseForwards(line: SshLine): string[] {
  const out: string[] = [];
  for (const [letter, value] of line.options) {
    if (letter === 'R') out.push(value);
    const opt = letter === 'o' ? /^\s*remoteforward\s*[=\s]\s*(.+)$/i.exec(value) : null;
    if (opt) out.push(opt[1]);
  }
  return out;
}

/** The local forwards a line asks for: `-L` values and `-o LocalForward=…` ones, as `[bind:]port:host:hostport`. */
export function localForwards(line: SshLine): string[] {
  const out: string[] = [];
  for (const [letter, value] of line.options) {
    if (letter === 'L') out.push(value);
    // `LocalForward 9200 es:9200`: the listening port and the destination are two words there.
    const opt = letter === 'o' ? /^\s*localforward\s*[=\s]\s*(\S+)\s+(\S+)\s*$/i.exec(value) : null;
    if (opt) out.push(`${opt[1]}:${opt[2]}`);
  }
  return out;
}
