// Words built at run time: a program, subcommand or option whose value is only
// known when the command runs asks; what can be resolved statically (arrays,
// `set --`, function arguments, case changes, conventional tool variables,
// known defaults) is resolved and judged as what it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import { HOME, WORKSPACE } from '../support/helpers';

const opts: EngineOptions = {
  workspace: WORKSPACE,
  home: HOME,
  env: { HOME, PATH: '/usr/bin:/bin' },
  readFile: () => undefined,
};

function judge(command: string): { decision: string; ids: string[] } {
  const r = evaluate({ command }, opts);
  return { decision: r.decision, ids: r.findings.map((f) => f.id) };
}

function gated(commands: string[], id?: string): void {
  for (const c of commands) {
    const r = judge(c);
    assert.notEqual(r.decision, 'allow', c);
    if (id) assert.ok(r.ids.includes(id), `${c}: ${r.ids.join(',')}`);
  }
}

function allowed(commands: string[]): void {
  for (const c of commands) assert.equal(judge(c).decision, 'allow', `${c}: ${judge(c).ids.join(',')}`);
}

test('a program name built at run time is unknown and asks', () => {
  gated(
    [
      'd${n}d if=/dev/zero of=/dev/sda',
      'sh${u}red -u secrets.txt',
      'read p < cmd.txt; $p -rf ~/work',
      'printf -v tool "%s" "$(cat name.txt)"; $tool ~/.ssh/id_ed25519',
      'mapfile -t cmds < list.txt; ${cmds[0]} everything',
      '${x:-${y:-chmod}} -R 000 ~',
      'declare -n ref=tool; $ref ~/notes',
    ],
    'parse.unknown-program',
  );
});

test('a program name printf -v builds from literal text is that program', () => {
  gated(['printf -v tool "%s" "sh""red"; $tool ~/.ssh/id_ed25519'], 'fs.write-credential');
});

test('a subcommand or option of a destructive program built at run time asks', () => {
  gated(
    [
      'gcloud sql instances de${l}ete main-db',
      'kubectl d${e}lete ns payments',
      'terraform $verb -auto-approve',
      'heroku ${what}:destroy --app shop',
    ],
    'parse.unknown-subcommand',
  );
  gated(['git clean -${flags}dx', 'kubectl delete pods --all --grace-period=0 --for${c}'], 'parse.unknown-option');
});

test('what can be resolved statically is resolved and judged as what it is', () => {
  // Field splitting on a custom IFS, arrays, `set --`, function arguments, case changes.
  gated([
    'IFS=:; cmd="git:reset:--hard:HEAD~5"; $cmd',
    'set -- git reset --hard HEAD~2; "$@"',
    'argv=(git clean -fdx); "${argv[@]}"',
    'wipe() { "$@"; }; wipe rm -rf ~/Documents',
    'v=GIT; ${v,,} push --force origin main',
  ]);
  // The same shapes with harmless values stay allowed.
  allowed([
    'IFS=:; cmd="git:status:--short"; $cmd',
    'set -- git log --oneline; "$@"',
    'argv=(ls -la src); "${argv[@]}"',
    'run() { "$@"; }; run npm test',
    'v=GIT; ${v,,} status',
  ]);
});

test('substitutions in arithmetic, case patterns, coproc, trap and sourced process substitutions are read', () => {
  gated([
    'echo $(( $(git push --force origin main) + 0 ))',
    'case "$1" in $(rm -rf ~/Pictures)) :;; esac',
    'coproc git reset --hard origin/main',
    "trap 'rm -rf ~/projects' EXIT",
    'source <(printf "rm -rf ~/src\\n")',
    '. /dev/stdin <<< "git push --force origin main"',
    'echo "git clean -fdx" | source /dev/stdin',
  ]);
  allowed([
    'echo $(( 2 + 3 ))',
    'echo $(( $(wc -l < README.md) + 1 ))',
    'case "$x" in a|b) echo ab;; *) echo other;; esac',
    "trap 'rm -f /tmp/build.lock' EXIT",
    'source <(kubectl completion bash)',
    '. /dev/stdin <<< "echo hi"',
  ]);
});

test('harmless look-alikes: conventional tool variables and known defaults; a function that runs its arguments for later lines asks', () => {
  allowed([
    '$EDITOR notes.md',
    '$VISUAL README.md',
    '$PYTHON -m pytest -q',
    '${CC:-gcc} -o hello hello.c',
    '${MAKE:-make} -j4',
    'for t in ls pwd; do $t; done',
    'git commit --message="$MSG"',
    'git checkout "$BRANCH"',
    'eval "$(direnv hook bash)"',
    'eval "$(ssh-agent -s)"',
    '"$(git rev-parse --show-toplevel)/scripts/lint.sh"',
    'docker stop $(docker ps -q)',
  ]);
  // A function that runs its arguments, left for later lines of a shell that outlives the call: a later `f rm -rf ~`
  // would be judged as a name the guard does not know (parse/bash/definitions.ts).
  gated(['f() { "$@"; }']);
  // A conventional name does not hide what the tool it stands for would do, nor a value set on the line.
  gated([
    '$PYTHON -c "import shutil; shutil.rmtree(\'/home/dev/projects\')"',
    'EDITOR=shred; $EDITOR ~/.ssh/id_rsa',
    'read EDITOR < x; $EDITOR ~/notes',
  ]);
});
