// Windows paths, kept in one spelling: forward slashes, an upper-case drive
// letter (`C:/Users/ana/app`), UNC shares as `//server/share/…`. A path is
// read with Windows semantics when it is itself a Windows path (a drive
// letter, a UNC share, a Windows variable such as `%USERPROFILE%`), or when
// the working directory is one (the target machine is Windows); then `\` and
// `/` both separate and names compare without case. The classifier
// (paths.ts) places such paths in Windows' layout: drive roots, `C:\Windows`,
// `C:\Program Files`, `C:\Users\*` homes, AppData temp folders.
import type { AnalysisContext } from '../types';
import { owns } from '../text/own';

/** Where a Windows path lies, in the vocabulary of paths.ts's PathLocation. */
export type WindowsLocation =
  | 'root'
  | 'system-top'
  | 'system'
  | 'device'
  | 'null-device'
  | 'home'
  | 'other-home'
  | 'workspace-ancestor'
  | 'workspace'
  | 'workspace-inside'
  | 'home-inside'
  | 'temp-root'
  | 'temp'
  | 'outside';

/** `C:\x`, `C:/x`, `C:` alone, `\\server\share`, `\\?\C:\x`, `\\.\PhysicalDrive0`. */
const WIN_ABS_RE = /^(?:[A-Za-z]:(?:[\\/]|$)|[\\/]{2}[^\\/])/;
/** A working directory in the slash form: `C:/…` or `//server/share/…`. */
const WIN_CWD_RE = /^(?:[A-Za-z]:\/|\/\/[^/])/;

export function isWindowsPath(word: string): boolean {
  return WIN_ABS_RE.test(word);
}

export function isWindowsCwd(cwd: string): boolean {
  return WIN_CWD_RE.test(cwd);
}

/** Folders of a Windows system, relative to the system drive, by the variable that names them. */
const FOLDER_VARS: Readonly<Record<string, string>> = {
  systemroot: 'C:/Windows',
  windir: 'C:/Windows',
  programfiles: 'C:/Program Files',
  'programfiles(x86)': 'C:/Program Files (x86)',
  programw6432: 'C:/Program Files',
  commonprogramfiles: 'C:/Program Files/Common Files',
  programdata: 'C:/ProgramData',
  allusersprofile: 'C:/ProgramData',
  public: 'C:/Users/Public',
  systemdrive: 'C:',
  homedrive: 'C:',
};
/** Folders below the user's home, by the variable that names them. */
const HOME_VARS: Readonly<Record<string, string>> = {
  userprofile: '',
  home: '',
  appdata: '/AppData/Roaming',
  localappdata: '/AppData/Local',
  onedrive: '/OneDrive',
};
const TEMP_VARS = new Set(['temp', 'tmp']);

// `$USERPROFILE\x`, `${APPDATA}/x`, `%LOCALAPPDATA%\x`, `$env:TEMP\x`: a Windows variable, then the rest.
const WIN_VAR_RE = /^(?:%([A-Za-z_][\w()]*)%|\$(?:env:)?\{?([A-Za-z_][\w()]*)\}?)(?=[\\/]|$)(.*)$/s;

export interface WindowsVariablePath {
  /** The path with the variable replaced, in the slash form when it is absolute. */
  path: string;
  /** The variable names a temp folder (`%TEMP%`). */
  temp: boolean;
}

/** A word that starts with a Windows folder variable; undefined for any other word. */
export function windowsVariablePath(word: string, home: string): WindowsVariablePath | undefined {
  const m = WIN_VAR_RE.exec(word);
  if (!m) return undefined;
  const name = (m[1] ?? m[2]).toLowerCase();
  const rest = m[3].replace(/\\/g, '/');
  if (name === 'home' && !isWindowsCwd(home)) return undefined; // `$HOME` on POSIX is paths.ts's own business
  // `%LOCALAPPDATA%\Temp` is the same folder as `%TEMP%`.
  if (name === 'localappdata' && /^\/temp(?:\/|$)/i.test(rest))
    return { path: (isWindowsCwd(home) ? home + '/AppData/Local/Temp' : '/tmp') + rest.slice(5), temp: true };
  if (owns(HOME_VARS, name)) {
    // HOMEPATH without its drive, USERPROFILE whole: both are the home folder.
    return { path: home + HOME_VARS[name] + rest, temp: false };
  }
  if (name === 'homepath') return { path: home + rest, temp: false };
  if (owns(FOLDER_VARS, name)) return { path: toSlashForm(FOLDER_VARS[name] + rest), temp: false };
  if (TEMP_VARS.has(name))
    return { path: (isWindowsCwd(home) ? home + '/AppData/Local/Temp' : '/tmp') + rest, temp: true };
  return undefined;
}

