// Two pre-checks that most commands fail, each a long case-insensitive alternation: compiling either at its
// first test cost a hook call 0.5–1 ms (`ls -la`, `cat README.md`). Each is answered by a scan of the text's
// ASCII lower case for the same words until the process has used it enough to compile it
// (text/compiledLater.ts); test/unit/packs/firstLooks.test.ts compares every scan with its expression.
import { asciiLower, isWordCode } from '../../text/asciiFold';
import { compiledLater } from '../../text/compiledLater';

/** Line terminators, which `.` does not match (no `s` flag). */
const isLineEnd = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** Whether `t` holds `a`, then at most one character that is not a line end, then `b` (`a.?b`). */
function around(t: string, a: string, b: string): boolean {
  for (let i = t.indexOf(a); i !== -1; i = t.indexOf(a, i + 1)) {
    const j = i + a.length;
    if (t.startsWith(b, j)) return true;
    if (j < t.length && !isLineEnd(t.charCodeAt(j)) && t.startsWith(b, j + 1)) return true;
  }
  return false;
}

const includesAny = (t: string, words: readonly string[]) => {
  for (let k = 0; k < words.length; k++) if (t.includes(words[k])) return true;
  return false;
};

/** A deleting, emptying or changing verb, a production name, a retention setting or SQL (packs/generic.ts). */
export const MAYBE_CHANGES =
  /del|destroy|remov|\brm|purge|wipe|eras|nuke|termin|drop|trunc|uninstall|register|obliterat|unset|reset|clear|flush|prune|expir|trim|forget|evict|cleanup|prod|live|prd|retain|retention|ttl|max.?age|keep|lifetime|alter|grant|vacuum|merge|overwrite|update|deploy|restart|scale|rollback|restore|promote|migrate|exec|ssh|console|shell|stop|set|apply|sync|push|release|publish|upgrade|import|load|failover|suspend|able|rotate|replace|patch|edit|kill|reboot|resize|detach/i;
const CHANGE_WORDS = [
  'del',
  'destroy',
  'remov',
  'purge',
  'wipe',
  'eras',
  'nuke',
  'termin',
  'drop',
  'trunc',
  'uninstall',
  'register',
  'obliterat',
  'unset',
  'reset',
  'clear',
  'flush',
  'prune',
  'expir',
  'trim',
  'forget',
  'evict',
  'cleanup',
  'prod',
  'live',
  'prd',
  'retain',
  'retention',
  'ttl',
  'keep',
  'lifetime',
  'alter',
  'grant',
  'vacuum',
  'merge',
  'overwrite',
  'update',
  'deploy',
  'restart',
  'scale',
  'rollback',
  'restore',
  'promote',
  'migrate',
  'exec',
  'ssh',
  'console',
  'shell',
  'stop',
  'set',
  'apply',
  'sync',
  'push',
  'release',
  'publish',
  'upgrade',
  'import',
  'load',
  'failover',
  'suspend',
  'able',
  'rotate',
  'replace',
  'patch',
  'edit',
  'kill',
  'reboot',
  'resize',
  'detach',
];

/** MAYBE_CHANGES's answer, by scanning. */
export function scanChanges(text: string): boolean {
  const t = asciiLower(text);
  if (includesAny(t, CHANGE_WORDS) || around(t, 'max', 'age')) return true;
  // `\brm`: `rm` after a character that is not a word character, or at the start.
  for (let i = t.indexOf('rm'); i !== -1; i = t.indexOf('rm', i + 1))
    if (i === 0 || !isWordCode(t.charCodeAt(i - 1))) return true;
  return false;
}

export const maybeChanges = compiledLater(MAYBE_CHANGES, scanChanges);

/** Words that could name a credential at all (packs/common/credentials.ts). */
export const CANDIDATE_RE =
  /env|id_|\.(?:pem|key|p12|pfx|jks|keystore|ppk|tfstate|backup)$|netrc|pgpass|my\.cnf|credential|secret|token|\.ssh|\.aws|\.kube|\.docker|gcloud|\.azure|\.gnupg|npmrc|pypirc|shadow|htpasswd|boto|s3cfg|dockercfg|master\.key|account|password|\.config|\.local|keyrings|\.cargo|\.gem|\.railway|\.fly|\.codex|\.terraform|history|[*?]|^~|\$HOME|keychain|AppData|Login Data|Web Data|Cookies|cookies\.sqlite|logins\.json|key[34]\.db|adminsdk|environ|service.?account|databrickscfg|sentryclirc|\.dev\.vars|tfvars|\.supabase|\.netlify|com\.vercel\.cli|sa\.json$|sa[-_]key\.json$/i;
const CANDIDATE_WORDS = [
  'env',
  'id_',
  'netrc',
  'pgpass',
  'my.cnf',
  'credential',
  'secret',
  'token',
  '.ssh',
  '.aws',
  '.kube',
  '.docker',
  'gcloud',
  '.azure',
  '.gnupg',
  'npmrc',
  'pypirc',
  'shadow',
  'htpasswd',
  'boto',
  's3cfg',
  'dockercfg',
  'master.key',
  'account',
  'password',
  '.config',
  '.local',
  'keyrings',
  '.cargo',
  '.gem',
  '.railway',
  '.fly',
  '.codex',
  '.terraform',
  'history',
  '*',
  '?',
  '$home',
  'keychain',
  'appdata',
  'login data',
  'web data',
  'cookies',
  'cookies.sqlite',
  'logins.json',
  'key3.db',
  'key4.db',
  'adminsdk',
  'environ',
  'databrickscfg',
  'sentryclirc',
  '.dev.vars',
  'tfvars',
  '.supabase',
  '.netlify',
  'com.vercel.cli',
];
/** Endings matched only at the end of the text (`$`, no `m` flag: the very end). */
const CANDIDATE_ENDINGS = [
  '.pem',
  '.key',
  '.p12',
  '.pfx',
  '.jks',
  '.keystore',
  '.ppk',
  '.tfstate',
  '.backup',
  'sa.json',
  'sa-key.json',
  'sa_key.json',
];

/** CANDIDATE_RE's answer, by scanning. */
export function scanCandidate(text: string): boolean {
  const t = asciiLower(text);
  if (t.startsWith('~') || includesAny(t, CANDIDATE_WORDS) || around(t, 'service', 'account')) return true;
  for (let k = 0; k < CANDIDATE_ENDINGS.length; k++) if (t.endsWith(CANDIDATE_ENDINGS[k])) return true;
  return false;
}

export const candidateWord = compiledLater(CANDIDATE_RE, scanCandidate);
