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
import { classifyPath, displayPath, homeOf, type PathInfo } from '../paths';
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

function isCredential(p: PathInfo, home: string): boolean {
  if (p.credential) return true;
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
const CANDIDATE_RE = /env|id_|\.(?:pem|key|p12|pfx|jks|keystore|ppk)$|netrc|pgpass|my\.cnf|credential|secret|token|\.ssh|\.aws|\.kube|\.docker|gcloud|\.azure|\.gnupg|npmrc|pypirc|shadow|htpasswd|boto|s3cfg|dockercfg|master\.key|account|password|\.config|\.cargo|\.gem|\.railway|\.fly|\.codex|\.terraform|history|[*?]|^~|\$HOME/i;

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
      if (a1 === 'keyvault' && a2 === 'secret' && argv[3] === 'show') return tok('az keyvault secret show');
      if (a1 === 'storage' && a2 === 'account' && argv[3] === 'keys' && argv[4] === 'list') return tok('az storage account keys list');
      return undefined;
    case 'heroku':
      if (a1 === 'auth:token') return tok('heroku auth:token');
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
    case 'pass':
      if (a1 === 'show' || (a1 !== undefined && !a1.startsWith('-') && !/^(?:ls|list|find|search|grep|init|insert|add|edit|generate|rm|mv|cp|git|help|version)$/.test(a1))) return tok('pass show', 55);
      return undefined;
    case 'security':
      if (/^find-(?:generic|internet)-password$/.test(a1 ?? '') && hasFlag(argv, ['-w', '-g'])) return tok(`security ${a1}`);
      return undefined;
    case 'kubectl': {
      const pos = positionals(argv, ['-n', '--namespace', '--context', '-l', '--selector', '-o', '--output', '--kubeconfig', '--cluster', '--user', '-f', '--filename']);
      const output = optionValue(argv, ['-o', '--output']) ?? '';
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
  if (refs.length === 0) return undefined;
  return finding('secrets.print-secret-var', 60, `${name} prints $${refs[0]} into the agent's transcript`, refs[0], PRINT_ALT);
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

function sendFindings(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const argv = cmd.argv;
  const { stdin, files } = senderInputs(name, argv);
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

// ---- the pack ------------------------------------------------------------------------

const TOKEN_CLIS = ['gh', 'aws', 'gcloud', 'az', 'heroku', 'fly', 'flyctl', 'npm', 'pnpm', 'yarn', 'op', 'vault', 'pass', 'security', 'kubectl', 'git', 'doppler'];

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
  if (SENDERS.has(name)) push(sendFindings(name, cmd, ctx));
  if (REMOTE_COPIERS.has(name)) push(remoteCopyFinding(name, cmd, ctx));
  if (name === 'gh') push(gistFinding(cmd, ctx));
  if (TOKEN_CLIS.includes(name)) push(tokenCliFinding(name, cmd.argv));
  return out.length ? out : undefined;
}

export const secretsPack: Pack = {
  id: 'secrets',
  commands: [...new Set(['echo', 'printf', 'printenv', ...PRINTERS, ...FILTERS, ...COPIERS, ...SENDERS, ...REMOTE_COPIERS, ...TOKEN_CLIS])],
  analyze,
};
