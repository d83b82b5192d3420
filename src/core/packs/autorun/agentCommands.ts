// Agent hosts' own custom commands, skills and subagents run shell text
// when a human later types their name: Claude Code and OpenCode run each
// !`cmd` of a command or skill file before the prompt is sent, Gemini CLI
// and Qwen Code each !{cmd} of a command's TOML, and a skill's or
// subagent's front matter may declare hooks whose `command:` runs on the
// host's events. A file there is where the agent leaves code for the human
// to start without reading it; its prompt text runs nothing.
import type * as Crypto from 'node:crypto';

/** The host folders that hold such files, and the folders inside them that the host reads. */
const HOST_FOLDERS = new Set(['.claude', '.gemini', '.qwen', '.opencode']);
/** The same, two folders deep: OpenCode's settings folder in the home. */
const NESTED_HOST_FOLDERS = new Set(['.config/opencode']);
const COMMAND_FOLDERS = new Set(['commands', 'command', 'skills', 'agents', 'agent']);

/** Folders, relative to a project or the home, whose files a host reads as commands, skills or subagents. */
export const AGENT_COMMAND_DIRS = [
  '.claude/commands',
  '.claude/skills',
  '.claude/agents',
  '.gemini/commands',
  '.qwen/commands',
  '.opencode/command',
  '.opencode/commands',
  '.opencode/agent',
];
/** OpenCode's own folders in the home. */
export const AGENT_COMMAND_DIRS_HOME = [
  '.config/opencode/command',
  '.config/opencode/commands',
  '.config/opencode/agent',
];

/** Whether a path (split into segments) is a command, skill or subagent file some host reads. */
export function isAgentCommandFile(segments: readonly string[], lowerBase: string): boolean {
  if (!lowerBase.endsWith('.md') && !lowerBase.endsWith('.toml')) return false;
  for (let i = segments.length - 3; i >= 0; i--) {
    if (!COMMAND_FOLDERS.has(segments[i + 1])) continue;
    const host = segments[i];
    if (HOST_FOLDERS.has(host) || NESTED_HOST_FOLDERS.has(`${segments[i - 1]}/${host}`)) return true;
  }
  return false;
}

/** One thing the file runs (the shape of content.ts's entries). */
interface Entry {
  name: string;
  code: string;
}

const MAX_ENTRIES = 64;
const MAX_TEXT = 256 * 1024;
/** A `!{…}` longer than this is read as running everything after it. */
const MAX_INJECTION = 4096;

/** Claude Code's and OpenCode's !`cmd`: a bang, then inline code. */
const BANG_BACKTICK = /!`([^`\n]+)`/g;
/** `command:` keys of hooks declared in a front matter block. */
const FRONT_MATTER_COMMAND = /^\s*-?\s*command\s*:\s*(.+)$/;

/** Gemini CLI's and Qwen Code's !{cmd}, braces balanced inside it. */
function braceInjections(text: string, out: Entry[]): void {
  for (let at = text.indexOf('!{'); at !== -1 && out.length < MAX_ENTRIES; at = text.indexOf('!{', at + 2)) {
    let depth = 0;
    let end = -1;
    const stop = Math.min(text.length, at + 2 + MAX_INJECTION);
    for (let i = at + 1; i < stop; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) {
        end = i;
        break;
      }
    }
    // Unclosed or past the bound: what follows may all be the command, so it is planted, never dropped.
    const code = end === -1 ? text.slice(at + 2, at + 2 + MAX_INJECTION) : text.slice(at + 2, end);
    out.push({ name: `!{${code.trim().slice(0, 40)}}`, code: code.trim() || '!{' });
    if (end === -1) return;
  }
}

function frontMatterCommands(text: string, out: Entry[]): void {
  const lines = text.split('\n', 512);
  if (lines[0]?.trim() !== '---') return;
  for (let i = 1; i < lines.length && out.length < MAX_ENTRIES; i++) {
    if (lines[i].trim() === '---') return;
    const m = FRONT_MATTER_COMMAND.exec(lines[i]);
    if (m)
      out.push({ name: `hook command: ${m[1].trim().slice(0, 40)}`, code: m[1].trim().replace(/^["']|["']$/g, '') });
  }
}

/** What a command, skill or subagent file runs in a shell: its injected commands and its hooks. */
export function agentCommandEntries(text: string): Entry[] {
  const out: Entry[] = [];
  const read = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  frontMatterCommands(read, out);
  if (read.includes('!`')) {
    BANG_BACKTICK.lastIndex = 0;
    for (let m = BANG_BACKTICK.exec(read); m && out.length < MAX_ENTRIES; m = BANG_BACKTICK.exec(read))
      out.push({ name: `!\`${m[1].trim().slice(0, 40)}\``, code: m[1].trim() });
  }
  if (read.includes('!{')) braceInjections(read, out);
  // Past what was read, or past the entries kept: the rest is one entry, so a change there is planted.
  if (text.length > MAX_TEXT || out.length >= MAX_ENTRIES) {
    // Loaded only here: a harmless call never needs it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const digest = (require('node:crypto') as typeof Crypto)
      .createHash('sha256')
      .update(text)
      .digest('hex')
      .slice(0, 16);
    out.push({ name: 'text not read', code: `${text.length} characters, too many to read (sha256 ${digest})` });
  }
  return out;
}
