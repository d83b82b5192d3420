// What a task runner's file holds, as its readers give it (taskRunners.ts, justRecipes.ts, tomlTasks.ts,
// nxTargets.ts, buildTaskRunners.ts): each task's shell lines and the tasks it runs first. A module of its own so
// the readers share it without importing one another.
export type Recipes = Map<string, { deps: string[]; lines: string[] }>;

/** Most recipes followed through dependencies. */
export const MAX_RECIPES = 32;
/** Folders searched upwards for the runner's file (just and task look in parent folders too). */
export const MAX_UP = 16;
