import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { editPreviews, applyTextEdits } from '../../../src/core/preview/edits';
import { summarizeDeletes, describeDeletes } from '../../../src/core/preview/deletes';
import { literalSubstitution, shellPreview } from '../../../src/core/preview/shell';
import { realPreviewIo } from '../../../src/core/preview/io';
import { previewRequest } from '../../../src/core/preview';
import { PREVIEW_LIMITS, type CurrentFile, type PreviewIo, type WalkEntry } from '../../../src/core/preview/types';
import { ctx, WORKSPACE } from '../support/helpers';

const W = WORKSPACE;

/** A file tree in memory: a string is a text file, a number a file of that size, an object a folder. */
type Tree = { [name: string]: string | number | Uint8Array | Tree };

function fakeIo(tree: Tree, root = '/', clock = { t: 0, step: 0 }): PreviewIo {
  const lookup = (abs: string): Tree[string] | undefined => {
    let node: Tree[string] = tree;
    for (const part of path.relative(root, abs).split(path.sep).filter(Boolean)) {
      if (typeof node !== 'object' || node instanceof Uint8Array) return undefined;
      node = (node as Tree)[part];
      if (node === undefined) return undefined;
    }
    return node;
  };
  const entry = (name: string, n: Tree[string]): WalkEntry =>
    typeof n === 'string'
      ? { name, kind: 'file', bytes: Buffer.byteLength(n) }
      : typeof n === 'number'
        ? { name, kind: 'file', bytes: n }
        : n instanceof Uint8Array
          ? { name, kind: 'file', bytes: n.length }
          : { name, kind: 'dir', bytes: 0 };
  return {
    readCurrent(abs): CurrentFile {
      const n = lookup(abs);
      if (n === undefined) return { kind: 'missing' };
      if (typeof n === 'string')
        return n.length > PREVIEW_LIMITS.fileBytes ? { kind: 'too-large', bytes: n.length } : { kind: 'text', text: n };
      if (n instanceof Uint8Array) return { kind: 'binary', bytes: n.length };
      if (typeof n === 'number') return { kind: 'too-large', bytes: n };
      return { kind: 'unreadable', reason: 'not a regular file' };
    },
    stat(abs) {
      const n = lookup(abs);
      return n === undefined ? undefined : entry(path.basename(abs), n);
    },
    list(abs) {
      const n = lookup(abs);
      if (typeof n !== 'object' || n instanceof Uint8Array) return undefined;
      return Object.entries(n).map(([name, child]) => entry(name, child));
    },
    now: () => (clock.t += clock.step),
  };
}

const workspaceTree = (files: Tree): Tree => ({ home: { dev: { code: { 'acme-api': files } } } });

test('Edit: the proposed text is the current file with the replacement applied', () => {
  const io = fakeIo(workspaceTree({ migrations: { '001.sql': 'CREATE TABLE a (id int);\nDROP TABLE b;\n' } }));
  const [p] = editPreviews(
    [{ path: 'migrations/001.sql', op: 'edit', edits: [{ oldString: 'DROP TABLE b;', newString: '-- kept b' }] }],
    W,
    io,
  );
  assert.deepEqual(p, {
    path: `${W}/migrations/001.sql`,
    before: 'CREATE TABLE a (id int);\nDROP TABLE b;\n',
    after: 'CREATE TABLE a (id int);\n-- kept b\n',
  });
});

test('MultiEdit applies its edits in order; replace_all replaces every occurrence; $ in new text is literal', () => {
  assert.deepEqual(
    applyTextEdits('a a b', [
      { oldString: 'a', newString: 'x', replaceAll: true },
      { oldString: 'b', newString: '$&c' },
    ]),
    { text: 'x x $&c' },
  );
  assert.deepEqual(applyTextEdits('a a', [{ oldString: 'a', newString: 'x' }]), { text: 'x a' });
  const missing = applyTextEdits('abc', [{ oldString: 'zzz', newString: 'y' }]);
  assert.ok('problem' in missing && /not in the file/.test(missing.problem));
});

test('Write: a new file shows empty before; an existing one its current text', () => {
  const io = fakeIo(workspaceTree({ 'a.txt': 'old\n' }));
  const [created, replaced] = editPreviews(
    [
      { path: 'new.txt', op: 'write', content: 'hello\n' },
      { path: `${W}/a.txt`, op: 'write', content: 'new\n' },
    ],
    W,
    io,
  );
  assert.deepEqual(created, { path: `${W}/new.txt`, before: '', after: 'hello\n', note: 'new file' });
  assert.deepEqual(replaced, { path: `${W}/a.txt`, before: 'old\n', after: 'new\n' });
});

