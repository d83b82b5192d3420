// How many times the engine has looked at the file system: a path resolved
// or statted, a folder listed, a file read, a kube context or an archive's
// members read, answered from a short-lived cache or not. A caller that sees
// the count unchanged across one judgment knows the judgment read nothing
// from disk, so it depends only on the request and the options it was given,
// and the same request under the same options is judged the same again
// (`check --batch` reuses such answers for repeated lines). Every reader the
// engine uses counts here; a new one must too.
let lookups = 0;

export function countLookup(): void {
  lookups++;
}

export function lookupCount(): number {
  return lookups;
}
