// Code planted to run later is judged where it is planted. An edit or a
// command that creates or changes something that runs code without a further
// hook call asks, with the code shown: lifecycle scripts, package-manager
// settings, tasks that run on folder open, MCP server entries of any host,
// git hooks and settings holding a command, .envrc, Python start-up files,
// Makefile includes, systemd units, cron and at jobs, autostart entries,
// ssh start-up settings, the environment files agent hosts load before
// they start AgentGuard's hook (loader and AGENTGUARD_* variables), other
// programs' start-up files (tmux, vim, psql, …) and the settings keys that
// run a program or send files (aws credential_process, curl's -T, …).
// places.ts says where, content.ts what a file would run, commands.ts which
// commands plant; this module applies them to edits and to shell writes.
import * as path from 'node:path';
import { declaresHusky } from '../command/husky';
import { DOWNLOADERS, fileEffects } from '../effects';
import { downloadListOf, listedDownloads } from '../effects/downloadLists';
import { touchOf } from '../effects/pathTouch';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { LOADER_VARIABLE, plantedEntries, type Entry } from './autorun/content';
import { gitConfigEntries } from './autorun/formats';
import { copiesRunTimeFile, knownContent, patchOf, REPLAYED_EDITORS } from './autorun/knownText';
import { readAsLineLeft } from '../parse/normalize';
import { PLANTING_COMMANDS, plantFinding, plantingCommandFindings, SEVERITY } from './autorun/commands';
import { autorunPlace, KIND_WHAT, type AutorunKind, type AutorunPlace, type PlaceContext } from './autorun/places';
import { landedPlaces, MAX_LANDED, type LandedPlace } from './autorun/landed';
import { pathShadowFindings } from './autorun/shadowing';
import { patchCall } from '../effects/patches';
import { namesPnpmSetting, PNPM_WORKSPACE_FILE } from './autorun/pnpmWorkspace';
import { computedStartupPlace } from './autorun/computedPlaces';
import { ID } from './autorun/ids';
import { linkedTreeFindings } from './autorun/linkedTrees';

export { LOADER_VARIABLE } from './autorun/content';
export { autorunPlace, type AutorunKind } from './autorun/places';

const ALTERNATIVE = 'run the command yourself when it is needed, or ask the user to make this change';

/** Where git runs hooks from besides .git/hooks: core.hooksPath of the repository and of the user. */
function hookDirs(ctx: AnalysisContext): string[] {
  const out: string[] = [];
  const joined = rootFiles(ctx.workspace, ctx.home);
  for (const file of joined.gitConfigs) {
    const text = ctx.readFile(file, ctx.workspace);
    const dir = text === undefined ? undefined : gitConfigEntries(text).get('core.hookspath');
    // A relative hooks path is relative to the repository git runs in.
    if (!dir) continue;
    const abs = dir.startsWith('~/') ? path.join(ctx.home, dir.slice(2)) : path.resolve(ctx.workspace, dir);
    out.push(abs);
    // husky points git at `.husky/_`, whose hooks run the ones of `.husky` itself: that folder holds hooks too.
    const parts = abs.split('/');
    const husky = parts.lastIndexOf('.husky');
    if (husky > 0 && husky < parts.length - 1) out.push(parts.slice(0, husky + 1).join('/'));
  }
  // A project that declares husky has git run `.husky/` once the next install sets it up (command/husky.ts), and so
  // does one whose line installs or initialises it before the write (`npm i -D husky && echo … > .husky/pre-commit`).
  const husky = joined.husky;
  if (!out.includes(husky) && (ctx.huskySetUp || declaresHusky(ctx.readFile(joined.packageJson, ctx.workspace))))
    out.push(husky);
  return out;
}

