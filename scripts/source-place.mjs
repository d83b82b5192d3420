// Where a profiled bundle's line and column came from in src/, through the
// bundle's source map (node:module's SourceMap, no dependency). Shared by the
// profile scripts.
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const maps = new Map();

function sourceMapOf(url) {
  if (!url.startsWith('file://')) return undefined;
  if (maps.has(url)) return maps.get(url);
  let map;
  try {
    map = new SourceMap(JSON.parse(fs.readFileSync(fileURLToPath(url) + '.map', 'utf8')));
  } catch {
    map = undefined;
  }
  maps.set(url, map);
  return map;
}

/** `{ file: 'src/…', line }` (1-based) for a profile's call frame position, or undefined without a map entry. */
export function sourcePlace(url, lineNumber, columnNumber) {
  const entry = sourceMapOf(url)?.findEntry(lineNumber, columnNumber);
  if (!entry?.originalSource) return undefined;
  return {
    file: entry.originalSource.replace(/^.*?(?=(src|node_modules)\/)/, ''),
    line: entry.originalLine + 1,
  };
}
