// `go generate ./...` runs the command of every `//go:generate CMD` line in the
// packages' .go files: a directive written into a source file earlier runs
// then, unasked. The directives are read as the script they amount to.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import type { UnwrapStep } from './common';

const MAX_DIRS = 256;
const MAX_FILES = 1024;
const DIRECTIVE = /^\/\/go:generate[ \t]+(.+)$/gm;
/** Folders `./...` never reaches (the go tool's own rule: vendor, testdata, and names starting with `.` or `_`). */
const SKIPPED = (name: string) => name === 'vendor' || name === 'testdata' || /^[._]/.test(name);
/** `go generate` options that take a value. */
const VALUE_OPTS = new Set(['-run', '-skip', '-tags', '-C', '-mod', '-modfile', '-overlay', '-pgo', '-p']);

function tooMany(w: Walker, what: string): void {
  w.addFinding({
    id: 'parse.too-complex',
    summary: `\`go generate\` reaches more ${what} than AgentGuard reads: directives past the bound would run unread, so a human must look at it`,
    severity: 60,
  });
}

export function unwrapGoGenerate(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  if (argv[1] !== 'generate') return undefined;
  let cwd = scope.cwd;
  const targets: string[] = [];
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-n') return undefined;
    if (a === '-C' && argv[i + 1] !== undefined) cwd = path.resolve(cwd, argv[i + 1]);
    if (VALUE_OPTS.has(a)) i++;
    else if (!a.startsWith('-')) targets.push(a);
  }
  const files: string[] = [];
  const dirs: { dir: string; deep: boolean }[] = [];
  for (const t of targets.length ? targets : ['.']) {
    if (t.endsWith('.go')) files.push(path.resolve(cwd, t));
    else if (t === '...' || t.endsWith('/...'))
      dirs.push({ dir: path.resolve(cwd, t.slice(0, -3) || '.'), deep: true });
    else if (t === '.' || t.startsWith('./') || t.startsWith('../') || path.isAbsolute(t))
      dirs.push({ dir: path.resolve(cwd, t), deep: false });
  }
  for (let q = 0; q < dirs.length; q++) {
    if (q >= MAX_DIRS) return (tooMany(w, `folders (${MAX_DIRS})`), undefined);
    const entries = w.ctx.readdir?.(dirs[q].dir);
    if (!entries) continue;
    for (const e of entries) {
      const abs = path.join(dirs[q].dir, e.name);
      if (e.dir) {
        if (dirs[q].deep && !SKIPPED(e.name)) dirs.push({ dir: abs, deep: true });
      } else if (e.name.endsWith('.go')) files.push(abs);
    }
  }
  if (files.length > MAX_FILES) return (tooMany(w, `files (${MAX_FILES})`), undefined);
  const lines: string[] = [];
  for (const f of files) {
    const text = w.ctx.readFile(f, cwd);
    if (text === undefined || !text.includes('//go:generate')) continue;
    for (const m of text.matchAll(DIRECTIVE)) lines.push(m[1].trim());
  }
  return lines.length ? { kind: 'script', text: lines.join('\n'), via: 'go generate', lenient: true } : undefined;
}
