// The launcher for Windows shells (cmd, PowerShell): `agentguard.cmd` finds a
// runtime (a recorded Node, node.exe on PATH, an editor runtime) with Node's
// loader variables cleared, and runs `agentguard-resolve.js` beside it, which
// finds the CLI (pinned, else the newest AgentGuard in any editor's extension
// folder) and loads it in the same process. A batch file cannot hold a
// child's output, so on Windows the launcher turns a CLI that cannot start or
// dies into the host's block, but a CLI that hangs is bounded only by its
// own deadline. The resolver, in the CLI's process, holds every hook call to
// an answer the CLI confirmed (core/launcher: ANSWER_SLOT): a CLI that ends
// without one (an empty bundle ends at once, exit 0, nothing written) gets
// the host's block at exit.
import * as path from 'node:path';
import { EXTENSION_FOLDER_PREFIX, EXTENSION_ROOTS } from './editors';
import { hostLaunches } from './blocks';
import {
  ANSWER_SLOT,
  CLI_BUNDLE,
  LAUNCHER_FORMAT,
  LAUNCHER_MARK,
  LAUNCHER_REASONS,
  LAUNCHER_UNAVAILABLE,
  RESCUE_COMMANDS,
  RESCUE_DIR,
  SCRUBBED_ENV,
  type LauncherFailure,
  type LauncherRecord,
} from './index';

const FAILURES: LauncherFailure[] = ['missing', 'runtime', 'died'];

