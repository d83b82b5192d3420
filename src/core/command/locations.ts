// Where a path lies: the system's directories, homes, devices.
import type { AnalysisContext } from '../types';
import { locateWindows } from './winPaths';
import { type PathLocation } from './pathInfo';

// Top-level directories whose contents belong to the system; their direct
// children (and a few standard second-level ones) count as `system-top`.
const SYSTEM_DIRS = new Set([
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/media',
  '/mnt',
  '/opt',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/srv',
  '/sys',
  '/usr',
  '/var',
  '/snap',
  '/nix',
  '/efi',
  '/Applications',
  '/Library',
  '/System',
  '/Users',
  '/Volumes',
  '/private',
  '/cores',
]);

const SYSTEM_SECOND_LEVEL = new Set([
  '/usr/bin',
  '/usr/sbin',
  '/usr/lib',
  '/usr/lib64',
  '/usr/local',
  '/usr/share',
  '/usr/include',
  '/usr/src',
  '/usr/local/bin',
  '/usr/local/lib',
  '/usr/local/share',
  '/usr/local/etc',
  '/var/lib',
  '/var/log',
  '/var/cache',
  '/var/spool',
  '/var/mail',
  '/var/backups',
  '/var/www',
  '/var/opt',
  '/var/db',
  '/private/etc',
  '/private/var',
  '/System/Library',
  '/Library/Application Support',
  '/nix/store',
]);

const HOMES_ROOTS = ['/home/', '/Users/'];

// Writes to these go nowhere; they are not files.
const NULL_DEVICES = new Set([
  '/dev/null',
  '/dev/zero',
  '/dev/stdout',
  '/dev/stderr',
  '/dev/stdin',
  '/dev/tty',
  '/dev/full',
  '/dev/random',
  '/dev/urandom',
]);

const BLOCK_DEVICE_RE =
  /^\/dev\/(?:sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|disk\d|rdisk\d|md\d|dm-\d|mapper\/|loop\d|nbd\d|sr\d|zd\d|bcache\d|root$|xvda|fd\d)/;

/** `p` lies strictly below `dir`. (Char check plus lastIndexOf: several times cheaper than startsWith on this hot path.) */
export function within(p: string, dir: string): boolean {
  return p.length > dir.length && p.charCodeAt(dir.length) === 47 && p.lastIndexOf(dir, 0) === 0;
}

/** Where an absolute, glob-free path lies. */
export function locate(p: string, ctx: AnalysisContext, home: string): PathLocation {
  // Every POSIX path here starts with one `/`; a drive letter or `//` is Windows'.
  if (p.charCodeAt(0) !== 47 || p.charCodeAt(1) === 47) return locateWindows(p, ctx, home);
  if (p === '/') return 'root';
  const ws = ctx.workspace;
  if (p === ws) return 'workspace';
  if (within(p, ws)) return 'workspace-inside';
  for (const t of ctx.tempDirs) {
    if (p === t) return 'temp-root';
    if (within(p, t)) return 'temp';
  }
  if (p === home) return 'home';
  if (p.startsWith('/dev/')) {
    if (NULL_DEVICES.has(p) || p.startsWith('/dev/fd/') || p.startsWith('/dev/pts/')) return 'null-device';
    if (BLOCK_DEVICE_RE.test(p)) return 'device';
  }
  if (p === '/root') return 'other-home';
  if (SYSTEM_DIRS.has(p) || SYSTEM_SECOND_LEVEL.has(p)) return 'system-top';
  if (within(ws, p)) return 'workspace-ancestor';
  if (within(p, home)) return 'home-inside';
  for (const r of HOMES_ROOTS) {
    if (p.startsWith(r) && p.indexOf('/', r.length) === -1) return 'other-home';
  }
  const second = p.indexOf('/', 1);
  // Any other top-level directory (`/data`, `/workspace`) is as serious as a system one.
  if (second === -1) return 'system-top';
  const top = p.slice(0, second);
  if (SYSTEM_DIRS.has(top) && !HOMES_ROOTS.includes(top + '/') && top !== '/root') return 'system';
  return 'outside';
}
