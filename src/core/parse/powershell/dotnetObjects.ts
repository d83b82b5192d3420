// .NET objects that stand for a file or a registry key: what Get-Item and
// Get-ChildItem hand on (`(Get-Item x).Delete()`, `$_.MoveTo(p)`), what
// `[IO.FileInfo]::new(p)` makes, and the keys `[Microsoft.Win32.Registry]`
// opens. A method that deletes, moves, copies or writes becomes the command
// that does the same (rm, mv, cp, tee, Set-ItemProperty), with the path read
// as Remove-Item reads its -Path, so the packs judge it as they judge those.
import type { ShellValue } from '../normalize/scope';
import { pathWord } from './translate/files';
import { FILE_OBJECT, FILE_TYPES, isDynamic, known, type PsRun, textOf, unknown, wordsOf } from './values';

/** The normalized command a .NET call stands for, handed to the packs. */
export function emitWords(
  run: PsRun,
  words: readonly (string | ShellValue)[],
  source: string,
  extra: { stdin?: string; via?: string } = {},
): void {
  const argv: string[] = [];
  const dynamic: boolean[] = [];
  for (const w of words) {
    if (typeof w === 'string') {
      argv.push(w);
      dynamic.push(false);
      continue;
    }
    for (const x of wordsOf(w)) {
      argv.push(x.value);
      dynamic.push(x.dynamic);
    }
  }
  const scope = extra.via
    ? { ...run.scope, via: [...run.scope.via, extra.via], depth: run.scope.depth + 1 }
    : run.scope;
  run.w.emit(
    {
      argv,
      dynamic,
      redirects: [],
      env: run.scope.vars as Record<string, string>,
      source,
      ...(extra.stdin !== undefined ? { stdin: extra.stdin } : {}),
    },
    scope,
  );
}

/** A path a .NET call names, as Remove-Item reads one: the provider prefix dropped, `\` the separator. */
export function fileArg(v: ShellValue): ShellValue {
  return { text: pathWord({ value: textOf(v), dynamic: isDynamic(v) }).value, dynamic: isDynamic(v) };
}

/** A .NET argument that is `$true` (Delete's recursive flag, CopyTo's overwrite flag). */
export function isTrue(v: ShellValue | undefined): boolean {
  return v !== undefined && /^true$/i.test(textOf(v));
}

const MAX_FILE_ITEMS = 64;

/** `[IO.FileInfo]::new(p)` / `New-Object IO.DirectoryInfo p`: the file object Get-Item would hand on. */
export function newFileObject(type: string, path: ShellValue | undefined): ShellValue | undefined {
  if (!FILE_TYPES.test(type)) return undefined;
  return path
    ? { text: textOf(path), dynamic: isDynamic(path), object: FILE_OBJECT }
    : { ...unknown('[FileInfo]'), object: FILE_OBJECT };
}

/** A method called on file objects (one, or each of a listing, as PowerShell calls it on every item). */
export function fileMethod(
  name: string,
  target: ShellValue,
  args: readonly ShellValue[],
  run: PsRun,
  source: string,
): ShellValue | undefined {
  const files = target.items ?? [target];
  if (!files.length || files.some((f) => f.object !== FILE_OBJECT)) return undefined;
  // Past the bound the items are not spelled out one by one: what the call acts on is unknown.
  const paths = files.length > MAX_FILE_ITEMS ? [unknown('$(Get-ChildItem)')] : files.map(fileArg);
  const a = (i: number): ShellValue => args[i] ?? known('');
  switch (name) {
    // The folder a file object sits in is a file object too (`(Get-Item x).Parent.Delete($true)`).
    case 'parent':
    case 'directory':
      if (args.length) return undefined;
      return files.length === 1
        ? { text: `${textOf(paths[0])}/..`, dynamic: isDynamic(paths[0]), object: FILE_OBJECT }
        : { ...unknown('$(Get-Item ..)'), object: FILE_OBJECT };
    case 'delete':
      // DirectoryInfo.Delete($true) empties the folder first: Remove-Item -Recurse.
      emitWords(run, ['rm', ...(isTrue(args[0]) ? ['-r'] : []), '--', ...paths], source);
      return known('');
    case 'moveto':
      for (const p of paths) emitWords(run, ['mv', p, fileArg(a(0))], source);
      return known('');
    case 'copyto':
      for (const p of paths) emitWords(run, ['cp', ...(isTrue(args[1]) ? ['-f'] : []), p, fileArg(a(0))], source);
      return newFileObject('io.fileinfo', fileArg(a(0)));
    case 'replace':
      // FileInfo.Replace(dest, backup): dest moves to backup, then this file takes its place.
      for (const p of paths) replaceFile(run, p, a(0), a(1), source);
      return known('');
    case 'create':
    case 'createtext':
    case 'openwrite':
      for (const p of paths) emitWords(run, ['tee', p], source);
      return unknown(`[${name}]`);
    case 'appendtext':
      for (const p of paths) emitWords(run, ['tee', '-a', p], source);
      return unknown(`[${name}]`);
  }
  return undefined;
}

