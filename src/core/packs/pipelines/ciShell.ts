// A CI step line read far enough to follow a secret through it: the line cut
// into pipelines and their stages (quotes, `$(…)` and backquotes kept whole),
// each stage's program and redirections; and the variables a CI file sets
// (`env:` / `variables:` / `environment:` blocks, shell and Dockerfile
// assignments, build secrets mounted into a variable) that hold a secret, or
// a URL a step sends to. A bounded scanner, not a shell parser: what it cannot
// split stays in one word, where the secret it holds is still seen.
import { isSecretName } from '../common/environmentNames';

/** Characters of one line read; a step line is a few hundred. */
const MAX_LINE = 8_000;
/** Lines of a file, and variables, read for the variable table. */
const MAX_TABLE_LINES = 4_000;
const MAX_VARIABLES = 256;
/** Rounds a variable set from another one is followed (`B: ${{ env.A }}`, `T=$CI_JOB_TOKEN`). */
const MAX_ROUNDS = 4;

export interface Stage {
  /** Words as written, quotes kept, the program's leading assignments and wrappers left out. */
  words: string[];
  /** The program's base name ('' when the stage is only assignments). */
  program: string;
  redirects: Array<{ op: string; target: string }>;
}

/** The pipelines of a line (split at `;`, `&&`, `||`, `&` and newlines), each as its stages. */
export function pipelinesOf(line: string): Stage[][] {
  const text = line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
  const out: Stage[][] = [];
  let stages: Array<{ words: string[]; redirects: Array<{ op: string; target: string }> }> = [];
  let cur = { words: [] as string[], redirects: [] as Array<{ op: string; target: string }> };
  let word = '';
  let pendingOp = '';
  const endWord = () => {
    if (!word) return;
    if (pendingOp) cur.redirects.push({ op: pendingOp, target: word });
    else cur.words.push(word);
    pendingOp = '';
    word = '';
  };
  const endStage = () => {
    endWord();
    if (cur.words.length || cur.redirects.length) stages.push(cur);
    cur = { words: [], redirects: [] };
  };
  const endPipeline = () => {
    endStage();
    if (stages.length) out.push(stages.map(stageOf));
    stages = [];
  };
  let quote = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      word += c;
      if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else if (c === quote) quote = '';
      continue;
    }
    if (depth > 0) {
      word += c;
      if (c === '(') depth++;
      else if (c === ')') depth--;
      continue;
    }
    if (c === '\\' && i + 1 < text.length) {
      word += c + text[++i];
    } else if (c === "'" || c === '"' || c === '`') {
      quote = c;
      word += c;
    } else if (c === '$' && text.startsWith('${{', i) && text.indexOf('}}', i) !== -1) {
      // A GitHub expression is filled in before the shell splits the line: one word with what is around it.
      const end = text.indexOf('}}', i) + 2;
      word += text.slice(i, end);
      i = end - 1;
    } else if (c === '$' && text[i + 1] === '(') {
      depth = 1;
      word += '$(';
      i++;
    } else if (c === '#' && !word) {
      // A comment: the rest of the line is not run.
      const nl = text.indexOf('\n', i);
      if (nl === -1) break;
      i = nl - 1;
    } else if (c === '\n' || c === ';') {
      endPipeline();
    } else if (c === '&' && text[i + 1] === '&') {
      endPipeline();
      i++;
    } else if (c === '|' && text[i + 1] === '|') {
      endPipeline();
      i++;
    } else if (c === '|') {
      endStage();
    } else if (c === '>' || c === '<' || (c === '&' && text[i + 1] === '>')) {
      // `3>`, `{fd}<>`: the descriptor is the operator's; any other word before it (`echo $T>f`) is a word.
      let op = '';
      if (/^(?:\d+|\{[A-Za-z_]\w*\})$/.test(word)) {
        op = word;
        word = '';
      } else endWord();
      let j = i;
      while (j < text.length && j < i + 4 && /[<>&|]/.test(text[j])) op += text[j++];
      i = j - 1;
      // `2>&1`, `>&3`: a descriptor, not a file.
      if (/&$/.test(op) && /\d/.test(text[i + 1] ?? '')) {
        while (/\d/.test(text[i + 1] ?? '')) op += text[++i];
        cur.redirects.push({ op, target: '' });
      } else pendingOp = op;
    } else if (c === '&') {
      endPipeline();
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else word += c;
  }
  endPipeline();
  return out;
}

