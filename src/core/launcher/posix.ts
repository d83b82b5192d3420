// The launcher for macOS, Linux and every POSIX shell (Git Bash on Windows
// included): a /bin/sh script, so it runs where no Node does. Resolution is
// a handful of stat calls and globs, no subprocess; a hook call then runs the
// CLI as a child, under a watchdog, with its answer held until it exits, so
// a CLI that dies, hangs or prints garbage becomes the host's block.
import * as fs from 'node:fs';
import { SERVER_NODES, dataHome } from './editors';
import { hostLaunches, type LauncherBlock } from './blocks';
import {
  ANSWER_MARK,
  CLI_BUNDLE,
  CONFIRM_ARG,
  LAUNCHER_FORMAT,
  LAUNCHER_MARK,
  LAUNCHER_REASONS,
  LAUNCHER_UNAVAILABLE,
  RESCUE_COMMANDS,
  RESCUE_DIR,
  SCRUBBED_ENV,
  type LauncherFailure,
  type LauncherRecord,
  type RecordedCli,
  type RecordedRuntime,
  BUNDLE_MISMATCH_EXIT,
  BUNDLE_PIN_ENV,
} from './index';

/** Single-quoted for sh: nothing inside is expanded. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A HOME-relative path from the tables, made absolute for the home the
 * launcher is written for, and quoted. Never `$HOME` or `$XDG_DATA_HOME` at
 * run time: whoever starts a hook can hand it any HOME, and a folder of its
 * own with a "newer AgentGuard" or a `node` in it would be run.
 */
function homeWord(rel: string, home: string, dataHome: string): string {
  if (rel.startsWith('/')) return shQuote(rel);
  const data = '$XDG_DATA_HOME/';
  return shQuote(rel.startsWith(data) ? `${dataHome}/${rel.slice(data.length)}` : `${home}/${rel}`);
}

/** A glob from SERVER_NODES: the fixed part quoted, `*` left to the shell. */
function globWord(rel: string, home: string, dataHome: string): string {
  return rel
    .split('*')
    .map((part, i) => (part ? (i === 0 ? homeWord(part, home, dataHome) : shQuote(part)) : ''))
    .join('*');
}

function blockLines(failure: LauncherFailure, indent: string): string[] {
  const byForm = new Map<string, { block: LauncherBlock; hosts: string[] }>();
  for (const h of hostLaunches()) {
    const b = h.blocks[failure];
    const key = JSON.stringify(b);
    const entry = byForm.get(key) ?? { block: b, hosts: [] };
    entry.hosts.push(h.host);
    byForm.set(key, entry);
  }
  const lines = [`${indent}case $ag_host in`];
  for (const { block, hosts } of byForm.values()) {
    const out = block.stdout ? `printf '%s' ${shQuote(block.stdout)}; ` : '';
    lines.push(`${indent}  ${hosts.join('|')}) ${out}exit ${block.exitCode} ;;`);
  }
  lines.push(`${indent}esac`);
  return lines;
}

