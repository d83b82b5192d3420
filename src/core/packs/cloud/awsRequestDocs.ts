// AWS calls whose deletes sit in a request document rather than on the
// command line: `aws dynamodb batch-write-item --request-items
// file://deletes.json` deletes the items its DeleteRequest entries name, and
// `transact-write-items` the ones under `Delete`. The document is read where
// it is (inline JSON, shorthand, or a `file://` that exists now); one that
// cannot be read may delete anything the call can reach.
import { optionValue } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { SEV, weigh } from '../common/deletion';
import { finding } from '../common/finding';

interface RequestDoc {
  option: string;
  /** What in the document deletes: a JSON member or shorthand key. */
  deletes: RegExp;
  what: string;
}

const REQUEST_DOCS: ReadonlyMap<string, RequestDoc> = new Map([
  [
    'dynamodb batch-write-item',
    { option: '--request-items', deletes: /"?DeleteRequest"?\s*[:=]/, what: 'DeleteRequest entries' },
  ],
  [
    'dynamodb transact-write-items',
    { option: '--transact-items', deletes: /"?\bDelete"?\s*[:=]/, what: 'Delete entries' },
  ],
]);

export function awsRequestDocFindings(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  service: string,
  operation: string,
  at: number,
): Finding[] | undefined {
  const doc = REQUEST_DOCS.get(`${service} ${operation}`);
  if (!doc) return undefined;
  // The whole request may come as one document too (`--cli-input-json file://in.json`), the entries inside it.
  const value = optionValue(cmd.argv, [doc.option, '--cli-input-json', '--cli-input-yaml'], at + 1);
  if (value === undefined) return undefined;
  const file = /^fileb?:\/\//.exec(value);
  const text = file ? ctx.readFile(value.slice(file[0].length), cmd.cwd) : value.includes('$') ? undefined : value;
  const shown = `aws ${service} ${operation}`;
  if (text === undefined)
    return [
      finding(
        'cloud.aws-delete',
        SEV.small + 5,
        `${shown} applies ${doc.option} ${value}, which could not be read: a batch that may delete items`,
        value,
        'write the request file first so it can be read, and export the table (or enable point-in-time recovery) first',
      ),
    ];
  if (!doc.deletes.test(text)) return undefined;
  return [
    finding(
      'cloud.aws-data-delete',
      weigh(60, value),
      `${shown} deletes the items its ${doc.what} name (${doc.option} ${value.length > 80 ? value.slice(0, 79) + '…' : value})`,
      value,
      'export the items first (aws dynamodb scan / export-table-to-point-in-time) and delete one at a time with a condition',
    ),
  ];
}
