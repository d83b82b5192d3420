// "Always allow in this workspace": the one place the editor writes policy.
// Only a human's click in the approval modal reaches here; the rule is one
// exact command, and the write is announced to whoever keeps the record of
// human-confirmed policy (afterHumanPolicyWrite) before the file changes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { addAllowRule } from '../core/frontdoor/policy';
import { CONFIG_FILE_NAME } from '../core/frontdoor/config';

export type AfterHumanPolicyWrite = (folder: string, newText: string) => void | Promise<void>;

/** Adds `{match, decision: "allow"}` to the folder's `.agentguard.json` (created from the template when missing). */
export async function writeAllowRule(
  folder: string,
  rule: { match: string; reason: string },
  afterHumanPolicyWrite: AfterHumanPolicyWrite,
  log: vscode.LogOutputChannel,
): Promise<{ ok: true; file: string } | { ok: false; problem: string }> {
  const file = path.join(folder, CONFIG_FILE_NAME);
  let current: string | undefined;
  try {
    current = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      return { ok: false, problem: `cannot read ${file}: ${(err as Error).message}` };
  }
  const added = addAllowRule(current, rule.match, rule.reason);
  if ('problem' in added) return { ok: false, problem: added.problem };
  // Recorded as human-confirmed before the file changes, so the policy gate never sees this rule as an unconfirmed loosening.
  await afterHumanPolicyWrite(folder, added.text);
  // Through the workspace file system, so an open editor of the file reloads it.
  await vscode.workspace.fs.writeFile(vscode.Uri.file(file), Buffer.from(added.text, 'utf8'));
  log.info(`always allow: added {"match": ${JSON.stringify(rule.match)}, "decision": "allow"} to ${file}`);
  return { ok: true, file };
}
