// Command lines carried where the program reads them, not where a shell
// would: option values a program runs by itself (ssh's ProxyCommand, tar's
// --to-command, zip -TT, man -P, an editor's `!`, Emacs's shell-command,
// git difftool -x / submodule foreach / bisect run, ansible -m shell),
// runners that start their operands (version managers, file watchers,
// concurrently), a makefile on stdin and the mysql client's `system`. Each
// was allowed unread; each is read, and the program is still itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../../../src/core/parse/normalize';
import { engine } from '../../support/engineHarness';
import { ctx, HOME, WORKSPACE } from '../../support/helpers';

function argvs(command: string): string[] {
  return normalize({ command, cwd: WORKSPACE, env: { HOME } }, ctx({})).commands.map((c) => c.argv.join(' '));
}

const INNER = 'rm -rf /x';

test('an option whose value is a command line is read as a line of its own, beside the program', () => {
  const cases = [
    `ssh -o ProxyCommand='${INNER}' host`,
    `ssh -oProxyCommand='${INNER}' host`,
    `ssh -o 'LocalCommand ${INNER}' -o PermitLocalCommand=yes host`,
    `scp -o ProxyCommand='${INNER}' a host:b`,
    `rsync -e '${INNER}' a host:b`,
    `tar -cf x.tar --to-command='${INNER}' .`,
    `tar -xf x.tar --checkpoint=1 --checkpoint-action=exec='${INNER}'`,
    `tar -I '${INNER}' -cf x.tar .`,
    `zip x.zip a -T -TT '${INNER}'`,
    `man -P '${INNER}' ls`,
    `less '+!${INNER}' notes.txt`,
    `vim -c '!${INNER}' -c q`,
    `vim -es -c ':silent !${INNER}' -c 'qa!'`,
    `nvim --headless +'call system("${INNER}")' +q`,
    `emacs --batch --eval '(shell-command "${INNER}")'`,
    `git difftool -y -x '${INNER}'`,
    `git -C sub --no-pager difftool --extcmd='${INNER}'`,
    `git submodule foreach --recursive '${INNER}'`,
    `git bisect run ${INNER}`,
    `ansible localhost -m shell -a '${INNER}'`,
  ];
  for (const command of cases) {
    const found = argvs(command);
    assert.ok(found.includes(INNER), `${command}: ${JSON.stringify(found)}`);
    assert.ok(
      found.some((a) => a !== INNER),
      `${command}: the program itself is still judged`,
    );
  }
  const lisp = argvs(`emacs --batch --eval '(call-process "rm" nil nil nil "-rf" "/x")'`);
  assert.ok(lisp.includes(INNER), JSON.stringify(lisp));
});

test("a debugger's shell commands, ex's clustered -c, ed's ! lines and Emacs's deletions are read as the lines they run", () => {
  for (const command of [
    `gdb -batch -ex 'shell ${INNER}'`,
    `gdb -batch -ex '!${INNER}'`,
    `gdb -batch -ex 'call system("${INNER}")' -p 1`,
    `gdb --eval-command='shell ${INNER}' ./a.out`,
    `lldb -o 'platform shell ${INNER}'`,
    `ex -sc '!${INNER}|q'`,
    `vim -Nc '!${INNER}'`,
  ]) {
    const found = argvs(command);
    assert.ok(found.includes(INNER), `${command}: ${JSON.stringify(found)}`);
  }
  const ed = argvs(`ed -s notes.txt <<< '!${INNER} | cat'`);
  assert.ok(ed.includes(INNER) && ed.includes('cat'), `ed reads a whole ! line from stdin: ${JSON.stringify(ed)}`);
  assert.deepEqual(argvs(`ed -s notes.txt <<< $',s/a/b/g\\nw\\nq'`), ['ed -s notes.txt']);
  assert.ok(argvs(`emacs --batch --eval '(delete-directory "/x" t)'`).includes('rm -r /x'));
  assert.ok(argvs(`emacs --batch --eval '(delete-file "/x")'`).includes('rm /x'));
  for (const command of [
    `gdb -batch -ex bt -ex 'info registers' ./a.out core`,
    `lldb -o run -o bt ./a.out`,
    `ex -sc wq notes.txt`,
    `emacs --batch --eval '(message "hi")'`,
  ]) {
    const found = argvs(command);
    assert.equal(found.length, 1, `${command}: ${JSON.stringify(found)}`);
  }
});

