// Finds, parses and validates `.agentguard.json`. An invalid file is never
// ignored: every mistake comes back with its JSON path, line and column and
// what was expected, and the caller fails closed (the CLI exits 78, the hook
// asks).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
import { sha256Hex } from '../text/sha256';
import type { Config } from './schema';
import type { LoadedConfig } from './errors';
import { readRegularFile } from '../state/regularFile';
import { accountHome, confirmedStateDir } from '../state';

export const CONFIG_FILE_NAME = '.agentguard.json';
/** A config larger than this is refused rather than read: it is hand-written and small. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Loads the explicit file when given (relative to the current directory; it
 * must exist), else `.agentguard.json` in the workspace root. A workspace
 * without one is `{ok: true, config: undefined}`.
 */
export function loadConfig(workspace: string, explicitFile?: string): LoadedConfig {
  const file = explicitFile ? path.resolve(explicitFile) : path.join(path.resolve(workspace), CONFIG_FILE_NAME);
  // Non-blocking open, checked on the descriptor: a FIFO or device named .agentguard.json is refused at once.
  const read = readRegularFile(file, MAX_CONFIG_BYTES, { followSymlinks: true });
  if (!read.ok) {
    // A symbolic link whose target is gone is a config that vanished, not a folder without one.
    if (read.missing && isLink(file))
      return fileError(file, `is a symbolic link to ${linkTarget(file)}, which does not exist`);
    if (read.missing && !explicitFile) return { ok: true, config: undefined };
    if (read.missing) return fileError(file, 'does not exist');
    if (/ not a regular file$/.test(read.error)) return fileError(file, 'is not a regular file');
    if (/ bytes, more than /.test(read.error))
      return fileError(file, `is more than the ${MAX_CONFIG_BYTES} bytes a config may have`);
    return fileError(file, `cannot be read (${read.error})`);
  }
  const text = read.text;
  return cachedOrValidated(text, file);
}

/**
 * Parses and validates config text (also used by the language server for
 * unsaved buffers). The validator (zod and jsonc-parser, a third of the
 * bundle) is loaded only here, so a workspace without a config never pays for it.
 */
export function parseConfigText(rawText: string, file: string): LoadedConfig {
  return validator().validateConfigText(rawText, file);
}

/** The organization's managed policy text, validated against its own schema (through the same cache). */
export function validateManagedPolicyText(text: string, file: string): LoadedConfig {
  return cachedOrValidated(text, file, 'managed');
}

function validator(): typeof import('./validate') {
  // A bundle keeps the validator in its own file next to it (see esbuild.js).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./validate') as typeof import('./validate');
}

/**
 * A config that validated once is remembered by the hash of its text (and of
 * the validator build) in AgentGuard's state directory, which agents cannot
 * write: the hook then judges without loading the validator at all.
 */
function cachedOrValidated(text: string, file: string, kind: 'workspace' | 'managed' = 'workspace'): LoadedConfig {
  let dir: string | undefined;
  let key: string | undefined;
  let entry: string | undefined;
  try {
    const fingerprint = validatorFingerprint();
    if (fingerprint) {
      // The confirmed folder only: a cache in a folder the environment names on its own could hand back any config.
      dir = path.join(confirmedStateDir(process.env, accountHome()).dir, 'config-cache');
      key = sha256Hex(fingerprint, '\0', kind, '\0', file, '\0', text);
      entry = path.join(dir, sha256Hex(file).slice(0, 32) + '.json');
      const read = readRegularFile(entry, 4 * MAX_CONFIG_BYTES);
      const cached = (read.ok ? JSON.parse(read.text) : {}) as { key?: string; config?: Config };
      if (cached.key === key && cached.config && typeof cached.config === 'object')
        return { ok: true, config: cached.config, file };
    }
  } catch {
    // No cache entry yet, or an unreadable one: validate.
  }
  const loaded = kind === 'managed' ? validator().validateManagedText(text, file) : parseConfigText(text, file);
  if (loaded.ok && loaded.config && dir && key && entry) {
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      replaceFile(entry, JSON.stringify({ key, config: loaded.config }), 0o600);
    } catch {
      // The cache only saves time; failing to write it changes no decision.
    }
  }
  return loaded;
}

/** Size and time of the validator's own file: a rebuilt validator never trusts an old cache. */
function validatorFingerprint(): string | undefined {
  try {
    const st = fs.statSync(require.resolve('./validate'));
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

function isLink(file: string): boolean {
  try {
    // A missing file (a workspace without a configuration) answers without a thrown ENOENT's stack trace.
    return fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() === true;
  } catch {
    return false;
  }
}

function linkTarget(file: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return 'a file';
  }
}

function fileError(file: string, what: string): LoadedConfig {
  return {
    ok: false,
    errors: [
      { file, jsonPath: '', line: 1, column: 1, offset: 0, length: 0, message: `${path.basename(file)} ${what}` },
    ],
  };
}
