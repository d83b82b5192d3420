/**
 * Links made by interpreter code (`os.symlink(a, b)`, `fs.symlinkSync(a, b)`, pathlib's `Path(b).symlink_to(a)`,
 * Ruby's `File.symlink` and `FileUtils.ln_s`, Perl's and PHP's `symlink(a, b)`, and each one's hard-link twin; R's
 * and Lua's in rLuaLinks.ts): read only as a write of the link's name, a link planted as a host's settings folder
 * (`.claude`) passed, while `ln -s a .claude` asks. Each is judged as the `ln` it stands for, so the same findings
 * follow either spelling.
 */
import { own } from '../text/own';
import { readRLuaLinks } from './rLuaLinks';
import { lnArgv } from './linkCommand';

/** The part of a code reading a link adds to (interpreters.ts's CodeReading). */
interface LinkReading {
  argvs: string[][];
}

/**
 * Each call's name to whether the link it makes is symbolic; pathlib's methods also say whether their receiver is
 * the link made or the file it leads to.
 */
const LINK_CALLS: Readonly<Record<string, { symbolic: boolean; receiver?: 'link' | 'target' }>> = {
  symlink: { symbolic: true },
  symlinkSync: { symbolic: true },
  link: { symbolic: false },
  linkSync: { symbolic: false },
  // fs-extra's: the link is made as `ln -s` makes it.
  ensureSymlink: { symbolic: true },
  ensureSymlinkSync: { symbolic: true },
  ensureLink: { symbolic: false },
  ensureLinkSync: { symbolic: false },
  // Ruby's FileUtils (and Rake, which brings FileUtils' names in bare).
  ln_s: { symbolic: true },
  ln_sf: { symbolic: true },
  ln_sr: { symbolic: true },
  ln: { symbolic: false },
  // pathlib: `Path(link).symlink_to(target)`, `Path(link).hardlink_to(target)`; the older `Path(target).link_to(link)`.
  symlink_to: { symbolic: true, receiver: 'link' },
  hardlink_to: { symbolic: false, receiver: 'link' },
  link_to: { symbolic: false, receiver: 'target' },
  // Julia's hard link: `hardlink(src, dst)`.
  hardlink: { symbolic: false },
};

const LINK_CALL =
  /(?<![\w$@%&>]|\bsub\s+)(symlinkSync|symlink_to|symlink|hardlink_to|hardlink|linkSync|link_to|link|ensureSymlinkSync|ensureSymlink|ensureLinkSync|ensureLink|ln_sf|ln_sr|ln_s|ln)\b(?!\s*=>)(?:\s*(\()\s*|[ \t]+(?=['"$]))/g;
/** Receivers whose `symlink`/`link` makes a file-system link: not `html.link(…)` or a router's. */
const FILE_RECEIVER =
  /^(?:os|fs|fsp|fs\.promises|promises|fse|fsExtra|File|FileUtils|Deno|(?:Base\.)?Filesystem|Base|(?:(?:process|module)\.)?(?:require|getBuiltinModule)\(\s*['"`](?:node:)?fs(?:\/promises)?['"`]\s*\)(?:\.promises)?)$/;
const MAX_LINKS = 64;
/** Names matched, most of them calls on other objects (`html.link(…)`): bounded apart from the links made. */
const MAX_SEEN = 1024;

/**
 * Records the links `code` makes as `ln` argvs; `path` reads an argument expression as a path (`$(EXPR)` when
 * computed), `args` splits an argument list's text. True when there were more than the bound (the code is then not
 * read whole).
 */
export function readLinks(
  reading: LinkReading,
  language: string,
  code: string,
  path: (expr: string) => string,
  args: (text: string) => string[],
  receiverBefore: (code: string, dot: number) => string,
): boolean {
  if (!/link|\bln|junction/i.test(code)) return false;
  // R's and Lua's link calls are other names on other receivers (rLuaLinks.ts).
  if (language === 'r' || language === 'lua') return readRLuaLinks(reading, language, code, { path, args });
  let m: RegExpExecArray | null;
  let [seen, made] = [0, 0];
  LINK_CALL.lastIndex = 0;
  while ((m = LINK_CALL.exec(code))) {
    if (++seen > MAX_SEEN) return true;
    const call = own(LINK_CALLS, m[1]);
    if (!call) continue;
    const dot = /\.\s*$/.exec(code.slice(Math.max(0, m.index - 8), m.index));
    const receiver = dot ? receiverBefore(code, m.index - dot[0].length) : '';
    // Without parentheses only Ruby and Perl call (`FileUtils.ln_s "a", "b"`, `symlink "a", "b"`).
    if (!m[2] && language !== 'ruby' && language !== 'perl') continue;
    const start = m.index + m[0].length;
    const text = code.slice(start, start + 2048);
    const parts = args(m[2] ? text : text.split(/;|\n/)[0]).filter(Boolean);
    let target: string | undefined;
    let name: string | undefined;
    if (call.receiver) {
      // pathlib's methods act on their receiver, whatever expression it is; a Rails `link_to` is bare.
      if (language !== 'python' || !receiver) continue;
      [target, name] = call.receiver === 'link' ? [parts[0], receiver] : [receiver, parts[0]];
    } else {
      if (receiver && !FILE_RECEIVER.test(receiver)) continue;
      // FileUtils' names are Ruby's; a bare `ln(…)` elsewhere is no file call.
      if (/^ln/.test(m[1]) && language !== 'ruby') continue;
      if (m[1] === 'hardlink' && language !== 'julia') continue;
      [target, name] = parts;
    }
    if (!target || !name) continue;
    const link = path(name);
    // A link whose name is computed is left to the write it already is; a computed target is judged as `ln -s "$(…)"`.
    if (link.startsWith('$(')) continue;
    if (++made > MAX_LINKS) return true;
    reading.argvs.push(lnArgv(path(target), link, call.symbolic));
  }
  return false;
}
