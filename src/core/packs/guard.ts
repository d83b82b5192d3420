// Self-protection: what an agent runs or writes must not reach AgentGuard
// itself. Any command, interpreter snippet, script run by an interpreter, or
// code file written by an edit tool that names AgentGuard's state (kill
// switch, approval sockets, audit log, snapshots), its policy file, the hook
// files of any agent host or the installed extension and CLI asks; so does
// code that binds a Unix socket or starts a listener (a look-alike approval
// server), and a background launch of code the agent itself wrote.
import * as path from 'node:path';
import { interpreterOf, type InterpreterLanguage } from '../parse/interpreterNames';
import { inlineCodeFlags } from '../parse/interpreters';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { finding } from './common/finding';
import { compiledLater } from '../text/compiledLater';

/** Each group names one kind of reference; the first group that matched names the finding. */
const REFERENCE = new RegExp(
  [
    // 1: state folder, kill switch, approval sockets, audit log and snapshots, AGENTGUARD_* and XDG_STATE_HOME.
    String.raw`(\.local[\\/]+state[\\/]+agentguard|\bstate[\\/]+agentguard\b|\bagentguard[\\/]+(?:approval|killswitch|audit|snapshots?|ledger)|killswitch\.json|agentguard-approval|\bAGENTGUARD_[A-Z0-9_]+|\bXDG_STATE_HOME\b)`,
    // 2: the policy file.
    String.raw`(\.agentguard\.json)`,
    // 3: hook files of the agent hosts, workspace and user level.
    String.raw`(\.claude[\\/]+settings(?:\.local)?\.json|\.cursor[\\/]+hooks\.json|\.github[\\/]+hooks\b|\.copilot[\\/]+hooks\b|\.codex[\\/]+hooks\.json|\.gemini[\\/]+settings\.json|\.windsurf[\\/]+hooks\.json|\.codeium[\\/]+windsurf[\\/]+hooks\.json|\.clinerules[\\/]+hooks\b|\.kiro[\\/]+hooks\b|\.augment[\\/]+settings\.json|\.opencode[\\/]+plugins?\b)`,
    // 4: the installed extension and its CLI (VS Code, Cursor, Insiders and server variants).
    String.raw`(extensions[\\/]+agentguard\.agentguard|\bagentguard\.agentguard-\d)`,
  ].join('|'),
  'i',
);

/**
 * REFERENCE to step through a text's matches: made once, not at each call (a batch called referenceFindings a few
 * hundred times, each `new RegExp` looking the 638-character source up in V8's cache of compiled expressions, and
 * compiling it again after a garbage collection had emptied that cache). Global, so its lastIndex is state: only
 * referenceFindings uses it, from 0, and leaves it at 0 (nothing it calls comes back to it).
 */
export const REFERENCES = new RegExp(REFERENCE.source, 'gi');

// Cheap first look: most commands mention none of these words, and the full pattern is never run on them.
// Case-sensitive on purpose (speed): these names are spelled this way in paths and variables; REFERENCE then reads case-insensitively.
const HINT =
  /agentguard|AgentGuard|AGENTGUARD|XDG_STATE|killswitch|\.(?:claude|cursor|github|copilot|codex|gemini|windsurf|codeium|clinerules|kiro|augment|opencode)\b|extensions/;

// What HINT can match, looked for without it: its first test in a process costs V8 compiling it (about 0.2 ms),
// and a command's own words almost never come near it. A line that passes this still goes to HINT.
const HINT_WORDS = ['agentguard', 'AgentGuard', 'AGENTGUARD', 'XDG_STATE', 'killswitch', 'extensions'];
const HINT_DOT_NAMES = [
  'claude',
  'cursor',
  'github',
  'copilot',
  'codex',
  'gemini',
  'windsurf',
  'codeium',
  'clinerules',
  'kiro',
  'augment',
  'opencode',
];

/** Whether `text` holds a word HINT looks for (a superset of its matches). */
function nearHint(text: string): boolean {
  for (let k = 0; k < HINT_WORDS.length; k++) if (text.includes(HINT_WORDS[k])) return true;
  for (let i = text.indexOf('.'); i !== -1; i = text.indexOf('.', i + 1))
    for (let k = 0; k < HINT_DOT_NAMES.length; k++) if (text.startsWith(HINT_DOT_NAMES[k], i + 1)) return true;
  return false;
}

