// Credentials leaving their place: a credential file printed into the agent's
// transcript, a token echoed or fetched from a CLI, the environment or a key
// file sent over the network. The agent's context is logged and shipped to a
// model provider, so printing a secret there is already a leak; sending it to
// a host is an exfiltration.
//
// `.env` itself is gated like `.env.production`: it is where real API keys
// and database passwords live on a developer machine (and where the token of
// the PocketOS incident was found). Templates (`.env.example`, `.sample`,
// `.template`) are meant to be read and stay quiet. Dumping the whole
// environment (`env`, `printenv`) stays quiet too: it is everyday debugging
// and the values are the agent's own; asking for one secret by name, or
// filtering the dump for secrets, is gated.
import { hasFlag, optionValue, optionValues, positionals } from '../args';
import { classifyPath, displayPath, homeOf, isEnvFile, type PathInfo } from '../paths';
import { isLocalHost, looksLikeUrl, parseUrl } from './http/hosts';
import { readRequest } from './http/request';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';

const READ_ALT = 'reference the file from the tool that needs it instead of printing it';
const PRINT_ALT = 'use the variable where it is needed without printing it; check it is set with [ -n "$NAME" ]';
const SEND_ALT = 'never send credentials or the environment to a host; ask the user';

function finding(id: string, severity: number, summary: string, target: string, alternative?: string): Finding {
  const f: Finding = { id, severity, summary, target };
  if (alternative) f.alternative = alternative;
  return f;
}

// ---- secret variable names -------------------------------------------------

const SECRET_PART_RE = /^(?:[A-Z0-9]*TOKENS?|[A-Z0-9]*SECRETS?|[A-Z0-9]*PASSWORDS?|[A-Z0-9]*PASSWD|PASSPHRASE|CREDENTIALS?|[A-Z0-9]*APIKEY|PRIVATEKEY|COOKIE|SESSIONID)$/;
const TAIL_PART_RE = /^(?:KEY|KEYS|PAT|PWD|PASS|AUTH)$/;

/** `RAILWAY_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `DB_PASS`, `STRIPE_KEY` — not `PATH`, `PWD`, `NODE_ENV`, `*_PUBLISHABLE_KEY`. */
export function isSecretName(name: string): boolean {
  const u = name.toUpperCase();
  const parts = u.split('_').filter(Boolean);
  if (parts.length === 0) return false;
  if (parts.includes('PUBLIC') || parts.includes('PUBLISHABLE')) return false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (SECRET_PART_RE.test(p)) return true;
    // KEY/PAT/PWD/PASS count as a qualified name part (`API_KEY`, `MYSQL_PWD`), never alone (`PWD`).
    if (i > 0 && TAIL_PART_RE.test(p) && (p !== 'AUTH' || i === parts.length - 1)) return true;
  }
  return false;
}

// `$NAME`, `${NAME}`, `${NAME:-x}`; not `${#NAME}` (length) nor `${NAME:+x}` / `${NAME:0:4}`, which do not print it.
const VAR_REF_RE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)(:[+0-9 ]|\})?/g;

/** Secret variables that a command's own source expands where it is not single-quoted. */
function secretRefs(source: string): string[] {
  if (source.indexOf('$') === -1) return [];
  const text = source.replace(/'[^']*'/g, '').replace(/\\\$/g, '');
  const out: string[] = [];
  VAR_REF_RE.lastIndex = 0;
  for (let m = VAR_REF_RE.exec(text); m; m = VAR_REF_RE.exec(text)) {
    if (m[2] && m[2] !== '}' && m[2][0] === ':') continue;
    if (isSecretName(m[1])) out.push(m[1]);
  }
  return out;
}

/** Output goes to a file, not to the terminal the agent reads. */
function stdoutToFile(cmd: SimpleCommand): boolean {
  return cmd.redirects.some((r) => (r.fd === 1 || r.op === '&>' || r.op === '&>>') && r.op !== '<'
    && !r.target.startsWith('&') && r.target !== '/dev/stdout' && r.target !== '/dev/stderr' && r.target !== '/dev/tty');
}

/**
 * Output reaches the agent's transcript: not redirected to a file, and not
 * piped into or captured by a program that consumes it (`echo $TOKEN | gh auth
 * login --with-token`, `export $(cat .env | xargs)`) rather than printing it.
 */
function stdoutShown(cmd: SimpleCommand): boolean {
  if (stdoutToFile(cmd)) return false;
  const next = cmd.stdoutTo?.[0];
  return next === undefined || PRINTERS.has(next) || FILTERS.has(next) || next === 'tee';
}

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

