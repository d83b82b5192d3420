// Builds dist/agentguard.js with the parts most hook calls never need cut out
// into files of their own beside it, loaded at the first call that needs
// them (src/cli/lazyChunk.ts). A hook call pays for the code it reads,
// deserializes and runs at start-up; a `git status` never needs the
// PowerShell and cmd readers.
//
// How: three esbuild runs (contexts, kept alive by a build made again and again). (1) The bundle, where every import of a module
// in a chunk's folders becomes a forwarder (each exported function calls the
// chunk's, loading it first) — this run only learns which modules the
// bundle holds. (2) The chunk: its folders' modules, plus those of their
// imports the bundle does not hold; an import of a module the bundle holds
// is that very module, handed in at load (one ParseError class, one scope),
// never a copy. (3) The bundle again, with the chunk's sha256 written into
// each forwarder: the launcher pins the bundle, the bundle pins its chunks.
const path = require('node:path');
const fs = require('node:fs');
const crypto = require('node:crypto');

/** The lazily loaded parts: a file beside the bundle, and the source folders (or files) it holds. */
const LAZY_CHUNKS = [
  { file: 'readers-windows.js', roots: ['src/core/parse/powershell', 'src/core/parse/cmd'] },
  // What an ask shows of a change; index.ts (which re-exports the limits) stays in the bundle.
  {
    file: 'preview.js',
    roots: ['budget.ts', 'deletes.ts', 'edits.ts', 'io.ts', 'shell.ts'].map((f) => `src/core/preview/${f}`),
  },
  { file: 'sandbox.js', roots: ['src/core/sandbox'] },
  // The store (read at every call that may snapshot) stays in the bundle; taking and restoring a snapshot do not.
  {
    file: 'snapshot.js',
    roots: ['files.ts', 'postgres.ts', 'pgPlan.ts', 'restore.ts'].map((f) => `src/core/snapshot/${f}`),
  },
];

const LOADER = path.resolve('src/cli/lazyChunk.ts');
const rel = (f) => path.relative(process.cwd(), f).split(path.sep).join('/');
const within = (file, chunk) =>
  chunk.roots.some((r) => file === path.resolve(r) || file.startsWith(path.resolve(r) + path.sep));

function resolveTs(resolveDir, spec) {
  if (!spec.startsWith('.')) return undefined;
  const p = path.resolve(resolveDir, spec);
  for (const c of [`${p}.ts`, path.join(p, 'index.ts'), p]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return undefined;
}

/** The functions a module exports (re-exports of functions included); anything else cannot be forwarded lazily, and fails the build. */
function functionExports(file, chunk, depth = 0) {
  let src = fs.readFileSync(file, 'utf8');
  const names = [];
  // `export { a, type B, c as d } from './x'`: each value a function of that module.
  src = src.replace(/^export \{([^}]*)\} from '([^']+)';/gm, (_, list, from) => {
    const target = resolveTs(path.dirname(file), from);
    const theirs = target && depth < 8 ? functionExports(target, chunk, depth + 1) : [];
    for (const item of list.split(',').map((x) => x.trim())) {
      if (!item || item.startsWith('type ')) continue;
      const [name, as = name] = item.split(/\s+as\s+/);
      if (!theirs.includes(name))
        throw new Error(`${rel(file)} re-exports ${name}, not a function of ${from}: ${chunk.file} cannot forward it`);
      names.push(as);
    }
    return '';
  });
  const other = src.match(/^export (?!(?:async )?function |type |interface |declare )[^\n]*/m);
  // A module re-exported from needs only the named functions; one imported from outside, nothing else.
  if (other && depth === 0)
    throw new Error(
      `${rel(file)} is imported from outside ${chunk.file} (lazy-chunks.js) and exports "${other[0]}": only functions can be forwarded`,
    );
  return [...names, ...[...src.matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => m[1])];
}

/** In the bundle: imports of a chunk's modules become forwarders; `state` collects them. */
function forwarders(chunk, state) {
  // Namespaces of this chunk's own: the first plugin whose onLoad answers a namespace wins.
  const forwarderNs = `lazy-forwarder-${chunk.file}`;
  const sharedNs = `lazy-shared-${chunk.file}`;
  const sharedRe = new RegExp(`^agentguard-shared:${chunk.file.replace(/\./g, '\\.')}$`);
  return {
    name: `lazy-${chunk.file}`,
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        if (args.namespace !== 'file') return undefined;
        const file = resolveTs(args.resolveDir, args.path);
        if (!file || !within(file, chunk)) return undefined;
        state.entries.add(file);
        return { path: file, namespace: forwarderNs };
      });
      build.onResolve({ filter: sharedRe }, (args) => ({ path: args.path, namespace: sharedNs }));
      build.onLoad({ filter: /.*/, namespace: forwarderNs }, (args) => {
        const names = functionExports(args.path, chunk);
        return {
          loader: 'js',
          resolveDir: path.dirname(LOADER),
          contents: [
            `import { loadChunk } from ${JSON.stringify(LOADER)};`,
            `import { SHARED } from ${JSON.stringify(`agentguard-shared:${chunk.file}`)};`,
            `const m = () => loadChunk(${JSON.stringify(chunk.file)}, ${JSON.stringify(state.sha256)}, SHARED).modules[${JSON.stringify(rel(args.path))}];`,
            ...names.map((n) => `export function ${n}(...a) { return m().${n}(...a); }`),
          ].join('\n'),
        };
      });
      build.onLoad({ filter: /.*/, namespace: sharedNs }, () => {
        // Sorted: the order plugins saw them in follows esbuild's threads, and the bundle must be the same each build.
        const shared = [...state.shared].sort();
        return {
          loader: 'js',
          resolveDir: process.cwd(),
          contents: [
            ...shared.map((f, i) => `import * as s${i} from ${JSON.stringify(f)};`),
            `export const SHARED = { ${shared.map((f, i) => `${JSON.stringify(rel(f))}: s${i}`).join(', ')} };`,
          ].join('\n'),
        };
      });
    },
  };
}

