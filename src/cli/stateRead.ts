// The state folder a command that only reads state uses: the account's, or a
// relocation a human confirmed (core/state confirmedStateDir), never one the
// environment names on its own — an agent of the same user can set that, and
// fill the folder it names with a released kill switch or a fresh, intact
// audit log. Nothing is created; an ignored relocation is said on stderr, in
// the words the hook's launcher uses.
import { accountHome, confirmedStateDir, ignoredRelocationNote } from '../core/frontdoor/launch';

let said = false;

/** The folder to read state from; the first call of a process says when a relocation was ignored. */
export function readStateDir(command: string, env: NodeJS.ProcessEnv = process.env): string {
  const choice = confirmedStateDir(env, accountHome());
  const note = ignoredRelocationNote(choice);
  if (note && !said) process.stderr.write(`agentguard ${command}: ${note}\n`);
  said = true;
  return choice.dir;
}
