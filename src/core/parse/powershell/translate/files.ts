// File-system cmdlets as the commands packs already judge: Remove-Item is rm,
// Set-Content/Out-File is tee, Clear-Content is truncate, Copy-Item/Move-Item
// are cp/mv, Get-Content is cat. Provider paths that are not files stay the
// cmdlet (the registry, certificates), and the `Env:` drive is the
// environment (printed with env, changed in the scope).
import { guardVariableFinding } from '../../guardVariables';
import { setVar, type ShellValue } from '../../normalize/scope';
import { rememberWrite } from '../../normalize/output';
import type { Expanded } from '../../bash/words';
import { type Bound, type Call, canonicalWords, emit, has, param, paramText } from '../call';
import { FILE_OBJECT, isDynamic, known, fileContentOf, textOf, unknown, wordsOf } from '../values';

const ENV_DRIVE = /^env:[\\/]?(.*)$/i;
const PROVIDER_PREFIX = /^(?:Microsoft\.PowerShell\.Core\\)?FileSystem::/i;
/** Provider paths that are not files: the registry, certificates, variables, functions, WS-Management. */
export const NON_FILE_DRIVE =
  /^(?:HK(?:LM|CU|CR|U|CC):|HKEY_|(?:Microsoft\.PowerShell\.Core\\)?Registry::|Cert:|Variable:|Function:|Alias:|WSMan:)/i;

export { FILE_OBJECT } from '../values';

/** A path word for the packs: the provider prefix dropped, `\` read as the separator it is on Windows. */
export function pathWord(w: Expanded): Expanded {
  return { value: w.value.replace(PROVIDER_PREFIX, '').replace(/\\/g, '/'), dynamic: w.dynamic };
}

function paths(call: Call, ...names: string[]): Expanded[] {
  for (const n of names) {
    const v = param(call, n);
    if (v.length) return v;
  }
  return [];
}

/** What `Get-ChildItem X [-Recurse] [-Filter F]` / `Get-Item X` lists, as path words (globs for what a folder holds). */
function listedPaths(name: string, b: Bound): Expanded[] {
  const path = b.named.get('Path');
  const base = [
    ...(path?.items ?? (path ? [path] : [])),
    ...(b.named.get('LiteralPath') ? [b.named.get('LiteralPath')!] : []),
  ];
  const roots = base.length
    ? base.map((v) => ({ value: textOf(v), dynamic: isDynamic(v) }))
    : [{ value: '.', dynamic: false }];
  if (name === 'Get-Item') return roots;
  const filter = b.named.get('Filter') ?? b.named.get('Include');
  const recurse = b.switches.get('Recurse') === true;
  return roots.map((r) => {
    const root = r.value.replace(/[\\/]+$/, '');
    // A root that is itself a glob (`*.log`) already names the items.
    if (/[*?]/.test(root) && !filter) return r;
    return {
      value: `${root}/${recurse ? '**/' : ''}${filter ? textOf(filter) : '*'}`,
      dynamic: r.dynamic || (filter ? isDynamic(filter) : false),
    };
  });
}

/** The paths piped into a cmdlet: what a listing names, or the strings themselves (`'a','b' | Remove-Item`). */
function pipedPaths(call: Call): Expanded[] | undefined {
  const producer = call.piped?.cmdlet;
  if (producer && (producer.name === 'Get-ChildItem' || producer.name === 'Get-Item'))
    return listedPaths(producer.name, producer.bound);
  const v = call.piped?.value;
  if (v && !isDynamic(v)) return wordsOf(v);
  return undefined;
}

function envName(word: string): string | undefined {
  return ENV_DRIVE.exec(word)?.[1];
}

