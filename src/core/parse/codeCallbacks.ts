/**
 * Deletes and renames in interpreter code that no direct call spells out: a delete function handed by name to
 * a mapping call (PHP's `array_map("unlink", glob(…))`, Python's `map(os.remove, …)`, JavaScript's
 * `files.forEach(fs.unlinkSync)`), a method called on each element of a listing (`[p.unlink() for p in
 * X.rglob("*")]`, `for p in X.iterdir(): p.rename(…)`), and Perl's `system qw(rm -rf), …` argument lists.
 * Each is recorded as the `rm`, `mv` or command it amounts to, the listing read as a glob under its folder. The JVM's
 * listings are read held in a variable (`try (Stream<Path> s = Files.walk(X)) { s.forEach(…) }`) and walked by
 * Kotlin (`File(X).walkBottomUp().forEach { it.delete() }`) and Groovy (`new File(X).eachFileRecurse { it.delete() }`).
 */
import { topLevelIndex } from './codeScan';
import { receiverBefore } from './homePaths';

/** The parts of a code reading these add to (interpreters.ts's CodeReading). */
interface IndirectReading {
  argvs: string[][];
  deletes: { path: string; recursive: boolean }[];
  writes: { path: string; append: boolean }[];
}

/** Reading helpers of the caller: an expression to a path, and an argument list's text split into arguments. */
interface Readers {
  path: (expr: string) => string;
  args: (text: string) => string[];
}

const MAX_MATCHES = 64;

