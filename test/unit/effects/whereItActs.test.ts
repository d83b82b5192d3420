// The readers behind "judged where it acts", each on its own: brace
// expansion as bash does it, globs expanded on a real folder (and their
// bound), where a copy, sync or extraction lands and what lands there (real
// folders and real zip and tar archives), and tool arguments read by meaning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expandBraceText } from '../../../src/core/parse/bash/braces';
import { expandGlob } from '../../../src/core/command/glob';
import { landings } from '../../../src/core/effects/landing';
import { archiveMembers } from '../../../src/core/effects/archives';
import { toolLines } from '../../../src/core/command/toolArgs';
import { localModules } from '../../../src/core/parse/imports';
import { guardFs } from '../../../src/core/guard';
import type { AnalysisContext } from '../../../src/core/types';
import { simple } from '../support/helpers';

function bashBraces(word: string): string[] {
  const r = spawnSync('bash', ['-c', `printf '%s\\n' ${word}`], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l !== '');
}

test('braces expand as bash expands them, quotes and ${…} left alone', () => {
  for (const w of [
    '{rm,-rf,x}',
    'a{b,c}d',
    'f{1..3}',
    '{a..c}',
    '{01..03}',
    'x{1..10..3}',
    '{a,b}{1,2}',
    '{a{b,c}}',
    'a{,}b',
  ]) {
    assert.deepEqual(expandBraceText(w), bashBraces(w), w);
  }
  for (const w of ["'{a,b}'", '"{a,b}"', '${x,y}', '{}', '{a}', 'plain'])
    assert.equal(expandBraceText(w), undefined, w);
});

function tempTree(): { root: string; ctx: AnalysisContext; done(): void } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-where-')));
  const ctx: AnalysisContext = {
    workspace: path.join(root, 'ws'),
    home: path.join(root, 'home'),
    tempDirs: [],
    readFile: () => undefined,
    ...guardFs(),
  };
  return { root, ctx, done: () => fs.rmSync(root, { recursive: true, force: true }) };
}

test('a glob expands against the folder as the shell does: dotfiles only by a dot, symlinks marked, a folder that cannot be listed is unknown', () => {
  const { root, ctx, done } = tempTree();
  try {
    const d = path.join(root, 'logs');
    fs.mkdirSync(d);
    for (const f of ['a.log', 'b.log', '.hidden.log', 'c.txt']) fs.writeFileSync(path.join(d, f), '');
    fs.symlinkSync('/etc/hostname', path.join(d, 'z.log'));
    const x = expandGlob(`${d}/*.log`, ctx);
    assert.ok(x && 'matches' in x);
    assert.deepEqual(x.matches.map((m) => path.basename(m.path)).sort(), ['a.log', 'b.log', 'z.log']);
    assert.deepEqual(
      x.matches.filter((m) => m.link).map((m) => path.basename(m.path)),
      ['z.log'],
    );
    const dot = expandGlob(`${d}/.*.log`, ctx);
    assert.ok(dot && 'matches' in dot && dot.matches.length === 1);
    assert.deepEqual(expandGlob(`${root}/nowhere/*.log`, ctx), { matches: [] });
    // A folder that exists but lists nothing (a permission, a size bound): unknown, never empty.
    const unlisted = { ...ctx, readdir: (p: string) => (p === d ? undefined : ctx.readdir!(p)) };
    assert.deepEqual(expandGlob(`${d}/*.log`, unlisted), { tooMany: true });
  } finally {
    done();
  }
});

test("the time bound starts after the first folder: a fresh process's slow first listing still expands, a slow walk past it is unknown", () => {
  const { root, ctx, done } = tempTree();
  try {
    for (const d of ['a', 'b']) {
      fs.mkdirSync(path.join(root, d));
      fs.writeFileSync(path.join(root, d, 'x.log'), '');
    }
    const wait = (ms: number) => {
      const until = process.hrtime.bigint() + BigInt(ms * 1e6);
      while (process.hrtime.bigint() < until);
    };
    // The first listing takes 3 ms (what a cold hook process pays): the one folder is still read.
    const coldFirst = {
      ...ctx,
      readdir: (() => {
        let n = 0;
        return (p: string) => {
          if (n++ === 0) wait(3);
          return ctx.readdir!(p);
        };
      })(),
    };
    assert.deepEqual(expandGlob(`${root}/a/*.log`, coldFirst), { matches: [{ path: `${root}/a/x.log`, link: false }] });
    // Every listing takes 0.6 ms: after the first, the clock runs out before the third folder.
    const slow = {
      ...ctx,
      readdir: (p: string) => {
        wait(0.6);
        return ctx.readdir!(p);
      },
    };
    assert.deepEqual(expandGlob(`${root}/*/*.log`, slow), { tooMany: true });
    assert.equal((expandGlob(`${root}/*/*.log`, ctx) as { matches: unknown[] }).matches.length, 2);
  } finally {
    done();
  }
});

