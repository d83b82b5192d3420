// The layout is the architecture (docs/ARCHITECTURE.md): modules stay small,
// no module imports one that imports it back, the rooms of src/core form a
// one-way order, the doors reach core only through its front door, and no
// host is told apart outside the host registry. Each rule is checked on the
// real tree, and on a small planted tree that breaks it, so no rule is one
// that cannot fail.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const repo = path.resolve(__dirname, '..', '..', '..');
/** Near 400 lines is the size the best extensions keep; past this a module wants splitting. */
const MAX_LINES = 420;

/**
 * The rooms of src/core, lowest first: each imports only rooms before it in
 * this list. `types.ts`, `build.ts`, `context.ts` and `engine.ts` stand each on their own.
 */
const CORE_ROOMS = [
  'types.ts',
  'text',
  'build.ts',
  'state',
  'config',
  'command',
  'parse',
  'effects',
  'environment',
  'hosts',
  'launcher',
  'packs',
  'policy',
  'guard',
  'context.ts',
  'engine.ts',
  'request',
  'preview',
  'snapshot',
  'sandbox',
  'terminal',
  'documents',
  'ship',
  'frontdoor',
];
const DOORS = ['cli', 'extension', 'languageServer'];

/** A source tree: its TypeScript files (absolute, under `root/src`) and their text. */
interface Tree {
  root: string;
  files: string[];
  read(file: string): string;
}

function realTree(): Tree {
  const src = path.join(repo, 'src');
  const files = fs
    .readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
  return { root: repo, files, read: (f) => fs.readFileSync(f, 'utf8') };
}

/** A planted tree: `src`-relative paths and their text. */
function plantedTree(entries: Record<string, string>): Tree {
  const root = '/planted';
  const texts = new Map(Object.entries(entries).map(([p, t]) => [path.join(root, 'src', p), t]));
  return { root, files: [...texts.keys()], read: (f) => texts.get(f)! };
}

