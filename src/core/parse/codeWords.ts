// A cheap look at a file before the full code readers (interpreters.ts readCode,
// codeCalls.ts readCalls) read it: every idiom those readers turn into a command
// or a finding holds one of the words below, so code holding none of them reads
// to nothing and need not be read. A test run hands the guard hundreds of files,
// most of which call nothing it cares about; one pass of these patterns over each
// is far cheaper than the dozen readers. Each pattern is the word part of a
// reader's own pattern, kept wider, never narrower: a word added to a reader must
// be added here (test/unit/parse/codeWords.test.ts holds one idiom per reader).
// What of a reading of test code a test run is judged by is said here too.
import type { CodeReading, Language } from './interpreters';

// readCode: SHELL_CALL (and Python's exec/eval of a literal), DELETE_CALL (and Path(…).unlink), WRITE_CALL;
// codeTruncates.ts: truncate, open with write flags, Deno's and Bun's whole-file writes.
const SHELL_WORDS = String.raw`system|popen|spawn|spawnSync|execSync|exec|execFile|execFileSync|check_output|check_call|call|run|run_always|run_install|sudo|Popen|getoutput|getstatusoutput|shell_exec|passthru|proc_open|qx|sh|execute|eval`;
const WRITE_WORDS = String.raw`writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|file_put_contents|copyFileSync|copyFile|copy2?|copyfile|renameSync|rename|move|replace|symlinkSync|linkSync|symlink|link|write_text|write_bytes|open|fopen`;
const DELETE_WORDS = String.raw`rmtree|rm_rf|rm_r|remove_dir|remove_entry(?:_secure)?|remove_tree|rmSync|rmdirSync|rimraf(?:Sync|['"]\s*\)(?:\s*\.\s*\w+)?)?|removeSync|emptyDirSync|rm|rmdir|remove|unlink|unlinkSync|removedirs|delete|rm_f`;
const CODE_CALL = new RegExp(
  String.raw`\b(?:${SHELL_WORDS}|${WRITE_WORDS}|File\.write|File\.open|IO\.write|truncateSync|truncate|openSync|writeTextFile(?:Sync)?|Bun\.write)\s*\(` +
    String.raw`|\b(?:${DELETE_WORDS})\s*(?:\.sync)?\s*\(` +
    // OBFUSCATED: an eval of decoded text needs one of these decoders.
    String.raw`|b64decode|base64|decode\s*\(|fromhex|decompress|atob|Buffer\.from|unpack|pack\s*\(|chr\s*\(|fromCharCode|rot13|gzinflate`,
);
// Python reaches those calls under other names (pythonNames.ts): a function fetched by name (`getattr(os, "system")`),
// imported under another (`from os import system as s`) or bound to one (`f = shutil.rmtree`); each holds the word
// without its call.
const PYTHON_NAMES = new RegExp(
  String.raw`\bgetattr\s*\(|\bimport\b[^\n;]*\b(?:${SHELL_WORDS}|${WRITE_WORDS}|${DELETE_WORDS})\s+as\b` +
    String.raw`|\.\s*(?:${SHELL_WORDS}|${WRITE_WORDS}|${DELETE_WORDS})\b(?!\s*\()`,
);
// foreignCode.ts MORE_CALLS: zx's and Bun's $`…`, Deno.Command; R's system2 (file.remove is a remove call above).
// codeLinks.ts and rLuaLinks.ts: Julia's hardlink, R's link calls of other names, a Lua module's link held by a name.
const MORE_WORDS: Partial<Record<Language, RegExp>> = {
  node: /(?<![\w$])\$\x60|\bDeno\.Command\b/,
  r: /\bsystem2\s*\(|\b(?:link_create|createLink|junction)\s*\(/,
  julia: /\bhardlink\s*\(/,
  lua: /\.\s*link\b/,
  python: PYTHON_NAMES,
};
// The languages whose readers' words this file keeps: the common reader's, and Go's and Rust's (ownWords). The
// others' readers (foreignCode.ts) know calls no word here names, so their code is always read.
const WORDS_KEPT: ReadonlySet<Language> = new Set<Language>([
  'python',
  'node',
  'ruby',
  'perl',
  'php',
  'r',
  'julia',
  'lua',
  'awk',
]);
// Ruby, Perl and PHP: `system "…"` and `system c` (codeShellNames.ts), backticks and %x/qx, Perl's bare unlink, open
// and truncate; FileUtils' deletes and Rake's CLEAN lists without parentheses (codeBareDeletes.ts).
const BARE_CALL =
  /\b(?:system|exec|sh)\s+['"$@*\w]|[`]|%x[{(]|qx[{(]|\bunlink\b|\bopen\b|\btruncate\b|\b(?:rm|rm_rf|rm_r|rm_f|rmtree|remove_dir|remove_entry(?:_secure)?|safe_unlink)[ \t]|\b(?:CLEAN|CLOBBER)\b/;

// readCalls: HTTP deletes, Redis and Mongo wipes, SDK deletes, GraphQL posts, ORM wipes (codeOrmWipes.ts).
const SERVICE_CALL =
  /(?:\.|->)\s*(?:del|delete|delete_many|deleteMany|remove|drop_database|dropDatabase|drop|destroy|cancel|flushall|flushdb|flushAll|flushDb)\s*\(|DELETE|Net::HTTP::Delete|delete_\w|terminate_instances|purge_queue|empty_bucket|\bnew\s+(?:Delete|Terminate|Purge|BatchDelete)\w*Command|\bstripe\b|\.\s*(?:refunds|payouts|transfers)\s*\.\s*create\s*\(|\boctokit\b|graphql|\b(?:sync|truncate|drop_all|dropAllTables|dropAllSchemas|clearDatabase|dropTable\w*|dropSchema\w*|drop_table|dropCollection|drop_collection|synchronize|clear)\s*\(|destroy_all|\.\s*set\s*\(\s*null/i;
// readCalls' envSends: an environment read (os.environ, getenv, process.env, Deno.env, Bun.env, ENV, %ENV, $_ENV).
const ENV_READ = /\benviron\b|getenv|\.env\b|\bENV\b|\$_ENV/;
// readCalls reads string literals after unescaping them: destructive SQL and GraphQL mutations they start with.
const STRING_WORD = /\b(?:drop|truncate|delete|update|alter|grant|revoke|mutation)\b/i;

// Go is read by the common reader and by every call name of foreignCode.ts (CALLS, OBJECT_CALL, STRING_RUN, LIST_RUN,
// SWIFT_EXECUTABLE), other languages' names among them: the word part of each, kept wider; and the common reader's
// process (codeFileRuns.ts PROCESS_CALL), mapping (codeCallbacks.ts) and link (codeLinks.ts) calls CODE_CALL misses.
const FOREIGN_CALL = new RegExp(
  [
    String.raw`\((?:[\w.-]+[/:]{1,2})?(?:system|process|sh|shell|run-|exec)`,
    String.raw`\b(?:callCommand|spawnCommand|runCommand|shell|system|callProcess|readProcess\w*|rawSystem|proc|spawnProcess)\s`,
    String.raw`\b(?:Sys\.command|execShellCmd|execCmd|execProcess|System\.(?:cmd|shell)|os[.:]cmd|spawn|exec\.Command|ProcessBuilder|syscall\.Exec|Process|launchedProcess|executableURL|launchPath)`,
    String.raw`\b(?:os|ioutil)\.(?:Remove|WriteFile|Create)|\b(?:File|file|Files|FileUtils|MoreFiles|Directory|URL)\s*[.:(]|\b(?:Path\.of|Paths\.get|spit)\b`,
    String.raw`\b(?:remove|write|append|create)(?:Directory|File|Item|PathForcibly)|\b(?:delete|fs|io)[-/]`,
    String.raw`\.\s*(?:!|execute\s*\(|lazyLines\b|run\s*\()`,
    String.raw`\b(?:exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?|array_map|array_walk|map|forEach|each|foreach|starmap)\s*\(|[Ll]ink\w*\s*\(`,
  ].join('|'),
);
// rustCode.ts readRust: its calls, each named as it reads them.
const RUST_CALL =
  /\bCommand::new\(|\b(?:remove_dir_all|remove_dir|remove_file)\s*\(|\b(?:fs::write|File::create|fs::copy)\b/;
/** Rust longer than the reader reads (interpreters.ts MAX_CODE) is reported unread, so it may act. */
const MAX_RUST = 256 * 1024;

/** Whether the words of a language read by its own readers may act: undefined for the other languages. */
function ownWords(language: Language, code: string): boolean | undefined {
  // The JVM languages are read as Go is: the common reader and every foreign call name.
  if (language === 'go' || language === 'jvm') return CODE_CALL.test(code) || FOREIGN_CALL.test(code);
  if (language === 'rust') return code.length > MAX_RUST || RUST_CALL.test(code);
  return undefined;
}

function unescaped(code: string): string {
  return code.includes('\\') ? code.replace(/\\(.)/g, (_m, c: string) => (c === 'n' || c === 't' ? ' ' : c)) : code;
}

/**
 * Whether readCode (and, with `calls`, readCalls) can find anything in `code`. False means both read it to
 * nothing: no command, delete, write or finding — so skipping it judges exactly as reading it would.
 */
export function mayAct(language: Language, code: string, calls: boolean): boolean {
  const own = ownWords(language, code);
  if (own === true) return true;
  if (own === undefined && (!WORDS_KEPT.has(language) || CODE_CALL.test(code) || MORE_WORDS[language]?.test(code)))
    return true;
  if ((language === 'ruby' || language === 'perl' || language === 'php') && BARE_CALL.test(code)) return true;
  if (!calls) return false;
  return SERVICE_CALL.test(code) || ENV_READ.test(code) || STRING_WORD.test(unescaped(code));
}

// A test that starts its own binary (Go's helper process, `exec.Command(os.Args[0], …)`) or the crate's built program
// (`Command::new(env!("CARGO_BIN_EXE_app"))`) runs the package's code, which the run reads as it reads the tests.
const OWN_BINARY = /^\$\((?:os\.Args\[0\]|env!\(\s*"CARGO_BIN_EXE_[\w-]+"\s*\))\)$/;

/** Commands remembered across one run's test files; past it each is judged again, as before. */
const MAX_REMEMBERED = 4096;

/**
 * A reading of test code, narrowed to what a test run can be judged by without asking on every run. Tests delete
 * and write the folders their fixtures make, named only at run time, and talk to the test services they stand up
 * (their calls are not read: emitCodeReading): those go. What a test does to a place named outright, and every
 * command it runs, stay — each once per run, as a suite repeats the same shell-out in many files and the line's
 * bound on commands judged would otherwise ask.
 */
export function testReading(reading: CodeReading, seen: Set<string>): void {
  const fresh = (key: string): boolean => {
    if (seen.has(key)) return false;
    if (seen.size < MAX_REMEMBERED) seen.add(key);
    return true;
  };
  reading.shell = reading.shell.filter((s) => fresh(`sh\0${s}`));
  reading.argvs = reading.argvs.filter((a) => !OWN_BINARY.test(a[0]) && fresh(`argv\0${a.join('\0')}`));
  reading.deletes = reading.deletes.filter((d) => !d.path.startsWith('$(') && fresh(`rm\0${d.recursive}\0${d.path}`));
  reading.writes = reading.writes.filter((f) => !f.path.startsWith('$(') && fresh(`w\0${f.append}\0${f.path}`));
}
