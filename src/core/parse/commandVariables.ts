// Variables whose value is a command line another program runs: the pager
// and editor every program that pages or edits reads (PAGER, MANPAGER,
// EDITOR, VISUAL), git's own (GIT_PAGER, GIT_EDITOR, GIT_SSH_COMMAND,
// GIT_EXTERNAL_DIFF, …), the askpass helpers, less's input filters
// (LESSOPEN, LESSCLOSE, which any program paging through less runs), the
// browser Python's webbrowser starts (BROWSER), psql's pager and editor,
// cargo's wrappers, runners and compiler, the C compiler build tools start
// (CC, CXX), Perl's debugger code (PERL5DB), Go's
// -toolexec in GOFLAGS, npm's script shell and node options as npm_config_*
// variables, GNU tar's TAR_OPTIONS and git's GIT_TEMPLATE_DIR. Set on
// the line, the command runs inside whatever reads it as surely as one typed
// there (`PAGER='sh -c …' git log`, `EDITOR=… git commit`, `LESSOPEN='|… %s'
// less f`), so it is judged as a line of its own; `PAGER=cat`, `EDITOR=vim`
// judge as what they are. The user's own values, in the environment the line
// starts with, are the user's business.
import { parseFinding, type Scope, type Walker } from './normalize/scope';
import { UNKNOWN } from './dynamic';
import { table } from '../text/own';

export const COMMAND_VARIABLES: readonly string[] = [
  'PAGER',
  'MANPAGER',
  'SYSTEMD_PAGER',
  'GIT_PAGER',
  'EDITOR',
  'VISUAL',
  'SUDO_EDITOR',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_SSH_COMMAND',
  'GIT_SSH',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'SUDO_ASKPASS',
  'GIT_EXTERNAL_DIFF',
  'GIT_PROXY_COMMAND',
  'LESSOPEN',
  'LESSCLOSE',
  'BROWSER',
  'PSQL_PAGER',
  'PSQL_EDITOR',
  'RUSTC_WRAPPER',
  'RUSTC_WORKSPACE_WRAPPER',
  'CARGO_BUILD_RUSTC_WRAPPER',
  'CARGO_BUILD_RUSTC',
  // npm reads any setting from npm_config_<name>: the shell every script runs in.
  'npm_config_script_shell',
  'NPM_CONFIG_SCRIPT_SHELL',
  // Other tools' own pager and editor (kubectl edit, systemctl edit, bat, delta, gh, the AWS CLI, Mercurial,
  // Subversion) and fzf's default listing command: each runs as a shell line.
  'KUBE_EDITOR',
  'SYSTEMD_EDITOR',
  'BAT_PAGER',
  'DELTA_PAGER',
  'GH_PAGER',
  'GH_EDITOR',
  'AWS_PAGER',
  'HGEDITOR',
  'SVN_EDITOR',
  'FZF_DEFAULT_COMMAND',
];

/**
 * Variables that hold a command in another form, or a program that is not a helper: Perl's debugger code (`perl -d`), Go's flags (`-toolexec=CMD`),
 * Node's options (`--require X`, `--import X` load code into every node the command starts).
 */
const CODE_VARIABLES: readonly string[] = [
  // The compiler cargo, make's implicit rules, cc-rs build scripts and node-gyp start, and node-gyp's Python: walked
  // as the command they name, but a toolchain's own binary (`~/.cargo/bin/rustc`) is not asked about as an unread
  // helper is (wrappers/pathScripts.ts).
  'RUSTC',
  'RUSTDOC',
  'CC',
  'CXX',
  'PYTHON',
  'PERL5DB',
  'GOFLAGS',
  'NODE_OPTIONS',
  'npm_config_node_options',
  'NPM_CONFIG_NODE_OPTIONS',
  'TAR_OPTIONS',
  'GIT_TEMPLATE_DIR',
];

