// Credential files: printed, copied or archived, read by an interpreter
// one-liner; and secrets written into a file of the project.
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import { classifyPath, displayPath, homeOf, isEnvFile, resolveWord, type PathInfo } from '../../command/paths';
import { expandGlob, isGlob } from '../../command/glob';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { FILTER_VALUE_OPTS, FILTERS, PRINTERS, READ_ALT, secretRefs, stdoutShown } from './common';
import { finding } from '../common/finding';

// ---- credential files --------------------------------------------------------

// Per-user stores whose every file (keys, tokens) is secret; a glob or directory there is too.
const STORE_RE = /^(?:\.ssh|\.aws|\.gnupg|\.kube|\.docker|\.config\/gcloud|\.azure|\.password-store)(?:\/|$)/;
const PUBLIC_IN_STORE_RE = /(?:\.pub|\/known_hosts[^/]*|\/config|\/authorized_keys)$/;

// `.env*`, `.env.*`, `*.env`: a glob that picks up the real env files along with any template.
const ENV_GLOB_RE = /^(?:\.env(?:[.*?[].*)?|\*+\.env)$/;

function isCredential(p: PathInfo, home: string): boolean {
  if (p.credential) return true;
  if (p.glob && p.pattern !== undefined && ENV_GLOB_RE.test(p.pattern)) {
    const literal = p.pattern.replace(/[*?[\]]+/g, '');
    if (isEnvFile(literal.endsWith('.') ? literal + 'x' : literal)) return true;
  }
  const at = p.glob ? p.base + '/' + (p.pattern ?? '*') : p.abs;
  if (!at.startsWith(home + '/')) return false;
  const rel = at.slice(home.length + 1);
  if (!STORE_RE.test(rel)) return false;
  // `cat ~/.ssh/id_ed25519.pub` hands out a public key; `~/.ssh/config` holds host names.
  if (PUBLIC_IN_STORE_RE.test(at)) return false;
  // The store folder itself or a glob in it (named key files are already `p.credential`).
  return p.glob || !p.fileLike;
}

interface CredHit {
  word: string;
  shown: string;
  /** A project `.env`-style file, not a per-user key store. */
  project: boolean;
}

// Words that could name a credential at all (macOS keychains and Windows' AppData stores included); the rest skip path classification (the hot path reads `cat package.json`).
const CANDIDATE_RE = /env|id_|\.(?:pem|key|p12|pfx|jks|keystore|ppk|tfstate|backup)$|netrc|pgpass|my\.cnf|credential|secret|token|\.ssh|\.aws|\.kube|\.docker|gcloud|\.azure|\.gnupg|npmrc|pypirc|shadow|htpasswd|boto|s3cfg|dockercfg|master\.key|account|password|\.config|\.cargo|\.gem|\.railway|\.fly|\.codex|\.terraform|history|[*?]|^~|\$HOME|keychain|AppData|Login Data|Web Data|Cookies|cookies\.sqlite|logins\.json|key[34]\.db|adminsdk|environ|service.?account/i;

export function credentialIn(words: readonly string[], cmd: SimpleCommand, ctx: AnalysisContext): CredHit | undefined {
  const home = homeOf(cmd.env, ctx);
  // Inside a key store every relative name is a candidate.
  const cwdInStore = cmd.cwd.startsWith(home + '/.');
  let looked = 0;
  for (const w of words) {
    if (!w || w === '-') continue;
    if (cwdInStore || CANDIDATE_RE.test(w)) {
      const p = classifyPath(w, cmd.cwd, cmd.env, ctx);
      if (p.dynamic && !p.glob) continue;
      if (isCredential(p, home)) return hitOf(w, p, ctx, home);
      if (!p.glob) continue;
    }
    // What the word reaches on disk: the files a glob matches, the file a symlink leads to.
    if (looked++ < MAX_LOOKED) {
      const reached = reachedCredential(w, cmd, ctx, home);
      if (reached) return reached;
    }
  }
  return undefined;
}

/** Words whose real files are looked up per command (a symlink's target, a glob's matches). */
const MAX_LOOKED = 16;
/** Candidate files of one glob classified; past it the glob counts as reaching a credential. */
const MAX_REACHED = 256;

function hitOf(word: string, p: PathInfo, ctx: AnalysisContext, home: string, through?: string): CredHit {
  const shown = p.glob ? word : displayPath(p.abs, ctx, home);
  const project = p.location === 'workspace-inside' || p.location === 'workspace' || p.location === 'temp';
  return { word, shown: through ? `${shown} (through ${through})` : shown, project };
}

/**
 * A credential the word reaches on this disk though its name does not say
 * so: `notes.txt` a symlink to `~/.ssh/id_ed25519`, `~/.ss?/id_*` matching a
 * key. A glob too wide to expand reaches what nobody can say: it counts.
 */
function reachedCredential(word: string, cmd: SimpleCommand, ctx: AnalysisContext, home: string): CredHit | undefined {
  if (!ctx.realpath || /[$`]/.test(word) || word.includes('**')) return undefined;
  const abs = resolveWord(word, cmd.cwd, home).abs;
  if (!abs.startsWith('/')) return undefined;
  const paths: string[] = [];
  if (isGlob(abs)) {
    const x = expandGlob(abs, ctx);
    if (!x) return undefined;
    if ('tooMany' in x) return { word, shown: `${word} (more files than AgentGuard reads before a command runs)`, project: false };
    // Names first (a cheap test), then whatever a symlink leads to.
    for (const m of x.matches) if (m.link || CANDIDATE_RE.test(m.path)) paths.push(m.path);
    if (paths.length > MAX_REACHED) return { word, shown: `${word} (more files than AgentGuard reads before a command runs)`, project: false };
  } else paths.push(abs);
  for (const p of paths) {
    const real = ctx.realpath(p);
    for (const candidate of real && real !== p ? [p, real] : [p]) {
      if (candidate === abs) continue;
      const info = classifyPath(candidate, cmd.cwd, cmd.env, ctx);
      if (isCredential(info, home)) return hitOf(word, info, ctx, home, displayPath(p, ctx, home));
    }
  }
  return undefined;
}

export function inputRedirects(cmd: SimpleCommand): string[] {
  const out: string[] = [];
  for (const r of cmd.redirects) if (r.op === '<' || r.op === '<>') out.push(r.target);
  return out;
}

/** A command that only shows what it was given; quiet flags mean nothing is printed. */
export function printsMatches(name: string, argv: readonly string[]): boolean {
  if (name === 'grep' || name === 'egrep' || name === 'fgrep' || name === 'rg' || name === 'ag' || name === 'ack') {
    return !hasFlag(argv, ['-c', '--count', '-l', '--files-with-matches', '-L', '--files-without-match', '-q', '--quiet', '--silent']);
  }
  if (name === 'sed' || name === 'gsed') return !hasFlag(argv, ['-i', '--in-place']);
  if (name === 'openssl') return argv.some((a) => a === 'rsa' || a === 'pkey' || a === 'ec' || a === 'enc') && !hasFlag(argv, ['-pubout', '-noout']);
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
    words = name === 'openssl' ? optionValues(argv, ['-in']) : positionals(argv, ['-n', '--lines', '-c', '--bytes', '-s', '-w', '-d', '-f', '-t', '-k', '-o']);
    if (name === 'head' || name === 'tail' || name === 'cut' || name === 'sort') words = argv.slice(1).filter((a) => !a.startsWith('-'));
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
  return finding('secrets.read-credential-file', hit.project ? 55 : 65,
    `${name} prints ${hit.shown}, which holds credentials, into the agent's transcript`, hit.shown, READ_ALT);
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
  const pos = positionals(argv, ['-t', '--target-directory', '-C', '--directory', '-f', '--file', '-m', '-o', '-g', '-S', '-x', '-X', '-T', '--exclude']);
  const sources = name === 'cp' || name === 'install' ? pos.slice(0, -1) : pos;
  const hit = credentialIn(sources, cmd, ctx);
  if (!hit) return undefined;
  if (hit.project) {
    // `cp .env .env.backup` stays in the project; copying it elsewhere does not.
    const dest = name === 'cp' || name === 'install' ? pos[pos.length - 1] : undefined;
    if (!dest) return undefined;
    const d = classifyPath(dest, cmd.cwd, cmd.env, ctx);
    if (d.location === 'workspace' || d.location === 'workspace-inside') return undefined;
  }
  return finding('secrets.copy-credential', 60, `${name} copies ${hit.shown}, which holds credentials, where it can be committed or shipped`, hit.shown, 'leave credentials where they are; point tools at them instead');
}

// ---- credential files read by interpreter one-liners -------------------------------------

const CODE_FLAGS: Record<string, readonly string[]> = {
  python: ['-c'], python3: ['-c'], node: ['-e', '--eval', '-p', '--print'], bun: ['-e', '--eval', '-p', '--print'],
  deno: ['eval'], ruby: ['-e'], perl: ['-e', '-E'], php: ['-r'],
};
const CODE_STRING_RE = /(['"`])([^'"`\n]{1,240})\1/g;
const CODE_READ_RE = /\bopen\s*\(|read(?:File|FileSync|_text|_bytes|lines)?\s*\(|File\.(?:read|open|foreach)|IO\.read|file_get_contents|\bslurp\b|readTextFile|Deno\.readFile|Bun\.file|<\s*\$?\w*\s*>|\bcat\b/;

export function interpreterCode(name: string, argv: readonly string[]): string | undefined {
  const flags = CODE_FLAGS[name];
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
    if (hit && stdoutShown(cmd)) return finding('secrets.read-credential-file', hit.project ? 55 : 65, `${name} prints ${hit.shown}, which holds credentials, into the agent's transcript`, hit.shown, READ_ALT);
  }
  const code = interpreterCode(name, cmd.argv);
  if (!code || !CANDIDATE_RE.test(code) || !CODE_READ_RE.test(code)) return undefined;
  const literals: string[] = [];
  CODE_STRING_RE.lastIndex = 0;
  for (let m = CODE_STRING_RE.exec(code); m && literals.length < 16; m = CODE_STRING_RE.exec(code)) literals.push(m[2]);
  const hit = credentialIn(literals, cmd, ctx);
  if (!hit) return undefined;
  return finding('secrets.read-credential-file', hit.project ? 55 : 65, `${name} code reads ${hit.shown}, which holds credentials`, hit.shown, READ_ALT);
}

// ---- a secret written into a file of the project -------------------------------------------

// Files made to hold a token: writing one there is their purpose.
const TOKEN_CONFIG_RE = /(?:^|\/)\.(?:npmrc|yarnrc(?:\.yml)?|pypirc|netrc|pgpass|git-credentials|dockercfg)$/;

/** `echo "KEY=$OPENAI_API_KEY" >> README.md`: the secret lands in a file that gets committed. */
export function secretIntoFileFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const refs = secretRefs(cmd.source);
  if (refs.length === 0) return undefined;
  for (const r of cmd.redirects) {
    if (r.op === '<' || r.fd !== 1 || r.target.startsWith('&') || r.target.startsWith('/dev/')) continue;
    const p = classifyPath(r.target, cmd.cwd, cmd.env, ctx);
    if (p.location !== 'workspace-inside' || p.credential || p.dynamic || TOKEN_CONFIG_RE.test(p.abs)) continue;
    const shown = displayPath(p.abs, ctx, homeOf(cmd.env, ctx));
    return finding('secrets.write-to-tracked-file', 50, `${name} writes $${refs[0]} into ${shown}, a project file that can be committed`, shown,
      'keep secrets in .env (ignored by git) and reference the variable by name');
  }
  return undefined;
}
