// A file's text at a branch, read from git's own object store (gitObjects/): loose objects, then the same
// repository packed by `git gc` (whole objects and deltas), refs loose and packed, annotated tags peeled. What
// cannot be read is unknown (undefined), a path the commit lacks is null.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Repository } from '../../../../src/core/parse/gitObjects/atRef';
import { applyDelta } from '../../../../src/core/parse/gitObjects/delta';
import { scratchDir } from '../../support/scratch';

/** A package.json long enough that `git gc` stores one version as a delta of the other. */
function manifest(build: string): string {
  const deps = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`dep-${i}`, `^1.${i}.0`]));
  return JSON.stringify({ name: 'app', scripts: { build }, dependencies: deps }, null, 2);
}

function repo(): { dir: string; git: (...args: string[]) => string } {
  const dir = scratchDir('git-objects-');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
  git('init', '-q');
  fs.writeFileSync(path.join(dir, 'package.json'), manifest('tsc'));
  fs.mkdirSync(path.join(dir, 'web'));
  fs.writeFileSync(path.join(dir, 'web', 'Makefile'), 'build:\n\ttsc\n');
  git('add', '.');
  git('commit', '-qm', 'one');
  git('checkout', '-qb', 'evil');
  fs.writeFileSync(path.join(dir, 'package.json'), manifest('rm -rf ~/notes'));
  git('commit', '-qam', 'two');
  git('tag', '-a', 'v1', '-m', 'v1');
  git('checkout', '-q', 'main');
  return { dir, git };
}

function check(r: Repository, git: (...args: string[]) => string): void {
  const evil = r.resolve('evil');
  assert.equal(evil, git('rev-parse', 'evil').trim());
  assert.match(r.fileAt(evil!, 'package.json') ?? '', /rm -rf ~\/notes/);
  assert.match(r.fileAt(r.resolve('main')!, 'package.json') ?? '', /"build": "tsc"/);
  assert.match(r.fileAt(r.resolve('v1')!, 'package.json') ?? '', /rm -rf/);
  assert.equal(r.fileAt(evil!, 'web/Makefile'), 'build:\n\ttsc\n');
  assert.equal(r.fileAt(evil!, 'justfile'), null);
  assert.equal(r.resolve(evil!.slice(0, 40)), evil);
  assert.equal(r.resolve('nosuch'), undefined);
}

test('a file at a branch, tag or id is read from loose objects, then from packs with deltas', () => {
  const { dir, git } = repo();
  const r1 = new Repository(path.join(dir, '.git'));
  check(r1, git);
  assert.equal(r1.resolve(git('rev-parse', 'evil').trim().slice(0, 8)), git('rev-parse', 'evil').trim());
  git('gc', '-q', '--aggressive');
  assert.match(
    git(
      'verify-pack',
      '-v',
      ...fs
        .readdirSync(path.join(dir, '.git/objects/pack'))
        .filter((n) => n.endsWith('.idx'))
        .map((n) => `.git/objects/pack/${n}`),
    ),
    /chain length = 1/,
  );
  check(new Repository(path.join(dir, '.git')), git);
  // Deltas naming their base by id rather than by offset.
  git('-c', 'repack.useDeltaBaseOffset=false', 'repack', '-adfq');
  check(new Repository(path.join(dir, '.git')), git);
  // `git checkout -` goes back to the branch HEAD's log says it left.
  git('checkout', '-q', 'evil');
  git('checkout', '-q', 'main');
  assert.equal(new Repository(path.join(dir, '.git')).resolve('-'), git('rev-parse', 'evil').trim());
});

test('a damaged object or delta reads as unknown, never as absent', () => {
  const { dir, git } = repo();
  const id = git('rev-parse', 'evil:package.json').trim();
  fs.writeFileSync(path.join(dir, '.git/objects', id.slice(0, 2), id.slice(2)), 'not zlib');
  const r = new Repository(path.join(dir, '.git'));
  assert.equal(r.fileAt(r.resolve('evil')!, 'package.json'), undefined);
  assert.equal(applyDelta(Buffer.from('abc'), Buffer.from([3, 200, 0x91, 0, 0xff]), 1024), undefined);
  assert.equal(applyDelta(Buffer.from('abc'), Buffer.from([3, 2, 0x91, 1, 2]), 1024)?.toString(), 'bc');
});
