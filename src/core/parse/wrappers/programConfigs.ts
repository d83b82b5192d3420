// Files a program reads at start that can name programs it runs: mutt's
// `-F MUTTRC` (the same commands as `-e`, muttCommands.ts), lynx's
// `-cfg=FILE` (PRINTER, DOWNLOADER, EXTERNAL, an editor, the `*_PATH`
// helpers, local execution), and vim's `-s KEYS`, a file replayed as typed
// keys (`-s` means silent only in ex mode: `vim -e`, `-es`, `ex`). Each file
// is read when it can be; one that cannot be read is asked about.
import { optionValues, singleDashValues } from '../../command/args';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { muttCommands } from './muttCommands';

/** Files read per call, lines read per file. */
const MAX_FILES = 8;
const MAX_LINES = 1024;

function read(file: string, scope: Scope, w: Walker): string | undefined {
  return w.ctx.readFile(file.replace(/^~(?=\/)/, scope.vars.HOME ?? w.ctx.home), scope.cwd);
}

function unread(p: Pending, file: string, what: string): ReturnType<typeof parseFinding> {
  return parseFinding(
    'system.unread-script',
    45,
    `${p.argv[0]} reads ${file} as ${what}, which can name programs it runs, and it cannot be read first`,
    file,
  );
}

/** `mutt -F FILE`: the file's lines are muttrc commands, read as `-e` ones; a `source` of another file is not followed. */
export function muttConfigLines(p: Pending, scope: Scope, w: Walker): string[] {
  const out: string[] = [];
  for (const f of optionValues(p.argv, ['-F']).slice(0, MAX_FILES)) {
    const text = f === '/dev/null' ? '' : read(f, scope, w);
    if (text === undefined) {
      w.addFinding(unread(p, f, 'its settings'));
      continue;
    }
    const lines = text.split('\n').slice(0, MAX_LINES);
    const nested = lines.find((l) => /^\s*source\s+(?!["']?[^"'\s]*\|)/.test(l));
    if (nested) w.addFinding(unread(p, nested.trim().slice(0, 80), 'more settings (named in ' + f + ')'));
    out.push(...muttCommands(['mutt', ...lines.flatMap((l) => ['-e', l])]));
  }
  return out;
}

/** lynx.cfg keys whose value is a program lynx runs, a file of more settings, or a switch for running local programs. */
const LYNX_PROGRAM_KEYS =
  /^\s*(?:PRINTER|DOWNLOADER|UPLOADER|EXTERNAL(?:_MENU)?|INCLUDE|(?:DEFAULT|SYSTEM)_EDITOR|(?:ALWAYS_)?TRUSTED_(?:EXEC|LYNXCGI)|(?:GLOBAL|PERSONAL)_MAILCAP|LOCAL_EXECUTION_LINKS\w*|ENABLE_LYNXRC|\w+_PATH)\s*:/im;

/** `lynx -cfg=FILE`: asked when the file cannot be read or names a program; settings of look and feel stay quiet. */
export function lynxConfigFindings(p: Pending, scope: Scope, w: Walker): void {
  for (const f of singleDashValues(p.argv, ['-cfg']).slice(0, MAX_FILES)) {
    const text = read(f, scope, w);
    if (text === undefined) {
      w.addFinding(unread(p, f, 'its configuration'));
      continue;
    }
    const named = LYNX_PROGRAM_KEYS.exec(text.split('\n').slice(0, MAX_LINES).join('\n'));
    if (named)
      w.addFinding(
        parseFinding(
          'system.unread-script',
          45,
          `${p.argv[0]} reads ${f} as its configuration, which names a program it runs or more settings (${named[0].trim()}); those are not judged`,
          f,
        ),
      );
  }
}

/** vim in ex mode (`ex`, `vim -e`, `-es`, `-E`): there `-s` is silent mode, not a keystroke file. */
function exMode(argv: readonly string[]): boolean {
  if (/^(?:ex|exim|nex|vi?m?ex)$/.test(argv[0] ?? '')) return true;
  return argv.slice(1).some((a) => /^-[a-zA-Z]*[eE][a-zA-Z]*$/.test(a) && !/^-[a-zA-Z]*[cSuiTwWrVoOp]/.test(a));
}

/**
 * `vim -s KEYS FILE`: KEYS is replayed as typed. Its `:` lines are ex commands and read as such (returned for
 * the caller to read as `-c` values); a `!` typed elsewhere filters text through a shell, which is asked about.
 */
export function vimKeystrokeCommands(p: Pending, scope: Scope, w: Walker): string[] {
  if (exMode(p.argv)) return [];
  const out: string[] = [];
  for (let i = 1; i + 1 < p.argv.length && out.length < MAX_LINES; i++) {
    if (p.argv[i] === '--') break;
    if (p.argv[i] !== '-s') continue;
    const f = p.argv[++i];
    const text = read(f, scope, w);
    if (text === undefined) {
      w.addFinding(unread(p, f, 'typed keys'));
      continue;
    }
    let rest = text.slice(0, 64 * 1024);
    for (const m of text.matchAll(/:([^\r\n]*)/g)) {
      out.push(m[1]);
      rest = rest.replace(m[0], '');
      if (out.length >= MAX_LINES) break;
    }
    if (rest.includes('!'))
      w.addFinding(
        parseFinding(
          'system.unread-script',
          45,
          `${p.argv[0]} replays ${f} as typed keys, and a \`!\` there can filter text through a shell; keys are not read as commands`,
          f,
        ),
      );
  }
  return out;
}

/** Folders the system's own libraries (OpenSSL's engines and providers among them) are installed in. */
const SYSTEM_LIBRARY = /^\/(?:usr\/(?:local\/)?)?lib(?:64|32)?\/|^\/opt\/homebrew\/(?:opt|lib|Cellar)\//;

/**
 * `openssl … -engine /tmp/x.so`, `-keyengine FILE`, `-provider-path DIR`: OpenSSL loads that shared object (or the
 * providers in that folder) and runs its code. An engine named by id (`-engine pkcs11`) or in the system's library
 * folders stays quiet.
 */
export function opensslModuleFindings(p: Pending, w: Walker): void {
  const argv = p.argv;
  for (let i = 1; i + 1 < argv.length && i < 256; i++) {
    const flag = argv[i].replace(/^--/, '-');
    if (flag !== '-engine' && flag !== '-keyengine' && flag !== '-provider-path') continue;
    const value = argv[++i];
    const path = flag === '-provider-path' || /[/\\]|\.(?:so|dylib|dll)$/i.test(value);
    if (!path || (SYSTEM_LIBRARY.test(value) && !p.dynamic[i] && !value.includes('..'))) continue;
    w.addFinding(
      parseFinding(
        'system.unread-script',
        50,
        `${argv[0]} ${flag} ${value} loads a shared object whose code runs inside it; that code is not judged`,
        value,
      ),
    );
  }
}
