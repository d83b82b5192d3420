// A patch applied earlier on the line, then a runner: `git apply evil.patch &&
// npm run build`, `git am 0001.patch && make`, `patch -p1 < fix.diff && npm
// test`. The patched text is not computed: a patch that touches a file the
// runner reads asks; one that touches none leaves the runner's files as the
// disk holds them. A patch that cannot be read (piped in, missing, too large,
// mail encoded) asks, since which files it touches is not known.
import * as path from 'node:path';
import type { Walker } from '../normalize/scope';
import type { SimpleCommand } from '../../types';
import { gitCall } from './branchSwitch';

/** Options of `git apply` that only print what the patch would do (`git am --show-current-patch` too). */
const APPLY_PRINTS = new Set(['--check', '--stat', '--numstat', '--summary']);
/** Options of `patch` naming a value in the next word (`-i FILE` names the patch). */
const PATCH_VALUED = new Set(['-p', '-d', '-i', '-o', '-r', '-F', '-D', '-V', '-B', '-Y', '-z', '-g']);
/** Lines of a patch naming the files it changes, and the words after which the names follow. */
const HEADER = /^(?:diff |--- |\+\+\+ |\*\*\* |Index: |rename (?:from|to) |copy (?:from|to) )/;
/** Mail bodies `git am` decodes: the patch inside is not plain text to read. */
const ENCODED = /^content-transfer-encoding:\s*(?:base64|quoted-printable)/im;

/** Where a patch command reads its patches, and files it names to change; null when it is not one that changes files. */
interface PatchCall {
  files: string[];
  /** Reads a patch on stdin. */
  stdin: boolean;
  /** Files named to be changed (`patch FILE PATCH`). */
  targets: string[];
  mail: boolean;
}

function gitPatchCall(c: SimpleCommand): PatchCall | null | undefined {
  const call = gitCall(c);
  if (!call || (call.sub !== 'apply' && call.sub !== 'am')) return call && null;
  const words: string[] = [];
  let prints = false;
  let applies = false;
  for (let k = call.at + 1; k < c.argv.length && k < 64; k++) {
    const a = c.argv[k];
    if (c.dynamic[k]) return undefined;
    if (a.startsWith('-') && a !== '-') {
      prints ||= call.sub === 'apply' ? APPLY_PRINTS.has(a) : a.startsWith('--show-current-patch');
      applies ||= a === '--apply';
    } else words.push(a);
  }
  if (prints && !applies) return null;
  const files = words.filter((f) => f !== '-');
  return { files, stdin: files.length < words.length || !words.length, targets: [], mail: call.sub === 'am' };
}

function patchProgramCall(c: SimpleCommand): PatchCall | null | undefined {
  const words: string[] = [];
  const files: string[] = [];
  for (let k = 1; k < c.argv.length && k < 64; k++) {
    const a = c.argv[k];
    if (c.dynamic[k]) return undefined;
    if (a === '--dry-run' || a === '--help' || a === '--version' || a === '-v') return null;
    if (a === '-i' || a.startsWith('--input=')) {
      const f = a === '-i' ? c.argv[++k] : a.slice(8);
      if (f === undefined || c.dynamic[k]) return undefined;
      files.push(f);
    } else if (PATCH_VALUED.has(a)) k++;
    else if (a.startsWith('-') && a !== '-') continue;
    else words.push(a);
  }
  // `patch [FILE [PATCH]]`: the patch from `-i`, the second word, or stdin.
  if (words.length > 2) return undefined;
  if (words[1] !== undefined && words[1] !== '-') files.push(words[1]);
  return { files, stdin: !files.length, targets: words.slice(0, 1), mail: false };
}

/**
 * Whether a patch command touches one of the runner's files (`names`): the name touched, null when it touches none
 * (or the command applies no patch), undefined when the patch cannot be read.
 */
export function patchTouches(c: SimpleCommand, names: ReadonlySet<string>, w: Walker): string | null | undefined {
  const prog = path.basename(c.argv[0] ?? '');
  const call = prog === 'patch' ? patchProgramCall(c) : prog === 'git' ? gitPatchCall(c) : null;
  if (!call) return call;
  for (const t of call.targets) if (names.has(path.basename(t))) return path.basename(t);
  const texts: (string | undefined)[] = call.files.slice(0, 16).map((f) => patchText(path.resolve(c.cwd, f), w));
  if (call.files.length > 16) return undefined;
  if (call.stdin) {
    const from = c.redirects.find((r) => r.op === '<' && r.fd === 0);
    texts.push(from ? patchText(path.resolve(c.cwd, from.target), w) : c.stdinFrom ? undefined : c.stdin);
  }
  for (const text of texts) {
    if (text === undefined || (call.mail && ENCODED.test(text))) return undefined;
    const touched = touchedName(text, names);
    if (touched !== null) return touched;
  }
  return null;
}

function patchText(abs: string, w: Walker): string | undefined {
  if (w.writtenUnknown.has(abs)) return undefined;
  return w.written.get(abs) ?? w.ctx.readFile(abs, path.dirname(abs));
}

/**
 * The first of `names` a patch's headers touch (in any folder: how many leading folders are stripped is not needed
 * to tell); null when none is touched; undefined when it names no file at all or one spelled with escapes.
 */
function touchedName(text: string, names: ReadonlySet<string>): string | null | undefined {
  let headers = 0;
  for (const line of text.split('\n')) {
    const m = HEADER.exec(line);
    if (!m) continue;
    headers++;
    const rest = line.slice(m[0].length);
    // A quoted name with escapes (`"a/package\056json"`) is unquoted by git: not read here.
    if (rest.includes('\\')) return undefined;
    for (const word of rest.split(/[\s"]+/)) {
      const name = path.posix.basename(word);
      if (names.has(name)) return name;
    }
  }
  return headers ? null : undefined;
}
