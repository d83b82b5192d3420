// Secrets recognised by their form, wherever they appear in text: the key
// formats providers document (so that their own scanners find them), JSON Web
// Tokens, private key blocks, connection strings with a real password, and
// high-entropy values next to a key-like name. Test-mode keys (`sk_test_…`)
// and placeholders (`YOUR_API_KEY`, `sk-your-key-here`, `${TOKEN}`,
// `<password>`, `changeme`) are not secrets. Used where text leaves the
// machine or becomes public: URLs an agent fetches, bodies of MCP calls to
// chat, issue, gist, mail and paste services, files written under a web root
// or into source. Bounded: the text is scanned once per form, at most
// MAX_SCAN characters of it.

export interface SecretHit {
  /** What it is, for a human: `a GitHub token`, `a connection string with a password`. */
  kind: string;
  /** The value with all but its first characters hidden, for messages and the audit log. */
  shown: string;
}

/** Longest text scanned; longer text is scanned up to here (the caller fails closed on what it cannot read). */
export const MAX_SCAN = 1_000_000;

const FORMS: ReadonlyArray<[string, RegExp]> = [
  ['an AWS access key id', /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g],
  ['a GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{40,255})\b/g],
  ['a GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}\b/g],
  ['a Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g],
  ['a Slack webhook URL', /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/g],
  ['a live Stripe key', /\b(?:sk|rk)_live_[A-Za-z0-9]{16,}\b/g],
  ['an Anthropic API key', /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{20,}/g],
  ['an OpenAI API key', /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}(?:T3BlbkFJ[A-Za-z0-9_-]{20,})?/g],
  ['a Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/g],
  ['a SendGrid API key', /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g],
  ['an npm token', /\bnpm_[A-Za-z0-9]{36}\b/g],
  ['a PyPI token', /\bpypi-AgE[A-Za-z0-9_-]{50,}/g],
  ['a Hugging Face token', /\bhf_[A-Za-z]{34,}\b/g],
  ['a DigitalOcean token', /\bdo[por]_v1_[a-f0-9]{64}\b/g],
  ['a Shopify token', /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g],
  ['a Supabase access token', /\bsbp_[a-f0-9]{40}\b/g],
  ['a Twilio API key', /\bSK[0-9a-fA-F]{32}\b/g],
  ['a Doppler token', /\bdp\.(?:st|pt|sa|ct)\.[A-Za-z0-9_.-]{40,}/g],
  ['a JSON Web Token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g],
  ['a private key', /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g],
];

/** `scheme://user:password@host…` */
const CONNECTION =
  /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse):\/\/[^\s:/@'"]+:([^\s@'"]+)@([^\s/:?'"]+)/gi;
/** `api_key = "…"`, `"token": "…"`, `SECRET=…`: a value next to a name that says it is secret. */
const NAMED_VALUE =
  /(?:api[_-]?key|secret(?:[_-]?key)?|access[_-]?key|auth[_-]?token|access[_-]?token|token|password|passwd|client[_-]?secret)["']?\s*[:=]\s*["']?([A-Za-z0-9_\-+/=.]{20,200})/gi;
const PLACEHOLDER =
  /^(?:your|my|the|some|example|sample|dummy|fake|test|changeme|change[_-]?me|placeholder|replace|insert|redacted|x{3,}|\*{3,}|\.{3,}|<|\$\{|\$[A-Z_]|\{\{|%)|(?:here|example|placeholder|changeme|xxxx)$/i;
const WEAK_PASSWORDS =
  /^(?:password|passwd|pass|pw|postgres|root|admin|user|secret|changeme|example|test|dev|local|guest|mysql|redis|\*+|x+|\.+)$/i;

function shown(value: string): string {
  return value.length <= 8 ? '…' : `${value.slice(0, Math.min(8, Math.floor(value.length / 4)))}…`;
}

/** Bits per character: real tokens are dense, words and identifiers are not. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A value that reads like a real token: mixed classes, high entropy, no placeholder words. */
function tokenLike(v: string): boolean {
  if (PLACEHOLDER.test(v) || /(?:process\.env|os\.environ|getenv|ENV\[)/.test(v)) return false;
  if (!/[0-9]/.test(v) || !/[A-Za-z]/.test(v)) return false;
  return entropy(v) >= 3.6;
}

/** A token whose payload names a public role (`"role":"anon"`): published by design. */
function publicJwt(jwt: string): boolean {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as { role?: unknown };
    return payload.role === 'anon';
  } catch {
    return false;
  }
}

function local(host: string): boolean {
  return /^(?:localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0\.0\.0\.0|host\.docker\.internal|db|postgres|mysql|redis|mongo)$/i.test(
    host,
  );
}

/**
 * The live secrets in a text, by form. Quick to say no: most text has none
 * of the characters every form needs.
 */
export function secretsIn(text: string): SecretHit[] {
  const t = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const out: SecretHit[] = [];
  const seen = new Set<string>();
  const add = (kind: string, value: string) => {
    if (seen.has(value) || out.length >= 16) return;
    seen.add(value);
    out.push({ kind, shown: shown(value) });
  };
  for (const [kind, re] of FORMS) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m && out.length < 16; m = re.exec(t)) {
      // `sk-your-key-here`: a documented placeholder in the shape of a key.
      if (kind === 'an OpenAI API key' && !tokenLike(m[0].slice(3))) continue;
      // Supabase's anon key is a JWT meant for browsers: its role says so.
      if (kind === 'a JSON Web Token' && publicJwt(m[0])) continue;
      add(kind, m[0]);
    }
  }
  if (t.includes('://')) {
    CONNECTION.lastIndex = 0;
    for (let m = CONNECTION.exec(t); m && out.length < 16; m = CONNECTION.exec(t)) {
      const password = m[1];
      if (WEAK_PASSWORDS.test(password) || PLACEHOLDER.test(password) || local(m[2])) continue;
      add('a connection string with a password', m[0]);
    }
  }
  NAMED_VALUE.lastIndex = 0;
  for (let m = NAMED_VALUE.exec(t); m && out.length < 16; m = NAMED_VALUE.exec(t)) {
    if (!tokenLike(m[1]) || [...seen].some((s) => s.includes(m![1]) || m![1].includes(s))) continue;
    add('a secret value next to a key name', m[1]);
  }
  return out;
}

/** The finding for live secrets in what `what` sends off the machine, if there are any. */
export function sentSecretFinding(
  texts: readonly string[],
  what: string,
): { id: string; summary: string; target: string; alternative: string; severity: number } | undefined {
  let text = '';
  for (const t of texts) {
    if (text.length + t.length > MAX_SCAN) break;
    text += t + '\n';
  }
  const hits = secretsIn(text);
  if (!hits.length) return undefined;
  return {
    id: 'secrets.sent-by-form',
    summary: `${what} sends ${describeSecrets(hits)}: once sent it is in another system's hands and logs`,
    target: what,
    alternative: 'refer to the secret by name (an environment variable, a secret manager) instead of sending its value',
    severity: 70,
  };
}

/** Where secrets belong: dotenv files (not their templates) and the credential stores under the home. */
const SECRET_HOMES =
  /(?:^|\/)\.env(?:\.(?!example$|sample$|template$|dist$|defaults$)[\w.-]+)?$|(?:^|\/)(?:\.aws|\.ssh|\.docker|\.kube|\.gnupg|\.config\/gh|\.config\/gcloud|\.azure|\.password-store)\/|\.(?:pem|key|p12|pfx|jks|keystore)$|(?:^|\/)(?:secrets?|credentials?)(?:\.[\w]+)?$/i;
/** Folders served to browsers or shipped as they are: a secret there is public. */
const WEB_ROOT = /(?:^|\/)(?:public|static|www|wwwroot|htdocs|public_html|assets|dist|build|out)\//;

/** A live secret written into a file it does not belong in: source that gets committed, or a folder a web server publishes. */
export function writtenSecretFinding(
  relPath: string,
  before: string | undefined,
  after: string,
): { id: string; summary: string; target: string; alternative: string; severity: number } | undefined {
  if (SECRET_HOMES.test(relPath)) return undefined;
  const had = new Set(before ? secretsIn(before).map((h) => h.shown) : []);
  const hits = secretsIn(after).filter((h) => !had.has(h.shown));
  if (!hits.length) return undefined;
  const web = WEB_ROOT.test(relPath);
  return {
    id: 'secrets.written-by-form',
    summary: `writes ${describeSecrets(hits)} into ${relPath}, ${web ? 'a folder served to anyone who loads the site' : 'where it will be committed and shipped with the code'}`,
    target: relPath,
    alternative:
      'read it from the environment (process.env, os.environ) or a secret manager, and keep the value in .env',
    severity: web ? 70 : 60,
  };
}

/** `a GitHub token (ghp_abc…)`, `2 secrets: …`, for a finding's sentence. */
export function describeSecrets(hits: readonly SecretHit[]): string {
  const parts = hits.slice(0, 3).map((h) => `${h.kind} (${h.shown})`);
  return hits.length > 3 ? `${parts.join(', ')} and ${hits.length - 3} more` : parts.join(', ');
}
