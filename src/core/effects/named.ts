// The programs moreEffects (index.ts) and the converters it falls back to (converterOutputs.ts) read writes of: a
// switch on strings compares the name with each case in turn, about sixty comparisons for a command neither names
// (most), run unoptimized for most of a batch. One set lookup says when neither switch can match.
// test/unit/effects/namedEffects.test.ts holds this list to the two switches' cases.

/** The cases of moreEffects' switch. */
const MORE_EFFECTS =
  'tar gtar bsdtar 7z 7za 7zr 7zz fallocate find gfind yq lynx dasel awk gawk trash-put trash gio kioclient ' +
  'kioclient5 kioclient6 zip unzip aria2c curl http https xh xhs wget touch lftp robocopy xcopy mkfifo mknod ' +
  'ed ex red vim vi nvim patch git';

/** The cases of converterOutputEffects' switch. */
const CONVERTERS =
  'openssl gpg gpg2 base64 gbase64 iconv xxd dos2unix unix2dos mac2unix unix2mac link csplit split pandoc ' +
  'convert magick update-alternatives mount bwrap ffmpeg';

/** Every name a case of moreEffects' switch or of converterOutputEffects' switch matches, and no other. */
export const MORE_EFFECT_PROGRAMS: ReadonlySet<string> = new Set(`${MORE_EFFECTS} ${CONVERTERS}`.split(' '));
