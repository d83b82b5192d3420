// What docs.test.ts needs to keep the documentation true: the pages, their
// `$ command` examples run as a reader would run them, and their links.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { asAccount } from './account';

export const ROOT = path.join(__dirname, '..', '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** What a reader's home looks like in the pages: the sandbox's home is shown as this. */
export const PAGE_HOME = '/home/me';

/** README.md and every Markdown page under docs/, as repository-relative paths. */
export function pages(root = ROOT): string[] {
  const found = ['README.md'];
  const visit = (dir: string, depth: number): void => {
    if (depth > 4) return;
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) visit(rel, depth + 1);
      else if (entry.name.endsWith('.md')) found.push(rel);
    }
  };
  visit('docs', 0);
  return found.sort();
}

export interface Example {
  /** 1-based line of the `$` in its page. */
  line: number;
  command: string;
  expected: string;
}

/** The examples of one fenced block that holds at least one `$ ` line; each block runs in a sandbox of its own. */
export interface ExampleBlock {
  line: number;
  examples: Example[];
}

const FENCE = /^\s*```/;

/**
 * Every fenced block with `$ ` lines: each `$ COMMAND` (continued by a
 * trailing `\`) and the lines after it, up to the next `$ ` line or the
 * block's end, are what the command prints (trailing blank lines dropped).
 */
export function exampleBlocks(text: string): ExampleBlock[] {
  const lines = text.split('\n');
  const blocks: ExampleBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i])) continue;
    const start = i;
    let end = i + 1;
    while (end < lines.length && !FENCE.test(lines[end])) end++;
    i = end;
    const body = lines.slice(start + 1, end);
    if (!body.some((l) => l.startsWith('$ '))) continue;
    const examples: Example[] = [];
    for (let j = 0; j < body.length; j++) {
      if (!body[j].startsWith('$ ')) continue;
      const line = start + 2 + j;
      let command = body[j].slice(2);
      while (command.endsWith('\\') && j + 1 < body.length) command = `${command.slice(0, -1)}\n${body[++j]}`;
      const output: string[] = [];
      while (j + 1 < body.length && !body[j + 1].startsWith('$ ')) output.push(body[++j]);
      while (output.length && output[output.length - 1].trim() === '') output.pop();
      examples.push({ line, command, expected: output.join('\n') });
    }
    blocks.push({ line: start + 1, examples });
  }
  return blocks;
}

/** A snapshot's id: its time and a random suffix, different at every run. */
const SNAPSHOT_ID = /\b\d{8}T\d{6}Z-[0-9a-f]{6}\b/g;
const ISO_TIME = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\b/g;

export interface Failure {
  page: string;
  line: number;
  command: string;
  expected: string;
  actual: string;
}

/** The sandboxes live under the cache folder, not /tmp: a home under /tmp is judged as a temp folder, not as a reader's home. */
function sandboxParent(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'agentguard-doc-examples');
}

/**
 * Runs each block's commands in order with bash, stdout and stderr together as
 * a terminal shows them, in a fresh project folder `~/project` of a fresh home
 * (no state, no policy), with `agentguard` on PATH running the built CLI and
 * `node dist/cli.js` meaning the built CLI. Only what must vary is normalized:
 * the sandbox's home is shown as /home/me, the checkout as /home/me/agentguard, times as <time>, and a snapshot id
 * stands for the one the run made (mapped in order of appearance, then used
 * in later commands of the block).
 */
export function runBlocks(page: string, blocks: readonly ExampleBlock[], cli = CLI): Failure[] {
  const failures: Failure[] = [];
  fs.mkdirSync(sandboxParent(), { recursive: true });
  for (const block of blocks) {
    const root = fs.mkdtempSync(path.join(sandboxParent(), 'page-'));
    try {
      const home = path.join(root, 'home');
      const project = path.join(home, 'project');
      const bin = path.join(root, 'bin');
      fs.mkdirSync(project, { recursive: true });
      fs.mkdirSync(bin);
      fs.writeFileSync(
        path.join(bin, 'agentguard'),
        `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} "$@"\n`,
        { mode: 0o755 },
      );
      const env: NodeJS.ProcessEnv = {
        PATH: `${bin}:${path.dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: home,
        USER: process.env.USER ?? 'me',
        LANG: 'C.UTF-8',
      };
      const account = asAccount(home, root);
      const ids = new Map<string, string>();
      for (const ex of block.examples) {
        let command = ex.command.replaceAll('node dist/cli.js', `node ${JSON.stringify(cli)}`);
        for (const [shown, real] of ids) command = command.replaceAll(shown, real);
        // As a reader runs it: an account whose home is this one (AgentGuard's state hangs from the account's home).
        const shell = [...(account ?? []), 'bash', '-c', `exec 2>&1\n${command}`];
        const run = spawnSync(shell[0], shell.slice(1), {
          cwd: project,
          env,
          encoding: 'utf8',
          timeout: 30_000,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        // The checkout the CLI runs from is shown where a reader keeps it: ~/agentguard.
        let actual = (run.stdout ?? '')
          .replaceAll(fs.realpathSync(ROOT), `${PAGE_HOME}/agentguard`)
          .replaceAll(home, PAGE_HOME)
          .trimEnd();
        if (run.error) actual += `\n(${run.error.message})`;
        const shownIds = ex.expected.match(SNAPSHOT_ID) ?? [];
        const realIds = actual.match(SNAPSHOT_ID) ?? [];
        shownIds.forEach((shown, k) => {
          if (realIds[k] && !ids.has(shown)) ids.set(shown, realIds[k]);
        });
        for (const [shown, real] of ids) actual = actual.replaceAll(real, shown);
        const expected = ex.expected.replace(ISO_TIME, '<time>');
        actual = actual.replace(ISO_TIME, '<time>');
        if (actual !== expected) failures.push({ page, line: ex.line, command: ex.command, expected, actual });
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
  return failures;
}

export function describeFailure(f: Failure): string {
  return `${f.page}:${f.line}: $ ${f.command}\n--- the page shows\n${f.expected}\n--- the command prints\n${f.actual}`;
}

/** The page's text outside fenced blocks, and outside inline code too unless kept: links in code are not links. */
function prose(text: string, keepInlineCode = false): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of text.split('\n')) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      out.push('');
      continue;
    }
    out.push(inFence ? '' : keepInlineCode ? line : line.replace(/`[^`]*`/g, ''));
  }
  return out.join('\n');
}

export interface Link {
  line: number;
  target: string;
  image: boolean;
}

export function links(text: string): Link[] {
  const found: Link[] = [];
  prose(text)
    .split('\n')
    .forEach((line, i) => {
      for (const m of line.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g))
        found.push({ line: i + 1, target: m[2], image: m[1] === '!' });
    });
  return found;
}

/**
 * GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2, …
 * A heading's inline code keeps its text (`## The front door, \`dist/cli.js\`` is #the-front-door-distclijs).
 */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of prose(text, true).split('\n')) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Why a relative link of `page` does not resolve, or undefined when it does. */
export function brokenLink(page: string, target: string, root = ROOT): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
  const [file, anchor] = target.split('#', 2);
  const resolved = file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
  if (resolved.startsWith('..')) return `${target} points outside the repository`;
  const abs = path.join(root, resolved);
  if (!fs.existsSync(abs)) return `${target}: ${resolved} does not exist`;
  if (anchor === undefined || anchor === '') return undefined;
  if (!resolved.endsWith('.md')) return `${target}: an anchor into a file that is not a page`;
  if (!anchors(fs.readFileSync(abs, 'utf8')).has(anchor)) return `${target}: ${resolved} has no heading #${anchor}`;
  return undefined;
}

/** Sentences of prose long enough that a second copy is a duplicate, not a phrase that recurs (code, tables and headings left out). */
export function sentences(text: string): string[] {
  return prose(text, true)
    .split(/\n\s*\n/)
    .filter((p) => !/^\s*[|#]/.test(p))
    .flatMap((p) =>
      p
        .replace(/\s+/g, ' ')
        .trim()
        .split(/(?<=[.!?])\s+(?=[A-Z*(`[])/),
    )
    .filter((s) => s.length >= 60);
}
