// The files of the terminal door, written by the extension into AgentGuard's
// state folder (which agents cannot write): what the editor's terminals load
// the gate from, and the gate of the shells the extension host spawns.
//
// Every extension of a window shares one extension-host process and spawns
// its commands with that process's environment. Where AgentGuard puts a gate
// in it, their children inherit it:
// - BASH_ENV: bash reads it before a `bash -c` command, the command string in
//   BASH_EXECUTION_STRING: judged whole, the shell exits 1 when it may not run;
// - ZDOTDIR: zsh reads .zshenv before a `zsh -c` command (ZSH_EXECUTION_STRING);
// - a shim folder first on PATH: /bin/sh (dash) reads neither, so the programs
//   that matter are judged when a shell looks them up (`rm`, `git`, `curl`…).
// The same ZDOTDIR serves the terminals (its .zshrc loads the line gate), and
// every startup file there sources the user's own.
import * as path from 'node:path';
import { gateScript, ONCE_GATE_ENV, shq, type GatePaths } from './shells';
import { own } from '../text/own';

export interface GateFile {
  path: string;
  content: string;
  mode: number;
}

/** Programs whose calls are judged when a shell spawned by the extension host finds them on PATH. */
export const SHIMMED_PROGRAMS: readonly string[] = [
  'rm',
  'rmdir',
  'shred',
  'truncate',
  'dd',
  'find',
  'mv',
  'git',
  'curl',
  'wget',
  'http',
  'https',
  'xh',
  'psql',
  'mysql',
  'mariadb',
  'mongosh',
  'mongo',
  'redis-cli',
  'sqlite3',
  'dropdb',
  'pg_restore',
  'kubectl',
  'helm',
  'terraform',
  'tofu',
  'pulumi',
  'aws',
  'gcloud',
  'gsutil',
  'az',
  'docker',
  'podman',
  'railway',
  'heroku',
  'fly',
  'flyctl',
  'vercel',
  'netlify',
  'supabase',
  'neonctl',
  'firebase',
  'doctl',
  'gh',
  'prisma',
];

/**
 * Subcommands that only read, run at once without asking the judge: the
 * editor's own extensions call these many times a minute through the same
 * PATH (git status, docker ps). Only without options that run other programs
 * (`git -c`); everything else is judged.
 */
const READ_ONLY: Record<string, readonly string[]> = {
  git: [
    'status',
    'log',
    'show',
    'diff',
    'rev-parse',
    'ls-files',
    'ls-tree',
    'cat-file',
    'for-each-ref',
    'show-ref',
    'describe',
    'blame',
    'shortlog',
    'rev-list',
    'merge-base',
    'name-rev',
    'check-ignore',
    'check-attr',
    'count-objects',
    'version',
    '--version',
  ],
  docker: ['ps', 'images', 'version', '--version', 'info', 'inspect'],
  podman: ['ps', 'images', 'version', '--version', 'info', 'inspect'],
  kubectl: ['get', 'describe', 'version', 'api-resources', 'api-versions', 'explain'],
  helm: ['list', 'ls', 'status', 'version', 'history', 'show', 'get'],
};

export interface TerminalGateLayout {
  root: string;
  /** Sourced by the editor's PROMPT_COMMAND loader. */
  bashGate: string;
  zshGate: string;
  /** ZDOTDIR of the editor's terminals and of the extension host's children. */
  zdotdir: string;
  /** First on XDG_DATA_DIRS: fish loads fish/vendor_conf.d/agentguard.fish from it. */
  fishData: string;
  bashEnv: string;
  shims: string;
}

export function terminalGateLayout(stateDir: string): TerminalGateLayout {
  const root = path.join(stateDir, 'terminal');
  return {
    root,
    bashGate: path.join(root, 'gate.bash'),
    zshGate: path.join(root, 'gate.zsh'),
    zdotdir: path.join(root, 'zdotdir'),
    fishData: path.join(root, 'fish'),
    bashEnv: path.join(root, 'bash-env.sh'),
    shims: path.join(root, 'shims'),
  };
}

/** What PROMPT_COMMAND starts with in the editor's bash terminals: loads the gate once, then runs its prompt hook. */
export function bashPromptLoader(layout: TerminalGateLayout): string {
  // No ':' and no '=' before the value's end matter to VS Code's own splitting of these variables (shell integration).
  return `if test -n "\${__agentguard_gate_active-}"; then __agentguard_precmd; else __agentguard_loader=1; . ${shq(layout.bashGate)}; fi; `;
}

