// The names every system answers to by itself: not looked up on PATH
// (pathPrograms.ts), and known command names a definition may rename
// (bash/renames.ts).
/**
 * Commands every system has in its own folders (coreutils, findutils, util-linux, archivers, editors, build tools),
 * and the shell's builtins: not looked up. The same name put in a user's PATH folder asks as it is put there (`autorun.path-shadow`), so only a
 * name no system folder holds can be new on PATH; looking each of these up would cost every line a look per folder.
 */
export const SYSTEM_COMMANDS: ReadonlySet<string> = new Set(
  (
    'rm mv cp ln ls mkdir rmdir chmod chown chgrp touch cat tac head tail tee wc sort uniq cut tr paste join split ' +
    'csplit comm diff cmp patch echo printf test expr true false yes seq sleep date env printenv id whoami groups ' +
    'uname hostname pwd basename dirname realpath readlink stat du df sync dd truncate shred mktemp install file ' +
    'find xargs grep egrep fgrep sed awk gawk mawk nl fold fmt od xxd hexdump base64 base32 md5sum sha1sum ' +
    'sha256sum sha512sum cksum sum tar gzip gunzip zcat bzip2 bunzip2 xz unxz zstd unzip zip 7z ps kill killall ' +
    'pkill pgrep top htop free uptime nice nohup timeout watch less more man info which whereis type column lsof ' +
    'make cmake ninja meson gcc cc g++ clang ld as ar strip nm objdump tmux screen vim vi nvim nano emacs ed tput ' +
    'clear reset stty tty mount umount lsblk blkid fdisk chroot su sudo doas ssh scp sftp rsync curl wget ping ' +
    'dig host nslookup netstat ss ip ifconfig crontab at jq yq tree locate updatedb iconv envsubst gettext ' +
    // The shell's own builtins run no file, whatever PATH holds.
    'cd export set unset local declare typeset readonly source exit return shift wait read trap eval exec alias ' +
    'unalias hash pushd popd dirs mapfile readarray let shopt builtin command enable getopts umask ulimit jobs fg bg ' +
    'disown history complete compgen caller times suspend logout'
  ).split(' '),
);
