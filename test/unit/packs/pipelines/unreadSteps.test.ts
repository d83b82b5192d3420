// A step planted for later that the reader cannot read whole (nested past its
// depth bound, or not parseable) could hide anything: it used to be dropped
// with every other parse finding, so the file was written without a word. Now
// it asks, wherever the step runs; a step with merely an unknown program stays
// quiet. Real files, the engine as the hook runs it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

const deep = `echo ${'$('.repeat(70)}rm -rf ~/.agentguard${')'.repeat(70)}`;

test('a planted step too deep or unparseable to read asks, in CI, a Makefile and hosting settings', () => {
  const { judge, done } = diskWorkspace('ag-unread-', { 'package.json': '{"name":"a"}' });
  try {
    for (const [command, id] of [
      [
        `cat > .github/workflows/ci.yml <<'E'\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${deep}\nE`,
        'autorun.ci-step',
      ],
      [`printf 'x:\\n\\t${deep}\\n' > Makefile`, 'autorun.make-recipe'],
      [`printf '[build]\\ncommand = "${deep}"\\n' > netlify.toml`, 'autorun.ci-step'],
      [
        `cat > .github/workflows/ci.yml <<'E'\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "unclosed\nE`,
        'autorun.ci-step',
      ],
    ] as const) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', command.slice(0, 80));
      const f = r.findings.find((x) => x.id === id);
      assert.ok(f, `${id} for ${command.slice(0, 80)}: ${r.findings.map((x) => x.id).join(', ')}`);
      assert.match(f.summary, /nests deeper|cannot parse/);
    }
  } finally {
    done();
  }
});

test('a planted step with an unknown program, or an ordinary one, stays quiet', () => {
  const { judge, done } = diskWorkspace('ag-unread-', { 'package.json': '{"name":"a"}' });
  try {
    for (const command of [
      `cat > .github/workflows/ci.yml <<'E'\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./tools/frobnicate --all\n      - run: echo "$(date)"\nE`,
      `printf 'x:\\n\\tfrobnicate $(shell ls)\\n' > Makefile`,
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command.slice(0, 80)}: ${r.findings.map((x) => x.summary).join('; ')}`);
    }
  } finally {
    done();
  }
});
