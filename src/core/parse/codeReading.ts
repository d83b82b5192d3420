// What reading a program's code found it runs, deletes and writes (interpreters.ts readCode).
export interface CodeReading {
  /** Shell command strings the code runs. */
  shell: string[];
  /** Commands run without a shell (`subprocess.run([...])`, `spawnSync('rm', [...])`). */
  argvs: string[][];
  /** Files removed, as `rm` would: path (or `$EXPR` when not a literal). */
  deletes: { path: string; recursive: boolean }[];
  /** Files written (replaced, or appended to), as `tee` / `tee -a` would: path or `$(EXPR)`. */
  writes: { path: string; append: boolean }[];
  /** Code decoded at run time and evaluated: cannot be read statically. */
  obfuscated: boolean;
  /** More calls than MAX_CODE_MATCHES: those past the bound were not read, so the code is asked about, never quiet. */
  unread: boolean;
  /** Why the code reaches a shell-out by a route nothing static can name (codeRoutes.ts), when it does. */
  unknownRoute?: string;
  /** The code evaluates what it reads on stdin: the stdin file runs as code. */
  stdinCode?: boolean;
  /**
   * Strings of `shell` passed to a call whose name only may run a shell (`cursor.execute('SELECT …')`, `run('…')`):
   * judged where they read as commands, and left alone where they do not, as SQL does not.
   */
  guessed?: Set<string>;
}