/** `[IO.File]::Replace(src, dest, backup)` and FileInfo.Replace: dest is overwritten by src. */
export function replaceFile(run: PsRun, src: ShellValue, dest: ShellValue, backup: ShellValue, source: string): void {
  if (isDynamic(backup) || textOf(backup)) emitWords(run, ['mv', fileArg(dest), fileArg(backup)], source);
  emitWords(run, ['mv', fileArg(src), fileArg(dest)], source);
}

// ---- the registry ------------------------------------------------------------------------

const REGISTRY_KEY = 'Microsoft.Win32.RegistryKey';
const REGISTRY_TYPE = /^(?:microsoft\.win32\.)?registry$/;
const REGISTRY_KEY_TYPE = /^(?:microsoft\.win32\.)?registrykey$/;
const HIVES: Readonly<Record<string, string>> = {
  currentuser: 'HKEY_CURRENT_USER',
  localmachine: 'HKEY_LOCAL_MACHINE',
  classesroot: 'HKEY_CLASSES_ROOT',
  users: 'HKEY_USERS',
  currentconfig: 'HKEY_CURRENT_CONFIG',
};

function registryKey(text: string, dynamic: boolean): ShellValue {
  return { text, dynamic, object: REGISTRY_KEY };
}

/**
 * `[Microsoft.Win32.RegistryKey]::OpenBaseKey(hive, view)` (and OpenRemoteBaseKey): the hive's root key,
 * as `[Registry]::CurrentUser` is. A hive the line does not name may be the machine's: it is read as
 * HKEY_LOCAL_MACHINE, the one whose writes are weighed most.
 */
function baseKey(hive: ShellValue): ShellValue {
  const name = /([A-Za-z]+)\W*$/.exec(textOf(hive))?.[1].toLowerCase() ?? '';
  return Object.prototype.hasOwnProperty.call(HIVES, name)
    ? registryKey(HIVES[name], false)
    : registryKey(HIVES.localmachine, true);
}

/** `[Microsoft.Win32.Registry]::CurrentUser`, `::SetValue(key, name, value)`, `[RegistryKey]::OpenBaseKey(hive, view)`. */
export function registryStatic(
  type: string,
  name: string,
  args: readonly ShellValue[],
  run: PsRun,
  source: string,
): ShellValue | undefined {
  if (REGISTRY_KEY_TYPE.test(type) && (name === 'openbasekey' || name === 'openremotebasekey'))
    return baseKey(args[0] ?? known(''));
  if (!REGISTRY_TYPE.test(type)) return undefined;
  if (Object.prototype.hasOwnProperty.call(HIVES, name)) return registryKey(HIVES[name], false);
  if (name !== 'setvalue') return undefined;
  const a = (i: number): ShellValue => args[i] ?? known('');
  emitWords(run, ['Set-ItemProperty', '-Path', a(0), '-Name', a(1), '-Value', a(2)], source);
  return known('');
}

/** Methods of an open registry key: the subkeys it opens, and the values and keys it writes or deletes. */
export function registryMethod(
  name: string,
  target: ShellValue,
  args: readonly ShellValue[],
  run: PsRun,
  source: string,
): ShellValue | undefined {
  if (target.object !== REGISTRY_KEY) return undefined;
  const a = (i: number): ShellValue => args[i] ?? known('');
  const sub = (): ShellValue => registryKey(`${textOf(target)}\\${textOf(a(0))}`, isDynamic(target) || isDynamic(a(0)));
  switch (name) {
    case 'opensubkey':
    case 'createsubkey':
      return sub();
    case 'setvalue':
      emitWords(run, ['Set-ItemProperty', '-Path', target, '-Name', a(0), '-Value', a(1)], source);
      return known('');
    case 'deletevalue':
      emitWords(run, ['Remove-ItemProperty', '-Path', target, '-Name', a(0)], source);
      return known('');
    case 'deletesubkey':
    case 'deletesubkeytree':
      emitWords(run, ['Remove-Item', '-Path', sub(), '-Recurse'], source);
      return known('');
  }
  return undefined;
}
