// A tool that changes settings, handed a protection switched off: GitHub's
// `update_branch_protection` with `enforce_admins: false` and no required
// reviews, a database tool's `update_project` with `deletion_protection:
// false`, a bucket's `versioning: "Suspended"`, a retention cut to zero. The
// keys and values are read as the same body sent with curl would be
// (packs/http/settings.ts), so one rule speaks for both.
import { settingsFindings } from '../../packs/http/settings';
import type { Finding } from '../../types';

/** Verbs of a tool that changes what it names; a read or a create of something new turns nothing off. */
const CHANGING = new Set([
  'update',
  'set',
  'edit',
  'patch',
  'put',
  'modify',
  'change',
  'configure',
  'disable',
  'toggle',
  'remove',
  'delete',
  'unset',
]);
const MAX_TEXT = 64 * 1024;
/** Work items whose switches guard a conversation, not data: an issue's `locked: false` reopens its comments. */
const WORK_ITEMS = new Set([
  'issue',
  'issues',
  'pull',
  'pr',
  'ticket',
  'comment',
  'page',
  'task',
  'card',
  'conversation',
  'discussion',
  'thread',
  'message',
]);

export function protectionFindings(words: readonly string[], input: unknown, label: string): Finding[] {
  if (!words.some((w) => CHANGING.has(w)) || words.some((w) => WORK_ITEMS.has(w))) return [];
  if (!input || typeof input !== 'object') return [];
  let text: string;
  try {
    text = JSON.stringify(input);
  } catch {
    return [];
  }
  // The settings reader reads a bounded head of a body; a larger one is no settings change anyone types.
  if (text.length > MAX_TEXT) text = text.slice(0, MAX_TEXT);
  return settingsFindings(
    { client: 'mcp', method: 'PATCH', urls: [], bodies: [{ text, source: 'arguments' }] },
    label,
    label,
  );
}
