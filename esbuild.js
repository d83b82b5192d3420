// One esbuild context per entry point, plus an unbundled transpile of the
// tests so `node --test` runs them without a TypeScript loader.
const esbuild = require('esbuild');
const path = require('node:path');
const fs = require('node:fs');

const production = process.argv.includes('--production');
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
};

const entries = [
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['src/server/server.ts'], outfile: 'dist/server.js' },
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
];

function listTs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

// Tests import src modules directly, so src is transpiled next to them;
// vscode-dependent modules are excluded (they only run inside an editor).
const tests = {
  entryPoints: [...listTs('test/unit'), ...listTs('test/e2e/suite'), ...listTs('src/core'), ...listTs('src/cli'), ...listTs('src/server'), ...listTs('src/shared')],
  outdir: 'out',
  outbase: '.',
  bundle: false,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

async function main() {
  const configs = [...entries.map((e) => ({ ...common, ...e })), tests];
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  fs.chmodSync('dist/cli.js', 0o755);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
