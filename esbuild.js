// One esbuild context per entry point, plus an unbundled transpile of the
// tests so `node --test` runs them without a TypeScript loader.
const esbuild = require('esbuild');
const path = require('node:path');
const fs = require('node:fs');

const crypto = require('node:crypto');
const { buildWithLazyChunks, lazyChunkBuilder } = require('./scripts/lazy-chunks.js');
const { linkBuiltinPrototypesOnEnd } = require('./scripts/builtin-prototypes.js');
const { buildFrontDoor } = require('./scripts/front-parts.js');
const { lazyJsoncStrings } = require('./scripts/lazy-jsonc-strings.js');

const production = process.argv.includes('--production');

// Which build this is (src/core/build.ts): a digest of the sources and the
// locked dependencies, so a development and a production build of the same
// code agree, and the hook hands calls only to an editor judge built from the
// same code as itself.
function buildId() {
  const hash = crypto.createHash('sha256');
  const files = listTs('src').sort();
  for (const f of [...files, 'package.json', 'package-lock.json']) {
    hash.update(f.split(path.sep).join('/')).update('\0').update(fs.readFileSync(f)).update('\0');
  }
  return `${require('./package.json').version}+${hash.digest('hex').slice(0, 16)}`;
}
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's default (UMD) build requires its parts dynamically, which a bundle cannot follow.
  mainFields: ['module', 'main'],
  define: { __AGENTGUARD_BUILD__: JSON.stringify(buildId()) },
};

// The config validator (zod, jsonc-parser: a third of the code) lives in its
// own file, required only when a workspace has a config: the hook, which runs
// before every agent command, does not parse it otherwise.
const validatorOnItsOwn = {
  name: 'validator-on-its-own',
  setup(build) {
    build.onResolve({ filter: /^\.\/validate$/ }, (args) =>
      args.importer.includes(path.join('src', 'core', 'config'))
        ? { path: './validate.js', external: true }
        : undefined,
    );
  },
};

// The audit shipper (with the OpenTelemetry SDK) lives
// in dist/ship.js, loaded only by `agentguard audit ship` and the editor when
// shipping is configured: the hook never parses it.
const shipperOnItsOwn = {
  name: 'shipper-on-its-own',
  setup(build) {
    build.onResolve({ filter: /^\.\/index$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'core', 'ship', 'load.ts'))
        ? { path: './ship.js', external: true }
        : undefined,
    );
  },
};

// \`import * as fs from 'node:fs'\` in each of dozens of modules makes esbuild
// copy fs's hundred exports once per module at start-up (2–3 ms of every hook
// call). Routed through one shared ES module, they are copied once.
const SHARED_BUILTINS = /^(node:)?(fs|path|os)$/;
const sharedBuiltins = {
  name: 'shared-builtins',
  setup(build) {
    build.onResolve({ filter: SHARED_BUILTINS }, (args) => {
      const name = args.path.replace(/^node:/, '');
      return args.namespace === 'shared-builtin'
        ? { path: `node:${name}`, external: true }
        : { path: name, namespace: 'shared-builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'shared-builtin' }, (args) => ({
      // The default export is the module itself, required: an `import m from` would copy its exports a second time.
      contents: `export * from 'node:${args.path}';\nexport default require('node:${args.path}');\n`,
      loader: 'js',
    }));
    // And the one copy left made a prototype link (scripts/builtin-prototypes.js).
    linkBuiltinPrototypesOnEnd(build);
  },
};

const entries = [
  {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [shipperOnItsOwn],
  },
  // The CLI is minified even in development builds: the hook's start-up time is mostly parsing it.
  {
    entryPoints: ['src/languageServer/index.ts'],
    outfile: 'dist/server-main.js',
    plugins: [validatorOnItsOwn, sharedBuiltins],
    minify: true,
  },
  // dist/server.js (what the extension and `agentguard lsp` start) compiles dist/server-main.js with a code cache.
  {
    entryPoints: ['src/languageServer/start.ts'],
    outfile: 'dist/server.js',
    plugins: [sharedBuiltins],
    minify: true,
  },
  {
    entryPoints: ['src/core/config/validate.ts'],
    outfile: 'dist/validate.js',
    plugins: [validatorOnItsOwn, sharedBuiltins],
    minify: true,
  },
  { entryPoints: ['src/core/ship/index.ts'], outfile: 'dist/ship.js', plugins: [sharedBuiltins], minify: true },
  // The editor's uninstall clean-up (package.json vscode:uninstall): plain Node, no editor API.
  {
    entryPoints: ['src/extension/uninstall.ts'],
    outfile: 'dist/uninstall.js',
    plugins: [validatorOnItsOwn, sharedBuiltins],
    minify: true,
  },
];

