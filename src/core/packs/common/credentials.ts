// Which words of a command name a credential file: per-user key stores
// (`~/.ssh`, `~/.aws`, …), project `.env` files and the globs that pick them
// up, and what a word reaches on disk (a symlink to a key, a glob matching
// one). Read by the secrets pack and by identity's CI checks.
import { classifyPath, displayPath, homeOf, isEnvFile, resolveWord, type PathInfo } from '../../command/paths';
import { expandGlob, isGlob } from '../../command/glob';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { candidateWord } from './firstLooks';

// Per-user stores whose every file (keys, tokens) is secret; a glob or directory there is too.
const STORES = [
  '.ssh',
  '.aws',
  '.gnupg',
  '.kube',
  '.docker',
  '.config/gcloud',
  '.azure',
  '.password-store',
  // GitHub CLI's and Copilot's OAuth tokens (hosts.yml, apps.json), the desktop keyring's files.
  '.config/gh',
  '.config/github-copilot',
  '.local/share/keyrings',
];
const STORE_RE = new RegExp(`^(?:${STORES.map((s) => s.replace(/[.]/g, '\\.')).join('|')})(?:/|$)`);
const PUBLIC_IN_STORE_RE = /(?:\.pub|\/known_hosts[^/]*|\/config|\/authorized_keys)$/;

// `.env*`, `.env.*`, `*.env`: a glob that picks up the real env files along with any template.
const ENV_GLOB_RE = /^(?:\.env(?:[.*?[].*)?|\*+\.env)$/;

export interface CredentialOptions {
  /** A folder holding a key store counts as one (`~/.config` holds `~/.config/gh`): for what leaves the machine whole. */
  holders?: boolean;
}

function isCredential(p: PathInfo, home: string, opts?: CredentialOptions): boolean {
  if (p.credential) return true;
  if (p.glob && p.pattern !== undefined && ENV_GLOB_RE.test(p.pattern)) {
    const literal = p.pattern.replace(/[*?[\]]+/g, '');
    if (isEnvFile(literal.endsWith('.') ? literal + 'x' : literal)) return true;
  }
  const at = p.glob ? p.base + '/' + (p.pattern ?? '*') : p.abs;
  if (!at.startsWith(home + '/')) return false;
  const rel = at.slice(home.length + 1).replace(/\/+$/, '');
  if (opts?.holders && rel && !p.glob && !p.fileLike && STORES.some((s) => s.startsWith(rel + '/'))) return true;
  if (!STORE_RE.test(rel)) return false;
  // `cat ~/.ssh/id_ed25519.pub` hands out a public key; `~/.ssh/config` holds host names.
  if (PUBLIC_IN_STORE_RE.test(at)) return false;
  // The store folder itself or a glob in it (named key files are already `p.credential`).
  return p.glob || !p.fileLike;
}

export interface CredHit {
  word: string;
  shown: string;
  /** A project `.env`-style file, not a per-user key store. */
  project: boolean;
  /** For a file the line wrote a credential into earlier: what it holds. */
  holds?: string;
}

// Words that could name a credential at all (macOS keychains and Windows' AppData stores included): candidateWord
// (firstLooks.ts). The rest skip path classification (the hot path reads `cat package.json`).

/** The key a line's staged files carry once more files hold a credential than are remembered (secrets/staged.ts). */
export const STAGED_PAST_BOUND = '\0past the bound';

export function credentialIn(
  words: readonly string[],
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  opts?: CredentialOptions,
): CredHit | undefined {
  const home = homeOf(cmd.env, ctx);
  // Inside a key store every relative name is a candidate.
  const cwdInStore = cmd.cwd.startsWith(home + '/.');
  let looked = 0;
  let keyReads = 0;
  for (const w of words) {
    if (!w || w === '-') continue;
    // Past the files remembered (STAGED_PAST_BOUND), any file may be one holding a credential.
    const staged =
      ctx.staged?.size && !/[$`]/.test(w)
        ? (ctx.staged.get(resolveWord(w, cmd.cwd, home).abs) ?? ctx.staged.get(STAGED_PAST_BOUND))
        : undefined;
    if (staged) {
      const shown = `${w} (holding ${staged}, written earlier on this line)`;
      return { word: w, shown, project: false, holds: staged };
    }
    if (GIT_CONFIG_RE.test(w) && !/[$`*?[]/.test(w)) {
      const p = classifyPath(w, cmd.cwd, cmd.env, ctx);
      if (gitConfigHoldsCredential(p.abs, cmd.cwd, ctx)) return hitOf(w, p, ctx, home);
    }
    if (JSON_FILE_RE.test(w) && !/[$`*?[]/.test(w) && keyReads++ < MAX_KEY_READS) {
      const p = classifyPath(w, cmd.cwd, cmd.env, ctx);
      if (holdsPrivateKey(p.abs, cmd.cwd, ctx)) return hitOf(w, p, ctx, home);
    }
    if (cwdInStore || candidateWord(w)) {
      const p = classifyPath(w, cmd.cwd, cmd.env, ctx);
      if (p.dynamic && !p.glob) continue;
      if (isCredential(p, home, opts)) return hitOf(w, p, ctx, home);
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

/** A repository's or the user's git settings: `.git/config`, `~/.gitconfig`, `.git/modules/x/config`. */
const GIT_CONFIG_RE = /(?:^|\/)(?:\.git\/(?:modules\/.+\/)?config|\.gitconfig|\.git\/config\.worktree)$/;
/** A remote URL with a password or token (`https://user:TOKEN@host`), a credential section, an auth header. */
const GIT_SECRET_RE = /[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:[^\s/@]+@|^\s*\[credential\b|^\s*extraheader\s*=/im;

/**
 * Git settings hold credentials only sometimes: a token pasted into a remote
 * URL, an `http.extraheader` with a bearer token. Read from disk; one that
 * exists but cannot be read (too large, no permission) counts.
 */
function gitConfigHoldsCredential(abs: string, cwd: string, ctx: AnalysisContext): boolean {
  const text = ctx.readFile(abs, cwd);
  if (text === undefined) return ctx.realpath?.(abs) !== undefined;
  return GIT_SECRET_RE.test(text);
}

/**
 * A JSON key file under any name: a Google Cloud service account key (`"type": "service_account"`,
 * `"private_key": "-----BEGIN PRIVATE KEY-----…"`) is often saved as `prod.json` or `key.json`. Read from disk.
 */
const JSON_FILE_RE = /\.json$/i;
const PRIVATE_KEY_JSON_RE = /"private_key"\s*:\s*"[^"\s]/;
/** JSON files of one command read for a key; the name alone judges the rest. */
const MAX_KEY_READS = 4;

function holdsPrivateKey(abs: string, cwd: string, ctx: AnalysisContext): boolean {
  const text = ctx.readFile(abs, cwd);
  return text !== undefined && text.includes('"private_key"') && PRIVATE_KEY_JSON_RE.test(text);
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
    if ('tooMany' in x)
      return { word, shown: `${word} (more files than AgentGuard reads before a command runs)`, project: false };
    // Names first (a cheap test), then whatever a symlink leads to.
    for (const m of x.matches) if (m.link || candidateWord(m.path)) paths.push(m.path);
    if (paths.length > MAX_REACHED)
      return { word, shown: `${word} (more files than AgentGuard reads before a command runs)`, project: false };
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
