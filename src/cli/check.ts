// `agentguard check`: judge commands without running them. Single mode exits
// with the decision (0 allow, 1 ask, 2 deny); --batch streams JSON lines.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  failClosedOnInvalid,
  readManagedPolicy,
  underManagedPolicy,
  workspacePolicy,
  type ManagedPolicy,
} from '../core/frontdoor/policy';
import {
  SHELL_NAMES,
  formatConfigErrors,
  loadConfig,
  type CheckRequest,
  type DecisionResult,
} from '../core/frontdoor/config';
import { shellWord, stringEnv } from '../core/frontdoor/launch';
import { readStateDir } from './stateRead';
import { LineSplitter } from './batchLines';
import { visibleText } from '../core/frontdoor/question';
import {
  evaluate,
  freshFileReader,
  guardFs,
  lookWeight,
  recordLookups,
  SeenLooks,
  stillSeen,
  type EngineOptions,
  type Look,
} from '../core/engine';

const EXIT = { allow: 0, ask: 1, deny: 2, usage: 64, config: 78 } as const;
/**
 * Answers a batch keeps for repeated lines, the characters of line and answer they hold together, and the
 * longest line it keeps one for. Sized well past a long session's distinct lines: the keeper is emptied when
 * full, and a batch cycling through more distinct lines than it holds would have every line dropped before
 * it came round again (each judged anew, five times the cost).
 */
const MAX_REUSED = 32768;
const MAX_REUSED_CHARS = 1 << 24;
const MAX_REUSED_LINE = 4096;
/**
 * Looks kept for one line (a folder listed, a file read), and for all of them: past these, lines are judged again.
 * A line that names `/bin/rm` lists /usr/bin (a thousand entries or so), and listing it again is cheaper than judging.
 */
const MAX_LINE_LOOKS_WEIGHT = 2048;
const MAX_KEPT_LOOKS_WEIGHT = 1 << 20;

interface CheckArgs {
  json: boolean;
  batch: boolean;
  config?: string;
  workspace?: string;
  cwd?: string;
  shell?: CheckRequest['shell'];
  command: string[];
}

const SHELLS: readonly string[] = SHELL_NAMES;
/** `C:\…` or `\\server\…`: a Windows path, kept as written for the engine's Windows semantics. */
const WINDOWS_PATH = /^(?:[A-Za-z]:[\\/]|\\\\)/;

function shellValue(v: string): CheckRequest['shell'] {
  if (!SHELLS.includes(v)) throw new UsageError(`--shell must be one of ${SHELLS.join(', ')} (got ${v})`);
  return v as CheckRequest['shell'];
}

class UsageError extends Error {}

function parseArgs(args: string[]): CheckArgs {
  const out: CheckArgs = { json: false, batch: false, command: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--') {
      out.command = args.slice(i + 1);
      break;
    }
    if (a === '--json') out.json = true;
    else if (a === '--batch') out.batch = true;
    else if (a === '--config') out.config = value();
    else if (a === '--workspace') out.workspace = value();
    else if (a === '--cwd') out.cwd = value();
    else if (a === '--shell') out.shell = shellValue(value());
    else if (a.startsWith('--shell=')) out.shell = shellValue(a.slice(8));
    else if (a.startsWith('--config=')) out.config = a.slice(9);
    else if (a.startsWith('--workspace=')) out.workspace = a.slice(12);
    else if (a.startsWith('--cwd=')) out.cwd = a.slice(6);
    else if (a.startsWith('-') && out.command.length === 0) throw new UsageError(`unknown option ${a}`);
    else {
      out.command = args.slice(i);
      break;
    }
  }
  if (out.batch && out.command.length)
    throw new UsageError('--batch reads commands from stdin; do not also pass a command');
  if (!out.batch && out.command.length === 0) throw new UsageError('no command to check');
  return out;
}

/** With --json (before the command), an error is one JSON object on stdout too: a script reads one format. */
function jsonError(error: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(JSON.stringify({ error, ...extra }) + '\n');
}

