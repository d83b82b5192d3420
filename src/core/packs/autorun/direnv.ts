// An .envrc is shell code direnv runs on every entry into the folder once the
// user has allowed it, so a write of one plants what it says. A line that only
// calls direnv's own standard library with plain words (`use node`, `layout
// python3`, `dotenv`) selects a toolchain or loads a .env the way direnv
// documents: it is what most .envrc files hold, and plants no code of the
// writer's own. Anything else (an export, a `source_env`, a `PATH_add` that
// puts a folder's programs first, a function of its own) stays code.

/** direnv stdlib calls that pick a toolchain, a layout or a .env by name. */
const STDLIB_CALL =
  /^(?:use|layout|dotenv|dotenv_if_exists|watch_file|strict_env|unstrict_env|direnv_version)(?:\s+[\w.@/:+=-]+){0,4}\s*$/;

/** `text` without its comments, blank lines and plain stdlib calls: the code of the writer's own it holds. */
export function envrcOwnCode(text: string): string {
  const lines = text.split('\n');
  // A line continued onto the next reads as one command with it: kept whole, so nothing hides past the `\`.
  if (lines.some((l) => l.trimEnd().endsWith('\\'))) return text;
  return lines
    .filter((l) => {
      const t = l.trim();
      return t !== '' && !t.startsWith('#') && !STDLIB_CALL.test(t);
    })
    .join('\n');
}
