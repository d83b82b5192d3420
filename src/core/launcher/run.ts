// agentguard-run: the short, stable command a confined call is handed back
// as, so what a host shows for approval (and quotes in a denial) is
//   ~/.agentguard/bin/agentguard-run ID -- 'the command as the agent wrote it'
// and not the sandbox's whole command line. The sandbox's words (bwrap or
// sandbox-exec and every argument before the command) are in a profile file
// the hook writes in PROFILES_DIR, named by the first 32 hex digits of its
// SHA-256 (ID): the same workspace and profile give the same file, reused.
// The ID is pinned where the wrapper trusts it: in the command line the hook
// itself handed the host, which nothing the agent does can change. The
// wrapper reads the file once, hashes what it read, and only then uses it;
// a profile that is missing, unreadable or different, a malformed call, a
// seccomp filter that cannot be opened: the command is not run (exit 126),
// never run unconfined. Both files live in the launcher's folder, protected
// like the launcher (guard/ LAUNCHER_PLACES; read-only inside the sandbox).
// POSIX only: confinement does not exist on Windows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
import { sha256Hex } from '../text/sha256';
import { LAUNCHER_BIN_DIR, LAUNCHER_HOME_DIR } from './index';
import { pinTools, shQuote } from './posix';

export const RUN_WRAPPER = 'agentguard-run';
const RUN_FORMAT = 1;
/** Profiles, HOME-relative: in the launcher's protected folder. */
export const PROFILES_DIR = `${LAUNCHER_HOME_DIR}/profiles`;
/** Hex digits of the profile's SHA-256 that name it (128 bits). */
const ID_LENGTH = 32;
/** Exit code when the wrapper refuses to run a command (as a shell's "cannot execute"). */
export const RUN_REFUSED = 126;
/** Files kept at most (profiles and their hints); past it, ones older than a day are removed when a new one is written. */
const MAX_PROFILES = 512;
const MAX_PROFILE_BYTES = 256 * 1024;

export function runWrapperPath(home: string): string {
  return path.posix.join(home, LAUNCHER_BIN_DIR, RUN_WRAPPER);
}

export function profilesDir(home: string): string {
  return path.posix.join(home, PROFILES_DIR);
}

/** cat at an absolute path: the caller's PATH is no part of what runs. */
function catPath(): string {
  return ['/bin/cat', '/usr/bin/cat'].find((p) => fs.existsSync(p)) ?? '/bin/cat';
}

/** The wrapper's text for `home` (absolute paths, never `$HOME` at run time: whoever starts it may hand it any HOME). */
export function runWrapperText(home: string): string {
  const tools = pinTools();
  return [
    '#!/bin/sh',
    `# ${RUN_WRAPPER} ${RUN_FORMAT}: written by AgentGuard beside its launcher; rewritten, never edited.`,
    '#',
    `# ${RUN_WRAPPER} ID -- COMMAND runs COMMAND in the sandbox whose command line AgentGuard's hook`,
    '# wrote to the profile file ID (the first 32 hex digits of its SHA-256). The file is read once and',
    '# its hash checked on what was read. Missing, unreadable or changed: COMMAND is not run.',
    `ag_dir=${shQuote(profilesDir(home))}`,
    `ag_cat=${shQuote(catPath())} ag_sha=${shQuote(tools.sha)} ag_sha_opt=${tools.sha.endsWith('shasum') ? "'-a 256'" : "''"}`,
    `ag_fail() { printf '${RUN_WRAPPER}: %s; the command was not run.\\n' "$1" >&2; exit ${RUN_REFUSED}; }`,
    `[ $# -eq 3 ] && [ "$2" = '--' ] || ag_fail 'usage: ${RUN_WRAPPER} ID -- COMMAND'`,
    'ag_id=$1 ag_cmd=$3',
    'case $ag_id in',
    `  *[!0-9a-f]*|'') ag_fail "$ag_id names no sandbox profile" ;;`,
    'esac',
    `[ \${#ag_id} -eq ${ID_LENGTH} ] || ag_fail "$ag_id names no sandbox profile"`,
    'ag_file=$ag_dir/$ag_id',
    '[ -f "$ag_file" ] || ag_fail "the sandbox profile $ag_file is missing"',
    // One read: the bytes hashed are the bytes used (the trailing x keeps trailing newlines).
    'ag_profile=$("$ag_cat" -- "$ag_file" && printf x) || ag_fail "the sandbox profile $ag_file cannot be read"',
    'ag_profile=${ag_profile%x}',
    'ag_sum=$(printf \'%s\' "$ag_profile" | "$ag_sha" $ag_sha_opt) || ag_fail "the sandbox profile $ag_file cannot be hashed"',
    'case $ag_sum in',
    '  "$ag_id"*) ;;',
    '  *) ag_fail "the sandbox profile $ag_file is not the one AgentGuard wrote (its content changed)" ;;',
    'esac',
    'ag_seccomp=',
    'set --',
    'eval "$ag_profile" || ag_fail "the sandbox profile $ag_file cannot be read"',
    '[ $# -gt 0 ] || ag_fail "the sandbox profile $ag_file names no sandbox"',
    // A filter that cannot be opened fails the redirection: exec exits the shell, the command unrun.
    // A shell that comes back from a failed exec (bash outside POSIX mode) goes no further either.
    'if [ -n "$ag_seccomp" ]; then exec "$@" "$ag_cmd" 9<"$ag_seccomp"; ag_fail "the sandbox could not start"; fi',
    'exec "$@" "$ag_cmd"',
    'ag_fail "the sandbox could not start"',
    '',
  ].join('\n');
}

