/**
 * The `ln` a link made by code stands for (codeLinks.ts, rLuaLinks.ts, Tcl's `file link`): every reader hands the
 * same argv on, so a link gets the findings `ln -s TARGET LINK` or `ln TARGET LINK` gets, however it is spelled.
 */
export function lnArgv(target: string, link: string, symbolic: boolean): string[] {
  return symbolic ? ['ln', '-s', '--', target, link] : ['ln', '--', target, link];
}
