// Cmdlets that run other code: Start-Process, Invoke-Expression,
// Invoke-Command, ForEach-Object/Where-Object, jobs and scheduled-task
// actions; and the ones that only pass values along (Write-Output,
// ConvertTo-Json, Select-Object), whose output a later stage may run.
import type { Expanded } from '../../bash/words';
import type { ShellValue } from '../../normalize/scope';
import { type Call, emit, param, paramText } from '../call';
import { splitCommandLine } from '../commandLine';
import { windowsProgramName } from '../natives';
import { isDynamic, jsonOf, known, setLocal, textOf, unknown, wordsOf } from '../values';
import { FILE_OBJECT, pathWord } from './files';
import { fileMethod, newFileObject } from '../dotnetObjects';

/** Blocks among a call's values: a parameter's, or the first positional one. */
function blocks(call: Call, ...names: string[]): ShellValue[] {
  const out: ShellValue[] = [];
  for (const n of names) {
    const v = call.bound.named.get(n);
    if (v?.block) out.push(v);
    else if (v?.items) out.push(...v.items.filter((x) => x.block));
  }
  return out;
}

function walkBlocks(call: Call, list: readonly ShellValue[], via: string, item?: ShellValue): void {
  for (const b of list) {
    if (!b.block) continue;
    call.consumed.add(b.block);
    call.run.block(b.block, call.run.scope, item ? { _: item, psitem: item } : {}, via);
  }
}

export function writeOutput(call: Call): void {
  const values = [
    ...(call.bound.named.get('InputObject') ? [call.bound.named.get('InputObject')!] : []),
    ...(call.bound.named.get('Object') ? [call.bound.named.get('Object')!] : []),
    ...call.bound.rest,
  ];
  const words = values.flatMap(wordsOf);
  emit(call, ['echo', ...words]);
  if (values.length === 1) call.output = values[0];
  else if (values.length) call.output = { text: '', dynamic: false, items: values };
}

export function startProcess(call: Call): void {
  const file = param(call, 'FilePath')[0];
  if (!file) return;
  const argList = call.bound.named.get('ArgumentList');
  // One string is one command line the program splits itself; a list is the arguments.
  const args: Expanded[] = !argList
    ? []
    : argList.items
      ? argList.items.flatMap(wordsOf)
      : isDynamic(argList)
        ? [{ value: textOf(argList), dynamic: true }]
        : splitCommandLine(textOf(argList)).map((a) => ({ value: a, dynamic: false }));
  const cwd = param(call, 'WorkingDirectory')[0];
  const elevated = /^runas$/i.test(paramText(call, 'Verb') ?? '');
  const program = file.dynamic
    ? file
    : { value: /\.(?:ps1|bat|cmd)$/i.test(file.value) ? file.value : windowsProgramName(file.value), dynamic: false };
  emit(call, [program, ...args], {
    via: elevated ? 'Start-Process -Verb RunAs' : 'Start-Process',
    ...(cwd && !cwd.dynamic ? { cwd: pathWord(cwd).value } : {}),
  });
}

const REMOTE_CODE = {
  id: 'exec.remote-code',
  summary: 'downloads code from the network and runs it with Invoke-Expression without anyone reading it',
  severity: 70,
  alternative: 'download the script to a file, read it, then run it',
};

