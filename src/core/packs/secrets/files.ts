// Credential files: printed, copied or archived, read by an interpreter
// one-liner; and secrets written into a file of the project.
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import { classifyPath, displayPath, homeOf } from '../../command/paths';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { FILTER_VALUE_OPTS, FILTERS, PRINTERS, READ_ALT, secretRefsOf, shownInto, stdoutShown } from './common';
import { credentialIn, inputRedirects } from '../common/credentials';
import { candidateWord } from '../common/firstLooks';
import { finding } from '../common/finding';
import { own } from '../../text/own';

/** A command that only shows what it was given; quiet flags mean nothing is printed. */
export function printsMatches(name: string, argv: readonly string[]): boolean {
  if (name === 'grep' || name === 'egrep' || name === 'fgrep' || name === 'rg' || name === 'ag' || name === 'ack') {
    return !hasFlag(argv, [
      '-c',
      '--count',
      '-l',
      '--files-with-matches',
      '-L',
      '--files-without-match',
      '-q',
      '--quiet',
      '--silent',
    ]);
  }
  if (name === 'sed' || name === 'gsed') return !hasFlag(argv, ['-i', '--in-place']);
  if (name === 'openssl')
    return (
      argv.some((a) => a === 'rsa' || a === 'pkey' || a === 'ec' || a === 'enc') &&
      !hasFlag(argv, ['-pubout', '-noout'])
    );
  return true;
}

/** Programs whose first word is a database file they print from: a browser's cookie or login store is one. */
export const DATABASE_FILE_READERS = new Set(['sqlite3', 'sqlite', 'litecli', 'duckdb']);

function filterFiles(argv: readonly string[]): string[] {
  const pos = positionals(argv, FILTER_VALUE_OPTS);
  // With -e/-f (or --regexp) every positional is a file; otherwise the first is the pattern or script.
  const patternGiven = optionValue(argv, ['-e', '--regexp', '-f', '--file']) !== undefined;
  return patternGiven ? pos : pos.slice(1);
}

export function readFindings(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const argv = cmd.argv;
  if (argv.includes('--help') || argv.includes('--version')) return undefined;
  let words: string[];
  if (PRINTERS.has(name)) {
    if (!printsMatches(name, argv)) return undefined;
    words =
      name === 'openssl'
        ? optionValues(argv, ['-in'])
        : positionals(argv, ['-n', '--lines', '-c', '--bytes', '-s', '-w', '-d', '-f', '-t', '-k', '-o']);
    if (name === 'head' || name === 'tail' || name === 'cut' || name === 'sort')
      words = argv.slice(1).filter((a) => !a.startsWith('-'));
  } else if (FILTERS.has(name)) {
    if (!printsMatches(name, argv)) return undefined;
    words = filterFiles(argv);
  } else if (DATABASE_FILE_READERS.has(name)) {
    // `sqlite3 ~/.config/google-chrome/Default/Cookies 'select …'`: the database file is the first word.
    words = positionals(argv, ['-cmd', '-init', '-separator', '-newline', '-nullvalue']).slice(0, 1);
  } else return undefined;
  const hit = credentialIn([...words, ...inputRedirects(cmd)], cmd, ctx);
  if (!hit) return undefined;
  // Printed into a file, the secret does not reach the transcript.
  if (!stdoutShown(cmd) && !cmd.redirects.some((r) => r.op === '<' && r.target === hit.word)) {
    if (hit.project) return undefined;
  }
  return finding(
    'secrets.read-credential-file',
    hit.project ? 55 : 65,
    `${name} prints ${hit.shown}, which holds credentials, ${shownInto(cmd)}`,
    hit.shown,
    READ_ALT,
  );
}

/** Folders a web server or a deploy serves or ships as they are: a file copied there is public once deployed. */
const SERVED_FOLDERS = new Set([
  'public',
  'static',
  'dist',
  'build',
  'www',
  'wwwroot',
  'htdocs',
  'public_html',
  '_site',
]);

/** `public/env.txt`, `./dist/`, `web/static/x`: a destination inside a served folder of the project. */
function servedFolder(dest: string): boolean {
  const parts = dest.split('/');
  // The last part is the copy's own name unless the word ends in `/` or names the folder itself.
  return parts.some((p, i) => SERVED_FOLDERS.has(p) && (i < parts.length - 1 || parts.length === 1));
}

