// Which shell a command line is written for, when nobody said. The host
// tells where it can (Copilot CLI's `powershell` tool, a `shell` field);
// otherwise the line's own syntax does: cmdlets (`Remove-Item`), `$env:`,
// .NET calls (`[IO.File]::`) are PowerShell; cmd's built-ins with `/`
// switches (`rd /s`, `del /q`) are cmd. On Windows a line that reads as
// neither is judged by bash and PowerShell both (Git Bash and PowerShell are
// the shells agents run there), and the stricter answer wins.
import type { ShellName } from '../types';
import type { Dialect } from './normalize/scope';

// Verb-Noun with PowerShell's approved verbs, as a command word.
const CMDLET_RE =
  /(?:^|[\s;|&({])(?:Add|Clear|Close|Copy|Enter|Exit|Find|Format|Get|Hide|Join|Lock|Move|New|Open|Optimize|Pop|Push|Redo|Remove|Rename|Reset|Resize|Search|Select|Set|Show|Skip|Split|Step|Switch|Undo|Unlock|Watch|Connect|Disconnect|Read|Receive|Send|Write|Backup|Checkpoint|Compare|Compress|Convert|ConvertFrom|ConvertTo|Dismount|Edit|Expand|Export|Group|Import|Initialize|Limit|Merge|Mount|Out|Publish|Restore|Save|Sync|Unpublish|Update|Approve|Assert|Build|Complete|Confirm|Deny|Deploy|Disable|Enable|Install|Invoke|Register|Request|Restart|Resume|Start|Stop|Submit|Suspend|Uninstall|Unregister|Wait|Debug|Measure|Ping|Repair|Resolve|Test|Trace|Block|Grant|Protect|Revoke|Unblock|Unprotect|Use|ForEach|Where|Tee)-[A-Z][A-Za-z0-9]+\b/;
const PWSH_RE =
  /\$env:[A-Za-z_]|\[(?:System\.)?[A-Z][A-Za-z.]*\]::|\|\s*(?:%|\?|iex|foreach)\s*[{(]|\$(?:true|false|null|PSScriptRoot|PSItem|_)\b|@\{\s*[A-Za-z'"]|(?:^|\s)-(?:Recurse|Force|ErrorAction|ExecutionPolicy|NoProfile|Path|Filter|Encoding)\b/;
const CMD_RE =
  /(?:^|[\s&|(@])(?:rd|rmdir|del|erase|copy|move|xcopy|dir|type|start|ren)\s+(?:[^&|]*\s)?\/[A-Za-z?](?:\s|$|\/|:)|(?:^|[\s&|(])(?:set\s+"?[A-Za-z_]\w*=|echo\s+off\b|if\s+(?:not\s+)?exist\s|for\s+\/[fdlr]\s)/i;
const CMD_VAR_RE = /%[A-Za-z_]\w*%/;
// What each of the three above cannot match without: V8 compiles a regular expression at its first use
// (about 1.5 ms for these in a fresh hook process), and most lines hold none of these characters.
const MAY_BE_CMDLET = /-[A-Z]/;
const MAY_BE_PWSH = /[$@|]|::|-[A-Z]/;
const MAY_BE_CMD = /[/=]|off|exist/i;

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
  const pwsh =
    (MAY_BE_CMDLET.test(command) && CMDLET_RE.test(command)) || (MAY_BE_PWSH.test(command) && PWSH_RE.test(command));
  const cmd = (MAY_BE_CMD.test(command) && CMD_RE.test(command)) || (hint.windows && CMD_VAR_RE.test(command));
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
