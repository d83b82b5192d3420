// What PowerShell knows about its commands before running them: the built-in
// aliases, and for the cmdlets AgentGuard reads, their parameters (names,
// aliases, positions, switches). Binding an invocation resolves abbreviated
// (`-Rec`, `-fo`), colon (`-Force:$false`) and positional spellings into one
// canonical form, so what follows never depends on how a call was typed.

import { own } from '../../text/own';

/** Built-in aliases (Windows PowerShell 5.1 and PowerShell 7), lower-case. */
export const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    ac: 'Add-Content',
    cat: 'Get-Content',
    cd: 'Set-Location',
    chdir: 'Set-Location',
    clc: 'Clear-Content',
    copy: 'Copy-Item',
    cp: 'Copy-Item',
    cpi: 'Copy-Item',
    del: 'Remove-Item',
    dir: 'Get-ChildItem',
    echo: 'Write-Output',
    erase: 'Remove-Item',
    gc: 'Get-Content',
    gci: 'Get-ChildItem',
    gi: 'Get-Item',
    gl: 'Get-Location',
    gp: 'Get-ItemProperty',
    gps: 'Get-Process',
    ps: 'Get-Process',
    gsv: 'Get-Service',
    iex: 'Invoke-Expression',
    icm: 'Invoke-Command',
    ii: 'Invoke-Item',
    irm: 'Invoke-RestMethod',
    iwr: 'Invoke-WebRequest',
    kill: 'Stop-Process',
    ls: 'Get-ChildItem',
    mi: 'Move-Item',
    move: 'Move-Item',
    mv: 'Move-Item',
    ni: 'New-Item',
    popd: 'Pop-Location',
    pushd: 'Push-Location',
    pwd: 'Get-Location',
    rd: 'Remove-Item',
    rmdir: 'Remove-Item',
    ri: 'Remove-Item',
    rm: 'Remove-Item',
    ren: 'Rename-Item',
    rni: 'Rename-Item',
    rp: 'Remove-ItemProperty',
    saps: 'Start-Process',
    start: 'Start-Process',
    si: 'Set-Item',
    sl: 'Set-Location',
    sleep: 'Start-Sleep',
    sp: 'Set-ItemProperty',
    spps: 'Stop-Process',
    spsv: 'Stop-Service',
    sasv: 'Start-Service',
    type: 'Get-Content',
    where: 'Where-Object',
    '?': 'Where-Object',
    '%': 'ForEach-Object',
    foreach: 'ForEach-Object',
    write: 'Write-Output',
    sajb: 'Start-Job',
    etsn: 'Enter-PSSession',
    gwmi: 'Get-WmiObject',
    rwmi: 'Remove-WmiObject',
    iwmi: 'Invoke-WmiMethod',
    gcim: 'Get-CimInstance',
    rcim: 'Remove-CimInstance',
    icim: 'Invoke-CimMethod',
    tee: 'Tee-Object',
    sv: 'Set-Variable',
    set: 'Set-Variable',
    nv: 'New-Variable',
    gcm: 'Get-Command',
    ipmo: 'Import-Module',
    select: 'Select-Object',
    sort: 'Sort-Object',
    ft: 'Format-Table',
    fl: 'Format-List',
    measure: 'Measure-Object',
    ndr: 'New-PSDrive',
    mount: 'New-PSDrive',
    rdr: 'Remove-PSDrive',
    cls: 'Clear-Host',
    clear: 'Clear-Host',
    h: 'Get-History',
    history: 'Get-History',
    clhy: 'Clear-History',
    gal: 'Get-Alias',
    sal: 'Set-Alias',
    nal: 'New-Alias',
    gm: 'Get-Member',
    ogv: 'Out-GridView',
    oh: 'Out-Host',
    rv: 'Remove-Variable',
    // Windows PowerShell 5.1 only: `sc` and `curl`/`wget` are decided by their arguments (see resolveAlias).
    sc: 'Set-Content',
    curl: 'Invoke-WebRequest',
    wget: 'Invoke-WebRequest',
  }),
);

