// The scripts an agent host's hook settings name as the command they run:
// `"command": ".claude/hooks/check.sh"`, `"$CLAUDE_PROJECT_DIR"/.claude/hooks/x.py`,
// `node ~/.cursor/hooks/audit.js`. The host runs such a script on its next
// event, AgentGuard's own hook among them, so writing, moving or deleting it
// is judged as writing the hook settings themselves. The settings read are
// the JSON hook files of HOST_HOOK_FILES in the workspace and the home;
// read only once a command touches a path nothing else protects.
import { HOST_HOOK_FILES, type GuardPlace } from './index';
import { isAncestorOrSelf, type Touch } from '../effects/pathTouch';
import { firstPlaceHit } from './placeIndex';
import { foldCase } from './realPaths';
import { posix } from './pathPatterns';
import type { AnalysisContext } from '../types';
import { boundedReadFile } from '../state/fileReads';

/** Hook settings files that name commands: the hosts' JSON settings and hook files, not the editors' own settings. */
const COMMAND_FILE = /(?:^|\/)(?:settings(?:\.local)?|hooks)\.json$/;
const EDITOR_SETTINGS = /(?:^|\/)(?:\.vscode|User)\//;

function commandFiles(list: readonly string[]): string[] {
  return list.filter((f) => COMMAND_FILE.test(f) && !EDITOR_SETTINGS.test(f));
}

const WORKSPACE_FILES = [...new Set(HOST_HOOK_FILES.flatMap((r) => commandFiles(r.workspace)))];
const USER_FILES = [...new Set(HOST_HOOK_FILES.flatMap((r) => commandFiles(r.user)))];

/** Keys whose string value is a command the host runs (Claude Code's helpers as well as every hook's `command`). */
const COMMAND_KEYS = new Set(['command', 'apiKeyHelper', 'awsAuthRefresh', 'awsCredentialExport', 'otelHeadersHelper']);
const MAX_NODES = 4096;
const MAX_DEPTH = 16;
const MAX_COMMAND = 4096;
const MAX_WORDS = 64;
/** A word without a slash still names a file when it ends like a script (`python3 hook.py`). */
const SCRIPT_NAME = /\.(?:sh|bash|zsh|fish|py|js|mjs|cjs|ts|mts|rb|pl|php|lua|ps1|cmd|bat)$/i;

/** The command strings of a settings text: parsed as JSON, or looked for by key where it does not parse (comments). */
function commandsOf(text: string): string[] {
  const out: string[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const re =
      /"(?:command|apiKeyHelper|awsAuthRefresh|awsCredentialExport|otelHeadersHelper)"\s*:\s*"((?:[^"\\\n]|\\.){0,4096})"/g;
    for (let m = re.exec(text); m && out.length < MAX_NODES; m = re.exec(text)) out.push(m[1].replace(/\\(.)/g, '$1'));
    return out;
  }
  let nodes = 0;
  const walk = (v: unknown, depth: number): void => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (COMMAND_KEYS.has(k) && typeof x === 'string') out.push(x);
      // A command given as words (`"command": ["node", "hooks/x.js"]`).
      else if (COMMAND_KEYS.has(k) && Array.isArray(x)) out.push(x.filter((w) => typeof w === 'string').join(' '));
      else walk(x, depth + 1);
    }
  };
  walk(parsed, 0);
  return out;
}

interface Bases {
  workspace: string;
  home: string;
  /** The folder holding the settings file, and the one above it (a plugin's root, a host's own folder). */
  configDir: string;
}

