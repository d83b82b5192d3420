// Options read as the program's own parser reads them, for programs whose
// table of options is known: getopt's (clustered letters, attached values,
// `--name=value`, `--`) or Go's flag package's (one dash or two, one option
// a word). args.ts serves readers that know only the names they look for;
// here every word is placed, so a value is never taken for an operand nor
// an operand for a value.

/** getopt's reading: `-wH`, `-p8080`, `-p 8080`, `--port=8080`, `--port 8080`; `--` ends the options. */
export interface GetoptStyle {
  /** The letters that take a value. */
  short: string;
  /** The long names (dashes included) that take the next word as their value; `--name=value` always carries one. */
  long: readonly string[];
  /** Options may follow operands (GNU getopt's permuting, Ruby's and Salt's parsers); else the first operand ends them. */
  permute?: boolean;
  /** The letters whose value is optional: only the rest of their word (`-psecret`), never the next word. */
  optional?: string;
  /**
   * getopt_long's abbreviations: the program's whole table of long names (flags too), a word that begins exactly
   * one of them (`--out` for `--output`) read as it. Only the whole table will do: with part of it, a flag
   * (`--compress`) could read as the one valued name it begins (`--compression-algorithms`) and swallow a word.
   */
  abbreviations?: readonly string[];
  /**
   * A long name as the program's parser sees it before it looks the name up: MySQL's my_getopt, say, takes
   * `--loose-tee` for `--tee` and `--ssl_ca` for `--ssl-ca`. Given the name as written (dashes included, no value).
   */
  canonical?: (name: string) => string;
}

/** Go's flag package: `-name` or `--name`, `=value` or the next word, never clustered; the first operand ends them. */
export interface GoFlagStyle {
  go: true;
  /** The boolean flags, with one dash: every other option takes a value, as Go's non-boolean flags do. */
  booleans: readonly string[];
}

export interface ReadOption {
  /** As written (`-w`, `--hosts`); Go's options with one dash (`--port` → `-port`). */
  name: string;
  /** Undefined for a flag; '' when the line ends where the value should be. */
  value?: string;
}

export interface OptionsRead {
  /** The options in the order given. */
  options: ReadOption[];
  /** The words that are not options nor their values, in order (all of them after `--`). */
  operands: string[];
}

/** An option and the words it was read from: its own word and, when its value is the next word, that one. */
export interface PlacedOption extends ReadOption {
  /** The index of the word the option is in (a cluster `-Ao` holds several). */
  word: number;
  /** The index of the last word it takes: `word`, or the next word when that is its value. */
  last: number;
}

/** An option word: a dash and more (a lone `-` is an operand, stdin by custom). */
const isOption = (word: string): boolean => word.length > 1 && word[0] === '-';

/** A Go flag word `-name`, `--name=value`: its name with one dash, and the value it carries. */
function goWord(word: string): { name: string; value?: string } {
  const bare = word.replace(/^--?/, '');
  const eq = bare.indexOf('=');
  return eq === -1 ? { name: `-${bare}` } : { name: `-${bare.slice(0, eq)}`, value: bare.slice(eq + 1) };
}

/** The long name `name` stands for: itself when the table has it, else the one name of the table it begins. */
function unabbreviated(name: string, table: readonly string[] | undefined): string {
  if (!table || table.includes(name)) return name;
  const begun = table.filter((n) => n.startsWith(name));
  return begun.length === 1 ? begun[0] : name;
}

/**
 * The options and operands of `argv` from word `from`. Every word is read once and the index only moves on, so
 * it reads at most the words given, whatever they are.
 */
export function readOptions(argv: readonly string[], from: number, style: GetoptStyle | GoFlagStyle): OptionsRead {
  const read = readPlacedOptions(argv, from, style);
  return {
    options: read.options.map((o) => (o.value === undefined ? { name: o.name } : { name: o.name, value: o.value })),
    operands: read.operands,
  };
}

/** readOptions, each option with the words it was read from (to leave them out of the command, say). */
export function readPlacedOptions(
  argv: readonly string[],
  from: number,
  style: GetoptStyle | GoFlagStyle,
): { options: PlacedOption[]; operands: string[] } {
  const options: PlacedOption[] = [];
  const operands: string[] = [];
  for (let i = from; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (!isOption(a)) {
      if ('go' in style || !style.permute) {
        operands.push(...argv.slice(i));
        break;
      }
      operands.push(a);
    } else if ('go' in style) {
      const word = i;
      const o = goWord(a);
      if (o.value === undefined && !style.booleans.includes(o.name)) o.value = argv[++i] ?? '';
      options.push({ ...o, word, last: i });
    } else if (a.startsWith('--')) {
      const word = i;
      const eq = a.indexOf('=');
      const written = eq === -1 ? a : a.slice(0, eq);
      const name = unabbreviated(style.canonical ? style.canonical(written) : written, style.abbreviations);
      if (eq !== -1) options.push({ name, value: a.slice(eq + 1), word, last: word });
      else if (style.long.includes(name)) options.push({ name, value: argv[++i] ?? '', word, last: i });
      else options.push({ name, word, last: word });
    } else {
      const word = i;
      for (let k = 1; k < a.length; k++) {
        const name = `-${a[k]}`;
        const rest = k + 1 < a.length ? a.slice(k + 1) : undefined;
        if (style.optional?.includes(a[k])) {
          options.push(rest === undefined ? { name, word, last: word } : { name, value: rest, word, last: word });
          break;
        }
        if (!style.short.includes(a[k])) {
          options.push({ name, word, last: word });
          continue;
        }
        // The letter's value is the rest of the word (`-Wp8080`), else the next word.
        options.push({ name, value: rest ?? argv[++i] ?? '', word, last: i });
        break;
      }
    }
  }
  return { options, operands };
}
