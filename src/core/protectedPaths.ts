// Paths no agent may write, move, truncate, re-permission or delete without a
// human: the config's protectedPaths plus a built-in list that needs no
// config — AgentGuard's own files (its config, the agent hook files, its
// state: kill switch, audit log, snapshots), `.git/` internals and backup
// folders. Reading is never gated. Which files a command touches comes from
// fileEffects(), so every spelling (rm, mv, cp onto, sed -i, `>`, tee,
// truncate, chmod, chown…) is judged the same way.
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import type { Config } from './config/schema';
import { fileEffects, type FileEffect, type FileEffectKind } from './effects';
import { GUARD_FILE_ID, PROTECTED_PATH_ID } from './rules';
import { stateDir } from './state';
import type { AnalysisContext, Finding, SimpleCommand } from './types';

const posix = path.posix;

/** Severity of a configured or built-in protected path: asks with default thresholds. */
export const PROTECTED_PATH_SEVERITY = 70;
/** The config and agent hook files: a human may approve a change to them. */
export const GUARD_CONFIG_SEVERITY = 80;
/** AgentGuard's state (kill switch, audit log, snapshots): denied with default thresholds; a human manages it from the editor. */
export const GUARD_STATE_SEVERITY = 95;

const VERB: Record<FileEffectKind, string> = {
  delete: 'deletes',
  write: 'writes',
  truncate: 'overwrites',
  move: 'moves',
  chmod: 'changes permissions or owner of',
};

/** Agent hook declarations, relative to the workspace and to HOME: rewriting them switches the guard off. */
const HOOK_FILES = ['.claude/settings.json', '.claude/settings.local.json', '.cursor/hooks.json'];
const HOOK_DIRS = ['.github/hooks'];
const CONFIG_NAME = '.agentguard.json';
const BACKUP_SEGMENT = /^\.?backups?$/i;

interface Pattern {
  /** As written in the config. */
  glob: string;
  /** minimatch's regex for the absolute pattern: testing it is far cheaper than Minimatch#match. */
  re: RegExp | false;
  /** Absolute directory before the first glob character: deleting or moving it (or a parent) takes every match with it. */
  base: string;
}

const MAGIC = /[*?[\]{}()!+@]/;

function compilePattern(glob: string, workspace: string, home: string): Pattern {
  const abs = glob.startsWith('/') ? glob
    : glob.startsWith('~/') ? posix.join(home, glob.slice(2))
    : posix.join(workspace, glob);
  const segments = abs.split('/');
  const literal: string[] = [];
  for (const s of segments) {
    if (MAGIC.test(s)) break;
    literal.push(s);
  }
  return { glob, re: new Minimatch(abs, { dot: true }).makeRe(), base: literal.join('/') || '/' };
}

// Compiled once per config and workspace/home pair (the globs are relative to them).
const compiledPatterns = new WeakMap<readonly string[], Map<string, Pattern[]>>();

function configPatterns(config: Config | undefined, ctx: AnalysisContext): Pattern[] {
  const list = config?.protectedPaths;
  if (!list?.length) return [];
  let byRoot = compiledPatterns.get(list);
  if (!byRoot) {
    byRoot = new Map();
    compiledPatterns.set(list, byRoot);
  }
  const key = `${ctx.workspace}\0${ctx.home}`;
  let patterns = byRoot.get(key);
  if (!patterns) {
    patterns = list.map((g) => compilePattern(g, ctx.workspace, ctx.home));
    byRoot.set(key, patterns);
  }
  return patterns;
}

function isAncestorOrSelf(dir: string, p: string): boolean {
  if (dir === '/') return true;
  return p === dir || p.startsWith(dir + '/');
}

/** Where a path is displayed: workspace-relative, `~/…`, or absolute. */
function display(p: string, ctx: AnalysisContext): string {
  if (isAncestorOrSelf(ctx.workspace, p) && p !== ctx.workspace) return p.slice(ctx.workspace.length + 1);
  if (isAncestorOrSelf(ctx.home, p) && p !== ctx.home) return '~/' + p.slice(ctx.home.length + 1);
  return p;
}

/** A path touched by a command or an edit; `tree` when everything below it goes too (delete, move, chmod of a directory). */
interface Touch {
  kind: FileEffectKind;
  /** Absolute; glob characters kept for dynamic words. */
  path: string;
  /** The static directory a dynamic word lives in (`migrations/*.sql` → `migrations`); equal to `path` otherwise. */
  dir: string;
  tree: boolean;
  /** For a pure glob (`*.log`, a find pattern): what it can match. A glob only hits what it matches. */
  glob?: RegExp;
}

