// Which shell a command line is written for, when nobody said. The host
// tells where it can (Copilot CLI's `powershell` tool, a `shell` field);
// otherwise the line's own syntax does: cmdlets (`Remove-Item`), `$env:`,
// .NET calls (`[IO.File]::`) are PowerShell; cmd's built-ins with `/`
// switches (`rd /s`, `del /q`) are cmd. On Windows a line that reads as
// neither is judged by bash and PowerShell both (Git Bash and PowerShell are
// the shells agents run there), and the stricter answer wins.
import type { ShellName } from '../types';
import type { Dialect } from './normalize/scope';

// Verb-Noun with PowerShell's approved verbs, as a command word: the verb after the start or one of
// `\s;|&({`, a capital and at least one more letter or digit after its hyphen, and no `_` after those.
// Looked up in a Set at each hyphen rather than by one regular expression of the 150 verbs, which V8
// compiled at its first use (about 0.8 ms in a fresh hook process) for every line with `-X`-like flags.
const CMDLET_VERBS: ReadonlySet<string> = new Set(
  'Add|Clear|Close|Copy|Enter|Exit|Find|Format|Get|Hide|Join|Lock|Move|New|Open|Optimize|Pop|Push|Redo|Remove|Rename|Reset|Resize|Search|Select|Set|Show|Skip|Split|Step|Switch|Undo|Unlock|Watch|Connect|Disconnect|Read|Receive|Send|Write|Backup|Checkpoint|Compare|Compress|Convert|ConvertFrom|ConvertTo|Dismount|Edit|Expand|Export|Group|Import|Initialize|Limit|Merge|Mount|Out|Publish|Restore|Save|Sync|Unpublish|Update|Approve|Assert|Build|Complete|Confirm|Deny|Deploy|Disable|Enable|Install|Invoke|Register|Request|Restart|Resume|Start|Stop|Submit|Suspend|Uninstall|Unregister|Wait|Debug|Measure|Ping|Repair|Resolve|Test|Trace|Block|Grant|Protect|Revoke|Unblock|Unprotect|Use|ForEach|Where|Tee'.split(
    '|',
  ),
);
const SPACE_RE = /\s/;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLetter = (c: number): boolean => isUpper(c) || (c >= 97 && c <= 122);
const isAlnum = (c: number): boolean => isLetter(c) || (c >= 48 && c <= 57);

/** Whether the line holds a cmdlet name as a command word (what `(?:^|[\s;|&({])(?:VERB)-[A-Z][A-Za-z0-9]+\b` matches). */
export function hasCmdlet(command: string): boolean {
  // Each hyphen is looked at once: the loop is bounded by the line's length.
  for (let dash = command.indexOf('-'); dash !== -1; dash = command.indexOf('-', dash + 1)) {
    let start = dash;
    while (start > 0 && isLetter(command.charCodeAt(start - 1))) start--;
    if (start === dash) continue;
    if (start > 0) {
      const before = command[start - 1];
      if (!';|&({'.includes(before) && !SPACE_RE.test(before)) continue;
    }
    if (!CMDLET_VERBS.has(command.slice(start, dash))) continue;
    if (!isUpper(command.charCodeAt(dash + 1))) continue;
    let end = dash + 2;
    while (end < command.length && isAlnum(command.charCodeAt(end))) end++;
    // `\b` after the noun: a word character (`_`) right after it is no boundary.
    if (end > dash + 2 && command[end] !== '_') return true;
  }
  return false;
}
const PWSH_RE =
  /\$env:[A-Za-z_]|\[(?:System\.)?[A-Z][A-Za-z.]*\]::|\|\s*(?:%|\?|iex|foreach)\s*[{(]|\$(?:true|false|null|PSScriptRoot|PSItem|_)\b|@\{\s*[A-Za-z'"]|(?:^|\s)-(?:Recurse|Force|ErrorAction|ExecutionPolicy|NoProfile|Path|Filter|Encoding)\b/;
const CMD_RE =
  /(?:^|[\s&|(@])(?:rd|rmdir|del|erase|copy|move|xcopy|dir|type|start|ren)\s+(?:[^&|]*\s)?\/[A-Za-z?](?:\s|$|\/|:)|(?:^|[\s&|(])(?:set\s+"?[A-Za-z_]\w*=|echo\s+off\b|if\s+(?:not\s+)?exist\s|for\s+\/[fdlr]\s)/i;
const CMD_VAR_RE = /%[A-Za-z_]\w*%/;
// What each of the two above cannot match without: V8 compiles a regular expression at its first use
// (about 0.4 ms each in a fresh hook process), and most lines hold none of these. Each alternative of
// PWSH_RE needs `$env:`, `$t`/`$f`/`$n`/`$P`/`$_`, `]::`, `|`, `@{` or `-` and one of its switches' capitals;
// each of CMD_RE needs one of its words and a space with a `/` somewhere, `=`, `off` or `exist`.
const MAY_BE_PWSH = /\$(?:env:|[tfnP_])|\]::|[|]|@\{|-[REFNP]/;
const MAY_BE_CMD_WORD = /(?:rd|del|erase|copy|move|dir|type|start|ren|for)\s/i;
const MAY_BE_CMD_OTHER = /=|off|exist/i;
const mayBeCmd = (command: string): boolean =>
  (command.includes('/') && MAY_BE_CMD_WORD.test(command)) || MAY_BE_CMD_OTHER.test(command);

export interface DialectHint {
  /** The shell the caller names (`bash`, `pwsh`, `powershell`, `cmd`), when it does. */
  shell?: string;
  /** The target machine runs Windows. */
  windows: boolean;
}

/** Every shell a request may name (`check --shell`, a batch row's or a host's `shell`). */
export const SHELL_NAMES: readonly ShellName[] = ['bash', 'sh', 'dash', 'ksh', 'zsh', 'fish', 'pwsh', 'cmd'];

/** The shell a `shell` value names; undefined for anything else. POSIX shells are read by the bash reader. */
export function dialectOf(shell: string | undefined): Dialect | undefined {
  switch (
    shell
      ?.toLowerCase()
      .replace(/\.exe$/, '')
      .replace(/^.*[\\/]/, '')
  ) {
    case 'bash':
    case 'sh':
    case 'dash':
    case 'ksh':
    case 'mksh':
    case 'ash':
    case 'posix':
    case 'shell':
      return 'bash';
    case 'zsh':
      return 'zsh';
    case 'fish':
      return 'fish';
    case 'pwsh':
    case 'powershell':
      return 'pwsh';
    case 'cmd':
      return 'cmd';
    default:
      return undefined;
  }
}

/** The readers to judge a line with; several when it is not clear, and the stricter answer wins. */
export function dialectsFor(command: string, hint: DialectHint): Dialect[] {
  const named = dialectOf(hint.shell);
  if (named) return [named];
  const pwsh = hasCmdlet(command) || (MAY_BE_PWSH.test(command) && PWSH_RE.test(command));
  const cmd = (mayBeCmd(command) && CMD_RE.test(command)) || (hint.windows && CMD_VAR_RE.test(command));
  if (!hint.windows) {
    // A POSIX machine runs bash; a line that also reads as PowerShell or cmd is judged that way too.
    const out: Dialect[] = ['bash'];
    if (pwsh) out.push('pwsh');
    if (cmd) out.push('cmd');
    return out;
  }
  const out: Dialect[] = [];
  if (pwsh) out.push('pwsh');
  if (cmd) out.push('cmd');
  return out.length ? out : ['pwsh', 'bash'];
}
