// Each document is judged with the config of its own workspace folder: no
// server-wide settings. A folder's config comes from the open editor buffer
// when there is one (what the user is typing), else from disk, and is
// forgotten when the file changes or the buffer is edited.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CONFIG_FILE_NAME,
  MAX_CONFIG_BYTES,
  parseConfigText,
  type Config,
  type DecisionResult,
} from '../core/frontdoor/config';

/** How far up from a file outside every workspace folder a config is looked for. */
const MAX_ANCESTORS = 32;

export interface FolderState {
  /** Absolute folder path. */
  root: string;
  configFile: string;
  config: Config | undefined;
  /** Text the config was read from; undefined when there is no file. */
  configText: string | undefined;
  /** Decisions by statement, valid for this config only. */
  cache: Map<string, DecisionResult>;
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

function inside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export class Folders {
  private roots: string[] = [];
  private readonly states = new Map<string, FolderState>();

  /** `openText(uri)`: the text of an open document, so unsaved config edits count. */
  constructor(private readonly openText: (uri: string) => string | undefined) {}

  setRoots(roots: readonly string[]): void {
    this.roots = [...new Set(roots.map((r) => path.resolve(r)))].sort((a, b) => b.length - a.length);
    this.states.clear();
  }

  /** The workspace folder a file belongs to: the innermost folder holding it, else the nearest directory above it with a config, else its own directory. */
  rootOf(file: string): string {
    for (const r of this.roots) if (inside(file, r)) return r;
    let dir = path.dirname(file);
    for (let i = 0; i < MAX_ANCESTORS; i++) {
      if (fs.existsSync(path.join(dir, CONFIG_FILE_NAME))) return dir;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    return path.dirname(file);
  }

  stateOf(root: string): FolderState {
    let state = this.states.get(root);
    if (!state) {
      state = this.load(root);
      this.states.set(root, state);
    }
    return state;
  }

  /** Forgets the config of the folder a config file belongs to; returns that folder. */
  forgetConfig(configFile: string): string {
    const root = path.dirname(configFile);
    this.states.delete(root);
    return root;
  }

  private load(root: string): FolderState {
    const configFile = path.join(root, CONFIG_FILE_NAME);
    let text = this.openText(pathToUri(configFile));
    if (text === undefined) {
      try {
        const st = fs.statSync(configFile, { throwIfNoEntry: false });
        if (st?.isFile() && st.size <= MAX_CONFIG_BYTES) text = fs.readFileSync(configFile, 'utf8');
      } catch {
        text = undefined;
      }
    }
    let config: Config | undefined;
    if (text !== undefined) {
      const loaded = parseConfigText(text, configFile);
      // An invalid config shows its own errors in its own file; commands are judged by the built-in policy meanwhile.
      config = loaded.ok ? loaded.config : undefined;
    }
    return { root, configFile, config, configText: text, cache: new Map() };
  }
}