export function copyFindings(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const argv = cmd.argv;
  if (argv.includes('--help') || argv.includes('--version')) return undefined;
  if (name === 'gpg') {
    if (hasFlag(argv, ['--export-secret-keys', '--export-secret-subkeys'])) {
      return finding('secrets.print-token', 65, 'gpg exports secret keys', 'gpg', 'ask the user to export keys');
    }
    return undefined;
  }
  if (name === 'ln' || name === 'link') return linkFinding(name, cmd, ctx);
  // cp's -f forces and -T takes no value: only tar, zip and 7z read a word after -f.
  const pos = positionals(
    argv,
    name === 'cp' || name === 'install'
      ? ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group']
      : [
          '-t',
          '--target-directory',
          '-C',
          '--directory',
          '-f',
          '--file',
          '-m',
          '-o',
          '-g',
          '-S',
          '-x',
          '-X',
          '-T',
          '--exclude',
        ],
  );
  const sources = name === 'cp' || name === 'install' ? pos.slice(0, -1) : pos;
  const hit = credentialIn(sources, cmd, ctx);
  if (!hit) return undefined;
  if (hit.project) {
    // `cp .env .env.backup` stays in the project; copying it elsewhere does not.
    const dest = name === 'cp' || name === 'install' ? pos[pos.length - 1] : undefined;
    if (!dest) return undefined;
    const d = classifyPath(dest, cmd.cwd, cmd.env, ctx);
    if ((d.location === 'workspace' || d.location === 'workspace-inside') && !servedFolder(dest)) return undefined;
  }
  return finding(
    'secrets.copy-credential',
    60,
    `${name} copies ${hit.shown}, which holds credentials, where it can be committed or shipped`,
    hit.shown,
    'leave credentials where they are; point tools at them instead',
  );
}

/**
 * `ln -s ~/.ssh/id_rsa public/k`: a link in the workspace exposes the key to
 * whatever serves, packs or commits that folder, as a copy would. A project's
 * own `.env` linked within the project (`ln -s ../.env apps/web/.env`) stays
 * where it was.
 */
function linkFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const pos = positionals(cmd.argv, ['-t', '--target-directory', '-S', '--suffix']);
  const intoDir = optionValue(cmd.argv, ['-t', '--target-directory']);
  // `ln -s ~/.ssh/id_rsa` alone links into the working folder under the same name.
  const sources = pos.length >= 2 && intoDir === undefined ? pos.slice(0, -1) : pos;
  const dest = intoDir ?? (pos.length >= 2 ? pos[pos.length - 1] : '.');
  // A relative symbolic link's text is read from the link's folder (`ln -s ../.env apps/web/.env` is apps/.env):
  // that folder is DEST itself when DEST is a folder, else the one holding it; both are looked at.
  const symbolic = cmd.argv.some((a) => a === '--symbolic' || /^-[a-zA-Z]*s[a-zA-Z]*$/.test(a));
  const fromLink = (src: string): string[] => {
    if (!symbolic || /^[/~$]/.test(src)) return [src];
    const folder = dest.replace(/\/+$/, '');
    const parent = folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '.';
    return intoDir !== undefined || dest.endsWith('/')
      ? [`${folder}/${src}`]
      : [`${folder}/${src}`, `${parent}/${src}`];
  };
  const hit = credentialIn(sources.flatMap(fromLink), cmd, ctx);
  if (!hit || hit.project) return undefined;
  const d = classifyPath(dest, cmd.cwd, cmd.env, ctx);
  const inWorkspace = d.location === 'workspace' || d.location === 'workspace-inside' || d.location === 'unknown';
  // Elsewhere (a temp folder, home) the link is a copy that a later read or upload goes through without naming
  // the key, so it asks wherever it lands, as cp does.
  return finding(
    'secrets.copy-credential',
    60,
    `${name} links ${hit.shown}, which holds credentials, ${inWorkspace ? 'into the workspace' : `to ${dest}`}, where it can be read, served, committed or shipped without naming it`,
    hit.shown,
    'leave credentials where they are; point tools at them instead',
  );
}

// ---- credential files read by interpreter one-liners -------------------------------------

