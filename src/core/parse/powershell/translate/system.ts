// Processes, services and the machine: Stop-Process is kill/pkill,
// Stop-Service and friends are the service manager's verbs, Stop-Computer and
// Restart-Computer power the machine off, the packs judge them as on Linux.
import type { Expanded } from '../../bash/words';
import { type Call, emit, has, param } from '../call';

export function stopProcess(call: Call): void {
  if (has(call, 'WhatIf')) return;
  const force = has(call, 'Force') ? ['-9'] : [];
  const ids = param(call, 'Id');
  const names = param(call, 'Name');
  if (ids.length) emit(call, ['kill', ...force, ...ids]);
  if (names.length)
    emit(call, [
      'pkill',
      ...force,
      ...names.map((n) => ({ value: n.value.replace(/\.exe$/i, ''), dynamic: n.dynamic })),
    ]);
  if (ids.length || names.length) return;
  // Piped from Get-Process: every process it lists, all of them when it names none.
  const producer = call.piped?.cmdlet;
  const from = call.piped?.argv;
  if (producer?.name === 'Get-Process' || from?.[0] === 'Get-Process') {
    const listed = producer?.bound.named.get('Name') ?? producer?.bound.rest[0];
    if (listed) emit(call, ['pkill', ...force, { value: listed.text, dynamic: listed.dynamic }]);
    else emit(call, ['kill', '-9', '-1']);
    return;
  }
  if (call.piped) emit(call, ['kill', ...force, { value: '$XARGS_INPUT', dynamic: true }]);
}

const SERVICE_VERBS: Readonly<Record<string, string>> = {
  'Stop-Service': 'stop',
  'Restart-Service': 'restart',
  'Suspend-Service': 'freeze',
  'Remove-Service': 'disable',
  'Start-Service': 'start',
};

export function service(call: Call): void {
  if (has(call, 'WhatIf')) return;
  let names: Expanded[] = param(call, 'Name');
  if (!names.length) names = param(call, 'DisplayName');
  if (!names.length && call.piped?.cmdlet?.name === 'Get-Service') {
    const v = call.piped.cmdlet.bound.named.get('Name');
    names = v ? [{ value: v.text, dynamic: v.dynamic }] : [{ value: '*', dynamic: false }];
  }
  if (!names.length) names = [{ value: '$SERVICE', dynamic: true }];
  let verb = SERVICE_VERBS[call.name];
  if (call.name === 'Set-Service') {
    const startup = (call.bound.named.get('StartupType')?.text ?? '').toLowerCase();
    const status = (call.bound.named.get('Status')?.text ?? '').toLowerCase();
    verb = startup === 'disabled' ? 'disable' : status === 'stopped' ? 'stop' : status === 'paused' ? 'freeze' : '';
    if (!verb) return;
  }
  emit(call, ['systemctl', verb, ...names]);
}

export function power(call: Call): void {
  if (has(call, 'WhatIf')) return;
  const computers = param(call, 'ComputerName').filter((c) => !/^(?:localhost|\.|127\.0\.0\.1)$/i.test(c.value));
  const argv = call.name === 'Stop-Computer' ? ['shutdown', '-h', 'now'] : ['reboot'];
  if (!computers.length) {
    emit(call, argv);
    return;
  }
  for (const c of computers)
    emit(call, argv, { via: `${call.name} -ComputerName ${c.value}`, remote: { kind: 'ssh', target: c.value } });
}
