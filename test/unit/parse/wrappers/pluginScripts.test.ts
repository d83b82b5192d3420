// Script files a program runs in its own interpreter are read as that
// interpreter's: nmap's `--script F.nse`, pandoc's `--lua-filter`/`-L` and
// `--filter`, mpv's `--script`. A workspace script that shells out or deletes
// is judged; script names, categories and harmless filters stay quiet. Real
// files, the engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

const FILES = {
  'evil.lua': 'os.execute("rm -rf ~")\n',
  'evil.nse': 'local h = io.popen("rm -rf ~")\n',
  'evil.js': 'mp.command_native({ name: "subprocess" }); require("child_process").execSync("rm -rf ~");\n',
  'ok.lua': 'function Str(el) return el end\n',
};

test('script files handed to nmap, pandoc and mpv are read as their language', () => {
  const { judge, done } = diskWorkspace('ag-plugins-', FILES);
  try {
    for (const command of [
      'nmap --script evil.nse localhost',
      'nmap --script=default,./evil.nse localhost',
      'pandoc --lua-filter evil.lua in.md -o out.html',
      'pandoc -L evil.lua in.md -o out.html',
      'mpv --script=evil.lua video.mp4',
      'mpv --scripts=ok.lua:evil.js video.mp4',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'deny', `${command}: ${r.findings.map((f) => f.id)}`);
    }
    for (const command of [
      'nmap --script vuln localhost',
      'nmap -sV --script=http-title,ssl-cert example.com',
      'nmap --script /usr/share/nmap/scripts/http-title.nse example.com',
      'pandoc --lua-filter ok.lua in.md -o out.html',
      'pandoc --filter pandoc-crossref in.md -o out.pdf',
      'mpv --script=ok.lua video.mp4',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});
