// A workspace file of the calling host that takes AgentGuard's hook away
// from some calls (its adapter's `shadow`: Claude Code's disableAllHooks, a
// PreToolUse handler of its own that may rewrite the call; a Cursor project
// hook whose answer outranks AgentGuard's user-level one; Gemini CLI's hooks
// switched off or AgentGuard's disabled; Qwen Code's hooks switched off, a
// handler of its own, or safe mode set by a project `.env`; Codex's hooks
// feature switched off; a handler in any file of Copilot's `.github/hooks/`),
// or the file install wrote AgentGuard's entry into, changed so the entry is
// gone or runs something else: the call, unless it only reads, becomes an
// ask that names the file, and the audit record keeps the finding. A host
// that reads some of its files in every folder from the project root down to
// the working folder (its `perFolder`: Codex's project config layers, Qwen
// Code's `.env`, OpenCode's and Amp's folders, Copilot CLI's `.mcp.json`)
// has them looked for in each folder between the workspace (or the host's
// outermost declared root above it) and the call's working folder too, at
// most MAX_FOLDER_DEPTH deep; one that reads some from the working folder up
// to the repository's root (its `upToGitRoot`: Copilot CLI's `.mcp.json`) has
// them looked for there too, where the workspace lies below that root; one
// that loads the first `.env` it finds above (its `above`: Gemini CLI's and
// Qwen Code's) has that file looked at too (and for Gemini CLI, the first
// `.gemini/.env` above, which it loads when told to pass over a `.env`). On the hot path: one small record read, a listing
// per hook folder and a stat per file; a file is read only when its
// size, inode or change time differs from the hash record install made
// (core/launcher/hookRecord.ts; with an AgentGuard service, the copy the
// service keeps: hookRecordKept.ts), and then only when its hash does too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hostAdapter } from '../hosts';
import { hookFileProblem, type OwnHooks } from '../hosts/hookEntries';
import { envFilesAbove } from '../hosts/envAbove';
import { foldersUpToGitRoot } from '../hosts/gitRootUp';
import { installedDelegates } from '../hosts/hostFiles';
import { setsHome } from '../hosts/workspaceEnv';
import type { HookRequest, HostId } from '../hosts/types';
import { accountHome } from '../state';
import { launcherPath } from '../launcher';
import { MAX_FOLDER_DEPTH } from '../launcher/foldersUp';
import { folderGlob, readHookFile, sha256, shadowFilesIn, type RecordedHookFile } from '../launcher/hookRecord';
import { hookRecordInForce } from './hookRecordKept';
import type { Finding, Verdict } from '../types';

export const HOOK_SHADOWED_ID = 'guard.hook-shadowed';
const SHADOW_SEVERITY = 70;