/** Invoke-Expression / iex: the code is PowerShell text, read like the line itself. */
export function invokeExpression(call: Call): void {
  const code = call.bound.named.get('Command') ?? call.piped?.value;
  const { scope, w } = call.run;
  if (!code) {
    if (call.piped?.argv)
      w.addFinding({
        id: 'exec.piped-code',
        summary: `runs whatever '${call.piped.argv.join(' ').slice(0, 60)}' prints as PowerShell code`,
        severity: 50,
        alternative: 'write the commands to a file, read it, then run it',
      });
    return;
  }
  if (
    code.origin === 'network' ||
    (call.piped?.argv &&
      ['curl', 'wget', 'Invoke-WebRequest', 'Invoke-RestMethod'].includes(call.piped.argv[0]) &&
      !call.bound.named.has('Command'))
  ) {
    w.addFinding(REMOTE_CODE);
    return;
  }
  if (isDynamic(code)) {
    if (code.origin === 'decoded')
      w.addFinding({
        id: 'exec.obfuscated-code',
        summary:
          'decodes code at run time and runs it with Invoke-Expression, so nobody can read what it does before it runs',
        severity: 60,
        alternative: 'decode it first, read it, then run the plain command',
      });
    // Code only known at run time: judged as a program nobody can name.
    emit(call, [{ value: textOf(code) || '$(…)', dynamic: true }], { via: 'Invoke-Expression' });
    return;
  }
  w.walkText(
    textOf(code),
    { ...scope, via: [...scope.via, 'Invoke-Expression'], depth: scope.depth + 1 },
    false,
    'pwsh',
  );
}

export function invokeCommand(call: Call): void {
  const computer =
    call.bound.named.get('ComputerName') ??
    call.bound.named.get('HostName') ??
    call.bound.named.get('VMName') ??
    call.bound.named.get('Session');
  const list = blocks(call, 'ScriptBlock');
  for (const v of call.bound.rest) if (v.block) list.push(v);
  const remote =
    computer && !isDynamic(computer) && !/^(?:localhost|\.|127\.0\.0\.1)$/i.test(textOf(computer))
      ? { kind: 'ssh' as const, target: textOf(computer) }
      : undefined;
  const via = remote ? `Invoke-Command -ComputerName ${remote.target}` : 'Invoke-Command';
  const scope = remote ? { ...call.run.scope, remote } : call.run.scope;
  for (const b of list) {
    call.consumed.add(b.block!);
    call.run.block(b.block!, scope, {}, via);
  }
  const file = param(call, 'FilePath')[0];
  if (file && !file.dynamic) {
    const text = call.run.w.ctx.readFile(pathWord(file).value, call.run.scope.cwd);
    if (text !== undefined)
      call.run.w.walkText(text, { ...scope, via: [...scope.via, via], depth: scope.depth + 1 }, true, 'pwsh');
  }
}

/** ForEach-Object / Where-Object: the block runs once per item piped in, with `$_` the item. */
export function forEachObject(call: Call): void {
  const list = blocks(call, 'Process', 'Begin', 'End', 'RemainingScripts', 'FilterScript', 'Parallel');
  for (const v of call.bound.rest) if (v.block) list.push(v);
  const input = call.piped?.value;
  const items = input ? (input.items ?? [input]) : undefined;
  if (items && items.length <= 16 && !items.some(isDynamic)) {
    for (const item of items) walkBlocks(call, list, call.name, item);
  } else {
    // Objects from a WMI/CIM query keep their class, so `$_.Delete()` says what it deletes.
    const producer = call.piped?.cmdlet;
    const wmi =
      producer && /^Get-(?:WmiObject|CimInstance)$/.test(producer.name)
        ? (producer.bound.named.get('ClassName') ?? producer.bound.named.get('Class') ?? producer.bound.rest[0])
        : undefined;
    // Each item is a piece of what the command before printed, spelled as that output (`$(cat .env)`), as bash's `read` is.
    const from = call.piped?.argv;
    const item = from?.length ? unknown(`$(${from.join(' ')})`) : unknown('$_');
    // Items of a listing too long or unreadable to spell are still files (`$_.Delete()` deletes one).
    const listed = producer && /^Get-(?:ChildItem|Item)$/.test(producer.name);
    walkBlocks(
      call,
      list,
      call.name,
      wmi ? { ...unknown('$_'), object: textOf(wmi) } : listed ? { ...item, object: FILE_OBJECT } : item,
    );
  }
  if (call.name === 'Where-Object' && input) call.output = input;
  if (call.name === 'ForEach-Object') callMember(call);
}

