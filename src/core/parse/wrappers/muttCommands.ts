// mutt's and neomutt's `-e CMD` lines are muttrc commands, and some run a
// program: `set sendmail="CMD"` (run to send every mail), the other settings
// that hold a command (`editor`, `display_filter`, `query_command`,
// `new_mail_command`, `tunnel`, the `pgp_*_command`/`smime_*_command`…), a
// backquoted `` `CMD` `` (mutt runs it to expand the line), and `source "CMD|"`.
// Each command is read as a command line of its own, as sideCommands reads
// the others.
import { optionValues } from '../../command/args';

/** mutt settings whose value is a command line mutt runs. */
const COMMAND_SETTING =
  /^(?:sendmail|editor|visual|display_filter|query_command|new_mail_command|print_command|ispell|inews|shell|tunnel|account_command|mime_type_query_command|external_search_command|pager|(?:pgp|smime)_\w+_command|\w+_hook_command)$/;

/** Most commands read from one mutt call's `-e` lines: far more than a hand-written line sets. */
const MAX_COMMANDS = 32;

/** A muttrc value as mutt reads it: quoted ('…' or "…", with `\` escapes in the double form) or a bare word. */
function muttValue(v: string): string {
  const m = /^\s*"((?:[^"\\]|\\.)*)"|^\s*'([^']*)'/.exec(v);
  if (m) return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
  return v.trim().split(/\s+/)[0] ?? '';
}

export function muttCommands(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of optionValues(argv, ['-e'])) {
    for (const m of line.matchAll(/`([^`]+)`/g)) out.push(m[1]);
    for (const m of line.matchAll(/\bset\s+(?:my_)?(\w+)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s;]+)/g))
      if (COMMAND_SETTING.test(m[1]) && muttValue(m[2]).trim()) out.push(muttValue(m[2]));
    for (const m of line.matchAll(/\bsource\s+("(?:[^"\\]|\\.)*"|'[^']*'|[^\s;]+)/g)) {
      const file = muttValue(m[1]).trim();
      // `source "CMD|"`: mutt runs CMD and takes what it prints as commands, which run programs of their own
      // (backquotes, `set sendmail`): judged as CMD's output run by a shell, as `source <(CMD)` is.
      if (file.endsWith('|')) out.push(`${file.slice(0, -1)} | sh`);
    }
    if (out.length >= MAX_COMMANDS) break;
  }
  return out.slice(0, MAX_COMMANDS);
}
