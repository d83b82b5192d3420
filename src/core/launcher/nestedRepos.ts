// Nested repositories in a workspace, found once for everything that needs
// them: the deny-write list (each nested `.git/config` and `.git/hooks`) and
// Codex's hooks. Codex takes the nearest folder above its working folder that
// holds a `.git` as the project root (its `project_root_markers`, `.git` by
// default) and reads the `.codex/` layers from there down, so an agent started
// in a nested repository never reads the workspace's `.codex/hooks.json`: the
// nested repository needs AgentGuard's hook of its own. One that was created
// or cloned after install has none; the editor's start-up repair and doctor
// find it here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installHooks, wiredCommands, type FileOutcome } from './wiring';

/** Bounds of the walk: a deny list is read at each host start, and the editor walks each folder at start-up. */
const WALK_MAX_DEPTH = 6;

const WALK_MAX_DIRS = 20_000;

/** Nested Codex projects hooked in one repair: more than this in one workspace is a corpus, not a project. */
export const MAX_NESTED_PROJECTS = 64;

const WALK_SKIP = new Set(['node_modules', '.cache', 'dist', 'out', 'build', 'target', '.venv', 'venv', '__pycache__']);

export interface NestedRepository {
  /** The folder that holds the `.git`. */
  folder: string;
  /** Whether `.git` is a folder (a worktree or a submodule has a `.git` file naming one elsewhere). */
  gitFolder: boolean;
}

/**
 * Every folder below `workspace` (not the workspace itself) that holds a
 * `.git`, within WALK_MAX_DEPTH levels and WALK_MAX_DIRS folders, never
 * inside a `.git` or a dependency or build folder (WALK_SKIP). Symbolic links
 * are not followed.
 */
export function nestedRepositories(workspace: string): NestedRepository[] {
  const out: NestedRepository[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number): void => {
    if (depth > WALK_MAX_DEPTH || seen >= WALK_MAX_DIRS) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === '.git' && dir !== workspace && (e.isDirectory() || e.isFile()))
        out.push({ folder: dir, gitFolder: e.isDirectory() });
      if (!e.isDirectory() || ++seen > WALK_MAX_DIRS) continue;
      if (e.name !== '.git' && !WALK_SKIP.has(e.name)) walk(path.join(dir, e.name), depth + 1);
    }
  };
  walk(workspace, 0);
  return out;
}

/**
 * The nested repositories of a workspace whose Codex project hooks are wired
 * by AgentGuard but whose own `.codex/` has no AgentGuard hook (at most
 * MAX_NESTED_PROJECTS). None when the workspace's Codex hook is not
 * AgentGuard's: a workspace the user did not wire for Codex stays unwired.
 */
export function unhookedCodexProjects(workspace: string, home: string): string[] {
  if (!wiredCommands('codex', 'project', workspace, home).length) return [];
  return nestedRepositories(workspace)
    .map((r) => r.folder)
    .filter((folder) => !wiredCommands('codex', 'project', folder, home).length)
    .slice(0, MAX_NESTED_PROJECTS);
}

/** AgentGuard's Codex hook written into each nested repository that lacks it (unhookedCodexProjects). */
export function hookNestedCodexProjects(
  workspace: string,
  home: string,
  launcher: string,
): { workspace: string; outcomes: FileOutcome[] }[] {
  return unhookedCodexProjects(workspace, home).map((folder) => ({
    workspace: folder,
    outcomes: installHooks({ hosts: ['codex'], scope: 'project', workspace: folder, home, launcher }),
  }));
}
