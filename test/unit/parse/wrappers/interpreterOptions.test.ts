// An interpreter's script is the file its runtime runs: the value of an option
// (`node -r dotenv/config app.js`, `python3 -W ignore run.py`) is no script,
// a file loaded first (`node --require ./pre.js`, `ruby -I lib -r pre`) runs
// too, a folder or a name without its ending (`node .`, `node src/index`,
// `python3 pkg`) stands for the file the runtime finds, and a profiler, tracer,
// debugger or coverage tool runs the script or command it is handed. Each of
// these was judged as the harmless call without the script, and allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

const RM_JS = "require('fs').rmSync('/home/dev/projects',{recursive:true,force:true})";
const RM_PY = 'import shutil; shutil.rmtree("/home/dev/projects")';
const RM_RB = 'FileUtils.rm_rf("/home/dev/projects")';
const RM_PL = 'use File::Path; remove_tree("/home/dev/projects");';
const RM_LUA = 'os.execute("rm -rf /home/dev/projects")';

function workspace(files: Record<string, string>) {
  return engine(Object.fromEntries(Object.entries(files).map(([name, text]) => [`${WORKSPACE}/${name}`, text])));
}

const deleting = {
  'index.js': RM_JS,
  'run.py': RM_PY,
  'x.rb': RM_RB,
  'x.pl': RM_PL,
  'x.php': '<?php system("rm -rf /home/dev/projects");',
  'x.lua': RM_LUA,
  'pre.js': RM_JS,
  'hello.js': 'console.log(1)',
  '.env': 'A=1',
};

test("an option's value is never taken for the script", () => {
  const { decide } = workspace(deleting);
  for (const command of [
    'node -r dotenv/config index.js',
    'node --require dotenv/config index.js',
    'node --env-file .env index.js',
    'node --import tsx index.js',
    'node -C development index.js',
    'node --input-type module index.js',
    'node --stack-size 2000 index.js',
    'python3 -W ignore run.py',
    'python3 -X dev run.py',
    'python3 -uW ignore run.py',
    'ruby -I lib x.rb',
    'ruby -r json x.rb',
    'ruby -rsecure x.rb',
    'perl -I lib x.pl',
    'perl -M strict x.pl',
    'php -d k=v x.php',
    'php -c php.ini x.php',
    'lua -l mod x.lua',
    'deno run --config deno.json index.js',
    'deno run -r index.js',
    'bun --env-file .env index.js',
  ])
    assert.equal(decide(command), 'ask', command);
});

test('files loaded before the script run and are judged', () => {
  const { decide } = workspace({
    ...deleting,
    'lib/pre.rb': RM_RB,
    'lib/Setup.pm': RM_PL,
    'mod.lua': RM_LUA,
    'pre.jl': 'rm("/home/dev/projects"; recursive=true)',
    'ok.rb': 'puts 1',
    'ok.pl': 'print 1;',
    'ok.lua': 'print(1)',
    'ok.jl': 'println(1)',
    'reporter.mjs': RM_JS,
  });
  for (const command of [
    'node --require=./pre.js hello.js',
    'node --import=./pre.js hello.js',
    'node -r ./pre hello.js',
    'node --loader ./pre.js hello.js',
    'node --test --test-reporter ./reporter.mjs',
    'bun -r ./pre.js hello.js',
    'ruby -I lib -r pre ok.rb',
    'ruby -r ./lib/pre ok.rb',
    'perl -Ilib -MSetup ok.pl',
    'lua -l mod ok.lua',
    'julia -L pre.jl ok.jl',
  ])
    assert.equal(decide(command), 'ask', command);
});

test('a folder or a name without its ending runs the file the runtime resolves', () => {
  const { decide } = workspace({
    'src/index.js': RM_JS,
    'app/package.json': '{"main":"dist/server"}',
    'app/dist/server.cjs': RM_JS,
    'tool/index.mjs': RM_JS,
    'pkg/__main__.py': RM_PY,
  });
  for (const command of [
    'node src/index',
    'node src',
    'node app',
    'node ./tool',
    'bun ./tool',
    'bun ../acme-api/app',
    'python3 pkg',
  ])
    assert.equal(decide(command), 'ask', command);
  for (const [files, command] of [
    [{ 'index.js': RM_JS }, 'node .'],
    [{ 'package.json': '{"main":"lib/main.js"}', 'lib/main.js': RM_JS }, 'node .'],
    [{ 'index.ts': RM_JS }, 'bun .'],
    [{ '__main__.py': RM_PY }, 'python3 .'],
  ] as const)
    assert.equal(workspace(files).decide(command), 'ask', `${command} with ${Object.keys(files).join(', ')}`);
});

test('profilers, tracers, debuggers and coverage tools run the script they are handed', () => {
  const { decide } = workspace(deleting);
  for (const command of [
    'coverage run run.py',
    'coverage run --branch --source src run.py',
    'python3 -m coverage run run.py',
    'python3 -m cProfile -o out.prof run.py',
    'python3 -m cProfile -s cumtime run.py',
    'python3 -m profile run.py',
    'python3 -m trace --trace run.py',
    'python3 -m trace --count --coverdir cov run.py',
    'python3 -m pdb run.py',
    'python3 -m pdb -c continue run.py',
    'npx c8 node index.js',
    'npx c8 --reporter lcov node index.js',
    'npx nyc node index.js',
    'nyc --reporter=html node index.js',
  ])
    assert.equal(decide(command), 'ask', command);
});

test('everyday interpreter, profiler and coverage calls stay quiet', () => {
  const { decide } = workspace({
    'hello.js': 'console.log(1)',
    'ok.py': 'print(1)',
    'ok.rb': 'puts 1',
    'ok.pl': 'print 1;',
    'ok.php': '<?php echo 1;',
    'ok.lua': 'print(1)',
    'src/index.js': 'console.log(1)',
    'pkg/__main__.py': 'print(1)',
    'package.json': '{"main":"hello.js","scripts":{"test":"echo ok"}}',
  });
  for (const command of [
    'node hello.js',
    'node .',
    'node src/index',
    'node --version',
    'node -r dotenv/config hello.js',
    'node --env-file=.env hello.js',
    'node --import tsx hello.js',
    'node --max-old-space-size=4096 hello.js',
    'node --inspect hello.js',
    'node --test',
    'node -e "console.log(1)"',
    'bun .',
    'bun install',
    'bun test',
    'deno run -A hello.js',
    'python3 ok.py',
    'python3 pkg',
    'python3 -W ignore ok.py',
    'python3 -X dev ok.py',
    'python3 -m pytest',
    'python3 -m http.server 8000',
    'python3 -m venv .venv',
    'python3 -m cProfile -o out.prof ok.py',
    'python3 -m pdb ok.py',
    'python3 -m trace --count ok.py',
    'python3 -c "print(1)"',
    'coverage run ok.py',
    'coverage run -m pytest',
    'coverage report',
    'coverage html',
    'ruby -I lib -r json ok.rb',
    'ruby -rjson -e "puts 1"',
    'perl -Mstrict -w ok.pl',
    'perl -i.bak -pe "s/a/b/" ok.pl',
    'php -d display_errors=1 ok.php',
    'php -S localhost:8000 -t public',
    'lua -l mod2 ok.lua',
    'npx c8 node hello.js',
    'npx c8 -r text npm test',
    'npx nyc --reporter=html node hello.js',
    'npx c8 report',
    'npx nyc check-coverage',
  ])
    assert.equal(decide(command), 'allow', command);
});
