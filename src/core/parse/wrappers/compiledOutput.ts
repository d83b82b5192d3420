// `tsc -p . && node dist/index.js`: the file node runs is not there yet, and
// the only command before it that makes files is the TypeScript compiler. What
// runs is then the compiled source: `src/index.ts` for `dist/index.js`, by the
// tsconfig's outDir and rootDir. That source is read in its place. A config
// that cannot be read, extends another, or names no outDir, and any other
// command that may make files, leave the file unknown, as before.
import * as path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { optionValue } from '../../command/args';
import type { SimpleCommand } from '../../types';
import type { Walker } from '../normalize/scope';

const OUTPUT = /\.(?:m|c)?js$/;
const SOURCE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

interface Layout {
  outDir: string;
  rootDir: string;
}

function layoutOf(c: SimpleCommand, w: Walker): Layout | undefined {
  const named = optionValue(c.argv, ['-p', '--project']) ?? optionValue(c.argv, ['-b', '--build']);
  if (c.argv.some((a) => a === '--outDir' || a === '--rootDir' || a === '--outFile' || a.startsWith('--out')))
    return undefined;
  let file = path.resolve(c.cwd, named ?? 'tsconfig.json');
  if (!file.endsWith('.json')) file = path.join(file, 'tsconfig.json');
  const text = w.ctx.readFile(file, c.cwd);
  if (text === undefined) return undefined;
  const errors: ParseError[] = [];
  const config = parseJsonc(text, errors, { allowTrailingComma: true }) as
    { extends?: unknown; compilerOptions?: { outDir?: unknown; rootDir?: unknown } } | undefined;
  if (errors.length || !config || typeof config !== 'object' || config.extends !== undefined) return undefined;
  const { outDir, rootDir } = config.compilerOptions ?? {};
  if (typeof outDir !== 'string' || (rootDir !== undefined && typeof rootDir !== 'string')) return undefined;
  const dir = path.dirname(file);
  return { outDir: path.resolve(dir, outDir), rootDir: path.resolve(dir, rootDir ?? 'src') };
}

/** The text of the TypeScript source a compiled file earlier on the line comes from, or undefined when not known. */
export function compiledSource(abs: string, before: readonly SimpleCommand[], w: Walker): string | undefined {
  const ext = OUTPUT.exec(abs)?.[0];
  if (!ext || !before.length || before.length > 16) return undefined;
  if (before.some((c) => path.basename(c.argv[0] ?? '') !== 'tsc' || c.remote || c.dynamic.some(Boolean)))
    return undefined;
  for (const c of before) {
    const layout = layoutOf(c, w);
    if (!layout || !abs.startsWith(layout.outDir + '/')) continue;
    const stem = path.relative(layout.outDir, abs).slice(0, -ext.length);
    for (const source of SOURCE_EXTENSIONS[ext] ?? []) {
      const text = w.ctx.readFile(path.join(layout.rootDir, stem + source), layout.rootDir);
      if (text !== undefined) return text;
    }
  }
  return undefined;
}
