// What a sed script does to files besides the ones it edits in place: its `w FILE` and `W FILE` commands and
// the `w FILE` flag of `s` open (and empty) FILE as soon as sed starts, whether or not a line is ever written;
// and a script whose every line is deleted (`sed -i d FILE`, `1,$d`) leaves the edited file empty.

/** Characters of a script stepped through: far more than a command line's script holds; past it the script is unread. */
const MAX_SCRIPT_STEPS = 8192;

/** What one sed invocation's script writes and whether it empties each input. */
export interface SedScriptEffects {
  /** Files `w`/`W` commands and the `s///w` flag open for writing. */
  writes: string[];
  /** Every line of the input is deleted: an in-place edit leaves each file empty. */
  emptiesInput: boolean;
  /** The script could not be read to its end (or came from a file): its writes are not known. */
  unread: boolean;
}

/** A sed command line's scripts: each `-e` value, and each file of `-f FILE`, `-fFILE`, `-nf FILE`, `--file=FILE`. */
export function sedScriptSources(argv: readonly string[]): { inline: string[]; files: string[] } {
  const inline: string[] = [];
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const cluster = /^-[nsErzu]*f(.*)$/s.exec(a);
    if (a === '--file' || (cluster && cluster[1] === '')) {
      if (argv[i + 1] !== undefined) files.push(argv[++i]);
    } else if (a.startsWith('--file=')) files.push(a.slice('--file='.length));
    else if (cluster) files.push(cluster[1]);
    else if (a === '-e' || a === '--expression' || /^-[nsErzu]+e$/.test(a)) {
      if (argv[i + 1] !== undefined) inline.push(argv[++i]);
    } else if (a.startsWith('--expression=')) inline.push(a.slice('--expression='.length));
  }
  return { inline, files };
}

/** The script texts of a sed command line: each `-e` value, else the first operand; undefined for `-f FILE`. */
export function sedScriptTexts(argv: readonly string[], positionals: readonly string[]): string[] | undefined {
  const { inline, files } = sedScriptSources(argv);
  if (files.length) return undefined;
  if (!inline.length && positionals[0] !== undefined) inline.push(positionals[0]);
  return inline;
}

/** Steps over one address (`12`, `$`, `/re/I`, `\%re%`, `first~step`, `+N`, `~N`) at `i`; where it ends. */
function skipAddress(s: string, i: number): number {
  if (s[i] === '/' || s[i] === '\\') {
    const delim = s[i] === '\\' ? s[i + 1] : '/';
    let j = s[i] === '\\' ? i + 2 : i + 1;
    while (j < s.length && s[j] !== delim && s[j] !== '\n') j += s[j] === '\\' ? 2 : 1;
    j++;
    while (s[j] === 'I' || s[j] === 'M') j++;
    return j;
  }
  const m = /^(?:\$|[+~]?\d+(?:~\d+)?)/.exec(s.slice(i, i + 32));
  return m ? i + m[0].length : i;
}

/** The end of `s/RE/REPL/` (or `y/A/B/`) starting at `i` (the command letter): the index after its last delimiter. */
function skipReplacement(s: string, i: number): number {
  const delim = s[i + 1];
  if (delim === undefined || delim === '\n' || delim === '\\') return s.length;
  let j = i + 2;
  for (let part = 0; part < 2 && j <= s.length; part++) {
    while (j < s.length && s[j] !== delim) j += s[j] === '\\' ? 2 : 1;
    j++;
  }
  return j;
}

const lineEnd = (s: string, i: number): number => {
  const nl = s.indexOf('\n', i);
  return nl === -1 ? s.length : nl;
};

/** Reads the scripts' file-writing commands and whether a command deletes every line. */
export function readSedScripts(scripts: readonly string[]): SedScriptEffects {
  const out: SedScriptEffects = { writes: [], emptiesInput: false, unread: false };
  let steps = 0;
  for (const s of scripts) {
    let i = 0;
    while (i < s.length) {
      if (steps++ > MAX_SCRIPT_STEPS) {
        out.unread = true;
        return out;
      }
      if (/[\s;{}!]/.test(s[i])) {
        i++;
        continue;
      }
      if (s[i] === '#') {
        i = lineEnd(s, i);
        continue;
      }
      const start = i;
      i = skipAddress(s, i);
      if (s[i] === ',') i = skipAddress(s, i + 1);
      const addressed = s.slice(start, i);
      while (i < s.length && /[ \t!]/.test(s[i])) i++;
      const c = s[i];
      if (c === 'w' || c === 'W') {
        const end = lineEnd(s, i);
        out.writes.push(s.slice(i + 1, end).trim());
        i = end;
      } else if (c === 's' || c === 'y') {
        i = skipReplacement(s, i);
        // Flags run to `;`, `}` or the line's end; a `w` flag takes the rest of the line as its file.
        while (i < s.length && !/[;}\n]/.test(s[i])) {
          if (c === 's' && s[i] === 'w') {
            const end = lineEnd(s, i);
            out.writes.push(s.slice(i + 1, end).trim());
            i = end;
            break;
          }
          i++;
        }
      } else if (c === 'd' && /^(?:|1,\$|0,\$|\/\^\/|\/\.\*\/)$/.test(addressed)) {
        // No address, or one that matches every line: nothing of the input is left.
        out.emptiesInput = true;
        i++;
      } else if (c !== undefined && /[aicrReTbt:vlLqQ]/.test(c)) {
        // Text, file names, labels and commands run to the line's end (labels of b/t/T stop at `;` too).
        const end = lineEnd(s, i);
        const semi = /[btT]/.test(c) ? s.indexOf(';', i) : -1;
        i = semi !== -1 && semi < end ? semi : end;
      } else i++;
    }
  }
  out.writes = out.writes.filter((w) => w !== '');
  return out;
}