function layout(tree: Tree) {
  const src = path.join(tree.root, 'src');
  const core = path.join(src, 'core');
  const known = new Set(tree.files);
  const rel = (f: string) => path.relative(tree.root, f);
  const under = (dir: string) => (f: string) => f.startsWith(path.join(src, dir) + path.sep);
  const inCore = under('core');
  const roomOf = (f: string) => path.relative(core, f).split(path.sep)[0];

  /** Relative imports of a module, static and dynamic, type-only ones included: a shared type is a tie too. */
  const importsCache = new Map<string, string[]>();
  const importsOf = (file: string): string[] => {
    let out = importsCache.get(file);
    if (out) return out;
    out = [];
    for (const m of tree.read(file).matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.[^'"]*)['"]/g)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const hit = [`${base}.ts`, path.join(base, 'index.ts')].find((c) => known.has(c));
      if (hit) out.push(hit);
    }
    importsCache.set(file, out);
    return out;
  };
  /** Imports from files matching `from` to files matching `to`, as `a -> b` lines. */
  const arrows = (from: (f: string) => boolean, to: (dep: string, f: string) => boolean): string[] =>
    tree.files.filter(from).flatMap((f) =>
      importsOf(f)
        .filter((d) => to(d, f))
        .map((d) => `${rel(f)} -> ${rel(d)}`),
    );

  const frontDoor = under(path.join('core', 'frontdoor'));
  const engine = path.join(core, 'engine.ts');
  const rank = (f: string) => CORE_ROOMS.indexOf(roomOf(f));

  const hostIds = (
    tree
      .read(path.join(core, 'hosts', 'types.ts'))
      .match(/export const HOSTS[^=]*=\s*\[([^\]]*)\]/)?.[1]
      .match(/'[^']+'/g) ?? []
  ).map((s) => s.slice(1, -1));
  const id = `'(?:${hostIds.map((h) => h.replace(/-/g, '\\-')).join('|')})'`;
  const asksHost = new RegExp(`switch\\s*\\(\\s*[\\w.]*host\\w*\\s*\\)|(?:case|[!=]==)\\s*${id}|${id}\\s*[!=]==`, 'i');
  const namesHost = new RegExp(id);
  const hostsRoom = path.join(core, 'hosts');
  const inHosts = under(path.join('core', 'hosts'));
  /** A host's adapter (`hosts/<host>.ts`, filling `HostAdapter`) and the modules named after it (`claudeSandbox.ts`) are that host's own. */
  const adapters = tree.files
    .filter((f) => inHosts(f) && /:\s*HostAdapter\s*=/.test(tree.read(f)))
    .map((f) => path.basename(f, '.ts'));
  const hostsOwn = (f: string) => adapters.some((a) => path.relative(hostsRoom, f).split(path.sep)[0].startsWith(a));
  const packsRoom = path.join(core, 'packs');
  const inPacks = under(path.join('core', 'packs'));
  /** `packs/cloud.ts` and `packs/cloud/…` are the cloud pack; `packs/common/` what several share; `packs/index.ts` the list of packs. */
  const packOf = (f: string) => path.relative(packsRoom, f).split(path.sep)[0].replace(/\.ts$/, '');
  const registry = (f: string) => ['index.ts', 'types.ts'].includes(path.relative(hostsRoom, f));

  return {
    hostIds,
    adapters,
    tooLong: tree.files.map((f) => ({ f: rel(f), n: tree.read(f).split('\n').length })).filter((x) => x.n > MAX_LINES),
    /** Strongly connected groups of modules (import circles). */
    moduleCircles: () => cycles(new Map(tree.files.map((f) => [f, importsOf(f)]))).map((c) => c.map(rel)),
    /** Circles between the rooms of core, whatever the order says. */
    roomCircles: () => {
      const graph = new Map<string, string[]>();
      for (const f of tree.files.filter(inCore)) {
        for (const d of importsOf(f).filter(inCore)) {
          const [a, b] = [roomOf(f), roomOf(d)];
          if (a !== b && !graph.get(a)?.includes(b)) graph.set(a, [...(graph.get(a) ?? []), b]);
        }
      }
      return cycles(graph);
    },
    // Core is the engine and its rooms: nothing above it (doors, channels, protocols) is in it.
    coreImportsOutside: () => arrows(inCore, (d) => !inCore(d)),
    // Each room imports only rooms before it; a room missing from the list is one too.
    roomsUpward: () => arrows(inCore, (d, f) => inCore(d) && (rank(f) === -1 || rank(d) === -1 || rank(d) > rank(f))),
    // The doors, the channels between them and the protocols reach core only through its front door and the engine.
    pastFrontDoor: () =>
      arrows(
        (f) => !inCore(f),
        (d) => inCore(d) && !frontDoor(d) && d !== engine,
      ),
    // shared/ holds only protocol messages: it stands on nothing but itself and core's front door.
    sharedImports: () => arrows(under('shared'), (d) => !frontDoor(d) && !under('shared')(d)),
    // The channels carry messages between the doors: no door's code is in them.
    channelsImportDoors: () => arrows(under('channels'), (d) => DOORS.some((door) => under(door)(d))),
    /** Places outside the host registry (core/hosts/) that ask which host a call is from: a switch on a host, or a comparison with a host's id. */
    hostSwitches: () =>
      tree.files
        .filter((f) => !under(path.join('core', 'hosts'))(f))
        .flatMap((f) =>
          tree
            .read(f)
            .split('\n')
            .map((line, i) => (asksHost.test(line) ? `${rel(f)}:${i + 1}: ${line.trim()}` : ''))
            .filter(Boolean),
        ),
    // A pack stands on packs/common/ and the rooms below: never on another pack, nor on the list of packs.
    packImports: () =>
      arrows(
        (f) => inPacks(f) && packOf(f) !== 'index',
        (d, f) => inPacks(d) && packOf(d) !== packOf(f) && packOf(d) !== 'common',
      ),
    /** Modules of the host room that name a host's id in code although they are neither the registry nor that host's adapter. */
    hostNames: () =>
      tree.files
        .filter((f) => inHosts(f) && !registry(f) && !hostsOwn(f))
        .flatMap((f) =>
          tree
            .read(f)
            .split('\n')
            .map((line, i) =>
              namesHost.test(line) && !/^\s*(?:\/\/|\*|\/\*)/.test(line) ? `${rel(f)}:${i + 1}: ${line.trim()}` : '',
            )
            .filter(Boolean),
        ),
  };
}