/** The slash form of an absolute Windows path, `.` and `..` resolved. */
export function toSlashForm(p: string): string {
  let s = p.replace(/\\/g, '/');
  // `\\?\C:\x` and `\\?\UNC\server\share`: the long-path prefixes name the same places.
  s = s.replace(/^\/\/\?\/UNC\//i, '//').replace(/^\/\/\?\//, '');
  let prefix: string;
  let rest: string;
  const drive = /^([A-Za-z]):\/?/.exec(s);
  if (drive) {
    prefix = drive[1].toUpperCase() + ':/';
    rest = s.slice(drive[0].length);
  } else if (s.startsWith('//')) {
    // `//server/share` is the root of a UNC path; `//./device` a device.
    const parts = s.slice(2).split('/');
    prefix = '//' + parts.slice(0, 2).join('/') + '/';
    rest = parts.slice(2).join('/');
  } else {
    return s;
  }
  const out: string[] = [];
  for (const seg of rest.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  const joined = prefix + out.join('/');
  return joined.length > 3 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

/** `path.win32.resolve(cwd, word)` in the slash form, for a slash-form (or POSIX) `cwd`. */
export function resolveWindows(cwd: string, word: string): string {
  const w = word.replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(w) || /^\/\/[^/]/.test(w)) return toSlashForm(w);
  // `C:` alone is the current folder of that drive; read as its root.
  if (/^[A-Za-z]:$/.test(w)) return w.toUpperCase() + '/';
  // `C:foo` is relative to that drive's current folder: read from its root.
  if (/^[A-Za-z]:/.test(w)) return toSlashForm(w.slice(0, 2) + '/' + w.slice(2));
  // Git Bash and Cygwin spell drives `/c/…` and `/cygdrive/c/…`.
  const msys = isWindowsCwd(cwd) ? /^\/(?:cygdrive\/)?([A-Za-z])(?=\/|$)/.exec(w) : null;
  if (msys) return toSlashForm(`${msys[1]}:/${w.slice(msys[0].length)}`);
  if (w.startsWith('/')) {
    const root = /^(?:[A-Za-z]:|\/\/[^/]+\/[^/]+)/.exec(cwd)?.[0];
    return root ? toSlashForm(root + w) : w;
  }
  return isWindowsCwd(cwd) ? toSlashForm(cwd + '/' + w) : w;
}

const lower = (s: string) => s.toLowerCase();

/** `p` is `dir` or lies below it, ignoring case. */
function withinNoCase(p: string, dir: string): boolean {
  return p === dir || (p.length > dir.length && p.startsWith(dir) && (dir.endsWith('/') || p[dir.length] === '/'));
}

// System folders of a Windows drive (lower-case, below the drive root).
const SYSTEM_TOPS = new Set([
  'windows',
  'program files',
  'program files (x86)',
  'programdata',
  '$recycle.bin',
  'system volume information',
  'recovery',
  'boot',
  'perflogs',
  'users',
  'efi',
  'config.msi',
  'windows.old',
  'msocache',
  'intel',
  'drivers',
]);
const SYSTEM_SECOND = new Set([
  'windows/system32',
  'windows/syswow64',
  'windows/winsxs',
  'windows/system',
  'windows/boot',
  'users/public',
  'users/default',
  'users/all users',
  'programdata/microsoft',
]);
const TEMP_DIRS = ['windows/temp'];
// Raw devices: `\\.\PhysicalDrive0`, `\\.\C:`, `\\.\Harddisk0Partition1`.
const DEVICE_RE = /^\/\/[.?]\/(?:physicaldrive\d+|[a-z]:|harddisk\d+|harddiskvolume\d+|cdrom\d+|tape\d+|volume\{)/;
const NULL_DEVICE_RE = /^(?:nul|con|prn|aux|\/\/[.]\/nul)$/;

/** Where a slash-form Windows path lies (glob-free); the workspace, home and temp folders compare without case. */
export function locateWindows(p: string, ctx: AnalysisContext, home: string): WindowsLocation {
  const lp = lower(p);
  if (DEVICE_RE.test(lp)) return 'device';
  if (NULL_DEVICE_RE.test(lp)) return 'null-device';
  const ws = lower(ctx.workspace);
  if (lp === ws) return 'workspace';
  if (withinNoCase(lp, ws)) return 'workspace-inside';
  for (const t of ctx.tempDirs) {
    const lt = lower(t);
    if (lp === lt) return 'temp-root';
    if (withinNoCase(lp, lt)) return 'temp';
  }
  const lh = lower(home);
  if (lp === lh) return 'home';
  const root = /^(?:[a-z]:\/|\/\/[^/]+\/[^/]+\/?)/.exec(lp)?.[0];
  if (root && lp.length <= root.length) return root.startsWith('//') ? 'system-top' : 'root';
  // Known system folders come before the workspace's ancestors (`C:\Users` holds it, and is still the system's).
  if (root && !root.startsWith('//')) {
    const top = lp.slice(root.length).replace(/\/$/, '');
    if (SYSTEM_TOPS.has(top) || SYSTEM_SECOND.has(top)) return 'system-top';
  }
  if (withinNoCase(ws, lp)) return 'workspace-ancestor';
  if (withinNoCase(lp, lh)) {
    // A home's own temp folder (`AppData/Local/Temp`).
    if (withinNoCase(lp, lh + '/appdata/local/temp')) return lp === lh + '/appdata/local/temp' ? 'temp-root' : 'temp';
    return 'home-inside';
  }
  if (!root) return 'outside';
  const rest = lp.slice(root.length).replace(/\/$/, '');
  for (const t of TEMP_DIRS) {
    if (rest === t) return 'temp-root';
    if (rest.startsWith(t + '/')) return 'temp';
  }
  const segs = rest.split('/');
  if (segs[0] === 'users' && segs.length >= 2) {
    const profile = segs[0] + '/' + segs[1];
    if (segs.length === 2) return SYSTEM_SECOND.has(profile) ? 'system-top' : 'other-home';
    if (segs[2] === 'appdata' && segs[3] === 'local' && segs[4] === 'temp')
      return segs.length === 5 ? 'temp-root' : 'temp';
    return SYSTEM_SECOND.has(profile) ? 'system' : 'outside';
  }
  // A top folder of a drive is as serious as a system one; a folder in a share is someone's data.
  if (segs.length === 1) return root.startsWith('//') ? 'outside' : 'system-top';
  if (SYSTEM_TOPS.has(segs[0]))
    return segs.length === 2 && SYSTEM_SECOND.has(segs[0] + '/' + segs[1]) ? 'system-top' : 'system';
  return 'outside';
}

// A Windows folder variable at the start of a word (`%APPDATA%\x`, `$USERPROFILE/x`, `$env:SystemRoot\x`).
const WIN_VAR_WORD_RE =
  /^(?:%[A-Za-z_]|\$(?:env:)?\{?(?:USERPROFILE|APPDATA|LOCALAPPDATA|SystemRoot|windir|ProgramFiles|ProgramData|ALLUSERSPROFILE|SystemDrive|HOMEDRIVE|HOMEPATH|PUBLIC|OneDrive)\b)/i;
export const CMD_VAR_RE = /%[A-Za-z_][\w()]*%/;

/** Whether a word is read with Windows semantics: a Windows working directory, a drive or UNC path, a Windows folder variable. */
export function windowsWord(word: string, cwd: string): boolean {
  // The expression starts with `%` or `$`: other words skip it (its first test costs V8 compiling it, about 1 ms).
  return (
    isWindowsCwd(cwd) || isWindowsPath(word) || ((word[0] === '%' || word[0] === '$') && WIN_VAR_WORD_RE.test(word))
  );
}

// Windows (`%APPDATA%`, `%LOCALAPPDATA%`) and macOS (`~/Library`) places that hold keys, tokens and saved passwords.
export const PLATFORM_CREDENTIAL_RE =
  /^(?:AppData\/Roaming\/(?:gcloud\/.+|GitHub CLI\/hosts\.yml|Microsoft\/(?:Credentials|Protect|Crypto|SystemCertificates)\/.+|NuGet\/NuGet\.Config)|AppData\/Local\/(?:Microsoft\/Credentials\/.+|(?:Google\/Chrome|Microsoft\/Edge|BraveSoftware\/Brave-Browser)\/User Data\/[^/]+\/(?:Login Data|Cookies|Network\/Cookies))|Library\/Keychains(?:\/.+)?|Library\/Cookies\/.+|Library\/Application Support\/com\.vercel\.cli\/auth\.json|Library\/Application Support\/(?:Google\/Chrome|Microsoft Edge|BraveSoftware\/Brave-Browser)\/[^/]+\/(?:Login Data|Cookies))$/i;

/** `abs` relative to `home` when it lies below it (without case for a Windows home). */
export function homeRelative(abs: string, home: string): string | undefined {
  if (abs.length > home.length && abs.charCodeAt(home.length) === 47 && abs.startsWith(home))
    return abs.slice(home.length + 1);
  if (abs.charCodeAt(0) !== 47 && abs.length > home.length && abs.toLowerCase().startsWith(home.toLowerCase() + '/'))
    return abs.slice(home.length + 1);
  return undefined;
}