export async function runCheck(args: string[]): Promise<number> {
  const end = args.indexOf('--');
  const json = (end === -1 ? args : args.slice(0, end)).includes('--json');
  let parsed: CheckArgs;
  try {
    parsed = parseArgs(args);
  } catch (err) {
    if (err instanceof UsageError) {
      if (json) jsonError(err.message);
      else
        process.stderr.write(
          `agentguard check: ${err.message}\nusage: agentguard check [--json] [--config FILE] [--workspace DIR] [--cwd DIR] [--shell ${SHELLS.join('|')}] [--] COMMAND...\n       agentguard check --batch [--config FILE] [--workspace DIR] < requests.jsonl\n`,
        );
      return EXIT.usage;
    }
    throw err;
  }
  const workspace =
    parsed.workspace && WINDOWS_PATH.test(parsed.workspace)
      ? parsed.workspace
      : path.resolve(parsed.workspace ?? process.cwd());
  // A folder that is not there is a mistake, not a workspace without rules (as install says too).
  if (parsed.workspace && !WINDOWS_PATH.test(parsed.workspace) && !isDirectory(workspace)) {
    if (json) jsonError(`workspace ${workspace} is not a directory`);
    else process.stderr.write(`agentguard check: workspace ${workspace} is not a directory\n`);
    return EXIT.usage;
  }
  const loaded = loadConfig(workspace, parsed.config ? path.resolve(parsed.config) : undefined);
  if (!loaded.ok) {
    if (json)
      jsonError('invalid .agentguard.json', {
        errors: loaded.errors.map(({ file, jsonPath, line, column, message }) => ({
          file,
          jsonPath,
          line,
          column,
          message,
        })),
      });
    else process.stderr.write(formatConfigErrors(loaded.errors) + '\n');
    return EXIT.config;
  }
  // A plain copy, once: process.env is a live view that calls into the C library at every lookup, and the
  // engine scans the environment for connection strings before every database or cloud command. Frozen, so
  // the engine scans it once per question for the whole batch instead of once per line (environment/envScan.ts).
  const processEnv = Object.freeze(stringEnv());
  // The organization's managed policy lies under the file as written, here as in the hook.
  const managed = readManagedPolicy();
  const opts: EngineOptions = { workspace, config: underManagedPolicy(loaded.config, managed), env: processEnv };

  if (parsed.batch) return runBatch(opts, managed);

  // One argument is a whole command line; several are words of one command.
  const command = parsed.command.length === 1 ? parsed.command[0] : parsed.command.map(shellWord).join(' ');
  const req: CheckRequest = { command };
  if (parsed.cwd) req.cwd = WINDOWS_PATH.test(parsed.cwd) ? parsed.cwd : path.resolve(parsed.cwd);
  if (parsed.shell) req.shell = parsed.shell;
  const result = failClosedOnInvalid(evaluate(req, opts), managed);
  process.stdout.write(parsed.json ? JSON.stringify(result) + '\n' : describe(result));
  if (parsed.config) return EXIT[result.decision];
  // The exit code is what the hook would answer (a script asks "would this run?"); the text is the file as written.
  const hook = hookAnswer(req, { ...opts, config: loaded.config }, result, managed);
  if (hook) process.stderr.write(hook.note);
  return EXIT[hook?.decision ?? result.decision];
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `check` judges the file as written; the hook holds back loosenings nobody
 * confirmed in the editor (a first `"mode": "monitor"` among them). Say so
 * when that changes the answer, and what the hook answers.
 */
function hookAnswer(
  req: CheckRequest,
  opts: EngineOptions,
  result: DecisionResult,
  managed: ManagedPolicy,
): { decision: DecisionResult['decision']; note: string } | undefined {
  const policy = workspacePolicy(readStateDir('check'), opts.workspace, opts.config, managed);
  if (!policy.pending.length) return undefined;
  const hook = failClosedOnInvalid(evaluate(req, { ...opts, config: policy.config }), managed);
  if (hook.decision === result.decision) return undefined;
  const n = policy.pending.length;
  return {
    decision: hook.decision,
    note: `note: the hook answers ${hook.decision}: ${n} ${n === 1 ? 'loosening' : 'loosenings'} of .agentguard.json ${n === 1 ? 'waits' : 'wait'} for a human to confirm ${n === 1 ? 'it' : 'them'} in the editor (${policy.pending[0].summary}${n > 1 ? ', …' : ''})\n`,
  };
}

function describe(r: DecisionResult): string {
  const env = r.environment.production ? ` [production: ${r.environment.name}]` : '';
  const lines = [`${r.decision} (score ${r.score})${env}: ${r.command}`];
  for (const f of r.findings) {
    lines.push(`  ${f.id}: ${f.summary}${f.target ? ` [${f.target}]` : ''}`);
    if (f.alternative) lines.push(`    safer: ${f.alternative}`);
  }
  if (r.rule)
    lines.push(
      `  ${r.rule.managed ? 'managed policy rule' : `rule #${r.rule.index + 1}`} "${r.rule.match}"${r.rule.reason ? `: ${r.rule.reason}` : ''}`,
    );
  if (r.monitored) lines.push(`  monitor mode: would have been ${r.monitored}`);
  // What a human reads is what runs: hidden characters are written out.
  return visibleText(lines.join('\n')) + '\n';
}

/** One decision per input line, in order. A bad line yields an `ask` for that line, never a gap. */
async function runBatch(opts: EngineOptions, managed: ManagedPolicy): Promise<number> {
  // Answers are kept and written as UTF-8 bytes, encoded once when judged: a repeated line's answer is written
  // as it is, not encoded again (that encoding was a quarter of what a repeated line cost).
  const out: Buffer[] = [];
  const flush = (): void => {
    if (out.length) process.stdout.write(out.length === 1 ? out[0] : Buffer.concat(out));
    out.length = 0;
  };
  // A line seen before is answered as it was when judging it again would read the same disk: it read nothing
  // (no path resolved, no file read, no cached lookup either), or every look it made, repeated now without any
  // cache, sees what it saw. The answer follows from the line, this batch's options (fixed for the batch) and
  // what the disk said, so a file changed in between is judged again (agents repeat `git status`, `npm test`
  // and `rm -rf build`; a symlink planted at build/ or a rewritten package.json script counts at once).
  const reused = new Map<string, { answer: Buffer; chars: number; looks: readonly Look[]; weight: number }>();
  let kept = 0;
  let keptChars = 0;
  let judged = 0;
  // What the looks of reused lines saw, repeated for the lines of one chunk of input: all of them arrived
  // before any was answered, so the disk as looked at once after they came is as fresh for each (a file
  // changed before a caller sends its next line is looked at again, as a line waited for arrives in a chunk
  // of its own). Emptied for every chunk.
  const lookedNow = new SeenLooks();
  // The files lines read (the workspace's package.json, git config), read once for a chunk of input on the same
  // ground: a file statted again for every line of it would be as fresh for none. A new reader for every chunk.
  let chunkReader = freshFileReader();
  // Where paths lead (realpath, stat, a folder's entries), looked at once for a chunk on the same ground: every
  // line resolves the workspace, the home and the git folder. New looks for every chunk.
  let chunkLooks = guardFs('chunk');
  const batchOpts: EngineOptions = {
    ...opts,
    readFile: (p, cwd) => chunkReader(p, cwd),
    fileSystem: {
      realpath: (p) => chunkLooks.realpath!(p),
      stat: (p) => chunkLooks.stat!(p),
      readdir: (p) => chunkLooks.readdir!(p),
      compiledProgram: (p) => chunkLooks.compiledProgram!(p),
      programCopyOf: (file, dirs) => chunkLooks.programCopyOf!(file, dirs),
      pathListing: (folder) => chunkLooks.pathListing!(folder),
    },
  };
  const folderOf = folderResolver(opts.workspace);
  const judge = (line: string): void => {
    if (line.trim() === '') return;
    const known = reused.get(line);
    let answer: Buffer;
    if (known && (known.looks.length === 0 || stillSeen(known.looks, lookedNow))) answer = known.answer;
    else {
      judged++;
      const { value, looks } = recordLookups(() => judgeLine(line, batchOpts, folderOf));
      const text = JSON.stringify(failClosedOnInvalid(value, managed)) + '\n';
      answer = Buffer.from(text, 'utf8');
      if (known) {
        reused.delete(line);
        kept -= known.weight;
        keptChars -= known.chars;
      }
      const weight = looks ? lookWeight(looks) : Infinity;
      if (looks && weight <= MAX_LINE_LOOKS_WEIGHT && line.length <= MAX_REUSED_LINE) {
        const chars = line.length + text.length;
        if (
          reused.size >= MAX_REUSED ||
          kept + weight > MAX_KEPT_LOOKS_WEIGHT ||
          keptChars + chars > MAX_REUSED_CHARS
        ) {
          reused.clear();
          kept = 0;
          keptChars = 0;
        }
        reused.set(line, { answer, chars, looks, weight });
        kept += weight;
        keptChars += chars;
      }
    }
    out.push(answer);
    if (out.length >= 256) flush();
  };
  // Lines split here, each chunk judged in one go: readline's async iteration costs a promise and a turn of
  // the event loop per line. The same line ends as readline's: \r\n, \n or a lone \r.
  const lines = new LineSplitter(judge);
  await new Promise<void>((resolve, reject) => {
    // Answered per chunk read: a caller that writes a line and waits for its answer gets it.
    process.stdin.on('data', (chunk: Buffer) => {
      lookedNow.clear();
      chunkReader = freshFileReader();
      chunkLooks = guardFs('chunk');
      lines.push(chunk);
      flush();
    });
    process.stdin.once('end', () => resolve());
    process.stdin.once('error', reject);
  });
  lookedNow.clear();
  chunkReader = freshFileReader();
  chunkLooks = guardFs('chunk');
  lines.end();
  flush();
  // How much of the engine this batch ran: the launcher keeps the batch's code cache by it (cli/launcher.ts).
  (globalThis as Record<symbol, unknown>)[Symbol.for('agentguard.batchJudged')] = judged;
  return 0;
}

/** Folders a batch keeps resolved against its workspace. */
const MAX_FOLDERS = 256;

/** A request's folder against the workspace: a batch's lines name the same few, each resolved once (no disk read). */
function folderResolver(workspace: string): (cwd: string) => string {
  const known = new Map<string, string>();
  return (cwd) => {
    let abs = known.get(cwd);
    if (abs === undefined) {
      // A Windows working directory stays as written: the engine reads it with Windows semantics.
      abs = WINDOWS_PATH.test(cwd) ? cwd : path.resolve(workspace, cwd);
      if (known.size >= MAX_FOLDERS) known.clear();
      known.set(cwd, abs);
    }
    return abs;
  };
}

function judgeLine(line: string, opts: EngineOptions, folderOf: (cwd: string) => string): DecisionResult {
  let req: unknown;
  try {
    req = JSON.parse(line);
  } catch {
    return invalid(line, 'the request line is not valid JSON');
  }
  const r = req as Partial<CheckRequest>;
  if (typeof r !== 'object' || r === null || typeof r.command !== 'string')
    return invalid(line, 'the request has no "command" string');
  if (
    r.env !== undefined &&
    (typeof r.env !== 'object' || r.env === null || Object.values(r.env).some((v) => typeof v !== 'string'))
  ) {
    return invalid(r.command, '"env" must map names to strings');
  }
  if (r.shell !== undefined && (typeof r.shell !== 'string' || !SHELLS.includes(r.shell)))
    return invalid(r.command, `"shell" must be one of ${SHELLS.map((x) => `"${x}"`).join(', ')}`);
  const request: CheckRequest = { command: r.command };
  if (typeof r.cwd === 'string') request.cwd = folderOf(r.cwd);
  if (r.shell) request.shell = r.shell;
  if (r.env) request.env = { ...r.env } as Record<string, string>;
  return evaluate(request, opts);
}

function invalid(command: string, why: string): DecisionResult {
  return {
    command,
    decision: 'ask',
    score: 100,
    environment: { name: 'unknown', production: false, evidence: [] },
    findings: [{ id: 'input.invalid-request', summary: `${why}; nothing was judged`, severity: 100 }],
  };
}
