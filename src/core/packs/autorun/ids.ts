// The finding id of each autorun kind: a write into the place plants code that runs later.
import type { AutorunKind } from './places';

export const ID: Record<AutorunKind, string> = {
  'package-json': 'autorun.lifecycle-script',
  'package-manager-config': 'autorun.package-manager-config',
  'editor-tasks': 'autorun.editor-task',
  'mcp-config': 'autorun.mcp-server',
  'git-hook': 'autorun.git-hook',
  'git-config': 'autorun.git-config',
  envrc: 'autorun.envrc',
  'mise-config': 'autorun.mise-hook',
  'python-startup': 'autorun.python-startup',
  makefile: 'autorun.make-include',
  'systemd-unit': 'autorun.systemd-unit',
  cron: 'autorun.cron',
  autostart: 'autorun.autostart',
  ssh: 'autorun.ssh',
  'host-env': 'autorun.host-environment',
  'hook-runner-config': 'autorun.git-hook',
  devcontainer: 'autorun.devcontainer',
  'program-startup': 'autorun.program-startup',
  'credential-helper': 'autorun.credential-helper',
  'transfer-config': 'autorun.transfer-config',
  readline: 'autorun.readline-macro',
  'agent-command': 'autorun.agent-command',
  'build-tool': 'autorun.build-tool',
};
