// AgentGuard's entries in one host's hook file, in one comparable form: the
// event, the command it runs and (where the host has one) the matcher that
// says which tools reach it. Install records them with the file's hash
// (core/launcher/hookRecord.ts); doctor and each hook call compare what the
// file holds now with what was written, and judge it with the host's shadow
// rule (hookFileProblem: the hook's shadow check and the AgentGuard service,
// before it records a file, both ask it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularText } from '../state/regularFile';
import { findHooks } from './hostConfig';
import { isOurHookCommand, managedCommand } from './hostFiles';
import { hostAdapter } from './index';
import type { HostId } from './types';

/**
 * What a hook file's handlers may be to count as AgentGuard's own, decided
 * by where the host runs and never by a workspace file: the `launchers` a
 * handler may run, exactly as install writes it (isOurHookCommand), and the
 * delegate programs install points a settings file's rules at
 * (hostFiles installedDelegates), whose text the host's rule then judges.
 */
export interface OwnHooks {
  launchers: readonly string[];
  delegates: readonly string[];
}

/** A delegate program AgentGuard writes is a few hundred bytes: one larger is not AgentGuard's. */
const MAX_DELEGATE_BYTES = 64 * 1024;
/** Longer than any path a host's settings file names a program by (Linux's PATH_MAX). */
const MAX_PATH_CHARS = 4096;

export interface HookEntry {
  event: string;
  command: string;
  matcher?: string;
}

/** AgentGuard's entries in `text`, a hook file of `host`; undefined when the text cannot be read as one. */
export function agentGuardEntries(host: HostId, text: string): HookEntry[] | undefined {
  const wiring = hostAdapter(host).wiring;
  if (wiring.kind === 'file') {
    const command = managedCommand(text);
    return command ? [{ event: wiring.event, command }] : [];
  }
  const found = findHooks(text, host);
  if (!found.ok) return undefined;
  return found.hooks.map((h) => ({
    event: h.event,
    command: h.command,
    ...(h.matcher !== undefined ? { matcher: h.matcher } : {}),
  }));
}

const key = (e: HookEntry): string => JSON.stringify([e.event, e.command, e.matcher ?? null]);

/** Whether two lists hold the same entries, in any order. */
export function sameEntries(a: readonly HookEntry[], b: readonly HookEntry[]): boolean {
  if (a.length !== b.length) return false;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((k, i) => k === right[i]);
}

/** What became of recorded entries, said for a person: undefined when every one is still there as written. */
export function entryChange(recorded: readonly HookEntry[], now: readonly HookEntry[] | undefined): string | undefined {
  if (now === undefined) return "it cannot be read as a hook file any more, so AgentGuard's entry is lost";
  if (sameEntries(recorded, now)) return undefined;
  if (!now.length) return "AgentGuard's entry is gone";
  const wanted = new Set(recorded.map((e) => e.command));
  const other = now.find((e) => !wanted.has(e.command));
  if (other) return `AgentGuard's entry now runs ${other.command} instead of ${recorded[0]?.command ?? 'the launcher'}`;
  const narrowed = now.find((e) => !recorded.some((r) => key(r) === key(e)));
  return narrowed?.matcher !== undefined
    ? `AgentGuard's entry now matches only "${narrowed.matcher}" (installed: ${recorded.map((r) => `"${r.matcher ?? '*'}"`).join(', ')})`
    : "AgentGuard's entry was altered";
}

/**
 * Why a hook file's `text` takes AgentGuard away from a call of `tool`, said
 * after the file's name, or undefined: AgentGuard's entries no longer as
 * `written` (entries of `written.host`, where it holds any), or what the
 * shadow rule of `host` finds (`rel`: which of its shadow files the text is;
 * no `host`: a file of the user level, which no workspace rule is for). A
 * handler is AgentGuard's only as `own` says, never by the program's name.
 */
export function hookFileProblem(
  text: string,
  host: HostId | undefined,
  rel: string,
  tool: string,
  own: OwnHooks,
  written?: { host: HostId; entries?: readonly HookEntry[] },
): string | undefined {
  if (written?.entries?.length) {
    const change = entryChange(written.entries, agentGuardEntries(written.host, text));
    if (change) return `changed since install: ${change}`;
  }
  const shadow = host && hostAdapter(host).shadow;
  if (!host || !shadow?.shadows) return undefined;
  // Only the command install writes for this host (another host's hook reads the call as that host's), or for a
  // host whose hook files this one loads too.
  const hosts = [host, ...(shadow.sharedWith ?? [])];
  const ours = (command: unknown): boolean => isOurHookCommand(command, own.launchers, hosts);
  return shadow.shadows(text, tool, ours, rel, (to) => ownDelegate(to, own.delegates));
}

/**
 * The text of the program a delegate rule names, where it is one install
 * writes (one of `delegates`), bounded and never through a link at the
 * program itself: what cannot be read is not AgentGuard's. The folders on
 * the way are compared as real paths, so a workspace reached through a link
 * still finds its own program.
 */
function ownDelegate(to: string, delegates: readonly string[]): string | undefined {
  if (delegates.includes(to)) return readRegularText(to, MAX_DELEGATE_BYTES);
  const real = realFolderOf(to);
  return real !== undefined && delegates.some((d) => realFolderOf(d) === real)
    ? readRegularText(real, MAX_DELEGATE_BYTES)
    : undefined;
}

/** `file` (absolute) with the links of its folders resolved, but not a link at `file` itself; undefined when it cannot be. */
function realFolderOf(file: string): string | undefined {
  // A path ending in a separator names a folder, never the program; an absurdly long one is no path install wrote.
  if (file.length > MAX_PATH_CHARS || !path.isAbsolute(file) || /[\\/]$/.test(file)) return undefined;
  try {
    return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
  } catch {
    return undefined;
  }
}