/** Service verbs of sc.exe: `sc stop X` is the service controller even where `sc` is Set-Content's alias. */
const SC_VERBS =
  /^(?:query|queryex|start|stop|pause|continue|interrogate|control|delete|create|config|description|failure|failureflag|sidtype|privs|managedaccount|qc|qdescription|qfailure|qfailureflag|qsidtype|qprivs|qtriggerinfo|qpreferrednode|qmanagedaccount|qprotection|quserservice|showsid|triggerinfo|preferrednode|getdisplayname|getkeyname|enumdepend|boot|lock|querylock|sdshow|sdset)$/i;
/** Options only the real curl takes: `curl -X DELETE …` typed into PowerShell means curl.exe. */
const CURL_STYLE = /^(?:-[XHdFuoOLskIiv]+|--[a-z][a-z-]+)$/;

/** The cmdlet an alias stands for, or undefined when the name is not an alias (or is the program of that name). */
export function resolveAlias(name: string, firstArgs: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const target = ALIASES.get(lower);
  if (!target) return undefined;
  if (lower === 'sc' && SC_VERBS.test(firstArgs[0] ?? '')) return undefined;
  if ((lower === 'curl' || lower === 'wget') && firstArgs.some((a) => CURL_STYLE.test(a))) return undefined;
  return target;
}

export interface ParamSpec {
  name: string;
  aliases: string[];
  position?: number;
  isSwitch: boolean;
}

