// A workspace file of the calling host that takes AgentGuard's hook away
// from some calls (its adapter's `shadow`: Claude Code's disableAllHooks, a
// PreToolUse handler of its own that may rewrite the call; a Cursor project
// hook whose answer outranks AgentGuard's user-level one; Gemini CLI's hooks
// switched off or AgentGuard's disabled; Qwen Code's hooks switched off, a
// handler of its own, or safe mode set by a project `.env`; Codex's hooks
// feature switched off; a handler in any file of Copilot's `.github/hooks/`),
// or the file install wrote AgentGuard's entry into, changed so the entry is
// gone or runs something else: the call, unless it only reads, becomes an
// ask that names the file, and the audit record keeps the finding. On the
// hot path: one small record read, a listing per hook folder and a stat per
// file; a file is read only when its
// size, inode or change time differs from the hash record install made
// (core/launcher/hookRecord.ts; with an AgentGuard service, the copy the
// service keeps: hookRecordKept.ts), and then only when its hash does too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hostAdapter } from '../hosts';
import { hookFileProblem } from '../hosts/hookEntries';
import type { HookRequest, HostId } from '../hosts/types';
import { readHookFile, sha256, shadowFilesIn } from '../launcher/hookRecord';
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
  for (const rel of rels) {
    const file = path.join(workspace, rel);
    const rec = record.get(file);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(file);
    } catch {
      st = undefined;
    }
    if (!st) {
      if (rec?.entries?.length)
        return { file, why: `${file}, which held AgentGuard's hook when it was installed, is gone` };
      continue;
    }
    if (rec?.sha256 && st.size === rec.size && st.ino === rec.ino && st.ctimeMs === rec.ctimeMs) continue;
    const read = readHookFile(file);
    // Hashed only where there is a hash to compare with (node:crypto is over a millisecond to load).
    if (!read || (rec?.sha256 && sha256(read.text) === rec.sha256)) continue;
    const why = hookFileProblem(read.text, host, rel, tool, rec);
    if (why) return { file, why: `${file} ${why}` };
  }
  return undefined;
}

/** Whether `rel` is a JSON file directly in one of the `folder/*.json` entries of `files`. */
function inFolder(files: readonly string[], rel: string): boolean {
  const parts = rel.split(path.sep);
  return files.some((f) => f.endsWith('/*.json') && f.slice(0, -'/*.json'.length) === parts.slice(0, -1).join('/'));
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
): Verdict {
  if (verdict.decision === 'deny' || onlyReads(req) || !hostAdapter(host).shadow) return verdict;
  let found: { file: string; why: string } | undefined;
  try {
    found = shadowOf(host, req.toolName, workspace, home, stateDir);
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
