// Maven's and Gradle's words are goals or tasks run in order: a deploy or publish among them, through the wrapper
// beside the project or the tool itself, publishes the artifacts and asks. Installing locally, a task excluded
// with `-x`, a dry run, help, and an option's value that happens to read `deploy` stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

const { ids } = engine();

const PUBLISHES = [
  './mvnw deploy',
  'mvn clean deploy -DskipTests',
  './mvnw -pl billing-api -am clean deploy',
  'mvn deploy:deploy-file -Dfile=x.jar -Durl=https://repo.example.com',
  'mvn org.apache.maven.plugins:maven-deploy-plugin:3.1.1:deploy',
  'mvn release:prepare release:perform',
  'billing/mvnw -q deploy',
  './gradlew clean build publish',
  './gradlew :lib:publish',
  'gradle publishAllPublicationsToSonatypeRepository',
  './gradlew publishPlugins',
  './gradlew -PsigningKeyId=m publish',
];
const LOCAL = [
  'mvn deploy:help',
  './mvnw clean install',
  './mvnw -pl deploy install',
  './mvnw -P deploy verify',
  './mvnw spring-boot:run',
  './mvnw --help',
  './gradlew publishToMavenLocal',
  './gradlew :lib:publishMavenPublicationToMavenLocal',
  './gradlew build -x publish',
  './gradlew publish --dry-run',
  './gradlew -m publish',
];

test('a deploy or publish among Maven goals or Gradle tasks asks', () => {
  for (const c of PUBLISHES) assert.ok(ids(c).includes('outgoing.publish'), `${c}: ${ids(c).join(',')}`);
});

test('a local install, an excluded task, a dry run or help stays quiet', () => {
  for (const c of LOCAL) assert.deepEqual(ids(c), [], c);
});