// One line per cmdlet: `Name[@position][!][=alias,alias]`, `!` marking a switch.
const SPECS: Readonly<Record<string, string>> = {
  'Remove-Item': 'Path@0=PSPath LiteralPath=LP Filter Include Exclude Recurse! Force! Credential Stream',
  'Get-ChildItem':
    'Path@0 LiteralPath=PSPath,LP Filter@1 Include Exclude Recurse!=s Depth Force! Name! Directory!=ad,d File!=af Hidden!=ah,h System!=as ReadOnly!=ar Attributes',
  'Get-Item': 'Path@0 LiteralPath=PSPath,LP Filter Include Exclude Force! Stream',
  'Get-Content':
    'Path@0 LiteralPath=PSPath,LP TotalCount=First,Head Tail=Last Raw! Encoding Delimiter Wait! ReadCount Stream AsByteStream! Filter Include Exclude Force!',
  'Set-Content':
    'Path@0 LiteralPath=PSPath,LP Value@1 Encoding NoNewline! Force! PassThru! Stream AsByteStream! Filter Include Exclude',
  'Add-Content':
    'Path@0 LiteralPath=PSPath,LP Value@1 Encoding NoNewline! Force! PassThru! Stream AsByteStream! Filter Include Exclude',
  'Out-File':
    'FilePath@0=Path LiteralPath=PSPath,LP Encoding@1 Append! Force! NoClobber!=NoOverwrite Width NoNewline! InputObject',
  'Tee-Object': 'FilePath@0=Path LiteralPath=PSPath,LP Append! Variable InputObject Encoding',
  'Clear-Content': 'Path@0 LiteralPath=PSPath,LP Filter Include Exclude Force! Stream',
  'Copy-Item':
    'Path@0 LiteralPath=PSPath,LP Destination@1 Container! Force! Recurse! Filter Include Exclude PassThru! FromSession ToSession',
  'Move-Item': 'Path@0 LiteralPath=PSPath,LP Destination@1 Force! Filter Include Exclude PassThru!',
  'Rename-Item': 'Path@0 LiteralPath=PSPath,LP NewName@1 Force! PassThru!',
  'New-Item': 'Path@0 ItemType=Type Name Value=Target Force!',
  'Set-Item': 'Path@0 LiteralPath=PSPath,LP Value@1 Force! PassThru!',
  'Remove-ItemProperty': 'Path@0 LiteralPath=PSPath,LP Name@1=PSProperty Force!',
  'Set-ItemProperty': 'Path@0 LiteralPath=PSPath,LP Name@1=PSProperty Value@2 Type PropertyType Force! PassThru!',
  'New-ItemProperty': 'Path@0 LiteralPath=PSPath,LP Name@1=PSProperty PropertyType=Type Value@2 Force!',
  'Set-Location': 'Path@0 LiteralPath=PSPath,LP PassThru! StackName',
  'Push-Location': 'Path@0 LiteralPath=PSPath,LP PassThru! StackName',
  'Pop-Location': 'PassThru! StackName',
  'Start-Process':
    'FilePath@0=PSPath,Path ArgumentList@1=Args Verb WorkingDirectory Wait! NoNewWindow! PassThru! WindowStyle Credential=RunAs LoadUserProfile!=Lup RedirectStandardInput RedirectStandardOutput RedirectStandardError UseNewEnvironment! Environment',
  'Invoke-Expression': 'Command@0',
  'Invoke-Command':
    'ScriptBlock=Command ComputerName=Cn Session FilePath=PSPath ArgumentList=Args Credential AsJob! HideComputerName! JobName InDisconnectedSession! VMName ContainerId HostName UserName SSHTransport! NoNewScope! ThrottleLimit Port UseSSL!',
  'ForEach-Object':
    'Process@0 Begin End RemainingScripts MemberName ArgumentList=Args InputObject Parallel ThrottleLimit AsJob!',
  'Where-Object': 'FilterScript@0 Property Value InputObject',
  'Start-Job':
    'ScriptBlock@0=Command FilePath LiteralPath ArgumentList=Args Name InitializationScript Credential RunAs32! Type',
  'Start-ThreadJob': 'ScriptBlock@0 FilePath ArgumentList Name InitializationScript ThrottleLimit',
  'Invoke-WebRequest':
    'Uri@0=Url Method CustomMethod=CM Body Headers ContentType InFile OutFile Credential UseDefaultCredentials! Authentication Token Form WebSession SessionVariable=SV UserAgent UseBasicParsing! TimeoutSec MaximumRedirection SkipCertificateCheck! Proxy PassThru! Resume!',
  'Invoke-RestMethod':
    'Uri@0=Url Method CustomMethod=CM Body Headers ContentType InFile OutFile Credential UseDefaultCredentials! Authentication Token Form WebSession SessionVariable=SV UserAgent UseBasicParsing! TimeoutSec MaximumRedirection SkipCertificateCheck! Proxy PassThru! Resume! FollowRelLink!=FL',
  'Stop-Process': 'Id@0 Name=ProcessName InputObject Force! PassThru!',
  'Stop-Service': 'Name@0=ServiceName DisplayName InputObject Force! NoWait! PassThru! Include Exclude',
  'Restart-Service': 'Name@0=ServiceName DisplayName InputObject Force! PassThru! Include Exclude',
  'Suspend-Service': 'Name@0=ServiceName DisplayName InputObject PassThru!',
  'Set-Service':
    'Name@0=ServiceName,SN StartupType=StartMode,SM,ST Status DisplayName Description InputObject Force! PassThru!',
  'Remove-Service': 'Name@0=ServiceName,SN InputObject',
  'Stop-Computer': 'ComputerName@0=CN,__SERVER,Server,IPAddress Force! Credential AsJob! WsmanAuthentication',
  'Restart-Computer':
    'ComputerName@0=CN,__SERVER,Server,IPAddress Force! Credential Wait! Timeout For Delay AsJob! WsmanAuthentication',
  'Join-Path': 'Path@0=PSPath ChildPath@1 AdditionalChildPath Resolve!',
  'ConvertTo-Json': 'InputObject@0 Depth Compress! EnumsAsStrings! AsArray!',
  'Write-Output': 'InputObject@0 NoEnumerate!',
  'Write-Host': 'Object@0=Msg,Message NoNewline! Separator ForegroundColor BackgroundColor',
  'Set-Variable': 'Name@0 Value@1 Scope Option Force! PassThru! Visibility Description',
  'New-Variable': 'Name@0 Value@1 Scope Option Force! PassThru! Visibility Description',
  'Invoke-Sqlcmd':
    'Query@0 ServerInstance=S Database=D InputFile=I Username=U Password=P ConnectionString=C HostName=H QueryTimeout Variable OutputSqlErrors TrustServerCertificate! Encrypt',
  'New-ScheduledTaskAction': 'Execute@0 Argument@1 WorkingDirectory@2 Id',
  'Register-ScheduledTask':
    'TaskName@0 TaskPath@1 Action Trigger Settings User Password RunLevel Xml InputObject Force! Description Principal',
  'Set-ExecutionPolicy': 'ExecutionPolicy@0 Scope@1 Force!',
  'Set-MpPreference':
    'DisableRealtimeMonitoring DisableBehaviorMonitoring DisableIOAVProtection DisableScriptScanning DisableIntrusionPreventionSystem DisableArchiveScanning DisableBlockAtFirstSeen MAPSReporting SubmitSamplesConsent ExclusionPath ExclusionProcess ExclusionExtension EnableControlledFolderAccess PUAProtection Force!',
  'Add-MpPreference':
    'ExclusionPath ExclusionProcess ExclusionExtension ExclusionIpAddress AttackSurfaceReductionOnlyExclusions ControlledFolderAccessAllowedApplications Force!',
  'Set-NetFirewallProfile': 'Name@0=Profile Enabled DefaultInboundAction DefaultOutboundAction All! PolicyStore',
  'Clear-EventLog': 'LogName@0=LN ComputerName=CN',
  'Remove-EventLog': 'LogName@0=LN Source=SRC ComputerName=CN',
  'Format-Volume':
    'DriveLetter@0 FileSystemLabel Path ObjectId Partition FileSystem NewFileSystemLabel Full! Force! InputObject',
  'Clear-Disk': 'Number@0 UniqueId FriendlyName Path InputObject RemoveData! RemoveOEM! ZeroOutEntireDisk! Confirm!',
  'Initialize-Disk': 'Number@0 UniqueId FriendlyName Path InputObject PartitionStyle',
  'Remove-Partition': 'DiskNumber PartitionNumber DriveLetter DiskId Offset InputObject',
  'Remove-LocalUser': 'Name@0 SID InputObject',
  'Add-LocalGroupMember': 'Group@0 Member@1 Name SID',
  'Remove-AppxPackage': 'Package@0 AllUsers! PreserveApplicationData! User',
  'Expand-Archive': 'Path@0 LiteralPath=PSPath,LP DestinationPath@1 Force! PassThru!',
  'Compress-Archive': 'Path@0 LiteralPath=PSPath,LP DestinationPath@1 CompressionLevel Update! Force! PassThru!',
};