export function removeItem(call: Call): void {
  if (has(call, 'WhatIf')) return;
  const words = paths(call, 'Path', 'LiteralPath');
  const list = words.length
    ? words
    : (pipedPaths(call) ?? (call.piped ? [{ value: '$XARGS_INPUT', dynamic: true }] : []));
  // `rm -rf X` typed into PowerShell: Remove-Item has no -rf, but the intent is a forced recursive delete.
  const bashFlags = call.bound.unknown.join('');
  const recursive = has(call, 'Recurse') || /r/i.test(bashFlags);
  const force = has(call, 'Force') || /f/i.test(bashFlags);
  const filter = paramText(call, 'Filter') ?? paramText(call, 'Include');
  const files: Expanded[] = [];
  for (const w of list) {
    const env = envName(w.value);
    if (env !== undefined) {
      const f = guardVariableFinding(env, 'unsets');
      if (f) call.run.w.addFinding(f);
      setVar(call.run.scope, env, undefined);
      continue;
    }
    if (NON_FILE_DRIVE.test(w.value)) {
      emit(call, [{ value: 'Remove-Item', dynamic: false }, '-Path', w, ...(recursive ? ['-Recurse'] : [])]);
      continue;
    }
    const p = pathWord(w);
    files.push(
      filter ? { value: `${p.value.replace(/\/+$/, '')}/${recursive ? '**/' : ''}${filter}`, dynamic: p.dynamic } : p,
    );
  }
  if (files.length) emit(call, ['rm', ...(recursive ? ['-r'] : []), ...(force ? ['-f'] : []), '--', ...files]);
}

export function writeContent(call: Call): void {
  if (has(call, 'WhatIf')) return;
  const append = call.name === 'Add-Content' || has(call, 'Append');
  const targets = paths(
    call,
    call.name === 'Out-File' || call.name === 'Tee-Object' ? 'FilePath' : 'Path',
    'LiteralPath',
  );
  const value = call.bound.named.get('Value') ?? call.bound.named.get('InputObject') ?? call.piped?.value;
  const stdin = value && !isDynamic(value) ? textOf(value) : undefined;
  for (const t of targets) {
    const env = envName(t.value);
    if (env !== undefined) {
      const f = guardVariableFinding(env, 'sets');
      if (f) call.run.w.addFinding(f);
      setVar(call.run.scope, env, value ? textOf(value) : '');
      continue;
    }
    // -NoClobber never replaces an existing file: it only adds one.
    emit(
      call,
      ['tee', ...(append || has(call, 'NoClobber') ? ['-a'] : []), pathWord(t)],
      stdin !== undefined ? { stdin } : {},
    );
    // A script written here and run later on the line is read as written; -NoClobber may leave the old file in place, so its content is unknown.
    if (!t.dynamic)
      rememberWrite(
        call.run.w,
        call.run.scope.cwd,
        pathWord(t).value,
        value && !isDynamic(value) && !has(call, 'NoClobber') ? fileContentOf(value) : undefined,
        append,
      );
  }
  if (call.name === 'Tee-Object' && value) call.output = value;
}

export function clearContent(call: Call): void {
  if (has(call, 'WhatIf')) return;
  const targets = paths(call, 'Path', 'LiteralPath');
  if (targets.length) emit(call, ['truncate', '-s', '0', '--', ...targets.map(pathWord)]);
}

export function copyOrMove(call: Call): void {
  if (has(call, 'WhatIf')) return;
  const sources = paths(call, 'Path', 'LiteralPath');
  const list = sources.length ? sources.map(pathWord) : (pipedPaths(call)?.map(pathWord) ?? []);
  const dest = param(call, 'Destination')[0] ?? { value: '.', dynamic: false };
  if (call.name === 'Copy-Item') {
    emit(call, [
      'cp',
      ...(has(call, 'Recurse') ? ['-r'] : []),
      ...(has(call, 'Force') ? ['-f'] : []),
      ...list,
      pathWord(dest),
    ]);
  } else {
    emit(call, ['mv', ...(has(call, 'Force') ? ['-f'] : []), ...list, pathWord(dest)]);
  }
}

export function renameItem(call: Call): void {
  if (has(call, 'WhatIf')) return;
  const src = paths(call, 'Path', 'LiteralPath')[0];
  const name = param(call, 'NewName')[0];
  if (!src || !name) return;
  const p = pathWord(src);
  const dir = p.value.includes('/') ? p.value.slice(0, p.value.lastIndexOf('/') + 1) : '';
  const n = pathWord(name);
  emit(call, ['mv', p, { value: n.value.includes('/') ? n.value : dir + n.value, dynamic: n.dynamic || p.dynamic }]);
}