/** `stat` and a sha256 tool at absolute paths (GNU coreutils, else the BSD tools; a different stamp only costs a hash). */
export function pinTools(): { stat: string; sha: string } {
  const first = (names: readonly string[]) =>
    names.find((p) => {
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  return {
    stat: first(['/usr/bin/stat', '/bin/stat']) ?? '/usr/bin/stat',
    sha: first(['/usr/bin/sha256sum', '/bin/sha256sum', '/usr/bin/shasum']) ?? '/usr/bin/sha256sum',
  };
}

/**
 * GNU timeout(1) at an absolute path, or undefined. Its `--foreground -s KILL`
 * is the watchdog in one process (no subshell, no `sleep` found on the
 * caller's PATH), and it exits as the CLI did: its code, or 128 + the signal
 * that ended it (9 when the budget ran out). Other timeouts (busybox's, the
 * BSDs', uutils') differ in options or exit codes: the shell's watchdog then.
 */
export function gnuTimeout(candidates: readonly string[] = ['/usr/bin/timeout', '/bin/timeout']): string | undefined {
  for (const p of candidates) {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      const st = fs.statSync(p);
      if (!st.isFile() || st.size > 4 * 1024 * 1024) continue;
      // --foreground came in coreutils 8.13: an older one would fail every call (a block, but for all of them).
      const bytes = fs.readFileSync(p);
      if (bytes.includes('GNU coreutils') && bytes.includes('--foreground')) return p;
    } catch {
      // next
    }
  }
  return undefined;
}

/** The lines that run the CLI for a hook call under the budget, its stdout in ag_out and its exit code in ag_code. */
function watchedRun(timeout: string | null): string[] {
  // No V8 option on the runtime's command line: any heap or compiler option changes V8's flag hash, and Node then
  // rejects the code cache of its own modules and compiles each one the CLI loads from source (about 8 ms a call).
  const cli = `"$ag_rt" "$ag_cli" "$@" ${CONFIRM_ARG}`;
  if (timeout)
    return [
      `# The CLI runs under GNU timeout at the path found when this was written (${timeout}), killed (signal 9) past`,
      "# the budget; timeout exits with the CLI, so no process outlives the call. It keeps the host's stdin.",
      `ag_out=$(${shQuote(timeout)} --foreground -s KILL "$ag_budget" ${cli})`,
      'ag_code=$?',
    ];
  return [
    "# The CLI runs as a child that keeps the host's stdin (fd 3: a background job's own stdin is /dev/null);",
    "# a watchdog kills it past the budget. The watchdog's sleep dies with it, so no process outlives the call.",
    'ag_run() {',
    `  ${cli} <&3 3<&- &`,
    '  ag_child=$!',
    '  (',
    '    trap \'kill "$ag_sleep" 2>/dev/null; exit 0\' TERM',
    '    sleep "$ag_budget" &',
    '    ag_sleep=$!',
    '    wait "$ag_sleep" && kill -9 "$ag_child" 2>/dev/null',
    '  ) </dev/null >/dev/null 2>&1 3<&- &',
    '  ag_dog=$!',
    '  wait "$ag_child"',
    '  ag_status=$?',
    '  kill "$ag_dog" 2>/dev/null',
    '  return "$ag_status"',
    '}',
    'exec 3<&0',
    'ag_out=$(ag_run "$@")',
    'ag_code=$?',
    'exec 3<&-',
  ];
}

/**
 * The launcher's text. `record` is also kept as a comment line, so a rewrite keeps what an earlier writer recorded.
 * `timeout`: GNU timeout's path, null for the shell's own watchdog.
 */
export function posixLauncher(
  record: LauncherRecord,
  home: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  timeout: string | null = gnuTimeout() ?? null,
): string {
  const hosts = hostLaunches();
  const data = dataHome(home, env);
  const tryCli = (c: RecordedCli) =>
    `  ag_use_cli ${shQuote(c.cli)} ${shQuote(c.stamp)} ${shQuote(c.sha256)} ${shQuote(c.bundleSha256)} && return 0`;
  const pinned = (r: RecordedRuntime) => r.sha256 !== undefined && r.stamp !== undefined;
  const tryRuntime = (r: RecordedRuntime) =>
    `  ag_try ${r.kind} ${shQuote(r.path)} ${shQuote(r.stamp ?? '')} ${shQuote(r.sha256 ?? '')} && return 0`;
  const recorded = record.runtimes.filter(pinned);
  const recordedRuntimes = [
    ...recorded.filter((r) => r.kind === 'node'),
    ...recorded.filter((r) => r.kind === 'electron'),
  ].map(tryRuntime);
  const tools = pinTools();
  const lines = [
    '#!/bin/sh',
    `# ${LAUNCHER_MARK} ${LAUNCHER_FORMAT}: written by AgentGuard (\`agentguard install\`, and the editor extension when it starts); rewritten, never edited.`,
    `# agentguard-record ${JSON.stringify(record)}`,
    '#',
    '# The `agentguard` command every agent hook runs. At each call it finds the',
    '# CLI (the one a human pinned, else the newest AgentGuard an editor registered, as recorded below)',
    '# and a runtime for it (a recorded Node or editor runtime; node on PATH only when none was recorded),',
    "# checks both are what was hashed when recorded, and starts it with Node's loader variables unset.",
    "# A hook call the CLI does not answer, and confirm it judged, gets the host's block, never silence.",
    '',
    `unset ${SCRUBBED_ENV.join(' ')}`,
    '# A host that starts hooks without HOME still finds the extensions of the home this was written for.',
    `[ -n "$HOME" ] || HOME=${shQuote(home)}`,
    '',
    '# Tools at the paths found when this was written: never whatever PATH a caller hands the hook.',
    `ag_stat=${shQuote(tools.stat)} ag_sha=${shQuote(tools.sha)} ag_sha_opt=${tools.sha.endsWith('shasum') ? "'-a 256'" : "''"}`,
    "ag_nl='",
    "'",
    '',
    '# ag_complete CLI: the CLI and the bundle beside it are files with something in them (an update being unpacked is not).',
    'ag_complete() {',
    `  [ -f "$1" ] && [ -s "$1" ] && [ -f "\${1%/*}/${CLI_BUNDLE}" ] && [ -s "\${1%/*}/${CLI_BUNDLE}" ]`,
    '}',
    '',
    '# Only the CLIs recorded here run (the pin, then newest first): each was hashed when an editor or',
    '# `agentguard install` recorded it, and a folder that only looks like a newer AgentGuard is never one of them.',
    'ag_use_cli() {',
    '  ag_complete "$1" || return 1',
    '  ag_cli=$1 ag_cli_stamp=$2 ag_cli_sha=$3 ag_bundle_sha=$4',
    '}',
    '',
    'ag_find_cli() {',
    '  ag_cli=',
    ...(record.clis ?? []).map(tryCli),
    '  return 1',
    '}',
    '',
    'ag_try() {',
    '  [ -f "$2" ] && [ -x "$2" ] || return 1',
    '  ag_kind=$1 ag_rt=$2 ag_rt_stamp=$3 ag_rt_sha=$4',
    '}',
    '',
    "# Only absolute PATH entries: a relative one is the caller's working folder.",
    'ag_path_node() {',
    '  ag_p=$PATH',
    '  while [ -n "$ag_p" ]; do',
    '    ag_d=${ag_p%%:*}',
    '    case $ag_p in *:*) ag_p=${ag_p#*:} ;; *) ag_p= ;; esac',
    '    case $ag_d in /*) ag_try node "$ag_d/node" && return 0 ;; esac',
    '  done',
    '  return 1',
    '}',
    '',
    // A recorded runtime is the only one: `node` on PATH is wherever the agent put one first.
    'ag_find_runtime() {',
    '  ag_rt= ag_kind= ag_rt_stamp= ag_rt_sha=',
    ...(recordedRuntimes.length
      ? [...recordedRuntimes, '  return 1']
      : [
          '  ag_path_node && return 0',
          `  for ag_n in ${SERVER_NODES.map((n) => globWord(n, home, data)).join(' ')}; do`,
          '    ag_try node "$ag_n" && return 0',
          '  done',
          '  return 1',
        ]),
    '}',
    '',
    '# ag_sum FILE: its sha256 (the slow path, when a stamp differs).',
    'ag_sum() {',
    '  ag_h=$("$ag_sha" $ag_sha_opt "$1" 2>/dev/null) || ag_h=',
    '  printf \'%s\' "${ag_h%% *}"',
    '}',
    '',
    '# The runtime and the CLI are the files that were hashed: equal stamps (device, inode, size, change time,',
    "# which no process of the user can set back), else equal content. Anything else is the host's block.",
    'ag_verify() {',
    '  if [ -n "$ag_rt_stamp" ]; then',
    '    ag_seen=$("$ag_stat" -L -c \'%d:%i:%s:%.9Z\' "$ag_rt" "$ag_cli" 2>/dev/null)',
    '    [ "$ag_seen" = "$ag_rt_stamp$ag_nl$ag_cli_stamp" ] && return 0',
    '    [ "$(ag_sum "$ag_rt")" = "$ag_rt_sha" ] || ag_fail tampered "$ag_rt is not the runtime AgentGuard recorded"',
    '  else',
    '    ag_seen=$("$ag_stat" -L -c \'%d:%i:%s:%.9Z\' "$ag_cli" 2>/dev/null)',
    '    [ "$ag_seen" = "$ag_cli_stamp" ] && return 0',
    '  fi',
    '  [ "$(ag_sum "$ag_cli")" = "$ag_cli_sha" ] || ag_fail tampered "$ag_cli is not the CLI AgentGuard recorded"',
    '}',
    '',
    'ag_trace() {',
    '  [ -n "$AGENTGUARD_LAUNCHER_TRACE" ] && printf \'agentguard launcher: %s\\n\' "$*" >&2',
    '  return 0',
    '}',
    '',
    "# ag_fail KIND DETAIL: the repair on stderr, and for a hook call the host's block.",
    'ag_fail() {',
    '  ag_reason=',
    '  case $1 in',
    ...(['missing', 'runtime', 'died', 'tampered'] as LauncherFailure[]).map(
      (f) => `    ${f}) ag_reason=${shQuote(LAUNCHER_REASONS[f])} ;;`,
    ),
    '  esac',
    '  printf \'%s\\n\' "$ag_reason${2:+ ($2)}" >&2',
    `  [ "$ag_sub" = hook ] || exit ${LAUNCHER_UNAVAILABLE}`,
    '  case $1 in',
    ...(['missing', 'runtime', 'died', 'tampered'] as LauncherFailure[]).flatMap((f) => [
      `    ${f})`,
      ...blockLines(f, '      '),
      '      ;;',
    ]),
    '  esac',
    '  exit 2',
    '}',
    '',
    'ag_sub=$1 ag_host=$2',
    "# `hook --help` is a human reading the usage, not a host's call: run as any other command.",
    'case $ag_sub:$ag_host in hook:-h|hook:--help) ag_sub=hook-help ;; esac',
    '# With the CLI gone, the way out still works: `uninstall` and `doctor` run the copy `install` kept (never a hook call, never pinned).',
    `ag_rescue=${shQuote(`${home}/${RESCUE_DIR}/cli.js`)}`,
    'ag_rescued=',
    'if ! ag_find_cli; then',
    `  case $ag_sub in ${RESCUE_COMMANDS.join('|')})`,
    '    ag_complete "$ag_rescue" && ag_cli=$ag_rescue && ag_rescued=1 && printf \'%s\\n\' "AgentGuard: the CLI is gone; $ag_sub runs the copy install kept ($ag_rescue)." >&2 ;;',
    '  esac',
    '  [ -n "$ag_cli" ] || ag_fail missing "no AgentGuard that an editor or agentguard install recorded is there"',
    'fi',
    `ag_find_runtime || ag_fail runtime ${shQuote(recordedRuntimes.length ? 'no runtime AgentGuard recorded is there' : 'no node on PATH')}`,
    '[ -n "$ag_rescued" ] || ag_verify',
    `${BUNDLE_PIN_ENV}=$ag_bundle_sha; export ${BUNDLE_PIN_ENV}`,
    '[ "$ag_kind" = electron ] && { ELECTRON_RUN_AS_NODE=1; export ELECTRON_RUN_AS_NODE; }',
    'ag_trace "cli $ag_cli, runtime $ag_rt ($ag_kind)"',
    '[ "$ag_sub" = hook ] || exec "$ag_rt" "$ag_cli" "$@"',
    '',
    "# A hook call: what the host reads must be an answer of the CLI, or the host's block.",
    'case $ag_host in',
    ...hosts.map(
      (h) =>
        `  ${h.host}) ag_budget=${h.budgetSeconds} ag_codes=' ${h.codes.join(' ')} ' ag_json=${h.json ? 1 : ''} ;;`,
    ),
    `  *) ag_budget=${Math.min(...hosts.map((h) => h.budgetSeconds))} ag_codes=' 2 ' ag_json=1 ;;`,
    'esac',
    '# A shorter budget may be asked for (tests, slow-to-fail setups); never a longer one.',
    'case $AGENTGUARD_LAUNCHER_BUDGET_SECONDS in',
    "  ''|*[!0-9]*|??????*) ;;",
    '  *) [ "$AGENTGUARD_LAUNCHER_BUDGET_SECONDS" -ge 1 ] && [ "$AGENTGUARD_LAUNCHER_BUDGET_SECONDS" -lt "$ag_budget" ] && ag_budget=$AGENTGUARD_LAUNCHER_BUDGET_SECONDS ;;',
    'esac',
    'ag_trace "hook budget $ag_budget s"',
    '',
    ...watchedRun(timeout),
    `[ "$ag_code" = ${BUNDLE_MISMATCH_EXIT} ] && ag_fail tampered "the bundle beside $ag_cli is not the one AgentGuard recorded"`,
    'case $ag_codes in',
    '  *" $ag_code "*) ;;',
    '  *) ag_fail died "$ag_cli on $ag_rt exited with $ag_code$([ "$ag_code" -gt 128 ] && printf \', killed by signal %s\' $((ag_code - 128)))" ;;',
    'esac',
    '# The CLI starts its stdout with the confirmation and its own exit code (core/launcher: ANSWER_MARK); the host reads what follows.',
    '# Exit 0 with nothing at all, what an empty or half-unpacked bundle gives, is no answer.',
    `ag_head="${ANSWER_MARK} $ag_code"`,
    'case $ag_out in',
    '  "$ag_head") ag_out= ;;',
    '  "$ag_head$ag_nl"*) ag_out=${ag_out#"$ag_head$ag_nl"} ;;',
    '  *) ag_fail died "$ag_cli on $ag_rt exited with $ag_code without confirming an answer (an incomplete install, or a CLI older than this launcher)" ;;',
    'esac',
    'if [ "$ag_code" = 0 ] && [ -n "$ag_json" ] && [ -n "$ag_out" ]; then',
    '  case $ag_out in',
    '    "{"*"}") ;;',
    '    *) ag_fail died "$ag_cli printed no answer its host can read" ;;',
    '  esac',
    'fi',
    '[ -n "$ag_out" ] && printf \'%s\\n\' "$ag_out"',
    'exit "$ag_code"',
    '',
  ];
  return lines.join('\n');
}

/** The record a launcher was written with (from its comment line), or undefined when the text is not a launcher. */
export function readLauncherRecord(text: string): LauncherRecord | undefined {
  if (!text.includes(LAUNCHER_MARK)) return undefined;
  const m = /agentguard-record (\{.*\})\s*$/m.exec(text);
  if (!m) return undefined;
  try {
    const r = JSON.parse(m[1]) as Partial<LauncherRecord>;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const runtimes = Array.isArray(r.runtimes)
      ? r.runtimes.filter(
          (x): x is LauncherRecord['runtimes'][number] =>
            !!x && typeof x.path === 'string' && (x.kind === 'node' || x.kind === 'electron'),
        )
      : [];
    const hex = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
    const clis = Array.isArray(r.clis)
      ? r.clis.filter(
          (c): c is RecordedCli =>
            !!c && typeof c.cli === 'string' && hex(c.sha256) && hex(c.bundleSha256) && typeof c.stamp === 'string',
        )
      : undefined;
    return {
      ...(typeof r.pinnedCli === 'string' && r.pinnedCli ? { pinnedCli: r.pinnedCli } : {}),
      runtimes,
      extensionRoots: strings(r.extensionRoots),
      ...(clis ? { clis } : {}),
    };
  } catch {
    return undefined;
  }
}
