// Identity by content for what the launcher starts: the runtime and the CLI
// are recorded with their sha256 by whoever writes the launcher (the editor
// at activation, `agentguard install`), and with a stamp the launcher can
// check at every call for the price of one `stat`: device, inode, size and
// change time. The kernel sets the change time to "now" at every write,
// rename, chmod or link of a file and no process of the user can set it back
// (utimes sets only access and modification times), so an equal stamp means
// the very file that was hashed, unchanged. A different stamp sends the
// launcher to the content itself (sha256), and a different hash is the
// host's block. Hashing Node itself at every call would cost ~0.3 s (100 MB);
// the bundle, which the CLI reads anyway to compile it, is hashed by the CLI
// on the bytes it compiles (under 1 ms).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
import { EXTENSION_FOLDER_PREFIX, extensionFolderVersion } from './editors';

/** What `stat -L -c '%d:%i:%s:%.9Z'` prints for `file` (GNU coreutils): the launcher compares the two. */
export function fileStamp(file: string): string | undefined {
  try {
    const st = fs.statSync(file, { bigint: true });
    if (!st.isFile()) return undefined;
    const ns = st.ctimeNs;
    return `${st.dev}:${st.ino}:${st.size}:${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`;
  } catch {
    return undefined;
  }
}

// node:crypto loads at the first hash (about 1.3 ms): the hook's judge client checks a peer by its stamp, and hashes only
// when the stamp differs.
function createHash(algorithm: 'sha256'): import('node:crypto').Hash {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:crypto') as typeof import('node:crypto')).createHash(algorithm);
}

/** A regular file's sha256, read in bounded chunks (a runtime is ~100-200 MB). */
export function sha256File(file: string, maxBytes = 1024 * 1024 * 1024): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const hash = createHash('sha256');
    const buf = Buffer.alloc(4 * 1024 * 1024);
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return undefined;
      hash.update(buf.subarray(0, n));
    }
    return hash.digest('hex');
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

export function sha256Bytes(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A runtime or CLI file as recorded: its content hash and its stamp when it was hashed. */
export interface Pin {
  sha256: string;
  stamp: string;
}

/** The file's pin, hashed now; `previous` is reused when its stamp still matches (no re-hash of an unchanged 200 MB binary). */
export function pinFile(file: string, previous?: Pin): Pin | undefined {
  const stamp = fileStamp(file);
  if (!stamp) return undefined;
  if (previous && previous.stamp === stamp && /^[0-9a-f]{64}$/.test(previous.sha256)) return previous;
  const sha256 = sha256File(file);
  // Changed while it was read: no pin is better than a wrong one.
  return sha256 && fileStamp(file) === stamp ? { sha256, stamp } : undefined;
}

/** Whether `file` is still what `pin` recorded: by stamp, else by content. */
export function pinHolds(file: string, pin: Pin): boolean {
  return fileStamp(file) === pin.stamp || sha256File(file) === pin.sha256;
}

const MAX_EXTENSIONS_JSON = 16 * 1024 * 1024;

/**
 * The AgentGuard folders an editor registered in its own list of installed
 * extensions (`<root>/extensions.json`, written by VS Code and its forks on
 * install and update). A folder that merely exists, however new its name,
 * was not installed by the editor.
 */
export function registeredFolders(root: string): string[] {
  let list: unknown;
  try {
    const file = path.join(root, 'extensions.json');
    const st = fs.lstatSync(file);
    if (!st.isFile() || st.size > MAX_EXTENSIONS_JSON) return [];
    list = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const e of list.slice(0, 10_000) as {
    relativeLocation?: unknown;
    location?: { path?: unknown; fsPath?: unknown } | string;
  }[]) {
    if (!e || typeof e !== 'object') continue;
    const loc = typeof e.location === 'string' ? e.location : (e.location?.fsPath ?? e.location?.path);
    const name =
      typeof e.relativeLocation === 'string'
        ? e.relativeLocation
        : typeof loc === 'string'
          ? path.basename(loc)
          : undefined;
    if (
      !name ||
      name.includes('/') ||
      name.includes('\\') ||
      !name.startsWith(EXTENSION_FOLDER_PREFIX) ||
      extensionFolderVersion(name) === undefined
    )
      continue;
    // Without a folder name relative to the list, an absolute location elsewhere than this root is another list's business.
    if (
      typeof e.relativeLocation !== 'string' &&
      typeof loc === 'string' &&
      path.isAbsolute(loc) &&
      path.resolve(loc) !== path.join(root, name)
    )
      continue;
    const folder = path.join(root, name);
    if (!out.includes(folder)) out.push(folder);
  }
  return out;
}

/**
 * The binaries of the editors whose extension hosts answer on AgentGuard's
 * channels, as each recorded its own running binary at activation, in the
 * state folder the channel's name comes from. The approval and judge
 * channels trust an answer only from a process running one of them
 * (channels/peer), so a server an agent starts on a binary of its own
 * (a planted `node`) is never the editor, whatever it claims.
 */
export const EDITOR_BINARIES_FILE = 'editor-binaries.json';
const MAX_EDITOR_BINARIES = 6;

export interface EditorBinary extends Pin {
  /** Where it was seen (for doctor and the log; identity is the pin). */
  path: string;
}

export function readEditorBinaries(stateDir: string): EditorBinary[] {
  try {
    const file = path.join(stateDir, EDITOR_BINARIES_FILE);
    const st = fs.lstatSync(file);
    if (!st.isFile() || st.size > 64 * 1024) return [];
    const list = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(list)) return [];
    return list
      .filter(
        (e): e is EditorBinary =>
          !!e &&
          typeof e.path === 'string' &&
          typeof e.stamp === 'string' &&
          typeof e.sha256 === 'string' &&
          /^[0-9a-f]{64}$/.test(e.sha256),
      )
      .slice(0, MAX_EDITOR_BINARIES);
  } catch {
    return [];
  }
}

/** Records the binary this process runs (`/proc/self/exe` on Linux: the file it was started from, even if replaced since). */
export function recordEditorBinary(stateDir: string, execPath: string = process.execPath): EditorBinary | undefined {
  const running = process.platform === 'linux' ? '/proc/self/exe' : execPath;
  const before = readEditorBinaries(stateDir);
  // The same inode as recorded: no need to hash 100-200 MB again at every start.
  const stamp = fileStamp(running);
  const pin = pinFile(
    running,
    before.find((e) => e.stamp === stamp),
  );
  if (!pin) return undefined;
  const mine: EditorBinary = { path: execPath, sha256: pin.sha256, stamp: pin.stamp };
  const kept = before.filter((e) => e.sha256 !== mine.sha256 && fs.existsSync(e.path));
  const list = [mine, ...kept].slice(0, MAX_EDITOR_BINARIES);
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const file = path.join(stateDir, EDITOR_BINARIES_FILE);
  replaceFile(file, JSON.stringify(list, null, 2) + '\n', 0o600);
  return mine;
}

/**
 * Whether process `pid` runs one of `binaries`: the inode it runs (through
 * /proc/PID/exe, which names the file it was started from even after a
 * rename) has a recorded stamp, else its content has a recorded hash.
 */
export function runsEditorBinary(pid: number, binaries: readonly EditorBinary[]): boolean {
  if (binaries.length === 0) return false;
  const exe = `/proc/${pid}/exe`;
  const stamp = fileStamp(exe);
  if (!stamp) return false;
  if (binaries.some((b) => b.stamp === stamp)) return true;
  const sha = sha256File(exe);
  return sha !== undefined && binaries.some((b) => b.sha256 === sha);
}
