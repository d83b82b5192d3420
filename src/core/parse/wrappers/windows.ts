// Windows shells as wrappers, from any dialect: `powershell|pwsh -Command …`
// (and `-EncodedCommand`, base64 of UTF-16LE text, decoded), `-File x.ps1`,
// `cmd /c|/k …`, `wsl … CMD` (bash inside Windows), `runas`, `gsudo`. The
// code they run is walked in its own language.
import type { Pending, Scope, Walker } from '../normalize/scope';
import { codeFromStdin } from './shells';
import { joinForShell, slice, type UnwrapStep } from './common';

const PS_VALUE_OPTIONS =
  /^(?:executionpolicy|ep|ex|windowstyle|w|win|outputformat|of|o|inputformat|if|inp|version|v|psconsolefile|configurationname|config|workingdirectory|wd|custompipename|settingsfile|settings)$/;
const MAX_ENCODED_CHARS = 128 * 1024;

/** A PowerShell option as a lower-case name without its `-` or `/` (`-NoP` → `nop`). */
function psOption(word: string): string | undefined {
  const m = /^[-/]{1,2}([A-Za-z][A-Za-z0-9]*)(?::.*)?$/.exec(word);
  return m ? m[1].toLowerCase() : undefined;
}

const isPrefixOf = (written: string, full: string, min: number) => written.length >= min && full.startsWith(written);

export function unwrapPowerShell(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  const via = argv[0];
  let cwd: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const opt = psOption(argv[i]);
    if (opt === undefined) {
      // A script path runs it (pwsh's default); anything else is a command (Windows PowerShell's default).
      if (/\.ps1$/i.test(argv[i]) && !p.dynamic[i]) return scriptFile(p, i, scope, w, cwd);
      return command(p, i, `${via} -Command`, cwd);
    }
    if (opt === 'c' || opt === 'command' || isPrefixOf(opt, 'command', 3))
      return command(p, i + 1, `${via} -Command`, cwd);
    if (opt === 'e' || opt === 'ec' || isPrefixOf(opt, 'encodedcommand', 2)) return encoded(p, i + 1, via, cwd);
    if (opt === 'f' || isPrefixOf(opt, 'file', 2))
      return i + 1 < argv.length ? scriptFile(p, i + 1, scope, w, cwd) : undefined;
    if (opt === 'workingdirectory' || opt === 'wd') cwd = argv[i + 1];
    if (PS_VALUE_OPTIONS.test(opt) && !argv[i].includes(':')) i++;
  }
  // No command: PowerShell reads its commands from stdin (`… | powershell -`).
  return codeFromStdin(p, via, w, (text) => ({ kind: 'script', text, via, dialect: 'pwsh' }));
}

function command(p: Pending, from: number, via: string, cwd: string | undefined): UnwrapStep | undefined {
  if (from >= p.argv.length) return undefined;
  if (p.argv[from] === '-') return undefined;
  if (p.dynamic.slice(from).some(Boolean)) {
    // Code only known at run time: a program nobody can name.
    return {
      kind: 'command',
      next: { ...slice(p, from), argv: [joinForShell(p.argv.slice(from))], dynamic: [true] },
      via,
    };
  }
  return { kind: 'script', text: p.argv.slice(from).join(' '), via, dialect: 'pwsh', ...(cwd ? { cwd } : {}) };
}

function encoded(p: Pending, at: number, via: string, cwd: string | undefined): UnwrapStep | undefined {
  const value = p.argv[at];
  if (value === undefined) return undefined;
  if (p.dynamic[at] || value.length > MAX_ENCODED_CHARS)
    return {
      kind: 'command',
      next: { ...slice(p, at), argv: [value], dynamic: [true] },
      via: `${via} -EncodedCommand`,
    };
  const text = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf16le');
  return { kind: 'script', text, via: `${via} -EncodedCommand`, dialect: 'pwsh', ...(cwd ? { cwd } : {}) };
}

function scriptFile(p: Pending, at: number, scope: Scope, w: Walker, cwd: string | undefined): UnwrapStep | undefined {
  const file = p.argv[at];
  if (p.dynamic[at]) return undefined;
  const text = w.ctx.readFile(file.replace(/\\/g, '/'), scope.cwd);
  return text === undefined
    ? undefined
    : {
        kind: 'script',
        text,
        via: `${p.argv[0]} -File ${file}`,
        dialect: 'pwsh',
        lenient: true,
        alsoEmit: true,
        ...(cwd ? { cwd } : {}),
      };
}

/** `cmd /c TEXT`, `cmd /k TEXT`, `cmd /s /d /c "…"`; without them cmd reads stdin. */
export function unwrapCmd(p: Pending, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const m = /^\/([A-Za-z])(?::\S*)?(.*)$/.exec(a);
    if (!m) break;
    const letter = m[1].toLowerCase();
    if (letter === 'c' || letter === 'k' || letter === 'r') {
      // `/cdel x` is `/c del x`: cmd reads what follows the switch as the command.
      const rest = [...(m[2] ? [m[2]] : []), ...argv.slice(i + 1)];
      if (!rest.length) return undefined;
      if (p.dynamic.slice(i).some(Boolean))
        return {
          kind: 'command',
          next: { ...slice(p, i + 1), argv: [rest.join(' ')], dynamic: [true] },
          via: 'cmd /c',
        };
      return { kind: 'script', text: rest.join(' '), via: 'cmd /c', dialect: 'cmd' };
    }
  }
  return codeFromStdin(p, 'cmd', w, (text) => ({ kind: 'script', text, via: 'cmd', dialect: 'cmd' }));
}

const WSL_VALUE_OPTIONS = new Set(['-d', '--distribution', '-u', '--user', '--cd', '--distribution-id']);

/** `wsl [-d X] [-u Y] [--cd D] [--] CMD…` runs CMD in Linux's shell; `wsl -e CMD` runs it without one. */
export function unwrapWsl(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  let i = 1;
  while (i < argv.length) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-e' || a === '--exec')
      return i + 1 < argv.length ? { kind: 'command', next: slice(p, i + 1), via: 'wsl --exec' } : undefined;
    if (WSL_VALUE_OPTIONS.has(a)) {
      i += 2;
      continue;
    }
    // Management (`--unregister`, `--shutdown`, `--install`): wsl itself acts, judged by its pack.
    if (a.startsWith('-')) return undefined;
    break;
  }
  return i < argv.length ? { kind: 'script', text: joinForShell(argv.slice(i)), via: 'wsl' } : undefined;
}

/** `runas /user:NAME "PROGRAM ARGS"`: the quoted command line runs as that user. */
export function unwrapRunas(p: Pending): UnwrapStep | undefined {
  const rest = p.argv.slice(1).filter((a) => !a.startsWith('/'));
  if (!rest.length) return undefined;
  return { kind: 'script', text: rest.join(' '), via: 'runas', dialect: 'cmd' };
}

/** `schtasks /create … /tr "PROGRAM ARGS"`: the task's command line runs later, unattended; it is read now. */
export function unwrapSchtasks(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  if (!argv.some((a) => /^[/-]create$/i.test(a))) return undefined;
  const at = argv.findIndex((a) => /^[/-]tr$/i.test(a));
  const text = at === -1 ? undefined : argv[at + 1];
  if (text === undefined || p.dynamic[at + 1]) return undefined;
  return { kind: 'script', text, via: 'schtasks /tr', dialect: 'cmd', alsoEmit: true };
}
