// Files a program reads at start that can name programs it runs: `mutt -F`,
// `lynx -cfg=`, and vim's `-s` keystroke file (silent mode only under ex).
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const files = {
  'bad.cfg': 'PRINTER:p:sh -c id:FALSE\n',
  'good.cfg': 'CHARACTER_SET:utf-8\nSTARTFILE:https://example.com\n',
  'bad.muttrc': 'set sendmail="rm -rf ~"\n',
  'good.muttrc': 'set from=a@example.com\nset realname=A\n',
  'nested.muttrc': 'source other.muttrc\n',
  'bang.keys': 'ggdG!!sh x\n',
  'rm.keys': ':!rm -rf ~\n',
  'edit.keys': 'ihello world\u001b:wq\n',
};

test('config and keystroke files that can run programs are read, and asked about when unread', () => {
  judgedOnDisk(
    'ag-progcfg-',
    files,
    [
      'lynx -cfg=missing.cfg',
      'lynx -cfg=bad.cfg https://example.com',
      'mutt -F missing',
      'mutt -F bad.muttrc',
      'mutt -F nested.muttrc',
      'vim -s missing.keys file',
      'vim -s bang.keys file',
      'vim -s rm.keys file',
    ],
    'gate',
  );
  judgedOnDisk(
    'ag-progcfg-ok-',
    files,
    [
      'lynx -cfg=good.cfg https://example.com',
      'mutt -F good.muttrc',
      'vim -s edit.keys file',
      'vim -es -s file',
      'vim -e -s file',
      'ex -s file',
    ],
    'allow',
  );
});
