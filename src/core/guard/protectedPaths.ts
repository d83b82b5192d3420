// Paths no agent may write, move, truncate, re-permission or delete without a
// human: the config's protectedPaths plus a built-in list that needs no
// config — AgentGuard's own files (its config, the agent hook files, its
// state: kill switch, audit log, snapshots), `.git/` internals and backup
// folders. Reading is never gated. Which files a command touches comes from
// fileEffects(), so every spelling (rm, mv, cp onto, sed -i, `>`, tee,
// truncate, chmod, chown…) is judged the same way.
import type { Config } from '../config/schema';
import { fileEffects, MAX_BRACE_ALTERNATIVES, type FileEffectKind } from '../effects';
import { landings } from '../effects/landing';
import { PATCH_PAST_BOUND, patchPastBound, UNREAD_PATCH } from '../effects/patches';
import { SQL_PAST_BOUND, sqlPastBound } from '../effects/sqlWrites';
import { MAX_READ_BYTES } from '../state/fileReads';
import { landingFinding } from './landings';
import { hitsPath, isAncestorOrSelf, reachingBelow, takesWith, touchOf, type Touch } from '../effects/pathTouch';
import { GUARD_FILE_ID, MANAGED_PATH_ID, PROTECTED_PATH_ID } from '../policy/rules';
import {
  guardCommandFindings,
  linkSources,
  placeAlternative,
  placeWhat,
  zdotdirPlaces,
  type GuardPlace,
} from './index';
import { isWindowsPath, toSlashForm } from '../command/winPaths';
import { isFreshName } from '../command/freshNames';
import { harmlessSettingsWrite } from './editorSettings';
import { foldTouch, realOf, resolvedTouch, view } from './realPaths';
import { deepMatches, linkedMatches, tooWideFinding } from './globbed';
import { foreignGitDir } from './gitDirs';
import { firstPlaceHit } from './placeIndex';
import { laterScriptHit } from './sourcedStartup';
import type { AnalysisContext, Finding, SimpleCommand } from '../types';
import { posix, managedPatterns, hitsPattern, matchesPattern, configPatterns } from './pathPatterns';
import { stateDirs, CONFIG_NAME, places, type Places } from './stateDirs';

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
const BACKUP_SEGMENT = /^\.?backups?$/i;

/** Where a path is displayed: workspace-relative, `~/…`, or absolute. */
function display(p: string, ctx: AnalysisContext): string {
  if (isAncestorOrSelf(ctx.workspace, p) && p !== ctx.workspace) return p.slice(ctx.workspace.length + 1);
  if (isAncestorOrSelf(ctx.home, p) && p !== ctx.home) return '~/' + p.slice(ctx.home.length + 1);
  return p === ctx.home ? '~' : p;
}

