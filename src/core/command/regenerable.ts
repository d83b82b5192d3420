// Build and dependency outputs: deleting them costs a rebuild, never work.
const REGENERABLE_NAMES = new Set([
  'node_modules', 'bower_components', 'jspm_packages', 'dist', 'build', 'out', 'coverage', 'htmlcov', '.nyc_output',
  '.next', '.nuxt', '.output', '.svelte-kit', '.angular', '.astro', '.expo', '.vite', '.turbo', '.nx', '.parcel-cache',
  '.cache', 'cache', '.docusaurus', 'storybook-static', '.vercel', '.netlify', '.wrangler', '.serverless', '.webpack',
  'target', '__pycache__', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.hypothesis', '.tox', '.nox', '.eggs',
  '.ipynb_checkpoints', '.venv', 'venv', '.gradle', '.terraform', 'vendor', '.dart_tool', '.stack-work', '_build', 'deps',
  'elm-stuff', 'obj', 'DerivedData', 'Pods', '.build', '.zig-cache', 'zig-out', '.sass-cache', '.eslintcache',
  '.stylelintcache', 'Caches', 'tmp', '.tmp', 'temp', 'log', 'logs', '.npm', '.pnpm-store', '.yarn-cache', '.direnv', 'lib-cov',
  // Code generators' output (Prisma client, GraphQL and OpenAPI codegen) and test runners' reports.
  'generated', '__generated__', '.generated', 'test-results', 'playwright-report', 'blob-report', 'allure-results', 'allure-report',
  '.pub-cache',
  // Visual Studio's per-user state and test output; npm's and Playwright's download caches on Windows.
  '.vs', 'TestResults', 'npm-cache', '_cacache', 'ms-playwright',
]);

const escapeRe = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// One pass over the path instead of a lookup per segment: a segment that is an output name or has an output suffix.
// Package managers' download caches, named by two segments (`repository` or `mod` alone means nothing).
const PACKAGE_CACHE_PATHS = ['bin/Debug', 'bin/Release', 'obj/Debug', 'obj/Release', '.m2/repository', 'go/pkg/mod', '.cargo/registry', '.cargo/git', '.nuget/packages', '.gradle/caches', '.ivy2/cache', '.cocoapods/repos'];

export const REGENERABLE_RE = new RegExp(
  `(?:^|/)(?:${[...REGENERABLE_NAMES, ...PACKAGE_CACHE_PATHS].map(escapeRe).join('|')}|[^/]*(?:\\.egg-info|\\.tsbuildinfo|\\.pyc|\\.pyo|\\.class|\\.o|\\.obj|\\.log|\\.tmp|\\.swp|\\.swo|~)|cmake-build-[^/]*|\\.DS_Store|Thumbs\\.db)(?:/|$)`,
);

/** Whether a path (relative to a workspace) lies in something a build or package manager regenerates. */
export function isRegenerablePath(relative: string): boolean {
  return REGENERABLE_RE.test(relative);
}