/** Why a workspace file takes AgentGuard away from this call, or undefined. Throws on what it cannot read. */
export function shadowOf(
  host: HostId,
  tool: string,
  workspace: string,
  home: string,
  stateDir: string,
  cwd: string = workspace,
  roots: readonly string[] = [],
): { file: string; why: string } | undefined {
  const shadow = hostAdapter(host).shadow;
  // The home's own settings are the user level, not a workspace's.
  if (!shadow || path.resolve(workspace) === path.resolve(home)) return undefined;
  const rels = shadowFilesIn(workspace, shadow.files);
  const record = new Map(hookRecordInForce(stateDir).map((r) => [r.file, r]));
  // A file of a hook folder that held AgentGuard's entry is looked for even when it is no longer listed there.
  for (const r of record.values()) {
    const rel = path.relative(workspace, r.file);
    if (r.host === host && r.entries?.length && !rels.includes(rel) && inFolder(shadow.files, rel)) rels.push(rel);
  }
  if (shadow.perFolder?.length)
    for (const dir of foldersBetween(outermost(workspace, roots), cwd, [workspace, home]))
      for (const rel of shadowFilesIn(dir, presentIn(dir, shadow.perFolder)))
        rels.push(path.relative(workspace, path.join(dir, rel)));
  // Those the host reads from the working folder up to the repository's root, where the workspace walk left any out.
  if (shadow.upToGitRoot) {
    const { each, root } = shadow.upToGitRoot;
    const dirs = foldersUpToGitRoot(cwd, home);
    for (const [i, dir] of dirs.entries())
      for (const rel of shadowFilesIn(dir, presentIn(dir, i === dirs.length - 1 ? [...each, ...root] : each))) {
        const fromWorkspace = path.relative(workspace, path.join(dir, rel));
        if (!rels.includes(fromWorkspace)) rels.push(fromWorkspace);
      }
  }
  // The environment file the host loads from a folder above the workspace, where the workspace holds none.
  if (shadow.above)
    for (const above of envFilesAbove(workspace, home, shadow.above)) rels.push(path.relative(workspace, above));
  // Read first, judged after: a HOME any of them sets decides whose launcher is AgentGuard's in all of them.
  const read: { file: string; rel: string; text: string; rec?: RecordedHookFile }[] = [];
  for (const rel of rels) {
    const file = path.join(workspace, rel);
    const rec = record.get(file);
    let st: fs.Stats | undefined;
    try {
      // Most files looked for are not there: no exception is built for that.
      st = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      st = undefined;
    }
    if (!st) {
      if (rec?.entries?.length)
        return { file, why: `${file}, which held AgentGuard's hook when it was installed, is gone` };
      continue;
    }
    if (rec?.sha256 && st.size === rec.size && st.ino === rec.ino && st.ctimeMs === rec.ctimeMs) continue;
    // A host whose workspace files only matter for AgentGuard's own entry: one without it is not read.
    if (!shadow.shadows && !rec?.entries?.length) continue;
    // A folder where the host loads folders too (a plugin package) has no text: the rule judges it by its place.
    const folder = st.isDirectory() && inFolder(shadow.files, rel, true);
    const got = folder ? { text: '' } : readHookFile(file);
    // Hashed only where there is a hash to compare with (node:crypto is over a millisecond to load).
    if (!got || (rec?.sha256 && sha256(got.text) === rec.sha256)) continue;
    read.push({ file, rel: folder ? `${rel}/` : rel, text: got.text, rec });
  }
  const homeChosen = read.some((r) => setsHome(shadow.env?.(r.text)));
  for (const { file, rel, text, rec } of read) {
    const why = hookFileProblem(text, host, rel, tool, ownHooks(host, file, home, homeChosen), rec);
    if (why) return { file, why: `${file} ${why}` };
  }
  return undefined;
}

/**
 * What may count as AgentGuard's own in `file`, a workspace file of `host`:
 * the launcher under the account's home (where the editor writes it) or
 * under the HOME the host runs with (where `agentguard install` wrote it),
 * and the delegate programs install writes for those homes or next to the
 * file — places the host decides, not a workspace file. Where a workspace
 * file sets HOME for the host's hooks (`homeChosen`), the HOME the hook runs
 * with may be the file's choice: only the account's home counts. Anything
 * else named agentguard is a handler like any other.
 */
function ownHooks(host: HostId, file: string, home: string, homeChosen: boolean): OwnHooks {
  const homes = [...new Set(homeChosen ? [accountHome()] : [accountHome(), home])];
  return { launchers: homes.map((h) => launcherPath(h)), delegates: installedDelegates(host, file, homes) };
}

/** Whether `rel` is a file directly in one of the `folder/*.ext` entries of `files`, ending so (`folders`: of a `folder/**` entry). */
function inFolder(files: readonly string[], rel: string, folders = false): boolean {
  const parts = rel.split(path.sep);
  return files.some((f) => {
    const glob = folderGlob(f);
    return (
      glob &&
      (!folders || glob.folders) &&
      glob.folder === parts.slice(0, -1).join('/') &&
      rel.toLowerCase().endsWith(glob.ext)
    );
  });
}

