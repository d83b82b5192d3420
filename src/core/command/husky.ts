// husky sets itself up on install: `"prepare": "husky"` (or `husky install`)
// points git's core.hooksPath at `.husky/_` the next time `npm install` or
// `npm ci` runs, and from then on every commit runs `.husky/pre-commit`. So
// in a project whose package.json declares husky, `.husky/` holds git hooks
// already, whether or not git has been told yet.

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
