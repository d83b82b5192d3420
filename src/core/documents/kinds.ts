// Which documents hold commands, and how to find them.
import * as path from 'node:path';

export type DocumentKind = 'config' | 'shell' | 'package-json' | 'make' | 'dockerfile' | 'actions' | 'compose' | 'sql';

const SHELL_EXT = new Set(['.sh', '.bash', '.zsh', '.ksh']);
const SHEBANG = /^#!\s*\S*\/(?:env\s+(?:-\S+\s+)*)?(?:ba|z|k|da)?sh\b/;

/** The kind of a document from its path, language id and first line; undefined when AgentGuard has nothing to say about it. */
export function documentKind(filePath: string, languageId: string | undefined, text: string): DocumentKind | undefined {
  const base = path.basename(filePath);
  const lower = base.toLowerCase();
  const ext = path.extname(lower);
  if (base === '.agentguard.json') return 'config';
  if (base === 'package.json') return 'package-json';
  if (lower === 'makefile' || lower === 'gnumakefile' || ext === '.mk' || languageId === 'makefile') return 'make';
  if (
    lower === 'dockerfile' ||
    lower.startsWith('dockerfile.') ||
    lower === 'containerfile' ||
    ext === '.dockerfile' ||
    languageId === 'dockerfile'
  )
    return 'dockerfile';
  if (ext === '.yml' || ext === '.yaml') {
    const parts = filePath.split(/[\\/]/);
    if (parts.length >= 3 && parts[parts.length - 2] === 'workflows' && parts[parts.length - 3] === '.github')
      return 'actions';
    if (lower.includes('compose')) return 'compose';
    return undefined;
  }
  if (ext === '.sql' || languageId === 'sql') return 'sql';
  if (SHELL_EXT.has(ext) || languageId === 'shellscript') return 'shell';
  if (SHEBANG.test(text.slice(0, 200))) return 'shell';
  return undefined;
}
