// The Seatbelt profile (macOS, `sandbox-exec -p`): the same rules as the
// bubblewrap profile in Apple's sandbox language. Everything is allowed but
// writing, which is allowed only in the writable folders (routine) or
// everywhere (approved); AgentGuard's own files and the autorun places are
// denied for writing after that (the later rule wins), with their parent
// folders denied renaming so a protected file cannot be moved away and
// replaced; Unix sockets of the display server and the editor cannot be
// connected to; Apple Events (which drive other apps, the editor included)
// cannot be sent. It cannot run on Linux: it is checked as text here.
import * as path from 'node:path';
import type { Places, Profile } from './places';
import { shellQuote } from './bwrap';

/** A string in the profile language: backslashes and quotes escaped. */
function sbString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** macOS resolves /tmp and /var to /private/…: a rule must name the real path too. */
function spellings(p: string): string[] {
  const out = [p];
  for (const prefix of ['/tmp', '/var', '/etc'])
    if (p === prefix || p.startsWith(prefix + '/')) out.push('/private' + p);
  return out;
}

function filters(kind: 'subpath' | 'literal', paths: readonly string[]): string {
  return paths
    .flatMap(spellings)
    .map((p) => `(${kind} ${sbString(p)})`)
    .join(' ');
}

function ancestorsBelow(p: string, roots: readonly string[]): string[] {
  const out: string[] = [];
  const root = roots.filter((r) => r === '/' || p.startsWith(r + '/')).sort((a, b) => b.length - a.length)[0];
  if (!root) return out;
  for (let d = path.dirname(p), i = 0; d !== '/' && d !== path.dirname(root) && i < 32; d = path.dirname(d), i++) {
    out.push(d);
    if (d === root) break;
  }
  return out;
}

export function seatbeltProfile(places: Places, profile: Profile): string {
  const lines = ['(version 1)', '(allow default)'];
  if (profile === 'routine') {
    lines.push('(deny file-write*)');
    // Devices a command writes to as a matter of course.
    lines.push(
      `(allow file-write* ${filters('subpath', places.writable)} (literal "/dev/null") (literal "/dev/zero") (literal "/dev/tty") (regex #"^/dev/fd/") (regex #"^/dev/ttys[0-9]+$"))`,
    );
  }
  if (places.readOnly.length) {
    lines.push(`(deny file-write* ${filters('subpath', places.readOnly)})`);
    const roots = profile === 'approved' ? ['/'] : places.writable;
    const parents = [...new Set(places.readOnly.flatMap((p) => ancestorsBelow(p, roots)))];
    if (parents.length) lines.push(`(deny file-write-unlink file-write-create ${filters('literal', parents)})`);
  }
  const sockets = places.hidden.map(
    (h) => `(remote unix-socket (${h.kind === 'dir' ? 'subpath' : 'literal'} ${sbString(h.path)}))`,
  );
  if (sockets.length) lines.push(`(deny network-outbound ${sockets.join(' ')})`);
  // The editor's own IPC sockets live under the per-user temp folder on macOS.
  lines.push(
    '(deny network-outbound (remote unix-socket (regex #"/(vscode|cursor|windsurf|code-server)[^/]*\\.sock$")))',
  );
  lines.push('(deny appleevent-send)');
  for (const k of places.reexposed)
    lines.push(`(allow network-outbound (remote unix-socket (literal ${sbString(k)})))`);
  return lines.join('\n') + '\n';
}

/** The words before the command: sandbox-exec with the profile, the environment, the shell that reads the command. */
export function seatbeltPrefix(o: { sandboxExec: string; shell: string; places: Places; profile: Profile }): string[] {
  const env = [
    '/usr/bin/env',
    ...o.places.unset.flatMap((n) => ['-u', n]),
    ...(o.places.path !== undefined ? [`PATH=${o.places.path}`] : []),
    `AGENTGUARD_CONFINED=${o.profile}`,
  ];
  return [o.sandboxExec, '-p', seatbeltProfile(o.places, o.profile), ...env, o.shell, '-c'];
}

/** The command line a host runs instead of `command` on macOS (`prefix`: seatbeltPrefix(o), when worked out already). */
export function seatbeltCommandLine(
  command: string,
  o: { sandboxExec: string; shell: string; places: Places; profile: Profile },
  prefix = seatbeltPrefix(o),
): string {
  return [...prefix, command].map(shellQuote).join(' ');
}
