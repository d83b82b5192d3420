// Confirmed policies the AgentGuard service keeps. When a human confirms a
// workspace's `.agentguard.json` in the editor (a loosening, or the floor of
// what it tightens), the editor sends the confirmation to the service, which
// writes the record into its own state folder, logs it (`policy.confirmed`,
// with the text's digest) and publishes a read-only copy into the
// developer's socket folder, where every reader of that developer looks
// (policy/baseline.ts). A record a process of the developer writes into its
// own state folder is not read at all. What this proves, as with approvals:
// every confirmation in force went through the service and stands in its
// log; not that a human clicked (the editor runs as the developer). A
// confirmed loosening is a human's approval, so its entry says what the
// service's check of the sender was worth (`peerProof`), and where the
// managed policy takes only approvals the kernel backs (`approvalPeerProof`
// "kernel") a loosening without that proof is refused. A record that only
// tightens what the service keeps (the floor the editor records by itself)
// needs no human, so no proof.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
import { appendAudit } from '../state/audit';
import { sha256Hex } from '../text/sha256';
import { baselineFile, comparePolicies, readBaselineIn, storeBaseline } from '../policy';
import type { Config } from '../config/schema';
import type { PeerProof } from '../launcher/yama';

export type PolicyResult = { ok: true } | { ok: false; error: string };

/** What the service's check of the process that sent a confirmation is worth, and why the managed policy does not take it (absent: it does). */
export interface ConfirmationProof {
  peerProof: PeerProof;
  refusal?: string;
}

const MAX_CONFIRMATION_BYTES = 4 * 1024 * 1024;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The published folder and its records are readable by all, inside the
 * developer's socket folder, which only that developer's group may enter:
 * not by group, since the service is not in the developer's group (the
 * kernel would drop a setgid bit it set) and its unit's umask is 0077.
 */
function policyFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
}

/** Copies the record the service keeps into the developer's socket folder, read-only for them. */
function publish(keptDir: string, publishDir: string | undefined, workspace: string): void {
  if (!publishDir) return;
  const from = baselineFile(keptDir, workspace);
  const to = baselineFile(publishDir, workspace);
  policyFolder(path.dirname(to));
  replaceFile(to, fs.readFileSync(from), 0o644);
}

/** Every record the service keeps for this developer, published again (the socket folder is emptied at boot). */
export function republishPolicies(keptDir: string, publishDir: string): void {
  const dir = path.join(keptDir, 'policy');
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter((n) => /^[0-9a-f]{64}\.json$/.test(n));
  } catch {
    return;
  }
  const out = path.join(publishDir, 'policy');
  policyFolder(out);
  for (const name of names.slice(0, 10_000)) {
    replaceFile(path.join(out, name), fs.readFileSync(path.join(dir, name)), 0o644);
  }
}

/**
 * What a confirmation would loosen against the policy the service keeps for
 * its workspace, in words (the password prompt names them): undefined when
 * it loosens nothing or is not a confirmation (confirmPolicy says why).
 */
export function confirmationLoosenings(
  keptDir: string,
  payload: Buffer,
): { workspace: string; loosenings: string[] } | undefined {
  if (payload.length > MAX_CONFIRMATION_BYTES) return undefined;
  try {
    const v = JSON.parse(payload.toString('utf8')) as unknown;
    if (!isObject(v) || typeof v.workspace !== 'string' || !path.isAbsolute(v.workspace)) return undefined;
    if (!(v.config === null || isObject(v.config))) return undefined;
    const workspace = path.resolve(v.workspace);
    const kept = readBaselineIn(keptDir, workspace)?.config ?? undefined;
    const loosenings = comparePolicies(kept, (v.config as Config | null) ?? undefined).loosenings.map((l) => l.summary);
    return loosenings.length ? { workspace, loosenings } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A confirmation sent by the editor: `{ workspace, text, config }` as JSON.
 * `unproven` names the workspace of a loosening the managed policy does not
 * take without the kernel's proof: nothing was kept or logged.
 */
export function confirmPolicy(
  keptDir: string,
  publishDir: string | undefined,
  payload: Buffer,
  now: Date,
  proof: ConfirmationProof = { peerProof: 'recorded' },
): PolicyResult | { ok: false; unproven: string } {
  if (payload.length > MAX_CONFIRMATION_BYTES) return { ok: false, error: 'policy.confirm: too large' };
  let v: unknown;
  try {
    v = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, error: 'policy.confirm: not JSON' };
  }
  if (!isObject(v) || typeof v.workspace !== 'string' || !path.isAbsolute(v.workspace))
    return { ok: false, error: 'policy.confirm: no absolute workspace' };
  if (!(v.text === null || typeof v.text === 'string')) return { ok: false, error: 'policy.confirm: text' };
  if (!(v.config === null || isObject(v.config))) return { ok: false, error: 'policy.confirm: config' };
  const workspace = path.resolve(v.workspace);
  if (proof.refusal !== undefined) {
    const kept = readBaselineIn(keptDir, workspace)?.config ?? undefined;
    if (comparePolicies(kept, (v.config as Config | null) ?? undefined).loosenings.length)
      return { ok: false, unproven: workspace };
  }
  storeBaseline(keptDir, workspace, v.text, v.config as Config | null, now);
  publish(keptDir, publishDir, workspace);
  const logged = appendAudit(
    keptDir,
    {
      time: now.toISOString(),
      host: 'service',
      event: 'policy.confirmed',
      decision: 'allow',
      score: 0,
      findings: [],
      cwd: workspace,
      command: `policy confirmed: ${v.text === null ? 'no file' : `sha256 ${sha256Hex(v.text)}`}`,
      peerProof: proof.peerProof,
    },
    { sequence: true },
  );
  return logged.ok ? { ok: true } : { ok: false, error: logged.error };
}
