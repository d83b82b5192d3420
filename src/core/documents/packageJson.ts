// `scripts` of a package.json: each value is a command line npm hands to the shell.
import { parseTree, findNodeAtLocation } from 'jsonc-parser';
import { jsonStringSnippet, type Snippet } from './snippet';

const MAX_SCRIPTS = 2_000;

export function packageScripts(doc: string): Snippet[] {
  const root = parseTree(doc, [], { allowTrailingComma: true, disallowComments: false });
  const scripts = root && findNodeAtLocation(root, ['scripts']);
  if (!scripts || scripts.type !== 'object' || !scripts.children) return [];
  const out: Snippet[] = [];
  for (const prop of scripts.children.slice(0, MAX_SCRIPTS)) {
    const value = prop.children?.[1];
    if (!value || value.type !== 'string' || value.length < 2) continue;
    out.push(jsonStringSnippet(doc.slice(value.offset + 1, value.offset + value.length - 1), value.offset + 1));
  }
  return out;
}