// dist/cli.js (package.json bin) is the front door: which command, and the parts that run it (the editor judge's
// client, the loader of dist/agentguard.js, the shell gate, shell-init) written into it as comments, compiled only
// when a call needs them (scripts/front-parts.js). Minified even in development builds: Node compiles it at every start.
const frontDoor = {
  ...common,
  entryPoints: ['src/cli/launcher.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node' },
  plugins: [sharedBuiltins],
  minify: true,
};

// The engine bundle, with what few calls need (the PowerShell and cmd readers) in files of their own beside it,
// loaded and checked against the hash the bundle holds at the first call that needs them (scripts/lazy-chunks.js).
const cliBundle = {
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/agentguard.js',
  plugins: [validatorOnItsOwn, shipperOnItsOwn, sharedBuiltins, lazyJsoncStrings],
  minify: true,
};

// The CLI once more, for tests only: the administrator-owned files it reads
// and writes (the managed policy, managed hook files) live under
// out/managed-test/root, a folder the tests own, instead of /etc and its
// macOS and Windows places. A build-time constant, not a variable or flag:
// nothing an agent controls moves where the real CLI looks. No installed hook
// runs this build.
// Two such builds: the managed policy's tests, and the AgentGuard service's (whose policy names a service that
// every hook of that build must reach, so the two cannot share one policy file while tests run in parallel).
function testBuild(name) {
  const root = path.resolve('out', name, 'root');
  // Its own build id, too: the hook hands calls only to an editor judge of its own build, so a test
  // call never reaches the real editor's judge, which reads the real administrator files.
  const define = {
    ...common.define,
    __AGENTGUARD_BUILD__: JSON.stringify(`${buildId()}+${name}`),
    __AGENTGUARD_MANAGED_ROOT__: JSON.stringify(root),
  };
  return [
    {
      entryPoints: ['src/cli/launcher.ts'],
      outfile: `out/${name}/cli.js`,
      banner: { js: '#!/usr/bin/env node' },
      plugins: [sharedBuiltins],
    },
    {
      entryPoints: ['src/cli/main.ts'],
      outfile: `out/${name}/agentguard.js`,
      plugins: [validatorOnItsOwn, shipperOnItsOwn, sharedBuiltins, lazyJsoncStrings],
    },
    {
      entryPoints: ['src/core/config/validate.ts'],
      outfile: `out/${name}/validate.js`,
      plugins: [validatorOnItsOwn, sharedBuiltins],
    },
    { entryPoints: ['src/core/ship/index.ts'], outfile: `out/${name}/ship.js`, plugins: [sharedBuiltins] },
  ].map((e) => ({ ...common, ...e, sourcemap: false, minify: true, define }));
}
// A third for the editor-identity tests, whose managed policy must be in force while the other two change theirs.
const managedTestEntries = [...testBuild('managed-test'), ...testBuild('service-test'), ...testBuild('identity-test')];

function listTs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

// Tests import src modules directly, so src is transpiled next to them;
// vscode-dependent modules are excluded (they only run inside an editor).
const transpiled = {
  outdir: 'out',
  outbase: '.',
  bundle: false,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: common.define,
};
const tests = { ...transpiled, entryPoints: [...listTs('test/unit'), ...listTs('test/e2e/suite')] };
const sources = {
  ...transpiled,
  entryPoints: [
    ...listTs('src/core'),
    ...listTs('src/channels'),
    ...listTs('src/cli'),
    ...listTs('src/languageServer'),
    ...listTs('src/shared'),
  ],
  // `await import('./x')` as require: unbundled CommonJS cannot import() a path without its extension.
  // (Tests keep import(), which they use for ES modules.)
  supported: { 'dynamic-import': false },
};

/** The outputs every build makes: contexts (one esbuild run each), and the doors built in steps. */
function plan() {
  const testEntries = production ? [] : managedTestEntries;
  const isDoor = (e) => e.entryPoints[0] === frontDoor.entryPoints[0];
  return {
    // The front doors are built in two steps (their parts, then the door with them): not by a context.
    doors: [frontDoor, ...testEntries.filter(isDoor)],
    configs: [
      ...entries.map((e) => ({ ...common, ...e, minify: production || e.minify === true })),
      ...testEntries.filter((e) => !isDoor(e)),
      tests,
      sources,
    ],
  };
}

