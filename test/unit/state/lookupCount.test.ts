// `check --batch` answers a repeated line as before only when judging it
// read nothing from the file system, which it knows from the engine's count
// of lookups (core/state/lookups.ts). That count is only worth something if
// every reader the engine uses adds to it: here the real `fs` functions are
// watched while every labelled corpus command is judged, and no judgment may
// touch the file system without the count moving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import '../support/account';
import { evaluate, lookupCount, type EngineOptions } from '../../../src/core/engine';
import type { CheckRequest } from '../../../src/core/types';
import { recordLookups, repeatableLookup, SeenLooks, stillSeen } from '../../../src/core/state/lookups';
import { guardFs } from '../../../src/core/guard';
import { boundedReadFile } from '../../../src/core/state/fileReads';

const corpusDir = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'corpus');

const WATCHED = [
  'statSync',
  'lstatSync',
  'fstatSync',
  'readFileSync',
  'openSync',
  'readSync',
  'opendirSync',
  'readdirSync',
  'existsSync',
  'accessSync',
  'readlinkSync',
] as const;

test('no judgment reads the file system without the engine counting a lookup', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-lookups-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.git', 'config'), '[remote "origin"]\n\turl = git@github.com:acme/app.git\n');
  fs.writeFileSync(
    path.join(ws, 'package.json'),
    JSON.stringify({ scripts: { test: 'vitest run', reset: 'prisma migrate reset --force' } }),
  );
  fs.mkdirSync(path.join(home, '.kube'), { recursive: true });
  fs.writeFileSync(path.join(home, '.kube', 'config'), 'current-context: prod-eu\n');
  fs.symlinkSync(path.join(ws, '.git'), path.join(ws, 'gitdir'));

  const requests: CheckRequest[] = [];
  for (const file of fs.readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of fs.readFileSync(path.join(corpusDir, file), 'utf8').split('\n').filter(Boolean)) {
      const row = JSON.parse(line) as { command: string; shell?: CheckRequest['shell']; env?: Record<string, string> };
      requests.push({
        command: row.command,
        ...(row.shell ? { shell: row.shell } : {}),
        ...(row.env ? { env: row.env } : {}),
      });
    }
  }
  requests.push(
    { command: 'echo x > gitdir/config' },
    { command: 'kubectl delete deployment api' },
    { command: 'npm run reset' },
    { command: 'tar -xf backup.tar -C ~' },
  );
  const opts: EngineOptions = {
    workspace: ws,
    home,
    env: { HOME: home, PATH: '/usr/bin:/bin' },
    stateDir: path.join(home, 'state'),
  };

  const real = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
  const saved = new Map(WATCHED.map((name) => [name, real[name]]));
  const savedRealpath = fs.realpathSync;
  let fsCalls = 0;
  try {
    // First, once each: what is worked out once per process or per options (the protected places, the
    // CLI's own folders) is fixed for a whole batch, reused or not.
    for (const req of requests) evaluate(req, opts);
    for (const name of WATCHED) {
      const f = saved.get(name)!;
      real[name] = (...args: unknown[]) => {
        fsCalls++;
        return f(...args);
      };
    }
    const realpath = ((p: fs.PathLike, o?: unknown) => {
      fsCalls++;
      return savedRealpath(p, o as fs.EncodingOption);
    }) as typeof fs.realpathSync;
    realpath.native = ((p: fs.PathLike, o?: unknown) => {
      fsCalls++;
      return savedRealpath.native(p, o as fs.EncodingOption);
    }) as typeof fs.realpathSync.native;
    fs.realpathSync = realpath;

    let read = 0;
    let readNothing = 0;
    const unnoticed: string[] = [];
    for (const req of requests) {
      const calls = fsCalls;
      const lookups = lookupCount();
      evaluate(req, opts);
      if (fsCalls !== calls) read++;
      if (lookupCount() !== lookups) continue;
      readNothing++;
      if (fsCalls !== calls) unnoticed.push(req.command);
    }
    assert.deepEqual(unnoticed, [], 'judgments that read the file system without counting a lookup');
    // The watch sees reads (git's config, package.json, a symlink), and most commands read nothing.
    assert.ok(read > 20, `${read} judgments read the file system`);
    assert.ok(readNothing > requests.length / 2, `${readNothing} of ${requests.length} read nothing`);
  } finally {
    for (const [name, f] of saved) real[name] = f;
    fs.realpathSync = savedRealpath;
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('a judgment that read the disk is repeatable: its looks, repeated, see the same until a file changes', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-lookups-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  fs.mkdirSync(path.join(home, '.kube'), { recursive: true });
  const pkg = (reset: string) => JSON.stringify({ scripts: { reset } });
  fs.writeFileSync(path.join(ws, 'package.json'), pkg('echo nothing to reset'));
  fs.writeFileSync(path.join(home, '.kube', 'config'), 'current-context: kind-dev\n');
  fs.writeFileSync(path.join(ws, 'notes.txt'), 'notes\n');
  const opts: EngineOptions = {
    workspace: ws,
    home,
    env: { HOME: home, PATH: '/usr/bin:/bin' },
    stateDir: path.join(home, 'state'),
  };
  const judged = (command: string) => recordLookups(() => evaluate({ command }, opts));
  try {
    const cases: { command: string; change: () => void }[] = [
      {
        command: 'npm run reset',
        change: () => fs.writeFileSync(path.join(ws, 'package.json'), pkg('prisma migrate reset --force')),
      },
      {
        command: 'kubectl delete deployment api',
        change: () => fs.writeFileSync(path.join(home, '.kube', 'config'), 'current-context: prod-eu\n'),
      },
      {
        command: 'echo x > notes.txt',
        change: () => {
          fs.rmSync(path.join(ws, 'notes.txt'));
          fs.symlinkSync('.git', path.join(ws, 'notes.txt'));
        },
      },
    ];
    for (const { command, change } of cases) {
      const { looks } = judged(command);
      assert.ok(looks && looks.length > 0, `${command}: read the disk, and every look can be repeated`);
      assert.equal(stillSeen(looks), true, `${command}: nothing changed, the looks see the same`);
      change();
      assert.equal(stillSeen(looks), false, `${command}: after the change, a repeated look sees it`);
    }
    // A line that read nothing records no look; one whose reader cannot repeat (an archive's members) records none either.
    assert.deepEqual(judged('echo hello').looks, []);
    fs.writeFileSync(path.join(ws, 'backup.tar'), Buffer.alloc(1024));
    assert.equal(judged('tar -xf backup.tar -C ~').looks, undefined);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('every labelled corpus judgment whose looks are recorded sees the same when they are repeated at once', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-lookups-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ scripts: { test: 'vitest run' } }));
  const opts: EngineOptions = { workspace: ws, home, env: { HOME: home, PATH: '/usr/bin:/bin' } };
  try {
    let repeatable = 0;
    const flapping: string[] = [];
    for (const file of fs.readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of fs.readFileSync(path.join(corpusDir, file), 'utf8').split('\n').filter(Boolean)) {
        const row = JSON.parse(line) as { command: string; shell?: CheckRequest['shell'] };
        const { looks } = recordLookups(() =>
          evaluate({ command: row.command, ...(row.shell ? { shell: row.shell } : {}) }, opts),
        );
        if (!looks?.length) continue;
        repeatable++;
        if (!stillSeen(looks)) flapping.push(row.command);
      }
    }
    assert.deepEqual(flapping, [], 'looks that see something else when repeated on an unchanged disk');
    assert.ok(repeatable > 100, `${repeatable} judgments read the disk through repeatable looks`);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('the same look made twice in one judgment is repeated once; one that saw something else is kept too', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-lookups-'));
  const file = path.join(dir, 'package.json');
  fs.writeFileSync(file, '{}');
  const lookFs = guardFs();
  try {
    // A line resolves and reads the same paths again and again (its workspace, package.json): one look each.
    const { looks } = recordLookups(() => {
      for (let i = 0; i < 3; i++) {
        lookFs.realpath!(dir);
        lookFs.stat!(file);
        boundedReadFile('package.json', dir);
        boundedReadFile(file, '/');
      }
    });
    assert.equal(looks?.length, 3);
    assert.equal(stillSeen(looks!), true);
    fs.writeFileSync(file, '{"scripts":{}}');
    assert.equal(stillSeen(looks!), false, 'the one look kept still sees the change');

    // The same key seeing something else the second time: both are kept, and repeated.
    let n = 0;
    const twice = recordLookups(() => {
      repeatableLookup(
        () => ++n,
        () => n,
        'counter',
      );
      repeatableLookup(
        () => ++n,
        () => n,
        'counter',
      );
    });
    assert.equal(twice.looks?.length, 2);
    // Without a key, every look is kept.
    const unkeyed = recordLookups(() => {
      repeatableLookup(
        () => 1,
        () => 1,
      );
      repeatableLookup(
        () => 1,
        () => 1,
      );
    });
    assert.equal(unkeyed.looks?.length, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('looks repeated for lines that arrived together are made once for them; a fresh map looks again', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-lookups-now-'));
  const file = path.join(dir, 'package.json');
  fs.writeFileSync(file, '{}');
  const realStat = fs.statSync;
  let stats = 0;
  try {
    const first = recordLookups(() => boundedReadFile(file, '/')).looks!;
    const second = recordLookups(() => boundedReadFile('package.json', dir)).looks!;
    assert.equal(first.length, 1);
    (fs as { statSync: unknown }).statSync = (...args: Parameters<typeof realStat>) => {
      stats++;
      return realStat(...args);
    };
    const now = new SeenLooks();
    assert.equal(stillSeen(first, now), true);
    const afterFirst = stats;
    assert.equal(stillSeen(second, now), true);
    assert.equal(stats, afterFirst, 'the same file, read again for the first line, is not read for the second');
    // Rewritten after those lines: the next ones, with a map of their own, see it.
    fs.writeFileSync(file, '{"scripts":{"test":"rm -rf ~"}}');
    assert.equal(stillSeen(second, now), true, 'what the map holds is what was read after those lines came');
    assert.equal(stillSeen(second, new SeenLooks()), false);
    assert.equal(stillSeen(first), false);
  } finally {
    (fs as { statSync: unknown }).statSync = realStat;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a line that writes a build file and runs the build is repeatable, and a find over the whole disk; past the bound, judged again', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-lookups-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'settings.gradle'), "include 'app'\n");
  const opts: EngineOptions = {
    workspace: ws,
    home,
    env: { HOME: home, PATH: '/usr/bin:/bin' },
    stateDir: path.join(home, 'state'),
  };
  try {
    // Gradle's init scripts, settings, build scripts and buildSrc: more than 32 looks, fewer than 64.
    const build = recordLookups(() =>
      evaluate({ command: "echo 'org.gradle.jvmargs=-Xmx4g' >> gradle.properties && ./gradlew build" }, opts),
    );
    assert.ok(build.looks && build.looks.length > 32, `looks: ${build.looks?.length}`);
    assert.equal(stillSeen(build.looks), true);
    // An init script planted in the Gradle user home between two lines is seen when the looks are repeated.
    fs.mkdirSync(path.join(home, '.gradle'), { recursive: true });
    fs.writeFileSync(path.join(home, '.gradle', 'init.gradle'), 'exec { commandLine "rm", "-rf", "/home" }\n');
    assert.equal(stillSeen(build.looks), false);
    // find / looks at every protected place below where it starts (more than 64 looks): repeated, and a place that
    // appears in between (a folder made where nothing was) is seen.
    const find = recordLookups(() => evaluate({ command: "find / -name '*.sql' -exec rm -f {} +" }, opts)).looks;
    assert.ok(find && find.length > 64, `looks: ${find?.length}`);
    assert.equal(stillSeen(find), true);
    const absent = find.find((l) => l.what === 'stat:' && l.arg.startsWith(home + '/') && !fs.existsSync(l.arg));
    assert.ok(absent, 'a look at a place not there');
    fs.mkdirSync(absent.arg, { recursive: true });
    assert.equal(stillSeen(find), false);
    // Past the bound of looks a judgment is not repeated: judged again.
    const many = recordLookups(() => {
      for (let i = 0; i < 600; i++)
        repeatableLookup(
          () => i,
          () => i,
          `n:${i}`,
        );
    });
    assert.equal(many.looks, undefined);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
