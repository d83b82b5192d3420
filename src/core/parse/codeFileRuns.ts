// Interpreter code that runs another file's text as code, which is the same as
// running that file: Python's `exec(open(F).read())`, `runpy.run_path(F)`;
// JavaScript's `eval(fs.readFileSync(F))`, `new Function(…readFileSync(F))`,
// `vm.runInThisContext(…)`; Ruby's `eval(File.read(F))` and `load F`; Perl's
// `do F`; PHP's `include F` and `eval(file_get_contents(F))`. Each becomes the
// shell line that runs F with the same interpreter, so F is read as a script
// run from the line is (its size bound and unread-file finding included).
// Python's exec and spawn families (`os.execvp("rm", [...])`) are read here
// too, as the program and the words they start.
import { own } from '../text/own';

/** File runs read out of one piece of code; more is padding, not a program anyone writes. */
export const MAX_FILE_RUNS = 16;

const STR = String.raw`(?:'([^'\n]{1,4096})'|"([^"\n]{1,4096})")`;

const RUNS: Readonly<Record<string, { program: string; patterns: RegExp[] }>> = {
  python: {
    program: 'python3',
    patterns: [
      new RegExp(
        String.raw`\b(?:exec|eval)\s*\(\s*(?:compile\s*\(\s*)?(?:(?:io|codecs|builtins)\.)?(?:open|(?:pathlib\.)?Path)\s*\(\s*${STR}`,
        'g',
      ),
      new RegExp(String.raw`\b(?:run_path|execfile)\s*\(\s*${STR}`, 'g'),
    ],
  },
  node: {
    program: 'node',
    patterns: [
      new RegExp(
        String.raw`\b(?:eval|Function|runInThisContext|runInNewContext|runInContext|Script|compileFunction)\s*\(\s*[^;()]{0,80}?(?:\([^;()]{0,40}\)[^;()]{0,40}?)?readFileSync\s*\(\s*${STR}`,
        'g',
      ),
    ],
  },
  ruby: {
    program: 'ruby',
    patterns: [
      new RegExp(
        String.raw`\b(?:eval|instance_eval|class_eval|module_eval)\s*\(?\s*(?:File|IO)\.read\s*\(?\s*${STR}`,
        'g',
      ),
      new RegExp(String.raw`(?:^|[\s;(])(?:Kernel\.)?load\s*\(?\s*${STR}`, 'g'),
    ],
  },
  perl: { program: 'perl', patterns: [new RegExp(String.raw`\bdo\s*\(?\s*${STR}`, 'g')] },
  php: {
    program: 'php',
    patterns: [
      new RegExp(String.raw`\b(?:include|require)(?:_once)?\s*\(?\s*${STR}`, 'g'),
      new RegExp(String.raw`\beval\s*\(\s*file_get_contents\s*\(\s*${STR}`, 'g'),
    ],
  },
};

function quote(s: string): string {
  return "'" + s.replace(/'/g, `'\\''`) + "'";
}

/** Shell lines that run the files this code runs as code, with its own interpreter; one past the bound says more were left. */
export function codeFileRuns(language: string, code: string): string[] {
  const runs = own(RUNS, language);
  if (!runs) return [];
  const out: string[] = [];
  for (const re of runs.patterns) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(code)) && out.length <= MAX_FILE_RUNS) {
      const file = m[1] ?? m[2];
      // A name built at run time (`f"{x}"`, `"#{x}"`, `"$x"`) is not a file named here.
      if (!/[{}$]/.test(file)) out.push(`${runs.program} ${quote(file)}`);
    }
  }
  return out;
}

/** The exec and spawn families of os (and posix_spawn); `*e` forms end with the environment. */
export const PROCESS_CALL = /\b(exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?)\s*\(\s*/g;

/**
 * The command a call of PROCESS_CALL starts, from its argument expressions:
 * `word` reads one as a path or string, `list` a list literal's words.
 */
export function processCallArgv(
  fn: string,
  args: string[],
  word: (expr: string) => string,
  list: (expr: string) => string[],
): string[] | undefined {
  // spawn*'s first argument is the mode (`os.P_WAIT`).
  if (fn.startsWith('spawn')) args = args.slice(1);
  const program = args[0] ? word(args[0]) : '';
  if (!program || program.startsWith('$(')) return undefined;
  if (fn.startsWith('posix') || /^(?:exec|spawn)v/.test(fn)) {
    const words = /^\s*\[/.test(args[1] ?? '') ? list(args[1]) : [];
    return [program, ...words.slice(1)];
  }
  // execl(path, arg0, arg1, …): arg0 is the program's own name.
  const rest = args.slice(2, fn.endsWith('e') ? -1 : undefined).filter((a) => a !== '');
  return [program, ...rest.map(word)];
}
