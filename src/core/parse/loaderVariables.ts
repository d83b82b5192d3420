// Variables that decide what the next program loads, set on the line to a
// place anyone can write: a temp folder first on PATH (`git` then resolves to
// whatever sits there), a library preloaded into every process (LD_PRELOAD,
// DYLD_INSERT_LIBRARIES), a module required into every node (NODE_OPTIONS
// --require), a search path for Python, Ruby, Perl or Java agents. The code
// loaded that way runs inside the next command without ever being judged.
// Folders of the project, of the system and of the user's own tool installs
// (node_modules/.bin, ~/.cargo/bin, /usr/local/cuda/lib64) are where such
// variables point every day, and say nothing. Values come expanded
// (`/tmp/bin:$PATH` arrives as `/tmp/bin:/usr/local/bin:…`).
import * as path from 'node:path';
import type { Finding } from '../types';
import { own, owns } from '../text/own';

export interface LoaderPlaces {
  tempDirs: readonly string[];
  cwd: string;
  /** The user's home: what lies below it is the user's own, even when it sits in a temp folder (a CI runner's or a sandbox's HOME). */
  home: string;
}

/** `p` is `dir` or below it (without building strings: this runs for every entry of every PATH set on a line). */
const under = (dir: string, p: string): boolean =>
  p.length === dir.length
    ? p === dir
    : p.length > dir.length && p.startsWith(dir) && (dir.endsWith('/') || p.charCodeAt(dir.length) === 47);
const SYSTEM_LIBS = [
  '/usr/lib',
  '/lib',
  '/usr/lib64',
  '/lib64',
  '/usr/local/lib',
  '/opt/homebrew',
  '/usr/local/opt',
  '/nix/store',
  '/System',
  '/usr/share',
];
const SYSTEM_BINS = new Set(['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin']);

/** `//`, `/./`, `/../` (or a trailing `/.`, `/..`): spellings path.normalize would change. */
const NOT_NORMAL = /\/\/|\/\.{1,2}(?:\/|$)/;

function resolve(entry: string, places: LoaderPlaces): string {
  // Most entries are absolute and clean already (`/usr/local/bin`): no need to normalize them.
  if (entry[0] === '/' && !NOT_NORMAL.test(entry)) return entry;
  return path.isAbsolute(entry) ? path.normalize(entry) : path.resolve(places.cwd, entry);
}

/** A place anyone on the machine can write to: the temp folders and shared memory. */
function writableByAnyone(entry: string, places: LoaderPlaces): boolean {
  if (!entry || entry.includes('$')) return false;
  // Most entries are clean absolute paths that do not even start like a temp folder (`/usr/bin`, `~/.cargo/bin`).
  if (
    entry[0] === '/' &&
    !NOT_NORMAL.test(entry) &&
    !entry.startsWith('/dev/shm') &&
    !places.tempDirs.some((t) => entry.startsWith(t))
  )
    return false;
  const abs = resolve(entry, places);
  const shared = places.tempDirs.find((t) => under(t, abs)) ?? (under('/dev/shm', abs) ? '/dev/shm' : undefined);
  if (shared === undefined) return false;
  // A home made inside a temp folder is still the user's own; a home above one (`/var` over `/var/tmp`) says nothing.
  const home = places.home;
  return !(home.length > shared.length && under(shared, home) && under(home, abs));
}

/** Where a library or agent file lives that is not the system's own. */
function notSystemLibrary(entry: string, places: LoaderPlaces): boolean {
  if (!entry || entry.includes('$')) return false;
  const abs = resolve(entry, places);
  return !SYSTEM_LIBS.some((d) => under(d, abs));
}

const LISTS = new Set([
  'PATH',
  'PYTHONPATH',
  'PERL5LIB',
  'RUBYLIB',
  'NODE_PATH',
  'GIT_EXEC_PATH',
  'LD_LIBRARY_PATH',
  'DYLD_LIBRARY_PATH',
  'DYLD_FRAMEWORK_PATH',
  'CLASSPATH',
]);
/** Libraries loaded into the next program, and glibc's conversion modules (`GCONV_PATH`: iconv and every charset conversion load them). */
const PRELOADS = new Set(['LD_PRELOAD', 'LD_AUDIT', 'DYLD_INSERT_LIBRARIES', 'GCONV_PATH']);
/** Option variables, and the options in them that load a file: `--require X`, `-rX`, `-javaagent:X`. */
const OPTION_VARS: Record<string, RegExp> = {
  NODE_OPTIONS: /(?:^|\s)(?:--require|-r|--import|--loader|--experimental-loader)(?:=|\s+)(\S+)/g,
  RUBYOPT: /(?:^|\s)-(?:r|I)\s*(\S+)/g,
  PERL5OPT: /(?:^|\s)-(?:M|m|I)-?\s*(\S+)/g,
  JAVA_TOOL_OPTIONS: /-(?:javaagent|agentpath):([^\s=]+)/g,
  _JAVA_OPTIONS: /-(?:javaagent|agentpath):([^\s=]+)/g,
  JDK_JAVA_OPTIONS: /-(?:javaagent|agentpath):([^\s=]+)/g,
  // The JVM options Maven, Gradle, sbt, Ant and most launch scripts pass to the java they start.
  MAVEN_OPTS: /-(?:javaagent|agentpath):([^\s=]+)/g,
  GRADLE_OPTS: /-(?:javaagent|agentpath):([^\s=]+)/g,
  JAVA_OPTS: /-(?:javaagent|agentpath):([^\s=]+)/g,
  SBT_OPTS: /-(?:javaagent|agentpath):([^\s=]+)/g,
  ANT_OPTS: /-(?:javaagent|agentpath):([^\s=]+)/g,
};