function onceGate(p: GatePaths, via: string, shell: string, text: string, extra = ''): string {
  return `${ONCE_GATE_ENV} ${shq(p.node)} ${shq(p.cli)} gate --once --via ${via} --shell ${shell}${extra} -- ${text} || exit 1`;
}

/**
 * After a command string or a program call passed the gate as a whole, what
 * it runs in turn is not judged again (a hook judges the same way): the gate
 * leaves the environment its children inherit.
 */
function leaveGate(layout: TerminalGateLayout, shell: 'bash' | 'zsh'): string {
  // A parameter in the pattern is literal in zsh (no GLOB_SUBST) and, quoted, in bash.
  const strip = shell === 'bash' ? 'PATH=${PATH//"$__agentguard_shims:"/}' : 'PATH=${PATH//${__agentguard_shims}:/}';
  return [
    `  __agentguard_shims=${shq(layout.shims)}`,
    `  ${strip}; export PATH`,
    `  if [[ -n \${AGENTGUARD_USER_BASH_ENV-} ]]; then export BASH_ENV=$AGENTGUARD_USER_BASH_ENV; else unset BASH_ENV; fi`,
    `  if [[ -n \${AGENTGUARD_USER_ZDOTDIR-} ]]; then export ZDOTDIR=$AGENTGUARD_USER_ZDOTDIR; else unset ZDOTDIR; fi`,
    '  unset __agentguard_shims',
  ].join('\n');
}

function zshChain(file: string): string {
  return [
    `__agentguard_zdotdir=$ZDOTDIR`,
    `ZDOTDIR=\${AGENTGUARD_USER_ZDOTDIR:-$HOME}`,
    `[[ -f $ZDOTDIR/${file} ]] && builtin source "$ZDOTDIR/${file}"`,
    `ZDOTDIR=$__agentguard_zdotdir`,
    `unset __agentguard_zdotdir`,
  ].join('\n');
}

function shim(program: string, layout: TerminalGateLayout, p: GatePaths): string {
  const fast = own(READ_ONLY, program);
  const fastPath = fast
    ? `
# Read-only subcommands run at once (the editor's own extensions call them often).
__agentguard_i=1
while (( __agentguard_i <= $# )); do
  case \${!__agentguard_i} in
    -c|--config-env|--exec-path*) __agentguard_i=0; break ;;
    -C|--git-dir|--work-tree|--kubeconfig|--context|-n|--namespace|-H|--host) __agentguard_i=$((__agentguard_i + 2)) ;;
    -*) __agentguard_i=$((__agentguard_i + 1)) ;;
    *) break ;;
  esac
done
# A read that writes a file (git diff --output=FILE) or runs a diff program is judged.
for __agentguard_a in "$@"; do
  case $__agentguard_a in --output|--output=*|--ext-diff) __agentguard_i=0 ;; esac
done
if (( __agentguard_i > 0 && __agentguard_i <= $# )) && [[ -z \${GIT_EXTERNAL_DIFF-}\${GIT_PAGER-}\${GIT_SSH_COMMAND-} ]]; then
  case \${!__agentguard_i} in
    ${fast.map((s) => s.replace(/[^\w-]/g, '')).join('|')}) exec "$__agentguard_real" "$@" ;;
  esac
fi
`
    : '';
  return `#!/usr/bin/env bash
# AgentGuard: the ${program} that shells spawned by the editor's extension host
# find first on PATH. /bin/sh (dash) judges no command string, so the calls
# of the programs that matter are judged here, then the real ${program} runs.
__agentguard_real=
IFS=: read -r -a __agentguard_dirs <<<"$PATH"
for __agentguard_d in "\${__agentguard_dirs[@]}"; do
  [[ -z $__agentguard_d || $__agentguard_d == ${shq(layout.shims)} ]] && continue
  if [[ -f $__agentguard_d/${program} && -x $__agentguard_d/${program} ]]; then __agentguard_real=$__agentguard_d/${program}; break; fi
done
if [[ -z $__agentguard_real ]]; then
  builtin printf '%s: command not found\\n' ${shq(program)} >&2
  exit 127
fi
${fastPath}${onceGate(p, 'shim', 'sh', `${shq(program)} "$@"`, ` --label ${shq(program)} --argv`)}
${leaveGate(layout, 'bash').replace(/^ {2}/gm, '')}
exec "$__agentguard_real" "$@"
`;
}