/** `gci d | % Delete $true`, `… | ForEach-Object -MemberName MoveTo -ArgumentList p`: a method called on every item. */
function callMember(call: Call): void {
  const process = call.bound.named.get('Process');
  const member = call.bound.named.get('MemberName') ?? (process && !process.block ? process : undefined);
  if (!member || isDynamic(member) || !call.piped) return;
  const named = call.bound.named.get('ArgumentList');
  const args = named ? (named.items ?? [named]) : call.bound.rest.filter((v) => !v.block);
  const input = call.piped.value;
  const producer = call.piped.cmdlet;
  const target =
    input && (input.items ?? [input]).every((x) => x.object === FILE_OBJECT)
      ? input
      : producer && /^Get-(?:ChildItem|Item)$/.test(producer.name)
        ? { ...unknown('$_'), object: FILE_OBJECT }
        : undefined;
  if (target) fileMethod(textOf(member).toLowerCase(), target, args, call.run, `ForEach-Object ${textOf(member)}`);
}

export function startJob(call: Call): void {
  const list = blocks(call, 'ScriptBlock', 'InitializationScript');
  walkBlocks(call, list, call.name);
  const file = param(call, 'FilePath')[0];
  if (file && !file.dynamic) {
    const text = call.run.w.ctx.readFile(pathWord(file).value, call.run.scope.cwd);
    if (text !== undefined)
      call.run.w.walkText(
        text,
        { ...call.run.scope, via: [...call.run.scope.via, call.name], depth: call.run.scope.depth + 1 },
        true,
        'pwsh',
      );
  }
}

/** New-ScheduledTaskAction -Execute X -Argument Y: X runs later, unattended. */
export function scheduledAction(call: Call): void {
  const exe = param(call, 'Execute')[0];
  if (!exe) return;
  const arg = call.bound.named.get('Argument');
  const args = !arg
    ? []
    : isDynamic(arg)
      ? [{ value: textOf(arg), dynamic: true }]
      : splitCommandLine(textOf(arg)).map((a) => ({ value: a, dynamic: false }));
  emit(call, [exe.dynamic ? exe : { value: windowsProgramName(exe.value), dynamic: false }, ...args], {
    via: 'scheduled task',
  });
}

export function newObject(call: Call): void {
  const type = paramText(call, 'TypeName') ?? (call.bound.rest[0] ? textOf(call.bound.rest[0]) : undefined);
  const args = call.bound.named.get('ArgumentList') ?? call.bound.rest[paramText(call, 'TypeName') ? 0 : 1];
  const file = type ? newFileObject(type, args?.items?.[0] ?? args) : undefined;
  if (file) {
    call.output = file;
    return;
  }
  call.output = {
    text: `[${type ?? 'object'}]`,
    dynamic: true,
    ...(type ? { object: type.replace(/^System\./i, '') } : {}),
  };
}

export function setVariable(call: Call): void {
  const name = paramText(call, 'Name');
  const value = call.bound.named.get('Value') ?? call.piped?.value;
  if (name && !/[*?]/.test(name)) setLocal(call.run.scope, name, value ?? known(''));
}

export function convertToJson(call: Call): void {
  const input = call.bound.named.get('InputObject') ?? call.piped?.value;
  if (input)
    call.output = { text: jsonOf(input), dynamic: isDynamic(input), ...(input.origin ? { origin: input.origin } : {}) };
  // Converting changes the form, not what flows on (`Get-ChildItem Env: | ConvertTo-Json | irm …`).
  if (call.piped?.argv && !call.bound.named.has('InputObject')) call.emitted = call.piped.argv;
}

/** Cmdlets that hand on what they get (filters, formatters, conversions). */
export function passThrough(call: Call): void {
  if (call.piped?.value) call.output = call.piped.value;
  // What the producer emitted is still what flows on (`Get-ChildItem Env: | Out-String | irm …`).
  if (call.piped?.argv) call.emitted = call.piped.argv;
}

export function getLocation(call: Call): void {
  call.output = known(call.run.scope.cwd);
}
