// Where a path word points and what lives there. Packs judge a delete, write
// or read by *what* it hits (the filesystem root, HOME, a system directory,
// the workspace, a build output, a database file, a backup, credentials), so
// every word goes through one resolver and one classifier.
import type { AnalysisContext } from '../types';
import {
  CMD_VAR_RE,
  homeRelative,
  isWindowsCwd,
  isWindowsPath,
  PLATFORM_CREDENTIAL_RE,
  resolveWindows,
  toSlashForm,
  windowsVariablePath,
  windowsWord,
} from './winPaths';
import { REGENERABLE_RE } from './regenerable';
import { ARRAY_SEP, RUN_TIME_CD, UNKNOWN } from '../text/runTimeMarks';
import { type PathLocation, type PathInfo } from './pathInfo';
import { within, locate } from './locations';
export { locate } from './locations';
export { type PathInfo } from './pathInfo';
export { isRegenerablePath } from './regenerable';
export { windowsWord } from './winPaths';

// Unresolved expansions: `$X`, `${X}`, `$(…)`, backticks.
const DYNAMIC_RE = /[$`]/;
const GLOB_RE = /[*?[]/;
// `$TMPDIR/…`, `${TMPDIR}/…`, `${TMPDIR:-/tmp}/…`, also TMP and TEMP: temp even when the variable is unknown.
const TEMP_VAR_RE = /^(?:\$(?:TMPDIR|TMP|TEMP)\b|\$\{(?:TMPDIR|TMP|TEMP)(?::?-([^}]*))?\})(\/.*)?$/;
const MKTEMP_RE = /^\$\(mktemp(?: [^)]*)?\)(\/[^$`]*)?$/;
// `mktemp -p DIR` / `--tmpdir=DIR` create elsewhere than the temp dir.
const MKTEMP_ELSEWHERE_RE = /\s(?:-[a-zA-Z]*p|--tmpdir)\b/;
const TEMP_NAMED_VAR_RE =
  /^\$\{?(?:[A-Za-z0-9]*_)?(?:tmp|temp|TMP|TEMP|Tmp|Temp)(?:_?(?:dir|DIR|Dir|path|PATH|root|ROOT|d|D))?\}?(\/[^$`]*)?$/;
const HOME_VAR_RE = /^(?:\$HOME\b|\$\{HOME\})(\/.*)?$/;
const PWD_VAR_RE = /^(?:\$PWD\b|\$\{PWD\})(\/.*)?$/;

/** HOME as the command sees it: its env first, then the context's (on Windows, USERPROFILE). */
export function homeOf(env: Record<string, string> | undefined, ctx: AnalysisContext): string {
  if (ctx.windows) {
    const u = env?.USERPROFILE;
    return u && isWindowsPath(u) ? toSlashForm(u) : ctx.home;
  }
  const h = env?.HOME;
  return h && h.startsWith('/') ? h : ctx.home;
}

function resolveWindowsWord(word: string, cwd: string, home: string): Resolved {
  let w = word.replace(/\\/g, '/');
  let tempVar = false;
  if (w === '~' || w.startsWith('~/')) w = home + w.slice(1);
  const v = windowsVariablePath(w, home);
  if (v) {
    w = v.path;
    tempVar = v.temp;
  } else if (isWindowsCwd(cwd)) {
    const m = PWD_VAR_RE.exec(w);
    if (m) w = cwd + (m[1] ?? '');
  }
  if (DYNAMIC_RE.test(w) || CMD_VAR_RE.test(w)) return { abs: w, dynamic: true, tempVar };
  return {
    abs: isWindowsCwd(cwd) || isWindowsPath(w) ? resolveWindows(cwd, w) : resolvePath(cwd, w),
    dynamic: false,
    tempVar,
  };
}

export interface Resolved {
  /** Absolute path; the word itself when `dynamic` and no prefix could be resolved. */
  abs: string;
  dynamic: boolean;
  /** The word starts with a temp variable followed by a path (`$TMPDIR/build`). */
  tempVar: boolean;
}

/**
 * `~user/…`: an account's home. The one whose name ends the home's path is this account's (`cd ~alice` is `cd ~`);
 * root's is /root, the others live under /home.
 */
function userHome(w: string, home: string): string | undefined {
  const slash = w.indexOf('/');
  const user = w.slice(1, slash === -1 ? undefined : slash);
  if (!/^[a-z_][a-z0-9_-]*$/i.test(user)) return undefined;
  const base = user === home.slice(home.lastIndexOf('/') + 1) ? home : user === 'root' ? '/root' : '/home/' + user;
  return base + (slash === -1 ? '' : w.slice(slash));
}

/** Resolves `~`, `$HOME`, `$PWD`, temp variables and relative words against `cwd`. */
export function resolveWord(word: string, cwd: string, home: string): Resolved {
  if (windowsWord(word, cwd)) return resolveWindowsWord(word, cwd, home);
  let w = word;
  let tempVar = false;
  if (w === '~' || w.startsWith('~/')) w = home + w.slice(1);
  else if (w.startsWith('~')) w = userHome(w, home) ?? w;
  else if (w[0] === '$') {
    let m = HOME_VAR_RE.exec(w);
    if (m) w = home + (m[1] ?? '');
    else if ((m = PWD_VAR_RE.exec(w))) w = cwd + (m[1] ?? '');
    else if ((m = TEMP_VAR_RE.exec(w))) {
      const rest = m[2] ?? '';
      const fallback = m[1] && m[1].startsWith('/') ? m[1] : '/tmp';
      // Only `$TMPDIR/something` is safely temp: a bare `$TMPDIR/` is `/` when the variable is empty.
      if (rest.length > 1 && !DYNAMIC_RE.test(rest)) {
        tempVar = true;
        w = fallback + rest;
      } else if (m[1] && m[1].startsWith('/') && rest.length <= 1) {
        tempVar = true;
        w = fallback;
      }
    } else if ((m = MKTEMP_RE.exec(w)) && !MKTEMP_ELSEWHERE_RE.test(w)) {
      // `d=$(mktemp -d); rm -rf "$d"`: whatever mktemp made lives in the temp dir.
      tempVar = true;
      w = '/tmp/mktemp' + (m[1] ?? '');
    } else if ((m = TEMP_NAMED_VAR_RE.exec(w)) && (m[1] === undefined || m[1].length > 1)) {
      // `$tmpdir`, `${TEMP_DIR}/out`: a variable the author named temp. Never `$tmp/` alone (empty → `/`).
      tempVar = true;
      w = '/tmp/' + w.replace(/^\$\{?|\}?(?:\/.*)?$/g, '') + (m[1] ?? '');
    }
  }
  if (DYNAMIC_RE.test(w)) return { abs: w, dynamic: true, tempVar };
  return { abs: resolvePath(cwd, w), dynamic: false, tempVar };
}

// `//`, a `.` or `..` segment, or a trailing `/`: only then is a segment walk needed (cwd is already clean).
const NEEDS_NORMALIZE_RE = /\/\/|(?:^|\/)\.\.?(?:\/|$)|.\/$/;

/** `path.resolve(cwd, word)` for an absolute, normalized `cwd`, without its cost on already-clean words. */
export function resolvePath(cwd: string, word: string): string {
  if (word === '') return cwd;
  const clean = !NEEDS_NORMALIZE_RE.test(word);
  const p = word[0] === '/' ? word : cwd === '/' ? '/' + word : cwd + '/' + word;
  if (clean) return p;
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/** Where `cd WORD` leads from `cwd`: Windows semantics for a Windows working directory or path, POSIX otherwise. */
export function resolveShellPath(cwd: string, word: string, home: string): string {
  let w = word;
  if (w === '~' || w.startsWith('~/') || w.startsWith('~\\')) w = home + '/' + w.slice(2);
  else if (w.startsWith('~')) w = userHome(w, home) ?? w;
  const win = windowsVariablePath(w, home);
  if (win) w = win.path;
  if (isWindowsCwd(cwd) || isWindowsPath(w)) return resolveWindows(cwd, w);
  return resolvePath(cwd, w);
}
const BAK_HINT_RE = /bac?k/i;
// Credential names without a dot; everything else in CREDENTIAL_NAME_RE has one.
const CREDENTIAL_BARE_RE =
  /^(?:id_|_netrc$|credentials$|shadow$|gshadow$|environ$|Cookies$|Login Data|Web Data$|fish_history$)/;
const VCS_RE = /(?:^|\/)(?:\.git|\.hg|\.svn|\.bzr|_darcs|\.jj|\.fossil)(?:\/|$)/;
// A segment named backup(s), with backup as a word in it (`db-backup-2024`), or ending in .bak.
const BACKUP_RE = /(?:^|[/._-])backups?(?:[/._-]|$)|(?:^|\/)bak(?:\/|$)|\.bak(?:\/|$)/i;
const DATA_EXT_RE =
  /\.(?:db|sqlite|sqlite3|db3|s3db|sl3|duckdb|mdb|accdb|frm|ibd|myd|myi|mdf|ldf|ndf|rdb|aof|dbf|realm|kdbx|tfstate)(?:-(?:wal|shm|journal))?$/i;
const SOURCE_EXT_RE =
  /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs|vue|svelte|astro|py|rb|go|rs|java|kt|kts|scala|groovy|c|h|cc|cpp|cxx|hpp|hh|cs|fs|swift|m|mm|php|sql|prisma|graphql|gql|proto|sh|bash|zsh|ps1|ex|exs|erl|hrl|hs|ml|clj|cljs|lua|dart|r|pl|pm|tf|hcl|css|scss|sass|less|html|md|mdx|json|yaml|yml|toml|ipynb)$/i;
// Names that hold secrets wherever they are.
const CREDENTIAL_NAME_RE =
  /^(?:id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?|.*\.(?:pem|key|p12|pfx|jks|keystore|ppk|tfstate|tfstate\.backup)|\.netrc|_netrc|\.pgpass|\.my\.cnf|\.git-credentials|\.vault-token|\.htpasswd|\.boto|\.s3cfg|\.dockercfg|\.credentials\.json|credentials(?:\.json|\.toml|\.ya?ml)?|application_default_credentials\.json|access_tokens\.db|.*[sS]ervice[-_]?[aA]ccount.*\.json|.*firebase-adminsdk.*\.json|(?:.*[-_.])?sa(?:[-_]key)?\.json|client_secret.*\.json|\.pypirc|\.dev\.vars(?:\.(?!example$|sample$|template$)[\w-]+)?|(?:terraform|.*\.auto)\.tfvars(?:\.json)?|\.databrickscfg|\.sentryclirc|secrets?\.(?:ya?ml|json|toml|env)|master\.key|\.envrc|shadow|gshadow|environ|\.(?:bash|zsh|sh|ksh|psql|mysql|python|node_repl|sqlite|rediscli|irb|pry|lesshst|php)_history|\.history|\.zhistory|fish_history|ConsoleHost_history\.txt|Cookies|Cookies\.binarycookies|cookies\.sqlite|Login Data(?: For Account)?|Web Data|logins\.json|key[34]\.db|signons\.sqlite)$/;
// Names that hold secrets only in a per-user config directory (a workspace `.npmrc` usually holds `${NPM_TOKEN}`;
// `.pypirc` expands no variables, so one in a project holds the password itself and is named anywhere).
const HOME_CREDENTIAL_RE =
  /^(?:\.npmrc|\.aws\/credentials|\.aws\/(?:cli|sso)\/cache\/[^/]+\.json|\.supabase\/access-token|\.local\/share\/com\.vercel\.cli\/auth\.json|\.config\/hcloud\/cli\.toml|\.(?:config\/)?netlify\/config\.json|\.config\/planetscale\/access-token|\.config\/stripe\/config\.toml|\.config\/configstore\/firebase-tools\.json|\.ssh\/(?!.*\.pub$)(?!known_hosts)(?!config$)(?!authorized_keys).+|\.docker\/config\.json|\.kube\/config|\.kube\/.*\.ya?ml|\.config\/gh\/hosts\.ya?ml|\.config\/gcloud\/.+|\.azure\/.+|\.gnupg\/.+|\.terraform\.d\/credentials\.tfrc\.json|\.cargo\/credentials(?:\.toml)?|\.gem\/credentials|\.railway\/config\.json|\.config\/railway\/.+|\.fly\/config\.ya?ml|\.config\/doctl\/config\.ya?ml|\.composer\/auth\.json|\.config\/hub|\.password-store\/.+|\.codex\/auth\.json|\.local\/share\/keyrings\/.+|\.config\/github-copilot\/(?:hosts|apps)\.json)$/;
const ENV_FILE_RE = /^(?:\.env(?:\..+)?|.+\.env)$/;
// `.env.test` and friends configure the test run and are committed by convention (Symfony, Next.js): no secrets there.
const ENV_TEMPLATE_RE =
  /(?:^|\.)(?:example|sample|template|tpl|dist|defaults?|schema|test\.example|test|testing|ci|e2e)(?:\.|$)/i;

/** True for `.env`, `.env.production`, `prod.env`; false for `.env.example` and other templates. */
export function isEnvFile(name: string): boolean {
  return ENV_FILE_RE.test(name) && !ENV_TEMPLATE_RE.test(name.replace(/^\.env/, ''));
}

function isAllGlob(seg: string): boolean {
  // `*`, `.*`, `**`, `*.*`, `.??*`, `.[!.]*`: no literal name characters at all.
  return GLOB_RE.test(seg) && /^[*?.[\]!^]+$/.test(seg);
}

/** Secrets mounted into containers and pods: `/run/secrets/db_password`, the service account token. */
function isMountedSecret(abs: string): boolean {
  return within(abs, '/run/secrets') || within(abs, '/var/run/secrets');
}

function credentialFor(abs: string, name: string, home: string): boolean {
  if (isMountedSecret(abs)) return true;
  if (CREDENTIAL_NAME_RE.test(name) || isEnvFile(name)) {
    // `shadow`/`environ` only mean secrets in their system places.
    if (name === 'shadow' || name === 'gshadow') return abs.startsWith('/etc/');
    if (name === 'environ') return abs.startsWith('/proc/');
    return true;
  }
  // Per-user stores are dot-folders right under HOME, or in the Windows and macOS per-user folders.
  const rel = homeRelative(abs, home);
  if (rel === undefined) return false;
  return rel.charCodeAt(0) === 46 ? HOME_CREDENTIAL_RE.test(rel) : PLATFORM_CREDENTIAL_RE.test(rel);
}

/** Resolves and classifies one path word as `cmd` would see it. */
/**
 * A word in a folder a `cd` reached by a word known only at run time (`cd "$d"`, RUN_TIME_CD), relative or already
 * resolved against it: the same word below that one, so `rm -f todo.txt` there is judged as `rm -f "$d"/todo.txt`
 * is (`$d` may be any absolute folder), not as a file of the folder the line started in.
 */
function belowRunTimeCd(word: string, cwd: string, env: Record<string, string> | undefined): string {
  const cd = env && Object.prototype.hasOwnProperty.call(env, RUN_TIME_CD) ? env[RUN_TIME_CD] : undefined;
  if (cd === undefined) return word;
  const [at, from] = cd.split(ARRAY_SEP);
  if (at !== cwd || from === undefined) return word;
  if (word === at || word.startsWith(at + '/')) return from + word.slice(at.length);
  return /^[/~$`]/.test(word) || word.startsWith(UNKNOWN) ? word : `${from}/${word}`;
}

export function classifyPath(
  word: string,
  cwd: string,
  env: Record<string, string> | undefined,
  ctx: AnalysisContext,
): PathInfo {
  const home = homeOf(env, ctx);
  word = belowRunTimeCd(word, cwd, env);
  const r = resolveWord(word, cwd, home);
  const abs = r.abs;
  let base = abs;
  let everything = false;
  let pattern: string | undefined;
  let glob = false;

  // A Windows word is read with `/` for `\\` and its folder variables replaced (`$USERPROFILE/x/$y`).
  const spelled = windowsWord(word, cwd) ? (r.dynamic ? r.abs : word.replace(/\\/g, '/')) : word;
  if (r.dynamic) {
    // `dist/$VERSION`: judge the static prefix; a bare `$DIR` leaves nothing to judge.
    const cut = spelled.search(DYNAMIC_RE);
    const slash = spelled.lastIndexOf('/', cut);
    base = '';
    if (slash >= 0) {
      const pr = resolveWord(spelled.slice(0, slash) || '/', cwd, home);
      if (!pr.dynamic) base = pr.abs;
    }
    const last = spelled.slice(spelled.lastIndexOf('/') + 1);
    // `$DIR/node_modules` still names node_modules; `dist/$V` may be anything below dist, or dist itself.
    if (last && !DYNAMIC_RE.test(last) && !GLOB_RE.test(last)) pattern = last;
    else everything = true;
  } else if (GLOB_RE.test(abs)) {
    glob = true;
    const segs = abs.split('/');
    let i = 1;
    while (i < segs.length && !GLOB_RE.test(segs[i])) i++;
    base = segs.slice(0, i).join('/') || '/';
    // `C:/*`: the drive's root.
    if (/^[A-Za-z]:$/.test(base)) base += '/';
    const rest = segs.slice(i);
    const last = rest[rest.length - 1];
    if (rest.every(isAllGlob)) everything = true;
    else pattern = last;
  }

  const location: PathLocation = base ? locate(base, ctx, home) : 'unknown';
  const info: PathInfo = {
    word,
    abs,
    dynamic: r.dynamic && !r.tempVar,
    glob,
    base,
    everything,
    pattern,
    location,
    homeChild: base !== '' && within(base, home) && base.indexOf('/', home.length + 1) === -1,
    regenerable: false,
    dataFile: false,
    backup: false,
    vcs: false,
    credential: false,
    source: false,
    fileLike: false,
  };
  if (r.tempVar && !base) info.location = 'temp';

  // Name-based traits look at the segments below the place that owns them
  // (a `logs` folder in the workspace is output; /var/log is the system's).
  const ownerRoot =
    location === 'workspace' || location === 'workspace-inside'
      ? ctx.workspace
      : location === 'home' || location === 'home-inside'
        ? home
        : location === 'temp' ||
            location === 'temp-root' ||
            location === 'outside' ||
            location === 'unknown' ||
            location === 'workspace-ancestor'
          ? ''
          : undefined;
  // A word that is nothing but a substitution (`$(ls -d ~/*)`) has no static part: the working folder it was resolved against says nothing of it.
  const full = pattern && !glob ? (base ? base + '/' + pattern : pattern) : r.dynamic && !base ? '' : abs;
  const lastSeg = full.slice(full.lastIndexOf('/') + 1);
  // A .git or `backup` folder inside node_modules is the dependency's, not the project's: traits stop at the first output folder.
  let head = full;
  if (ownerRoot !== undefined) {
    const skip =
      ownerRoot && (within(full, ownerRoot) || (ctx.windows && within(full.toLowerCase(), ownerRoot.toLowerCase())))
        ? ownerRoot.length
        : 0;
    const m = REGENERABLE_RE.exec(skip ? full.slice(skip) : full);
    if (m) {
      info.regenerable = true;
      head = full.slice(0, skip + m.index);
    }
  }
  // Package caches of the system (`/var/cache/*`, the apt lists): rebuilt by the package manager. The roots themselves are not.
  if (
    (location === 'system' || location === 'system-top') &&
    full.length > 10 &&
    (within(full, '/var/cache') || within(full, '/var/lib/apt/lists'))
  )
    info.regenerable = true;
  // Cheap character checks first: most paths have no VCS dir, no "bak", no extension.
  if (head.includes('/.') || head.includes('_darcs')) info.vcs = VCS_RE.test(head);
  if (BAK_HINT_RE.test(head)) info.backup = BACKUP_RE.test(head);
  const dot = lastSeg.lastIndexOf('.');
  if (dot > 0) {
    info.dataFile = DATA_EXT_RE.test(lastSeg) && !/^thumbs\.db$/i.test(lastSeg);
    info.source = SOURCE_EXT_RE.test(lastSeg);
    info.fileLike =
      lastSeg[0] !== '.' &&
      dot < lastSeg.length - 1 &&
      /^[A-Za-z0-9]{1,10}$/.test(lastSeg.slice(dot + 1)) &&
      !lastSeg.endsWith('.d');
  }
  info.credential =
    !glob &&
    !r.dynamic &&
    (dot >= 0 || CREDENTIAL_BARE_RE.test(lastSeg) || within(abs, home) || isMountedSecret(abs)) &&
    credentialFor(abs, lastSeg, home);
  return info;
}

// Per-user folders whose every file is a key or token.
const CREDENTIAL_STORE_RE =
  /^(?:\.ssh|\.aws|\.gnupg|\.kube|\.docker|\.config\/gcloud|\.azure|\.password-store)(?:\/|$)/;

/** `~/.ssh`, `~/.aws/…`, `~/.gnupg`, `~/Library/Keychains`: a per-user credential store or a folder in one. */
export function isCredentialStore(abs: string, home: string): boolean {
  const rel = homeRelative(abs, home);
  return (
    rel !== undefined &&
    (CREDENTIAL_STORE_RE.test(rel) ||
      /^(?:Library\/Keychains|AppData\/Roaming\/Microsoft\/(?:Credentials|Protect))(?:\/|$)/i.test(rel))
  );
}

/** The path relative to the workspace (`src/index.ts`) or to HOME (`~/x`) for messages; absolute otherwise. */
export function displayPath(abs: string, ctx: AnalysisContext, home: string = ctx.home): string {
  if (abs === ctx.workspace) return '.';
  if (within(abs, ctx.workspace)) return abs.slice(ctx.workspace.length + 1);
  if (abs === home) return '~';
  if (within(abs, home)) return '~' + abs.slice(home.length);
  // A Windows path is shown the way Windows writes it.
  if (isWindowsPath(abs)) return abs.replace(/\//g, '\\');
  return abs;
}