/** Node's options that load code before the program: judged as `node` given them on its command line. */
const NODE_LOADING_OPTION = /(?:^|\s)(?:--require|-r|--import|--loader|--experimental-loader)(?:[=\s]|$)/;

/** tar's options that run a program (`-I` and `-F` alone or ending a cluster); `--no-same-owner` and the like say nothing. */
const TAR_COMMAND_OPTION =
  /--(?:to-command|checkpoint-action|use-compress-program|info-script|new-volume-script|rsh-command)|(?:^|\s)-[A-Za-z]*[IF]/;

const quoted = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/** NODE_OPTIONS as Node splits it (by spaces, double quotes keep a word together), each word quoted for the shell. */
function nodeOptionWords(value: string): string {
  return (value.match(/(?:"[^"]*"|[^\s"])+/g) ?? []).map((word) => quoted(word.replace(/"/g, ''))).join(' ');
}

/** POSIX shells that source `$ENV` when interactive (bash does only in POSIX mode, which its `sh` name selects). */
const ENV_READING_SHELLS = /^(?:sh|dash|ash|ksh|ksh93|mksh|pdksh|posh|yash)$/;

/** The file `$ENV` names when `argv` starts an interactive POSIX shell (`sh -i`, `dash -ic CMD`). */
function interactiveShellEnv(env: Readonly<Record<string, string>>, argv: readonly string[]): string | undefined {
  const file = env.ENV;
  if (!file || argv.length === 0) return undefined;
  const program = argv[0].slice(argv[0].lastIndexOf('/') + 1);
  if (!ENV_READING_SHELLS.test(program)) return undefined;
  for (let i = 1; i < argv.length && i < 64; i++) {
    const a = argv[i];
    if (a === '--' || !/^-[A-Za-z]+$/.test(a)) break;
    if (a.includes('i')) return file;
  }
  return undefined;
}

/** cargo's per-target runner and linker, `CARGO_TARGET_<TRIPLE>_RUNNER`: the program every `cargo run` / `cargo test` binary runs under. */
const CARGO_TARGET_PROGRAM = /^CARGO_TARGET_[A-Z0-9_]+_(?:RUNNER|LINKER)$/;

/** The command line a variable's value stands for: less's `|cmd %s`, `||cmd %s` and `|-cmd %s` are the command after the bars. */
function commandOf(name: string, value: string): string {
  if (name === 'LESSOPEN' || name === 'LESSCLOSE') return value.replace(/^\|{1,2}-?/, '');
  // Perl's debugger code, run by `perl -d`.
  if (name === 'PERL5DB') return `perl -e '${value.replace(/'/g, `'\\''`)}'`;
  // Go's flags in the environment: only -toolexec and -exec name a program.
  if (name === 'GOFLAGS')
    return [...value.matchAll(/(?:^|\s)--?(?:toolexec|exec)=(\S+)/g)].map((m) => `${m[1]} ./program`).join('\n');
  // Only the options that load code say anything (`--max-old-space-size=4096` is everyday).
  if (/^(?:NODE_OPTIONS|npm_config_node_options)$/i.test(name))
    return NODE_LOADING_OPTION.test(value) ? `node ${nodeOptionWords(value)} -e 0` : '';
  // GNU tar reads options from TAR_OPTIONS, split as shell words, before its own: `--to-command=…` runs there too.
  if (name === 'TAR_OPTIONS') return TAR_COMMAND_OPTION.test(value) ? `tar ${value} -t -f /dev/null` : '';
  // git init and clone copy the hooks of the template folder it names into the new repository.
  if (name === 'GIT_TEMPLATE_DIR') return `git init --template=${quoted(value)}`;
  return value;
}

/**
 * `GIT_ASKPASS=$DIR/x.sh git push`, `EDITOR="$(mktemp -d)/e" git commit`: a helper program named on the line by a
 * path only known when the line runs. Its file cannot be read first, so what it runs is not judged: asked about as
 * a helper file that cannot be read is (wrappers/pathScripts.ts). A value that is a whole variable (`GIT_SSH_COMMAND=$X`)
 * is asked about as a program only known at run time, where it is walked.
 */
function dynamicHelperPath(name: string, value: string, w: Walker): void {
  const shown = value.split(UNKNOWN).join('').trim();
  // The first word, a `$(…)` in it kept whole (`$(mktemp -d)/ssh`).
  const program = /^(?:\$\([^)]*\)|\S)+/.exec(shown)?.[0] ?? '';
  if (!program.includes('/') || !/[$`]/.test(program)) return;
  w.addFinding({
    ...parseFinding(
      'parse.too-complex',
      60,
      `${name} names ${program} as the program to start, a path only known when the line runs: AgentGuard cannot read that file first, so what it runs was not judged`,
      program,
    ),
    alternative: `point ${name} at a script in the project that AgentGuard can read, or a program the system installed`,
  });
}