/** Strongly connected groups of more than one node (Tarjan), as sorted lists. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) found.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const real = layout(realTree());

test('no module in src is longer than ~400 lines', () => {
  assert.deepEqual(real.tooLong, []);
});

test('no two modules in src import each other, directly or around a circle', () => {
  assert.deepEqual(real.moduleCircles(), []);
});

test('the rooms of src/core import one way only (lowest first), and core imports nothing above it', () => {
  assert.deepEqual(real.coreImportsOutside(), [], 'src/core imports only itself');
  assert.deepEqual(
    real.roomsUpward(),
    [],
    `each room of src/core imports only rooms before it in ${CORE_ROOMS.join(', ')}`,
  );
  assert.deepEqual(real.roomCircles(), []);
});

test('the doors, the channels and the protocols call core only through the front door and the engine', () => {
  assert.deepEqual(
    real.pastFrontDoor(),
    [],
    'src/cli, src/extension, src/languageServer, src/channels and src/shared import only core/frontdoor/ and core/engine.ts from core',
  );
  assert.deepEqual(real.sharedImports(), [], 'src/shared imports only itself and core/frontdoor/');
  assert.deepEqual(real.channelsImportDoors(), [], 'src/channels imports no door');
});

test('no pack imports another: what several packs read is in packs/common/', () => {
  assert.deepEqual(
    real.packImports(),
    [],
    'a module of core/packs/<pack> imports only its own pack, packs/common/ and rooms below packs',
  );
});

test('no host is told apart outside the host registry: every host-specific answer comes from its adapter', () => {
  assert.ok(
    real.hostIds.includes('claude') && real.hostIds.includes('copilot-cli'),
    'the host ids are read from core/hosts/types.ts',
  );
  assert.deepEqual(real.hostSwitches(), []);
  assert.ok(
    real.adapters.includes('claude') && real.adapters.includes('copilotCli'),
    'the adapters are found by the HostAdapter they fill',
  );
  assert.deepEqual(
    real.hostNames(),
    [],
    "inside core/hosts/, only the registry and a host's own adapter name the host",
  );
});

test('each layout rule catches a planted tree that breaks it', () => {
  const hosts = "export const HOSTS: readonly HostId[] = [\n  'claude', 'copilot-cli',\n];\n";
  const base = {
    'core/hosts/types.ts': hosts,
    'core/packs/index.ts': "import { cloudPack } from './cloud';\nimport { httpPack } from './http';\n",
    'core/packs/cloud.ts': "import { parseUrl } from './common/urls';\nimport { aws } from './cloud/aws';\n",
    'core/packs/cloud/aws.ts': "import { finding } from '../common/finding';\nimport type { X } from '../../types';\n",
    'core/packs/http.ts': "import { parseUrl } from './common/urls';\n",
    'core/packs/common/urls.ts': "import { finding } from './finding';\n",
    'core/packs/common/finding.ts': '',
    'core/hosts/claude.ts': "export const claude: HostAdapter = { id: 'claude' };\n",
    'core/hosts/claudeSandbox.ts': "// Claude Code's own sandbox\nconst HOST = 'claude';\n",
    'core/hosts/hostFiles.ts':
      "// where 'claude' keeps its hooks comes from its adapter\nexport const files = HOSTS.map(hookFiles);\n",
    'core/types.ts': '',
    'core/state/index.ts': "import type { X } from '../types';\n",
    'core/frontdoor/call.ts': "import { a } from '../state';\n",
    'core/engine.ts': "import { a } from './state';\n",
    'shared/protocol.ts': "import { HOSTS } from '../core/frontdoor/call';\n",
    'channels/approval.ts': "import type { M } from '../shared/protocol';\n",
    'cli/hook.ts': "import { decide } from '../core/frontdoor/call';\nimport { evaluate } from '../core/engine';\n",
  };
  const clean = layout(plantedTree(base));
  for (const rule of [
    'moduleCircles',
    'roomCircles',
    'coreImportsOutside',
    'roomsUpward',
    'pastFrontDoor',
    'sharedImports',
    'channelsImportDoors',
    'hostSwitches',
    'hostNames',
    'packImports',
  ] as const) {
    assert.deepEqual(clean[rule](), [], `the planted tree keeps ${rule}`);
  }
  const broken = (extra: Record<string, string>) => layout(plantedTree({ ...base, ...extra }));
  assert.deepEqual(
    broken({ 'core/big.ts': 'x\n'.repeat(MAX_LINES + 1) }).tooLong.map((x) => x.f),
    ['src/core/big.ts'],
  );
  assert.equal(
    broken({ 'core/types.ts': "import { a } from './frontdoor/call';\n" }).moduleCircles().length,
    1,
    'a module circle',
  );
  assert.deepEqual(
    broken({ 'core/state/index.ts': "import { h } from '../../shared/protocol';\n" }).coreImportsOutside(),
    ['src/core/state/index.ts -> src/shared/protocol.ts'],
  );
  assert.deepEqual(broken({ 'core/state/index.ts': "import { run } from '../frontdoor/call';\n" }).roomsUpward(), [
    'src/core/state/index.ts -> src/core/frontdoor/call.ts',
  ]);
  assert.deepEqual(
    broken({ 'core/lounge/x.ts': "import { a } from '../state';\n" }).roomsUpward(),
    ['src/core/lounge/x.ts -> src/core/state/index.ts'],
    'a room the order does not name',
  );
  assert.equal(
    broken({ 'core/state/index.ts': "import { run } from '../frontdoor/call';\n" }).roomCircles().length,
    1,
    'a circle between rooms',
  );
  assert.deepEqual(
    broken({ 'extension/badge.ts': "import { readKillSwitch } from '../core/state';\n" }).pastFrontDoor(),
    ['src/extension/badge.ts -> src/core/state/index.ts'],
  );
  assert.deepEqual(broken({ 'channels/approval.ts': "import { a } from '../core/state';\n" }).pastFrontDoor(), [
    'src/channels/approval.ts -> src/core/state/index.ts',
  ]);
  assert.deepEqual(broken({ 'shared/protocol.ts': "import { peer } from '../channels/approval';\n" }).sharedImports(), [
    'src/shared/protocol.ts -> src/channels/approval.ts',
  ]);
  assert.deepEqual(broken({ 'channels/approval.ts': "import { hook } from '../cli/hook';\n" }).channelsImportDoors(), [
    'src/channels/approval.ts -> src/cli/hook.ts',
  ]);
  assert.deepEqual(broken({ 'cli/doctor.ts': "  if (host === 'copilot-cli') return 'linux';\n" }).hostSwitches(), [
    "src/cli/doctor.ts:1: if (host === 'copilot-cli') return 'linux';",
  ]);
  assert.deepEqual(
    broken({ 'core/launcher/x.ts': "switch (req.host) {\n  case 'claude':\n}\n" }).hostSwitches().length,
    2,
    'a switch on a host and its case',
  );
  assert.deepEqual(
    broken({ 'core/packs/cloud/aws.ts': "import { parseUrl } from '../http';\n" }).packImports(),
    ['src/core/packs/cloud/aws.ts -> src/core/packs/http.ts'],
    'a pack importing another',
  );
  assert.deepEqual(
    broken({ 'core/packs/common/urls.ts': "import { aws } from '../cloud/aws';\n" }).packImports(),
    ['src/core/packs/common/urls.ts -> src/core/packs/cloud/aws.ts'],
    'the shared helpers importing a pack',
  );
  assert.deepEqual(
    broken({ 'core/packs/http.ts': "import { packs } from './index';\n" }).packImports(),
    ['src/core/packs/http.ts -> src/core/packs/index.ts'],
    'a pack importing the list of packs',
  );
  assert.deepEqual(
    broken({ 'core/hosts/hostConfig.ts': "export type JsonHost = Exclude<HostId, 'copilot-cli'>;\n" }).hostNames(),
    ["src/core/hosts/hostConfig.ts:1: export type JsonHost = Exclude<HostId, 'copilot-cli'>;"],
    'a host named outside its adapter',
  );
});

/**
 * Unit tests mirror the source: a test lies in the folder of what it tests,
 * test/unit/<its path under src/core, or under src for the doors>/ (engine/
 * for core/engine.ts, docs/ and scripts/ for those folders). Only this test
 * stays at the root, for the tree as a whole; support/ holds the harnesses.
 */
