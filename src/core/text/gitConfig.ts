// Git's config format, read the one way wherever a config file is judged: a
// repository's `.git/config`, a git directory under another name, and a file
// the line names through GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM or GIT_CONFIG.
// Bounded and never throwing.
import { parsedOnce } from './parsedOnce';

const MAX_TEXT = 512 * 1024;
const MAX_LINES = 8192;

/**
 * `[section "sub"]` then `key = value`, flattened to `section.sub.key`
 * (section and key lower-cased, as git compares them). Repeated keys are kept
 * apart (`include.path#2`).
 */
export const gitConfigEntries: (text: string) => ReadonlyMap<string, string> = parsedOnce(readGitConfig);

function readGitConfig(text: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  let section = '';
  for (const raw of text.slice(0, MAX_TEXT).split('\n').slice(0, MAX_LINES)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\](.*)$/.exec(line);
    if (head) {
      section = head[2] !== undefined ? `${head[1].toLowerCase()}.${head[2]}` : head[1].toLowerCase();
      if (!head[3].trim()) continue;
    }
    const body = head ? head[3].trim() : line;
    const m = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(body);
    if (!m || !section) continue;
    let key = `${section}.${m[1].toLowerCase()}`;
    for (let n = 2; out.has(key) && n < 64; n++) key = `${section}.${m[1].toLowerCase()}#${n}`;
    out.set(key, (m[2] ?? 'true').replace(/^"(.*)"$/, '$1'));
  }
  return out;
}

/** Settings whose value git runs as a command, or a file or folder it takes more settings or hooks from. */
export const GIT_COMMAND_KEY =
  /^(?:core\.(?:pager|editor|sshcommand|fsmonitor|askpass|hookspath|gitproxy)|sequence\.editor|diff\.external|pager\..+|gpg(?:\..+)?\.program|credential(?:\..+)?\.helper|filter\..+\.(?:clean|smudge|process)|(?:diff|merge)tool\..+\.cmd|merge\..+\.driver|diff\..+\.(?:textconv|command)|uploadpack\.packobjectshook|include\.path|includeif\..+\.path|init\.templatedir|interactive\.difffilter|remote\..+\.(?:uploadpack|receivepack)|sendemail\..+cmd|(?:web|browser\..+)\.(?:browser|cmd)|man\..+\.cmd)(?:#\d+)?$/;

/** The settings of a config text that run code: a command-valued setting, or an alias that runs a shell line (`!cmd`). */
export function gitConfigCode(text: string): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (const [k, v] of gitConfigEntries(text)) {
    if (GIT_COMMAND_KEY.test(k) || (k.startsWith('alias.') && v.trim().startsWith('!')))
      out.push({ key: k.replace(/#\d+$/, ''), value: v });
  }
  return out;
}
