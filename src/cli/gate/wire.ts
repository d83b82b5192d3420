// What a shell and its gate process say to each other over the gate's stdin
// and stdout, in NUL-terminated fields (a command line can hold any other
// byte, newlines included):
//
//   shell → gate:  ID \0 CWD \0 ENV… \0 [STATE \0] \0 LINE \0
//   gate → shell:  ID \0 DECISION \0 MESSAGE \0
//
// ENV is one `NAME=VALUE` field per exported variable, or (bash, which lists
// them without starting a process only this way) a single field holding the
// output of `declare -px`. STATE, when the shell sends it, is a field that
// starts with \x01agentguard-shell-state and a newline: the shell's aliases
// and the functions the line names, as the shell prints them. DECISION is `allow`, `more` or `deny`; ID echoes
// the request's, so a shell that gave up on a request (Ctrl-C) skips its late
// answer.
//
// The environments are tables without a prototype: a variable may be named
// `__proto__` or `constructor`, and is carried as written like any other.

import { table } from '../../core/frontdoor/launch';

export interface GateRequest {
  id: string;
  cwd: string;
  env: Record<string, string>;
  line: string;
  /** The shell's own definitions (see STATE above). */
  state?: string;
}

const STATE_MARK = '\u0001agentguard-shell-state\n';

/** Most fields one request may have: an environment is a few hundred variables. */
const MAX_FIELDS = 8192;

/** `$'…'` as bash prints it (ansic_quote): backslash escapes and octal bytes. */
function ansiC(body: string): string {
  const bytes: number[] = [];
  const simple: Record<string, number> = {
    a: 7,
    b: 8,
    e: 27,
    E: 27,
    f: 12,
    n: 10,
    r: 13,
    t: 9,
    v: 11,
    '\\': 92,
    "'": 39,
    '"': 34,
    '?': 63,
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = body[++i];
    if (n in simple) bytes.push(simple[n]);
    else if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      bytes.push(parseInt(m, 8) & 0xff);
      i += m.length - 1;
    } else if (n === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(body.slice(i + 1))?.[0];
      if (m) {
        bytes.push(parseInt(m, 16));
        i += m.length;
      } else bytes.push(92, 120);
    } else bytes.push(92, ...Buffer.from(n, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The exported variables in `declare -px` output (bash); a line it cannot read is skipped. */
export function parseDeclareExports(text: string): Record<string, string> {
  const env = table<string>();
  for (const line of text.split('\n')) {
    const m = /^declare -[A-Za-z-]*x[A-Za-z]* ([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(line);
    if (!m || m[2] === undefined) continue;
    const raw = m[2];
    if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2)
      env[m[1]] = raw.slice(1, -1).replace(/\\([\\"$`])/g, '$1');
    else if (raw.startsWith("$'") && raw.endsWith("'")) env[m[1]] = ansiC(raw.slice(2, -1));
  }
  return env;
}

function envFrom(fields: readonly string[]): Record<string, string> {
  if (fields.length === 1 && fields[0].startsWith('declare -')) return parseDeclareExports(fields[0]);
  const env = table<string>();
  for (const f of fields) {
    const eq = f.indexOf('=');
    if (eq > 0) env[f.slice(0, eq)] = f.slice(eq + 1);
  }
  return env;
}

/**
 * Splits what the shell wrote into requests; returns them and what is left
 * of an unfinished one. Too many fields in one request is an error: the
 * stream cannot be trusted after it.
 */
export class GateReader {
  private pending = '';
  private fields: string[] = [];
  private envDone = false;

  push(chunk: string): { requests: GateRequest[]; error?: string } {
    const requests: GateRequest[] = [];
    this.pending += chunk;
    for (let nul = this.pending.indexOf('\0'); nul !== -1; nul = this.pending.indexOf('\0')) {
      const field = this.pending.slice(0, nul);
      this.pending = this.pending.slice(nul + 1);
      if (this.fields.length < 2 || this.envDone) {
        this.fields.push(field);
      } else if (field === '') {
        this.envDone = true;
        continue;
      } else this.fields.push(field);
      if (this.fields.length > MAX_FIELDS) return { requests, error: `a request with more than ${MAX_FIELDS} fields` };
      if (this.envDone && this.fields.length >= 3) {
        const [id, cwd, ...rest] = this.fields;
        const line = rest.pop()!;
        const stateAt = rest.findIndex((f) => f.startsWith(STATE_MARK));
        const state = stateAt === -1 ? undefined : rest.splice(stateAt, 1)[0].slice(STATE_MARK.length);
        requests.push({ id, cwd, env: envFrom(rest), line, ...(state ? { state } : {}) });
        this.fields = [];
        this.envDone = false;
      }
    }
    return { requests };
  }
}

export function gateResponse(id: string, decision: 'allow' | 'more' | 'deny', message = ''): string {
  return `${id.replace(/\0/g, '')}\0${decision}\0${message.replace(/\0/g, '')}\0`;
}
