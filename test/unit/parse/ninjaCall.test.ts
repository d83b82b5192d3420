// `ninja` runs the commands of build.ninja's edges through the shell: a build file an agent wrote with
// `command = rm -rf ~/notes` ran allowed, since nothing read it. The edges a call's targets need are judged as the
// lines they run, from the build folder; a CMake-made build file stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';

const WIPE = 'rule wipe\n  command = rm -rf $out\nrule cc\n  command = cc -c $in -o $out\nbuild a.o: cc a.c\n';

test('the edges a ninja call runs are judged as the lines they run', () => {
  const files = {
    [`${WORKSPACE}/build.ninja`]: 'rule r\n  command = rm -rf ~/notes\nbuild x: r\n',
    [`${WORKSPACE}/out/build.ninja`]: WIPE + 'build /home/dev/notes: wipe\nbuild all: phony a.o\ndefault all\n',
  };
  const { judge, decide } = engine(files);
  for (const command of ['ninja', 'ninja x', 'samu', 'ninja -f build.ninja', 'ninja -C out /home/dev/notes']) {
    const r = judge(command);
    assert.equal(r.decision, 'ask', command);
    assert.ok(
      r.findings.some((f) => f.id === 'fs.rm-outside-workspace'),
      `${command}: ${r.findings.map((f) => f.id)}`,
    );
  }
  // The default builds only a.o; a tool, a dry run and the version run no edge.
  for (const command of ['ninja -C out', 'ninja -C out a.o', 'ninja -t clean', 'ninja -n', 'ninja --version'])
    assert.equal(decide(command), 'allow', command);
  // A target named at run time may be any edge's.
  assert.equal(decide('ninja -C out "$T"'), 'ask');
  assert.equal(decide('ninja -C "$D"'), 'ask');
});

test('cmake --build and meson compile run the build tool their folder was made for', () => {
  const files = {
    [`${WORKSPACE}/nb/build.ninja`]: 'rule r\n  command = rm -rf ~/notes\nbuild all: r\ndefault all\n',
    [`${WORKSPACE}/mb/Makefile`]: 'all:\n\trm -rf ~/notes\n',
    [`${WORKSPACE}/ok/build.ninja`]: 'rule cc\n  command = cc -c $in -o $out\nbuild a.o: cc a.c\n',
  };
  const { judge, decide } = engine(files);
  for (const command of [
    'cmake --build nb',
    'cmake --build nb --target all -j 4',
    'cmake --build mb',
    'meson compile -C nb',
  ]) {
    const r = judge(command);
    assert.ok(
      r.findings.some((f) => f.id === 'fs.rm-outside-workspace'),
      `${command}: ${r.findings.map((f) => f.id)}`,
    );
  }
  assert.equal(decide('cmake --build ok'), 'allow');
  assert.equal(decide('cmake --build "$B"'), 'ask');
});

test('a build file past what AgentGuard reads asks', () => {
  const many = ['rule r', '  command = echo $out'];
  for (let i = 0; i < 300; i++) many.push(`build /srv/o${i}: r`);
  const { judge } = engine({ [`${WORKSPACE}/build.ninja`]: many.join('\n') + '\n' });
  const r = judge('ninja');
  assert.equal(r.decision, 'ask');
  assert.ok(r.findings.some((f) => f.id === 'parse.too-complex' && /build file/.test(f.summary)));
});

test('the real ninja runs what the reading says', { skip: !hasNinja() }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-ninja-'));
  try {
    fs.mkdirSync(path.join(dir, 'victim'));
    fs.writeFileSync(path.join(dir, 'build.ninja'), `rule wipe\n  command = rm -rf $out\nbuild victim: wipe\n`);
    const r = spawnSync('ninja', ['victim'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.existsSync(path.join(dir, 'victim')), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function hasNinja(): boolean {
  return spawnSync('sh', ['-c', 'command -v ninja']).status === 0;
}
