// Publishing: a package pushed to a public registry (npm, crates.io, PyPI,
// RubyGems, NuGet, the VS Code Marketplace), a repository made public (a
// folder served to the network is outgoing/served.ts). Each is for everyone to take, and a
// published version cannot be taken back (npm and crates.io keep the name
// and version forever), so it asks, naming what and where. Taking a package
// back (`npm unpublish`, `cargo yank`) breaks whoever installs it: it asks
// too. Dry runs say nothing.
import * as path from 'node:path';
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { own } from '../../text/own';
import { storeUploadFinding } from './storeUploads';

interface Publisher {
  /** Words after the program that publish (`publish`, `npm publish`, `upload`). */
  sub: readonly string[][];
  registry: string;
  manifest?: 'npm' | 'cargo' | 'pyproject';
}

const PUBLISHERS: Record<string, Publisher> = {
  npm: { sub: [['publish']], registry: 'the npm registry', manifest: 'npm' },
  pnpm: { sub: [['publish']], registry: 'the npm registry', manifest: 'npm' },
  yarn: { sub: [['publish'], ['npm', 'publish']], registry: 'the npm registry', manifest: 'npm' },
  bun: { sub: [['publish']], registry: 'the npm registry', manifest: 'npm' },
  cargo: { sub: [['publish']], registry: 'crates.io', manifest: 'cargo' },
  twine: { sub: [['upload']], registry: 'PyPI', manifest: 'pyproject' },
  poetry: { sub: [['publish']], registry: 'PyPI', manifest: 'pyproject' },
  uv: { sub: [['publish']], registry: 'PyPI', manifest: 'pyproject' },
  flit: { sub: [['publish']], registry: 'PyPI', manifest: 'pyproject' },
  hatch: { sub: [['publish']], registry: 'PyPI', manifest: 'pyproject' },
  gem: { sub: [['push']], registry: 'RubyGems' },
  dotnet: { sub: [['nuget', 'push']], registry: 'NuGet' },
  nuget: { sub: [['push']], registry: 'NuGet' },
  vsce: { sub: [['publish']], registry: 'the VS Code Marketplace', manifest: 'npm' },
  ovsx: { sub: [['publish']], registry: 'Open VSX', manifest: 'npm' },
};

/** Maven's options that take the next word as their value (`-pl billing-api`, `-P release`). */
const MAVEN_VALUES = [
  '-pl',
  '--projects',
  '-f',
  '--file',
  '-P',
  '--activate-profiles',
  '-rf',
  '--resume-from',
  '-T',
  '--threads',
  '-s',
  '--settings',
  '-gs',
  '--global-settings',
  '-t',
  '--toolchains',
  '-l',
  '--log-file',
  '-D',
];

/**
 * Build tools whose words are goals or tasks run in order (`mvn clean deploy`, `./gradlew clean build publish`, the
 * wrappers beside the project): any of them may be the one that publishes. Maven's deploy phase and the deploy
 * plugin's goals, a release; Gradle's `publish`, a publication to a named repository and the plugin portal. A task
 * excluded with `-x` runs nothing; `publishToMavenLocal` stays on this machine.
 */
const GOAL_PUBLISHERS: Record<string, { goal: RegExp; takesValue: readonly string[]; dry: readonly string[] }> = {
  mvn: {
    goal: /^(?:deploy|release:perform|(?:[\w.-]+:)*(?:maven-)?deploy(?:-plugin)?(?::[\w.-]+)?:deploy(?:-file)?)$/,
    takesValue: MAVEN_VALUES,
    // Maven has no dry run.
    dry: [],
  },
  gradle: {
    goal: /^(?:[\w.-]*:)*(?:publish|publishPlugins|publish\w*To\w*Repository)$/,
    // Whole words only: a property's value (`-Pkey=m`) is no cluster of flags.
    dry: ['--dry-run', '-m'],
    takesValue: [
      '-x',
      '--exclude-task',
      '-p',
      '--project-dir',
      '-b',
      '--build-file',
      '-c',
      '--settings-file',
      '-I',
      '--init-script',
    ],
  },
};
GOAL_PUBLISHERS.mvnw = GOAL_PUBLISHERS.mvn;
GOAL_PUBLISHERS.gradlew = GOAL_PUBLISHERS.gradle;

function goalPublishFinding(cmd: SimpleCommand): Finding | undefined {
  const name = path.posix.basename(cmd.argv[0]);
  const tool = own(GOAL_PUBLISHERS, name);
  if (!tool || cmd.argv.includes('--help') || cmd.argv.some((a) => tool.dry.includes(a))) return undefined;
  const goal = positionals(cmd.argv, tool.takesValue).find((w) => tool.goal.test(w));
  if (!goal) return undefined;
  return {
    id: 'outgoing.publish',
    summary: `${name} ${goal} publishes the project's artifacts to the Maven repository its build names; a released version cannot be taken back`,
    target: `${goal} → the Maven repository`,
    alternative: 'run `install` (or `publishToMavenLocal`) to try it locally, and let the user publish',
    severity: 55,
  };
}

