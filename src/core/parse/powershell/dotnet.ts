// .NET calls made from PowerShell that act like commands: deleting, writing
// and moving files (`[IO.File]::Delete`), starting processes, downloading and
// uploading (`Net.WebClient`), environment variables, and the decoding calls
// an obfuscated one-liner is made of (`[Convert]::FromBase64String`). Each
// becomes the normalized command that does the same, so the packs judge it.
import { guardVariableFinding } from '../guardVariables';
import { setVar, type ShellValue } from '../normalize/scope';
import type { PsExpr } from './ast';
import { parsePowerShell } from './parser';
import { envValue, evaluate, isDynamic, known, type PsRun, textOf, unknown } from './values';
import { splitCommandLine } from './commandLine';
import { own } from '../../text/own';
import {
  emitWords,
  fileArg,
  fileMethod,
  isTrue,
  newFileObject,
  registryMethod,
  registryStatic,
  replaceFile,
} from './dotnetObjects';

type Member = Extract<PsExpr, { kind: 'member' }>;

function typeName(expr: PsExpr): string | undefined {
  if (expr.kind !== 'type') return undefined;
  return expr.name.toLowerCase().replace(/^system\./, '');
}

const ENCODINGS: Readonly<Record<string, BufferEncoding>> = {
  utf8: 'utf8',
  unicode: 'utf16le',
  ascii: 'latin1',
  default: 'utf8',
  utf7: 'utf8',
  utf32: 'utf8',
  bigendianunicode: 'utf16le',
};

export function dotnetMember(expr: Member, run: PsRun): ShellValue {
  const source = `[.NET] ${expr.name}`;
  const type = typeName(expr.target);
  const args = (expr.args ?? []).map((a) => evaluate(a, run));
  const a = (i: number): ShellValue => args[i] ?? known('');
  if (type && expr.isStatic) {
    const call = `${type}::${expr.name.toLowerCase()}`;
    switch (call) {
      case 'io.file::delete':
        emitWords(run, ['rm', '-f', '--', fileArg(a(0))], source);
        return known('');
      case 'io.directory::delete':
        emitWords(run, ['rm', isTrue(args[1]) ? '-rf' : '-f', '--', fileArg(a(0))], source);
        return known('');
      case 'io.file::writealltext':
      case 'io.file::writeallbytes':
      case 'io.file::writealllines':
        emitWords(run, ['tee', fileArg(a(0))], source, isDynamic(a(1)) ? {} : { stdin: textOf(a(1)) });
        return known('');
      case 'io.file::appendalltext':
      case 'io.file::appendalllines':
        emitWords(run, ['tee', '-a', fileArg(a(0))], source, isDynamic(a(1)) ? {} : { stdin: textOf(a(1)) });
        return known('');
      // What a stream or writer these open will hold is not on the line: a write of unknown text.
      case 'io.file::create':
      case 'io.file::createtext':
      case 'io.file::openwrite':
        emitWords(run, ['tee', fileArg(a(0))], source);
        return unknown(`[${expr.name}]`);
      case 'io.file::appendtext':
        emitWords(run, ['tee', '-a', fileArg(a(0))], source);
        return unknown(`[${expr.name}]`);
      case 'io.file::move':
      case 'io.directory::move':
        emitWords(run, ['mv', fileArg(a(0)), fileArg(a(1))], source);
        return known('');
      case 'io.file::copy':
        emitWords(run, ['cp', ...(isTrue(args[2]) ? ['-f'] : []), fileArg(a(0)), fileArg(a(1))], source);
        return known('');
      case 'io.file::replace':
        replaceFile(run, a(0), a(1), a(2), source);
        return known('');
      case 'io.file::readalltext':
      case 'io.file::readalllines':
      case 'io.file::readallbytes': {
        emitWords(run, ['cat', fileArg(a(0))], source);
        const text = isDynamic(a(0)) ? undefined : run.w.ctx.readFile(textOf(a(0)).replace(/\\/g, '/'), run.scope.cwd);
        return text === undefined ? unknown(`$(cat ${textOf(a(0))})`) : known(text);
      }
      case 'environment::getenvironmentvariable': {
        const v = isDynamic(a(0)) ? undefined : envValue(run.scope.vars, textOf(a(0)));
        return v === undefined ? unknown('$' + textOf(a(0))) : known(v);
      }
      case 'environment::setenvironmentvariable': {
        const name = textOf(a(0));
        const f = guardVariableFinding(name, 'sets');
        if (f) run.w.addFinding(f);
        setVar(run.scope, name, textOf(a(1)));
        const target = textOf(a(2)).toLowerCase();
        // User and Machine variables outlive the line: the same as setx.
        if (/machine|user/.test(target))
          emitWords(run, ['setx', a(0), a(1), ...(/machine/.test(target) ? ['/M'] : [])], source);
        return known('');
      }
      case 'convert::frombase64string': {
        if (isDynamic(a(0))) return { ...unknown('$(FromBase64String)'), origin: 'decoded' };
        try {
          return {
            text: Buffer.from(textOf(a(0)).replace(/\s+/g, ''), 'base64').toString('latin1'),
            dynamic: false,
            origin: 'decoded',
          };
        } catch {
          return { ...unknown('$(FromBase64String)'), origin: 'decoded' };
        }
      }
      case 'diagnostics.process::start':
        emitWords(run, [a(0), ...splitCommandLine(textOf(a(1))).map(known)], source, { via: 'Process.Start' });
        return unknown('[Process]');
      case 'net.webrequest::create':
      case 'net.httpwebrequest::create':
        emitWords(run, ['curl', a(0)], source);
        return { ...unknown('[WebRequest]'), origin: 'network' };
      case 'io.path::combine':
        return { text: args.map(textOf).join('\\'), dynamic: args.some(isDynamic) };
      case 'io.path::gettemppath':
        return unknown('$TEMP\\');
      case 'management.automation.scriptblock::create':
      case 'scriptblock::create': {
        if (isDynamic(a(0))) return { ...unknown(textOf(a(0))), ...(a(0).origin ? { origin: a(0).origin } : {}) };
        return { text: textOf(a(0)), dynamic: true, block: parsePowerShell(textOf(a(0)), { words: 0 }) };
      }
    }
    // `[IO.FileInfo]::new(p)`, `[Net.WebClient]::new()`: an object the calls after it act through.
    if (call.endsWith('::new'))
      return newFileObject(type, args[0]) ?? { text: `[${type}]`, dynamic: true, object: type };
    const key = registryStatic(type, expr.name.toLowerCase(), args, run, source);
    if (key) return key;
  }
  // `[Text.Encoding]::UTF8.GetString(bytes)`: decoding.
  if (
    expr.name.toLowerCase() === 'getstring' &&
    expr.target.kind === 'member' &&
    typeName(expr.target.target)?.endsWith('text.encoding')
  ) {
    const enc = own(ENCODINGS, expr.target.name.toLowerCase()) ?? 'utf8';
    const bytes = a(0);
    if (isDynamic(bytes)) return { ...unknown('$(GetString)'), origin: 'decoded' };
    return { text: Buffer.from(textOf(bytes), 'latin1').toString(enc), dynamic: false, origin: 'decoded' };
  }
  const target = evaluate(expr.target, run);
  return instanceMember(expr, target, args, run, source);
}

