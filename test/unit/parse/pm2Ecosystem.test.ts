// pm2's ecosystem files (parse/wrappers/pm2Ecosystem.ts, literalData.ts): `pm2 start|restart|reload|startOr…
// FILE` starts the apps FILE lists, each judged as the program pm2 starts for it, as that program is judged typed
// bare; `--only` narrows to the apps named. A file whose apps are computed, or too large to read, is asked about.
// Each app runs under its `env` (`env_NAME` too with `--env NAME`); `pm2 start` naming no file reads
// ./ecosystem.config.js; `pm2 stop|delete FILE` judges the code a JavaScript ecosystem file runs when loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';
import { jsLiteral } from '../../../src/core/parse/literalData';
import { yamlData } from '../../../src/core/parse/yamlData';

const at = (file: string) => path.join(WORKSPACE, file);
const WIPE = { name: 'wipe', script: 'rm', args: '-rf ~/code' };
const WEB = { name: 'web', script: 'server.js' };
const FILES: Record<string, string> = {
  [at('server.js')]: "console.log('up');\n",
  [at('evil.sh')]: 'rm -rf ~/code\n',
  [at('ecosystem.config.js')]: `module.exports = ${JSON.stringify({ apps: [WEB, WIPE] })};\n`,
  [at('ecosystem.config.cjs')]:
    `'use strict';\n// apps\nmodule.exports = {\n  apps: [\n    { name: 'wipe', script: 'rm', args: ['-rf', '~/code'], },\n  ],\n};\n`,
  [at('ecosystem.config.mjs')]: "export default { apps: [{ name: `wipe`, cmd: 'rm', args: '-rf ~/code' }] }\n",
  [at('ecosystem.json')]: JSON.stringify({ apps: [WEB, WIPE] }),
  [at('ecosystem.yml')]:
    'apps:\n  - name: web\n    script: server.js\n  - name: wipe\n    script: rm\n    args: "-rf ~/code"  # clean\n',
  [at('deploy/ecosystem.yaml')]: '---\napps:\n- name: wipe\n  script: rm\n  args: [-rf, "~/code"]\n',
  [at('shell.config.js')]:
    'module.exports = { apps: [{ name: "wipe", script: "rm -rf ~/code", args: "--ignored" }] };\n',
  [at('interp.json')]: JSON.stringify({ apps: [{ name: 'w', script: 'evil.sh', interpreter: 'bash' }] }),
  [at('single.json')]: JSON.stringify(WIPE),
  [at('computed.config.js')]:
    'const s = "rm";\nmodule.exports = { apps: [{ name: "w", script: s, args: "-rf ~/code" }] };\n',
  [at('template.config.js')]: 'module.exports = { apps: [{ name: "w", script: `${process.env.X}` }] };\n',
  [at('call.json')]: '{ "apps": require("./apps") }',
  [at('alias.yml')]: 'base: &b\n  script: rm\n  args: -rf ~/code\napps:\n  - <<: *b\n    name: x\n',
  [at('numeric.json')]: JSON.stringify({ apps: [{ name: 'w', script: 42 }] }),
  [at('huge.json')]: JSON.stringify({ apps: [WEB], pad: 'x'.repeat(300 * 1024) }),
  [at('safe.config.js')]:
    'module.exports = {\n  apps: [\n    { name: "web", script: "server.js", env: { NODE_ENV: "production", PORT: 3000 } },\n    { name: "api", script: "npm", args: "start", instances: 2, autorestart: true },\n  ],\n};\n',
  [at('safe.yml')]: 'apps:\n  - name: web\n    script: node\n    args: server.js\n    env:\n      PORT: 3000\n',
};
const e = engine(FILES);

/** What the command gets: the decision and the findings' ids. */
const verdict = (command: string) => ({ decision: e.decide(command), ids: e.ids(command).sort() });

