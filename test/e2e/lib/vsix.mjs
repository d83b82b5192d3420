// The packaged extension the workbench suite installs: rebuilt when any of
// its inputs is newer, so the tests never run against a stale .vsix.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { log, repoRoot, seconds } from './host.mjs';

export const vsixPath = path.join(repoRoot, 'agentguard.vsix');

// Everything `npm run package` reads.
const PACKAGE_INPUTS = [
  'src',
  'media',
  'syntaxes',
  'schemas',
  'package.json',
  'package-lock.json',
  'esbuild.js',
  'tsconfig.json',
  '.vscodeignore',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
];

function newestMtime(entries) {
  let newest = 0;
  let newestPath;
  const visit = (file) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file)) visit(path.join(file, name));
    } else if (stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
      newestPath = file;
    }
  };
  for (const entry of entries) visit(path.join(repoRoot, entry));
  return { mtimeMs: newest, file: newestPath };
}

function npmRun(script) {
  const t0 = Date.now();
  const result = spawnSync('npm', ['run', script], { cwd: repoRoot, stdio: 'inherit', timeout: 10 * 60_000 });
  if (result.status !== 0)
    throw new Error(`npm run ${script} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  log(`npm run ${script} took ${seconds(Date.now() - t0)}`);
}

/** Packages the extension unless agentguard.vsix is newer than all its inputs. */
export function ensureFreshVsix() {
  const vsix = fs.statSync(vsixPath, { throwIfNoEntry: false });
  const newest = newestMtime(PACKAGE_INPUTS);
  if (process.env.AGENTGUARD_E2E_REPACKAGE === '1') {
    log('packaging: AGENTGUARD_E2E_REPACKAGE=1');
  } else if (!vsix) {
    log('packaging: no agentguard.vsix yet');
  } else if (newest.mtimeMs > vsix.mtimeMs) {
    log(`packaging: ${path.relative(repoRoot, newest.file)} is newer than agentguard.vsix`);
  } else {
    log(`agentguard.vsix is fresh (newer than every input, built ${seconds(Date.now() - vsix.mtimeMs)} ago)`);
    return;
  }
  npmRun('package');
}

/**
 * The in-host test module is transpiled by the build; packaging builds it
 * too, but a fresh .vsix alone does not prove out/ is current.
 */
export function ensureFreshTestBuild() {
  const sources = path.join(repoRoot, 'test', 'e2e', 'suite');
  const stale = fs
    .readdirSync(sources)
    .filter((name) => name.endsWith('.ts'))
    .find((name) => {
      const out = fs.statSync(path.join(repoRoot, 'out', 'test', 'e2e', 'suite', name.replace(/\.ts$/, '.js')), {
        throwIfNoEntry: false,
      });
      return !out || fs.statSync(path.join(sources, name)).mtimeMs > out.mtimeMs;
    });
  if (!stale) return;
  log(`building: test/e2e/suite/${stale} is newer than its output`);
  npmRun('build');
}

/** Entry names inside the .vsix, from `unzip -Z1`. */
export function listVsix(file = vsixPath) {
  const result = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`unzip -Z1 ${file} failed: ${result.error?.message ?? result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}

/**
 * What the .vsix must contain, derived from the checkout: the bundles (the
 * extension, the language server, the CLI launcher, the CLI and its config validator),
 * every file under media/, syntaxes/ and schemas/, the manifest and the docs
 * (vsce stores LICENSE as LICENSE.txt and lower-cases the readme and
 * changelog), plus vsce's own two metadata files. Nothing else ships.
 */
export function expectedVsixEntries() {
  const entries = [
    'extension.vsixmanifest',
    '[Content_Types].xml',
    'extension/package.json',
    'extension/dist/extension.js',
    'extension/dist/server.js',
    // The language server itself, which dist/server.js compiles with its code cache (src/languageServer/start.ts).
    'extension/dist/server-main.js',
    'extension/dist/cli.js',
    // Tells Node the front door is CommonJS without the manifest above it being read and parsed at every call.
    'extension/dist/package.json',
    'extension/dist/agentguard.js',
    'extension/dist/validate.js',
    // The audit shipper, loaded by the CLI and the extension only when shipping is configured.
    'extension/dist/ship.js',
    // Parts of the CLI bundle it loads at first use, pinned by the hash the bundle holds (scripts/lazy-chunks.js).
    'extension/dist/readers-windows.js',
    'extension/dist/preview.js',
    'extension/dist/sandbox.js',
    'extension/dist/snapshot.js',
    // The editor's uninstall clean-up (package.json vscode:uninstall).
    'extension/dist/uninstall.js',
  ];
  for (const dir of ['media', 'syntaxes', 'schemas']) {
    const abs = path.join(repoRoot, dir);
    if (!fs.existsSync(abs)) continue;
    for (const entry of fs.readdirSync(abs, { recursive: true, withFileTypes: true })) {
      if (entry.isFile())
        entries.push(`extension/${path.relative(repoRoot, path.join(entry.parentPath ?? entry.path, entry.name))}`);
    }
  }
  const docs = {
    'README.md': 'extension/readme.md',
    'CHANGELOG.md': 'extension/changelog.md',
    LICENSE: 'extension/LICENSE.txt',
  };
  for (const [file, entry] of Object.entries(docs)) {
    if (fs.existsSync(path.join(repoRoot, file))) entries.push(entry);
  }
  return entries.sort();
}
