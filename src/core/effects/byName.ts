// The programs whose writes moreEffects (index.ts) reads from their options, folders, patches or operands: one table
// from a program's name to its reader. A name is read exactly when it has an entry, so no second list of the names
// can fall out of step with the readers (one that lacked a name would leave that program's writes unseen). The
// lookup is one hash probe, where a switch on strings compared the name with each of about sixty cases in turn,
// unoptimized for most of a batch's lines. Names that share a reader are several keys for one function; a duplicate
// key does not compile.
import {
  downloadEffects,
  gitOutputEffects,
  specialFileEffects,
  tarEffects,
  touchEffects,
  windowsCopyEffects,
  zipEffects,
} from './toolWrites';
import { patchCall, patchEffects } from './patches';
import { gitWorktreeEffects } from './gitWorktree';
import { lftpEffects } from './lftpScript';
import { readGlobalOptions } from '../command/globalOptions';
import { wgetKeptFiles } from './downloads';
import { listedDownloads } from './downloadLists';
import { sshKeygenEffects } from './sshKeys';
import { sedFileEffects } from './sedFiles';
import { lineEditorEffects } from './lineEditors';
import { npmPackEffects, pipFolderEffects, pythonModuleEffects } from './packageOutputs';
import type { AnalysisContext, SimpleCommand } from '../types';
import type { EffectSink } from './types';
import {
  daselEffects,
  desktopRemoveEffects,
  trashEffects,
  fallocateEffects,
  findOutputEffects,
  gawkInplaceEffects,
  lynxEffects,
  sevenZipEffects,
  yqEffects,
} from './moreTools';
import {
  alternativesEffects,
  bwrapEffects,
  csplitEffects,
  dosEffects,
  ffmpegEffects,
  imageMagickEffects,
  linkEffects,
  mountEffects,
  opensslEffects,
  outputOptionEffects,
  splitEffects,
  xxdEffects,
} from './converterOutputs';

/** Reads the writes of one command (`argv` is `cmd.argv`, `name` its program) into `sink`. */
export type EffectReader = (
  argv: readonly string[],
  sink: EffectSink,
  name: string,
  cmd: SimpleCommand,
  ctx: AnalysisContext,
) => void;

const desktopRemove: EffectReader = (argv, c, name) => desktopRemoveEffects(name, argv, c);
const zip: EffectReader = (argv, c, name) => zipEffects(name, argv, c);
const download: EffectReader = (argv, c, name) => downloadEffects(name, argv, c);
const windowsCopy: EffectReader = (argv, c, name) => windowsCopyEffects(name, argv, c);
const specialFile: EffectReader = (argv, c, name) => specialFileEffects(name, argv, c);
const lineEditor: EffectReader = (argv, c, name, cmd, ctx) => lineEditorEffects(name, argv, c, cmd, ctx);
const imageMagick: EffectReader = (argv, c, name) => imageMagickEffects(name, argv, c);
const sshKeygen: EffectReader = (argv, c, _name, cmd) => sshKeygenEffects(argv, c, cmd);

/** aria2c's and wget's `-i FILE` lists more downloads, each written where it lands. */
const aria2c: EffectReader = (argv, c, name, cmd, ctx) => {
  downloadEffects(name, argv, c);
  for (const f of listedDownloads(cmd, ctx) ?? []) c.add('write', f);
};

const wget: EffectReader = (argv, c, name, cmd, ctx) => {
  downloadEffects(name, argv, c, wgetKeptFiles(cmd, ctx));
  for (const f of listedDownloads(cmd, ctx) ?? []) c.add('write', f);
};

/** The files a patch names (`patch`, `git apply`/`git am`), and git's own output files and worktrees. */
const patchOrGit: EffectReader = (argv, c, name, cmd, ctx) => {
  const patch = patchCall(cmd, ctx);
  if (patch) patchEffects(patch, c);
  if (name === 'git') {
    gitOutputEffects(argv, c);
    const g = readGlobalOptions(argv, cmd.cwd);
    gitWorktreeEffects((g.bare ?? argv).slice(1), c, g.dir);
  }
};

/** Every program whose writes are read by its name, and no other. */
const BY_NAME: Readonly<Record<string, EffectReader>> = {
  // Archivers, space and desktop tools, in-place rewriters, downloaders, line editors (toolWrites.ts, moreTools.ts).
  tar: tarEffects,
  gtar: tarEffects,
  bsdtar: tarEffects,
  '7z': sevenZipEffects,
  '7za': sevenZipEffects,
  '7zr': sevenZipEffects,
  '7zz': sevenZipEffects,
  fallocate: fallocateEffects,
  find: findOutputEffects,
  gfind: findOutputEffects,
  yq: yqEffects,
  lynx: lynxEffects,
  dasel: daselEffects,
  awk: gawkInplaceEffects,
  gawk: gawkInplaceEffects,
  'trash-put': trashEffects,
  trash: trashEffects,
  gio: desktopRemove,
  kioclient: desktopRemove,
  kioclient5: desktopRemove,
  kioclient6: desktopRemove,
  zip,
  unzip: zip,
  aria2c,
  curl: download,
  http: download,
  https: download,
  xh: download,
  xhs: download,
  wget,
  touch: touchEffects,
  lftp: lftpEffects,
  robocopy: windowsCopy,
  xcopy: windowsCopy,
  mkfifo: specialFile,
  mknod: specialFile,
  ed: lineEditor,
  // sed's `-f FILE` scripts, read from the file (sedFiles.ts); its words alone are read with the file commands.
  sed: sedFileEffects,
  gsed: sedFileEffects,
  ex: lineEditor,
  red: lineEditor,
  vim: lineEditor,
  vi: lineEditor,
  nvim: lineEditor,
  patch: patchOrGit,
  git: patchOrGit,
  // Converters' and encoders' output files, named by an option or a second operand (converterOutputs.ts).
  openssl: opensslEffects,
  gpg: outputOptionEffects,
  gpg2: outputOptionEffects,
  base64: outputOptionEffects,
  gbase64: outputOptionEffects,
  iconv: outputOptionEffects,
  xxd: xxdEffects,
  dos2unix: dosEffects,
  unix2dos: dosEffects,
  mac2unix: dosEffects,
  unix2mac: dosEffects,
  link: linkEffects,
  csplit: csplitEffects,
  split: splitEffects,
  pandoc: outputOptionEffects,
  // Compressors and a metadata tool whose `-o FILE` is where they write.
  zstd: outputOptionEffects,
  unzstd: outputOptionEffects,
  brotli: outputOptionEffects,
  exiftool: outputOptionEffects,
  convert: imageMagick,
  magick: imageMagick,
  'update-alternatives': alternativesEffects,
  mount: mountEffects,
  bwrap: bwrapEffects,
  ffmpeg: ffmpegEffects,
  // Package tools writing what they fetch or build into a named folder (packageOutputs.ts).
  pip: pipFolderEffects,
  pip3: pipFolderEffects,
  npm: npmPackEffects,
  python: pythonModuleEffects,
  python3: pythonModuleEffects,
  // A key replaced when its overwrite prompt is answered on stdin (sshKeys.ts).
  'ssh-keygen': sshKeygen,
};

/** The reader of each program's writes known by name: a program is read so exactly when it is a key here. */
export const EFFECTS_BY_NAME: ReadonlyMap<string, EffectReader> = new Map(Object.entries(BY_NAME));
