// The launcher for macOS, Linux and every POSIX shell (Git Bash on Windows
// included): a /bin/sh script, so it runs where no Node does. Resolution is
// a handful of stat calls and globs, no subprocess; a hook call then runs the
// CLI as a child, under a watchdog, with its answer held until it exits, so
// a CLI that dies, hangs or prints garbage becomes the host's block.
import { EXTENSION_FOLDER_PREFIX, EXTENSION_ROOTS, SERVER_NODES, dataHome } from './editors';
import { hostLaunches, type LauncherBlock } from './blocks';
import { ANSWER_MARK, CLI_BUNDLE, CONFIRM_ARG, LAUNCHER_FORMAT, LAUNCHER_MARK, LAUNCHER_REASONS, LAUNCHER_UNAVAILABLE, SCRUBBED_ENV, type LauncherFailure, type LauncherRecord } from './index';

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
  return rel.split('*').map((part, i) => (part ? (i === 0 ? homeWord(part, home, dataHome) : shQuote(part)) : '')).join('*');
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

/** The launcher's text. `record` is also kept as a comment line, so a rewrite keeps what an earlier writer recorded. */
export function posixLauncher(record: LauncherRecord, home: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const hosts = hostLaunches();
  const data = dataHome(home, env);
  const roots = [...EXTENSION_ROOTS.map((r) => homeWord(r.path, home, data)), ...record.extensionRoots.map(shQuote)];
  const tryRuntime = (kind: string, p: string) => `  ag_try ${kind} ${shQuote(p)} && return 0`;
  const recordedNode = record.runtimes.filter((r) => r.kind === 'node').map((r) => tryRuntime('node', r.path));
  const recordedEditor = record.runtimes.filter((r) => r.kind === 'electron').map((r) => tryRuntime('electron', r.path));
  const lines = [
    '#!/bin/sh',
    `# ${LAUNCHER_MARK} ${LAUNCHER_FORMAT}: written by AgentGuard (\`agentguard install\`, and the editor extension when it starts); rewritten, never edited.`,
    `# agentguard-record ${JSON.stringify(record)}`,
    '#',
    '# The `agentguard` command every agent hook runs. At each call it finds the',
    '# CLI (the one a human pinned, else the newest AgentGuard in any editor\'s',
    '# extensions under the home it was written for) and a runtime for it (a recorded Node, node on PATH, an',
    '# editor\'s own runtime), and starts it with Node\'s loader variables unset.',
    '# A hook call the CLI does not answer, and confirm it judged, gets the host\'s block, never silence.',
    '',
    `unset ${SCRUBBED_ENV.join(' ')}`,
    '# A host that starts hooks without HOME still finds the extensions of the home this was written for.',
    `[ -n "$HOME" ] || HOME=${shQuote(home)}`,
    '',
    `ag_pinned=${shQuote(record.pinnedCli ?? '')}`,
    '',
    '# ag_newer A B: dotted version A is newer than B (fields compared as numbers, at most 9 digits, else 0).',
    'ag_newer() {',
    '  ag_a=$1 ag_b=$2',
    '  while [ -n "$ag_a$ag_b" ]; do',
    '    ag_x=${ag_a%%.*} ag_y=${ag_b%%.*}',
    '    case $ag_a in *.*) ag_a=${ag_a#*.} ;; *) ag_a= ;; esac',
    '    case $ag_b in *.*) ag_b=${ag_b#*.} ;; *) ag_b= ;; esac',
    '    case $ag_x in \'\'|*[!0-9]*|??????????*) ag_x=0 ;; esac',
    '    case $ag_y in \'\'|*[!0-9]*|??????????*) ag_y=0 ;; esac',
    '    [ "$ag_x" -gt "$ag_y" ] && return 0',
    '    [ "$ag_x" -lt "$ag_y" ] && return 1',
    '  done',
    '  return 1',
    '}',
    '',
    '# ag_complete CLI: the CLI and the bundle beside it are files with something in them (an update being unpacked is not).',
    'ag_complete() {',
    `  [ -f "$1" ] && [ -s "$1" ] && [ -f "\${1%/*}/${CLI_BUNDLE}" ] && [ -s "\${1%/*}/${CLI_BUNDLE}" ]`,
    '}',
    '',
    'ag_find_cli() {',
    '  ag_cli=',
    '  if [ -n "$ag_pinned" ] && ag_complete "$ag_pinned"; then ag_cli=$ag_pinned; return 0; fi',
    '  ag_best=',
    `  for ag_root in ${roots.join(' ')}; do`,
    `    for ag_dir in "$ag_root"/${EXTENSION_FOLDER_PREFIX}*; do`,
    '      ag_complete "$ag_dir/dist/cli.js" || continue',
    `      ag_v=\${ag_dir##*/${EXTENSION_FOLDER_PREFIX}}`,
    '      ag_v=${ag_v%%-*}',
    '      if [ -z "$ag_cli" ] || ag_newer "$ag_v" "$ag_best"; then ag_cli=$ag_dir/dist/cli.js ag_best=$ag_v; fi',
    '    done',
    '  done',
    '  [ -n "$ag_cli" ]',
    '}',
    '',
    'ag_try() {',
    '  [ -f "$2" ] && [ -x "$2" ] || return 1',
    '  ag_kind=$1 ag_rt=$2',
    '}',
    '',
    '# Only absolute PATH entries: a relative one is the caller\'s working folder.',
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
    'ag_find_runtime() {',
    '  ag_rt= ag_kind=',
    ...recordedNode,
    '  ag_path_node && return 0',
    ...recordedEditor,
    `  for ag_n in ${SERVER_NODES.map((n) => globWord(n, home, data)).join(' ')}; do`,
    '    ag_try node "$ag_n" && return 0',
    '  done',
    '  return 1',
    '}',
    '',
    'ag_trace() {',
    '  [ -n "$AGENTGUARD_LAUNCHER_TRACE" ] && printf \'agentguard launcher: %s\\n\' "$*" >&2',
    '  return 0',
    '}',
    '',
    '# ag_fail KIND DETAIL: the repair on stderr, and for a hook call the host\'s block.',
    'ag_fail() {',
    '  ag_reason=',
    '  case $1 in',
    ...(['missing', 'runtime', 'died'] as LauncherFailure[]).map((f) => `    ${f}) ag_reason=${shQuote(LAUNCHER_REASONS[f])} ;;`),
    '  esac',
    '  printf \'%s\\n\' "$ag_reason${2:+ ($2)}" >&2',
    `  [ "$ag_sub" = hook ] || exit ${LAUNCHER_UNAVAILABLE}`,
    '  case $1 in',
    ...(['missing', 'runtime', 'died'] as LauncherFailure[]).flatMap((f) => [`    ${f})`, ...blockLines(f, '      '), '      ;;']),
    '  esac',
    '  exit 2',
    '}',
    '',
    'ag_sub=$1 ag_host=$2',
    'ag_find_cli || ag_fail missing "no AgentGuard in any editor\'s extensions${ag_pinned:+, and $ag_pinned is gone}"',
    'ag_find_runtime || ag_fail runtime "no node on PATH"',
    '[ "$ag_kind" = electron ] && { ELECTRON_RUN_AS_NODE=1; export ELECTRON_RUN_AS_NODE; }',
    'ag_trace "cli $ag_cli, runtime $ag_rt ($ag_kind)"',
    '[ "$ag_sub" = hook ] || exec "$ag_rt" "$ag_cli" "$@"',
    '',
    '# A hook call: what the host reads must be an answer of the CLI, or the host\'s block.',
    'case $ag_host in',
    ...hosts.map((h) => `  ${h.host}) ag_budget=${h.budgetSeconds} ag_codes=' ${h.codes.join(' ')} ' ag_json=${h.json ? 1 : ''} ;;`),
    `  *) ag_budget=${Math.min(...hosts.map((h) => h.budgetSeconds))} ag_codes=' 2 ' ag_json=1 ;;`,
    'esac',
    '# A shorter budget may be asked for (tests, slow-to-fail setups); never a longer one.',
    'case $AGENTGUARD_LAUNCHER_BUDGET_SECONDS in',
    '  \'\'|*[!0-9]*|??????*) ;;',
    '  *) [ "$AGENTGUARD_LAUNCHER_BUDGET_SECONDS" -ge 1 ] && [ "$AGENTGUARD_LAUNCHER_BUDGET_SECONDS" -lt "$ag_budget" ] && ag_budget=$AGENTGUARD_LAUNCHER_BUDGET_SECONDS ;;',
    'esac',
    'ag_trace "hook budget $ag_budget s"',
    '',
    '# The CLI runs as a child that keeps the host\'s stdin (fd 3: a background job\'s own stdin is /dev/null);',
    '# a watchdog kills it past the budget. The watchdog\'s sleep dies with it, so no process outlives the call.',
    'ag_run() {',
    `  "$ag_rt" "$ag_cli" "$@" ${CONFIRM_ARG} <&3 3<&- &`,
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
    'case $ag_codes in',
    '  *" $ag_code "*) ;;',
    '  *) ag_fail died "$ag_cli on $ag_rt exited with $ag_code$([ "$ag_code" -gt 128 ] && printf \', killed by signal %s\' $((ag_code - 128)))" ;;',
    'esac',
    '# The CLI starts its stdout with the confirmation and its own exit code (core/launcher: ANSWER_MARK); the host reads what follows.',
    '# Exit 0 with nothing at all, what an empty or half-unpacked bundle gives, is no answer.',
    `ag_head="${ANSWER_MARK} $ag_code"`,
    "ag_nl='",
    "'",
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
      ? r.runtimes.filter((x): x is LauncherRecord['runtimes'][number] => !!x && typeof x.path === 'string' && (x.kind === 'node' || x.kind === 'electron'))
      : [];
    return { ...(typeof r.pinnedCli === 'string' && r.pinnedCli ? { pinnedCli: r.pinnedCli } : {}), runtimes, extensionRoots: strings(r.extensionRoots) };
  } catch {
    return undefined;
  }
}