test('the apps of an ecosystem file are judged as the programs pm2 starts for them', () => {
  const bare = verdict('rm -rf ~/code');
  assert.equal(bare.decision, 'ask');
  assert.ok(bare.ids.includes('fs.rm-outside-workspace'), bare.ids.join());
  for (const command of [
    'pm2 start ecosystem.config.js',
    'pm2 start ecosystem.config.cjs',
    'pm2 start ecosystem.config.mjs',
    'pm2 start ecosystem.json',
    'pm2 start ecosystem.yml',
    'pm2 start deploy/ecosystem.yaml',
    'pm2 start --only wipe ecosystem.config.js',
    'pm2 start ecosystem.json --only=web,wipe --env production',
    'pm2 restart ecosystem.config.js',
    'pm2 reload ecosystem.json',
    'pm2 startOrRestart ecosystem.config.js',
    'pm2 startOrReload ecosystem.yml',
    'pm2 startOrGracefulReload ecosystem.json',
    'pm2-runtime start ecosystem.config.js',
    'pm2-runtime ecosystem.json',
    'pm2 start shell.config.js',
    'pm2 start interp.json',
    'pm2 start single.json',
    'cd deploy && pm2 start ecosystem.yaml',
  ]) {
    assert.deepEqual(verdict(command), bare, command);
  }
});

test('an app with its own cwd is judged as run there', () => {
  const files = {
    ...FILES,
    [at('cwd.json')]: JSON.stringify({ apps: [{ script: 'rm', args: '-rf home', cwd: '/' }] }),
  };
  const got = engine(files);
  assert.equal(got.decide('pm2 start cwd.json'), 'deny');
  assert.deepEqual(got.ids('pm2 start cwd.json').sort(), got.ids('rm -rf /home').sort());
});

test('--only narrows the apps started to those named', () => {
  assert.equal(e.decide('pm2 start ecosystem.config.js --only wipe'), 'ask');
  assert.equal(e.decide('pm2 restart ecosystem.yml --only=web,wipe'), 'ask');
  assert.equal(e.decide('pm2 start ecosystem.config.js --only web'), 'allow');
  assert.equal(e.decide('pm2 restart ecosystem.yml --only=web'), 'allow');
});

test('an ecosystem file whose apps are computed, unreadable or too large is asked about, never allowed', () => {
  for (const command of [
    'pm2 start computed.config.js',
    'pm2 start template.config.js',
    'pm2 start call.json',
    'pm2 start numeric.json',
    'pm2 start huge.json',
  ]) {
    assert.equal(e.decide(command), 'ask', command);
    assert.ok(e.ids(command).includes('parse.too-complex'), `${command}: ${e.ids(command).join()}`);
  }
  // An app built with a YAML merge key is read, and judged by what it merges.
  assert.notEqual(e.decide('pm2 start alias.yml'), 'allow');
  assert.ok(
    e.ids('pm2 start alias.yml').some((id) => id.startsWith('fs.rm')),
    e.ids('pm2 start alias.yml').join(),
  );
});

test('harmless ecosystem files and pm2 calls that start nothing stay allowed', () => {
  for (const command of [
    'pm2 start safe.config.js',
    'pm2 start safe.yml',
    'pm2 restart safe.config.js',
    'pm2 start missing.config.js',
    'pm2 restart all',
    'pm2 restart web',
    'pm2 reload 0',
    'pm2 logs',
    'pm2 ls',
    'pm2 stop ecosystem.config.js',
    'pm2 start server.js',
  ]) {
    assert.equal(e.decide(command), 'allow', `${command}: ${e.ids(command).join()}`);
  }
});