function instanceMember(expr: Member, target: ShellValue, args: ShellValue[], run: PsRun, source: string): ShellValue {
  const name = expr.name.toLowerCase();
  const a = (i: number): ShellValue => args[i] ?? known('');
  const done = fileMethod(name, target, args, run, source) ?? registryMethod(name, target, args, run, source);
  if (done) return done;
  if (target.object && /webclient$/i.test(target.object)) {
    switch (name) {
      case 'downloadstring':
      case 'downloaddata':
      case 'openread':
        emitWords(run, ['curl', '-s', a(0)], source);
        return { ...unknown(`$(curl ${textOf(a(0))})`), origin: 'network' };
      case 'downloadfile':
        emitWords(run, ['curl', '-o', a(1), a(0)], source);
        return known('');
      case 'uploadstring':
      case 'uploaddata':
      case 'uploadvalues': {
        const [url, method, data] = args.length >= 3 ? [a(0), a(1), a(2)] : [a(0), known('POST'), a(1)];
        emitWords(run, ['curl', '-X', method, '--data', data, url], source);
        return unknown('$(upload)');
      }
      case 'uploadfile': {
        const [url, file] = args.length >= 3 ? [a(0), a(2)] : [a(0), a(1)];
        emitWords(run, ['curl', '-T', file, url], source);
        return unknown('$(upload)');
      }
    }
  }
  // `$_.Delete()` on an object of a WMI/CIM query deletes it.
  if (target.object && /^win32_/i.test(target.object) && name === 'delete') {
    emitWords(run, ['Remove-CimInstance', '-ClassName', target.object], source);
    return known('');
  }
  // The content of something fetched is still fetched (`(iwr $u).Content`).
  if (target.origin && !args.length) return { ...unknown(`${textOf(target)}.${expr.name}`), origin: target.origin };
  if (!isDynamic(target) && !args.some(isDynamic) && !target.items && !target.entries) {
    const t = target.text;
    switch (name) {
      case 'tolower':
      case 'tolowerinvariant':
        return known(t.toLowerCase());
      case 'toupper':
      case 'toupperinvariant':
        return known(t.toUpperCase());
      case 'trim':
        return known(t.trim());
      case 'replace':
        return known(t.split(textOf(a(0))).join(textOf(a(1))));
      case 'tostring':
        return known(t);
      case 'length':
        return known(String(t.length));
    }
  }
  return {
    ...unknown(`${textOf(target)}.${expr.name}${expr.args ? '(…)' : ''}`),
    ...(target.origin ? { origin: target.origin } : {}),
  };
}