export function newItem(call: Call): void {
  if (has(call, 'WhatIf')) return;
  const base = paths(call, 'Path')[0] ?? { value: '.', dynamic: false };
  const name = param(call, 'Name')[0];
  const target = name
    ? { value: `${pathWord(base).value.replace(/\/+$/, '')}/${name.value}`, dynamic: base.dynamic || name.dynamic }
    : pathWord(base);
  const type = (paramText(call, 'ItemType') ?? 'file').toLowerCase();
  const value = call.bound.named.get('Value');
  if (type === 'directory') {
    emit(call, ['mkdir', '-p', target]);
    return;
  }
  if (type === 'symboliclink' || type === 'junction' || type === 'hardlink') {
    const to = value ? pathWord({ value: textOf(value), dynamic: isDynamic(value) }) : { value: '', dynamic: true };
    emit(call, ['ln', ...(type === 'hardlink' ? [] : ['-s']), ...(has(call, 'Force') ? ['-f'] : []), to, target]);
    return;
  }
  if (NON_FILE_DRIVE.test(target.value)) {
    emit(call, canonicalWords(call));
    return;
  }
  // -Force replaces an existing file with the new (possibly empty) content.
  if (has(call, 'Force'))
    emit(call, ['tee', target], value && !isDynamic(value) ? { stdin: textOf(value) } : { stdin: '' });
  else emit(call, ['touch', target]);
}

export function getContent(call: Call): void {
  const targets = paths(call, 'Path', 'LiteralPath');
  const files: Expanded[] = [];
  for (const t of targets) {
    const env = envName(t.value);
    if (env !== undefined) emit(call, env ? ['printenv', env] : ['env']);
    else files.push(pathWord(t));
  }
  if (!files.length) return;
  const tail = paramText(call, 'Tail');
  const head = paramText(call, 'TotalCount');
  emit(
    call,
    tail !== undefined
      ? ['tail', '-n', tail, ...files]
      : head !== undefined
        ? ['head', '-n', head, ...files]
        : ['cat', ...files],
  );
}

export function listItems(call: Call): void {
  const targets = paths(call, 'Path', 'LiteralPath');
  if (targets.some((t) => envName(t.value) !== undefined)) {
    const names = targets.map((t) => envName(t.value)).filter((n): n is string => !!n && !/[*?]/.test(n));
    // `Get-ChildItem Env:PATH` lists that one variable, as `Get-Item` does; `Env:` alone lists them all.
    emit(call, names.length ? ['printenv', ...names] : ['env']);
    return;
  }
  if (targets.some((t) => NON_FILE_DRIVE.test(t.value))) {
    emit(call, canonicalWords(call));
    return;
  }
  emit(call, ['ls', ...(has(call, 'Recurse') ? ['-R'] : []), ...targets.map(pathWord)]);
  // What it lists flows on as path words, so `$files = Get-ChildItem …; $files | Remove-Item` still says what goes.
  call.output = {
    text: '',
    dynamic: false,
    items: listedPaths(call.name, call.bound).map((p) => ({ text: p.value, dynamic: p.dynamic, object: FILE_OBJECT })),
  };
}

export function joinPath(call: Call): void {
  const parts: ShellValue[] = [
    call.bound.named.get('Path'),
    call.bound.named.get('ChildPath'),
    call.bound.named.get('AdditionalChildPath'),
    ...call.bound.rest,
  ].filter((v): v is ShellValue => v !== undefined);
  if (!parts.length) return;
  const text = parts.map((p) => textOf(p).replace(/[\\/]+$/, '')).join('\\');
  call.output = parts.some(isDynamic) ? unknown(text) : known(text);
}

export function expandArchive(call: Call): void {
  const src = paths(call, 'Path', 'LiteralPath')[0];
  const dest = param(call, 'DestinationPath')[0] ?? { value: '.', dynamic: false };
  if (src) emit(call, ['unzip', ...(has(call, 'Force') ? ['-o'] : ['-n']), pathWord(src), '-d', pathWord(dest)]);
}
