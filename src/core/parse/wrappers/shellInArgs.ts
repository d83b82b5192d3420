// A program no reader knows, handed a shell and its code among its words
// (`npx @modelcontextprotocol/inspector sh -c 'CODE'`, `mytool -- bash -lc
// 'CODE'`): such a program is most often a launcher that starts the words it
// is given, so the code is judged as if it ran, beside the program itself.
// Harmless code stays harmless (`foo sh -c 'echo hi'` is allowed). Programs
// whose words are text to print, search or send (echo, printf, grep, curl, …)
// are left alone, and so is any program a reader already reads: this is the
// last step for a program nothing else read.
import type { Pending } from '../normalize/scope';
import { programName, SHELLS, slice, type UnwrapStep } from './common';
import { readsSideCommands } from './sideCommands';

/** How far into a call's words a shell is looked for. */
const MAX_SCAN_WORDS = 64;
/** How many options may come between the shell and its `-c` (`bash --norc -e -c CODE`). */
const MAX_SHELL_OPTIONS = 4;

/** Shells that take code with `-c` (busybox is a multi-call program, its shell a word later); PowerShell's `-Command`. */
const CODE_SHELLS = new Set([...SHELLS, 'pwsh', 'powershell'].filter((s) => s !== 'busybox'));

/**
 * Programs whose words are text: printed, searched for, sent or written, never started. A shell named among them is
 * data (`echo sh -c 'rm -rf ~'` prints it).
 */
const WORDS_ARE_TEXT = new Set([
  'echo',
  'printf',
  'print',
  'grep',
  'egrep',
  'fgrep',
  'zgrep',
  'ag',
  'ack',
  'ugrep',
  'ug',
  'git-grep',
  'cat',
  'less',
  'more',
  'head',
  'tail',
  'wc',
  'sort',
  'uniq',
  'cut',
  'tr',
  'man',
  'info',
  'help',
  'whatis',
  'apropos',
  'tldr',
  'which',
  'whereis',
  'type',
  'whence',
  'hash',
  'alias',
  'unalias',
  'complete',
  'compgen',
  'history',
  'logger',
  'wall',
  'notify-send',
  'say',
  'espeak',
  'figlet',
  'toilet',
  'cowsay',
  'banner',
  'lolcat',
  'jq',
  'yq',
  'test',
  '[',
  'expr',
  'true',
  'false',
  ':',
  'read',
  'export',
  'declare',
  'typeset',
  'local',
  'readonly',
  'set',
  'unset',
  'printenv',
  'basename',
  'dirname',
  'realpath',
  'readlink',
  'file',
  'stat',
  'ls',
  'touch',
  'mkdir',
  'rmdir',
  'cp',
  'mv',
  'ln',
  'rm',
  'tee',
  'diff',
  'cmp',
  'comm',
  'paste',
  'column',
  'seq',
  'yes',
  'base64',
  'curl',
  'wget',
  'http',
  'https',
  'xh',
  'gh',
  'glab',
  'hub',
  'tput',
  'pbcopy',
  'xclip',
  'xsel',
  'wl-copy',
  'mail',
  'mailx',
  'sendmail',
  'kill',
  'pkill',
  'pgrep',
  'killall',
]);

/** `-c`, a cluster ending in or holding `c` (`-lc`, `-ec`), or PowerShell's `-Command`. */
const CODE_OPTION = /^(?:-[A-Za-z]*c[A-Za-z]*|--?[Cc]ommand)$/;

/**
 * `PROG … SHELL [OPTS] -c CODE …` for a program nothing else read: the shell's call from SHELL on, judged as run (the
 * shell's reader reads its options and code). Undefined when no shell with code is among the first words.
 */
export function shellCodeInArguments(prog: string, p: Pending): UnwrapStep | undefined {
  // A program whose option values are read as command lines already (sideCommands.ts) is not read twice.
  if (WORDS_ARE_TEXT.has(prog) || readsSideCommands(prog)) return undefined;
  const argv = p.argv;
  const end = Math.min(argv.length, MAX_SCAN_WORDS);
  for (let k = 1; k < end; k++) {
    if (p.dynamic[k] || !CODE_SHELLS.has(programName(argv[k]))) continue;
    for (let j = k + 1; j < Math.min(argv.length, k + 1 + MAX_SHELL_OPTIONS); j++) {
      const a = argv[j];
      if (!a.startsWith('-')) break;
      if (CODE_OPTION.test(a) && argv[j + 1] !== undefined)
        return { kind: 'command', next: slice(p, k), via: `${prog} ${argv[k]}`, recordOuter: true };
    }
  }
  return undefined;
}
