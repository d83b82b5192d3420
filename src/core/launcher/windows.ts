// The launcher for Windows shells (cmd, PowerShell): `agentguard.cmd` finds a
// runtime (a recorded Node or editor runtime, by the absolute path it was
// recorded at; node.exe on PATH only when none was recorded) with Node's
// loader variables cleared, and runs `agentguard-resolve.js` beside it, which
// runs only a CLI the record lists (the pin, the writer's own, those an editor
// registered in its extensions.json), checked by the sha256 of its cli.js,
// and hands it its bundle's recorded hash, as the POSIX launcher does. A batch
// file cannot hash: the runtime is trusted by its recorded path (docs/security.md
// says why no size check). A batch file cannot hold a
// child's output, so on Windows the launcher turns a CLI that cannot start or
// dies into the host's block, but a CLI that hangs is bounded only by its
// own deadline. The resolver, in the CLI's process, holds every hook call to
// an answer the CLI confirmed (core/launcher: ANSWER_SLOT): a CLI that ends
// without one (an empty bundle ends at once, exit 0, nothing written) gets
// the host's block at exit.
import * as path from 'node:path';
import { hostLaunches } from './blocks';
import {
  ANSWER_SLOT,
  BUNDLE_MISMATCH_EXIT,
  BUNDLE_PIN_ENV,
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

/** A path a batch file cannot hold (a `%` would expand, a quote would end the word) is left out, of both files alike. */
function batchSafe(record: LauncherRecord): LauncherRecord {
  const ok = (p: string) => !/["%\r\n]/.test(p);
  return {
    ...(record.pinnedCli && ok(record.pinnedCli) ? { pinnedCli: record.pinnedCli } : {}),
    runtimes: record.runtimes.filter((r) => ok(r.path)),
    extensionRoots: record.extensionRoots.filter(ok),
    ...(record.clis ? { clis: record.clis.filter((c) => ok(c.cli)) } : {}),
  };
}

/** The runtimes the launcher tries, recorded Node first: those hashed when recorded, as the POSIX launcher counts them. */
function recordedRuntimes(record: LauncherRecord): LauncherRecord['runtimes'] {
  const pinned = record.runtimes.filter((r) => r.sha256 !== undefined && r.stamp !== undefined);
  return [...pinned.filter((r) => r.kind === 'node'), ...pinned.filter((r) => r.kind === 'electron')];
}

/** cmd.exe reads at most 8191 characters of a line: the record kept for the next writer stays under it. */
const MAX_BATCH_LINE = 8000;

/**
 * The record as the comment line keeps it for the next writer. With a record
 * too long for one batch line, the oldest CLIs are left out of the comment
 * (the resolver holds them all; the next writer hashes again what an editor
 * still lists).
 */
function recordLine(record: LauncherRecord): string {
  let kept = record;
  let text = JSON.stringify(kept);
  while (text.length > MAX_BATCH_LINE && kept.clis && kept.clis.length > 0) {
    kept = { ...kept, clis: kept.clis.slice(0, -1) };
    text = JSON.stringify(kept);
  }
  return text;
}

export function windowsLauncher(full: LauncherRecord): string {
  const record = batchSafe(full);
  const runtime = (kind: string, p: string) =>
    `if not defined AG_RT if exist "${batchPath(p)}" (set "AG_RT=${batchPath(p)}" & set "AG_KIND=${kind}")`;
  const hosts = hostLaunches();
  const recorded = recordedRuntimes(record);
  const lines = [
    '@echo off',
    `rem ${LAUNCHER_MARK} ${LAUNCHER_FORMAT}: written by AgentGuard (agentguard install, and the editor extension when it starts); rewritten, never edited.`,
    `rem agentguard-record ${echoable(recordLine(record))}`,
    'rem The agentguard command every agent hook runs: finds a recorded runtime (PATH only when none was recorded), then agentguard-resolve.js runs a recorded CLI it checked.',
    'setlocal EnableExtensions DisableDelayedExpansion',
    `for %%V in (${SCRUBBED_ENV.join(' ')}) do set "%%V="`,
    'set "AG_RT="',
    'set "AG_KIND="',
    // A recorded runtime is the only one: node.exe on PATH is wherever the agent put one first.
    ...(recorded.length
      ? recorded.map((r) => runtime(r.kind, r.path))
      : [
          'if not defined AG_RT for %%X in (node.exe) do if not "%%~$PATH:X"=="" (set "AG_RT=%%~$PATH:X" & set "AG_KIND=node")',
        ]),
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
export function windowsResolver(full: LauncherRecord, home: string): string {
  const record = batchSafe(full);
  const blocks = Object.fromEntries(hostLaunches().map((h) => [h.host, h.blocks]));
  const p = /^[A-Za-z]:[\\/]|^\\\\/.test(home) ? path.win32 : path.posix;
  const clis = (record.clis ?? []).map((c) => ({ cli: c.cli, sha256: c.sha256, bundleSha256: c.bundleSha256 }));
  return `// ${LAUNCHER_MARK} ${LAUNCHER_FORMAT}: written by AgentGuard with agentguard.cmd; rewritten, never edited.
// Runs the CLI agentguard.cmd was written for: only one recorded below (the
// pin, the writer's own, each AgentGuard an editor registered in its
// extensions.json; newest first), whose dist/cli.js hashes to what was
// recorded. It compiles the bytes it hashed in this process and hands the CLI
// its bundle's recorded hash, so the CLI compiles only a bundle that matches.
// A hook call that ends without an answer the CLI confirmed gets the host's block.
'use strict';
const fs = require('fs');
const path = require('path');

const PINNED = ${JSON.stringify(record.pinnedCli ?? '')};
// The copy \`install\` kept of a pinned CLI: \`uninstall\` and \`doctor\` run it once nothing else is left, never a hook call.
const RESCUE = ${JSON.stringify(p.join(home, ...RESCUE_DIR.split('/'), 'cli.js'))};
const RESCUE_COMMANDS = ${JSON.stringify(RESCUE_COMMANDS)};
const CLIS = ${JSON.stringify(clis)};
const BUNDLE_PIN_ENV = ${JSON.stringify(BUNDLE_PIN_ENV)};
const BUNDLE_MISMATCH_EXIT = ${BUNDLE_MISMATCH_EXIT};
const REASONS = ${JSON.stringify(LAUNCHER_REASONS)};
const BLOCKS = ${JSON.stringify(blocks)};

// A CLI and the bundle beside it with something in them: an update the editor is still unpacking is not complete.
function complete(cli) {
  const full = (p) => { try { const st = fs.statSync(p); return st.isFile() && st.size > 0; } catch { return false; } };
  return full(cli) && full(path.join(path.dirname(cli), ${JSON.stringify(CLI_BUNDLE)}));
}

// The first recorded CLI that is there and complete; its content is checked next, and a mismatch is the host's block.
function findCli() {
  for (const c of CLIS) if (complete(c.cli)) return c;
  return undefined;
}

// The file's bytes, read once: what is hashed is what runs (a CLI is ~100 KB; anything past 64 MB is not one).
function readCli(file) {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > 64 * 1024 * 1024) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
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

const found = findCli();
let cli = found && found.cli;
if (!found && RESCUE_COMMANDS.includes(process.argv[2]) && complete(RESCUE)) {
  cli = RESCUE;
  try { fs.writeSync(2, 'AgentGuard: ' + (PINNED || 'the CLI') + ' is gone; ' + process.argv[2] + ' runs the copy install kept (' + RESCUE + ').\\n'); } catch {}
}
if (!cli) fail('missing', 'no AgentGuard that an editor or agentguard install recorded is there' + (PINNED ? ', and ' + PINNED + ' is gone' : ''));
let source;
if (found) {
  const bytes = readCli(cli);
  if (!bytes) fail('died', cli + ' could not be read');
  if (require('crypto').createHash('sha256').update(bytes).digest('hex') !== found.sha256)
    fail('tampered', cli + ' is not the CLI AgentGuard recorded');
  source = bytes.toString('utf8').replace(/^\\uFEFF/, '');
  // Set here whatever the caller's environment held; the CLI reads and removes it, and compiles only a bundle that matches.
  process.env[BUNDLE_PIN_ENV] = found.bundleSha256;
} else {
  // The rescue copy is run as install left it (uninstall and doctor only), as the POSIX launcher runs it.
  delete process.env[BUNDLE_PIN_ENV];
}
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
    if (answer.exitCode === undefined && code === BUNDLE_MISMATCH_EXIT) {
      process.exitCode = block('tampered', 'the bundle beside ' + cli + ' is not the one AgentGuard recorded');
    } else if (answer.exitCode === undefined) {
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
  if (source === undefined) {
    require(cli);
  } else {
    // What require(cli) does, on the bytes that were hashed: a file swapped after the check is never read.
    const Module = require('module');
    const mod = new Module(cli, module);
    mod.filename = cli;
    mod.paths = Module._nodeModulePaths(path.dirname(cli));
    mod._compile(source, cli);
    mod.loaded = true;
  }
} catch (err) {
  fail('died', cli + ' could not load: ' + (err && err.message));
}
`;
}
