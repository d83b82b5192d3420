// Objects and containers made readable by anyone: an upload or an ACL change
// with a public canned ACL (`--acl public-read`, S3's AllUsers grantee), a
// Google Cloud Storage ACL grant to allUsers or a public predefined ACL, an
// Azure container opened to anonymous reads. Whatever is there is then one
// URL away from the whole internet.
import { optionValue, optionValues, positionals } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';

const PUBLIC_ACL = /^public-read(?:-write)?$|^authenticated-read$/;
const S3_ALL_USERS = /acs\.amazonaws\.com\/groups\/global\/(?:AllUsers|AuthenticatedUsers)/;
const GCS_PUBLIC = /entity=all(?:Authenticated)?Users|^all(?:Authenticated)?Users/i;
const ALT = 'keep the object private and share it through a signed URL that expires';

function made(what: string, target: string | undefined): Finding {
  return finding('identity.made-public', 70, `${what}: anyone on the internet can read it`, target, ALT);
}

export function publicFindings(cmd: SimpleCommand): Finding[] {
  const argv = cmd.argv;
  if (argv[0] === 'aws') {
    const w = positionals(argv, [
      '--profile',
      '--region',
      '--acl',
      '--grants',
      '--grant-read',
      '--grant-full-control',
      '--bucket',
      '--key',
      '--output',
      '--endpoint-url',
      '--exclude',
      '--include',
    ]);
    const acl = optionValue(argv, ['--acl']);
    const grants = [
      ...optionValues(argv, ['--grants']),
      ...optionValues(argv, ['--grant-read']),
      ...optionValues(argv, ['--grant-full-control']),
    ].join(' ');
    if ((acl && PUBLIC_ACL.test(acl)) || S3_ALL_USERS.test(grants)) {
      const target = w[0] === 's3' ? w[w.length - 1] : optionValue(argv, ['--bucket']);
      return [
        made(
          `aws ${w.slice(0, 2).join(' ')} ${acl ? `--acl ${acl}` : 'grants AllUsers'} on ${target ?? 'the object'}`,
          target,
        ),
      ];
    }
  }
  if (argv[0] === 'gcloud' || argv[0] === 'gsutil') {
    const grants = [
      ...optionValues(argv, ['--add-acl-grant']),
      ...optionValues(argv, ['--predefined-acl', '--canned-acl', '-a']),
    ];
    if (grants.some((g) => GCS_PUBLIC.test(g) || /^public-?read$/i.test(g))) {
      const target = argv.find((a) => a.startsWith('gs://'));
      return [made(`${argv[0]} grants ${grants.join(', ')} on ${target ?? 'the object'}`, target)];
    }
  }
  if (argv[0] === 'az') {
    const access = optionValue(argv, ['--public-access']);
    if (access === 'blob' || access === 'container')
      return [
        made(
          `az ${positionals(argv, ['--public-access', '--name', '-n', '--account-name']).slice(0, 3).join(' ')} --public-access ${access}`,
          optionValue(argv, ['--name', '-n']),
        ),
      ];
  }
  return [];
}