test('runners that start their operands: version managers, watchers, concurrently, toybox', () => {
  const cases = [
    `mise exec node@20 -- ${INNER}`,
    `mise x -c '${INNER}'`,
    `rtx exec -- ${INNER}`,
    `asdf exec ${INNER}`,
    `pyenv exec ${INNER}`,
    `rbenv exec ${INNER}`,
    `fnm exec --using 18 ${INNER}`,
    `nvm exec 18 ${INNER}`,
    `nvm exec ${INNER}`,
    `volta run --node 20 ${INNER}`,
    `devbox run ${INNER}`,
    `pixi run -e dev ${INNER}`,
    `toybox ${INNER}`,
    `entr ${INNER} < files`,
    `entr -s '${INNER}' < files`,
    `nodemon --exec '${INNER}'`,
    `watchexec -e ts -- ${INNER}`,
    `watchexec '${INNER}'`,
    `concurrently -n a,b 'npm:watch' '${INNER}'`,
  ];
  for (const command of cases) {
    const found = argvs(command);
    assert.ok(found.includes(INNER), `${command}: ${JSON.stringify(found)}`);
  }
});

test('the same programs used for their own work start nothing', () => {
  for (const command of [
    'ssh -o ConnectTimeout=5 host uptime',
    'ssh -o ProxyCommand=none host',
    'tar -xzf x.tgz -C out',
    'zip -r x.zip src',
    'man -k printf',
    'less +G log.txt',
    'vim -c "set nu" notes.txt',
    'emacs --batch --eval "(message \\"hi\\")"',
    'git difftool --tool=meld',
    'git submodule update --init',
    'git bisect start',
    'ansible all -m ping',
    'mise install',
    'nvm use 20',
    'pyenv versions',
    'volta install node',
    'pixi install',
    'nodemon app.js',
    'concurrently npm:watch npm:serve',
  ]) {
    const found = argvs(command);
    assert.ok(!found.some((a) => a.startsWith('rm ')), `${command}: ${JSON.stringify(found)}`);
  }
});

test("a makefile on stdin is read like the Makefile on disk, and mysql's system is a shell escape", () => {
  const { decide } = engine();
  for (const command of [`make -f /dev/stdin <<< $'all:\\n\\trm -rf ~/code'`, `mysql -e 'system rm -rf ~/code'`]) {
    assert.notEqual(decide(command), 'allow', command);
  }
  for (const command of [`make -f - <<< $'all:\\n\\techo built'`, `mysql -e 'SELECT system_user()'`]) {
    assert.equal(decide(command), 'allow', command);
  }
});

test('a long option value is read in linear time: the call is judged, not stuck', () => {
  const spaces = ' '.repeat(30000);
  assert.deepEqual(argvs(`vim -c "${spaces}x" notes.txt`), [`vim -c ${spaces}x notes.txt`]);
  assert.ok(argvs(`vim -c "${spaces}!${INNER}" notes.txt`).includes(INNER));
});

test('an option command line past the bound is still reached or asked about, never dropped', () => {
  const { judge } = engine();
  // Seventeen other -o options once filled the bound: the ProxyCommand after them went unread.
  const ssh = judge(
    `ssh ${Array.from({ length: 17 }, (_, i) => `-o ServerAliveInterval=${i}`).join(' ')} -o ProxyCommand='rm -rf ~' host`,
  );
  assert.equal(ssh.decision, 'deny', JSON.stringify(ssh.findings));
  // Seventeen harmless checkpoint actions, then one that deletes the home folder: past the bound, asked.
  const tar = judge(
    `tar -cf x.tar . ${'--checkpoint-action=exec=true '.repeat(17)}--checkpoint-action=exec='rm -rf ~'`,
  );
  assert.notEqual(tar.decision, 'allow');
  assert.ok(
    tar.findings.some((f) => f.id === 'parse.too-complex' && /more than AgentGuard reads \(16\)/.test(f.summary)),
    JSON.stringify(tar.findings),
  );
  // Within the bound: read, and quiet when harmless.
  assert.equal(judge(`tar -cf x.tar . ${'--checkpoint-action=exec=true '.repeat(4)}`).decision, 'allow');
});

test("fd --exec's target stands for every match, as find -exec's does: its option values are not the pattern", () => {
  const { decide } = engine({});
  for (const c of ['fd -e sql -x rm', 'fd -e sql . -x rm', 'fd -t f -e db . data -X rm -f'])
    assert.notEqual(decide(c), 'allow', c);
  for (const c of [
    'fd -e ts -x wc -l',
    'fd -e md -x cat {}',
    'fd . src -x prettier --check',
    "fd -H '^\\.DS_Store$' -x rm",
  ])
    assert.equal(decide(c), 'allow', c);
});