test('a glob past 4096 entries is unknown', () => {
  const { root, ctx, done } = tempTree();
  try {
    const big = {
      ...ctx,
      readdir: (p: string) =>
        p === root ? Array.from({ length: 5000 }, (_, i) => ({ name: `f${i}`, dir: false })) : ctx.readdir!(p),
    };
    assert.deepEqual(expandGlob(`${root}/*`, big), { tooMany: true });
  } finally {
    done();
  }
});

test('where a copy lands: into a folder by name, DIR/. merged, -t, several sources; rsync by its trailing slash', () => {
  const { ctx, done } = tempTree();
  try {
    const ws = ctx.workspace;
    fs.mkdirSync(path.join(ws, 'src', 'lib'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'src', 'lib', 'a.ts'), '');
    fs.mkdirSync(path.join(ws, 'dist'));
    const at = (argv: string[]) =>
      landings(simple(argv, { cwd: ws, env: { HOME: ctx.home } }), ctx).map((l) => ({
        at: path.relative(ws, l.at) || '.',
        entries: l.entries(),
      }));
    assert.deepEqual(at(['cp', '-r', 'src', 'dist']), [{ at: 'dist/src', entries: ['', 'lib', 'lib/a.ts'] }]);
    assert.deepEqual(at(['cp', '-a', 'src/.', 'dist']), [{ at: 'dist', entries: ['', 'lib', 'lib/a.ts'] }]);
    assert.deepEqual(at(['cp', '-t', 'dist', 'src/lib/a.ts']), [{ at: 'dist/a.ts', entries: [''] }]);
    assert.deepEqual(at(['cp', 'src/lib/a.ts', 'out.ts']), [], "a file onto a name is that name's own write");
    assert.deepEqual(at(['rsync', '-a', 'src/', 'build/']), [{ at: 'build', entries: ['', 'lib', 'lib/a.ts'] }]);
    assert.deepEqual(at(['rsync', '-a', 'src', 'build/']), [{ at: 'build/src', entries: ['', 'lib', 'lib/a.ts'] }]);
    assert.deepEqual(
      at(['mv', 'missing-dir', 'dist/']),
      [{ at: 'dist/missing-dir', entries: undefined }],
      'made on the line: unknown',
    );
    // A folder made earlier on the line is missing now: its contents land, unknown, where the folder's would.
    assert.deepEqual(at(['rsync', '-a', 'made/', 'build/']), [{ at: 'build', entries: undefined }]);
    assert.deepEqual(at(['rsync', '-a', 'made/.', 'build/']), [{ at: 'build', entries: undefined }]);
    assert.deepEqual(at(['cp', '-rT', 'made', 'dist']), [{ at: 'dist', entries: undefined }]);
    assert.deepEqual(at(['cp', '-r', 'made/.*', 'dist/']), [{ at: 'dist', entries: undefined }]);
    assert.deepEqual(
      at(['cp', '-a', '.', 'dist']).map((l) => l.at),
      ['dist'],
      '`.` merges like DIR/.',
    );
    // A glob among the sources is what it matches, each under its own name.
    assert.deepEqual(at(['cp', '-r', 'src/*', 'dist']), [{ at: 'dist/lib', entries: ['', 'a.ts'] }]);
    assert.deepEqual(at(['rsync', '-a', 's?c', 'build/']), [{ at: 'build/src', entries: ['', 'lib', 'lib/a.ts'] }]);
    const tooWide = { ...ctx, readdir: () => undefined, stat: () => ({ isDir: true }) as never };
    assert.deepEqual(
      landings(simple(['cp', '-r', 'src/*', 'dist/'], { cwd: ws }), tooWide).map((l) => [
        path.relative(ws, l.at),
        l.entries(),
      ]),
      [['dist', undefined]],
      'a glob past its bound lands anywhere below',
    );
  } finally {
    done();
  }
});

