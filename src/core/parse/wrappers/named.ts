// The programs unwrap's `switch (prog)` has a case for (index.ts). Most commands name none of them, and a switch on
// strings compares the name with each case in turn: about a hundred comparisons a command before V8 optimizes
// unwrap, and a batch's lines run mostly unoptimized. One set lookup says when the switch cannot match.
// test/unit/parse/namedWrappers.test.ts holds this list to the switch's cases.

/** Every name a case of unwrap's switch matches, and no other. */
export const NAMED_WRAPPERS: ReadonlySet<string> = new Set(
  (
    'coreutils timeout watch agentguard-run flock script tmux expect tclsh wish kamal screen systemd-run ' +
    'awk gawk mawk nawk sed gsed rg at batch su eval xargs xe find fd fdfind parallel ssh ' +
    'docker podman nerdctl docker-compose kubectl oc uv npx bunx pnpx bun deno tsx ts-node ts-node-esm esno ' +
    'vite-node npm pnpm yarn git make gmake just task go-task composer go doppler op infisical dotenv dotenvx ' +
    'aws-vault railway env-cmd with-env heroku fly flyctl gcloud aws az trap powershell powershell.exe pwsh ' +
    'pwsh.exe cmd cmd.exe wsl wsl.exe runas runas.exe osascript sqlite3 sqlite mongosh mongo schtasks ' +
    'schtasks.exe gsudo source .'
  ).split(' '),
);