/** Words that run the program after them, and the shell's keywords before a command (`do echo …`, `then curl …`). */
const WRAPPERS = new Set(['sudo', 'command', 'exec', 'time', 'nohup', 'builtin', 'xargs']);
const KEYWORDS = new Set(['do', 'then', 'else', 'elif', 'if', 'while', 'until', '!', '{', '(']);

function stageOf(s: { words: string[]; redirects: Array<{ op: string; target: string }> }): Stage {
  let i = 0;
  for (; i < s.words.length && i < 64; i++) {
    const w = s.words[i];
    if (
      /^[A-Za-z_]\w*=/.test(w) ||
      WRAPPERS.has(w) ||
      KEYWORDS.has(w) ||
      (i > 0 && w.startsWith('-') && WRAPPERS.has(s.words[0]))
    )
      continue;
    // `env X=1 curl …` runs curl; `env` alone (or with options) prints the environment.
    if (w === 'env' && s.words.slice(i + 1).some((x) => !x.startsWith('-') && !/^[A-Za-z_]\w*=/.test(x))) continue;
    break;
  }
  const words = s.words.slice(i);
  const program = unquoted(words[0] ?? '').replace(/^.*\//, '');
  return { words, program, redirects: s.redirects };
}

/** A word as the program gets it: quotes removed (what they hold kept), backslashes dropped. */
export function unquoted(word: string): string {
  return word.replace(/\\(.)|["']/g, (_m, c: string | undefined) => c ?? '');
}

/** What a CI file's variables hold, as far as a step's secrets and destinations go. */
export interface VariableTable {
  /** Variables set to a secret (directly, or from another such variable). */
  secret: ReadonlySet<string>;
  /** Variables set to a literal URL or host. */
  literal: ReadonlyMap<string, string>;
}

const BLOCK_KEY = /^(\s*)(?:-\s+)?(?:env|variables|environment)\s*:\s*$/;
const YAML_ENTRY = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*?)\s*$/;
const SHELL_ASSIGN =
  /^\s*(?:-\s+)?(?:(?:ENV|ARG)\s+|export\s+|readonly\s+|local\s+|declare\s+(?:-\w+\s+)*)?([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/;
const SECRET_MOUNT_ENV = /--mount=type=secret,[^\s]*?\benv=([A-Za-z_]\w*)/g;

/** Every variable a CI file sets: its blocks' entries, shell and Dockerfile assignments, build secrets it mounts. */
export function variableTable(text: string): VariableTable {
  const values = new Map<string, string[]>();
  const secret = new Set<string>();
  const put = (name: string, value: string) => {
    if (values.size >= MAX_VARIABLES && !values.has(name)) return;
    const held = values.get(name) ?? [];
    if (held.length < 8) held.push(value.replace(/^(["'])(.*)\1$/, '$2'));
    values.set(name, held);
  };
  const lines = text.split(/\r?\n/, MAX_TABLE_LINES);
  let blockIndent = -1;
  for (const line of lines) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0 && indent <= blockIndent) blockIndent = -1;
    const block = BLOCK_KEY.exec(line);
    if (block) {
      blockIndent = indent + (line.trimStart().startsWith('-') ? 2 : 0);
      continue;
    }
    const entry = blockIndent >= 0 ? YAML_ENTRY.exec(line) : null;
    if (entry) put(entry[1], entry[2]);
    const assign = SHELL_ASSIGN.exec(line);
    if (assign) put(assign[1], assign[2]);
    SECRET_MOUNT_ENV.lastIndex = 0;
    for (let m = SECRET_MOUNT_ENV.exec(line); m && secret.size < MAX_VARIABLES; m = SECRET_MOUNT_ENV.exec(line))
      secret.add(m[1]);
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = secret.size;
    for (const [name, held] of values)
      if (!secret.has(name) && held.some((v) => secretIn(v, secret) !== undefined)) secret.add(name);
    if (secret.size === before) break;
  }
  const literal = new Map<string, string>();
  for (const [name, held] of values) {
    const url = held.find((v) => /^(?:[a-z][a-z0-9+.-]*:\/\/)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[:/]\S*)?$/i.test(v));
    if (url) literal.set(name, url);
  }
  return { secret, literal };
}

/**
 * CI variables that hold a credential although their names do not say so by the words secret names use:
 * GitLab's job JWTs. (`CI_JOB_TOKEN`, `CI_REGISTRY_PASSWORD`, `CI_DEPLOY_PASSWORD` and the like are secret names.)
 */
const PROVIDER_SECRETS = new Set(['CI_JOB_JWT', 'CI_JOB_JWT_V1', 'CI_JOB_JWT_V2', 'CI_JOB_TOKEN']);

// `$NAME`, `${NAME}`, `${NAME:-x}`; `${#NAME}` (its length) and `${NAME:+x}` (a word when set) show nothing of it.
const REF = /\$(?:\{(#?)([A-Za-z_][A-Za-z0-9_]*)(:?[+]?)|([A-Za-z_][A-Za-z0-9_]*))/g;
const EXPRESSION = /\$\{\{([^}]*)\}\}/g;
const MACRO = /\$\(\s*([A-Za-z_][\w.]*)\s*\)/g;

/**
 * The first secret a piece of step text expands, by name, or undefined: a GitHub expression reading a secret or the
 * job's token (or `env.X` for a variable set to one), an Azure macro of a secret, a `/run/secrets/` build secret, and
 * a shell reference (outside single quotes) to a secret's name, a provider's credential, or a variable set to one.
 */
export function secretIn(text: string, secretVars: ReadonlySet<string>): string | undefined {
  if (text.indexOf('$') === -1 && text.indexOf('/run/secrets/') === -1) return undefined;
  EXPRESSION.lastIndex = 0;
  for (let m = EXPRESSION.exec(text); m; m = EXPRESSION.exec(text)) {
    const inner = m[1];
    const named = /\bsecrets\s*(?:\.\s*(\w+)|\[\s*['"](\w+)['"]\s*\])/.exec(inner);
    if (named) return `secrets.${named[1] ?? named[2]}`;
    if (/\bsecrets\b/.test(inner)) return 'every secret of the repository';
    if (/\bgithub\s*\.\s*token\b/.test(inner)) return 'github.token';
    const env = /\benv\s*\.\s*(\w+)/.exec(inner);
    if (env && secretVars.has(env[1])) return env[1];
  }
  MACRO.lastIndex = 0;
  for (let m = MACRO.exec(text); m; m = MACRO.exec(text)) {
    // `$(System.AccessToken)`, `$(deployPassword)`: Azure's macros, filled in before the shell runs.
    const name = m[1];
    if (/^system\.accesstoken$/i.test(name) || (name.includes('.') && isSecretName(name.replace(/\./g, '_'))))
      return name;
    if (!name.includes('.') && (isSecretName(name) || secretVars.has(name))) return name;
  }
  const mounted = /\/run\/secrets\/[\w.-]+/.exec(text);
  if (mounted) return mounted[0];
  const shell = text.replace(EXPRESSION, '').replace(/'[^']*'/g, '');
  REF.lastIndex = 0;
  for (let m = REF.exec(shell); m; m = REF.exec(shell)) {
    if (m[1] || m[3] === ':+') continue;
    const name = m[2] ?? m[4];
    if (isSecretName(name) || PROVIDER_SECRETS.has(name) || secretVars.has(name)) return name;
  }
  return undefined;
}
