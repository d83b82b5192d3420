// husky sets itself up on install: `"prepare": "husky"` (or `husky install`)
// points git's core.hooksPath at `.husky/_` the next time `npm install` or
// `npm ci` runs, and from then on every commit runs `.husky/pre-commit`. So
// in a project whose package.json declares husky, `.husky/` holds git hooks
// already, whether or not git has been told yet.

/** Package managers and runners that install or run a package named on their line. */
const NODE_PACKAGE_TOOLS = /^(?:npm|pnpm|yarn|bun|cnpm|npx|pnpx|bunx)$/;

/**
 * Whether the command installs or sets up husky (`npm i -D husky`, `pnpm add husky@9`, `npx husky init`, `husky`):
 * package.json declares it afterwards, and a file written into `.husky/` later on the line is a hook of the repository.
 */
export function setsUpHusky(argv: readonly string[]): boolean {
  if (argv[0] === 'husky') return true;
  if (!NODE_PACKAGE_TOOLS.test(argv[0] ?? '')) return false;
  return argv.slice(1, 32).some((a) => /^husky(?:@[\w.^~<>=*-]+)?$/.test(a));
}

/** Whether a package.json's text declares husky: a dependency on it, or a script that runs it. */
export function declaresHusky(packageJson: string | undefined): boolean {
  if (packageJson === undefined || !packageJson.includes('husky')) return false;
  try {
    const pkg = JSON.parse(packageJson) as Record<string, unknown>;
    const deps = ['dependencies', 'devDependencies', 'optionalDependencies'].some((k) => {
      const d = pkg[k];
      return typeof d === 'object' && d !== null && Object.prototype.hasOwnProperty.call(d, 'husky');
    });
    const scripts = pkg.scripts;
    const runs =
      typeof scripts === 'object' &&
      scripts !== null &&
      Object.values(scripts).some((s) => typeof s === 'string' && /(?:^|[\s;&|/])husky(?:\s|$|;|&)/.test(s));
    return deps || runs;
  } catch {
    // A package.json that does not parse and names husky: read it as declaring it (the hooks are then judged).
    return true;
  }
}