test('jsLiteral reads a plain exported literal and nothing computed', () => {
  assert.deepEqual(
    jsLiteral("// c\nmodule.exports = { a: 'x\\ty', 'b-c': [1, -2.5, true, null, `t`], d: { e: \"\\u0041\" }, };"),
    { a: 'x\ty', 'b-c': [1, -2.5, true, null, 't'], d: { e: 'A' } },
  );
  assert.deepEqual(jsLiteral('export default [/* none */]'), []);
  assert.deepEqual(jsLiteral('({"a": 1})', true), { a: 1 });
  for (const text of [
    'module.exports = { a: b }',
    'module.exports = { a }',
    'module.exports = { [k]: 1 }',
    'module.exports = { a: f() }',
    'module.exports = { a: `${x}` }',
    'module.exports = {}; run()',
    'exports.apps = []',
    'module.exports = { a: "x" + "y" }',
    'module.exports = { a: 1 ',
  ]) {
    assert.equal(jsLiteral(text), undefined, text);
  }
});

test('yamlData reads block mappings and lists, and nothing it does not know', () => {
  assert.deepEqual(yamlData('apps:\n- name: a  # first\n  args: [x, "y z"]\n- "b"\nkey: ~\n'), {
    apps: [{ name: 'a', args: ['x', 'y z'] }, 'b'],
    key: null,
  });
  assert.deepEqual(yamlData("a:\n  b:\n    - 'it''s'\n  c: d\n"), { a: { b: ["it's"], c: 'd' } });
  for (const text of [
    'a: !!str 1\n',
    'a: [b, {c: *d}]\n',
    'a: b\n---\nc: d\n',
    'a: one\n  two\n',
    'a:\n  - x\n  b: 1\n',
    '<<: 1\n',
  ]) {
    assert.equal(yamlData(text), undefined, text);
  }
});

const ENV_FILES: Record<string, string> = {
  ...FILES,
  [at('evil.js')]: "require('child_process').execSync('rm -rf ~/code');\n",
  [at('loads.config.js')]:
    "require('child_process').execSync('rm -rf ~/code');\nmodule.exports = { apps: [{ name: 'web', script: 'server.js' }] };\n",
  [at('preload.json')]: JSON.stringify({
    apps: [{ name: 'web', script: 'server.js', env: { NODE_OPTIONS: '--require ./evil.js' } }],
  }),
  [at('ldpreload.config.js')]:
    'module.exports = { apps: [{ name: "web", script: "node", args: "server.js", cwd: "sub", env: { LD_PRELOAD: "./evil.so" } }] };\n',
  [at('shellenv.yml')]:
    'apps:\n  - name: dev\n    script: node server.js\n    env:\n      NODE_OPTIONS: --require ./evil.js\n',
  [at('staged.config.js')]:
    'module.exports = {\n  apps: [{ name: "web", script: "server.js", env: { NODE_ENV: "development" },\n    env_production: { NODE_OPTIONS: "--require ./evil.js" } }],\n};\n',
  [at('deployed.json')]: JSON.stringify({
    apps: [WEB],
    deploy: { production: { env: { NODE_OPTIONS: '--require ./evil.js' } } },
  }),
  [at('badkey.json')]: JSON.stringify({ apps: [{ name: 'web', script: 'server.js', env: { 'A=B': 'x' } }] }),
  [at('badenv.json')]: JSON.stringify({ apps: [{ name: 'web', script: 'server.js', env: 'NODE_OPTIONS=x' }] }),
};
const env = engine(ENV_FILES);

