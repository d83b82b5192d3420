// Ex commands (vim, nvim, ex, ed) that write a file or run code without a
// `!`: `:w! FILE`, `:saveas FILE`, `:wq FILE` and `:w >> FILE` write the
// buffer there (vim -es makes that a non-interactive file writer: `vim -es
// -c 'w! ~/.bashrc' /tmp/evil`); `:lua`, `:python3`, `:perl`, `:ruby` and
// their `*file` forms run code of that language; `writefile(…, "FILE")`
// writes FILE; `-S FILE`, `-u FILE` and `:source FILE` read FILE as more ex
// commands. Each is handed back as the shell line that does the same (`tee
// FILE`, `lua -e CODE`, `python3 FILE`), so the packs judge it as such.

/** A word for a shell line: `~/` and `$HOME/` stay expandable (vim expands them too), the rest quoted. */
function shellWord(file: string): string {
  const m = /^(~|\$HOME|\$\{HOME\})(\/.*)?$/.exec(file);
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  if (m) return m[2] ? `${m[1] === '~' ? '~' : '"$HOME"'}${quote(m[2])}` : m[1] === '~' ? '~' : '"$HOME"';
  return quote(file);
}

/** Ex write commands that take a file name (`:w`, `:write`, `:wq`, `:x`, `:xit`, `:exit`, `:sav`, `:saveas`, `:up`, `:update`, ed's `W`). */
const EX_WRITE =
  /^(?:w(?:r(?:i(?:te?)?)?)?|wq|x(?:it)?|exi(?:t)?|sav(?:e(?:a(?:s)?)?)?|up(?:d(?:a(?:te?)?)?)?|W)(!?)(?:\s*(>>)\s*|\s+)(\S.*)$/;
/** Ex commands that run the rest of the line as code of a language, and the program that runs it. */
const EX_CODE: ReadonlyArray<[RegExp, string]> = [
  [/^lua\s+([\s\S]+)$/, 'lua -e'],
  [/^(?:py(?:thon)?3?|pyx|pythonx)\s+([\s\S]+)$/, 'python3 -c'],
  [/^pe(?:rl)?\s+([\s\S]+)$/, 'perl -e'],
  [/^rub(?:y)?\s+([\s\S]+)$/, 'ruby -e'],
];
/** Ex commands that run a file of a language. */
const EX_CODE_FILE: ReadonlyArray<[RegExp, string]> = [
  [/^luaf(?:ile)?\s+(\S+)\s*$/, 'lua'],
  [/^(?:py(?:thon)?3?f(?:ile)?|pyxf(?:ile)?)\s+(\S+)\s*$/, 'python3'],
  [/^rubyf(?:ile)?\s+(\S+)\s*$/, 'ruby'],
];

/** The shell lines an ex command (one `|`-separated part) amounts to besides a `!` line. */
export function exEffectLines(part: string): string[] {
  let s = part.replace(/^[\s:]+/, '');
  s = s.replace(/^sil(?:ent)?!?\s+/, '');
  s = s.slice(/^[%.$\d,\s]*/.exec(s)![0].length);
  const write = EX_WRITE.exec(s);
  // `:w !cmd` pipes into a command (read by the `!` reader), `:w` alone writes the file being edited.
  if (write && !write[3].startsWith('!')) return [`tee ${write[2] ? '-a ' : ''}-- ${shellWord(write[3].trim())}`];
  for (const [re, program] of EX_CODE) {
    const m = re.exec(s);
    if (m) return [`${program} ${shellWord(m[1])}`];
  }
  for (const [re, program] of EX_CODE_FILE) {
    const m = re.exec(s);
    if (m) return [`${program} ${shellWord(m[1])}`];
  }
  return [];
}

const QUOTED = String.raw`(?:'([^']*)'|"((?:[^"\\]|\\.)*)")`;
/** `writefile(LIST, "FILE")`, `writefile(x, expand("~/.bashrc"), "a")`: the second argument is the file written. */
const WRITEFILE = new RegExp(
  String.raw`\bwritefile\s*\(\s*(?:\[(?:[^\]"']|"(?:[^"\\]|\\.)*"|'[^']*')*\]|[\w:.]+(?:\([^()]*\))?)\s*,\s*(?:expand\s*\(\s*)?` +
    QUOTED,
  'g',
);

/** A path argument of a vimscript call: a quoted string, bare or in `expand(…)`. */
const PATH_ARG = String.raw`(?:expand\s*\(\s*)?` + QUOTED + String.raw`\s*\)?`;
/** `delete("F")`, `delete(expand("~/D"), "rf")` (also Neovim's `vim.fn.delete`): removes F, or the folder D with all it holds. */
const DELETE = new RegExp(
  String.raw`(?:(?<![\w.:])|(?<=\bfn\.))delete\s*\(\s*` + PATH_ARG + String.raw`(?:\s*,\s*['"](\w*)['"])?`,
  'g',
);
/** `rename("FROM", "TO")`: moves FROM to TO. */
const RENAME = new RegExp(
  String.raw`(?:(?<![\w.:])|(?<=\bfn\.))rename\s*\(\s*` + PATH_ARG + String.raw`\s*,\s*` + PATH_ARG,
  'g',
);

/** Files an ex command value writes, deletes or moves through vimscript's writefile(), delete() and rename(). */
export function exWrittenFiles(value: string): string[] {
  const out = [...value.matchAll(WRITEFILE)].map((m) => `tee -a -- ${shellWord(m[1] ?? m[2])}`);
  for (const m of value.matchAll(DELETE)) {
    const flags = m[3] ?? '';
    out.push(`${flags.includes('r') ? 'rm -rf' : flags === 'd' ? 'rmdir' : 'rm -f'} -- ${shellWord(m[1] ?? m[2])}`);
  }
  for (const m of value.matchAll(RENAME)) out.push(`mv -- ${shellWord(m[1] ?? m[2])} ${shellWord(m[3] ?? m[4])}`);
  return out;
}

/** `:so FILE`, `:source FILE`: FILE is read as more ex commands. */
const EX_SOURCE = /^\s*:?\s*so(?:u(?:r(?:ce?)?)?)?!?\s+(\S+)\s*$/;

/** Vim script files a call reads as ex commands: `-S FILE`, `-u FILE` (not NONE, NORC, DEFAULTS), `:source FILE` in a command. */
export function exSourcedFiles(argv: readonly string[], values: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i + 1 < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] !== '-S' && argv[i] !== '-u') continue;
    const f = argv[i + 1];
    if (!f.startsWith('-') && !/^(?:NONE|NORC|DEFAULTS)$/.test(f)) out.push(f);
  }
  for (const v of values) for (const part of v.split('|')) out.push(...(EX_SOURCE.exec(part)?.slice(1, 2) ?? []));
  return out;
}