// Words that could name a credential at all; the rest skip path classification (the hot path reads `cat package.json`).
const CANDIDATE_RE = /env|id_|\.(?:pem|key|p12|pfx|jks|keystore|ppk|tfstate|backup)$|netrc|pgpass|my\.cnf|credential|secret|token|\.ssh|\.aws|\.kube|\.docker|gcloud|\.azure|\.gnupg|npmrc|pypirc|shadow|htpasswd|boto|s3cfg|dockercfg|master\.key|account|password|\.config|\.cargo|\.gem|\.railway|\.fly|\.codex|\.terraform|history|[*?]|^~|\$HOME/i;

function credentialIn(words: readonly string[], cmd: SimpleCommand, ctx: AnalysisContext): CredHit | undefined {
  const home = homeOf(cmd.env, ctx);
  // Inside a key store every relative name is a candidate.
  const cwdInStore = cmd.cwd.startsWith(home + '/.');
  for (const w of words) {
    if (!w || w === '-' || (!cwdInStore && !CANDIDATE_RE.test(w))) continue;
    const p = classifyPath(w, cmd.cwd, cmd.env, ctx);
    if (p.dynamic && !p.glob) continue;
    if (isCredential(p, home)) {
      const shown = p.glob ? w : displayPath(p.abs, ctx, home);
      const project = p.location === 'workspace-inside' || p.location === 'workspace' || p.location === 'temp';
      return { word: w, shown, project };
    }
  }
  return undefined;
}

function inputRedirects(cmd: SimpleCommand): string[] {
  const out: string[] = [];
  for (const r of cmd.redirects) if (r.op === '<' || r.op === '<>') out.push(r.target);
  return out;
}

// Programs that print what they read.
const PRINTERS = new Set(['cat', 'bat', 'batcat', 'less', 'more', 'most', 'head', 'tail', 'nl', 'tac', 'od', 'xxd', 'hexdump', 'hd', 'strings', 'base64', 'base32', 'basenc', 'uuencode', 'cut', 'sort', 'uniq', 'column', 'fold', 'rev', 'diff', 'sdiff', 'colordiff', 'paste', 'expand', 'pr', 'fmt', 'iconv', 'dos2unix', 'view', 'zcat', 'bzcat', 'xzcat', 'openssl']);
// Programs whose first positional is a pattern or a script, not a file.
const FILTERS = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'awk', 'gawk', 'mawk', 'sed', 'gsed', 'jq', 'yq', 'gojq']);
const FILTER_VALUE_OPTS = ['-e', '--regexp', '-f', '--file', '-m', '--max-count', '-A', '-B', '-C', '--context', '-g', '--glob', '-t', '--type', '-F', '-v', '--arg', '--argjson', '-o', '--output-format', '--include', '--exclude', '--exclude-dir'];
// Copying or archiving moves a credential somewhere it may be committed or shipped.
const COPIERS = new Set(['cp', 'tar', 'zip', '7z', 'gpg', 'install']);
// Programs that send data to another host.
const SENDERS = new Set(['curl', 'wget', 'nc', 'ncat', 'netcat', 'socat', 'telnet', 'http', 'https', 'xh', 'xhs', 'httpie']);
const REMOTE_COPIERS = new Set(['scp', 'rsync', 'sftp']);

/** A command that only shows what it was given; quiet flags mean nothing is printed. */
function printsMatches(name: string, argv: readonly string[]): boolean {
  if (name === 'grep' || name === 'egrep' || name === 'fgrep' || name === 'rg' || name === 'ag' || name === 'ack') {
    return !hasFlag(argv, ['-c', '--count', '-l', '--files-with-matches', '-L', '--files-without-match', '-q', '--quiet', '--silent']);
  }
  if (name === 'sed' || name === 'gsed') return !hasFlag(argv, ['-i', '--in-place']);
  if (name === 'openssl') return argv.some((a) => a === 'rsa' || a === 'pkey' || a === 'ec' || a === 'enc') && !hasFlag(argv, ['-pubout', '-noout']);
  return true;
}

function filterFiles(argv: readonly string[]): string[] {
  const pos = positionals(argv, FILTER_VALUE_OPTS);
  // With -e/-f (or --regexp) every positional is a file; otherwise the first is the pattern or script.
  const patternGiven = optionValue(argv, ['-e', '--regexp', '-f', '--file']) !== undefined;
  return patternGiven ? pos : pos.slice(1);
}

