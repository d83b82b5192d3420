// The documentation says what is true today: every `$ command` example in the
// README and in every page under docs/ prints what the page shows when run as
// written against the built CLI, every relative link resolves, and the README
// still packages into the extension with its images.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  anchors,
  brokenLink,
  describeFailure,
  exampleBlocks,
  links,
  pages,
  ROOT,
  runBlocks,
  sentences,
} from '../support/docPages';

const read = (page: string) => fs.readFileSync(path.join(ROOT, page), 'utf8');

test('every `$ command` example in every page prints what the page shows', () => {
  let count = 0;
  const failures = [];
  for (const page of pages()) {
    const blocks = exampleBlocks(read(page));
    count += blocks.reduce((n, b) => n + b.examples.length, 0);
    failures.push(...runBlocks(page, blocks));
  }
  // The pages hold dozens of examples; finding few means the reader of the pages broke, not that they are true.
  assert.ok(count >= 20, `found only ${count} examples`);
  assert.equal(failures.length, 0, failures.map(describeFailure).join('\n\n'));
});

test('a page whose example shows the wrong output fails, and one that shows the right output passes', () => {
  const page = [
    '```sh',
    "$ agentguard check -- 'git push --force origin main'",
    'allow (score 0): git push --force origin main',
    '$ echo "exit $?"',
    'exit 0',
    '```',
  ].join('\n');
  const failures = runBlocks('wrong.md', exampleBlocks(page));
  assert.equal(failures.length, 1, failures.map(describeFailure).join('\n\n'));
  assert.equal(failures[0].line, 2);
  assert.match(failures[0].actual, /^ask \(score \d+\): git push --force origin main\n {2}git\.force-push: /);

  const right = ['```', '$ agentguard check -- ls; echo "exit $?"', 'allow (score 0): ls', 'exit 0', '```'].join('\n');
  assert.deepEqual(runBlocks('right.md', exampleBlocks(right)), []);
});

test('a snapshot id shown in a page stands for the one the run made, in later commands too', () => {
  const page = [
    '```sh',
    '$ echo hello > notes.txt',
    '$ echo "{\\"tool_name\\":\\"Bash\\",\\"tool_input\\":{\\"command\\":\\"rm notes.txt\\"},\\"cwd\\":\\"$PWD\\"}" | agentguard hook claude',
    '{"systemMessage":"AgentGuard snapshot 20260101T000000Z-abcdef: 1 file(s), 6 bytes; undo with: agentguard snapshot restore 20260101T000000Z-abcdef"}',
    '$ rm notes.txt; agentguard snapshot restore 20260101T000000Z-abcdef; cat notes.txt',
    'restored snapshot 20260101T000000Z-abcdef: /home/me/project/notes.txt',
    'hello',
    '```',
  ].join('\n');
  assert.deepEqual(runBlocks('ids.md', exampleBlocks(page)).map(describeFailure), []);
});

test('every relative link and image in every page resolves, anchors included', () => {
  const broken: string[] = [];
  let count = 0;
  for (const page of pages()) {
    for (const link of links(read(page))) {
      count++;
      const why = brokenLink(page, link.target);
      if (why) broken.push(`${page}:${link.line}: ${why}`);
    }
  }
  assert.ok(count >= 20, `found only ${count} links`);
  assert.deepEqual(broken, []);
});

test('the link checker finds a missing file and a missing heading', () => {
  assert.equal(
    brokenLink('README.md', 'docs/no-such-page.md'),
    'docs/no-such-page.md: docs/no-such-page.md does not exist',
  );
  assert.match(brokenLink('README.md', 'docs/hosts.md#no-such-heading') ?? '', /has no heading #no-such-heading/);
  assert.equal(brokenLink('docs/hosts.md', '../README.md'), undefined);
  assert.deepEqual(
    [...anchors('# Agents without a hook: the terminal door\n## In the editor\n## In the editor\n')],
    ['agents-without-a-hook-the-terminal-door', 'in-the-editor', 'in-the-editor-1'],
  );
  // GitHub keeps a heading's inline code text in its anchor.
  assert.deepEqual([...anchors('### The front door, `dist/cli.js`\n')], ['the-front-door-distclijs']);
});

test('the README lists every page under docs/', () => {
  const readme = read('README.md');
  const linked = new Set(links(readme).map((l) => path.posix.normalize(l.target.split('#')[0])));
  const missing = pages().filter((p) => p.startsWith('docs/') && !linked.has(p));
  assert.deepEqual(missing, []);
});

test('the README stays short, and no sentence is told twice across the pages', () => {
  const readme = read('README.md');
  assert.ok(readme.split('\n').length <= 300, `README.md has ${readme.split('\n').length} lines`);
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const page of pages()) {
    for (const p of sentences(read(page))) {
      const first = seen.get(p);
      if (first) twice.push(`${page} repeats ${first}: ${p.slice(0, 100)}…`);
      else seen.set(p, page);
    }
  }
  assert.deepEqual(twice, []);
});

test('the extension package carries the README and every image it shows', () => {
  // vsce ships what .vscodeignore lets through; the README's images must be among it, or the Marketplace page shows holes.
  const ignore = read('.vscodeignore')
    .split('\n')
    .map((l) => l.trim());
  assert.ok(ignore.includes('!README.md'), '.vscodeignore leaves out README.md');
  assert.ok(ignore.includes('!media/**'), '.vscodeignore leaves out media/');
  const images = links(read('README.md')).filter((l) => l.image);
  assert.ok(images.length >= 1, 'the README shows no screenshot');
  for (const image of images) {
    assert.ok(
      image.target.startsWith('media/'),
      `README.md:${image.line}: ${image.target} is not under media/, which the package ships`,
    );
    assert.ok(fs.existsSync(path.join(ROOT, image.target)), `README.md:${image.line}: ${image.target} is missing`);
  }
});
