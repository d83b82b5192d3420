// `pixi task add NAME CMD…` writes a task into the project's manifest (pixi.toml,
// or pyproject.toml's `[tool.pixi]`): a command line `pixi run NAME` runs later.
// Read as the manifest with that task added, so the line is judged as any task
// table written with it is (laterFiles.ts).
import * as path from 'node:path';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { shellWord } from '../../text/shellWord';

/** `pixi task add`'s options that take a value. */
const ADD_VALUED = new Set([
  '--depends-on',
  '-p',
  '--platform',
  '-f',
  '--feature',
  '--cwd',
  '--env',
  '--description',
  '--arg',
  '-m',
  '--manifest-path',
]);

/** The manifest pixi writes to: the one named, else pixi.toml here, else a pyproject.toml here, else a new pixi.toml. */
function manifestOf(argv: readonly string[], cwd: string, ctx: AnalysisContext): string {
  const at = argv.findIndex((a) => a === '-m' || a === '--manifest-path');
  const given = at > 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--manifest-path='))?.slice(16);
  if (given !== undefined) {
    const abs = path.resolve(cwd, given);
    return /\.toml$/.test(abs) ? abs : path.join(abs, 'pixi.toml');
  }
  const pixi = path.join(cwd, 'pixi.toml');
  if (ctx.readFile(pixi, cwd) !== undefined) return pixi;
  const pyproject = path.join(cwd, 'pyproject.toml');
  return ctx.readFile(pyproject, cwd) !== undefined ? pyproject : pixi;
}

/** The manifest `pixi task add NAME CMD…` writes, with the task it adds; none for any other call. */
export function pixiTaskWrites(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): Array<{ path: string; before: string | undefined; after: string }> {
  const argv = cmd.argv;
  if (cmd.remote || argv[0] !== 'pixi' || argv[1] !== 'task' || argv[2] !== 'add') return [];
  const operands: string[] = [];
  for (let i = 3; i < argv.length && operands.length < 256; i++) {
    if (argv[i] === '--') operands.push(...argv.slice(i + 1, i + 257));
    if (argv[i] === '--') break;
    if (argv[i].startsWith('-') && operands.length < 2) i += ADD_VALUED.has(argv[i]) ? 1 : 0;
    else operands.push(argv[i]);
  }
  const [name, ...words] = operands;
  if (name === undefined || !words.length) return [];
  const line = words.length === 1 ? words[0] : words.map(shellWord).join(' ');
  const file = manifestOf(argv, cmd.cwd, ctx);
  const before = ctx.readFile(file, cmd.cwd);
  const table = path.basename(file) === 'pyproject.toml' ? 'tool.pixi.tasks' : 'tasks';
  return [
    { path: file, before, after: `${before ?? ''}\n[${table}]\n${JSON.stringify(name)} = ${JSON.stringify(line)}\n` },
  ];
}