/** The files a command string names: its words that are paths, with the hosts' folder variables and `~` read. */
function scriptWords(command: string, b: Bases): string[] {
  const out: string[] = [];
  const words = command.slice(0, MAX_COMMAND).split(/[\s;&|()<>]+/, MAX_WORDS);
  for (const raw of words) {
    let w = raw.replace(/["'`]/g, '');
    if (!w || w.startsWith('-') || w.includes('://') || /^\w+=/.test(w)) continue;
    w = w
      .replace(
        /^\$\{?(?:CLAUDE_PROJECT_DIR|CURSOR_PROJECT_DIR|GEMINI_PROJECT_DIR|QWEN_PROJECT_DIR)\}?(?=\/|$)/,
        b.workspace,
      )
      .replace(/^\$\{?CLAUDE_PLUGIN_ROOT\}?(?=\/|$)/, posix.dirname(b.configDir))
      .replace(/^(?:~|\$\{?HOME\}?)(?=\/|$)/, b.home);
    if (w.includes('$') || w.endsWith('/') || (!w.includes('/') && !SCRIPT_NAME.test(w))) continue;
    if (w.startsWith('/')) out.push(posix.normalize(w));
    // Relative: run from the project folder, or (a user-level file) from the host's own folder.
    else for (const base of [b.workspace, b.configDir, posix.dirname(b.configDir)]) out.push(posix.join(base, w));
  }
  return out;
}

const parsedCommands = new Map<string, string[]>();
function cachedCommands(text: string): string[] {
  let c = parsedCommands.get(text);
  if (!c) {
    if (parsedCommands.size >= 32) parsedCommands.clear();
    c = commandsOf(text);
    parsedCommands.set(text, c);
  }
  return c;
}

const placesOf = new Map<string, GuardPlace[]>();

/**
 * The settings files of `files` (relative to `root`) whose first folder `root` holds: one listing of the root, looked
 * up once per batch chunk, instead of a look for each of the hosts' files on every write (most are missing). Where the
 * root cannot be listed, every file is tried.
 */
function present(root: string, files: readonly string[], ctx: AnalysisContext): string[] {
  const entries = ctx.readdir?.(root);
  const names = entries ? new Set(entries.map((e) => e.name)) : undefined;
  const out: string[] = [];
  for (const f of files) if (!names || names.has(f.split('/')[0])) out.push(posix.join(root, f));
  return out;
}

/**
 * The scripts the hook settings in the workspace and the home name, as places of kind `hook-script`. Never a
 * folder: a word naming the workspace, the home or a folder on disk (`cd "$CLAUDE_PROJECT_DIR"`) is left out.
 */
export function hookScriptPlaces(ctx: AnalysisContext): GuardPlace[] {
  // Once per reader: a hook call's or an editor judgment's reader lives for that call, a batch's for the batch (which
  // reads its settings once, as it reads its own configuration). The process-wide default reader is read each time.
  const shared = ctx.readFile === boundedReadFile;
  const known = shared ? undefined : byReader.get(ctx.readFile);
  if (known && known.workspace === ctx.workspace && known.home === ctx.home) return known.places;
  const places = readHookScriptPlaces(ctx);
  if (!shared) byReader.set(ctx.readFile, { workspace: ctx.workspace, home: ctx.home, places });
  return places;
}

const byReader = new WeakMap<AnalysisContext['readFile'], { workspace: string; home: string; places: GuardPlace[] }>();

function readHookScriptPlaces(ctx: AnalysisContext): GuardPlace[] {
  const found = new Set<string>();
  const settings = [...present(ctx.workspace, WORKSPACE_FILES, ctx), ...present(ctx.home, USER_FILES, ctx)];
  let key = '';
  for (const file of settings) {
    const text = ctx.readFile(file, ctx.workspace);
    if (text === undefined) continue;
    const b: Bases = { workspace: ctx.workspace, home: ctx.home, configDir: posix.dirname(file) };
    for (const command of cachedCommands(text))
      for (const p of scriptWords(command, b)) {
        const shown = ctx.caseInsensitive ? foldCase(p) : p;
        if (isAncestorOrSelf(shown, ctx.workspace) || isAncestorOrSelf(shown, ctx.home)) continue;
        found.add(shown);
      }
  }
  if (found.size === 0) return [];
  for (const p of found) {
    const st = ctx.stat?.(p);
    if (st && !st.isFile) found.delete(p);
    else key += p + '\0';
  }
  // One list per set of scripts: the place index (placeIndex.ts) is kept by the list.
  let list = placesOf.get(key);
  if (!list) {
    if (placesOf.size >= 16) placesOf.clear();
    list = [...found].map((path) => ({ path, kind: 'hook-script' as const }));
    placesOf.set(key, list);
  }
  return list;
}

/**
 * The hook script a touch reaches. A write to a device or into a temp folder outside the workspace and the home
 * (`> /dev/null`, `-o /tmp/x`), the commonest writes no built-in place answers, reads no settings.
 */
export function hookScriptHit(t: Touch, ctx: AnalysisContext): GuardPlace | undefined {
  if (t.dir.startsWith('/dev/')) return undefined;
  const temp = ctx.tempDirs.some((d) => isAncestorOrSelf(d, t.dir));
  if (temp && !isAncestorOrSelf(ctx.workspace, t.dir) && !isAncestorOrSelf(ctx.home, t.dir)) return undefined;
  return firstPlaceHit(t, hookScriptPlaces(ctx));
}
