// Where the guard's own files live for a call: its homes, its state folders, its configuration.
import { guardPlaces, type GuardPlace } from './index';
import { accountHome, stateDir } from '../state';
import { isWindowsPath, toSlashForm } from '../command/winPaths';
import type { AnalysisContext } from '../types';
import { posix } from './pathPatterns';

export const CONFIG_NAME = '.agentguard.json';

/** The built-in protected places for one workspace and home, computed once. */
export interface Places {
  workspaceConfig: string;
  workspaceGit: string;
  /** Hook files, extension folders, the CLI, shell start-up files (selfProtection.ts). */
  guard: GuardPlace[];
  /** Where this process keeps its state, and the default place. */
  stateDirs: string[];
}

const placesCache = new Map<string, Places>();
// The places a context was last given, by the context: a line asks for them for every path it touches, and
// the key above is a string built of five fields. Taken only while those fields are still the same values.
const placesOf = new WeakMap<AnalysisContext, { fields: readonly unknown[]; places: Places }>();
const fieldsOf = (ctx: AnalysisContext): readonly unknown[] => [
  ctx.workspace,
  ctx.home,
  ctx.caseInsensitive,
  ctx.stateDir,
  ctx.guardInstall,
];

export function places(ctx: AnalysisContext): Places {
  const mine = placesOf.get(ctx);
  if (mine && sameFields(mine.fields, ctx)) return mine.places;
  const p = placesByKey(ctx);
  placesOf.set(ctx, { fields: fieldsOf(ctx), places: p });
  return p;
}

function sameFields(fields: readonly unknown[], ctx: AnalysisContext): boolean {
  return (
    fields[0] === ctx.workspace &&
    fields[1] === ctx.home &&
    fields[2] === ctx.caseInsensitive &&
    fields[3] === ctx.stateDir &&
    fields[4] === ctx.guardInstall
  );
}

function placesByKey(ctx: AnalysisContext): Places {
  const key = `${ctx.workspace}\0${ctx.home}\0${ctx.caseInsensitive === true}\0${ctx.stateDir ?? ''}\0${(ctx.guardInstall ?? []).join('\0')}`;
  let p = placesCache.get(key);
  if (!p) {
    if (placesCache.size > 64) placesCache.clear();
    const fold = ctx.caseInsensitive ? (x: string) => x.toLowerCase() : (x: string) => x;
    p = {
      workspaceConfig: posix.join(ctx.workspace, CONFIG_NAME),
      workspaceGit: posix.join(ctx.workspace, '.git'),
      // Folded whole: the places' own names have capitals (`Library/Application Support`, `Documents/PowerShell`).
      // Under the home the command runs with, and under the account's own (passwd) home: a HOME handed to the
      // hook elsewhere must not leave the account's hook files, launcher and state unprotected.
      guard: guardHomes(ctx)
        .flatMap((home) => guardPlaces(ctx.workspace, home, ctx.guardInstall ?? []))
        .map((g) => ({ ...g, path: fold(g.path) })),
      stateDirs: [
        ...new Set(
          [
            ctx.stateDir ?? stateDirOf(process.env, ctx),
            ...guardHomes(ctx).map((home) => stateDirOf({}, { ...ctx, home })),
          ].map(fold),
        ),
      ],
    };
    placesCache.set(key, p);
  }
  return p;
}

/** The homes whose AgentGuard files are protected: the context's, and on POSIX the account's. */
function guardHomes(ctx: AnalysisContext): string[] {
  return ctx.windows || isWindowsPath(ctx.home) ? [ctx.home] : [...new Set([ctx.home, accountHome()])];
}

/** The state folder of the machine the commands run on, in the context's path form. */
function stateDirOf(env: NodeJS.ProcessEnv, ctx: AnalysisContext): string {
  if (!ctx.windows) return stateDir(env, ctx.home);
  return toSlashForm(stateDir(env, ctx.home, 'win32'));
}

export function stateDirs(ctx: AnalysisContext, place: Places, env: Record<string, string> | undefined): string[] {
  const known = place.stateDirs;
  // The command's env may point AGENTGUARD_STATE_DIR elsewhere: protect that too, never instead of the real one.
  if (!env?.AGENTGUARD_STATE_DIR && !env?.XDG_STATE_HOME) return known;
  const own = envStateDir(env, ctx);
  return known.includes(own) ? known : [...known, own];
}

/**
 * The state folder a command's environment names, remembered for the values it follows from: asked for every path
 * every command touches, with the same few values (a batch started with AGENTGUARD_STATE_DIR set), where working
 * it out again (path.resolve) was about 1% of what a line never seen before costs.
 */
let lastEnvStateDir:
  { state?: string; xdg?: string; local?: string; home: string; cwd: string; ctx: string; dir: string } | undefined;
function envStateDir(env: Record<string, string>, ctx: AnalysisContext): string {
  const last = lastEnvStateDir;
  // The context's path form and case: `w` for Windows, `i` for case folded.
  const form = (ctx.windows ? 'w' : '') + (ctx.caseInsensitive ? 'i' : '');
  const cwd = process.cwd(); // a relative AGENTGUARD_STATE_DIR resolves against it
  if (
    last &&
    last.state === env.AGENTGUARD_STATE_DIR &&
    last.xdg === env.XDG_STATE_HOME &&
    last.local === env.LOCALAPPDATA &&
    last.home === ctx.home &&
    last.cwd === cwd &&
    last.ctx === form
  )
    return last.dir;
  const dir = ctx.caseInsensitive ? stateDirOf(env, ctx).toLowerCase() : stateDirOf(env, ctx);
  lastEnvStateDir = {
    state: env.AGENTGUARD_STATE_DIR,
    xdg: env.XDG_STATE_HOME,
    local: env.LOCALAPPDATA,
    home: ctx.home,
    cwd,
    ctx: form,
    dir,
  };
  return dir;
}