/** A delete function named as a value: `"unlink"` (PHP), `os.remove`, `fs.unlinkSync`, `shutil.rmtree`. */
const DELETER =
  /^(?:['"](?:unlink|rmdir)['"]|os\.(?:remove|unlink|rmdir)|rm|&(?:File|FileUtils)\.method\(\s*:(?:delete|unlink|rm_rf|rm_r|rm_f|rm)\s*\)|shutil\.rmtree|(?:fs|fsp|fse|require\(\s*['"](?:node:)?fs(?:-extra)?['"]\s*\))\.(?:unlink|rm|rmdir|remove)(?:Sync)?|File\.(?:delete|unlink)|FileUtils\.(?:rm_rf|rm_r|rm_f|rm)|(?:pathlib\.)?Path\.(?:unlink|rmdir))$/;
/**
 * A JVM delete handed to `forEach`: `File::delete`, `Files::delete`, `p -> p.toFile().delete()`,
 * `p -> Files.deleteIfExists(p)`; what it deletes is the stream's listing (`Files.walk(X)`, `Files.list(X)`).
 */
const JVM_DELETER =
  /^(?:(?:java\.io\.)?File::delete|(?:java\.nio\.file\.)?Files::delete(?:IfExists)?|\(?\s*(\w+)\s*\)?\s*->\s*\{?\s*(?:\1(?:\s*\.\s*toFile\s*\(\s*\))?\s*\.\s*delete\s*\(\s*\)|Files\s*\.\s*delete(?:IfExists)?\s*\(\s*\1\s*\))\s*;?\s*\}?)$/;
/**
 * Stream steps between a JVM listing and its `forEach` that keep its files: `.sorted(…)`, `.map(Path::toFile)`,
 * `.filter(…)`, Kotlin's `.reversed()`, `.toList()` and `?.` calls.
 */
const STREAM_STEP =
  /\??\.\s*(?:sorted\w*|map|filter|peek|distinct|reversed|toList|asSequence)\s*\((?:[^()]|\([^()]*\))*\)$/;
/** Kotlin's walks of a folder (`File(X).walkBottomUp()`, `.walkTopDown()`, `.walk()`) and its entries (`.listFiles()`). */
const KOTLIN_WALK = /^([\s\S]*?)\s*\??\.\s*(walkBottomUp|walkTopDown|walk|listFiles)\s*\(([^()]*)\)$/;
/** A Kotlin or Groovy trailing lambda run on each element: `forEach { it.delete() }`, `each { f -> f.deleteDir() }`. */
const LAMBDA_EACH = /\b(forEach|onEach|each|eachFile|eachFileRecurse)\s*\{\s*(?:([A-Za-z_]\w*)\s*->\s*)?/g;
/** Variables a JVM listing is looked for in, per name. */
const MAX_BINDINGS = 8;
/** `Files.walk(X)` (X and all below it), `Files.list(X)` and `Files.newDirectoryStream(X)` (X's entries). */
const JVM_LISTING = /^(?:java\.nio\.file\.)?Files\s*\.\s*(walk|list|newDirectoryStream)\s*\(([\s\S]*)\)$/;
/** A path object around the folder: `Path.of(X)`, `Paths.get(X)`, `new File(X)`, with or without their package. */
const JVM_PATH = /^(?:new\s+)?(?:java\.(?:nio\.file|io)\.)?(?:Path\.of|Paths\.get|File)\s*\(([\s\S]*)\)$/;
const MAPPING_CALL = /\b(array_map|array_walk|map|forEach|each|foreach|starmap)\s*\(\s*/g;
/** `[p.unlink() for p in ITER]`, `(p.rename(x) for p in ITER)`: a comprehension calling a method of each element. */
const COMPREHENSION = /\b([A-Za-z_]\w*)\s*\.\s*(unlink|rmdir|rename|replace)\s*\(/g;
/** `for p in ITER: p.unlink()` (Python), on the same line or the next. */
const FOR_LOOP =
  /\bfor\s+([A-Za-z_]\w*)\s+in\s+([^\n]{1,400}?):\s*(?:\n\s*)?\1\s*\.\s*(unlink|rmdir|rename|replace)\s*\(/g;
/**
 * Perl's `system qw(rm -rf), ARGS` / `exec qw(…)` and Ruby's `system(*%w[rm -rf], ARGS)`: a list of words, then
 * more arguments; Perl's `system { "rm" } LIST` names the program in a block before its list.
 */
const PERL_QW = /\b(?:system|exec|spawn)\s*\(?\s*(?:\{[^{}\n]*\}\s*)?\*?(?:qw|%[wWiI])\s*([([{<\/|])/g;
const PERL_BLOCK = /\b(?:system|exec)\s*\{[^{}\n]*\}\s*(?=['"])/g;
const QW_CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>', '/': '/', '|': '|' };

function argumentFrom(code: string, from: number): string {
  const end = topLevelIndex(code, from, 2048, (c) => c === ',' || c === ')' || c === ']' || c === '}' || c === ';');
  return code.slice(from, end).trim();
}

/**
 * A listing's files as a glob: `X.rglob(P)` → `X/P` (recursive), `X.glob(P)` → `X/P`, `X.iterdir()` or `os.listdir(X)` →
 * `X/*`, `glob(P)` → `P`; any other iterable is the caller's unknown `$(EXPR)`.
 */
export function listingPath(expr: string, path: (e: string) => string): { path: string; recursive: boolean } {
  const e = expr.trim().replace(/\s+if\s[\s\S]*$/, '');
  // A function's listing first: `glob.glob(P)` and `Dir.glob(P)` are no method of a folder.
  const fn =
    /^(?:glob\.i?glob|glob|Dir\.glob|Dir\[|os\.listdir|os\.scandir|scandir|Dir\.children|Dir\.entries|readdir|(?:fs\.|require\(\s*['"](?:node:)?fs['"]\s*\)\.)?readdirSync)\s*\(?([\s\S]*?)[)\]]$/.exec(
      e,
    );
  if (fn) {
    const first = argumentFrom(fn[1], 0);
    const globbed = /^(?:glob|Dir)/.test(e);
    return { path: globbed ? path(first) : `${path(first)}/*`, recursive: /recursive\s*=\s*True/.test(fn[1]) };
  }
  const jvm = jvmListing(e, path);
  if (jvm) return jvm;
  const method = /\.\s*(rglob|glob|iterdir|walk)\s*\(([^()]*)\)$/.exec(e);
  if (method) {
    const base = path(receiverBefore(e, method.index).replace(/^\(([\s\S]*)\)$/, '$1'));
    const pattern = method[2].trim() ? path(method[2].trim()) : '*';
    const recursive = method[1] === 'rglob' || method[1] === 'walk';
    return { path: `${base}/${method[1] === 'iterdir' ? '*' : pattern}`, recursive };
  }
  return { path: path(e), recursive: false };
}

/**
 * The folder a JVM path object names: the whole expression (`Path.of(home, "x")`, `Path.of(home).resolve("x")`), or,
 * when that cannot be spelled out, its first argument (`Path.of("/home/dev", name)` is somewhere under /home/dev).
 */
function jvmFolder(arg: string, path: (e: string) => string): string {
  const whole = path(arg);
  return whole.startsWith('$(') ? path(argumentFrom(JVM_PATH.exec(arg)?.[1] ?? arg, 0)) : whole;
}

/** A JVM listing's files, after its stream steps: `Files.walk(X)`, `Files.list(X)`, Kotlin's `File(X).walkBottomUp()`. */
function jvmListing(e: string, path: (e: string) => string): { path: string; recursive: boolean } | undefined {
  let stream = e;
  for (let k = 0; k < 8 && STREAM_STEP.test(stream); k++) stream = stream.replace(STREAM_STEP, '').trimEnd();
  const jvm = JVM_LISTING.exec(stream);
  if (jvm) {
    const dir = jvmFolder(argumentFrom(jvm[2], 0), path);
    return jvm[1] === 'walk' ? { path: dir, recursive: true } : { path: `${dir}/*`, recursive: false };
  }
  const walk = KOTLIN_WALK.exec(stream);
  if (!walk || !JVM_PATH.test(walk[1].trim())) return undefined;
  const dir = jvmFolder(walk[1].trim(), path);
  return walk[2] === 'listFiles' ? { path: `${dir}/*`, recursive: false } : { path: dir, recursive: true };
}

/**
 * What a stream deleted through holds: the listing it is, or, for a name, each JVM listing the code binds that name
 * to (`Stream<Path> s = Files.walk(X)`, `var s = …`, `val s = File(X).walkBottomUp()`).
 */
function listings(expr: string, code: string, path: (e: string) => string): { path: string; recursive: boolean }[] {
  let name = expr.trim();
  for (let k = 0; k < 8 && STREAM_STEP.test(name); k++) name = name.replace(STREAM_STEP, '').trimEnd();
  if (!/^[A-Za-z_]\w*$/.test(name)) return [listingPath(expr, path)];
  const found: { path: string; recursive: boolean }[] = [];
  for (const m of code.matchAll(new RegExp(String.raw`(?<![\w.])${name}\s*=(?!=)\s*`, 'g'))) {
    if (found.length >= MAX_BINDINGS) break;
    const from = m.index + m[0].length;
    const end = topLevelIndex(code, from, 2048, (c) => c === ';' || c === '\n' || c === ')');
    const bound = jvmListing(code.slice(from, end).trim(), path);
    if (bound) found.push(bound);
  }
  return found.length ? found : [listingPath(expr, path)];
}

/** `X.forEach { it.delete() }` (Kotlin), `new File(X).eachFileRecurse { f -> f.delete() }` (Groovy): deletes of X's files. */
function readLambdaDeletes(reading: IndirectReading, code: string, read: Readers, count: number): boolean {
  let m: RegExpExecArray | null;
  LAMBDA_EACH.lastIndex = 0;
  while ((m = LAMBDA_EACH.exec(code))) {
    if (++count > MAX_MATCHES) return true;
    const start = m.index + m[0].length;
    const body = code
      .slice(
        start,
        topLevelIndex(code, start, 2048, (c) => c === '}'),
      )
      .trim();
    const el = m[2] ?? 'it';
    const call = new RegExp(
      String.raw`^(?:${el}\s*(?:\.\s*toFile\s*\(\s*\)\s*)?\.\s*(delete|deleteRecursively|deleteDir)\s*\(\s*\)|Files\s*\.\s*delete(?:IfExists)?\s*\(\s*${el}\s*\))\s*;?$`,
    ).exec(body);
    const before = code.slice(0, m.index).trimEnd();
    if (!call || !before.endsWith('.')) continue;
    const dot = before.length - (before.endsWith('?.') ? 2 : 1);
    const receiver = receiverBefore(code, dot);
    const recursive = call[1] !== undefined && call[1] !== 'delete';
    if (m[1] === 'eachFile' || m[1] === 'eachFileRecurse') {
      const dir = jvmFolder(receiver, read.path);
      reading.deletes.push(m[1] === 'eachFile' ? { path: `${dir}/*`, recursive } : { path: dir, recursive: true });
      continue;
    }
    for (const listed of listings(receiver, code, read.path))
      reading.deletes.push({ path: listed.path, recursive: listed.recursive || recursive });
  }
  return false;
}

/** Records the deletes and moves the code makes through callbacks, comprehensions and Perl's qw lists; true past the bound. */
export function readIndirectDeletes(reading: IndirectReading, code: string, read: Readers): boolean {
  let m: RegExpExecArray | null;
  let count = 0;
  MAPPING_CALL.lastIndex = 0;
  while ((m = MAPPING_CALL.exec(code))) {
    if (++count > MAX_MATCHES) return true;
    const end = topLevelIndex(code, m.index + m[0].length, 2048, (c) => c === ')');
    const args = read.args(code.slice(m.index + m[0].length, end)).filter(Boolean);
    const named = args.findIndex((a) => DELETER.test(a) || JVM_DELETER.test(a));
    if (named < 0) continue;
    // `files.forEach(fs.unlinkSync)`: the receiver is the listing; else the other argument is.
    const dot = code.slice(0, m.index).trimEnd();
    const iterable =
      args.find((_a, k) => k !== named) ?? (dot.endsWith('.') ? receiverBefore(code, dot.length - 1) : '');
    // A list written out (`map(shutil.rmtree, ["build", "dist"])`): each of its items is deleted.
    const items = /^\[([\s\S]*)\]$/.exec(iterable.trim())?.[1];
    const recursive = /rmtree|rm_r/.test(args[named]);
    if (items !== undefined) {
      for (const item of read.args(items).filter(Boolean)) reading.deletes.push({ path: read.path(item), recursive });
      continue;
    }
    for (const listed of listings(iterable || '$FILES', code, read.path))
      reading.deletes.push({ path: listed.path, recursive: listed.recursive || recursive });
  }
  if (readLambdaDeletes(reading, code, read, count)) return true;
  const each = (name: string, method: string, iterable: string, call: number): void => {
    const listed = listingPath(iterable, read.path);
    if (method === 'unlink' || method === 'rmdir') {
      reading.deletes.push({ path: listed.path, recursive: false });
      return;
    }
    const to = argumentFrom(code, call);
    if (!to) return;
    // A name made from the element's own (`p.with_suffix(".bak")`) stays beside it, in the listing's folder.
    const target = new RegExp(String.raw`\b${name}\b`).test(to)
      ? `${listed.path.replace(/\/[^/]*$/, '')}/${name}`
      : read.path(to);
    reading.argvs.push(['mv', listed.path, target]);
    reading.writes.push({ path: target, append: false });
  };
  COMPREHENSION.lastIndex = 0;
  while ((m = COMPREHENSION.exec(code))) {
    if (++count > MAX_MATCHES) return true;
    const close = topLevelIndex(code, m.index + m[0].length, 2048, (c) => c === ')');
    const tail = new RegExp(String.raw`^\)\s*for\s+${m[1]}\s+in\s+`).exec(code.slice(close, close + 400));
    if (!tail) continue;
    each(m[1], m[2], argumentFrom(code, close + tail[0].length), m.index + m[0].length);
  }
  FOR_LOOP.lastIndex = 0;
  while ((m = FOR_LOOP.exec(code))) {
    if (++count > MAX_MATCHES) return true;
    each(m[1], m[3], m[2], m.index + m[0].length);
  }
  PERL_QW.lastIndex = 0;
  while ((m = PERL_QW.exec(code))) {
    if (++count > MAX_MATCHES) return true;
    const start = m.index + m[0].length;
    const close = code.indexOf(QW_CLOSE[m[1]], start);
    if (close < 0) continue;
    const words = code.slice(start, close).trim().split(/\s+/).filter(Boolean);
    const rest = /^\s*,([^;\n]*)/.exec(code.slice(close + 1))?.[1]?.replace(/\)\s*$/, '') ?? '';
    const more = rest.trim() ? read.args(rest.trim()).filter(Boolean).map(read.path) : [];
    if (words.length) reading.argvs.push([...words, ...more]);
  }
  PERL_BLOCK.lastIndex = 0;
  while ((m = PERL_BLOCK.exec(code))) {
    if (++count > MAX_MATCHES) return true;
    const list = code.slice(m.index + m[0].length).split(/;|\n/)[0];
    const argv = read.args(list).filter(Boolean).map(read.path);
    if (argv.length) reading.argvs.push(argv);
  }
  return false;
}
