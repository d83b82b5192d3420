// Room `command/`: reading the words of one simple command once the parser
// has produced it: which words are options and their values (args.ts), and
// where a path word points and what lives there (paths.ts). Every pack and
// the effects reader ask through these, so spelling is handled in one place.
//
// Option reading shared by every pack. Real CLIs accept the same option in
// many spellings (`-rf`, `-r -f`, `--recursive`, `-XDELETE`, `--request=DELETE`);
// packs ask by meaning and these helpers handle the spelling.

/** Index of `--` (end of options), or argv.length. */
function endOfOptions(argv: readonly string[], start: number): number {
  for (let i = start; i < argv.length; i++) if (argv[i] === '--') return i;
  return argv.length;
}

/**
 * True when any of `names` is present. Short names (`-f`) also match inside
 * clusters (`-rf`, `-fdx`); long names (`--force`) also match `--force=…`.
 * Scans from `start` (default 1, after the program name) up to `--`.
 */
export function hasFlag(argv: readonly string[], names: readonly string[], start = 1): boolean {
  const end = endOfOptions(argv, start);
  for (let i = start; i < end; i++) {
    const a = argv[i];
    if (a.length < 2 || a[0] !== '-') continue;
    if (a[1] === '-') {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq);
      if (names.includes(name)) return true;
    } else {
      if (names.includes(a)) return true;
      // A cluster of single-letter flags: -rf, -fdx. Digits mean a value (-n19), stop there.
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        if (ch >= '0' && ch <= '9') break;
        if (names.includes('-' + ch)) return true;
      }
    }
  }
  return false;
}

/**
 * Whether option word `a` holds a value for option `n` in the same word: `--request=DELETE` for `--request`,
 * `-XDELETE` for `-X`. The names are tried for every option word of every command: indexed loops and no string
 * built (`n + '='`), since until V8 optimizes them (most of a batch) for…of allocates a result per step.
 */
function attachedValue(a: string, n: string): boolean {
  if (n.startsWith('--')) return a.length > n.length && a.charCodeAt(n.length) === 61 && a.startsWith(n);
  return n.length === 2 && a.startsWith(n) && a.length > 2 && !a.startsWith('--');
}

/**
 * Value of an option: `-X DELETE`, `-XDELETE`, `--request DELETE`,
 * `--request=DELETE`. Returns the last occurrence, as CLIs do.
 */
export function optionValue(argv: readonly string[], names: readonly string[], start = 1): string | undefined {
  const end = endOfOptions(argv, start);
  let found: string | undefined;
  for (let i = start; i < end; i++) {
    const a = argv[i];
    if (a.length < 2 || a[0] !== '-') continue;
    for (let k = 0; k < names.length; k++) {
      const n = names[k];
      if (a === n) {
        if (i + 1 < argv.length) found = argv[i + 1];
      } else if (attachedValue(a, n)) {
        found = n.startsWith('--') ? a.slice(n.length + 1) : a.slice(2);
      }
    }
  }
  return found;
}

/** Every value of a repeatable option (`-H a -H b`, `--header=c`). */
export function optionValues(argv: readonly string[], names: readonly string[], start = 1): string[] {
  const end = endOfOptions(argv, start);
  const out: string[] = [];
  for (let i = start; i < end; i++) {
    const a = argv[i];
    if (a.length < 2 || a[0] !== '-') continue;
    for (let k = 0; k < names.length; k++) {
      const n = names[k];
      if (a === n) {
        if (i + 1 < argv.length) out.push(argv[i + 1]);
      } else if (attachedValue(a, n)) {
        out.push(n.startsWith('--') ? a.slice(n.length + 1) : a.slice(2));
      }
    }
  }
  return out;
}

/**
 * Words that are not options, skipping the value after any option listed in
 * `takesValue` (e.g. `['-n', '--namespace']`). Everything after `--` is positional.
 */
export function positionals(argv: readonly string[], takesValue: readonly string[] = [], start = 1): string[] {
  const out: string[] = [];
  for (let i = start; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i + 1));
      break;
    }
    if (a.length > 1 && a[0] === '-') {
      if (takesValue.includes(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * Values of long options written with one dash or two, `-name=value` or
 * `-name value`, as Go's flag package and lynx read them.
 */
export function singleDashValues(argv: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const bare = argv[i].replace(/^--?/, '-');
    for (const n of names) {
      if (bare === n && i + 1 < argv.length) out.push(argv[i + 1]);
      else if (bare.startsWith(n + '=')) out.push(bare.slice(n.length + 1));
    }
  }
  return out;
}
