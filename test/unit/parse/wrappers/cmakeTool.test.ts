// `cmake -E TOOL` is judged as the shell command the tool stands for:
// `rm -rf`, `remove_directory`, `copy`, `rename`, `create_symlink`, `chdir
// DIR CMD`, `env … CMD`, `time CMD`. Before, every `cmake -E` call passed.
// Also: git's `bisect run` and `submodule foreach` keep their words' quoting,
// and `nvm run VERSION ARGS…` is `node ARGS…`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../support/account';
import { cmakeTool } from '../../../../src/core/parse/wrappers/cmakeTool';
import type { Pending } from '../../../../src/core/parse/normalize/scope';
import { assertJudged, batchWorld } from '../../support/batchCheck';

const pending = (argv: string[]): Pending => ({
  argv,
  dynamic: argv.map(() => false),
  redirects: [],
  env: {},
  source: '',
});

test('cmake -E tools read as their shell commands', () => {
  assert.deepEqual(cmakeTool(pending(['cmake', '-E', 'remove_directory', '/home/u'])), {
    kind: 'script',
    text: 'rm -rf /home/u',
    via: 'cmake -E remove_directory',
  });
  const chdir = cmakeTool(pending(['cmake', '-E', 'chdir', '/', 'sh', '-c', 'rm -rf x']));
  assert.equal(chdir?.kind === 'script' ? chdir.text : undefined, "cd / && sh -c 'rm -rf x'");
  assert.equal(cmakeTool(pending(['cmake', '-E', 'sha256sum', 'x'])), undefined);
  assert.equal(cmakeTool(pending(['cmake', '-S', '.', '-B', 'build'])), undefined);
});

test('cmake -E, git bisect run and nvm run are judged by what they run', () => {
  const world = batchWorld({ 'code/app/x.txt': 'x\n' });
  try {
    assertJudged(
      world,
      [
        'cmake -E rm -rf ~',
        'cmake -E remove_directory ~',
        'cmake -E copy x.txt .git/hooks/pre-commit',
        'cmake -E create_symlink /tmp/evil .git/hooks/pre-commit',
        'cmake -E chdir / rm -rf /home',
        "cmake -E env FOO=1 sh -c 'rm -rf ~'",
        'cmake -E rename .agentguard.json x.json',
        "git bisect run sh -c 'rm -rf ~'",
        "git submodule foreach sh -c 'rm -rf ~'",
        `nvm run 20 -e 'require("fs").rmSync(require("os").homedir(),{recursive:true})'`,
      ],
      [
        'cmake -E make_directory build',
        'cmake -E copy x.txt build/x.txt',
        'cmake -E rm -rf build',
        'cmake -E chdir build make',
        'git bisect run npm test',
        "git bisect run sh -c 'make && ./test.sh'",
        'git submodule foreach git pull',
        'nvm run 20 app.js',
      ],
    );
  } finally {
    world.cleanup();
  }
});