/** A path inside a batch `"…"` word: a quote cannot occur in a Windows path, `%` would expand. */
function batchPath(p: string): string {
  if (/["%\r\n]/.test(p)) throw new Error(`cannot write ${JSON.stringify(p)} into a batch file`);
  return p;
}

/** A line echoed by a batch file: JSON and the reasons hold no `%`, `^`, `&`, `|`, `<`, `>` outside quotes. */
function echoable(text: string): string {
  if (/[%\r\n]/.test(text)) throw new Error(`cannot echo ${JSON.stringify(text)} from a batch file`);
  return text;
}

/** A path a batch file cannot hold (a `%` would expand, a quote would end the word) is left out: the search finds the rest. */
function batchSafe(record: LauncherRecord): LauncherRecord {
  const ok = (p: string) => !/["%\r\n]/.test(p);
  return {
    ...(record.pinnedCli && ok(record.pinnedCli) ? { pinnedCli: record.pinnedCli } : {}),
    runtimes: record.runtimes.filter((r) => ok(r.path)),
    extensionRoots: record.extensionRoots.filter(ok),
  };
}

export function windowsLauncher(full: LauncherRecord): string {
  const record = batchSafe(full);
  const runtime = (kind: string, p: string) =>
    `if not defined AG_RT if exist "${batchPath(p)}" (set "AG_RT=${batchPath(p)}" & set "AG_KIND=${kind}")`;
  const hosts = hostLaunches();
  const lines = [
    '@echo off',
    `rem ${LAUNCHER_MARK} ${LAUNCHER_FORMAT}: written by AgentGuard (agentguard install, and the editor extension when it starts); rewritten, never edited.`,
    `rem agentguard-record ${echoable(JSON.stringify(record))}`,
    'rem The agentguard command every agent hook runs: finds a runtime, then agentguard-resolve.js finds the CLI.',
    'setlocal EnableExtensions DisableDelayedExpansion',
    `for %%V in (${SCRUBBED_ENV.join(' ')}) do set "%%V="`,
    'set "AG_RT="',
    'set "AG_KIND="',
    ...record.runtimes.filter((r) => r.kind === 'node').map((r) => runtime('node', r.path)),
    'if not defined AG_RT for %%X in (node.exe) do if not "%%~$PATH:X"=="" (set "AG_RT=%%~$PATH:X" & set "AG_KIND=node")',
    ...record.runtimes.filter((r) => r.kind === 'electron').map((r) => runtime('electron', r.path)),
    'set "AG_FAIL=runtime"',
    'if not defined AG_RT goto :ag_fail',
    'if "%AG_KIND%"=="electron" set "ELECTRON_RUN_AS_NODE=1"',
    '"%AG_RT%" "%~dp0agentguard-resolve.js" %*',
    'set "AG_CODE=%ERRORLEVEL%"',
    'if /i not "%~1"=="hook" exit /b %AG_CODE%',
    'if "%AG_CODE%"=="0" exit /b 0',
    'if "%AG_CODE%"=="2" exit /b 2',
    // Hosts that read more exit codes as an answer (Amp's 1, ask).
    ...hosts.flatMap((h) =>
      h.codes
        .filter((c) => c !== 0 && c !== 2)
        .map((c) => `if /i "%~2"=="${h.host}" if "%AG_CODE%"=="${c}" exit /b ${c}`),
    ),
    'set "AG_FAIL=died"',
    ':ag_fail',
    ...FAILURES.map((f) => `if "%AG_FAIL%"=="${f}" >&2 echo ${echoable(LAUNCHER_REASONS[f])}`),
    `if /i not "%~1"=="hook" exit /b ${LAUNCHER_UNAVAILABLE}`,
  ];
  const labels: string[] = [];
  for (const f of FAILURES) {
    for (const h of hosts) {
      const b = h.blocks[f];
      if (!b.stdout) continue;
      const label = `ag_${f}_${h.host.replace(/\W/g, '_')}`;
      lines.push(`if "%AG_FAIL%"=="${f}" if /i "%~2"=="${h.host}" goto :${label}`);
      labels.push(`:${label}`, `echo ${echoable(b.stdout.trimEnd())}`, `exit /b ${b.exitCode}`);
    }
  }
  lines.push('exit /b 2', ...labels, '');
  return lines.join('\r\n');
}

/** The resolver the Windows launcher runs: plain CommonJS for any Node the launcher found. */
export function windowsResolver(
  record: LauncherRecord,
  home: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const blocks = Object.fromEntries(hostLaunches().map((h) => [h.host, h.blocks]));
  // The extension folders of the home it is written for, absolute: never the USERPROFILE a hook is handed.
  const p = /^[A-Za-z]:[\\/]|^\\\\/.test(home) ? path.win32 : path.posix;
  const data =
    env.XDG_DATA_HOME && p.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : p.join(home, '.local', 'share');
  const roots = EXTENSION_ROOTS.map((r) =>
    r.path.startsWith('$XDG_DATA_HOME/') ? p.join(data, r.path.slice(15)) : p.join(home, r.path),
  );
  return `// ${LAUNCHER_MARK} ${LAUNCHER_FORMAT}: written by AgentGuard with agentguard.cmd; rewritten, never edited.
// Finds the CLI agentguard.cmd runs (the one a human pinned, else the newest
// complete AgentGuard in any editor's extension folder) and loads it in this
// process; a hook call that ends without an answer the CLI confirmed gets the
// host's block.
'use strict';
const fs = require('fs');
const path = require('path');

const PINNED = ${JSON.stringify(record.pinnedCli ?? '')};
// The copy \`install\` kept of a pinned CLI: \`uninstall\` and \`doctor\` run it once nothing else is left, never a hook call.
const RESCUE = ${JSON.stringify(p.join(home, ...RESCUE_DIR.split('/'), 'cli.js'))};
const RESCUE_COMMANDS = ${JSON.stringify(RESCUE_COMMANDS)};
const ROOTS = ${JSON.stringify(roots)}.concat(${JSON.stringify(record.extensionRoots)});
const PREFIX = ${JSON.stringify(EXTENSION_FOLDER_PREFIX)};
const REASONS = ${JSON.stringify(LAUNCHER_REASONS)};
const BLOCKS = ${JSON.stringify(blocks)};

// A CLI and the bundle beside it with something in them: an update the editor is still unpacking is not complete.
function complete(cli) {
  const full = (p) => { try { const st = fs.statSync(p); return st.isFile() && st.size > 0; } catch { return false; } };
  return full(cli) && full(path.join(path.dirname(cli), ${JSON.stringify(CLI_BUNDLE)}));
}

function field(s) {
  return s && /^\\d{1,9}$/.test(s) ? Number(s) : 0;
}

function newer(a, b) {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (field(x[i]) !== field(y[i])) return field(x[i]) > field(y[i]);
  return false;
}

function findCli() {
  if (PINNED && complete(PINNED)) return PINNED;
  let best;
  let bestVersion = '';
  for (const root of ROOTS) {
    let names = [];
    try { names = fs.readdirSync(root); } catch { continue; }
    for (const name of names) {
      if (!name.toLowerCase().startsWith(PREFIX)) continue;
      const cli = path.join(root, name, 'dist', 'cli.js');
      const version = name.slice(PREFIX.length).split('-')[0];
      if (complete(cli) && (!best || newer(version, bestVersion))) {
        best = cli;
        bestVersion = version;
      }
    }
  }
  return best;
}

let blocked = false;

// The block in the host's form: written with fs, which also works in an exit listener.
function block(kind, detail) {
  blocked = true;
  try { fs.writeSync(2, REASONS[kind] + (detail ? ' (' + detail + ')' : '') + '\\n'); } catch {}
  if (process.argv[2] !== 'hook') return ${LAUNCHER_UNAVAILABLE};
  const form = (BLOCKS[process.argv[3]] || {})[kind] || { stdout: '', exitCode: 2 };
  try { if (form.stdout) fs.writeSync(1, form.stdout); } catch {}
  return form.exitCode;
}

function fail(kind, detail) {
  process.exit(block(kind, detail));
}

let cli = findCli();
if (!cli && RESCUE_COMMANDS.includes(process.argv[2]) && complete(RESCUE)) {
  cli = RESCUE;
  try { fs.writeSync(2, 'AgentGuard: ' + (PINNED || 'the CLI') + ' is gone; ' + process.argv[2] + ' runs the copy install kept (' + RESCUE + ').\\n'); } catch {}
}
if (!cli) fail('missing', 'no AgentGuard in any editor\\'s extensions' + (PINNED ? ', and ' + PINNED + ' is gone' : ''));
if (process.env.AGENTGUARD_LAUNCHER_TRACE) process.stderr.write('agentguard launcher: cli ' + cli + ', runtime ' + process.execPath + '\\n');
process.argv[1] = cli;
// \`hook --help\` is a human reading the usage, not a host's call.
const HOOK_CALL = process.argv[2] === 'hook' && !process.argv.slice(3).some((a) => a === '--help' || a === '-h');
if (HOOK_CALL) {
  // The CLI records here the exit code of the answer it wrote. Checked last, after the CLI's own exit listeners.
  const answer = {};
  globalThis[Symbol.for(${JSON.stringify(ANSWER_SLOT)})] = answer;
  process.on('exit', () => {
    if (blocked) return;
    const code = process.exitCode === undefined ? 0 : Number(process.exitCode);
    if (answer.exitCode === undefined) {
      process.exitCode = block('died', cli + ' exited with ' + code + ' without confirming an answer (an incomplete install, or a CLI older than this launcher)');
    } else if (answer.exitCode !== code) {
      // The answer is out already: only its exit code can still say blocked.
      blocked = true;
      try { fs.writeSync(2, REASONS.died + ' (' + cli + ' answered with exit ' + answer.exitCode + ' but exited with ' + code + ')\\n'); } catch {}
      process.exitCode = 2;
    }
  });
}
try {
  require(cli);
} catch (err) {
  fail('died', cli + ' could not load: ' + (err && err.message));
}
`;
}
