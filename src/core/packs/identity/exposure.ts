// A machine, database or cluster service opened to the whole internet: a
// firewall or security-group rule whose source is any address (`0.0.0.0/0`,
// `::/0`, `*`, `Internet`), a managed database made publicly accessible or
// taking connections from anywhere, a Kubernetes service put behind a public
// load balancer on a database or admin port. Nothing is deleted, but the door
// is open to every scanner on the internet within minutes. The web ports
// (80, 443) opened to the world are what a public site does, and stay quiet.
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';

const ANYWHERE = /(?:^|[\s,[{=:"'])(?:0\.0\.0\.0\/0|::\/0|\*|Internet|Any)(?=$|[\s,\]}"'])/i;
const WEB_PORTS = new Set(['80', '443']);
/** Ports whose service should never face the internet: shells, remote desktops, databases, caches, container and cluster APIs. */
const PRIVATE_PORTS = new Set([
  '22',
  '23',
  '2375',
  '2376',
  '3306',
  '3389',
  '5432',
  '5984',
  '6379',
  '6443',
  '7000',
  '7001',
  '8200',
  '9042',
  '9200',
  '9300',
  '10250',
  '11211',
  '1433',
  '1521',
  '27017',
  '27018',
  '5601',
  '15672',
  '2379',
]);
const ALT = 'allow only the addresses that need it (your office, a VPN, a bastion), or reach it through a tunnel';

function opened(what: string, target: string | undefined): Finding {
  return finding('identity.open-to-internet', 70, `${what}: every address on the internet can reach it`, target, ALT);
}

/** Ports a rule names: `--port 22`, `--port 0-65535`, `FromPort=22,ToPort=22`, `tcp:22`, `--destination-port-ranges 22 3389`. */
function ports(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(
    /(?:FromPort|ToPort|port)[=:"\s]+(-?\d+)|\b(?:tcp|udp):(\d+(?:-\d+)?)|^(\d+(?:-\d+)?|\*)$/gi,
  ))
    found.push(m[1] ?? m[2] ?? m[3]);
  return found;
}

/** Only the web ports are opened: 80 and 443, alone. A range, every port or any other port is more. */
function webOnly(list: readonly string[]): boolean {
  return list.length > 0 && list.every((p) => WEB_PORTS.has(p));
}

function aws(argv: readonly string[]): Finding | undefined {
  const [service, verb] = positionals(argv, [
    '--profile',
    '--region',
    '--group-id',
    '--protocol',
    '--port',
    '--cidr',
    '--cidr-ipv6',
    '--ip-permissions',
    '--db-instance-identifier',
    '--cluster-identifier',
    '--output',
  ]);
  if (service === 'ec2' && /^authorize-security-group-ingress$/.test(verb ?? '')) {
    const cidrs = [...optionValues(argv, ['--cidr']), ...optionValues(argv, ['--cidr-ipv6'])].join(' ');
    const perms = optionValues(argv, ['--ip-permissions']).join(' ');
    if (!ANYWHERE.test(` ${cidrs} ${perms.replace(/CidrIpv?6?=/g, ' ')}`)) return undefined;
    const portList = [...optionValues(argv, ['--port']), ...ports(perms)].flatMap((p) => p.split(/(?<=\d)-(?=\d)/));
    const allTraffic =
      /IpProtocol=-1|"IpProtocol"\s*:\s*"-1"/.test(perms) || optionValue(argv, ['--protocol']) === '-1';
    if (!allTraffic && webOnly([...new Set(portList)])) return undefined;
    return opened(
      `aws ec2 ${verb} lets any address in${portList.length ? ` on port ${[...new Set(portList)].join(', ')}` : ''}`,
      optionValue(argv, ['--group-id']),
    );
  }
  if (
    (service === 'rds' || service === 'redshift' || service === 'docdb' || service === 'neptune') &&
    hasFlag(argv, ['--publicly-accessible'])
  ) {
    const target = optionValue(argv, ['--db-instance-identifier', '--cluster-identifier', '--db-cluster-identifier']);
    return opened(`aws ${service} ${verb} --publicly-accessible gives the database a public address`, target);
  }
  return undefined;
}

function gcloud(argv: readonly string[]): Finding | undefined {
  const w = positionals(argv, [
    '--project',
    '--source-ranges',
    '--allow',
    '--rules',
    '--authorized-networks',
    '--network',
    '--zone',
    '--region',
    '--format',
  ]);
  if (w[0] === 'compute' && w[1] === 'firewall-rules' && (w[2] === 'create' || w[2] === 'update')) {
    const sources = optionValues(argv, ['--source-ranges']).join(',');
    if (!ANYWHERE.test(` ${sources.replace(/,/g, ' ')} `)) return undefined;
    const allowed = [...optionValues(argv, ['--allow']), ...optionValues(argv, ['--rules'])].join(',').split(',');
    const portList = allowed.flatMap((a) => (/^(?:tcp|udp):\d+$/.test(a) ? [a.split(':')[1]] : [a || 'all']));
    if (webOnly(portList)) return undefined;
    return opened(`gcloud compute firewall-rules ${w[2]} lets any address in (${allowed.join(', ') || 'all'})`, w[3]);
  }
  if (w[0] === 'sql' && w[1] === 'instances' && (w[2] === 'patch' || w[2] === 'create')) {
    const nets = optionValues(argv, ['--authorized-networks']).join(',');
    if (ANYWHERE.test(` ${nets.replace(/,/g, ' ')} `))
      return opened(`gcloud sql instances ${w[2]} authorizes 0.0.0.0/0`, w[3]);
  }
  return undefined;
}

function az(argv: readonly string[]): Finding | undefined {
  const w = positionals(argv, [
    '-g',
    '--resource-group',
    '--nsg-name',
    '--name',
    '-n',
    '--priority',
    '--source-address-prefixes',
    '--destination-port-ranges',
    '--access',
    '--direction',
    '--start-ip-address',
    '--end-ip-address',
    '--server',
    '-s',
    '--protocol',
  ]);
  if (w[0] === 'network' && w[1] === 'nsg' && w[2] === 'rule' && (w[3] === 'create' || w[3] === 'update')) {
    const sources = optionValues(argv, ['--source-address-prefixes']).join(' ');
    const access = optionValue(argv, ['--access']) ?? 'Allow';
    const direction = optionValue(argv, ['--direction']) ?? 'Inbound';
    if (!/^allow$/i.test(access) || !/^inbound$/i.test(direction) || !ANYWHERE.test(` ${sources} `)) return undefined;
    const portList = optionValues(argv, ['--destination-port-ranges']).flatMap((p) => p.split(/\s+/));
    if (webOnly(portList)) return undefined;
    return opened(
      `az network nsg rule ${w[3]} allows any source${portList.length ? ` on port ${portList.join(', ')}` : ''}`,
      optionValue(argv, ['--name', '-n']),
    );
  }
  // `az postgres server firewall-rule create --start-ip-address 0.0.0.0 --end-ip-address 255.255.255.255`
  if (w.includes('firewall-rule') && (w.includes('create') || w.includes('update'))) {
    const start = optionValue(argv, ['--start-ip-address']);
    const end = optionValue(argv, ['--end-ip-address']);
    if (start === '0.0.0.0' && end === '255.255.255.255')
      return opened(
        `az ${w.slice(0, 3).join(' ')} admits every address (0.0.0.0–255.255.255.255)`,
        optionValue(argv, ['--name', '-n']),
      );
  }
  return undefined;
}

function kubectl(argv: readonly string[]): Finding | undefined {
  const w = positionals(argv, ['-n', '--namespace', '--type', '--port', '--target-port', '--name', '--context']);
  if (w[0] !== 'expose') return undefined;
  const type = optionValue(argv, ['--type']);
  if (type !== 'LoadBalancer' && type !== 'NodePort') return undefined;
  const portList = [...optionValues(argv, ['--port']), ...optionValues(argv, ['--target-port'])];
  if (!portList.some((p) => PRIVATE_PORTS.has(p))) return undefined;
  return opened(
    `kubectl expose ${w.slice(1).join(' ')} --type=${type} puts port ${portList.join(', ')} on an outside address`,
    w.slice(1).join(' '),
  );
}

export function exposureFindings(cmd: SimpleCommand): Finding[] {
  const argv = cmd.argv;
  const f =
    argv[0] === 'aws'
      ? aws(argv)
      : argv[0] === 'gcloud'
        ? gcloud(argv)
        : argv[0] === 'az'
          ? az(argv)
          : argv[0] === 'kubectl' || argv[0] === 'oc'
            ? kubectl(argv)
            : undefined;
  return f ? [f] : [];
}
