// Files a JVM build tool reads before it builds, that make it fetch and run
// code other than the project's own: the Gradle and Maven wrappers download
// and run the distribution their properties name (`./gradlew build` runs
// whatever `distributionUrl` serves), Maven loads the extensions
// `.mvn/extensions.xml` lists into every build, and takes `.mvn/maven.config`
// (settings files, `-D` properties) and `.mvn/jvm.config` (a `-javaagent`) as
// if typed on every `mvn` call; Gradle starts its daemon with the JVM options
// `gradle.properties` gives (`org.gradle.jvmargs=-javaagent:…`) and the JDK
// `org.gradle.java.home` names. A write of one plants what it adds; the
// official distribution hosts and ordinary options plant nothing.
import * as path from 'node:path';

const posix = path.posix;
const MAX_LINES = 4096;

export type BuildToolFile = 'wrapper' | 'maven-config' | 'maven-extensions' | 'jvm-config' | 'gradle-properties';

/** The build tools' files that count only in a folder of a given name. */
const FOLDER_NAMED = new Set([
  'gradle-wrapper.properties',
  'maven-wrapper.properties',
  'maven.config',
  'extensions.xml',
  'jvm.config',
]);

/** Which of those files an absolute path is. */
export function buildToolFile(p: string): BuildToolFile | undefined {
  const base = posix.basename(p);
  if (base === 'gradle.properties') return 'gradle-properties';
  // Every path a command writes is asked: its folders are looked at only for the names below.
  if (!FOLDER_NAMED.has(base)) return undefined;
  const dir = posix.basename(posix.dirname(p));
  const parent = posix.basename(posix.dirname(posix.dirname(p)));
  if (base === 'gradle-wrapper.properties' && dir === 'wrapper' && parent === 'gradle') return 'wrapper';
  if (base === 'maven-wrapper.properties' && dir === 'wrapper' && parent === '.mvn') return 'wrapper';
  if (dir !== '.mvn') return undefined;
  if (base === 'maven.config') return 'maven-config';
  if (base === 'extensions.xml') return 'maven-extensions';
  if (base === 'jvm.config') return 'jvm-config';
  return undefined;
}

/** Hosts the wrappers' own distributions come from: Gradle's and Apache Maven's. */
const OFFICIAL_HOST =
  /^(?:services|downloads)\.gradle\.org$|^(?:repo\.maven|repo1\.maven|archive|dlcdn|downloads)\.apache\.org$/;

/** A wrapper's URL keys (`distributionUrl`, `wrapperUrl`), read as Java properties read them (`https\://` unescaped). */
function wrapperEntries(text: string): Array<{ name: string; code: string }> {
  const out: Array<{ name: string; code: string }> = [];
  for (const line of text.split(/\r?\n/).slice(0, MAX_LINES)) {
    const m = /^\s*(distributionUrl|wrapperUrl)\s*[=:]\s*(.*)$/.exec(line);
    if (!m) continue;
    const url = m[2].trim().replace(/\\(.)/g, '$1');
    const host = /^https:\/\/([^/:?#]+)/i.exec(url)?.[1]?.toLowerCase();
    // Plain http, a file URL or another host: the build runs what that place serves.
    if (host === undefined || !OFFICIAL_HOST.test(host)) out.push({ name: m[1], code: `${m[1]}=${url}` });
  }
  return out;
}

/** maven.config options that load code or settings from elsewhere: `-D` properties, settings and toolchains files, another pom. */
const MAVEN_OPTION =
  /^(?:-D\S|--?(?:s|settings|gs|global-settings|t|toolchains|f|file|emp|encrypt-master-password)(?:=|$))/;

/** jvm.config options that run code in the JVM: agents, a boot class path, commands run on errors. */
const JVM_OPTION =
  /^-(?:javaagent|agentlib|agentpath|Xbootclasspath|XX:OnError|XX:OnOutOfMemoryError|Djava\.security\.manager|Djava\.system\.class\.loader)/;

function optionEntries(text: string, pattern: RegExp): Array<{ name: string; code: string }> {
  const out: Array<{ name: string; code: string }> = [];
  const words = text
    .slice(0, 64 * 1024)
    .split(/\s+/)
    .filter(Boolean);
  for (let i = 0; i < words.length && out.length < 64; i++) {
    const w = words[i];
    if (!pattern.test(w)) continue;
    // An option whose value is the next word (`--settings /tmp/s.xml`) shows it.
    const next =
      !w.includes('=') && !/^-D/.test(w) && words[i + 1] && !words[i + 1].startsWith('-') ? words[i + 1] : '';
    out.push({ name: w.split('=')[0], code: next ? `${w} ${next}` : w });
  }
  return out;
}

/**
 * gradle.properties keys that run code in the Gradle daemon: JVM options that load an agent (read as jvm.config's
 * are) and the JDK it starts from; `-Xmx4g`, proxy settings and versions plant nothing.
 */
function gradlePropertyEntries(text: string): Array<{ name: string; code: string }> {
  const out: Array<{ name: string; code: string }> = [];
  for (const line of text.split(/\r?\n/).slice(0, MAX_LINES)) {
    const m = /^\s*(org\.gradle\.(?:jvmargs|java\.home))\s*[=:]\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'org.gradle.java.home') out.push({ name: m[1], code: line.trim() });
    else out.push(...optionEntries(m[2].replace(/\\(.)/g, '$1'), JVM_OPTION));
  }
  return out;
}

/** Each `<extension>` of extensions.xml (its group, artifact and version): Maven loads and runs it in every build. */
function extensionEntries(text: string): Array<{ name: string; code: string }> {
  const out: Array<{ name: string; code: string }> = [];
  for (const m of text.slice(0, 256 * 1024).matchAll(/<extension\b[^>]*>([\s\S]*?)<\/extension\s*>/g)) {
    const tag = (t: string): string => new RegExp(`<${t}>\\s*([^<]*?)\\s*</${t}>`).exec(m[1])?.[1] ?? '?';
    const id = `${tag('groupId')}:${tag('artifactId')}:${tag('version')}`;
    out.push({ name: id, code: `extension ${id}` });
    if (out.length >= 64) break;
  }
  return out;
}

/** What a build-tool file's text plants: the entries that fetch or run code, by the file. */
export function buildToolEntries(text: string, file: string): Array<{ name: string; code: string }> {
  switch (buildToolFile(file)) {
    case 'wrapper':
      return wrapperEntries(text);
    case 'maven-config':
      return optionEntries(text, MAVEN_OPTION);
    case 'jvm-config':
      return optionEntries(text, JVM_OPTION);
    case 'maven-extensions':
      return extensionEntries(text);
    case 'gradle-properties':
      return gradlePropertyEntries(text);
    default:
      return [];
  }
}
