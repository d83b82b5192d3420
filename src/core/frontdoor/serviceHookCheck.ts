// What the AgentGuard service examines before it records a hook file. The
// record makes the shadow check's fast path (shadow.ts: a file as recorded
// is not judged again), and any process of the developer — anything an
// agent runs — can send `hooks.record`, so the service believes nothing of
// what was sent but the file's name: it opens the file itself, as its own
// user (never through a link, bounded in size), checks that the hash and
// size it was sent are what it reads, and judges the text the way the hook
// does (hosts/hookEntries.ts hookFileProblem): AgentGuard's entries as
// install writes them for this developer's launcher (a file that held them
// must still hold them), and the host's shadow rule for every tool AgentGuard
// judges. The entries and identity kept are the ones it read.
import * as path from 'node:path';
import { HOST_HOOK_FILES, hostAdapter } from '../hosts';
import { agentGuardEntries, hookFileProblem, sameEntries, type HookEntry } from '../hosts/hookEntries';
import { addHook } from '../hosts/hostConfig';
import { generatedFile, installedCommand, installedDelegates } from '../hosts/hostFiles';
import type { HostId } from '../hosts/types';
import { launcherPath } from '../launcher';
import { folderGlob, sha256, type RecordedHookFile } from '../launcher/hookRecord';
import { readRegularBytes } from '../state/regularFile';

const MAX_HOOK_FILE_BYTES = 1024 * 1024;
/** A tool no host names: a handler whose matcher reaches every tool reaches it. */
const ANY_TOOL = 'mcp__agentguard_probe__any';

export type Examined = { record: RecordedHookFile } | { refused: string };

/**
 * Which of the host's hook or shadow files `file` is (relative, as the shadow
 * rule names it), and the folder it is in. A `folder/*.ext` entry is read as
 * the hook's shadow check reads it (folderGlob): any file so named directly
 * in that folder.
 */
export function hookFilePlace(host: HostId, file: string): { rel: string; base: string } | undefined {
  const places = [
    ...(hostAdapter(host).shadow?.files ?? []),
    ...HOST_HOOK_FILES.filter((f) => f.host === host).map((f) => f.path.replace(/^~\//, '')),
  ];
  for (const p of places) {
    const glob = folderGlob(p);
    if (glob && !file.toLowerCase().endsWith(glob.ext)) continue;
    const rel = glob ? `${glob.folder}/${path.basename(file)}` : p;
    const tail = path.sep + rel.split('/').join(path.sep);
    if (file.endsWith(tail)) return { rel, base: file.slice(0, -tail.length) };
  }
  return undefined;
}

/** AgentGuard's entries as install writes them into `file` of `host` for `launcher`; undefined where there is no such form. */
export function installedEntries(host: HostId, file: string, launcher: string): HookEntry[] | undefined {
  const wiring = hostAdapter(host).wiring;
  try {
    if (wiring.kind === 'file') return agentGuardEntries(host, generatedFile(host, launcher));
    const command = wiring.kind === 'delegate' ? path.join(path.dirname(file), wiring.program) : undefined;
    const edited = addHook('', host, command ?? installedCommand(host, launcher));
    return edited.ok ? agentGuardEntries(host, edited.text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why entries found in a file that never held AgentGuard's are not install's
 * own, or undefined when they are exactly what install writes.
 */
function notAsInstalled(found: readonly HookEntry[], written: readonly HookEntry[]): string | undefined {
  if (sameEntries(found, written)) return undefined;
  const commands = new Set(written.map((e) => e.command));
  const other = found.find((e) => !commands.has(e.command));
  if (other)
    return `adds a ${other.event} handler that is not AgentGuard's: it runs ${other.command}, not the launcher install writes (${written[0].command})`;
  const odd = found.find((e) => !written.some((w) => w.event === e.event && w.matcher === e.matcher));
  return odd
    ? `adds AgentGuard's command in a ${odd.event} entry install does not write${odd.matcher !== undefined ? ` (matching only "${odd.matcher}")` : ''}`
    : "holds AgentGuard's entries, but not as install writes them";
}

/** The tools whose calls the shadow rule is asked about: every tool that acts, by the host's names, and any other. */
function judgedTools(host: HostId): string[] {
  const t = hostAdapter(host).tools ?? {};
  const names = [
    ...(t.shell ?? []),
    ...Object.keys(t.shellOf ?? {}),
    ...Object.keys(t.edit ?? {}),
    ...(t.task ?? []),
    ...(t.mcpCall ?? []),
    ANY_TOOL,
  ];
  return [...new Set(names)];
}

/**
 * The record the service keeps for `sent`, or why it refuses it. `kept`:
 * what it kept for the file before; `home`: the developer's home, by the
 * account database (where their launcher is), undefined when not found.
 */
export function examineHookFile(
  sent: RecordedHookFile,
  kept: RecordedHookFile | undefined,
  home: string | undefined,
  now: Date,
): Examined {
  const place = hookFilePlace(sent.host, sent.file);
  if (!place) return { refused: `it is not a hook or settings file of ${hostAdapter(sent.host).label}` };
  const read = readRegularBytes(sent.file, MAX_HOOK_FILE_BYTES);
  const held = Boolean(sent.entries?.length || kept?.entries?.length);
  const at = now.toISOString();
  if (!read.ok && read.missing) {
    if (sent.sha256 !== null) return { refused: 'the service finds no such file' };
    if (held) return { refused: "it held AgentGuard's hook and is gone" };
    return {
      record: { host: sent.host, scope: sent.scope, file: sent.file, sha256: null, size: 0, ino: 0, ctimeMs: 0, at },
    };
  }
  if (!read.ok) return { refused: `the service cannot read it as its own user: ${read.error}` };
  const text = read.bytes.toString('utf8');
  const hash = sha256(text);
  if (sent.sha256 !== hash || sent.size !== read.stats.size)
    return {
      refused: 'it is not the file the record describes (its hash or size differs from what the service reads)',
    };
  const found = agentGuardEntries(sent.host, text);
  const launcher = home !== undefined ? launcherPath(home) : undefined;
  let written: HookEntry[] | undefined;
  if (held || found?.length) {
    written = launcher !== undefined ? installedEntries(sent.host, sent.file, launcher) : undefined;
    if (!written?.length)
      return {
        refused: "the service cannot tell what AgentGuard's entry there should be (the developer's home is unknown)",
      };
    // Install never wrote this file: what is in it is no change since install, but an entry of someone else's.
    const planted = held ? undefined : notAsInstalled(found ?? [], written);
    if (planted) return { refused: planted };
  }
  // The user's own settings are the user level: the shadow rule is for a workspace's (as in shadow.ts).
  const userLevel = home !== undefined && path.resolve(place.base) === path.resolve(home);
  const entries = written && { host: sent.host, entries: written };
  // The developer's own launcher and delegate programs are the only ones that are AgentGuard's (unknown home: none is).
  const own = {
    launchers: launcher !== undefined ? [launcher] : [],
    delegates: home !== undefined ? installedDelegates(sent.host, sent.file, [home]) : [],
  };
  for (const tool of judgedTools(sent.host)) {
    const why = hookFileProblem(text, userLevel ? undefined : sent.host, place.rel, tool, own, entries);
    if (why) return { refused: why };
  }
  return {
    record: {
      host: sent.host,
      scope: sent.scope,
      file: sent.file,
      sha256: hash,
      size: read.stats.size,
      ino: read.stats.ino,
      ctimeMs: read.stats.ctimeMs,
      ...(written ? { entries: found ?? [], ...(launcher !== undefined ? { launcher } : {}) } : {}),
      at,
    },
  };
}