/** HINT's answer on a command's text: its words looked for first in a process's first tests, then HINT alone (a batch). */
export const hinted = compiledLater(HINT, (text) => nearHint(text) && HINT.test(text));

const KINDS = [
  {
    id: 'guard.state',
    what: "AgentGuard's own state (kill switch, approval channel, audit log, snapshots or its settings variables)",
  },
  { id: 'guard.policy-file', what: "the workspace's AgentGuard policy file" },
  { id: 'guard.hook-file', what: 'the hook file through which an agent host calls AgentGuard' },
  { id: 'guard.installed-cli', what: 'the installed AgentGuard extension or CLI' },
];

/** Code that binds a Unix socket: it could answer in place of the editor's approval server. */
const UNIX_LISTENER =
  /\bAF_UNIX\b|\bUNIX-(?:LISTEN|RECVFROM|RECV)\b|\babstract-listen\b|\bstart_unix_server\b|\bcreate_unix_server\b|\bUnixListener\b|\bUNIXServer\b|\bUnixStreamServer\b|\bUNIXSocket\b|\.listen\s*\(\s*(?:\{\s*path\s*:|['"`][^'"`\n]*(?:\.sock|\\\\\.\\pipe|\/)[^'"`\n]*['"`])|\bnet\.Server\b/;
/** Code that starts a network listener of any kind. */
const LISTENER =
  /\bsocketserver\b|\bhttp\.server\b|\bSimpleHTTPServer\b|\bHTTPServer\s*\(|\bcreateServer\s*\(|\.bind\s*\(\s*\(|\bTCPServer\b|\bTCP-LISTEN\b|\bserve_forever\s*\(|\bDeno\.listen\b|\bBun\.(?:serve|listen)\b/;
const MAX_SCAN = 256 * 1024;

function guardFinding(id: string, summary: string, target: string | undefined, severity = 60): Finding {
  return finding(
    id,
    severity,
    summary,
    target?.slice(0, 200),
    'AgentGuard guards itself: change its settings, hooks or state from the editor, by hand',
  );
}

/** References to AgentGuard in a text (command, code, file content); at most one finding per kind. */
export function referenceFindings(text: string, where: string): Finding[] {
  const scanned = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  if (!HINT.test(scanned)) return [];
  const out: Finding[] = [];
  const re = REFERENCES;
  // The loop may stop before the last match: lastIndex starts at 0 and is put back at 0 whatever happens.
  re.lastIndex = 0;
  try {
    let m: RegExpExecArray | null;
    for (let n = 0; (m = re.exec(scanned)) && n < 64; n++) {
      const k = m.slice(1, 5).findIndex((g) => g !== undefined);
      const kind = KINDS[k];
      if (kind && !out.some((f) => f.id === kind.id))
        out.push(guardFinding(kind.id, `${where} touches ${kind.what}`, m[0]));
      if (out.length === KINDS.length) break;
    }
  } finally {
    re.lastIndex = 0;
  }
  return out;
}

/** Listeners in code: a Unix socket asks always; a network listener asks where `network` is set. */
export function listenerFindings(code: string, where: string, network: boolean): Finding[] {
  const scanned = code.length > MAX_SCAN ? code.slice(0, MAX_SCAN) : code;
  const unix = UNIX_LISTENER.exec(scanned);
  if (unix)
    return [
      guardFinding(
        'guard.unix-listener',
        `${where} binds a Unix socket, which could impersonate AgentGuard's approval channel`,
        unix[0],
      ),
    ];
  if (!network) return [];
  const tcp = LISTENER.exec(scanned);
  return tcp ? [guardFinding('guard.listener', `${where} starts a network listener`, tcp[0], 50)] : [];
}

/** Everything the guard finds in code handed to an interpreter or written as a code file. */
export function codeFindings(code: string, where: string, network = true): Finding[] {
  return [...referenceFindings(code, where), ...listenerFindings(code, where, network)];
}

// ---- shell commands --------------------------------------------------------

/** Programs that only show or compare what they are given: naming AgentGuard's files to them is harmless. */
const VIEWERS = new Set([
  'cat',
  'less',
  'more',
  'head',
  'tail',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'ag',
  'ls',
  'stat',
  'file',
  'wc',
  'diff',
  'jq',
  'bat',
  'view',
  'code',
  'cursor',
  'realpath',
  'readlink',
  'test',
  '[',
  '[[',
  'md5sum',
  'sha256sum',
  'shasum',
  'cmp',
  'tree',
  'echo',
  'printf',
  'type',
  'which',
]);
const GIT_READS = new Set([
  'log',
  'show',
  'diff',
  'status',
  'blame',
  'ls-files',
  'add',
  'commit',
  'grep',
  'check-ignore',
]);
/** `agentguard` subcommands that look; anything else (uninstall, …) loosens or rewrites. */
const CLI_READS = new Set([
  'check',
  'env',
  'doctor',
  'audit',
  'lsp',
  'hook',
  '--help',
  '-h',
  '--version',
  'help',
  'install',
]);

const STATE_ASSIGNMENT = /(?:^|\s)(?:AGENTGUARD_[A-Z0-9_]+|XDG_STATE_HOME)=/;
const BACKGROUND =
  /^(?:&|nohup|setsid|disown|screen|tmux new(?:-session|-window)?|tmux neww|tmux split-window|tmux splitw|systemd-run|at|batch|coproc|daemonize|start-stop-daemon)$/;

function onlyLooks(cmd: SimpleCommand): boolean {
  const [prog, sub] = cmd.argv;
  if (cmd.redirects.some((r) => r.op !== '<')) return false;
  if (prog === 'git') return GIT_READS.has(sub ?? '');
  if (prog === 'agentguard') return CLI_READS.has(sub ?? '') || (sub === 'snapshot' && cmd.argv[2] !== 'restore');
  if (prog === 'sed' || prog === 'jq')
    return !cmd.argv.some((a) => /^-[a-zA-Z0-9]*i/.test(a) || a.startsWith('--in-place'));
  return VIEWERS.has(prog ?? '');
}

const LISTENER_PROGRAMS = new Set(['nc', 'ncat', 'netcat', 'socat']);
const INLINE_FLAGS = ['-c', '-e', '-E', '-r', '--eval', '-p', '--print'];
/** Per language, the flags above with the language's own (`R --expr`): one lookup a word, the set made once. */
const inlineFlagSets = new Map<InterpreterLanguage, ReadonlySet<string>>();
function inlineFlagsFor(language: InterpreterLanguage): ReadonlySet<string> {
  let flags = inlineFlagSets.get(language);
  if (!flags) inlineFlagSets.set(language, (flags = new Set([...INLINE_FLAGS, ...inlineCodeFlags(language)])));
  return flags;
}

/**
 * The code an interpreter command runs: inline, piped in, or the script file it names (bounded read). The
 * language's own inline flags come from the code reader (`R --expr`), beside the ones every language shares here.
 */
function interpreterCode(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  language: InterpreterLanguage,
): { code: string; file?: string } | undefined {
  const argv = cmd.argv;
  const inline = inlineFlagsFor(language);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (inline.has(a) || /^-[A-Za-z]*[ce]$/.test(a))
      return argv[i + 1] === undefined ? undefined : { code: argv[i + 1] };
    // `python -m http.server` serves files, nothing more: which folder it serves is judged as what leaves the machine (packs/outgoing).
    if (a === '-m')
      return argv[i + 1] === 'http.server' || argv[i + 1] === 'SimpleHTTPServer'
        ? undefined
        : { code: argv.slice(i + 1).join(' ') };
    if (a === '-') break;
    // `R --file=wipe.R`: the script named inside the flag.
    const named = a.startsWith('--file=') ? a.slice(7) : a;
    if (named === a && a.startsWith('-')) continue;
    if (cmd.dynamic[i]) return undefined;
    const text = ctx.readFile(named, cmd.cwd);
    return text === undefined ? undefined : { code: text, file: path.resolve(cmd.cwd, named) };
  }
  return cmd.stdin === undefined ? undefined : { code: cmd.stdin };
}

/** The file a background launch runs: the script an interpreter is given, or the program itself when it is a path. */
function launchedFile(cmd: SimpleCommand): string | undefined {
  const argv = cmd.argv;
  if (interpreterOf(argv[0]) || /^(?:ba|z|da|k)?sh$/.test(argv[0])) {
    const i = argv.findIndex((a, k) => k > 0 && !a.startsWith('-'));
    return i > 0 && !cmd.dynamic[i] ? path.resolve(cmd.cwd, argv[i]) : undefined;
  }
  // The program by path (`./bin/sync`): its spelling is in the source, which for a wrapped command is the wrapper's.
  const name = argv[0];
  const raw = cmd.source
    .split(/\s+/)
    .map((w) => w.replace(/^['"]|['"]$/g, ''))
    .find((w) => w.includes('/') && w.endsWith('/' + name));
  return raw && !raw.includes('$') ? path.resolve(cmd.cwd, raw) : undefined;
}

function listenerCommand(cmd: SimpleCommand): Finding | undefined {
  const [prog] = cmd.argv;
  if (prog === 'nc' || prog === 'ncat' || prog === 'netcat') {
    const unix = cmd.argv.some((a) => /^-[a-zA-Z]*U/.test(a));
    if (cmd.argv.some((a) => /^-[a-zA-Z]*l/.test(a) || a === '--listen')) {
      return unix
        ? guardFinding(
            'guard.unix-listener',
            `${prog} listens on a Unix socket, which could impersonate AgentGuard's approval channel`,
            cmd.source,
          )
        : guardFinding('guard.listener', `${prog} starts a network listener`, cmd.source, 50);
    }
  }
  if (prog === 'socat') {
    if (cmd.argv.some((a) => /^(?:UNIX-LISTEN|UNIX-RECV|ABSTRACT-LISTEN|ABSTRACT-RECV)/i.test(a)))
      return guardFinding(
        'guard.unix-listener',
        "socat listens on a Unix socket, which could impersonate AgentGuard's approval channel",
        cmd.source,
      );
    if (cmd.argv.some((a) => /LISTEN/i.test(a)))
      return guardFinding('guard.listener', 'socat starts a network listener', cmd.source, 50);
  }
  return undefined;
}

export const guardPack: Pack = {
  id: 'guard',
  commands: '*',
  analyze(cmd, ctx) {
    const out: Finding[] = [];
    const prog = cmd.argv[0] ?? '';
    // The expanded words can name what the source spells through variables.
    // The expanded words matter only where the source expands something (`$D/.agentguard.json`).
    const text = hinted(cmd.source)
      ? cmd.source
      : cmd.source.includes('$') && hinted(cmd.argv.join(' '))
        ? cmd.argv.join(' ')
        : undefined;
    // Pointing a command at another state folder (`AGENTGUARD_STATE_DIR=/tmp/x agentguard …`) is never only looking.
    if (text !== undefined && (!onlyLooks(cmd) || STATE_ASSIGNMENT.test(cmd.source))) {
      out.push(...referenceFindings(text, `'${prog}'`));
      if (prog === 'agentguard' && out.length === 0) {
        out.push(
          guardFinding(
            'guard.cli',
            `'agentguard ${cmd.argv[1] ?? ''}' changes how AgentGuard guards this machine`,
            cmd.argv.slice(0, 3).join(' '),
          ),
        );
      }
    }
    const listener = LISTENER_PROGRAMS.has(prog) ? listenerCommand(cmd) : undefined;
    if (listener) out.push(listener);
    // The reader's own table decides, in one map lookup for most programs: a hand-kept gate here drifted from it once.
    const language = interpreterOf(prog);
    if (language !== undefined) {
      const code = interpreterCode(cmd, ctx, language);
      if (code) {
        const where = code.file ? `the script ${code.file}` : `the ${prog} code`;
        for (const f of codeFindings(code.code, where)) if (!out.some((g) => g.id === f.id)) out.push(f);
      }
    }
    if (ctx.agentWritten && cmd.via.some((v) => BACKGROUND.test(v))) {
      const file = launchedFile(cmd);
      if (file && ctx.agentWritten(file)) {
        out.push(
          guardFinding(
            'guard.background-agent-code',
            `starts ${file}, a file an agent wrote, in the background, where it would keep running unseen`,
            file,
            50,
          ),
        );
      }
    }
    return out.length ? out : undefined;
  },
};