// Shell `*` skips dotfiles (`rm -rf *` leaves .git and .agentguard.json); find's `**` patterns do not.
const globCache = new Map<string, RegExp | false>();
function globRegex(absGlob: string): RegExp | false {
  let re = globCache.get(absGlob);
  if (re === undefined) {
    if (globCache.size > 128) globCache.clear();
    re = new Minimatch(absGlob, { dot: absGlob.includes('**') }).makeRe();
    globCache.set(absGlob, re);
  }
  return re;
}

/** Whether a glob touch reaches `target`: it matches it, or (going whole) one of its parent directories. */
function globHits(t: Touch, target: string): boolean {
  const re = t.glob!;
  if (re.test(target)) return true;
  if (!t.tree) return false;
  for (let q = posix.dirname(target); q.length >= t.dir.length && q !== '/'; q = posix.dirname(q)) {
    if (re.test(q)) return true;
  }
  return false;
}

/** `target` goes with the touch because a directory holding it is deleted, moved or re-permissioned whole. */
function takesWith(t: Touch, target: string): boolean {
  if (t.glob) return globHits(t, target);
  return (t.tree || t.dir !== t.path) && isAncestorOrSelf(t.dir, target);
}

function touchOf(e: FileEffect, cwd: string): Touch | undefined {
  let p = e.path;
  if (!p.startsWith('/')) {
    // A dynamic word that could not be resolved: judge its static prefix, if it has one.
    if (/^[$`~]/.test(p)) return undefined;
    p = posix.resolve(cwd, p);
  } else if (p.includes('/.') || p.includes('//')) {
    p = posix.normalize(p);
  }
  let dir = p;
  let glob: RegExp | false = false;
  if (e.dynamic) {
    const cut = p.search(/[*?[$`]/);
    if (cut !== -1) dir = p.slice(0, cut).replace(/\/[^/]*$/, '') || '/';
    if (!/[$`]/.test(p)) glob = globRegex(p);
  }
  // A whole tree goes with a move or a recursive delete. A recursive chmod of a parent changes
  // modes, not contents, so it counts only on the protected path itself.
  const tree = e.kind === 'move' || (e.kind === 'delete' && (e.recursive === true || (e.dynamic && !glob)));
  return glob ? { kind: e.kind, path: p, dir, tree, glob } : { kind: e.kind, path: p, dir, tree };
}

function matchesPattern(path: string, p: Pattern): boolean {
  return p.re !== false && p.re.test(path);
}

function hitsPattern(t: Touch, p: Pattern): boolean {
  if (matchesPattern(t.path, p)) return true;
  // A glob whose directory lies inside the protected base touches protected files.
  if (t.glob && isAncestorOrSelf(p.base, t.dir) && p.base !== '/') return true;
  // The protected base itself, or a directory holding it, deleted/moved whole.
  return takesWith(t, p.base);
}

function hitsPath(t: Touch, target: string): boolean {
  if (t.glob) return globHits(t, target);
  return isAncestorOrSelf(target, t.path) || takesWith(t, target);
}

/** The built-in protected places for one workspace and home, computed once. */
interface Places {
  workspaceConfig: string;
  workspaceGit: string;
  hookFiles: string[];
  /** Where this process keeps its state, and the default place. */
  stateDirs: string[];
}

const placesCache = new Map<string, Places>();

function places(ctx: AnalysisContext): Places {
  const key = `${ctx.workspace}\0${ctx.home}`;
  let p = placesCache.get(key);
  if (!p) {
    if (placesCache.size > 64) placesCache.clear();
    p = {
      workspaceConfig: posix.join(ctx.workspace, CONFIG_NAME),
      workspaceGit: posix.join(ctx.workspace, '.git'),
      hookFiles: [
        ...HOOK_FILES.flatMap((f) => [posix.join(ctx.workspace, f), posix.join(ctx.home, f)]),
        ...HOOK_DIRS.map((d) => posix.join(ctx.workspace, d)),
      ],
      stateDirs: [...new Set([stateDir(process.env, ctx.home), stateDir({}, ctx.home)])],
    };
    placesCache.set(key, p);
  }
  return p;
}

function stateDirs(ctx: AnalysisContext, env: Record<string, string> | undefined): string[] {
  const known = places(ctx).stateDirs;
  // The command's env may point AGENTGUARD_STATE_DIR elsewhere: protect that too, never instead of the real one.
  if (!env?.AGENTGUARD_STATE_DIR && !env?.XDG_STATE_HOME) return known;
  const own = stateDir(env, ctx.home);
  return known.includes(own) ? known : [...known, own];
}

function judgeTouch(t: Touch, ctx: AnalysisContext, config: Config | undefined, env: Record<string, string> | undefined): Finding | undefined {
  const verb = VERB[t.kind];
  const shown = display(t.path, ctx);
  const place = places(ctx);

  // Either the path is in the protected place, or it is a parent that goes whole and takes the place with it.
  const about = (protectedPath: string, what: string): string => (isAncestorOrSelf(protectedPath, t.path)
    ? `${verb} ${shown} (${what})`
    : `${verb} ${shown}, which holds ${what} (${display(protectedPath, ctx)})`);

  for (const dir of stateDirs(ctx, env)) {
    if (hitsPath(t, dir)) {
      return {
        id: GUARD_FILE_ID,
        summary: about(dir, "AgentGuard's own state: kill switch, audit log, snapshots"),
        target: shown,
        alternative: 'the kill switch, audit log and snapshots are managed by a human from the AgentGuard status bar or CLI',
        severity: GUARD_STATE_SEVERITY,
      };
    }
  }

  const workspaceConfig = place.workspaceConfig;
  if (posix.basename(t.path) === CONFIG_NAME || takesWith(t, workspaceConfig)) {
    return {
      id: GUARD_FILE_ID,
      summary: about(posix.basename(t.path) === CONFIG_NAME ? t.path : workspaceConfig, "AgentGuard's configuration"),
      target: shown,
      alternative: "ask the user to change AgentGuard's configuration themselves",
      severity: GUARD_CONFIG_SEVERITY,
    };
  }
  const hook = place.hookFiles.find((f) => hitsPath(t, f));
  if (hook) {
    return {
      id: GUARD_FILE_ID,
      summary: `${about(hook, 'an agent hook file')}: changing it can switch AgentGuard off`,
      target: shown,
      alternative: 'ask the user to change the agent hooks themselves (agentguard install / uninstall)',
      severity: GUARD_CONFIG_SEVERITY,
    };
  }

  for (const p of configPatterns(config, ctx)) {
    if (hitsPattern(t, p)) {
      const direct = matchesPattern(t.path, p);
      return {
        id: PROTECTED_PATH_ID,
        summary: direct
          ? `${verb} ${shown}, protected by "${p.glob}" in .agentguard.json`
          : `${verb} ${shown}, which holds paths protected by "${p.glob}" in .agentguard.json`,
        target: shown,
        alternative: 'leave it unchanged and ask the user to make this change',
        severity: PROTECTED_PATH_SEVERITY,
      };
    }
  }

  const segments = t.path.split('/');
  const workspaceGit = place.workspaceGit;
  // Removing a stale git lock file (index.lock, HEAD.lock) is the routine fix after a crashed git.
  const staleLock = t.kind === 'delete' && !t.glob && !t.tree && t.path.endsWith('.lock');
  if ((segments.includes('.git') && !staleLock) || takesWith(t, workspaceGit)) {
    return {
      id: PROTECTED_PATH_ID,
      summary: segments.includes('.git')
        ? `${verb} ${shown} inside git's internal directory: history, refs or hooks can be lost or subverted`
        : `${verb} ${shown}, which holds the repository's .git directory: history, refs and hooks would go with it`,
      target: shown,
      alternative: 'use git commands (git gc, git branch -D, git worktree remove, git update-ref) instead of touching .git/ directly',
      severity: PROTECTED_PATH_SEVERITY,
    };
  }
  if (segments.some((s) => BACKUP_SEGMENT.test(s))) {
    return {
      id: PROTECTED_PATH_ID,
      summary: `${verb} ${shown} in a backup folder: backups are the way back after a mistake`,
      target: shown,
      alternative: 'leave existing backups in place; write new ones beside them',
      severity: PROTECTED_PATH_SEVERITY,
    };
  }
  return undefined;
}

/** Findings for every protected path one command would write, move, truncate, re-permission or delete. */
export function protectedPathFindings(cmd: SimpleCommand, ctx: AnalysisContext, config: Config | undefined): Finding[] {
  // A command run over ssh or inside a container or pod touches that machine's files, not these.
  if (cmd.remote) return [];
  const effects = fileEffects(cmd, ctx);
  if (!effects.length) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of effects) {
    const t = touchOf(e, cmd.cwd);
    if (!t) continue;
    const f = judgeTouch(t, ctx, config, cmd.env);
    if (f && !seen.has(`${f.id}\0${f.target}`)) {
      seen.add(`${f.id}\0${f.target}`);
      out.push(f);
    }
  }
  return out;
}

/**
 * The finding for a file edit (Edit/Write/MultiEdit of an agent host) or any
 * single path, or undefined when the path is not protected. `absPath` may
 * also be workspace-relative.
 */
export function protectedPathFinding(absPath: string, kind: FileEffectKind, ctx: AnalysisContext, config: Config | undefined): Finding | undefined {
  const p = posix.resolve(ctx.workspace, absPath.startsWith('~/') ? posix.join(ctx.home, absPath.slice(2)) : absPath);
  return judgeTouch({ kind, path: p, dir: p, tree: kind === 'move' || kind === 'delete' }, ctx, config, undefined);
}
