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

export interface LoaderPlaces {
  tempDirs: readonly string[];
  cwd: string;
}

const under = (dir: string, p: string): boolean => p === dir || p.startsWith(dir.endsWith('/') ? dir : dir + '/');
const SYSTEM_LIBS = ['/usr/lib', '/lib', '/usr/lib64', '/lib64', '/usr/local/lib', '/opt/homebrew', '/usr/local/opt', '/nix/store', '/System', '/usr/share'];
const SYSTEM_BINS = new Set(['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin']);

function resolve(entry: string, places: LoaderPlaces): string {
  return path.isAbsolute(entry) ? path.normalize(entry) : path.resolve(places.cwd, entry);
}

/** A place anyone on the machine can write to: the temp folders and shared memory. */
function writableByAnyone(entry: string, places: LoaderPlaces): boolean {
  if (!entry || entry.includes('$')) return false;
  const abs = resolve(entry, places);
  return places.tempDirs.some((t) => under(t, abs)) || under('/dev/shm', abs);
}

/** Where a library or agent file lives that is not the system's own. */
function notSystemLibrary(entry: string, places: LoaderPlaces): boolean {
  if (!entry || entry.includes('$')) return false;
  const abs = resolve(entry, places);
  return !SYSTEM_LIBS.some((d) => under(d, abs));
}

const LISTS = new Set(['PATH', 'PYTHONPATH', 'PERL5LIB', 'RUBYLIB', 'NODE_PATH', 'GIT_EXEC_PATH', 'LD_LIBRARY_PATH', 'DYLD_LIBRARY_PATH', 'DYLD_FRAMEWORK_PATH', 'CLASSPATH']);
const PRELOADS = new Set(['LD_PRELOAD', 'LD_AUDIT', 'DYLD_INSERT_LIBRARIES']);
/** Option variables, and the options in them that load a file: `--require X`, `-rX`, `-javaagent:X`. */
const OPTION_VARS: Record<string, RegExp> = {
  NODE_OPTIONS: /(?:^|\s)(?:--require|-r|--import|--loader|--experimental-loader)(?:=|\s+)(\S+)/g,
  RUBYOPT: /(?:^|\s)-(?:r|I)\s*(\S+)/g,
  PERL5OPT: /(?:^|\s)-(?:M|m|I)-?\s*(\S+)/g,
  JAVA_TOOL_OPTIONS: /-(?:javaagent|agentpath):([^\s=]+)/g,
  _JAVA_OPTIONS: /-(?:javaagent|agentpath):([^\s=]+)/g,
  JDK_JAVA_OPTIONS: /-(?:javaagent|agentpath):([^\s=]+)/g,
};

function finding(name: string, what: string): Finding {
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
  if (PRELOADS.has(name)) {
    const lib = value.split(/[:\s]+/).find((e) => notSystemLibrary(e, places));
    return lib ? finding(name, lib) : undefined;
  }
  if (LISTS.has(name)) {
    const entries = value.split(':');
    const risky = entries.findIndex((e) => writableByAnyone(e, places));
    if (risky === -1) return undefined;
    // PATH: only a folder searched before the system's own takes over its programs.
    if (name === 'PATH') {
      const system = entries.findIndex((e) => SYSTEM_BINS.has(e.replace(/\/+$/, '')));
      if (system !== -1 && system < risky) return undefined;
    }
    return finding(name, `from ${entries[risky]}`);
  }
  const re = OPTION_VARS[name];
  if (!re) return undefined;
  re.lastIndex = 0;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const file = m[1].replace(/^['"]|['"]$/g, '');
    if (writableByAnyone(file, places)) return finding(name, file);
  }
  return undefined;
}