/** Words after the program that take a published package back off its registry. */
const UNPUBLISHERS: Record<string, readonly string[][]> = {
  npm: [['unpublish']],
  pnpm: [['unpublish']],
  yarn: [['npm', 'unpublish']],
  cargo: [['yank']],
  gem: [['yank']],
  dotnet: [['nuget', 'delete']],
  nuget: [['delete']],
};

const DRY = ['--dry-run', '--dryrun', '-n', '--check'];

function packageName(kind: Publisher['manifest'], cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  if (kind === 'npm') {
    const text = ctx.readFile(path.join(cmd.cwd, 'package.json'), cmd.cwd);
    try {
      const pkg = text ? (JSON.parse(text) as { name?: unknown; version?: unknown }) : undefined;
      if (pkg && typeof pkg.name === 'string')
        return typeof pkg.version === 'string' ? `${pkg.name}@${pkg.version}` : pkg.name;
    } catch {
      /* unreadable */
    }
  }
  if (kind === 'cargo' || kind === 'pyproject') {
    const text = ctx.readFile(path.join(cmd.cwd, kind === 'cargo' ? 'Cargo.toml' : 'pyproject.toml'), cmd.cwd);
    const m = text ? /^\s*name\s*=\s*["']([^"']+)["']/m.exec(text) : null;
    if (m) return m[1];
  }
  return undefined;
}

export function publishFinding(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const name = cmd.argv[0].replace(/^\.\//, '');
  const p = own(PUBLISHERS, name);
  if (!p) return goalPublishFinding(cmd) ?? storeUploadFinding(cmd, ctx);
  const words = positionals(cmd.argv, [
    '--registry',
    '--tag',
    '--access',
    '--otp',
    '-r',
    '--repository',
    '--source',
    '-s',
    '--api-key',
    '-k',
    '--token',
    '--index',
    '--username',
    '--password',
    '--publish-url',
  ]);
  if (hasFlag(cmd.argv, DRY) || cmd.argv.includes('--help')) return undefined;
  const withdraw = own(UNPUBLISHERS, name)?.find((s) => s.every((w, i) => words[i] === w));
  if (withdraw) {
    const what = words[withdraw.length] ?? packageName(p.manifest, cmd, ctx) ?? 'the package';
    return {
      id: 'outgoing.unpublish',
      summary: `${[name, ...withdraw].join(' ')} takes ${what} off ${p.registry}: every project that installs it breaks`,
      target: `${what} → ${p.registry}`,
      alternative: 'deprecate the version instead, and let the user withdraw it',
      severity: 55,
    };
  }
  const sub = p.sub.find((s) => s.every((w, i) => words[i] === w));
  if (!sub) return undefined;
  const registry =
    optionValue(cmd.argv, ['--registry', '--repository', '-r', '--source', '-s', '--index', '--publish-url']) ??
    p.registry;
  const what = packageName(p.manifest, cmd, ctx) ?? words[sub.length] ?? 'the package';
  return {
    id: 'outgoing.publish',
    summary: `${[name, ...sub].join(' ')} publishes ${what} to ${registry}, for anyone to install; a published version cannot be taken back`,
    target: `${what} → ${registry}`,
    alternative: `run it with --dry-run and let the user publish`,
    severity: 55,
  };
}

/** `gh repo create --public`, `gh repo edit --visibility public`. */
export function publicRepoFinding(cmd: SimpleCommand): Finding | undefined {
  const a = cmd.argv;
  if (a[1] !== 'repo') return undefined;
  const makesPublic =
    (a[2] === 'create' && a.includes('--public')) || (a[2] === 'edit' && optionValue(a, ['--visibility']) === 'public');
  if (!makesPublic) return undefined;
  const repo =
    positionals(
      a,
      [
        '--visibility',
        '--source',
        '-s',
        '--remote',
        '-r',
        '--description',
        '-d',
        '--homepage',
        '-h',
        '--team',
        '-t',
        '--template',
        '-p',
        '--gitignore',
        '-g',
        '--license',
        '-l',
      ],
      3,
    )[0] ?? 'the repository';
  return {
    id: 'outgoing.make-public',
    summary: `gh repo ${a[2]} makes ${repo} public: its code and history are visible to everyone${a.includes('--push') ? ', pushed right away' : ''}`,
    target: repo,
    alternative: 'create it private, and let the user decide to make it public',
    severity: 60,
  };
}
