// `rm -rf gen/ && buf generate`: a folder a code generator later on the line
// writes, by its own configuration, is deleted to be made again. Only the
// folders the generator is known to write (buf.gen.yaml and sqlc.yaml `out:`,
// protoc's `--X_out=DIR`, openapi-generator's `-o DIR`); any other folder, and
// one the line does nothing more with, still asks.
import * as path from 'node:path';
import { optionValue, positionals } from '../../command/args';
import { commandsAround } from '../../parse/normalize';
import type { AnalysisContext, SimpleCommand } from '../../types';

/** Most later commands looked at, and most output folders taken from one configuration. */
const MAX_LATER = 32;
const MAX_OUTPUTS = 64;

/** `out: gen/go` in a buf or sqlc configuration (YAML, or sqlc's JSON `"out": "db"`). */
const OUT_KEY = /^\s*(?:-\s*)?"?out"?\s*:\s*["']?([^"'\s#,]+)/gm;

function configOutputs(file: string, dir: string, ctx: AnalysisContext): string[] {
  const text = ctx.readFile(file, dir);
  if (text === undefined) return [];
  const out: string[] = [];
  for (const m of text.matchAll(OUT_KEY)) {
    if (out.length >= MAX_OUTPUTS || /[$`]/.test(m[1])) break;
    out.push(m[1]);
  }
  return out;
}

/** The folders one command generates code into, absolute; empty for a command that is no known generator. */
function generatedFolders(c: SimpleCommand, ctx: AnalysisContext): string[] {
  if (c.remote) return [];
  const argv = c.argv;
  const name = path.basename(argv[0] ?? '');
  const at = (dirs: string[], base = c.cwd) => dirs.map((d) => path.resolve(base, d));
  if (name === 'buf' && positionals(argv, ['--template', '-o', '--output'])[0] === 'generate') {
    const template = optionValue(argv, ['--template']);
    const base = path.resolve(c.cwd, optionValue(argv, ['-o', '--output']) ?? '.');
    const files = template ? [template] : ['buf.gen.yaml', 'buf.gen.yml'];
    return at(
      files.flatMap((f) => configOutputs(f, c.cwd, ctx)),
      base,
    );
  }
  if (name === 'sqlc' && argv[1] === 'generate')
    return at(['sqlc.yaml', 'sqlc.yml', 'sqlc.json'].flatMap((f) => configOutputs(f, c.cwd, ctx)));
  if (name === 'protoc') {
    const dirs: string[] = [];
    for (const a of argv.slice(1)) {
      const m = /^--\w+_out=(?:[^:]*:)?(.+)$/.exec(a);
      if (m) dirs.push(m[1]);
    }
    return at(dirs);
  }
  if (/^openapi-generator(?:-cli)?$/.test(name) && argv.includes('generate')) {
    const o = optionValue(argv, ['-o', '--output']);
    return o ? at([o]) : [];
  }
  return [];
}

/** Whether a command later on the line generates code into the folder `abs` (or the folder holding it). */
export function regeneratedLater(abs: string, cmd: SimpleCommand, ctx: AnalysisContext): boolean {
  const after = commandsAround(cmd)?.after;
  if (!after) return false;
  for (const c of after.slice(0, MAX_LATER)) {
    for (const dir of generatedFolders(c, ctx)) {
      if (dir === ctx.workspace || !dir.startsWith(ctx.workspace + '/')) continue;
      if (abs === dir || abs.startsWith(dir + '/')) return true;
    }
  }
  return false;
}
