// Files besides CI that hold command lines or code some other program runs
// later: a hosting service's build settings (netlify.toml, vercel.json,
// .gitpod.yml, Trunk.toml), task tables run by name (pyproject's poe tasks,
// a Pipfile's scripts), a dev container's lifecycle commands run inside the
// container (the workspace mounted), and the config files a test, build or
// lint runner loads as code when it starts (vitest.config.ts, .mocharc.js,
// postcss.config.js, noxfile.py, …). Their command lines are read here and
// judged as any planted CI step is (pipelines.ts); a code file is judged as
// that code run by its interpreter.
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { pipfileScripts, tomlKeys } from '../../parse/tomlTasks';
import { poeTasks } from '../../parse/poeTasks';
import { PIXI_CD, pixiTasks } from '../../parse/pixiTasks';
import { devcontainerCommands } from '../../parse/devcontainerCommands';
import { runnerLoadedFiles } from '../../parse/wrappers/runnerFiles';
import { shellWord } from '../../text/shellWord';

export type LaterKind = 'hosting' | 'task-table' | 'runner-code' | 'devcontainer' | 'husky-hook';
export const LATER_KINDS: ReadonlySet<string> = new Set<LaterKind>([
  'hosting',
  'task-table',
  'runner-code',
  'devcontainer',
  'husky-hook',
]);

/** Hosting services' build settings: the keys whose values are command lines. */
const VERCEL_KEYS = ['buildCommand', 'installCommand', 'devCommand', 'ignoreCommand'];
/** Gitpod's task keys: each a command line run when a workspace starts or is prebuilt. */
export const GITPOD_COMMAND_KEYS: ReadonlySet<string> = new Set(['init', 'before', 'command', 'prebuild']);

/** The interpreter each runner's code file is run by, as a command that runs text given on the line. */
const RUN_TEXT: Record<'python' | 'node' | 'ruby', string> = {
  python: 'python3 -c',
  node: 'node -e',
  ruby: 'ruby -e',
};

export function laterKind(abs: string): LaterKind | undefined {
  const base = path.basename(abs);
  const lower = base.toLowerCase();
  if (
    base === '.devcontainer.json' ||
    (base === 'devcontainer.json' && abs.split('/').slice(-3, -1).includes('.devcontainer'))
  )
    return 'devcontainer';
  if (['netlify.toml', 'vercel.json', '.gitpod.yml', '.gitpod.yaml', 'trunk.toml'].includes(lower)) return 'hosting';
  if (base === 'pyproject.toml' || base === 'Pipfile' || base === 'pixi.toml') return 'task-table';
  if (runnerLoadedFiles().has(base) && !abs.split('/').includes('node_modules')) return 'runner-code';
  // husky's folder is a git hook folder once husky is installed (it sets core.hooksPath): its files run at each commit.
  const parts = abs.split('/');
  const husky = parts.lastIndexOf('.husky');
  if (husky >= 0 && husky < parts.length - 1 && !parts.includes('node_modules')) return 'husky-hook';
  return undefined;
}

/** Trunk's `[[hooks]]`: `command` with its `command_arguments`; any other string under `hooks` read as a line. */
function trunkCommands(text: string): string[] {
  const keys = tomlKeys(text);
  const out: string[] = [];
  for (const [k, v] of keys) {
    if (!k.startsWith('hooks.') || /\.(?:stage|command_arguments\.\d+)$/.test(k)) continue;
    if (k.endsWith('.command')) {
      const at = k.slice(0, -'.command'.length);
      const args: string[] = [];
      for (let i = 0; i < 64 && keys.has(`${at}.command_arguments.${i}`); i++)
        args.push(keys.get(`${at}.command_arguments.${i}`)!);
      // `sh -c LINE`: the line is what runs.
      out.push(
        /^(?:\/bin\/)?(?:ba)?sh$/.test(v) && args[0] === '-c'
          ? args.slice(1).join(' ')
          : [v, ...args.map(shellWord)].join(' '),
      );
    } else out.push(v);
  }
  return out;
}

function hostingCommands(lower: string, text: string): string[] {
  if (lower === 'vercel.json') {
    const doc: unknown = parseJsonc(text, [], { allowTrailingComma: true });
    if (!doc || typeof doc !== 'object') return [];
    const keys = doc as Record<string, unknown>;
    return VERCEL_KEYS.flatMap((k) => (typeof keys[k] === 'string' ? [keys[k]] : []));
  }
  if (lower === 'trunk.toml') return trunkCommands(text);
  if (lower === 'netlify.toml') {
    const read = [...tomlKeys(text)].filter(([k]) => /(?:^|\.)command$/.test(k)).map(([, v]) => v);
    // A `command` line the TOML reader skips (`command: …`) is read as written: over-reading a file that runs nothing costs nothing.
    const loose = [...text.slice(0, 512 * 1024).matchAll(/^\s*command\s*[:=]\s*(.+)$/gm)].map((m) =>
      m[1].trim().replace(/^(["'])(.*)\1$/, '$2'),
    );
    return [...new Set([...read, ...loose])];
  }
  return [];
}

/** A task table's lines: a Pipfile's scripts, pixi.toml's tasks, pyproject's poe and pixi tasks (each run by name later). */
function taskTableLines(base: string, abs: string, text: string): string[] {
  const tables =
    base === 'Pipfile'
      ? [pipfileScripts(text)]
      : base === 'pixi.toml'
        ? [pixiTasks(text, false, path.dirname(abs))]
        : [poeTasks(text), pixiTasks(text, true, path.dirname(abs))];
  // The folder each pixi task runs in is no command of the file's.
  return tables.flatMap((t) => [...t.values()].flatMap((r) => r.lines.filter((l) => !l.startsWith(PIXI_CD))));
}

/** The command lines (or the code, as one line that runs it) a file of this kind holds; undefined for a YAML kind. */
export function laterCommands(kind: LaterKind, abs: string, text: string): string[] | undefined {
  const base = path.basename(abs);
  const lower = base.toLowerCase();
  switch (kind) {
    case 'hosting':
      return lower.startsWith('.gitpod') ? undefined : hostingCommands(lower, text);
    case 'task-table':
      return taskTableLines(base, abs, text);
    case 'devcontainer':
      return devcontainerCommands(text);
    case 'husky-hook':
      // A hook is a shell script as a whole: judged as that script run by sh.
      return text.trim() ? [`sh -c ${shellWord(text)}`] : [];
    case 'runner-code': {
      const lang = runnerLoadedFiles().get(base);
      return lang && text.trim() ? [`${RUN_TEXT[lang]} ${shellWord(text)}`] : [];
    }
  }
}
