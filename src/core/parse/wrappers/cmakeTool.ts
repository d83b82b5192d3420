// `cmake -E` is a portable toolbox: `cmake -E rm -rf DIR`,
// `remove_directory`, `copy`, `rename`, `create_symlink`, `chdir DIR CMD`,
// `env VAR=x CMD`, `time CMD`. Each tool is the shell command it stands for,
// judged as that command (a CMakeLists.txt's `${CMAKE_COMMAND} -E …` too).
import { shellWord } from '../../text/shellWord';
import type { Pending } from '../normalize/scope';
import type { UnwrapStep } from './common';

/** Tools whose words carry over to one shell program as they are. */
const SAME_WORDS: Readonly<Record<string, readonly string[]>> = Object.assign(Object.create(null) as object, {
  rm: ['rm'],
  remove: ['rm', '-f'],
  remove_directory: ['rm', '-rf'],
  copy: ['cp'],
  copy_if_different: ['cp'],
  copy_if_newer: ['cp'],
  copy_directory: ['cp', '-r'],
  copy_directory_if_different: ['cp', '-r'],
  rename: ['mv'],
  create_symlink: ['ln', '-s'],
  create_hardlink: ['ln'],
  make_directory: ['mkdir', '-p'],
  touch: ['touch'],
  touch_nocreate: ['touch', '-c'],
  tar: ['tar'],
  cat: ['cat'],
  env: ['env'],
  time: [],
});

const line = (words: readonly string[]) => words.map(shellWord).join(' ');

/** The shell line a `cmake -E TOOL ARGS…` call amounts to, when its tool changes or runs something. */
export function cmakeTool(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  const at = argv.indexOf('-E');
  if (at !== 1) return undefined;
  const tool = argv[2] ?? '';
  const args = argv.slice(3);
  const via = `cmake -E ${tool}`;
  if (tool === 'chdir') {
    // `cmake -E chdir DIR CMD ARGS…`: CMD runs in DIR.
    return args.length >= 2
      ? { kind: 'script', text: `cd ${shellWord(args[0])} && ${line(args.slice(1))}`, via }
      : undefined;
  }
  const program = SAME_WORDS[tool];
  if (!program) return undefined;
  const words = [...program, ...args];
  return words.length ? { kind: 'script', text: line(words), via } : undefined;
}