/** Programs whose editor variables are read only by one verb: `crontab -e`, `kubectl edit`, `systemctl edit`. */
const EDITING_VERB: Readonly<Record<string, (argv: readonly string[]) => boolean>> = {
  crontab: (argv) => argv.some((a) => /^-[a-z]*e/.test(a)),
  kubectl: (argv) => argv.includes('edit'),
  systemctl: (argv) => argv.includes('edit'),
};

/** `EDITOR=… crontab -l`: the program never starts the editor this call, so what the variable names never runs. */
function opensNoEditor(name: string, argv: readonly string[]): boolean {
  if (!/EDITOR$|^VISUAL$/.test(name)) return false;
  const editing = EDITING_VERB[argv[0] ?? ''];
  return editing !== undefined && !editing(argv);
}

/**
 * Walks the command each such variable set on the line holds, for a command
 * that runs with `env`: with the variables that command runs with (the shell
 * the pager runs in sees them too), but these back at the user's own values,
 * so a command they hold is not judged again inside itself.
 */
export function walkCommandVariables(
  env: Readonly<Record<string, string>>,
  scope: Scope,
  w: Walker,
  argv: readonly string[] = [],
): void {
  if (env === w.lineVars) return;
  let vars: Record<string, string> | undefined;
  const names = COMMAND_VARIABLES.concat(CODE_VARIABLES);
  // Indexed loops: dozens of names for a command run with variables of its own, and until V8 optimizes this (most
  // of a batch) each for…of step allocates an iterator result.
  const set = Object.keys(env);
  for (let i = 0; i < set.length; i++) if (CARGO_TARGET_PROGRAM.test(set[i])) names.push(set[i]);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const value = env[name];
    if (!value || value === w.requestEnv[name] || opensNoEditor(name, argv)) continue;
    if (!vars) {
      vars = table(env);
      for (const n of names) {
        const before = w.requestEnv[n];
        if (before === undefined) delete vars[n];
        else vars[n] = before;
      }
    }
    if (value.includes(UNKNOWN) && COMMAND_VARIABLES.includes(name)) dynamicHelperPath(name, value, w);
    const text = commandOf(name, value).trim();
    if (text) w.walkText(text, { ...scope, vars, via: [...scope.via, name], depth: scope.depth + 1 }, true);
  }
}

/**
 * `ENV=./x.sh sh -i -c …`: an interactive POSIX shell sources the file ENV
 * names before anything else, so it is judged as `. FILE` there. Only a value
 * set on the line: the user's own is the user's business.
 */
export function walkShellStartupFile(
  env: Readonly<Record<string, string>>,
  argv: readonly string[],
  scope: Scope,
  w: Walker,
): void {
  if (env === w.lineVars || env.ENV === w.requestEnv.ENV) return;
  const file = interactiveShellEnv(env, argv);
  if (file)
    w.walkText(
      `. ${quoted(file)}`,
      { ...scope, vars: table(env), via: [...scope.via, 'ENV'], depth: scope.depth + 1 },
      true,
    );
}