/**
 * The entries of `files` whose first folder (`.codex`, `.opencode`) is in
 * `dir`: a folder without it costs one stat for all its files there. One
 * that cannot be examined is kept, and examined file by file.
 */
function presentIn(dir: string, files: readonly string[]): string[] {
  const seen = new Map<string, boolean>();
  return files.filter((f) => {
    const slash = f.indexOf('/');
    if (slash < 0) return true;
    const top = f.slice(0, slash);
    if (!seen.has(top)) {
      let there = true;
      try {
        there = fs.statSync(path.join(dir, top), { throwIfNoEntry: false }) !== undefined;
      } catch {
        there = true;
      }
      seen.set(top, there);
    }
    return seen.get(top);
  });
}

/** Whether `dir` is `root` or inside it. */
function within(root: string, dir: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The outermost of the host's declared roots that holds the workspace (OpenCode's worktree above its folder), else the workspace. */
function outermost(workspace: string, roots: readonly string[]): string {
  const holding = roots.map((r) => path.resolve(r)).filter((r) => within(r, workspace));
  return holding.sort((a, b) => a.length - b.length)[0] ?? workspace;
}

/**
 * The folders from `top` down to `cwd`, absolute, nearest the root first,
 * without those of `skip` (the workspace, read as such; the home, whose files
 * are the user level); none when `cwd` is not inside `top`. A path deeper
 * than MAX_FOLDER_DEPTH throws, and the call is asked.
 */
export function foldersBetween(top: string, cwd: string, skip: readonly string[]): string[] {
  if (!within(top, cwd)) return [];
  const rel = path.relative(top, cwd);
  const parts = rel ? rel.split(path.sep) : [];
  if (parts.length > MAX_FOLDER_DEPTH)
    throw new Error(`${cwd} lies more than ${MAX_FOLDER_DEPTH} folders below ${top}`);
  const skipped = new Set(skip.map((d) => path.resolve(d)));
  const dirs = [top, ...parts.map((_, i) => path.join(top, ...parts.slice(0, i + 1)))];
  return dirs.filter((dir) => !skipped.has(path.resolve(dir)));
}

/** Reads nothing off the machine and writes nothing: a read, search or listing tool. */
function onlyReads(req: HookRequest): boolean {
  return req.kind === 'other' && req.readOnly === true && !req.fetches?.length;
}

/** The verdict, made an ask where a workspace file shadows AgentGuard's hook for this call. */
export function withShadow(
  verdict: Verdict,
  req: HookRequest,
  host: HostId,
  workspace: string,
  home: string,
  stateDir: string,
  cwd: string = workspace,
): Verdict {
  if (verdict.decision === 'deny' || onlyReads(req) || !hostAdapter(host).shadow) return verdict;
  let found: { file: string; why: string } | undefined;
  try {
    found = shadowOf(host, req.toolName, workspace, home, stateDir, cwd, req.workspaceRoots);
  } catch (err) {
    found = {
      file: workspace,
      why: `a workspace settings file of ${hostAdapter(host).label} cannot be checked (${(err as Error).message})`,
    };
  }
  if (!found) return verdict;
  const finding: Finding = {
    id: HOOK_SHADOWED_ID,
    summary: `${found.why}; until that is undone (or \`agentguard install\` run again by a human), each call that is not read-only is asked`,
    target: found.file,
    alternative: 'restore the file, or remove what was added to it, then run `agentguard doctor`',
    severity: SHADOW_SEVERITY,
  };
  // A harmless call's hand-over to an explicit allow does not stand either.
  const { handedOver: _handedOver, ...rest } = verdict;
  return {
    ...rest,
    decision: 'ask',
    score: Math.max(verdict.score, SHADOW_SEVERITY),
    findings: [...verdict.findings, finding],
  };
}
