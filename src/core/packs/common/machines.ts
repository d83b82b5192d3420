// Local virtual machines deleted with their disks, read by the generic pack
// (no pack claims these tools) and the docker one (podman machine). A
// machine's disk may hold the only copy of what was written inside it; the
// machines that run
// containers (colima, podman machine, docker-machine) take every container,
// image and volume with them. That is a docker volume removed, and asks like
// one; the harm lands on this machine, so a local runtime is no reason to
// weigh it down. Stopping, restarting, or deleting a machine recoverably or
// keeping its disk stays quiet.
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { Finding } from '../../types';
import { finding } from './finding';

const ID = 'system.vm-disk-delete';
/** As `docker compose down -v`: the data of a development machine, not yet a named volume of a database. */
const SEVERITY = 60;

/** virsh's options before its command that take a value. */
const VIRSH_VALUES = ['-c', '--connect', '-l', '--log', '-k', '--keepalive-interval', '-K', '--keepalive-count', '-e'];
const VIRSH_STORAGE_FLAGS = ['--remove-all-storage', '--storage', '--wipe-storage', '--delete-storage'];

function diskDelete(summary: string, target: string | undefined, alternative: string, severity = SEVERITY): Finding {
  return finding(ID, severity, summary, target, alternative);
}

function vagrant(argv: readonly string[]): Finding | undefined {
  const [verb, name] = positionals(argv);
  if (verb !== 'destroy') return undefined;
  return diskDelete(
    `vagrant destroy deletes ${name ? `the machine ${name} and its disk` : "the project's machines and their disks"}: what was written inside outside the synced folders is lost`,
    name ?? 'vagrant',
    'vagrant halt stops the machine and keeps its disk',
  );
}

function multipass(argv: readonly string[]): Finding | undefined {
  const [verb, ...names] = positionals(argv);
  // `multipass delete` alone moves the instance to the trash (`multipass recover` brings it back).
  const purging = verb === 'purge' || (verb === 'delete' && hasFlag(argv, ['-p', '--purge']));
  if (!purging) return undefined;
  return diskDelete(
    `multipass ${verb}${verb === 'delete' ? ' --purge' : ''} deletes ${names.length ? names.slice(0, 4).join(', ') : 'the deleted instances'} for good, disks included`,
    names.join(', ') || 'multipass',
    'multipass delete without --purge keeps the instance recoverable',
  );
}

function virsh(argv: readonly string[]): Finding | undefined {
  const words = positionals(argv, [...VIRSH_VALUES, '--storage', '--pool']);
  const [verb, target] = words;
  if (verb === 'undefine' && hasFlag(argv, VIRSH_STORAGE_FLAGS))
    return diskDelete(
      `virsh undefine with its storage deletes ${target ?? 'the domain'}'s disk volumes along with its definition`,
      target,
      'virsh undefine without the storage options keeps the disks',
    );
  if (verb === 'vol-delete' || verb === 'vol-wipe' || verb === 'pool-delete')
    return diskDelete(
      `virsh ${verb} ${verb === 'pool-delete' ? 'deletes the storage pool' : 'destroys the volume'} ${target ?? ''} and the data in it`.trimEnd(),
      target,
      'list the volumes first (virsh vol-list) and back up the one you mean',
      70,
    );
  return undefined;
}

function vboxmanage(argv: readonly string[]): Finding | undefined {
  const [verb, ...rest] = positionals(argv);
  const deletes = hasFlag(argv, ['--delete', '--delete-all']);
  if (!deletes || (verb !== 'unregistervm' && verb !== 'closemedium')) return undefined;
  const target = rest.filter((w) => !/^(?:disk|dvd|floppy)$/.test(w)).join(', ') || undefined;
  return diskDelete(
    `VBoxManage ${verb} --delete deletes the disk images of ${target ?? 'the machine'}`,
    target,
    `VBoxManage ${verb} without --delete keeps the disk images`,
  );
}

/** limactl, colima, docker-machine and podman machine: one machine (or all) deleted with its disk. */
function runtimeMachine(
  tool: string,
  verb: string,
  name: string | undefined,
  what = `the machine ${name ?? ''}`,
): Finding {
  const containers = tool !== 'limactl';
  return diskDelete(
    `${tool} ${verb} deletes ${what.trimEnd()} with its disk${containers ? ': every container, image and volume in it goes too' : ''}`,
    name ?? tool,
    containers ? `${tool} stop keeps the machine and its data` : 'limactl stop keeps the instance and its disk',
  );
}

/** A local machine's disk deleted by one of the tools that run machines here; help is the caller's to skip. */
export function machineFindings(name: string, argv: readonly string[]): Finding | undefined {
  switch (name) {
    case 'vagrant':
      return vagrant(argv);
    case 'multipass':
      return multipass(argv);
    case 'virsh':
      return virsh(argv);
    case 'VBoxManage':
    case 'vboxmanage':
      return vboxmanage(argv);
    case 'limactl':
    case 'colima':
    case 'docker-machine': {
      const [verb, machine] = positionals(argv, ['-p', '--profile']);
      const verbs = name === 'limactl' ? /^(?:delete|rm|remove|factory-reset)$/ : /^(?:delete|rm|remove)$/;
      // colima names its machine by profile: `colima delete -p work`.
      const named = name === 'colima' ? (optionValue(argv, ['-p', '--profile']) ?? machine) : machine;
      return verb && verbs.test(verb) ? runtimeMachine(name, verb, named) : undefined;
    }
    default:
      return undefined;
  }
}

/** `podman machine rm|reset` (the rest of podman is the docker analyzer's): `--save-image` keeps the disk. Help is the caller's to skip. */
export function podmanMachineFinding(words: readonly string[], argv: readonly string[]): Finding | undefined {
  const [group, verb, machine] = words;
  if (group !== 'machine') return undefined;
  if (verb === 'reset') return runtimeMachine('podman machine', verb, undefined, 'every machine');
  if ((verb === 'rm' || verb === 'remove') && !hasFlag(argv, ['--save-image']))
    return runtimeMachine('podman machine', verb, machine);
  return undefined;
}
