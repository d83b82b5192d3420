// The local files written by copies from another place: `scp host:x F`,
// `sftp host:x F`, `rclone copyto remote:x F`, `docker cp ctr:/x F`,
// `kubectl cp ns/pod:/x F`, `gsutil cp gs://b/x F`, `aws s3 cp s3://b/x F`,
// `az storage blob download -f F`, and `shuf -o F`; `scp F localhost:P`
// writes P here; a move (`rclone move`, `gsutil mv`, `aws s3 mv`) deletes its
// local source once copied. What lands is another
// machine's text, known only when it runs: a start-up file or a hook written
// so asks as a download there does.
import { optionValue, positionals } from '../command/args';
import type { EffectSink } from './types';

const SCP_VALUES = ['-P', '-i', '-o', '-F', '-c', '-l', '-J', '-S', '-D', '-X'];
const RCLONE_VALUES = ['--config', '--include', '--exclude', '--filter', '--transfers', '--checkers', '--bwlimit'];
const AWS_VALUES = ['--profile', '--region', '--endpoint-url', '--include', '--exclude', '--acl', '--storage-class'];
const GSUTIL_VALUES = ['-h', '-o', '-p', '-u', '-x', '-z', '-j'];
const KUBECTL_VALUES = ['-n', '--namespace', '-c', '--container', '--context', '--kubeconfig', '--retries'];

/** A copy's destination of the remote side (`host:path`, `gs://…`, `s3://…`, `remote:path`): not a file here. */
function elsewhere(word: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(word) || /^(?:[\w.-]+@)?[\w./-]*[\w.-]:/.test(word);
}

/**
 * `localhost:PATH`, `user@127.0.0.1:PATH`: this machine reached over ssh, PATH read from the home folder
 * as the login shell there reads it. The local word for it, or undefined for another host.
 */
export function loopbackPath(word: string): string | undefined {
  const m = /^(?:[\w.-]+@)?(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1):(.*)$/i.exec(word);
  if (!m) return undefined;
  const p = m[1];
  return p.startsWith('/') || p.startsWith('~') ? p || '~' : p ? `~/${p}` : '~';
}

/**
 * The last operand as the destination, written (and emptied of what the source lacks when `mirrors`); a
 * move (`moves`) also deletes each local source once copied.
 */
function lastOperand(operands: readonly string[], sink: EffectSink, mirrors = false, moves = false): void {
  if (operands.length < 2) return;
  if (moves) for (const src of operands.slice(0, -1)) if (!elsewhere(src)) sink.add('delete', src, true);
  const spelled = operands[operands.length - 1];
  const dest = elsewhere(spelled) ? loopbackPath(spelled) : spelled;
  if (dest === undefined) return;
  sink.add('write', dest);
  if (mirrors) sink.add('delete', dest, true);
}

/** Reports the local files the command writes; false when it is none of these copies. */
export function remoteCopyEffects(name: string, argv: readonly string[], sink: EffectSink): boolean {
  const sub = argv[1];
  switch (name) {
    case 'scp':
      lastOperand(positionals(argv, SCP_VALUES), sink);
      return true;
    case 'sftp': {
      // `sftp host:path [LOCAL]`: the file is fetched into LOCAL (or here).
      const ops = positionals(argv, SCP_VALUES);
      if (ops.length >= 2 && elsewhere(ops[0])) sink.add('write', ops[1]);
      return true;
    }
    case 'rclone':
      if (/^(?:copy|copyto|move|moveto|copyurl|sync|bisync)$/.test(sub ?? ''))
        lastOperand(positionals(argv, RCLONE_VALUES, 2), sink, sub === 'sync', sub === 'move' || sub === 'moveto');
      return true;
    case 'docker':
    case 'podman':
    case 'kubectl':
    case 'oc':
      if (sub === 'cp') lastOperand(positionals(argv, KUBECTL_VALUES, 2), sink);
      return true;
    case 'gsutil':
      if (sub === 'cp' || sub === 'mv' || sub === 'rsync')
        lastOperand(positionals(argv, GSUTIL_VALUES, 2), sink, sub === 'rsync' && argv.includes('-d'), sub === 'mv');
      return true;
    case 'gcloud':
      if (sub === 'storage' && /^(?:cp|mv|rsync)$/.test(argv[2] ?? ''))
        lastOperand(
          positionals(argv, [], 3),
          sink,
          argv.includes('--delete-unmatched-destination-objects'),
          argv[2] === 'mv',
        );
      return true;
    case 'aws':
      if (sub === 's3' && /^(?:cp|mv|sync)$/.test(argv[2] ?? ''))
        lastOperand(
          positionals(argv, AWS_VALUES, 3),
          sink,
          argv[2] === 'sync' && argv.includes('--delete'),
          argv[2] === 'mv',
        );
      return true;
    case 'az': {
      // `az storage blob download -f F`, `az storage file download --dest F`, `… download-batch -d DIR`.
      if (sub !== 'storage' || !/^download(?:-batch)?$/.test(argv[3] ?? '')) return true;
      const file = optionValue(argv, ['-f', '--file', '--dest', '-d', '--destination']);
      if (file !== undefined) sink.add('write', file);
      return true;
    }
    case 'shuf': {
      const file = optionValue(argv, ['-o', '--output']);
      if (file !== undefined) sink.add('truncate', file);
      return true;
    }
    default:
      return false;
  }
}
