// `agentguard doctor`'s word on the two homes (core/state/homes.ts): said
// only when HOME is not the account's home, since then the places AgentGuard
// trusts and the `~` a command names are different folders.
import { homesApart } from '../core/frontdoor/launch';

export function homeLines(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const apart = homesApart(env);
  if (!apart) return [];
  return [
    `home       HOME is ${apart.shell}, not your account's home ${apart.account}`,
    `           AgentGuard's state folder, the editor's launcher and hook files, and the terminal gate's start-up lines are under ${apart.account}; \`~\` in an agent's command is judged as ${apart.shell}`,
    `           hook files and the launcher this command installs or checks follow HOME: run agentguard with HOME=${apart.account} to wire what the editor and the hooks use`,
  ];
}
