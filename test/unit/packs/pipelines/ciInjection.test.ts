// Text anyone may write (an issue's title, a comment, a branch name) pasted by `${{ }}` into a step's script runs as
// commands in CI, with the repository's secrets and token: GitHub's hardening guide calls it script injection. A
// workflow that adds one asks; handing the text through `env:` and reading it as a variable stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, engine } from '../../support/engineHarness';

const { judge } = engine();
const workflow = (on: string, step: string) =>
  `cat > .github/workflows/x.yml <<'EOF'\non: ${on}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n${step}\nEOF`;

test('a step script that pastes untrusted event text asks', () => {
  for (const [on, step] of [
    ['issue_comment', '      - run: echo "${{ github.event.comment.body }}"'],
    ['issues', '      - run: |\n          title="${{ github.event.issue.title }}"\n          echo "$title"'],
    ['pull_request', '      - run: git checkout ${{ github.head_ref }}'],
    ['pull_request', '      - run: echo ${{ github.event.pull_request.head.ref }}'],
    ['push', '      - run: echo "${{ github.event.head_commit.message }}"'],
    ['workflow_run', '      - run: ./deploy.sh ${{github.event.workflow_run.head_branch}}'],
  ])
    assertGated(judge, workflow(on, step), 'autorun.ci-injection', 'ask');
});

test('untrusted text through env:, trusted expressions, and conditions stay quiet', () => {
  for (const [on, step] of [
    ['issues', '      - env:\n          TITLE: ${{ github.event.issue.title }}\n        run: echo "$TITLE"'],
    ['push', '      - run: echo "${{ github.sha }} ${{ github.event.repository.name }} ${{ github.ref_name }}"'],
    ['issues', "      - if: contains(github.event.issue.title, 'deploy')\n        run: echo ok"],
  ]) {
    const r = judge(workflow(on, step));
    assert.equal(r.decision, 'allow', `${step}: ${r.findings.map((f) => f.id)}`);
  }
});
