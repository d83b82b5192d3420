// A script or program text an interpreter is handed that is only known when the line runs: `bash "$F"`,
// `python3 "$SCRIPT"`, `xargs -n1 bash < list`, `python3 -c "$CODE"`, `node -e "$JS"`, `python3 -m "$M"`. These are
// programs built at run time, asked about as `sh -c "$CMD"` and `$CMD` are (packs/unknown.ts). A script whose folder
// alone is unknown (`bash "$ROOT/scripts/build.sh"`) is judged by its name, as running `"$ROOT/scripts/build.sh"` is;
// inline code with a value inside it (`python3 -c "print('$X')"`) is read for what it plainly does, as before.
import type { Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';
import { fileNamedAtRunTime } from '../../text/runTimeMarks';

const ALTERNATIVE = 'write the script to a file in the workspace, or the code out in full, so it can be read first';

/** The finding for `name` running `what` (a script, code or a module) known only when the line runs. */
export function runTimeScriptFinding(name: string, what: 'script' | 'code' | 'module', word: string): Finding {
  const shown = word.replace(/\u0001/g, '').slice(0, 120);
  return finding(
    'parse.unknown-program',
    50,
    `${name} runs ${what === 'code' ? 'code' : `a ${what}`} known only when the command runs (${shown.slice(0, 60)}), so AgentGuard cannot read what it would do`,
    shown,
    ALTERNATIVE,
  );
}

/** Runtimes whose first word after their options is the script they run. */
const FIRST_OPERAND = new Set(
  'fish tsx ts-node osascript Rscript lua luajit julia tclsh swift elixir groovy'.split(' '),
);
/** Runtimes whose subcommand runs the script after it (`deno run F`, `go run F`, `bun run F`, `bun F`). */
const RUN_SUBCOMMAND: Readonly<Record<string, string>> = { deno: 'run', go: 'run', bun: 'run' };

/** The runtimes read here beyond the shells and interpreters of SCRIPT_RUNNERS: for their script word only. */
export const SCRIPT_RUNTIMES: readonly string[] = [
  ...FIRST_OPERAND,
  ...Object.keys(RUN_SUBCOMMAND),
  'pwsh',
  'powershell',
];

/** The script word another runtime runs: after its options, its `run` subcommand, or PowerShell's `-File`. */
function scriptOperand(cmd: SimpleCommand): number | undefined {
  const [name, ...args] = cmd.argv;
  if (name === 'pwsh' || name === 'powershell') {
    const at = args.findIndex((a) => /^-(?:f|file)$/i.test(a));
    return at < 0 ? undefined : at + 2;
  }
  const sub = Object.prototype.hasOwnProperty.call(RUN_SUBCOMMAND, name) ? RUN_SUBCOMMAND[name] : undefined;
  if (!sub && !FIRST_OPERAND.has(name)) return undefined;
  let i = 1;
  // `bun F` runs F as `bun run F` does; deno and go run nothing without the subcommand.
  if (sub && cmd.argv[1] === sub) i = 2;
  else if (sub && name !== 'bun') return undefined;
  while (i < cmd.argv.length && cmd.argv[i].startsWith('-') && cmd.argv[i] !== '-') i++;
  return i < cmd.argv.length ? i : undefined;
}

/** `tsx "$F"`, `deno run "$F"`, `go run "$F"`, `bun "$F"`, `pwsh -File "$F"`: a script named only at run time. */
export function runTimeScriptOperand(cmd: SimpleCommand): Finding | undefined {
  const at = scriptOperand(cmd);
  if (at === undefined || !cmd.dynamic[at] || !fileNamedAtRunTime(cmd.argv[at])) return undefined;
  return runTimeScriptFinding(cmd.argv[0], 'script', cmd.argv[at]);
}
