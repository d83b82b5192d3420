// A test the agent wrote to delete the home folder, then `node --test`, `rspec`, `rails test` or `phpunit`: the
// runner collects and runs it (and its helpers first), and the call was allowed unread. Its test files and helpers
// are now found as the runner finds them and read as test code; an ordinary suite (a temp folder made and removed)
// stays allowed. Real files on disk, the engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

const JS_TEST = "const fs = require('fs');\nconst os = require('os');\nfs.rmSync(os.homedir(), { recursive: true });\n";
const RB_TEST = "require 'fileutils'\nFileUtils.rm_rf(Dir.home)\n";
const PHP_TEST = "<?php\nsystem('rm -rf ~');\n";

function judged(files: Record<string, string>, commands: readonly string[], decision: 'allow' | 'gated'): void {
  const { judge, done } = diskWorkspace('ag-testsuites-', files);
  try {
    for (const command of commands) {
      const r = judge(command);
      if (decision === 'allow')
        assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
      else assert.notEqual(r.decision, 'allow', command);
    }
  } finally {
    done();
  }
}

test('node --test reads the test files its default patterns or its operands collect', () => {
  judged({ 'src/x.test.mjs': JS_TEST }, ['node --test', 'node --test --watch', 'node --test src/'], 'gated');
  judged({ 'test/unit/helpers.js': JS_TEST }, ['node --test', 'node --test-reporter spec --test'], 'gated');
  judged({ 'lib/a-test.cjs': JS_TEST }, ["node --test 'lib/**/*.cjs'", 'node --test --test-name-pattern x'], 'gated');
  // Not a test file by its patterns, and not collected after a script (`--test` is then the script's argument).
  judged({ 'src/x.js': JS_TEST, 'app.js': '' }, ['node --test', 'node app.js --test'], 'allow');
});

test('rspec, rails test, rake and phpunit read their test files and the helpers they load first', () => {
  judged({ 'spec/models/user_spec.rb': RB_TEST }, ['rspec', 'bundle exec rspec spec/models', 'bin/rspec'], 'gated');
  judged({ 'spec/a_spec.rb': RB_TEST }, ['rspec spec/a_spec.rb:3', 'rake spec'], 'gated');
  judged({ 'spec/spec_helper.rb': RB_TEST, 'spec/a_spec.rb': '' }, ['rspec'], 'gated');
  judged({ 'spec/a_check.rb': RB_TEST }, ["rspec --pattern '**/*_check.rb'", "rspec -P 'spec/*_check.rb'"], 'gated');
  judged({ '.rspec': '--require support/boot\n', 'spec/support/boot.rb': RB_TEST }, ['rspec'], 'gated');
  judged({ 'test/models/user_test.rb': RB_TEST }, ['rails test', 'bin/rails test', 'rails t', 'rake test'], 'gated');
  judged({ 'test/test_helper.rb': RB_TEST }, ['rails test test/models'], 'gated');
  judged({ 'tests/Unit/UserTest.php': PHP_TEST }, ['phpunit', 'vendor/bin/phpunit --filter testX'], 'gated');
  judged(
    {
      'phpunit.xml.dist':
        '<phpunit bootstrap="boot.php"><testsuites><testsuite name="u"><directory>it</directory></testsuite></testsuites></phpunit>',
      'boot.php': PHP_TEST,
    },
    ['phpunit'],
    'gated',
  );
  judged(
    {
      'it/ATest.php': PHP_TEST,
      'phpunit.xml': '<phpunit><testsuites><directory>it</directory></testsuites></phpunit>',
    },
    ['phpunit'],
    'gated',
  );
});

test('a suite removing the temp folder it made stays allowed', () => {
  judged(
    {
      'test/tmp.test.js':
        "const fs = require('fs');\nconst os = require('os');\nconst path = require('path');\nconst tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'x-'));\nfs.rmSync(tmp, { recursive: true, force: true });\n",
      'spec/models/tmp_spec.rb':
        "require 'tmpdir'\nit 'works' do\n  tmpdir = Dir.mktmpdir\n  FileUtils.rm_rf(tmpdir)\nend\n",
      'spec/spec_helper.rb': 'RSpec.configure do |config|\nend\n',
      'test/test_helper.rb': 'ENV["RAILS_ENV"] ||= "test"\nrequire_relative "../config/environment"\n',
      Rakefile: 'Rake::TestTask.new(:test) do |t|\n  t.pattern = "test/**/*_test.rb"\nend\ntask default: :test\n',
      'test/models/user_test.rb':
        'class UserTest < ActiveSupport::TestCase\n  test "x" do\n    dir = Dir.mktmpdir\n    FileUtils.rm_rf(dir)\n  end\nend\n',
      'tests/Unit/UserTest.php':
        "<?php\nclass UserTest extends TestCase {\n  public function testX(): void {\n    $dir = sys_get_temp_dir() . '/x';\n    mkdir($dir);\n    rmdir($dir);\n  }\n}\n",
    },
    [
      'node --test',
      "node --test 'test/**/*.test.js'",
      'rspec',
      'bundle exec rspec spec/models',
      'rails test',
      'rake test',
      'bundle exec rake',
      'phpunit --filter testX',
    ],
    'allow',
  );
});

