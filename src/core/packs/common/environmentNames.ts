// Environment variables that hold secrets, and commands that dump the whole
// environment: shared by the packs that judge where either ends up (a print,
// an upload, a CI variable).
import { positionals } from '../../command/args';
import { UNKNOWN } from '../../parse/dynamic';
import type { SimpleCommand } from '../../types';

const SECRET_PART_RE =
  /^(?:[A-Z0-9]*TOKENS?|[A-Z0-9]*SECRETS?|[A-Z0-9]*PASSWORDS?|[A-Z0-9]*PASSWD|PASSPHRASE|CREDENTIALS?|[A-Z0-9]*APIKEY|PRIVATEKEY|COOKIE|SESSIONID)$/;
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
export const VAR_REF_RE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)(:[+0-9 ]|\})?/g;

/** Secret variables that a command's own source expands where it is not single-quoted. */
export function secretRefs(source: string): string[] {
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

/** How many variables deep, and how many variables in all, a command's references are followed to what they hold. */
const MAX_ALIAS_DEPTH = 4;
const MAX_ALIASES = 64;
// Its own copy of the reference pattern: secretRefs runs inside the walk below and moves VAR_REF_RE's lastIndex.
const ALIAS_REF_RE = new RegExp(VAR_REF_RE.source, 'g');

/**
 * Secret variables a command expands, as secretRefs reads its source, and also through a variable the line set to
 * one before it (`K=$AWS_SECRET_ACCESS_KEY; curl -d "$K" …`, `export T="$GITHUB_TOKEN"`): the command's environment
 * holds what such a variable was set to, a reference left unresolved. Followed a few variables deep, never around.
 */
export function secretRefsOf(cmd: Pick<SimpleCommand, 'source' | 'env'>): string[] {
  const out = secretRefs(cmd.source);
  if (cmd.source.indexOf('$') === -1) return out;
  const seen = new Set<string>();
  let texts = [cmd.source.replace(/'[^']*'/g, '').replace(/\\\$/g, '')];
  for (let depth = 0; depth < MAX_ALIAS_DEPTH && texts.length; depth++) {
    const next: string[] = [];
    for (const text of texts) {
      ALIAS_REF_RE.lastIndex = 0;
      for (let m = ALIAS_REF_RE.exec(text); m && seen.size < MAX_ALIASES; m = ALIAS_REF_RE.exec(text)) {
        const name = m[1];
        if (seen.has(name)) continue;
        seen.add(name);
        const held = Object.hasOwn(cmd.env, name) ? cmd.env[name] : undefined;
        if (held === undefined || held.indexOf('$') === -1) continue;
        const value = held.split(UNKNOWN).join('');
        for (const ref of secretRefs(value)) if (!out.includes(ref)) out.push(ref);
        next.push(value);
      }
    }
    texts = next;
  }
  return out;
}

const ENV_DUMPERS = new Set(['env', 'printenv', 'set', 'export', 'declare', 'typeset', 'compgen']);

/** The producer dumps the whole environment. */
export function isEnvDump(from: readonly string[]): boolean {
  const n = from[0];
  if (JQ_NAMES.has(n)) return from.slice(1, 16).some(jqReadsEnvironment);
  if (!ENV_DUMPERS.has(n)) return false;
  if (n === 'env' || n === 'printenv')
    return positionals(from)
      .filter((w) => !w.includes('='))
      .every(isSecretName);
  if (n === 'export') return from.length === 1 || from.includes('-p');
  if (n === 'declare' || n === 'typeset') return from.includes('-x') || from.includes('-p') || from.length === 1;
  if (n === 'compgen') return from.includes('-e') || from.includes('-v');
  return from.length === 1; // `set`
}

const JQ_NAMES = new Set(['jq', 'gojq', 'jaq']);

/**
 * A jq filter that reads the environment: `env` and `$ENV` are the whole of
 * it (`jq -n env | curl -d @- …`); `env.NAME` / `$ENV.NAME` one variable, a
 * dump when that name is a secret's.
 */
function jqReadsEnvironment(filter: string): boolean {
  for (const m of filter.matchAll(/(?<![\w$.])(?:\$ENV|env)\b(\s*\.\s*"?([A-Za-z_]\w*)|\s*\[)?/g)) {
    if (!m[1]) return true;
    if (m[2] === undefined || isSecretName(m[2])) return true;
  }
  return false;
}