interface RootFiles {
  gitConfigs: readonly string[];
  husky: string;
  packageJson: string;
}
// The git config files of a workspace and home, its husky folder and package.json, joined once: every command that
// writes a file looks at them.
const MAX_CONFIG_ROOTS = 16;
const configFiles = new Map<string, RootFiles>();
function rootFiles(workspace: string, home: string): RootFiles {
  const key = `${workspace}\0${home}`;
  let files = configFiles.get(key);
  if (!files) {
    if (configFiles.size >= MAX_CONFIG_ROOTS) configFiles.clear();
    files = {
      gitConfigs: [
        path.join(workspace, '.git', 'config'),
        path.join(home, '.gitconfig'),
        path.join(home, '.config', 'git', 'config'),
      ],
      husky: path.join(workspace, '.husky'),
      packageJson: path.join(workspace, 'package.json'),
    };
    configFiles.set(key, files);
  }
  return files;
}

function placeContext(ctx: AnalysisContext): PlaceContext {
  return { workspace: ctx.workspace, home: ctx.home, hookDirs: hookDirs(ctx) };
}

function entriesFinding(kind: AutorunKind, shown: string, entries: readonly Entry[], verb: string): Finding {
  const listed = entries
    .slice(0, 3)
    .map((e) => (e.code.startsWith(e.name) ? e.code : `${e.name}: ${e.code}`))
    .join('; ');
  const more = entries.length > 3 ? ` (and ${entries.length - 3} more)` : '';
  return plantFinding(ID[kind], `${verb} ${shown}, ${KIND_WHAT[kind]}`, listed + more, shown, ALTERNATIVE);
}