/** A profile file's text: the sandbox's words as `set --` arguments, and the seccomp filter it reads on descriptor 9. */
export function profileText(prefix: readonly string[], seccompFile?: string): string {
  return [
    `# ${RUN_WRAPPER} profile ${RUN_FORMAT}: written by AgentGuard's hook; named by its SHA-256.`,
    `ag_seccomp=${seccompFile ? shQuote(seccompFile) : "''"}`,
    `set -- ${prefix.map(shQuote).join(' ')}`,
    '',
  ].join('\n');
}

export function profileId(text: string): string {
  return sha256Hex(text).slice(0, ID_LENGTH);
}

/** The text of a regular file (not a link), bounded; undefined otherwise. */
function regularText(file: string, max: number): string | undefined {
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile() || st.size > max) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether the wrapper in `home` is exactly the one this build writes, executable (an older, changed or linked one is not used). */
export function runWrapperReady(home: string): boolean {
  const file = runWrapperPath(home);
  try {
    // Not executable: the host could not start it (the command would fail, not run unconfined, but fail for nothing).
    if ((fs.lstatSync(file).mode & 0o100) === 0) return false;
  } catch {
    return false;
  }
  return regularText(file, 64 * 1024) === runWrapperText(home);
}

/** Removes the wrapper and the profiles (uninstall). */
export function removeRunWrapper(home: string): string[] {
  const removed: string[] = [];
  for (const p of [runWrapperPath(home), profilesDir(home)]) {
    if (!fs.existsSync(p)) continue;
    fs.rmSync(p, { recursive: true, force: true });
    removed.push(p);
  }
  return removed;
}

/** Removes profiles unused for a day once there are too many (bounded: one listing). */
function prune(dir: string, now: number): void {
  const names = fs.readdirSync(dir);
  if (names.length <= MAX_PROFILES) return;
  for (const n of names.slice(0, 4 * MAX_PROFILES)) {
    const p = path.join(dir, n);
    try {
      if (now - fs.lstatSync(p).mtimeMs > 24 * 60 * 60 * 1000) fs.rmSync(p, { force: true });
    } catch {
      // Gone already.
    }
  }
}

/** FNV-1a of the text: a quick checksum to find a profile already written, without hashing it. */
function quickSum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Writes the profile (when the same one is not there already) and returns
 * its ID; undefined when it cannot be written or the folder is not a plain
 * folder: the caller then hands back the whole sandbox line instead.
 * SHA-256 over a few KiB costs a hook's fresh process several milliseconds,
 * so the ID last written for the same quick checksum (`<sum>.id`) is tried
 * first and taken when that profile's text is this one: the wrapper checks
 * the real hash before it runs anything, so a wrong hint only fails closed.
 */
export function writeProfile(home: string, text: string, now = Date.now()): string | undefined {
  const dir = profilesDir(home);
  try {
    if (Buffer.byteLength(text) > MAX_PROFILE_BYTES) return undefined;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || st.isSymbolicLink()) return undefined;
    const hint = path.posix.join(dir, `${quickSum(text)}.id`);
    const known = regularText(hint, 64);
    if (
      known !== undefined &&
      new RegExp(`^[0-9a-f]{${ID_LENGTH}}$`).test(known) &&
      regularText(path.posix.join(dir, known), MAX_PROFILE_BYTES) === text
    )
      return known;
    const id = profileId(text);
    const file = path.posix.join(dir, id);
    if (regularText(file, MAX_PROFILE_BYTES) !== text) replaceFile(file, text, 0o600);
    replaceFile(hint, id, 0o600);
    prune(dir, now);
    return id;
  } catch {
    return undefined;
  }
}