/**
 * Variables naming a file the next program runs or reads settings from: Python's interactive start-up script, the
 * file sh and dash run when interactive (ENV), .NET's start-up hook assemblies, git's global and system settings
 * (a pager, an editor, a filter, an ssh command there runs on the next git call), readline's key bindings (a macro
 * types its text into the next prompt). One in a place anyone can write loads whatever is put there.
 */
const FILE_VARS = new Set([
  // The JDK and Go toolchain the build tools run (`$JAVA_HOME/bin/java`, `$GOROOT/pkg/tool/…/compile`).
  'JAVA_HOME',
  'JDK_HOME',
  'GOROOT',
  'PYTHONSTARTUP',
  'ENV',
  'DOTNET_STARTUP_HOOKS',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'INPUTRC',
]);
/**
 * Variables holding a command line a later program hands to `sh -c`: a pager, an editor, git's ssh command. One
 * program with its options is everyday (`less -R`, `code --wait`); a shell run with a line of its own, several
 * commands joined, a substitution, or a program in a place anyone can write runs code no one judged.
 */
const COMMAND_VARS = new Set([
  'CC',
  'CXX',
  'RUSTC',
  'PYTHON',
  'PAGER',
  'GIT_PAGER',
  'MANPAGER',
  'EDITOR',
  'VISUAL',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'SYSTEMD_PAGER',
  'PSQL_PAGER',
  'GIT_SSH_COMMAND',
]);
const SHELL_LINE = /^(?:\S*\/)?(?:ba|z|da|k|fi)?sh\s+(?:-\w+\s+)*-\w*c\b|[;&|`\n]|\$\(/;

function commandVariableFinding(name: string, value: string, places: LoaderPlaces): Finding | undefined {
  const line = value.trim();
  const program = line.split(/\s+/)[0].replace(/^['"]|['"]$/g, '');
  if (!SHELL_LINE.test(line) && !writableByAnyone(program, places)) return undefined;
  return {
    id: 'exec.loader-variable',
    summary: `sets ${name} to ${line.slice(0, 120)}: the next program that opens a pager or an editor runs that line without it being judged`,
    target: name,
    alternative: `run the command yourself; set ${name} to one installed program`,
    severity: 60,
  };
}

function loaderFinding(name: string, what: string): Finding {
  return {
    id: 'exec.loader-variable',
    summary: `sets ${name} so that the next program loads ${what}: code that runs inside it without being judged`,
    target: name,
    alternative: 'run the program as it is installed; load nothing from a temp folder',
    severity: 60,
  };
}

/** A finding when setting `name` to `value` makes the next program load code from a place anyone can write. */
export function loaderVariableFinding(name: string, value: string, places: LoaderPlaces): Finding | undefined {
  if (!value) return undefined;
  if (COMMAND_VARS.has(name)) return commandVariableFinding(name, value, places);
  if (FILE_VARS.has(name)) {
    // DOTNET_STARTUP_HOOKS is a list of assemblies; the others name one file.
    const file = (name === 'DOTNET_STARTUP_HOOKS' ? value.split(/[:;]/) : [value]).find((f) =>
      writableByAnyone(f, places),
    );
    return file === undefined ? undefined : loaderFinding(name, file);
  }
  if (!(PRELOADS.has(name) || LISTS.has(name) || owns(OPTION_VARS, name))) return undefined;
  if (PRELOADS.has(name)) {
    const lib = value.split(/[:\s]+/).find((e) => notSystemLibrary(e, places));
    return lib ? loaderFinding(name, lib) : undefined;
  }
  if (LISTS.has(name)) {
    for (let start = 0; start <= value.length;) {
      let end = value.indexOf(':', start);
      if (end === -1) end = value.length;
      const entry = value.slice(start, end);
      // PATH: only a folder searched before the system's own takes over its programs.
      if (name === 'PATH' && SYSTEM_BINS.has(entry.endsWith('/') ? entry.replace(/\/+$/, '') : entry)) return undefined;
      if (writableByAnyone(entry, places)) return loaderFinding(name, `from ${entry}`);
      start = end + 1;
    }
    return undefined;
  }
  // Perl pastes a -M switch into `use …;`: text after a `;` in it (`-Mstrict;system(…)`) runs as code in every perl.
  if (name === 'PERL5OPT' && /(?:^|\s)-[Mm][^\s;]*;/.test(value))
    return loaderFinding(name, 'code written into a -M switch');
  const re = own(OPTION_VARS, name);
  if (!re) return undefined;
  re.lastIndex = 0;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const file = m[1].replace(/^['"]|['"]$/g, '');
    if (writableByAnyone(file, places)) return loaderFinding(name, file);
  }
  return undefined;
}