function misplacedTests(tests: readonly string[], srcDirs: ReadonlySet<string>): string[] {
  return tests.filter((t) => {
    const dir = path.posix.dirname(t);
    if (dir === '.') return t !== 'layout.test.ts';
    const top = dir.split('/')[0];
    if (top === 'support') return true;
    if (['engine', 'docs', 'scripts'].includes(top)) return false;
    return !srcDirs.has(`core/${dir}`) && !srcDirs.has(dir);
  });
}

test('unit tests mirror the source: each lies in the folder of what it tests', () => {
  const under = (root: string) => (e: fs.Dirent) =>
    path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/');
  const unit = path.join(repo, 'test', 'unit');
  const tests = fs
    .readdirSync(unit, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map(under(unit));
  const src = path.join(repo, 'src');
  const dirs = new Set(
    fs
      .readdirSync(src, { recursive: true, withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map(under(src)),
  );
  assert.ok(tests.length > 100, 'the unit tests are found');
  assert.deepEqual(
    misplacedTests(tests, dirs),
    [],
    'a unit test lies in the folder of the source it tests (test/unit/packs/cloud/aws.test.ts for src/core/packs/cloud/aws.ts)',
  );
  const planted = new Set(['core/packs', 'core/packs/cloud', 'cli', 'cli/hook']);
  assert.deepEqual(
    misplacedTests(
      ['packs/cloud/aws.test.ts', 'cli/hook/hook.test.ts', 'engine/regression.test.ts', 'layout.test.ts'],
      planted,
    ),
    [],
  );
  assert.deepEqual(
    misplacedTests(['aws.test.ts', 'packs/clouds/aws.test.ts', 'support/x.test.ts'], planted),
    ['aws.test.ts', 'packs/clouds/aws.test.ts', 'support/x.test.ts'],
    'a test at the root, in a folder src does not have, among the harnesses',
  );
});

/**
 * Lines git writes around a merge conflict. Prettier does not flag them in
 * Markdown, and a merge that kept them once shipped them in CHANGELOG.md.
 */
function conflictLines(name: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (/^(<{7}|>{7})( |$)/.test(line)) found.push(`${name}:${i + 1}`);
  });
  return found;
}

test('no tracked file holds the markers of an unresolved merge conflict', () => {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\0')
    .filter(Boolean);
  assert.ok(tracked.length > 500, 'the tracked files are listed');
  const found: string[] = [];
  for (const name of tracked) {
    const file = path.join(repo, name);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      continue; // removed in the work tree, not yet committed
    }
    if (bytes.includes(0)) continue; // binary
    found.push(...conflictLines(name, bytes.toString('utf8')));
  }
  assert.deepEqual(found, [], 'resolve the merge: keep one side, drop the marker lines');
  const planted = ['## Unreleased', '<<<<<<< HEAD', '- ours', '=======', '- theirs', '>>>>>>> branch', ''].join('\n');
  assert.deepEqual(conflictLines('CHANGELOG.md', planted), ['CHANGELOG.md:2', 'CHANGELOG.md:6']);
  assert.deepEqual(conflictLines('a.ts', "const arrow = '<<<<<<< not at a line start';\n"), []);
});
