// Scripts that empty or drop database tables through an ORM or query builder
// ask as `code.orm-wipe`; the scoped forms (a where clause, a filter with
// arguments), everyday ORM calls and an in-memory database stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';

function script(name: string, code: string) {
  return engine({ [`${WORKSPACE}/scripts/${name}`]: code });
}

function runner(name: string): string {
  if (name.endsWith('.py')) return 'python3';
  if (name.endsWith('.rb')) return 'ruby';
  if (name.endsWith('.ts')) return 'npx tsx';
  return 'node';
}

const WIPES: [string, string][] = [
  ['reset-db.js', "const { sequelize } = require('../models');\nawait sequelize.sync({ force: true });\n"],
  ['reset-db.js', 'await User.destroy({ truncate: true, cascade: true });\n'],
  ['reset-db.js', 'await User.destroy({ where: {} });\n'],
  ['reset_db.py', 'from app.db import Base, engine\nBase.metadata.drop_all(engine)\n'],
  ['reset_db.py', 'session.query(User).delete()\nsession.commit()\n'],
  ['clean.js', "await knex('users').del();\n"],
  ['clean.js', "await knex('users').truncate();\n"],
  ['clean.js', "await knex.schema.dropTableIfExists('users');\n"],
  ['clean.ts', 'import { db } from "../src/db";\nimport { users } from "../src/schema";\nawait db.delete(users);\n'],
  ['clean.ts', 'await dataSource.synchronize(true);\n'],
  ['clean.js', "await mongoose.connection.dropCollection('users');\n"],
  ['clean.js', "const admin = require('firebase-admin');\nawait admin.database().ref('/').remove();\n"],
  ['clean.py', 'User.objects.all().delete()\n'],
  ['clean.py', 'User.objects.filter().delete()\n'],
  ['clean.rb', 'User.delete_all\n'],
  ['clean.rb', 'Order.destroy_all\n'],
  ['clean.js', 'await prisma.user.deleteMany();\n'],
  ['clean.js', 'await prisma.user.deleteMany({ where: {} });\n'],
];

const QUIET: [string, string][] = [
  ['clean.js', 'await User.destroy({ where: { id } });\n'],
  ['clean.js', "await knex('users').del().where('id', 1);\n"],
  ['clean.js', "await knex('users').where('id', 1).del();\n"],
  ['clean.py', 'User.objects.filter(id=1).delete()\n'],
  ['clean.js', "await prisma.user.deleteMany({ where: { email: 'a@example.com' } });\n"],
  ['clean.ts', 'await db\n  .delete(users)\n  .where(eq(users.id, id));\n'],
  ['clean.py', 'session.query(User).filter(User.id == 1).delete()\n'],
  ['clean.rb', 'User.where(active: false).delete_all\n'],
  ['clean.js', 'await admin.database().ref(`users/${uid}`).remove();\n'],
  ['clean.js', 'await sequelize.sync();\n'],
  ['clean.js', "await knex.schema.createTable('users', (t) => t.increments());\n"],
  ['clean.js', "const rows = await knex('users').select('*');\nconsole.log(rows.length);\n"],
  ['clean.js', 'const m = new Map();\nm.delete(1);\ncache.clear();\n'],
  ['clean.py', "with open('f', 'r+') as f:\n    f.truncate(0)\n"],
  [
    'clean.py',
    'engine = create_engine("sqlite://")\nBase.metadata.drop_all(engine)\nBase.metadata.create_all(engine)\n',
  ],
];

test('a script that empties or drops tables through an ORM asks', () => {
  for (const [name, code] of WIPES) {
    const e = script(name, code);
    const command = `${runner(name)} scripts/${name}`;
    assert.equal(e.decide(command), 'ask', code);
    assert.ok(e.ids(command).includes('code.orm-wipe'), `${code}: ${e.ids(command).join(',')}`);
  }
});

test('an npm script runs the wiping script', () => {
  const e = engine({
    [`${WORKSPACE}/package.json`]: JSON.stringify({ scripts: { 'db:reset': 'node scripts/reset-db.js' } }),
    [`${WORKSPACE}/scripts/reset-db.js`]: 'await sequelize.sync({ force: true });\n',
  });
  assert.equal(e.decide('npm run db:reset'), 'ask');
});

test('scoped deletes, everyday ORM calls and in-memory databases stay quiet', () => {
  for (const [name, code] of QUIET) {
    const e = script(name, code);
    const command = `${runner(name)} scripts/${name}`;
    assert.equal(e.decide(command), 'allow', `${code}: ${e.ids(command).join(',')}`);
  }
});
