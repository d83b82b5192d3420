// `env $(grep -v '^#' .env | xargs) node dist/server.js`: the substitution hands
// env the assignments of a dotenv file, and env runs the program after them.
// The file is read now: when every line it gives is a plain assignment, the
// words are assignments and the program is the next word. A line that would
// become a word of its own (`export A=1`, a value with spaces) makes env run
// it as the program: unknown, as before. Only a local program is read so;
// one that talks to the network keeps asking, as it would carry the file's
// secrets away in its environment.
import * as path from 'node:path';
import { isEnvFile } from '../../command/paths';
import { COMMAND_VARIABLES } from '../commandVariables';
import type { AnalysisContext } from '../../types';

/** `$(cat F | xargs)`, `$(grep -v '^#' F | xargs)`, `$(xargs < F)`, `$(cat F)`: [the file, whether xargs splits it]. */
const DOTENV_SUBSTITUTION =
  /^\$\(\s*(?:(?:cat|grep\s+-v\s+(?:'\^#'|"\^#"|\^#))\s+([\w./-]+)\s*(\|\s*xargs)?|xargs\s*<\s*([\w./-]+))\s*\)$/;

/** Most lines of a dotenv file read. */
const MAX_LINES = 512;

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/** Names whose value makes a program load or run code (NODE_OPTIONS, LD_PRELOAD, PAGER …): not taken from a file unread by a human. */
const LOADING_NAME =
  /^(?:LD_\w+|DYLD_\w+|NODE_OPTIONS|NODE_PATH|PYTHON\w*|PERL5?\w*|RUBY\w*|BASH_\w+|ENV|PATH|HOME|SHELL|PROMPT_COMMAND|PS4|SHELLOPTS|IFS|GIT_\w+|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|CLASSPATH|GOFLAGS|RUSTFLAGS|TAR_OPTIONS|\w*EDITOR|\w*PAGER|AGENTGUARD\w*)$/;

/** Programs that talk to another host: the file's secrets in their environment may leave with them. */
const NETWORK_PROGRAMS = new Set([
  'curl',
  'wget',
  'http',
  'https',
  'xh',
  'nc',
  'ncat',
  'netcat',
  'socat',
  'ssh',
  'scp',
  'sftp',
  'rsync',
  'ftp',
  'telnet',
  'openssl',
]);

/**
 * The names a dotenv substitution sets, or undefined when the word is no such substitution, the file cannot be
 * read, or any line would not be a plain assignment.
 */
export function dotenvAssignments(
  word: string,
  next: string | undefined,
  cwd: string,
  ctx: AnalysisContext,
): string[] | undefined {
  const m = DOTENV_SUBSTITUTION.exec(word);
  if (!m || next === undefined) return undefined;
  const file = m[1] ?? m[3];
  const xargs = m[2] !== undefined || m[3] !== undefined;
  const dropsComments = /^\$\(\s*grep/.test(word);
  if (!isEnvFile(path.basename(file)) || NETWORK_PROGRAMS.has(path.basename(next))) return undefined;
  const text = ctx.readFile(file, cwd);
  if (text === undefined) return undefined;
  const lines = text.split(/\r?\n/);
  if (lines.length > MAX_LINES) return undefined;
  const names: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    // grep drops the comments that start a line; `cat` and `xargs <` pass every comment on as words.
    if (!line || (dropsComments && raw.startsWith('#'))) continue;
    const a = ASSIGNMENT.exec(line);
    if (!a || LOADING_NAME.test(a[1]) || COMMAND_VARIABLES.includes(a[1])) return undefined;
    // Split by xargs (quotes kept together) or by the shell (any blank splits).
    const value = a[2];
    if (xargs ? !/^(?:[^\s'"\\]*|'[^'\n]*'|"[^"\\\n]*")$/.test(value) : /[\s'"\\]/.test(value)) return undefined;
    names.push(a[1]);
  }
  return names;
}