/** In the chunk: an import of a module the bundle holds is the bundle's own, looked up at load. */
function sharedImports(chunk, state, bundled) {
  return {
    name: `shared-into-${chunk.file}`,
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        if (args.namespace !== 'file') return undefined;
        const file = resolveTs(args.resolveDir, args.path);
        if (!file || within(file, chunk) || !bundled.has(file)) return undefined;
        state.shared.add(file);
        return { path: file, namespace: 'lazy-shared-ref' };
      });
      // One chunk per build here: this namespace is its own.
      build.onLoad({ filter: /.*/, namespace: 'lazy-shared-ref' }, (args) => ({
        loader: 'js',
        contents: `module.exports = agentguardShared(${JSON.stringify(rel(args.path))});`,
      }));
    },
  };
}

/**
 * The three runs above as esbuild contexts kept alive, for a build made again and again (`npm run mutate`): esbuild
 * runs the plugins at every rebuild and parses again only what changed. `rebuild()` builds `config` (the CLI bundle) and
 * its chunks, and returns the chunk files written and every file read (absolute paths).
 */
async function lazyChunkBuilder(esbuild, config) {
  const states = LAZY_CHUNKS.map(() => ({ entries: new Set(), shared: new Set(), sha256: 'unbuilt' }));
  /** The modules the bundle holds, as the last probe found them; the chunks' plugins read it at each rebuild. */
  const bundled = new Set();
  const withForwarders = (extra) => ({
    ...config,
    ...extra,
    plugins: [...(config.plugins ?? []), ...LAZY_CHUNKS.map((c, i) => forwarders(c, states[i]))],
  });
  const probe = await esbuild.context(withForwarders({ write: false, metafile: true, sourcemap: false }));
  const bundle = await esbuild.context(withForwarders({}));
  /** Each chunk's context, made again when the modules it holds change (its entry text is a build option). */
  const chunks = LAZY_CHUNKS.map(() => ({ entry: undefined, context: undefined }));
  const dir = path.dirname(config.outfile);
  const chunkContext = async (i, contents) => {
    if (chunks[i].entry === contents) return chunks[i].context;
    await chunks[i].context?.dispose();
    const chunk = LAZY_CHUNKS[i];
    const context = await esbuild.context({
      ...config,
      metafile: true,
      entryPoints: undefined,
      outfile: path.join(dir, chunk.file),
      banner: undefined,
      stdin: { contents, resolveDir: process.cwd(), sourcefile: `lazy-chunk:${chunk.file}`, loader: 'js' },
      plugins: [...(config.plugins ?? []), sharedImports(chunk, states[i], bundled)],
    });
    chunks[i] = { entry: contents, context };
    return context;
  };
  return {
    async rebuild() {
      for (const state of states) {
        state.entries.clear();
        state.shared.clear();
        state.sha256 = 'unbuilt';
      }
      const found = await probe.rebuild();
      bundled.clear();
      for (const f of Object.keys(found.metafile.inputs)) bundled.add(path.resolve(f));
      const inputs = new Set(bundled);
      const written = [];
      for (const [i, chunk] of LAZY_CHUNKS.entries()) {
        const state = states[i];
        if (state.entries.size === 0) throw new Error(`lazy-chunks.js: nothing in the bundle imports ${chunk.file}`);
        const entries = [...state.entries].sort();
        const contents = [
          ...entries.map((f, j) => `import * as e${j} from ${JSON.stringify(f)};`),
          `export const modules = { ${entries.map((f, j) => `${JSON.stringify(rel(f))}: e${j}`).join(', ')} };`,
        ].join('\n');
        const built = await (await chunkContext(i, contents)).rebuild();
        for (const f of Object.keys(built.metafile.inputs)) inputs.add(path.resolve(f));
        const outfile = path.join(dir, chunk.file);
        state.sha256 = crypto.createHash('sha256').update(fs.readFileSync(outfile)).digest('hex');
        written.push(outfile);
      }
      await bundle.rebuild();
      return { written, inputs };
    },
    dispose: () =>
      Promise.all([probe, bundle, ...chunks.map((c) => c.context)].filter(Boolean).map((c) => c.dispose())),
  };
}

/** Builds `config` (the CLI bundle) and its chunks once; returns the chunk files written, and every file read (absolute paths). */
async function buildWithLazyChunks(esbuild, config) {
  const builder = await lazyChunkBuilder(esbuild, config);
  try {
    return await builder.rebuild();
  } finally {
    await builder.dispose();
  }
}

module.exports = { LAZY_CHUNKS, buildWithLazyChunks, lazyChunkBuilder };