test('an edit whose text is not in the file says so and shows no invented result', () => {
  const io = fakeIo(workspaceTree({ 'a.txt': 'abc' }));
  const [p] = editPreviews([{ path: 'a.txt', op: 'edit', edits: [{ oldString: 'zzz', newString: 'y' }] }], W, io);
  assert.equal(p.after, undefined);
  assert.match(p.note ?? '', /not in the file/);
});

test('too large: over the per-file limit, and over the request total, nothing is shown but a note', () => {
  const io = fakeIo(workspaceTree({ 'big.txt': 'x'.repeat(100), 'huge.bin': 10_000_000 }));
  const limits = { ...PREVIEW_LIMITS, fileBytes: 50, totalBytes: 120 };
  const [big] = editPreviews([{ path: 'big.txt', op: 'write', content: 'y' }], W, io, limits);
  assert.equal(big.before, undefined);
  assert.match(big.note ?? '', /too large to preview \(100 bytes/);
  const [huge] = editPreviews([{ path: 'huge.bin', op: 'edit', edits: [{ oldString: 'a', newString: 'b' }] }], W, io);
  assert.match(huge.note ?? '', /too large to preview \(10000000 bytes\)/);
  const many = editPreviews(
    [1, 2, 3].map((i) => ({ path: `f${i}.txt`, op: 'write' as const, content: 'z'.repeat(45) })),
    W,
    fakeIo({}),
    limits,
  );
  assert.deepEqual(
    many.map((p) => p.after !== undefined),
    [true, true, false],
  );
  assert.match(many[2].note ?? '', /over the preview budget/);
});

test('binary: said so, never shown as text (real files: a NUL byte marks binary)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-preview-'));
  try {
    fs.writeFileSync(path.join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
    fs.writeFileSync(path.join(dir, 'a.txt'), 'text\n');
    const io = realPreviewIo();
    const [bin, txt] = editPreviews(
      [
        { path: 'logo.png', op: 'write', content: 'x' },
        { path: 'a.txt', op: 'edit', edits: [{ oldString: 'text', newString: 'more' }] },
      ],
      dir,
      io,
    );
    assert.equal(bin.before, undefined);
    assert.match(bin.note ?? '', /binary file \(7 bytes\)/);
    assert.deepEqual([txt.before, txt.after], ['text\n', 'more\n']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('deletions: count, bytes and first paths of a recursive walk; missing targets count nothing', () => {
  const io = fakeIo(workspaceTree({ data: { 'app.db': 1000, logs: { 'a.log': 10, 'b.log': 20 } }, 'x.txt': 'abc' }));
  const s = summarizeDeletes(
    [{ path: `${W}/data`, recursive: true }, { path: `${W}/x.txt` }, { path: `${W}/gone` }],
    io,
  );
  assert.deepEqual(s, {
    count: 6,
    bytes: 1033,
    complete: true,
    sample: [
      `${W}/data`,
      `${W}/x.txt`,
      `${W}/data/app.db`,
      `${W}/data/logs`,
      `${W}/data/logs/a.log`,
      `${W}/data/logs/b.log`,
    ],
  });
  assert.equal(describeDeletes(s), '6 files and folders, 1.0 KB');
  const flat = summarizeDeletes([{ path: `${W}/data` }], io);
  assert.equal(flat.count, 1, 'without -r only the folder itself is counted');
});

test('deletions: the walk stops at its entry bound and at its time limit, and says "at least"', () => {
  const wide: Tree = {};
  for (let i = 0; i < 50; i++) wide[`f${i}`] = 1;
  const io = fakeIo(workspaceTree({ wide }));
  const bounded = summarizeDeletes([{ path: `${W}/wide`, recursive: true }], io, {
    ...PREVIEW_LIMITS,
    walkEntries: 10,
  });
  assert.equal(bounded.complete, false);
  assert.equal(bounded.count, 10);
  assert.match(describeDeletes(bounded), /^at least 10 files and folders/);
  // Each clock read advances 40 ms: a 150 ms walk gets only a few entries.
  const slow = summarizeDeletes(
    [{ path: `${W}/wide`, recursive: true }],
    fakeIo(workspaceTree({ wide }), '/', { t: 0, step: 40 }),
  );
  assert.equal(slow.complete, false);
  assert.ok(slow.count > 0 && slow.count < 10, `count ${slow.count}`);
  assert.equal(slow.sample.length, slow.count);
  const dynamic = summarizeDeletes([{ path: '$DIR', dynamic: true, recursive: true }], io);
  assert.deepEqual(dynamic, { count: 0, bytes: 0, sample: [], complete: false });
});

test("shell: rm -rf through the engine's file effects, wrappers included", () => {
  const io = fakeIo(workspaceTree({ build: { 'a.js': 5, 'b.js': 7 } }));
  const p = shellPreview({ command: 'sudo rm -rf build', cwd: W, env: {} }, ctx(), io);
  assert.deepEqual(p.deletes, {
    count: 3,
    bytes: 12,
    sample: [`${W}/build`, `${W}/build/a.js`, `${W}/build/b.js`],
    complete: true,
  });
  assert.equal(p.files, undefined);
});

test('shell: literal overwrites show before and after (echo, printf, >>, heredoc, sed -i s///)', () => {
  const io = fakeIo(workspaceTree({ 'config.txt': 'mode=dev\nmode=dev\n', 'log.txt': 'one\n' }));
  const one = (command: string) => shellPreview({ command, cwd: W, env: {} }, ctx(), io).files;
  assert.deepEqual(one('echo mode=prod > config.txt'), [
    { path: `${W}/config.txt`, before: 'mode=dev\nmode=dev\n', after: 'mode=prod\n' },
  ]);
  assert.deepEqual(one("printf 'a\\tb\\n' > new.txt"), [
    { path: `${W}/new.txt`, before: '', after: 'a\tb\n', note: 'new file' },
  ]);
  assert.deepEqual(one('echo two >> log.txt')?.[0].after, 'one\ntwo\n');
  assert.deepEqual(one('cat > log.txt <<EOF\nreplaced\nEOF')?.[0].after, 'replaced\n');
  assert.deepEqual(one("sed -i 's/dev/prod/' config.txt")?.[0].after, 'mode=prod\nmode=prod\n');
  assert.deepEqual(one("sed -i -e 's|mode|m|g' config.txt")?.[0].after, 'm=dev\nm=dev\n');
  // Not literal: no guess.
  assert.equal(one('echo $HOSTNAME > config.txt'), undefined);
  assert.equal(one("printf '%s' x > config.txt"), undefined);
  assert.equal(one("sed -i 's/d.v/prod/' config.txt"), undefined);
  assert.equal(one('date > config.txt'), undefined);
});

test('sed: only literal s/// substitutions qualify', () => {
  assert.deepEqual(literalSubstitution('s/a/b/g', false), { from: 'a', to: 'b', global: true });
  assert.equal(literalSubstitution('s/a/&x/', false), undefined);
  assert.equal(literalSubstitution('s/a+/b/', true), undefined);
  assert.deepEqual(literalSubstitution('s/a+/b/', false), { from: 'a+', to: 'b', global: false });
  assert.equal(literalSubstitution('s/a/b/p', false), undefined);
  assert.equal(literalSubstitution('/x/d', false), undefined);
});

test('previewRequest: edits and shell only, never throws', () => {
  const io = fakeIo(workspaceTree({ 'a.txt': 'x' }));
  const edit = previewRequest(
    {
      event: 'PreToolUse',
      kind: 'edit',
      toolName: 'Write',
      workspaceRoots: [],
      targets: [{ path: 'a.txt', op: 'write', content: 'y' }],
    },
    { workspace: W, cwd: W, env: {} },
    io,
  );
  assert.deepEqual(edit, { files: [{ path: `${W}/a.txt`, before: 'x', after: 'y' }] });
  assert.equal(
    previewRequest(
      { event: 'PreToolUse', kind: 'shell', toolName: 'Bash', workspaceRoots: [], command: 'git push --force' },
      { workspace: W, cwd: W, env: {} },
      io,
    ),
    undefined,
  );
  const broken: PreviewIo = {
    ...io,
    readCurrent: () => {
      throw new Error('disk on fire');
    },
  };
  assert.equal(
    previewRequest(
      {
        event: 'PreToolUse',
        kind: 'edit',
        toolName: 'Write',
        workspaceRoots: [],
        targets: [{ path: 'a.txt', op: 'write', content: 'y' }],
      },
      { workspace: W, cwd: W, env: {} },
      broken,
    ),
    undefined,
  );
});