const CODE_FLAGS: Record<string, readonly string[]> = {
  python: ['-c'],
  python3: ['-c'],
  node: ['-e', '--eval', '-p', '--print'],
  bun: ['-e', '--eval', '-p', '--print'],
  deno: ['eval'],
  ruby: ['-e'],
  perl: ['-e', '-E'],
  php: ['-r'],
};
const CODE_STRING_RE = /(['"`])([^'"`\n]{1,240})\1/g;
const CODE_READ_RE =
  /\bopen\s*\(|read(?:File|FileSync|_text|_bytes|lines)?\s*\(|File\.(?:read|open|foreach)|IO\.read|file_get_contents|\bslurp\b|readTextFile|Deno\.readFile|Bun\.file|<\s*\$?\w*\s*>|\bcat\b/;

export function interpreterCode(name: string, argv: readonly string[]): string | undefined {
  const flags = own(CODE_FLAGS, name);
  if (!flags) return undefined;
  if (name === 'deno') return argv[1] === 'eval' ? argv[2] : undefined;
  for (let i = 1; i < argv.length - 1; i++) if (flags.includes(argv[i])) return argv[i + 1];
  return undefined;
}

/** `perl -ne 'print' FILE`, `ruby -pe '' FILE`: a line loop over the files named after the program. */
function lineLoopFiles(name: string, argv: readonly string[]): string[] {
  if (name !== 'perl' && name !== 'ruby') return [];
  let loop = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') break;
    if (/^-(?:[a-zA-Z]*[np])?i/.test(a)) return []; // in place: the files are rewritten, not printed
    if (/^-[a-zA-Z]*[np]/.test(a)) loop = true;
    if (/^-[a-zA-Z]*[eE]$/.test(a)) i++; // the program follows
  }
  return loop ? argv.slice(i) : [];
}

/** `python3 -c "print(open('.env').read())"`, `node -e "…readFileSync('~/.aws/credentials')…"`. */
export function codeReadFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const looped = lineLoopFiles(name, cmd.argv);
  if (looped.length) {
    const hit = credentialIn(looped, cmd, ctx);
    if (hit && stdoutShown(cmd))
      return finding(
        'secrets.read-credential-file',
        hit.project ? 55 : 65,
        `${name} prints ${hit.shown}, which holds credentials, ${shownInto(cmd)}`,
        hit.shown,
        READ_ALT,
      );
  }
  const code = interpreterCode(name, cmd.argv);
  if (!code || !candidateWord(code) || !CODE_READ_RE.test(code)) return undefined;
  const literals: string[] = [];
  CODE_STRING_RE.lastIndex = 0;
  for (let m = CODE_STRING_RE.exec(code); m && literals.length < 16; m = CODE_STRING_RE.exec(code)) literals.push(m[2]);
  const hit = credentialIn(literals, cmd, ctx);
  if (!hit) return undefined;
  return finding(
    'secrets.read-credential-file',
    hit.project ? 55 : 65,
    `${name} code reads ${hit.shown}, which holds credentials`,
    hit.shown,
    READ_ALT,
  );
}

// ---- a secret written into a file of the project -------------------------------------------

// Files made to hold a token: writing one there is their purpose.
const TOKEN_CONFIG_RE = /(?:^|\/)\.(?:npmrc|yarnrc(?:\.yml)?|pypirc|netrc|pgpass|git-credentials|dockercfg)$/;

/** `echo "KEY=$OPENAI_API_KEY" >> README.md`: the secret lands in a file that gets committed. */
export function secretIntoFileFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const refs = secretRefsOf(cmd);
  if (refs.length === 0) return undefined;
  for (const r of cmd.redirects) {
    if (r.op === '<' || r.fd !== 1 || r.target.startsWith('&') || r.target.startsWith('/dev/')) continue;
    const p = classifyPath(r.target, cmd.cwd, cmd.env, ctx);
    if (p.location !== 'workspace-inside' || p.credential || p.dynamic || TOKEN_CONFIG_RE.test(p.abs)) continue;
    const shown = displayPath(p.abs, ctx, homeOf(cmd.env, ctx));
    return finding(
      'secrets.write-to-tracked-file',
      50,
      `${name} writes $${refs[0]} into ${shown}, a project file that can be committed`,
      shown,
      'keep secrets in .env (ignored by git) and reference the variable by name',
    );
  }
  return undefined;
}