function readFindings(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
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

function copyFindings(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
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

// ---- tokens printed by CLIs ----------------------------------------------------

function tokenCliFinding(name: string, argv: readonly string[]): Finding | undefined {
  const a1 = argv[1];
  const a2 = argv[2];
  const alt = 'let the tool authenticate itself instead of printing the credential';
  const tok = (what: string, sev = 60) => finding('secrets.print-token', sev, `${what} prints a credential into the agent's transcript`, argv.slice(0, 3).join(' '), alt);
  switch (name) {
    case 'gh':
      if (a1 === 'auth' && a2 === 'token') return tok('gh auth token');
      if (a1 === 'auth' && a2 === 'status' && hasFlag(argv, ['-t', '--show-token'])) return tok('gh auth status --show-token');
      return undefined;
    case 'aws':
      if (a1 === 'configure' && a2 === 'get' && /secret|token|access_key/i.test(argv[3] ?? '')) return tok(`aws configure get ${argv[3]}`);
      // Creating a key or assuming a role prints the new secret key and session token.
      if (a1 === 'iam' && a2 === 'create-access-key') return tok('aws iam create-access-key');
      if (a1 === 'sts' && (a2 === 'assume-role' || a2 === 'assume-role-with-web-identity' || a2 === 'get-federation-token')) return tok(`aws sts ${a2}`, 50);
      if (a1 === 'configure' && a2 === 'export-credentials') return tok('aws configure export-credentials');
      if (a1 === 'secretsmanager' && a2 === 'get-secret-value') return tok('aws secretsmanager get-secret-value');
      if (a1 === 'ssm' && /^get-parameters?(?:-by-path)?$/.test(a2 ?? '') && hasFlag(argv, ['--with-decryption'])) return tok(`aws ssm ${a2} --with-decryption`);
      if (a1 === 'sts' && a2 === 'get-session-token') return tok('aws sts get-session-token', 50);
      return undefined;
    case 'gcloud': {
      const rest = argv.slice(1).filter((w) => !w.startsWith('-')).join(' ');
      if (/^auth (?:application-default )?print-(?:access|identity)-token/.test(rest)) return tok(`gcloud ${rest}`);
      if (/^secrets versions access/.test(rest)) return tok('gcloud secrets versions access');
      return undefined;
    }
    case 'az':
      if (a1 === 'account' && a2 === 'get-access-token') return tok('az account get-access-token');
      if (a1 === 'ad' && a2 === 'sp' && (argv[3] === 'create-for-rbac' || (argv[3] === 'credential' && argv[4] === 'reset'))) return tok(`az ad sp ${argv[3]}`);
      if (a1 === 'keyvault' && a2 === 'secret' && argv[3] === 'show') return tok('az keyvault secret show');
      if (a1 === 'storage' && a2 === 'account' && argv[3] === 'keys' && argv[4] === 'list') return tok('az storage account keys list');
      return undefined;
    case 'heroku':
      if (a1 === 'auth:token') return tok('heroku auth:token');
      // `heroku config` lists every config var with its value; `config:get NAME` prints one.
      if (a1 === 'config' || a1 === 'config:get' || a1 === 'pg:credentials:url' || a1 === 'redis:credentials') return tok(`heroku ${a1}`);
      return undefined;
    case 'railway':
      // `railway variables` prints every variable of the service, values included; `--set` changes them.
      if ((a1 === 'variables' || a1 === 'variable' || a1 === 'vars') && !hasFlag(argv, ['-s', '--set']) && (a2 === undefined || a2.startsWith('-') || a2 === 'list')) return tok(`railway ${a1}`);
      return undefined;
    case 'netlify':
      if (a1 === 'env:get' || a1 === 'env:list') return tok(`netlify ${a1}`, 55);
      return undefined;
    case 'firebase':
      if (a1 === 'functions:config:get' || a1 === 'functions:secrets:access') return tok(`firebase ${a1}`, 55);
      return undefined;
    case 'sops':
      // Decrypting to stdout prints every secret; in place (-i) or to a file (--output) it does not.
      if (hasFlag(argv, ['-d', '--decrypt']) && !hasFlag(argv, ['-i', '--in-place']) && optionValue(argv, ['--output']) === undefined) return tok('sops --decrypt', 55);
      return undefined;
    case 'ansible-vault':
      if (a1 === 'view' || (a1 === 'decrypt' && optionValue(argv, ['--output']) === '-')) return tok(`ansible-vault ${a1}`, 55);
      return undefined;
    case 'docker':
    case 'podman': {
      // `docker inspect -f '{{.Config.Env}}' app`: the container's environment, secrets included.
      const sub = a1 === 'container' || a1 === 'image' ? a2 : a1;
      if (sub !== 'inspect') return undefined;
      const format = optionValue(argv, ['-f', '--format']) ?? '';
      return /\.Config\.Env|\.Env\b/.test(format) ? tok(`${name} inspect --format ${format}`, 55) : undefined;
    }
    case 'rails':
      if (a1 === 'credentials:show' || a1 === 'encrypted:show') return tok(`rails ${a1}`, 55);
      return undefined;
    case 'fly':
    case 'flyctl':
      if (a1 === 'auth' && a2 === 'token') return tok(`${name} auth token`);
      return undefined;
    case 'npm':
    case 'pnpm':
    case 'yarn':
      if (a1 === 'token' && a2 === 'create') return tok(`${name} token create`, 50);
      return undefined;
    case 'op':
      if (a1 === 'read' || (a1 === 'item' && a2 === 'get' && (hasFlag(argv, ['--reveal']) || optionValue(argv, ['--fields']) !== undefined))) return tok(`op ${a1}`);
      return undefined;
    case 'vault':
      if ((a1 === 'kv' && a2 === 'get') || a1 === 'read') return tok(`vault ${a1}${a1 === 'kv' ? ' get' : ''}`, 55);
      return undefined;
    case 'bw':
      // Bitwarden: `bw get password|item|notes|totp NAME` prints the secret.
      if (a1 === 'get' && /^(?:password|item|notes|totp|attachment)$/.test(a2 ?? '')) return tok(`bw get ${a2}`);
      return undefined;
    case 'lpass':
      if (a1 === 'show') return tok('lpass show');
      return undefined;
    case 'secret-tool':
      if (a1 === 'lookup') return tok('secret-tool lookup');
      return undefined;
    case 'gopass':
      if (a1 === 'show' || a1 === 'cat' || (a1 !== undefined && !a1.startsWith('-') && !/^(?:ls|list|find|search|grep|init|insert|edit|generate|rm|mv|cp|git|help|version|sync|setup|config|recipients|mounts|audit|fsck)$/.test(a1))) return tok('gopass show', 55);
      return undefined;
    case 'pass':
      if (a1 === 'show' || (a1 !== undefined && !a1.startsWith('-') && !/^(?:ls|list|find|search|grep|init|insert|add|edit|generate|rm|mv|cp|git|help|version)$/.test(a1))) return tok('pass show', 55);
      return undefined;
    case 'security':
      if (/^find-(?:generic|internet)-password$/.test(a1 ?? '') && hasFlag(argv, ['-w', '-g'])) return tok(`security ${a1}`);
      return undefined;
    case 'kubectl': {
      const pos = positionals(argv, ['-n', '--namespace', '--context', '-l', '--selector', '-o', '--output', '--kubeconfig', '--cluster', '--user', '-f', '--filename']);
      const output = optionValue(argv, ['-o', '--output']) ?? '';
      if (pos[0] === 'create' && pos[1] === 'token') return tok('kubectl create token', 50);
      if (pos[0] === 'config' && pos[1] === 'view' && hasFlag(argv, ['--raw'])) return tok('kubectl config view --raw');
      if (pos[0] === 'get' && /^secrets?(?:\/|$)/.test(pos[1] ?? '') && /^(?:ya?ml|json|jsonpath|go-template|custom-columns)/.test(output)) {
        return tok(`kubectl get ${pos[1]} -o ${output.split('=')[0]}`);
      }
      return undefined;
    }
    case 'git':
      if (a1 === 'credential' && a2 === 'fill') return tok('git credential fill');
      return undefined;
    case 'doppler':
      if (a1 === 'secrets' && (a2 === undefined || a2.startsWith('-') || a2 === 'get')) return tok(`doppler secrets${a2 === 'get' ? ' get' : ''}`, 55);
      // `secrets download` writes a file unless told to print (--no-file).
      if (a1 === 'secrets' && a2 === 'download' && hasFlag(argv, ['--no-file'])) return tok('doppler secrets download --no-file', 55);
      return undefined;
  }
  return undefined;
}

// ---- printing secret variables ------------------------------------------------

const ENV_DUMPERS = new Set(['env', 'printenv', 'set', 'export', 'declare', 'typeset', 'compgen']);

function printVarFinding(name: string, cmd: SimpleCommand): Finding | undefined {
  if (name === 'printenv') {
    const names = positionals(cmd.argv).filter(isSecretName);
    if (names.length && stdoutShown(cmd)) return finding('secrets.print-secret-var', 60, `printenv ${names[0]} prints a secret into the agent's transcript`, names[0], PRINT_ALT);
    return undefined;
  }
  if (!stdoutShown(cmd)) return undefined;
  const refs = secretRefs(cmd.source);
  if (refs.length === 0) {
    const url = connectionRefs(cmd).find((n) => carriesPassword(cmd.env[n]));
    return url ? finding('secrets.print-secret-var', 55, `${name} prints $${url}, a connection string with the database password in it, into the agent's transcript`, url, PRINT_ALT) : undefined;
  }
  return finding('secrets.print-secret-var', 60, `${name} prints $${refs[0]} into the agent's transcript`, refs[0], PRINT_ALT);
}

// `DATABASE_URL`, `REDIS_URL`, `MONGODB_URI`, `SQLALCHEMY_DATABASE_URI`, `DSN`: connection strings, which embed the password.
const CONNECTION_VAR_RE = /^(?:[A-Z0-9_]*_)?(?:DATABASE|DB|POSTGRES(?:QL)?|PG|MYSQL|MARIADB|MONGO(?:DB)?|REDIS|AMQP|RABBITMQ|CLICKHOUSE|SQLALCHEMY_DATABASE)_(?:URL|URI|DSN)$|^DSN$/;

function connectionRefs(cmd: SimpleCommand): string[] {
  if (!cmd.source.includes('$')) return [];
  const text = cmd.source.replace(/'[^']*'/g, '');
  const out: string[] = [];
  VAR_REF_RE.lastIndex = 0;
  for (let m = VAR_REF_RE.exec(text); m; m = VAR_REF_RE.exec(text)) {
    if (m[2] && m[2] !== '}' && m[2][0] === ':') continue;
    if (CONNECTION_VAR_RE.test(m[1])) out.push(m[1]);
  }
  return out;
}

/** The value is unknown here (assume the usual `user:password@host`), or it has a password in it. */
function carriesPassword(value: string | undefined): boolean {
  return value === undefined || /:\/\/[^/@\s:]*:[^/@\s]+@/.test(value);
}

const SECRET_HINT_RE = /token|secret|passw|api_?key|private|credential|key|auth|\bpat\b/i;

/** `env | grep -i token`: filtering the environment for secrets. */
function envFilterFinding(name: string, cmd: SimpleCommand): Finding | undefined {
  const from = cmd.stdinFrom;
  if (!from || !isEnvDump(from) || !FILTERS.has(name) || !printsMatches(name, cmd.argv)) return undefined;
  const pats = [...optionValues(cmd.argv, ['-e', '--regexp']), ...positionals(cmd.argv, FILTER_VALUE_OPTS).slice(0, 1)];
  const hit = pats.find((p) => SECRET_HINT_RE.test(p));
  if (!hit) return undefined;
  return finding('secrets.print-secret-var', 60, `${from[0]} | ${name} ${hit} prints secrets from the environment into the agent's transcript`, hit, PRINT_ALT);
}

/** The producer dumps the whole environment. */
function isEnvDump(from: readonly string[]): boolean {
  const n = from[0];
  if (!ENV_DUMPERS.has(n)) return false;
  if (n === 'env' || n === 'printenv') return positionals(from).filter((w) => !w.includes('=')).every(isSecretName);
  if (n === 'export') return from.length === 1 || from.includes('-p');
  if (n === 'declare' || n === 'typeset') return from.includes('-x') || from.includes('-p') || from.length === 1;
  if (n === 'compgen') return from.includes('-e') || from.includes('-v');
  return from.length === 1; // `set`
}

// ---- sending to the network ------------------------------------------------------

const CURL_DATA_OPTS = ['-d', '--data', '--data-ascii', '--data-binary', '--data-urlencode', '--json', '-F', '--form', '--form-string', '-T', '--upload-file', '-H', '--header', '-K', '--config'];
const SUBST_ENV_RE = /\$\(\s*(?:env|printenv|set|export(?:\s+-p)?|declare\s+-[px])\s*\)|`\s*(?:env|printenv|set)\s*`/;
const SUBST_READ_RE = /\$\(\s*(?:cat|base64|head|tail|xxd|gzip\s+-c)\s+([^)\s]+)\s*\)|`\s*(?:cat|base64)\s+([^`\s]+)\s*`/g;

/** The file a curl option value reads, if any: `@file` (data, header), `name@file` (urlencode), `name=@file` / `name=<file` (form). */
function curlValueFile(opt: string, v: string): string | undefined {
  if (opt === '-T' || opt === '--upload-file' || opt === '-K' || opt === '--config') return v === '.' ? '-' : v;
  if (opt === '-F' || opt === '--form') {
    const m = /^[^=]*=[@<]([^;]+)/.exec(v);
    return m ? m[1] : undefined;
  }
  if (opt === '--form-string') return undefined;
  if (v.startsWith('@')) return v.slice(1);
  if (opt === '--data-urlencode') {
    const m = /^[^=@]*@(.+)$/.exec(v);
    return m ? m[1] : undefined;
  }
  return undefined;
}

/** Whether a sender reads stdin (`-d @-`, `-T -`, httpie's piped body) and which files it attaches. */
function senderInputs(name: string, argv: readonly string[]): { stdin: boolean; files: string[] } {
  const files: string[] = [];
  let stdin = false;
  const take = (file: string | undefined) => {
    if (file === undefined) return;
    if (file === '-' || file === '/dev/stdin') stdin = true;
    else files.push(file);
  };
  if (name === 'curl') {
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      for (const o of CURL_DATA_OPTS) {
        let v: string | undefined;
        if (a === o) v = argv[i + 1];
        else if (o.startsWith('--') ? a.startsWith(o + '=') : a.startsWith(o) && a.length > 2 && !a.startsWith('--')) v = a.slice(o.startsWith('--') ? o.length + 1 : 2);
        if (v === undefined) continue;
        take(curlValueFile(o, v));
        break;
      }
    }
    return { stdin, files };
  }
  if (name === 'wget') {
    for (const v of optionValues(argv, ['--post-file', '--body-file'])) take(v);
    return { stdin, files };
  }
  if (name === 'http' || name === 'https' || name === 'xh' || name === 'xhs' || name === 'httpie') {
    // httpie sends a piped stdin as the body unless told to ignore it; `@file` / `field@file` / `field=@file` attach files.
    stdin = !hasFlag(argv, ['--ignore-stdin', '-I']);
    for (const a of positionals(argv)) {
      const m = /^(?:[^\s=@:]*(?:=|:=)?)@(.+)$/.exec(a);
      if (m) files.push(m[1]);
    }
    return { stdin, files };
  }
  // nc, socat, telnet: whatever comes on stdin goes out.
  return { stdin: true, files };
}

function credentialProducer(from: readonly string[], cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  if (isEnvDump(from)) return 'the whole environment';
  if (tokenCliFinding(from[0], from)) return `the output of ${from.slice(0, 3).join(' ')}`;
  const hit = credentialIn(from.slice(1).filter((w) => !w.startsWith('-')), cmd, ctx);
  return hit ? hit.shown : undefined;
}

type SenderInputs = ReturnType<typeof senderInputs>;

function sendFindings(name: string, cmd: SimpleCommand, ctx: AnalysisContext, inputs: SenderInputs): Finding | undefined {
  const argv = cmd.argv;
  const { stdin, files } = inputs;
  const send = (what: string) => finding('secrets.send-to-network', 85, `${name} sends ${what} to another host`, what, SEND_ALT);
  if (stdin && cmd.stdinFrom && cmd.stdin === undefined) {
    const what = credentialProducer(cmd.stdinFrom, cmd, ctx);
    if (what) return send(what);
  }
  const fileHit = credentialIn([...files, ...inputRedirects(cmd)], cmd, ctx);
  if (fileHit) return send(fileHit.shown);
  // `curl -d "$(env)"`, `curl -d "$(cat ~/.aws/credentials)"`.
  for (let i = 1; i < argv.length; i++) {
    if (!cmd.dynamic[i]) continue;
    const w = argv[i];
    if (SUBST_ENV_RE.test(w)) return send('the whole environment');
    SUBST_READ_RE.lastIndex = 0;
    for (let m = SUBST_READ_RE.exec(w); m; m = SUBST_READ_RE.exec(w)) {
      const hit = credentialIn([m[1] ?? m[2]], cmd, ctx);
      if (hit) return send(hit.shown);
    }
  }
  return undefined;
}

// ---- a secret variable sent where it does not belong --------------------------------

// The provider a credential variable belongs to, by its first name part, and words its API hosts contain.
// Registries and proxies that legitimately take many kinds of tokens (NPM, DOCKER) are left out.
const PROVIDER_HOST_WORDS: Record<string, readonly string[]> = {
  GITHUB: ['github', 'ghcr'], GH: ['github', 'ghcr'], GITLAB: ['gitlab'], BITBUCKET: ['bitbucket'],
  OPENAI: ['openai'], ANTHROPIC: ['anthropic'], CLAUDE: ['anthropic'], GEMINI: ['google'], MISTRAL: ['mistral'],
  GROQ: ['groq'], COHERE: ['cohere'], REPLICATE: ['replicate'], HF: ['huggingface', 'hf.co'], HUGGINGFACE: ['huggingface', 'hf.co'],
  STRIPE: ['stripe'], AWS: ['amazonaws', 'aws'], RAILWAY: ['railway'], VERCEL: ['vercel'], NETLIFY: ['netlify'],
  HEROKU: ['heroku'], FLY: ['fly.io', 'fly.dev', 'machines.dev'], SUPABASE: ['supabase'], NEON: ['neon'],
  CLOUDFLARE: ['cloudflare'], SLACK: ['slack'], DISCORD: ['discord'], SENTRY: ['sentry'],
  DATADOG: ['datadog'], TWILIO: ['twilio'], SENDGRID: ['sendgrid'], MAILGUN: ['mailgun'], LINEAR: ['linear'],
  DIGITALOCEAN: ['digitalocean'], RENDER: ['render'], PLANETSCALE: ['planetscale', 'psdb'], TURSO: ['turso'],
  UPSTASH: ['upstash'], PULUMI: ['pulumi'], ALGOLIA: ['algolia'], PINECONE: ['pinecone'], SHOPIFY: ['shopify'],
};
// Services that record whatever is sent to them for anyone holding the link: requests, pastes, uploads.
const COLLECTOR_HOST_RE = /(?:^|\.)(?:webhook\.site|requestbin\.[a-z.]+|pipedream\.net|hookbin\.com|beeceptor\.com|requestcatcher\.com|postb\.in|ptsv[23]\.com|mockbin\.[a-z]+|transfer\.sh|pastebin\.com|hastebin\.[a-z]+|paste\.ee|termbin\.com|0x0\.st|file\.io|ix\.io|sprunge\.us|dpaste\.[a-z]+|interact\.sh|oast\.[a-z]+|burpcollaborator\.net|canarytokens\.com)$|(?:^|[.-])(?:requestbin|webhook|paste|pastebin|collector|exfil|hookbin)(?:[.-]|$)/;

/**
 * A secret variable sent to a host that is not its provider's, and anything
 * uploaded (a file, piped output) to a paste or request-capture service.
 */
function destinationFinding(name: string, cmd: SimpleCommand, inputs: SenderInputs): Finding | undefined {
  const { stdin, files } = inputs;
  const uploads = files.length > 0 || (stdin && cmd.stdinFrom !== undefined && name !== 'nc' && name !== 'ncat' && name !== 'netcat');
  const refs = uploads || cmd.source.includes('$') ? secretRefs(cmd.source) : [];
  if (refs.length === 0 && !uploads) return undefined;
  // Most calls carry their own service's token to its own API: only a provider-named token or a collector host needs the URL.
  if (!refs.some((r) => PROVIDER_HOST_WORDS[r.toUpperCase().split('_')[0]]) && !COLLECTOR_HINT_RE.test(cmd.source)) return undefined;
  for (const url of urlWords(cmd.argv)) {
    const host = parseUrl(url)?.host;
    if (!host || isLocalHost(host)) continue;
    if (COLLECTOR_HOST_RE.test(host)) {
      if (refs.length) return finding('secrets.send-to-network', 85, `${name} sends $${refs[0]} to ${host}, a service that records what it receives`, refs[0], SEND_ALT);
      const what = files[0] ?? `the output of ${cmd.stdinFrom?.slice(0, 2).join(' ')}`;
      return finding('secrets.upload-to-paste', 60, `${name} uploads ${what} to ${host}, where anyone with the link can read it`, host, 'share files through the project\'s own channels; ask the user');
    }
    for (const ref of refs) {
      const words = PROVIDER_HOST_WORDS[ref.toUpperCase().split('_')[0]];
      if (words && !words.some((w) => host.includes(w))) {
        return finding('secrets.send-to-network', 65, `${cmd.argv[0]} sends $${ref}, a credential for another service, to ${host}`, ref, SEND_ALT);
      }
    }
  }
  return undefined;
}

// Cheap pre-test on the command text for COLLECTOR_HOST_RE.
const COLLECTOR_HINT_RE = /webhook|requestbin|pipedream|hookbin|beeceptor|requestcatcher|postb\.in|ptsv|mockbin|transfer\.sh|paste|termbin|0x0\.st|file\.io|ix\.io|sprunge|interact\.sh|oast\.|burpcollaborator|canarytokens|collector|exfil/i;

/** The words of a client's command line that are URLs (at most 8). */
function urlWords(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < argv.length && out.length < 8; i++) {
    const a = argv[i];
    if (a[0] !== '-' && looksLikeUrl(a)) out.push(a);
    else if (a.startsWith('--url=')) out.push(a.slice(6));
  }
  return out;
}

function remoteCopyFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const pos = positionals(cmd.argv, ['-i', '-P', '-p', '-o', '-F', '-e', '--rsh', '-l', '-c', '-J', '--exclude', '--include']);
  if (pos.length < 2) return undefined;
  const dest = pos[pos.length - 1];
  if (!/^[^/]*:/.test(dest)) return undefined;
  const hit = credentialIn(pos.slice(0, -1), cmd, ctx);
  return hit ? finding('secrets.send-to-network', 85, `${name} copies ${hit.shown} to ${dest}`, hit.shown, SEND_ALT) : undefined;
}

function gistFinding(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const a = cmd.argv;
  if (a[1] !== 'gist' || (a[2] !== 'create' && a[2] !== 'new' && a[2] !== 'edit')) return undefined;
  const hit = credentialIn(positionals(a, ['-d', '--desc', '-f', '--filename', '-a', '--add'], 3), cmd, ctx);
  return hit ? finding('secrets.send-to-network', 85, `gh gist ${a[2]} publishes ${hit.shown}`, hit.shown, SEND_ALT) : undefined;
}

// ---- credentials fetched from a cloud metadata service --------------------------------

const HTTP_FETCHERS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs']);
// The link-local metadata endpoints of EC2, ECS, GCE and Azure: from inside an instance they hand out its role's credentials.
const METADATA_HOST_RE = /^(?:169\.254\.169\.254|169\.254\.170\.2|fd00:ec2::254|metadata\.google\.internal|metadata|100\.100\.100\.200)$/;
const METADATA_SECRET_PATH_RE = /credentials|token|identity|service-accounts|security-credentials|user-data/i;

function metadataFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  if (!cmd.source.includes('169.254.') && !cmd.source.includes('metadata') && !cmd.source.includes('100.100.100.200') && !cmd.source.includes('fd00:ec2')) return undefined;
  const req = readRequest(cmd, ctx);
  for (const url of req?.urls ?? []) {
    const u = parseUrl(url);
    // `/latest/api/token` is IMDSv2's session token for reading metadata, not a credential.
    if (u?.host && METADATA_HOST_RE.test(u.host) && METADATA_SECRET_PATH_RE.test(u.path) && u.path !== '/latest/api/token') {
      return finding('secrets.print-token', 70, `${name} fetches the instance's cloud credentials from the metadata service (${u.host}${u.path})`, u.host,
        'let the SDK pick up the instance role itself; never print its keys');
    }
  }
  return undefined;
}