/** Every file of the terminal door, for the CLI at `p`. */
export function terminalGateFiles(layout: TerminalGateLayout, p: GatePaths): GateFile[] {
  const files: GateFile[] = [
    { path: layout.bashGate, content: gateScript('bash', p), mode: 0o644 },
    { path: layout.zshGate, content: gateScript('zsh', p), mode: 0o644 },
    {
      path: path.join(layout.fishData, 'fish', 'vendor_conf.d', 'agentguard.fish'),
      content: gateScript('fish', p),
      mode: 0o644,
    },
    {
      path: layout.bashEnv,
      mode: 0o644,
      content: `# AgentGuard: BASH_ENV of the shells the editor's extension host spawns. A
# \`bash -c\` command string is judged before bash runs it; bash exits 1 with
# the reason on stderr when it may not run.
if [[ -n \${BASH_EXECUTION_STRING-} ]]; then
  ${onceGate(p, 'bash-env', 'bash', '"$BASH_EXECUTION_STRING"')}
${leaveGate(layout, 'bash')}
fi
if [[ -n \${AGENTGUARD_USER_BASH_ENV-} ]]; then builtin source "$AGENTGUARD_USER_BASH_ENV"; fi
`,
    },
    {
      path: path.join(layout.zdotdir, '.zshenv'),
      mode: 0o644,
      content: `# AgentGuard: zsh's startup files in the editor (its terminals, and the shells
# its extension host spawns); each sources yours. A \`zsh -c\` command string
# of the extension host is judged before zsh runs it.
if [[ -n \${ZSH_EXECUTION_STRING-} && ! -o interactive ]]; then
  ${onceGate(p, 'zdotdir', 'zsh', '"$ZSH_EXECUTION_STRING"')}
${leaveGate(layout, 'zsh')}
fi
${zshChain('.zshenv')}
`,
    },
    {
      path: path.join(layout.zdotdir, '.zprofile'),
      mode: 0o644,
      content: `# AgentGuard: sources your .zprofile.\n${zshChain('.zprofile')}\n`,
    },
    {
      path: path.join(layout.zdotdir, '.zlogin'),
      mode: 0o644,
      content: `# AgentGuard: sources your .zlogin.\n${zshChain('.zlogin')}\n`,
    },
    {
      path: path.join(layout.zdotdir, '.zshrc'),
      mode: 0o644,
      content: `# AgentGuard: sources your .zshrc, then loads the terminal gate; from here on
# zsh and the shells it starts read your own startup files.
ZDOTDIR=\${AGENTGUARD_USER_ZDOTDIR:-$HOME}
[[ -f $ZDOTDIR/.zshrc ]] && builtin source "$ZDOTDIR/.zshrc"
builtin source ${shq(layout.zshGate)}
if [[ -n \${AGENTGUARD_USER_ZDOTDIR-} ]]; then export ZDOTDIR=$AGENTGUARD_USER_ZDOTDIR; else unset ZDOTDIR; fi
`,
    },
  ];
  for (const program of SHIMMED_PROGRAMS)
    files.push({ path: path.join(layout.shims, program), content: shim(program, layout, p), mode: 0o755 });
  return files;
}

/**
 * The variables to set in the extension host's own environment, which every
 * command an extension spawns inherits: the shim folder first on PATH,
 * BASH_ENV and ZDOTDIR (a user's own are kept for the gate files to source),
 * and SHLVL. Node gives a child's stdin as a socket: bash, finding a socket
 * there at shell level 1, takes itself for a remote-shell login and reads
 * ~/.bashrc *instead of* BASH_ENV. An editor started from a desktop has no
 * SHLVL, so it is set to 1 (what a shell would export).
 */
export function childGateEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  layout: TerminalGateLayout,
): Record<string, string> {
  const out: Record<string, string> = {};
  const dirs = (env.PATH ?? '')
    .split(path.delimiter)
    .filter((d) => d && path.resolve(d) !== path.resolve(layout.shims));
  out.PATH = [layout.shims, ...dirs].join(path.delimiter);
  if (env.BASH_ENV && path.resolve(env.BASH_ENV) !== path.resolve(layout.bashEnv))
    out.AGENTGUARD_USER_BASH_ENV = env.BASH_ENV;
  out.BASH_ENV = layout.bashEnv;
  if (env.ZDOTDIR && path.resolve(env.ZDOTDIR) !== path.resolve(layout.zdotdir))
    out.AGENTGUARD_USER_ZDOTDIR = env.ZDOTDIR;
  out.ZDOTDIR = layout.zdotdir;
  if (!(Number(env.SHLVL) >= 1)) out.SHLVL = '1';
  return out;
}
