// What a task runner's file holds, as its readers give it (taskRunners.ts, justRecipes.ts, tomlTasks.ts,
// nxTargets.ts, buildTaskRunners.ts): each task's shell lines and the tasks it runs first. A module of its own so
// the readers share it without importing one another.
export type Recipes = Map<string, { deps: string[]; lines: string[] }>;
