// HISTFILE names the file an interactive shell writes its history into (on
// exit, and at `history -w` / `-a`): `HISTFILE=~/.bashrc bash -ic 'history -w'`
// writes the commands typed into the start-up file, which every later shell
// then runs. A HISTFILE set on the line is judged as the append it makes
// (`tee -a FILE`), so a start-up file or AgentGuard's own state asks as a
// write there does, and a history file of one's own stays quiet.
import { UNKNOWN } from '../dynamic';
import type { Scope, Walker } from '../normalize/scope';

/** History variables of bash and zsh (zsh reads the same name; ksh and mksh too). */
const HISTORY_FILE_VARIABLES = new Set(['HISTFILE']);

export function noteHistoryFile(name: string, value: string, scope: Scope, w: Walker): void {
  if (!HISTORY_FILE_VARIABLES.has(name) || !value.trim() || value === '/dev/null') return;
  // A file named only at run time: where history lands is not known, as with any write to `$X`.
  const dynamic = value.includes(UNKNOWN) || /[$`]/.test(value);
  const file = value.split(UNKNOWN).join('');
  w.emit(
    {
      argv: ['tee', '-a', file],
      dynamic: [false, false, dynamic],
      redirects: [],
      env: { ...scope.vars },
      source: `${name}=${file}: the shell writes its history there`,
    },
    { ...scope, via: [...scope.via, name], depth: scope.depth + 1 },
  );
}