test('an app runs under its env, and under env_NAME with --env NAME, as if typed before the program', () => {
  const typed = env.ids("NODE_OPTIONS='--require ./evil.js' node server.js").sort();
  assert.equal(env.decide("NODE_OPTIONS='--require ./evil.js' node server.js"), 'ask');
  assert.ok(typed.includes('fs.rm-outside-workspace'), typed.join());
  for (const command of [
    'pm2 start preload.json',
    'pm2 restart preload.json',
    'pm2 start staged.config.js --env production',
    'pm2 startOrReload staged.config.js --env=production',
    'pm2 start deployed.json --env production',
    'pm2 start shellenv.yml',
  ]) {
    assert.deepEqual(env.ids(command).sort(), typed, command);
    assert.equal(env.decide(command), 'ask', command);
  }
  assert.equal(env.decide('pm2 start ldpreload.config.js'), 'ask');
  assert.deepEqual(
    env.ids('pm2 start ldpreload.config.js').sort(),
    env.ids('(cd sub && LD_PRELOAD=./evil.so node server.js)').sort(),
  );
  assert.ok(env.ids('pm2 start ldpreload.config.js').includes('exec.loader-variable'));
  // Without --env only the app's env applies; with another name, its env_production is not read.
  for (const command of [
    'pm2 start staged.config.js',
    'pm2 start staged.config.js --env staging',
    'pm2 start deployed.json',
  ]) {
    assert.equal(env.decide(command), 'allow', `${command}: ${env.ids(command).join()}`);
  }
  for (const command of ['pm2 start badkey.json', 'pm2 start badenv.json']) {
    assert.equal(env.decide(command), 'ask', command);
    assert.ok(env.ids(command).includes('parse.too-complex'), `${command}: ${env.ids(command).join()}`);
  }
});

test('pm2 start naming no file starts the ecosystem.config.js of the folder it runs in', () => {
  const bare = verdict('rm -rf ~/code');
  for (const command of ['pm2 start', 'pm2 start --only wipe', 'pm2 start --env production', 'pm2 start --watch']) {
    assert.deepEqual(verdict(command), bare, command);
  }
  assert.equal(e.decide('pm2 start --only web'), 'allow');
  const safe = engine({
    [at('server.js')]: "console.log('up');\n",
    [at('ecosystem.config.js')]:
      'module.exports = { apps: [{ name: "web", script: "node", args: "server.js", env: { PORT: "3000", NODE_ENV: "production" } }] };\n',
  });
  assert.equal(safe.decide('pm2 start'), 'allow', safe.ids('pm2 start').join());
  assert.equal(safe.decide('pm2 start --env production'), 'allow');
});

test('pm2 stop and delete judge the code a JavaScript ecosystem file runs as pm2 loads it', () => {
  const bare = env.ids('node loads.config.js').sort();
  assert.ok(bare.includes('fs.rm-outside-workspace'), bare.join());
  for (const command of [
    'pm2 stop loads.config.js',
    'pm2 delete loads.config.js',
    'pm2 del web loads.config.js',
    'pm2 stop --watch all loads.config.js',
  ]) {
    assert.equal(env.decide(command), 'ask', command);
    assert.deepEqual(env.ids(command).sort(), bare, command);
  }
  // pm2 evaluates a JSON file as a JavaScript expression: one that is not a plain literal is asked about.
  assert.equal(env.decide('pm2 stop call.json'), 'ask');
  assert.ok(env.ids('pm2 delete call.json').includes('parse.too-complex'));
  for (const command of [
    'pm2 stop all',
    'pm2 delete web',
    'pm2 stop ecosystem.config.js',
    'pm2 delete ecosystem.json safe.yml',
    'pm2 stop computed.config.js',
    'pm2 stop missing.config.js',
    'pm2 kill',
  ]) {
    assert.equal(env.decide(command), 'allow', `${command}: ${env.ids(command).join()}`);
  }
});

test('pm2 start naming several files starts each, each judged as if named alone', () => {
  for (const command of [
    'pm2 start safe.yml ecosystem.json',
    'pm2 start server.js interp.json --env production',
    'pm2 start safe.config.js "$F" ecosystem.config.js',
  ])
    assert.notEqual(e.decide(command), 'allow', `${command}: ${e.ids(command).join()}`);
  for (const command of ['pm2 start safe.yml server.js', 'pm2 restart web api', 'pm2 start safe.yml safe.config.js'])
    assert.equal(e.decide(command), 'allow', `${command}: ${e.ids(command).join()}`);
  const many = `pm2 start ${Array.from({ length: 65 }, (_, i) => `app${i}`).join(' ')}`;
  assert.ok(e.ids(many).includes('parse.too-complex'), e.ids(many).join());
});