function startClean() {
  // A module moved into a folder leaves its old file behind, and Node resolves
  // `../state` to a stale `state.js` before `state/index.js`: start clean.
  for (const dir of ['out/src', 'out/test']) fs.rmSync(dir, { recursive: true, force: true });
  // Node looks for the package.json nearest the main script to learn its module type: without this one it read and
  // parsed the extension's whole manifest (12 KB) at every hook call. Every file in dist/ is CommonJS.
  fs.mkdirSync('dist', { recursive: true });
  fs.writeFileSync('dist/package.json', JSON.stringify({ type: 'commonjs' }) + '\n');
}

function markRunnable() {
  fs.chmodSync('dist/cli.js', 0o755);
  if (!production) fs.chmodSync('out/managed-test/cli.js', 0o755);
}

async function main() {
  startClean();
  const { doors, configs } = plan();
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  const once = () => [buildWithLazyChunks(esbuild, cliBundle), ...doors.map((d) => buildFrontDoor(esbuild, d))];
  if (watch) {
    // The engine bundle and its chunks, and the front doors, are built in steps, once: rerun the build after a change to them.
    await Promise.all(once());
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all([...contexts.map((c) => c.rebuild()), ...once()]);
  await Promise.all(contexts.map((c) => c.dispose()));
  markRunnable();
}

/**
 * The development build for `npm run mutate` (scripts/mutate.mjs), which builds once per mutant: built whole once, then
 * after a change to source files only the outputs those files go into, each context kept alive so esbuild parses
 * again only what changed. A whole build takes about 9 s on a two-core machine; a mutant's, 2 to 4. Run from the
 * checkout's folder (every path here is relative to it). Errors are thrown, not printed.
 */
async function incrementalBuild() {
  startClean();
  const { doors, configs } = plan();
  const contexts = await Promise.all(configs.map((c) => esbuild.context({ ...c, metafile: true, logLevel: 'silent' })));
  const absolute = (metafile) => new Set(Object.keys(metafile.inputs).map((f) => path.resolve(f)));
  const quiet = (config) => ({ ...config, logLevel: 'silent' });
  const lazy = await lazyChunkBuilder(esbuild, quiet(cliBundle));
  const contextStep = (c, config) => {
    const step = async () => absolute((await c.rebuild()).metafile);
    // The sources and tests transpiled file by file into out/: what a test that imports modules reads.
    step.transpiled = config === tests || config === sources;
    return step;
  };
  const steps = [
    ...contexts.map((c, i) => contextStep(c, configs[i])),
    async () => (await lazy.rebuild()).inputs,
    ...doors.map((d) => async () => (await buildFrontDoor(esbuild, quiet(d))).inputs),
  ];
  /** What each step read at its last build that succeeded: the files whose change it must follow. */
  const inputs = new Map();
  /** Files changed since a step last built, which it read (or may have: a step not yet built): it is behind them. */
  const behind = new Map(steps.map((step) => [step, new Set()]));
  const run = async (chosen) => {
    const results = await Promise.allSettled(
      chosen.map(async (step) => {
        inputs.set(step, await step());
        behind.get(step).clear();
      }),
    );
    const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message ?? String(r.reason));
    if (failed.length) throw new Error(failed.join('\n'));
    markRunnable();
  };
  await run(steps);
  return {
    /**
     * Builds again every output that any of FILES (paths from the checkout's folder) went into, and any left behind
     * by an earlier call. With `transpiledOnly`, only out/'s file-by-file outputs: the bundles keep what they were
     * built from, and stay behind FILES until a call without it.
     */
    rebuild: (files, { transpiledOnly = false } = {}) => {
      const changed = files.map((f) => path.resolve(f));
      for (const step of steps)
        for (const f of changed) if (!inputs.has(step) || inputs.get(step).has(f)) behind.get(step).add(f);
      return run(steps.filter((step) => behind.get(step).size && (!transpiledOnly || step.transpiled)));
    },
    /** Whether FILE goes into out/'s transpiled outputs (a change to it reaches a test that imports modules). */
    transpiles: (file) => steps.some((step) => step.transpiled && inputs.get(step)?.has(path.resolve(file))),
    dispose: () => Promise.all([...contexts.map((c) => c.dispose()), lazy.dispose()]),
  };
}

module.exports = { incrementalBuild, cliBundle };

if (require.main === module)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