function judgeTouch(
  t: Touch,
  ctx: AnalysisContext,
  place: Places,
  config: Config | undefined,
  env: Record<string, string> | undefined,
  spelled?: { path: string; ctx: AnalysisContext },
): Finding | undefined {
  const verb = VERB[t.kind];
  // Compared folded on a case-insensitive disk, shown as the command spells it.
  const shown = spelled ? display(spelled.path, spelled.ctx) : display(t.path, ctx);

  // Either the path is in the protected place, or it is a parent that goes whole and takes the place with it.
  const about = (protectedPath: string, what: string): string =>
    isAncestorOrSelf(protectedPath, t.path)
      ? `${verb} ${shown} (${what})`
      : `${verb} ${shown}, which ${t.glob ? 'reaches' : 'holds'} ${what} (${display(protectedPath, ctx)})`;

  // `chmod -R 777 ~/.local`: a recursive mode, owner or ACL change of a folder reaches AgentGuard's own files below it.
  const below = reachingBelow(t);
  // Indexed loops in this module: asked for every path a command touches, and until V8 optimizes them (most of a
  // batch) each for…of step allocates an iterator result.
  const dirs = stateDirs(ctx, place, env);
  for (let i = 0; i < dirs.length; i++) {
    const dir = dirs[i];
    if (hitsPath(below ?? t, dir)) {
      return {
        id: GUARD_FILE_ID,
        summary: about(dir, "AgentGuard's own state: kill switch, audit log, snapshots"),
        target: shown,
        alternative:
          'the kill switch, audit log and snapshots are managed by a human from the AgentGuard status bar or CLI',
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
  const guarded =
    firstPlaceHit(t, place.guard) ??
    (below ? firstPlaceHit(below, ownPlaces(place.guard)) : undefined) ??
    (env?.ZDOTDIR ? firstPlaceHit(t, zdotdirPlaces(env, place.stateDirs)) : undefined) ??
    laterScriptHit(t, ctx);
  if (guarded) {
    return {
      id: GUARD_FILE_ID,
      summary: `${about(guarded.path, placeWhat(guarded.kind).what)}: ${placeWhat(guarded.kind).why}`,
      target: shown,
      alternative: placeAlternative(guarded.kind),
      severity: GUARD_CONFIG_SEVERITY,
    };
  }

  const managed = managedPatterns(config, ctx);
  for (let i = 0; i < managed.length; i++) {
    const p = managed[i];
    if (hitsPattern(t, p)) {
      return {
        id: MANAGED_PATH_ID,
        summary: `${verb} ${shown}, ${matchesPattern(t.path, p) ? '' : 'which holds paths '}protected by "${p.glob}" in the organization's managed policy`,
        target: shown,
        alternative: 'leave it unchanged and ask the user to make this change',
        severity: PROTECTED_PATH_SEVERITY,
      };
    }
  }

  const configured = configPatterns(config, ctx);
  for (let i = 0; i < configured.length; i++) {
    const p = configured[i];
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
      alternative:
        'use git commands (git gc, git branch -D, git worktree remove, git update-ref) instead of touching .git/ directly',
      severity: PROTECTED_PATH_SEVERITY,
    };
  }
  // `pg_dump app > backups/app-$(date +%F).sql`, `cp app.db backups/app.db.bak` where no such file is yet: a new
  // backup beside the others replaces none of them. A name that holds a backup now, or is not known, still asks.
  // Whether the file is there is looked at only for a path in a backup folder: most paths are in none.
  const newCopy = (): boolean =>
    (t.kind === 'write' || t.kind === 'truncate') &&
    (isFreshName(t.path) || (t.dir === t.path && !t.glob && !t.tree && ctx.stat !== undefined && !ctx.stat(t.path)));
  if (segments.some((s) => BACKUP_SEGMENT.test(s)) && !newCopy()) {
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

/**
 * The places that are AgentGuard's own (its launcher, its CLI, the managed policy), which a recursive permission
 * change over a folder holding them reaches. Not the hook files and start-up files of the hosts and shells: a
 * workspace holds those, and `chown -R $USER .` there is routine.
 */
const ownPlacesOf = new WeakMap<readonly GuardPlace[], GuardPlace[]>();
function ownPlaces(list: readonly GuardPlace[]): GuardPlace[] {
  let own = ownPlacesOf.get(list);
  if (!own) {
    own = list.filter((g) => g.kind === 'launcher' || g.kind === 'cli' || g.kind === 'managed');
    ownPlacesOf.set(list, own);
  }
  return own;
}

// ---- judged by effect: case, symlinks, hard links ----------------------------
interface RealView {
  ctx: AnalysisContext;
  place: Places;
}

/** Protected places as the file system resolves them (a symlinked home, ~/.vscode pointing elsewhere). */
const realViews = new WeakMap<AnalysisContext, RealView>();
function realView(ctx: AnalysisContext): RealView {
  let v = realViews.get(ctx);
  if (!v) {
    const real = view({ ...ctx, workspace: realOf(ctx.workspace, ctx), home: realOf(ctx.home, ctx) });
    const base = places(real);
    const fold = (x: string) => (ctx.caseInsensitive ? x.toLowerCase() : x);
    const place: Places = {
      ...base,
      workspaceGit: fold(realOf(base.workspaceGit, ctx)),
      guard: base.guard.map((g) => ({ ...g, path: fold(realOf(g.path, ctx)) })),
      stateDirs: base.stateDirs.map((d) => fold(realOf(d, ctx))),
    };
    v = { ctx: real, place };
    realViews.set(ctx, v);
  }
  return v;
}

/** Protected single files whose identity a hard link could share. */
function protectedFiles(ctx: AnalysisContext, place: Places): string[] {
  const files = [place.workspaceConfig, ...place.guard.map((g) => g.path)];
  for (const d of place.stateDirs) files.push(posix.join(d, 'killswitch.json'), posix.join(d, 'audit.jsonl'));
  for (const dir of ctx.guardInstall ?? []) files.push(posix.join(dir, 'cli.js'));
  return files;
}

/** A write through a second name of a protected file: same device and inode, and more than one link. */
function hardLinkFinding(t: Touch, ctx: AnalysisContext, place: Places): Finding | undefined {
  if (!ctx.stat || t.glob || !(t.kind === 'write' || t.kind === 'truncate' || t.kind === 'chmod')) return undefined;
  const st = ctx.stat(t.path);
  if (!st || !st.isFile || st.nlink < 2) return undefined;
  for (const f of protectedFiles(ctx, place)) {
    const other = ctx.stat(f);
    if (other && other.dev === st.dev && other.ino === st.ino) {
      return {
        id: GUARD_FILE_ID,
        summary: `${VERB[t.kind]} ${display(t.path, ctx)}, a hard link to ${display(f, ctx)}: the change lands in that protected file`,
        target: display(t.path, ctx),
        alternative: 'leave it unchanged and ask the user to make this change',
        severity: GUARD_CONFIG_SEVERITY,
      };
    }
  }
  return undefined;
}

/** A touch judged by what it really reaches: as spelled, through symlinks, and through hard links. */
function judgeByEffect(
  t: Touch,
  ctx: AnalysisContext,
  config: Config | undefined,
  env: Record<string, string> | undefined,
): Finding | undefined {
  const v = view(ctx);
  const place = places(v);
  const spelled = judgeTouch(
    foldTouch(t, ctx),
    v,
    place,
    config,
    env,
    ctx.caseInsensitive ? { path: t.path, ctx } : undefined,
  );
  if (spelled) return spelled;
  const resolved = resolvedTouch(t, ctx);
  if (resolved) {
    const real = realView(ctx);
    const f = judgeTouch(foldTouch(resolved, ctx), real.ctx, real.place, config, env);
    if (f)
      return {
        ...f,
        summary: `${f.summary} — ${display(t.path, ctx)} leads there through a symlink`,
        target: display(t.path, ctx),
      };
  }
  const gitDir = foreignGitDir(t, ctx);
  if (gitDir) {
    return {
      id: PROTECTED_PATH_ID,
      summary: `${VERB[t.kind]} ${display(t.path, ctx)} in ${display(gitDir, ctx)}, a git directory under another name: git runs its config and hooks when pointed at it (--git-dir, GIT_DIR, a .git file)`,
      target: display(t.path, ctx),
      alternative: 'use git commands (git config, git init) instead of writing into a git directory',
      severity: PROTECTED_PATH_SEVERITY,
    };
  }
  return hardLinkFinding(t, ctx, place);
}

/** Findings for every protected path one command would write, move, truncate, re-permission or delete. */
export function protectedPathFindings(cmd: SimpleCommand, ctx: AnalysisContext, config: Config | undefined): Finding[] {
  // A command run over ssh or inside a container or pod touches that machine's files, not these.
  if (cmd.remote) return [];
  const out: Finding[] = guardCommandFindings(cmd);
  const seen = new Set<string>();
  // A link to a protected file is a second name for writing it later; a linked tree (`cp -al`, `cp -rs`, `lndir`)
  // gives one to every file below it, protected ones too.
  const linked = linkSources(cmd);
  const kind = linked.symbolic ? 'symbolic link' : 'hard link';
  for (let i = 0; i < linked.words.length; i++) {
    const w = linked.words[i];
    if (/^[$`~]/.test(w)) continue;
    const p = isWindowsPath(w) ? toSlashForm(w) : posix.resolve(linked.dir, w);
    const f = judgeByEffect({ kind: 'write', path: p, dir: p, tree: linked.tree }, ctx, config, cmd.env);
    if (f && !seen.has(`link\0${f.target}`)) {
      seen.add(`link\0${f.target}`);
      out.push({
        ...f,
        summary: `creates a ${linked.tree ? `tree of ${kind}s` : kind} to ${f.target}, a second name through which it can be rewritten (${f.summary})`,
      });
    }
  }
  const effects = fileEffects(cmd, ctx);
  for (let i = 0; i < effects.length; i++) {
    const e = effects[i];
    if (e.unread && !seen.has(`unread\0${e.path}`)) {
      seen.add(`unread\0${e.path}`);
      out.push(unreadAlternatives(e.path, ctx));
    }
    if (e.path === UNREAD_PATCH && !seen.has(UNREAD_PATCH)) {
      seen.add(UNREAD_PATCH);
      out.push(unreadPatch(cmd));
    }
    // A patch or SQL larger than is read writes files past the bound that nobody can name: asked.
    const past = e.path === PATCH_PAST_BOUND ? patchPastBound : e.path === SQL_PAST_BOUND ? sqlPastBound : undefined;
    if (past && !seen.has(e.path)) {
      seen.add(e.path);
      out.push(past(cmd));
    }
    const t = touchOf(e, cmd.cwd);
    if (!t) continue;
    let f = judgeByEffect(t, ctx, config, cmd.env);
    if (f && !t.glob && (e.kind === 'write' || e.kind === 'truncate') && harmlessSettingsWrite(cmd, t.path, ctx))
      f = undefined;
    if (!f && t.glob) {
      // What the glob matches on disk: a symlink among the matches is judged by where it leads.
      const linked = linkedMatches(t, ctx);
      f = linked.tooMany
        ? tooWideFinding(display(t.path, ctx))
        : linked.touches.map((m) => judgeByEffect(m, ctx, config, cmd.env)).find((x) => x);
    }
    // Only find's `**` patterns reach below every folder (deepMatches): the list of places is built for them alone.
    if (!f && t.glob && t.path.includes('**')) {
      const place = places(ctx);
      const deep = deepMatches(t, [...stateDirs(ctx, place, cmd.env), ...place.guard.map((g) => g.path)], ctx);
      const hit = deep.tooMany
        ? tooWideFinding(display(t.path, ctx))
        : deep.touches.map((m) => judgeByEffect(m, ctx, config, cmd.env)).find((x) => x);
      if (hit) f = deep.tooMany ? hit : { ...hit, summary: `${hit.summary} — matched by ${display(t.path, ctx)}` };
    }
    if (f && !seen.has(`${f.id}\0${f.target}`)) {
      seen.add(`${f.id}\0${f.target}`);
      out.push(f);
    }
  }
  // A copy into a folder writes what lands below it, not the folder.
  if (out.length === 0) {
    const landed = landings(cmd, ctx);
    for (let i = 0; i < landed.length; i++) {
      const f = landingFinding(landed[i], cmd, ctx, {
        judge: (t) => judgeByEffect(t, ctx, config, cmd.env),
        display: (p) => display(p, ctx),
        unknownCap: GUARD_CONFIG_SEVERITY,
      });
      if (f) {
        out.push(f);
        break;
      }
    }
  }
  return out;
}

/** A word whose brace alternatives are past those read: one past the bound may name a protected file. */
function unreadAlternatives(word: string, ctx: AnalysisContext): Finding {
  const shown = display(word, ctx);
  return {
    id: 'parse.too-complex',
    summary: `${shown} names more brace alternatives than AgentGuard reads (${MAX_BRACE_ALTERNATIVES}), so it cannot tell what those past the bound would change; a human must look at it`,
    target: shown,
    alternative: 'name the files in fewer alternatives, or one command per group',
    severity: 60,
  };
}

/** A patch that cannot be read before it runs: any file may be among those it changes, a protected one too. */
function unreadPatch(cmd: SimpleCommand): Finding {
  const what = cmd.argv[0] === 'git' ? `git ${cmd.argv[1]}` : cmd.argv[0];
  return {
    id: 'path.unread-patch',
    summary: `${what} applies a patch AgentGuard cannot read before it runs (missing, past ${MAX_READ_BYTES / 1024} KiB, or made by a command on the line), so the files it changes cannot be judged; a human must look at it`,
    target: what,
    alternative: 'write the patch to a file first and apply it in a second command, or edit the files directly',
    severity: 60,
  };
}

/**
 * The finding for a file edit (Edit/Write/MultiEdit of an agent host) or any
 * single path, or undefined when the path is not protected. `absPath` may
 * also be workspace-relative. Symlinks and hard links count as for commands.
 */
export function protectedPathFinding(
  absPath: string,
  kind: FileEffectKind,
  ctx: AnalysisContext,
  config: Config | undefined,
): Finding | undefined {
  const p = posix.resolve(ctx.workspace, absPath.startsWith('~/') ? posix.join(ctx.home, absPath.slice(2)) : absPath);
  return judgeByEffect({ kind, path: p, dir: p, tree: kind === 'move' || kind === 'delete' }, ctx, config, undefined);
}
