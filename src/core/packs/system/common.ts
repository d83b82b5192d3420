// What every system check shares: the help and version flags that make any
// tool harmless.

export const isHelp = (argv: readonly string[]) =>
  argv.includes('--help') || argv.includes('--version') || (argv.length === 2 && argv[1] === '-h');