// ---- credential files read by interpreter one-liners -------------------------------------

const CODE_FLAGS: Record<string, readonly string[]> = {
  python: ['-c'], python3: ['-c'], node: ['-e', '--eval', '-p', '--print'], bun: ['-e', '--eval', '-p', '--print'],
  deno: ['eval'], ruby: ['-e'], perl: ['-e', '-E'], php: ['-r'],
};
const CODE_STRING_RE = /(['"`])([^'"`\n]{1,240})\1/g;
const CODE_READ_RE = /\bopen\s*\(|read(?:File|FileSync|_text|_bytes|lines)?\s*\(|File\.(?:read|open|foreach)|IO\.read|file_get_contents|\bslurp\b|readTextFile|Deno\.readFile|Bun\.file|<\s*\$?\w*\s*>|\bcat\b/;

function interpreterCode(name: string, argv: readonly string[]): string | undefined {
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
function codeReadFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
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
function secretIntoFileFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
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

// ---- the pack ------------------------------------------------------------------------

const TOKEN_CLIS = ['gh', 'aws', 'gcloud', 'az', 'heroku', 'fly', 'flyctl', 'npm', 'pnpm', 'yarn', 'op', 'vault', 'pass', 'security', 'kubectl', 'git', 'doppler',
  'railway', 'netlify', 'firebase', 'sops', 'ansible-vault', 'docker', 'podman', 'rails', 'bw', 'lpass', 'secret-tool', 'gopass'];
/** Tools that decrypt or dump on request: quiet when their output goes to a file or a consumer. */
const DECRYPTORS = new Set(['sops', 'ansible-vault', 'docker', 'podman']);
const INTERPRETERS = new Set(['python', 'python3', 'node', 'bun', 'deno', 'ruby', 'perl', 'php']);

function analyze(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined {
  const name = cmd.argv[0] ?? '';
  const out: Finding[] = [];
  const push = (f: Finding | undefined) => { if (f) out.push(f); };
  if (name === 'echo' || name === 'printf' || name === 'printenv') push(printVarFinding(name, cmd));
  if (PRINTERS.has(name) || FILTERS.has(name)) {
    push(readFindings(name, cmd, ctx));
    push(envFilterFinding(name, cmd));
  }
  if (COPIERS.has(name)) push(copyFindings(name, cmd, ctx));
  if (SENDERS.has(name)) {
    const inputs = senderInputs(name, cmd.argv);
    push(sendFindings(name, cmd, ctx, inputs) ?? destinationFinding(name, cmd, inputs));
  }
  if (REMOTE_COPIERS.has(name)) push(remoteCopyFinding(name, cmd, ctx));
  if (name === 'gh') push(gistFinding(cmd, ctx));
  if (TOKEN_CLIS.includes(name) && (!DECRYPTORS.has(name) || stdoutShown(cmd))) push(tokenCliFinding(name, cmd.argv));
  if (INTERPRETERS.has(name)) push(codeReadFinding(name, cmd, ctx));
  if (HTTP_FETCHERS.has(name)) push(metadataFinding(name, cmd, ctx));
  if ((name === 'echo' || name === 'printf') && !stdoutShown(cmd)) push(secretIntoFileFinding(name, cmd, ctx));
  return out.length ? out : undefined;
}

export const secretsPack: Pack = {
  id: 'secrets',
  commands: [...new Set(['echo', 'printf', 'printenv', ...PRINTERS, ...FILTERS, ...COPIERS, ...SENDERS, ...REMOTE_COPIERS, ...TOKEN_CLIS, ...INTERPRETERS])],
  analyze,
};