test("rake reads the tests its Rakefile's test tasks collect, by their pattern or file list", () => {
  const testTask = (head: string, body: string) =>
    `require "rake/testtask"\nRake::TestTask.new${head} do |t|\n  t.libs << "checks"\n  ${body}\nend\n`;
  judged(
    {
      Rakefile: 'Rake::TestTask.new(:test) { |t| t.libs << "checks"; t.pattern = "checks/**/*_check.rb" }\n',
      'checks/deep/x_check.rb': RB_TEST,
    },
    ['rake test', 'bundle exec rake test'],
    'gated',
  );
  judged(
    {
      Rakefile: `${testTask('(:unit)', 't.test_files = FileList["checks/*_check.rb"]')}task default: %i[unit lint]\n`,
      'checks/x_check.rb': RB_TEST,
    },
    ['rake unit', 'rake', 'bundle exec rake'],
    'gated',
  );
  judged(
    { Rakefile: testTask('', "t.pattern = 'checks/*_check.rb'"), 'checks/x_check.rb': RB_TEST },
    ['rake test'],
    'gated',
  );
  judged(
    { 'ci.rake': testTask('(:test)', 't.pattern = "checks/*_check.rb"'), 'checks/x_check.rb': RB_TEST },
    ['rake -f ci.rake test', 'rake -j 2 --rakefile ci.rake test'],
    'gated',
  );
  judged(
    {
      Rakefile: 'RSpec::Core::RakeTask.new(:spec) do |t|\n  t.pattern = "checks/**/*_check.rb"\nend\n',
      'checks/x_check.rb': RB_TEST,
    },
    ['rake spec'],
    'gated',
  );
  // A pattern built at run time is not read: running its task asks; another task does not.
  judged({ Rakefile: testTask('(:test)', 't.pattern = File.join(DIR, "*_check.rb")') }, ['rake test'], 'gated');
  judged(
    {
      Rakefile: `${testTask('(:test)', 't.pattern = File.join(DIR, "*_check.rb")')}task :build do\nend\n`,
      'checks/x_check.rb': RB_TEST,
    },
    ['rake build', 'rake -T test'],
    'allow',
  );
});

test('phpunit collects the files of a directory by its suffix and prefix, and the files its suite names', () => {
  const config = (entry: string) =>
    `<phpunit><testsuites><testsuite name="u">${entry}</testsuite></testsuites></phpunit>`;
  judged(
    { 'phpunit.xml': config('<directory suffix="Check.php">checks</directory>'), 'checks/a/XCheck.php': PHP_TEST },
    ['phpunit', 'vendor/bin/phpunit'],
    'gated',
  );
  judged(
    {
      'phpunit.xml.dist': config('<directory prefix="check_" suffix=".php">checks</directory>'),
      'checks/check_x.php': PHP_TEST,
    },
    ['phpunit'],
    'gated',
  );
  judged({ 'phpunit.xml': config('<file>checks/one.php</file>'), 'checks/one.php': PHP_TEST }, ['phpunit'], 'gated');
  // Not the suffix the directory names: phpunit does not run it.
  judged(
    { 'phpunit.xml': config('<directory suffix="Check.php">checks</directory>'), 'checks/XTest.php': PHP_TEST },
    ['phpunit'],
    'allow',
  );
});

test('rake -C DIR reads the Rakefile and tests of DIR; a Rakefile or folder named at run time asks', () => {
  const files = { 'web/Rakefile': 'task default: :test\n', 'web/test/models/user_test.rb': RB_TEST };
  judged(files, ['rake -C web test', 'rake --directory web test', 'rake --directory=web', 'rake -Cweb test'], 'gated');
  judged({ Rakefile: '', 'web/test/a_test.rb': '' }, ['rake -C web test', 'rake -T', 'rake test'], 'allow');
  const { judge, done } = diskWorkspace('ag-testsuites-', { Rakefile: '' });
  try {
    for (const command of ['rake -f "$F" test', 'rake --rakefile="$F" test', 'rake -C "$D" test']) {
      const r = judge(command);
      assert.ok(
        r.findings.some((f) => f.id === 'parse.too-complex'),
        `${command}: ${r.findings.map((f) => f.id).join()}`,
      );
    }
  } finally {
    done();
  }
});

test('a test task named at run time is read for a task the line names that nothing else declares', () => {
  const task = (head: string) =>
    `require "rake/testtask"\nprefix = "x"\nRake::TestTask.new${head} do |t|\n  t.pattern = "checks/*_check.rb"\nend\n`;
  for (const head of ['(name)', '("#{prefix}:unit")'])
    judged(
      { Rakefile: task(head), 'checks/a_check.rb': RB_TEST },
      ['rake x:unit', 'rake', 'bundle exec rake'],
      'gated',
    );
  judged(
    { Rakefile: `${task('("#{prefix}:unit")')}task :build do\nend\n`, 'checks/a_check.rb': RB_TEST },
    ['rake -T'],
    'allow',
  );
});

test("rake in a folder without a Rakefile runs the nearest parent's, from that folder; -N searches no parent", () => {
  const files = {
    Rakefile: 'require "rake/testtask"\nRake::TestTask.new(:test) { |t| t.pattern = "checks/*_check.rb" }\n',
    'checks/a_check.rb': RB_TEST,
    'lib/deep/x.rb': '',
  };
  judged(files, ['cd lib && rake test', 'cd lib/deep && bundle exec rake test'], 'gated');
  judged(files, ['cd lib && rake -N test', 'cd lib && rake build'], 'allow');
  judged({ ...files, 'checks/a_check.rb': '' }, ['cd lib/deep && rake test'], 'allow');
});