/** Whether a text fragment of unknown place in the file looks like it adds a running entry. */
const FRAGMENT_HINT: Partial<Record<AutorunKind, RegExp>> = {
  'package-json': /"(?:pre|post)?(?:install|prepare|pack|publish|publishOnly|uninstall|dependencies)"\s*:/,
  'editor-tasks': /runOn|folderOpen/,
  'mcp-config': /"?(?:command|url|serverUrl|httpUrl|args)"?\s*[:=]/,
  'package-manager-config': /node-?options|script-shell|pnpmfile|yarn-?path|preload|shell/i,
  makefile: /^\s*-?s?include\s/m,
  'host-env': /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=/m,
  devcontainer: /(?:initialize|onCreate|updateContent|postCreate|postStart|postAttach)Command/,
  'agent-command': /!`|!\{|^\s*-?\s*command\s*:/m,
  'mise-config': /hooks|\benv\b|_\.(?:source|path)|\b(?:enter|leave|cd|preinstall|postinstall)\s*=/,
};

export interface EditedFile {
  /** Absolute path. */
  path: string;
  /** Content before the edit (undefined: no file yet, or unreadable). */
  before: string | undefined;
  /** Content after the edit, when it can be known. */
  after?: string;
  /** New text whose place in the file is not known (an insertion, an edit whose old text is gone). */
  fragment?: string;
}

/** An agent's edit of a file that runs code later: what it plants, shown. */
export function autorunEditFinding(file: EditedFile, ctx: AnalysisContext): Finding | undefined {
  const place = autorunPlace(file.path, placeContext(ctx));
  if (!place) return undefined;
  if (file.after !== undefined) {
    const planted = plantedEntries(place.kind, file.before, file.after, file.path);
    return planted.length ? entriesFinding(place.kind, place.shown, planted, 'writes') : undefined;
  }
  const fragment = file.fragment ?? '';
  const planted = plantedEntries(place.kind, undefined, fragment, file.path);
  if (planted.length) return entriesFinding(place.kind, place.shown, planted, 'writes');
  const hint = FRAGMENT_HINT[place.kind];
  if (hint && !hint.test(fragment)) return undefined;
  if (
    place.kind === 'host-env' &&
    !fragment.split('\n').some((l) =>
      LOADER_VARIABLE.test(
        l
          .replace(/^\s*export\s+/, '')
          .split('=')[0]
          .trim(),
      ),
    )
  )
    return undefined;
  return entriesFinding(place.kind, place.shown, [{ name: 'change', code: fragment.trim().slice(0, 300) }], 'changes');
}

// ---- shell writes ----------------------------------------------------------

/** The files a command writes whose new content the line says (echo/printf redirected, a heredoc through cat or tee, a copy of a readable file). */
export function knownWrites(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  only?: (abs: string) => boolean,
): Array<{ path: string; before: string | undefined; after: string }> {
  if (cmd.remote) return [];
  const out: Array<{ path: string; before: string | undefined; after: string }> = [];
  const effects = fileEffects(cmd, ctx);
  for (let i = 0; i < effects.length; i++) {
    const e = effects[i];
    if (e.kind !== 'write' && e.kind !== 'truncate') continue;
    const t = touchOf(e, cmd.cwd);
    if (!t || t.glob || (only && !only(t.path))) continue;
    const known = knownContent(cmd, t.path, ctx);
    if (!known) continue;
    const before = ctx.readFile(t.path, cmd.cwd);
    out.push({ path: t.path, before, after: known.append ? (before ?? '') + known.text : known.text });
    if (out.length >= 8) break;
  }
  return out;
}

/** Programs whose written text the line says (besides redirects): tee, copies, in-place editors, patches. */
const WRITERS_WITH_KNOWN_TEXT = new Set(['tee', 'sponge', 'cp', 'install', 'patch', 'git', ...REPLAYED_EDITORS]);

/** knownWrites of a command that can say what it writes at all: a cheap look at its name before its effects are read. */
export function writesSaid(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  only: (abs: string) => boolean,
): ReturnType<typeof knownWrites> {
  return cmd.redirects.length || WRITERS_WITH_KNOWN_TEXT.has(cmd.argv[0] ?? '') ? knownWrites(cmd, ctx, only) : [];
}

/** Kinds where most writes plant nothing, so a write whose content is unknown asks only when the line names what plants. */
const UNKNOWN_WRITE_HINT: Partial<Record<AutorunKind, (source: string) => boolean>> = {
  'host-env': (s) => s.split(/[\s'"]+/).some((w) => LOADER_VARIABLE.test(w.replace(/^export$/, '').split('=')[0])),
  makefile: (s) => /\binclude\b/.test(s),
  'package-json': (s) => /(?:pre|post)?install|prepare|prepack|postpack|publish/.test(s),
};

/** Wrappers that hand the command to a service manager, which runs it outside any agent (and outside its confinement). */
const HANDED_OFF: ReadonlyMap<string, [string, string]> = new Map([
  ['systemd-run', ['autorun.systemd-unit', 'starts a transient service that systemd runs, outside any agent']],
  ['at', ['autorun.cron', 'schedules a job that runs later, outside any agent']],
  ['batch', ['autorun.cron', 'schedules a job that runs later, outside any agent']],
]);

/** What the line says of a write whose text is not known: its own words, and the lines a patch adds to the file. */
function saidOf(cmd: SimpleCommand, target: string, ctx: AnalysisContext): string {
  const patch = patchCall(cmd, ctx);
  const fp = patch?.diff === undefined ? undefined : patchOf(patch.diff, target, patch.cwd);
  return fp ? `${cmd.source}\n${fp.hunks.flatMap((h) => h.new).join('\n')}` : cmd.source;
}

/** A downloader, or a command a download is piped into (`curl URL | tee package.json`), writing outside the temp folders. */
function downloadsInPlace(cmd: SimpleCommand, target: string, ctx: AnalysisContext): boolean {
  if (ctx.tempDirs.some((t) => inside(t, target)) && !inside(ctx.workspace, target)) return false;
  return [cmd.argv, cmd.stdinOrigin, cmd.stdinFrom].some((a) => a !== undefined && DOWNLOADERS.has(a[0] ?? ''));
}

/** One write into an autorun place: what it plants when its text is known, else that it writes there unread. */
function placeWriteFinding(
  cmd: SimpleCommand,
  target: string,
  place: AutorunPlace,
  known: { text: string; append: boolean } | undefined,
  ctx: AnalysisContext,
  line: string,
): Finding | undefined {
  if (known) {
    const before = ctx.readFile(target, cmd.cwd);
    const planted = plantedEntries(place.kind, before, known.append ? (before ?? '') + known.text : known.text, target);
    return planted.length ? entriesFinding(place.kind, place.shown, planted, 'writes') : undefined;
  }
  // pnpm-workspace.yaml is mostly package globs: unread text asks only when the line names a setting that plants.
  const hint = path.basename(target) === PNPM_WORKSPACE_FILE ? namesPnpmSetting : UNKNOWN_WRITE_HINT[place.kind];
  // The whole line counts: the text may be made by another of its commands (`echo … | dd of=f`, `… > /tmp/x && mv /tmp/x f`).
  // A download's text is the server's, whatever the line says: `curl -o package.json URL` may add any script.
  // So is a file named only when the line runs: `cp "$F" package.json` may bring any lifecycle script.
  const anyText = downloadsInPlace(cmd, target, ctx) || copiesRunTimeFile(cmd);
  if (hint && !anyText && !hint(`${saidOf(cmd, target, ctx)}\n${line}`)) return undefined;
  return plantFinding(
    ID[place.kind],
    `${cmd.argv[0] ?? 'a redirection'} writes ${place.shown}, ${KIND_WHAT[place.kind]}; what it writes cannot be read before it runs`,
    undefined,
    place.shown,
    ALTERNATIVE,
  );
}

/**
 * Shell writes (redirects, cp, mv, tee, sed -i, ln -s, patches, …) into a
 * place that runs code later, copies, syncs and extractions whose files land
 * in one, and commands handed to a service manager.
 */
export function autorunWriteFindings(cmd: SimpleCommand, ctx: AnalysisContext, line = ''): Finding[] {
  if (cmd.remote) return [];
  const out: Finding[] = [];
  const handedTo = cmd.via.find((v) => HANDED_OFF.has(v.split(/\s+/)[0]));
  const handed = handedTo === undefined ? undefined : HANDED_OFF.get(handedTo.split(/\s+/)[0]);
  if (handedTo && handed)
    out.push(
      plantFinding(
        handed[0],
        `${handedTo} ${handed[1]}`,
        cmd.argv.join(' '),
        handedTo,
        'run the command in the foreground instead',
      ),
    );
  out.push(...pathShadowFindings(cmd, ctx));
  let places: PlaceContext | undefined;
  // Indexed loops: run for every command, and until V8 optimizes this (most of a batch) each for…of step allocates.
  const effects = fileEffects(cmd, ctx);
  for (let i = 0; i < effects.length; i++) {
    const e = effects[i];
    if (e.kind !== 'write' && e.kind !== 'truncate') continue;
    const t = touchOf(e, cmd.cwd);
    const at = t ? undefined : computedStartupPlace(e, cmd.cwd);
    const planted = at && placeWriteFinding(cmd, at.abs, at.place, knownContent(cmd, at.abs, ctx), ctx, line);
    if (planted) out.push(planted);
    if (!t) continue;
    places ??= placeContext(ctx);
    const target = t.glob ? t.dir : t.path;
    const place = autorunPlace(target, places);
    if (!place || out.some((f) => f.target === place.shown)) continue;
    const f = placeWriteFinding(cmd, target, place, t.glob ? undefined : knownContent(cmd, target, ctx), ctx, line);
    if (f) out.push(f);
  }
  out.push(...linkedTreeFindings(cmd, ctx));
  // A copy into a folder writes what lands below it, each file judged as the direct write of it (packs/autorun/landed.ts).
  const landed = landedPlaces(cmd, ctx, () => (places ??= placeContext(ctx)));
  for (let i = 0; i < landed.places.length; i++) {
    const l = landed.places[i];
    if (out.some((f) => f.target === l.place.shown) || ownFileCopied(l, cmd, ctx, (places ??= placeContext(ctx))))
      continue;
    const text = l.read ? l.read() : l.source === undefined ? undefined : readAsLineLeft(cmd, ctx, l.source);
    const f = placeWriteFinding(
      cmd,
      l.path,
      l.place,
      text === undefined ? undefined : { text, append: false },
      ctx,
      line,
    );
    if (f) return [...out, f];
  }
  const unreadList = unreadDownloadListFinding(cmd, ctx);
  if (unreadList) out.push(unreadList);
  if (landed.more)
    out.push(
      plantFinding(
        'autorun.landed-unread',
        `${cmd.argv[0]} lands more than ${MAX_LANDED} files in places that run code later; AgentGuard judges ${MAX_LANDED} per command, so what the rest would run is unread`,
        undefined,
        cmd.argv[0],
        `copy at most ${MAX_LANDED} such files per command, so each can be judged`,
      ),
    );
  return out;
}

/**
 * `rsync -av ./ ../copy/`, `cp -r . /tmp/review`: the workspace's own package.json (a Makefile, a tasks.json) copied
 * as it is to a place of the same kind runs there what it already runs here: nothing new is planted. Only a file
 * the line left unchanged, landing where no file is yet (or the same text is): one copied over another project's
 * file replaces what that project ran.
 */
function ownFileCopied(l: LandedPlace, cmd: SimpleCommand, ctx: AnalysisContext, places: PlaceContext): boolean {
  const source = l.source;
  if (source === undefined || !source.startsWith(ctx.workspace + '/') || l.path.startsWith(ctx.workspace + '/'))
    return false;
  // A git hook copied is judged by what its text runs, as any hook written is.
  if (!ctx.stat || l.place.kind === 'git-hook' || autorunPlace(source, places)?.kind !== l.place.kind) return false;
  const text = ctx.readFile(source, ctx.workspace);
  if (text === undefined || readAsLineLeft(cmd, ctx, source) !== text) return false;
  return ctx.stat(l.path) === undefined ? !ctx.lineMade : ctx.readFile(l.path, ctx.workspace) === text;
}

/**
 * `wget -i urls.txt`, `aria2c -i list` with a list that cannot be read now: the files land under names nobody can
 * tell, and a package.json, Makefile, start-up file or CI file among them would run later. Into a temporary
 * folder nothing runs them.
 */
function unreadDownloadListFinding(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const list = downloadListOf(cmd.argv);
  if (!list || listedDownloads(cmd, ctx) !== undefined) return undefined;
  const dir = path.resolve(cmd.cwd, list.dir ?? '.');
  if (ctx.tempDirs.some((t) => inside(t, dir)) && !inside(dir, ctx.workspace)) return undefined;
  return plantFinding(
    'autorun.landed-unread',
    `${cmd.argv[0]} downloads the files listed in ${list.file}, which AgentGuard cannot read now, into ${dir}: their names are unknown, and a package.json, Makefile, shell start-up or CI file among them would run later unjudged`,
    undefined,
    list.file,
    'download into a temporary folder and review what landed, or name each URL on the command line',
  );
}

// ---- edits outside the workspace --------------------------------------------

function inside(dir: string, p: string): boolean {
  return p === dir || p.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

/** Folders agent hosts keep their own notes in (Claude Code's plans): written by the host's own tools, not planted. */
const HOST_NOTES = ['.claude/plans', '.claude/todos'];

/** An edit-tool write outside the workspace (and its declared roots) and the temp folders asks. */
export function outsideWorkspaceFinding(
  abs: string,
  ctx: AnalysisContext,
  roots: readonly string[] = [],
): Finding | undefined {
  if ([ctx.workspace, ...roots].some((r) => inside(r, abs))) return undefined;
  if (ctx.tempDirs.some((t) => inside(t, abs))) return undefined;
  if (HOST_NOTES.some((d) => inside(path.join(ctx.home, d), abs))) return undefined;
  const shown = inside(ctx.home, abs) ? `~/${path.relative(ctx.home, abs)}` : abs;
  return {
    id: 'autorun.outside-workspace',
    summary: `writes ${shown}, outside the workspace: files there are not the project's, and some run by themselves later`,
    target: shown,
    alternative: 'keep changes inside the workspace, or ask the user to make this one',
    severity: SEVERITY,
  };
}

export const autorunPack: Pack = {
  id: 'autorun',
  commands: PLANTING_COMMANDS,
  analyze: (cmd, ctx) => {
    const found = plantingCommandFindings(cmd, ctx);
    return found.length ? found : undefined;
  },
};
