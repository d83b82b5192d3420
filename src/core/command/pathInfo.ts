// What the resolver and the classifier say about a path word.
export type PathLocation =
  /** `/` itself. */
  | 'root'
  /** A top-level directory (`/etc`, `/usr`, `/home`, `/data`) or a standard second-level one (`/var/log`, `/usr/local`). */
  | 'system-top'
  /** Somewhere below a system directory (`/etc/nginx/nginx.conf`, `/var/lib/postgresql/data`). */
  | 'system'
  /** A block device node (`/dev/sda`, `/dev/nvme0n1p1`, `/dev/disk2`). */
  | 'device'
  /** A sink or pseudo file whose writes go nowhere (`/dev/null`, `/dev/stdout`). */
  | 'null-device'
  /** The user's HOME itself. */
  | 'home'
  /** Another user's home (`/home/alice`, `/Users/bob`, `/root`). */
  | 'other-home'
  /** A directory that contains the workspace (`..` from the workspace root, `~/code`). */
  | 'workspace-ancestor'
  /** The workspace root itself. */
  | 'workspace'
  | 'workspace-inside'
  /** HOME below its top, outside the workspace (`~/projects`, `~/.ssh/id_rsa`). */
  | 'home-inside'
  /** A temp root itself (`/tmp`). */
  | 'temp-root'
  | 'temp'
  /** Anything else on this machine (`/data/x`, another user's files). */
  | 'outside'
  /** An unresolved variable decides where it points. */
  | 'unknown';

export interface PathInfo {
  /** The word as given. */
  word: string;
  /** Absolute, `.`/`..` resolved (glob characters kept); the word itself when it cannot be resolved. */
  abs: string;
  /** An unresolved variable or substitution is part of the word. */
  dynamic: boolean;
  /** Contains glob characters (`*`, `?`, `[`). */
  glob: boolean;
  /**
   * The directory the word is really about: `abs` without its glob part, or
   * the static prefix before an unresolved variable (`dist/$V` → `dist`).
   * Empty when nothing static is known (`$DIR`).
   */
  base: string;
  /** The glob (or trailing variable) selects every entry of `base` (`*`, `.*`, `**`, `$X`). */
  everything: boolean;
  /** The glob selects by name below `base`: the last segment (`*.ts`, `node_modules`). */
  pattern?: string;
  /** Where `base` (or `abs`) lies. */
  location: PathLocation;
  /** A direct child of HOME (`~/projects`, `~/.ssh`). */
  homeChild: boolean;
  /** Build or dependency output that a command regenerates (node_modules, dist, .cache, __pycache__ …). */
  regenerable: boolean;
  /** A database or data-store file (`*.db`, `*.sqlite`, `*.rdb` …). */
  dataFile: boolean;
  /** A backup folder or file (`backups/`, `db-backup.sql`, `*.bak`). */
  backup: boolean;
  /** Version-control internals (`.git`, `.hg`, `.svn`). */
  vcs: boolean;
  /** A file that holds credentials (`~/.aws/credentials`, `~/.ssh/id_*`, `.env.production`). */
  credential: boolean;
  /** The name or glob pattern is authored source (`*.ts`, `main.go`). */
  source: boolean;
  /** The last segment has a file extension, so it names a file rather than a directory. */
  fileLike: boolean;
}