test("split's --filter, sort's --compress-program, strace's -o pipe, tcpdump's -z, m4's syscmd and parallel's bare lines are read", () => {
  for (const command of [
    `split -l 10 --filter='${INNER}' data.csv`,
    `sort --compress-program='${INNER}' -S 1 big.txt`,
    `strace -o '|${INNER}' ls`,
    `strace -f -o '!${INNER}' ls`,
    `echo 'esyscmd(${INNER})' | m4`,
    `parallel ::: 'echo a' '${INNER}'`,
    `echo '${INNER}' | parallel`,
  ]) {
    const found = argvs(command);
    assert.ok(found.includes(INNER), `${command}: ${JSON.stringify(found)}`);
  }
  assert.ok(argvs(`tcpdump -z ${INNER.split(' ')[0]} -G 60 -w cap.pcap`).includes('rm cap.pcap'));
  // Options that name a program in the ordinary way stay themselves.
  assert.deepEqual(argvs('strace -o trace.txt ls'), ['ls']);
  assert.deepEqual(argvs("echo 'define(x, 1)x' | m4"), ['echo define(x, 1)x', 'm4']);
  assert.ok(argvs("split -l 100 --filter='gzip > $FILE.gz' data.csv").includes('gzip'));
});

test('parallel with no command reads its inputs as lines; input it cannot know, or past the bound, asks', () => {
  const { judge } = engine();
  assert.equal(judge("parallel ::: 'echo a' 'echo b'").decision, 'allow');
  assert.equal(judge('parallel --version').decision, 'allow');
  assert.equal(judge('parallel gzip ::: a.txt b.txt').decision, 'allow');
  assert.equal(judge("parallel ::: 'rm -rf ~'").decision, 'deny');
  assert.equal(judge('parallel < jobs.txt').decision, 'ask');
  const many = Array.from({ length: 17 }, (_, i) => `'echo ${i}'`).join(' ');
  assert.equal(judge(`parallel ::: ${many}`).decision, 'ask');
});

test("parallel's options are read as its own table declares them, and --workdir is where each job runs", () => {
  const { judge } = engine();
  const rmAt = (command: string) =>
    normalize({ command, cwd: WORKSPACE, env: { HOME } }, ctx())
      .commands.filter((c) => c.argv[0] === 'rm')
      .map((c) => `${c.cwd} ${c.argv.slice(1).join(' ')}`);
  // An option's value is not the command: `~` is the folder --wd names, `4` the jobs of a bundle ending in -j.
  assert.deepEqual(rmAt('parallel --wd ~ rm -rf ::: .ssh'), [`${HOME} -rf .ssh`]);
  assert.deepEqual(rmAt('parallel --work /tmp rm -rf ::: x'), ['/tmp -rf x']);
  assert.deepEqual(rmAt('parallel --workdir=/tmp rm -rf ::: x'), ['/tmp -rf x']);
  assert.deepEqual(rmAt('parallel -kj 4 rm -rf ::: x'), [`${WORKSPACE} -rf x`]);
  assert.deepEqual(rmAt("parallel --wd ~ ::: 'rm -rf .ssh'"), [`${HOME} -rf .ssh`]);
  // The PARALLEL variable holds options read before the line's own.
  assert.deepEqual(rmAt('PARALLEL="--wd /tmp" parallel rm -rf ::: x'), ['/tmp -rf x']);
  // An optional value is taken from the next word unless it starts with `-` (`-i echo` makes `echo` the replace string).
  assert.deepEqual(rmAt('parallel -i -- rm -rf {} ::: x'), [`${WORKSPACE} -rf x`]);
  assert.equal(judge('parallel --wd ~ rm -rf ::: .ssh').decision, 'ask');
  assert.equal(judge('parallel --bar -j 8 gzip ::: a.log b.log').decision, 'allow');
  // An option parallel does not have may take a value or not: where the command starts is not known.
  assert.ok(judge('parallel --frobnicate x rm -rf ::: y').findings.some((f) => f.id === 'parse.too-complex'));
});

