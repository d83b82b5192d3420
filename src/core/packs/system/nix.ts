// Nix changes to the whole machine: `nixos-rebuild switch` (and `boot`,
// `test`) makes a configuration the running system, its services, users and
// firewall included; `darwin-rebuild switch` does the same on macOS. Deleting
// old generations (`nix-collect-garbage -d`, `--delete-older-than`,
// `nix-env --delete-generations`, `nix profile wipe-history`) removes the
// rollback the rebuild relied on. Building (`nixos-rebuild build`, `nix
// build`) and collecting only unreferenced paths (`nix-collect-garbage`)
// change nothing that is running and keep every generation.
import type { Finding } from '../../types';
import { finding } from '../common/finding';
import { isHelp } from './common';

/** The verbs of nixos-rebuild / darwin-rebuild that activate a configuration now or at the next boot. */
const ACTIVATING = new Set(['switch', 'boot', 'test', 'activate']);
const GENERATION_DELETES = /^(?:-d|--delete-old|--delete-older-than(?:=.*)?)$/;

export const NIX_TOOLS = ['nixos-rebuild', 'darwin-rebuild', 'nix-collect-garbage', 'nix-env', 'nix'];

export function nixFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  const words = argv.slice(1, 64);
  if (name === 'nixos-rebuild' || name === 'darwin-rebuild') {
    const verb = words.find((w) => ACTIVATING.has(w));
    if (!verb) return undefined;
    const flake = words[words.indexOf('--flake') + 1];
    return finding(
      'system.config-switch',
      55,
      `${name} ${verb} makes ${words.includes('--flake') && flake ? flake : 'the configuration'} the ${verb === 'boot' ? 'system booted next' : 'running system'}: services, users, firewall and boot entries change for the whole machine`,
      name,
      `run \`${name} build\` (or dry-activate) to see what changes, and let the user switch`,
    );
  }
  const deletesGenerations =
    (name === 'nix-collect-garbage' && words.some((w) => GENERATION_DELETES.test(w))) ||
    (name === 'nix-env' && words.includes('--delete-generations')) ||
    (name === 'nix' && words[0] === 'profile' && words[1] === 'wipe-history');
  if (!deletesGenerations) return undefined;
  return finding(
    'system.package-remove',
    50,
    `${name} ${words.slice(0, 2).join(' ')} deletes old generations: the system or profile can no longer be rolled back to them`,
    name,
    'run `nix-collect-garbage` without -d (it keeps every generation), or delete only generations older than the last known good one',
  );
}