test("an archive's members are read from the archive itself: zip, tar, tar.gz; --strip-components applied; another compression is unknown", () => {
  const { root, ctx, done } = tempTree();
  try {
    const src = path.join(root, 'pkg');
    fs.mkdirSync(path.join(src, 'agentguard'), { recursive: true });
    fs.writeFileSync(path.join(src, 'agentguard', 'killswitch.json'), '{}');
    spawnSync('tar', ['-cf', path.join(root, 'a.tar'), '-C', src, '.']);
    spawnSync('tar', ['-czf', path.join(root, 'a.tgz'), '-C', root, 'pkg']);
    spawnSync('python3', [
      '-c',
      `import shutil; shutil.make_archive(${JSON.stringify(path.join(root, 'a'))}, 'zip', ${JSON.stringify(src)})`,
    ]);
    const names = (f: string) =>
      (archiveMembers(path.join(root, f)) ?? [])
        .map((m) => m.replace(/^\.\//, '').replace(/\/$/, ''))
        .filter(Boolean)
        .sort();
    assert.deepEqual(names('a.tar'), ['agentguard', 'agentguard/killswitch.json']);
    assert.deepEqual(names('a.zip'), ['agentguard', 'agentguard/killswitch.json']);
    assert.deepEqual(names('a.tgz'), ['pkg', 'pkg/agentguard', 'pkg/agentguard/killswitch.json']);
    fs.writeFileSync(path.join(root, 'a.tar.xz'), Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]));
    assert.equal(archiveMembers(path.join(root, 'a.tar.xz')), undefined);
    const dest = path.join(root, 'dest');
    const extract = landings(simple(['tar', '-xzf', 'a.tgz', '--strip-components=1', '-C', dest], { cwd: root }), ctx);
    assert.deepEqual(
      extract.map((l) => [l.at, l.entries()?.sort()]),
      [[dest, ['', 'agentguard', 'agentguard/killswitch.json']]],
    );
  } finally {
    done();
  }
});

test("tool arguments by meaning: source and destination move and copy (both readings), a delete or read tool's path, a command line by name", () => {
  const lines = (tool: string, input: Record<string, unknown>) =>
    toolLines(tool.split(' '), new Map(Object.entries(input))).map((l) => `${l.what}: ${l.command}`);
  assert.deepEqual(lines('move file', { source: '~/.local/state/agentguard', destination: '/tmp/x' }), [
    'moves: mv -- ~/.local/state/agentguard /tmp/x',
    'moves: mv -T -- ~/.local/state/agentguard /tmp/x',
  ]);
  assert.deepEqual(lines('sync', { from: 'a b', to: 'c' }), [
    "copies: cp -r -- 'a b' c",
    "copies: cp -r -T -- 'a b' c",
  ]);
  assert.deepEqual(lines('rename', { src: '~/.local/state/agentguard', dst: '/tmp/x' }), [
    'moves: mv -- ~/.local/state/agentguard /tmp/x',
    'moves: mv -T -- ~/.local/state/agentguard /tmp/x',
  ]);
  assert.deepEqual(lines('delete path', { path: ['x', 'y'] }), ['deletes: rm -rf -- x y']);
  assert.deepEqual(lines('read text file', { path: 'file:///etc/passwd' }), ['reads: cat -- /etc/passwd']);
  assert.deepEqual(lines('call aws', { cli_command: 'aws s3 rb s3://x --force' }), ['runs: aws s3 rb s3://x --force']);
  assert.deepEqual(lines('list directory', { path: '.' }), []);
  assert.deepEqual(lines('search', { query: 'rm -rf', limit: 3 }), []);
});

test("a script's workspace imports: statements after `;` on one line (inline code), from-imports, nothing for the standard library", () => {
  const files: Record<string, string> = {
    '/w/a.py': 'A',
    '/w/b.py': 'B',
    '/w/pkg/__init__.py': '',
    '/w/pkg/c.py': 'C',
    '/w/lib/h.js': 'H',
  };
  const read = (f: string) => files[f];
  const names = (lang: 'python' | 'node', text: string) =>
    localModules(lang, { file: '/w/<inline>', text }, ['/w'], read)
      .modules.map((m) => m.file)
      .sort();
  assert.deepEqual(names('python', 'import a; a.go()'), ['/w/a.py']);
  assert.deepEqual(names('python', 'x = 1; import os, b  # note'), ['/w/b.py']);
  assert.deepEqual(names('python', 'from pkg import c; c.run()'), ['/w/pkg/__init__.py', '/w/pkg/c.py']);
  assert.deepEqual(names('python', 'important = 1\nimport json'), []);
  assert.deepEqual(names('node', "require('./lib/h').go()"), ['/w/lib/h.js']);
});