const COMMON: ParamSpec[] = parseSpec(
  'Verbose!=vb Debug!=db ErrorAction=ea WarningAction=wa InformationAction=infa ErrorVariable=ev WarningVariable=wv InformationVariable=iv OutVariable=ov OutBuffer=ob PipelineVariable=pv WhatIf!=wi Confirm!=cf ProgressAction=proga',
);

function parseSpec(text: string): ParamSpec[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => {
      const m = /^([A-Za-z_0-9]+)(?:@(\d+))?(!)?(?:=(.+))?$/.exec(t);
      if (!m) throw new Error(`bad parameter spec ${t}`);
      return {
        name: m[1],
        aliases: m[4] ? m[4].split(',') : [],
        ...(m[2] !== undefined ? { position: Number(m[2]) } : {}),
        isSwitch: m[3] === '!',
      };
    });
}

const KNOWN = new Map(Object.keys(SPECS).map((k) => [k.toLowerCase(), k]));
const parsed = new Map<string, ParamSpec[]>();

/** The canonical spelling of a cmdlet AgentGuard knows (`remove-item` → `Remove-Item`), or undefined. */
export function canonicalCmdlet(name: string): string | undefined {
  return KNOWN.get(name.toLowerCase());
}

export function paramsOf(cmdlet: string): ParamSpec[] | undefined {
  const spec = own(SPECS, cmdlet);
  if (spec === undefined) return undefined;
  let p = parsed.get(cmdlet);
  if (!p) {
    p = [...parseSpec(spec), ...COMMON];
    parsed.set(cmdlet, p);
  }
  return p;
}

/** The parameter `written` names (whole, alias, or unambiguous prefix), case-insensitive. */
export function resolveParam(params: readonly ParamSpec[], written: string): ParamSpec | undefined {
  const w = written.toLowerCase();
  for (const p of params) if (p.name.toLowerCase() === w || p.aliases.some((a) => a.toLowerCase() === w)) return p;
  const hits = params.filter(
    (p) => p.name.toLowerCase().startsWith(w) || p.aliases.some((a) => a.toLowerCase().startsWith(w)),
  );
  // PowerShell refuses an ambiguous prefix; judging it as the first candidate reads it the way it was most likely meant.
  return hits[0];
}