test("sem reads parallel's options, pueue its own, and a runner's options may stand before its `run`", () => {
  const rmAt = (command: string) =>
    normalize({ command, cwd: WORKSPACE, env: { HOME } }, ctx())
      .commands.filter((c) => c.argv[0] === 'rm')
      .map((c) => `${c.cwd} ${c.argv.slice(1).join(' ')}`);
  // `sem` is `parallel --semaphore`: `--halt`'s value is not the command, and --wd is where it runs.
  assert.deepEqual(rmAt('sem --fg --halt now,fail=1 rm -rf x'), [`${WORKSPACE} -rf x`]);
  assert.deepEqual(rmAt('sem --wd ~ rm -rf .ssh'), [`${HOME} -rf .ssh`]);
  // pueue's daemon runs the words it is handed, later, through a shell, in --working-directory.
  assert.deepEqual(rmAt("pueue add -d 10 -- 'rm -rf x'"), [`${WORKSPACE} -rf x`]);
  assert.deepEqual(rmAt('pueue add -w /tmp rm -rf x'), ['/tmp -rf x']);
  assert.deepEqual(rmAt('pueue status'), []);
  // `poetry -C DIR run`: the option's value is not the command, before `run` or after it, and the command runs in DIR
  // (as under uv's --directory and conda's --cwd); poetry's -P only names the project.
  assert.deepEqual(rmAt('poetry -C api run rm -rf x'), [`${WORKSPACE}/api -rf x`]);
  assert.deepEqual(rmAt('poetry run --directory=api rm -rf x'), [`${WORKSPACE}/api -rf x`]);
  assert.deepEqual(rmAt('poetry -C ~ run rm -rf .ssh'), [`${HOME} -rf .ssh`]);
  assert.deepEqual(rmAt('poetry -P api run rm -rf x'), [`${WORKSPACE} -rf x`]);
  assert.deepEqual(rmAt('uv --directory /tmp run rm -rf x'), ['/tmp -rf x']);
  assert.deepEqual(rmAt('conda run --cwd .. -n base rm -rf x'), [`${WORKSPACE.replace(/\/[^/]+$/, '')} -rf x`]);
});

test("go's -toolexec and -exec, cargo's --config runner, --script-shell, helm's --post-renderer and bash's --rcfile are read", () => {
  for (const [command, expected] of [
    [`go build -toolexec '${INNER}' ./...`, `${INNER} ./program`],
    [`go test -exec='${INNER}' ./...`, `${INNER} ./program`],
    [`cargo --config 'target.x86_64-unknown-linux-gnu.runner="${INNER}"' run`, INNER],
    [`cargo --config 'target.x86_64-unknown-linux-gnu.runner=["rm", "-rf", "/x"]' run`, INNER],
    [`npm run build --script-shell='${INNER}'`, `${INNER} -c :`],
    [`helm install x ./chart --post-renderer '${INNER}'`, INNER],
  ] as const) {
    const found = argvs(command);
    assert.ok(found.includes(expected), `${command}: ${JSON.stringify(found)}`);
  }
  assert.ok(argvs('bash --rcfile ./tools/x.sh -i -c true').some((a) => a.startsWith('. ./tools/x.sh')));
  for (const command of ['go build ./...', 'go test -run TestX ./...', "cargo --config 'build.jobs=4' build"])
    assert.equal(argvs(command).length, 1, command);
});

test('a shell alias gh alias set makes is read where it is made', () => {
  assert.ok(argvs(`gh alias set co '!${INNER}'`).includes(INNER));
  assert.ok(argvs(`gh alias set --shell co '${INNER}'`).includes(INNER));
  assert.deepEqual(argvs("gh alias set co 'pr checkout'"), ['gh alias set co pr checkout']);
});

test("node's --import and --require of a data: URL run the module written in it", () => {
  const { decide } = engine();
  assert.equal(
    decide(`node --import 'data:text/javascript,import fs from "fs"; fs.rmSync("/root",{recursive:true})' -e 1`),
    'deny',
  );
  const b64 = Buffer.from('require("child_process").execSync("rm -rf ~")').toString('base64');
  assert.equal(decide(`node -r 'data:text/javascript;base64,${b64}' app.js`), 'deny');
  assert.equal(
    decide(
      `node --import=data:text/javascript,require%28%22child_process%22%29.execSync%28%22rm%20-rf%20~%22%29 app.js`,
    ),
    'deny',
  );
  for (const command of [
    'node --import tsx src/index.ts',
    `node --import 'data:text/javascript,import { register } from "node:module"; register("ts-node/esm", "./")' src/index.ts`,
    'node -r dotenv/config src/index.js',
  ])
    assert.equal(decide(command), 'allow', command);
});
