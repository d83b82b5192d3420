// Cmdlets as the commands packs already understand, so no pack reads a second
// syntax: each translation emits the normalized command (or walks the code)
// that does the same thing. A cmdlet AgentGuard knows but does not translate
// goes out in its canonical spelling (full name, full parameter names, values
// bound by position) for the packs that judge it by name (packs/windows).
import { type Call, canonicalWords, emit } from '../call';
import { paramsOf } from '../cmdlets';
import { awsCmdlet, azCmdlet } from './cloud';
import {
  convertToJson,
  forEachObject,
  getLocation,
  invokeCommand,
  invokeExpression,
  newObject,
  passThrough,
  scheduledAction,
  setVariable,
  startJob,
  startProcess,
  writeOutput,
} from './exec';
import {
  clearContent,
  copyOrMove,
  expandArchive,
  getContent,
  joinPath,
  listItems,
  newItem,
  removeItem,
  renameItem,
  writeContent,
} from './files';
import { popLocation, setLocation } from './locations';
import { power, service, stopProcess } from './system';
import { invokeSqlcmd, webRequest } from './web';

type Translation = (call: Call) => void;

const TRANSLATIONS: ReadonlyMap<string, Translation> = new Map<string, Translation>([
  ['Remove-Item', removeItem],
  ['Set-Content', writeContent],
  ['Add-Content', writeContent],
  ['Out-File', writeContent],
  ['Tee-Object', writeContent],
  ['Clear-Content', clearContent],
  ['Copy-Item', copyOrMove],
  ['Move-Item', copyOrMove],
  ['Rename-Item', renameItem],
  ['New-Item', newItem],
  ['Get-Content', getContent],
  ['Get-ChildItem', listItems],
  ['Get-Item', listItems],
  ['Set-Location', setLocation],
  ['Push-Location', setLocation],
  ['Pop-Location', popLocation],
  ['Get-Location', getLocation],
  ['Join-Path', joinPath],
  ['Expand-Archive', expandArchive],
  ['Write-Output', writeOutput],
  ['Write-Host', writeOutput],
  ['Start-Process', startProcess],
  ['Invoke-Expression', invokeExpression],
  ['Invoke-Command', invokeCommand],
  ['ForEach-Object', forEachObject],
  ['Where-Object', forEachObject],
  ['Start-Job', startJob],
  ['Start-ThreadJob', startJob],
  ['New-ScheduledTaskAction', scheduledAction],
  ['New-Object', newObject],
  ['Set-Variable', setVariable],
  ['New-Variable', setVariable],
  ['ConvertTo-Json', convertToJson],
  ['Invoke-WebRequest', webRequest],
  ['Invoke-RestMethod', webRequest],
  ['Invoke-Sqlcmd', invokeSqlcmd],
  ['Stop-Process', stopProcess],
  ['Stop-Service', service],
  ['Restart-Service', service],
  ['Suspend-Service', service],
  ['Set-Service', service],
  ['Remove-Service', service],
  ['Start-Service', service],
  ['Stop-Computer', power],
  ['Restart-Computer', power],
  // Values passed along unchanged (filters, formatters, conversions).
  ...[
    'Select-Object',
    'Sort-Object',
    'Out-String',
    'ConvertFrom-Json',
    'Format-Table',
    'Format-List',
    'Out-Host',
    'Select-String',
    'Measure-Object',
    'Group-Object',
    'Get-Unique',
  ].map((n): [string, Translation] => [n, passThrough]),
  // Looking, waiting, printing: nothing to judge.
  ...[
    'Out-Null',
    'Start-Sleep',
    'Clear-Host',
    'Get-Date',
    'Get-Command',
    'Get-Help',
    'Get-Member',
    'Get-Alias',
    'Test-Path',
    'Get-Process',
    'Get-Service',
    'Get-History',
    'Import-Module',
    'Get-Module',
    'Get-Variable',
    'Resolve-Path',
    'Split-Path',
    'Test-Connection',
    'Get-FileHash',
    'Compare-Object',
    'Get-Random',
    'Get-Culture',
    'Get-Host',
    'Get-PSDrive',
    'Get-ExecutionPolicy',
    'Get-ComputerInfo',
    'Get-NetIPAddress',
    'Get-Disk',
    'Get-Volume',
    'Get-Partition',
    'Get-MpPreference',
    'Get-MpComputerStatus',
    'Get-NetFirewallProfile',
    'Get-EventLog',
    'Get-WinEvent',
    'Get-LocalUser',
    'Get-ScheduledTask',
    'Get-ItemProperty',
    'Get-CimInstance',
    'Get-WmiObject',
    'Get-Acl',
    'Write-Verbose',
    'Write-Debug',
    'Write-Warning',
    'Write-Error',
    'Write-Information',
    'Write-Progress',
    'Read-Host',
  ].map((n): [string, Translation] => [
    n,
    n.startsWith('Get-') || n === 'Resolve-Path' || n === 'Split-Path' || n === 'Test-Path' || n === 'Read-Host'
      ? readOnly
      : passThrough,
  ]),
]);

/** A cmdlet that only reads: emitted in canonical form so it is visible (and read-only to packs), never translated further. */
function readOnly(call: Call): void {
  if (/^Get-(?:Process|Service|ChildItem|CimInstance|WmiObject)$/.test(call.name)) emit(call, canonicalWords(call));
}

const BY_LOWER = new Map([...TRANSLATIONS.keys()].map((k) => [k.toLowerCase(), k]));

/** The canonical spelling of a cmdlet this module translates (`get-content` → `Get-Content`). */
export function translatedCmdlet(name: string): string | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

/** Translates a cmdlet call; false when AgentGuard has nothing to say about this cmdlet (it then goes out as written). */
export function translate(call: Call): boolean {
  const t = TRANSLATIONS.get(call.name);
  if (t) {
    t(call);
    return true;
  }
  // Conversions change the form of what flows on, never what it is (`… | ConvertTo-Csv | irm …`).
  if (/^Convert(?:To|From)-/i.test(call.name) && !paramsOf(call.name)) {
    passThrough(call);
    return true;
  }
  if (azCmdlet(call) || awsCmdlet(call)) return true;
  if (paramsOf(call.name)) {
    emit(call, canonicalWords(call));
    return true;
  }
  return false;
}
