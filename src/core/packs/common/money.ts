// Live payment APIs that move money: refunds, payouts, transfers. Nothing is
// deleted, but money leaves the account and does not come back by undo.
// Test mode (Stripe's default in its CLI, `sk_test_` keys, PayPal's sandbox)
// is routine.
import type { Finding, SimpleCommand } from '../../types';
import { finding } from './finding';

export const MONEY_PATH =
  /\bapi\.stripe\.com\/v1\/(refunds|payouts|transfers|topups|charges\/[^/\s]+\/refunds?)\b|\bapi(?:-m)?\.paypal\.com\/v[12]\/(payments\/(?:payouts|captures\/[^/\s]+\/refund|sale\/[^/\s]+\/refund)|payments\/referenced-payouts)/;
/** MONEY_PATH's test; each of its alternatives holds `.com/v`, so a word without it is answered without compiling it. */
export const isMoneyPath = (word: string): boolean => word.includes('.com/v') && MONEY_PATH.test(word);
const STRIPE_MONEY = new Set(['refunds', 'payouts', 'transfers', 'topups']);
const DATA_FLAGS =
  /^(?:-d|--data|--data-raw|--data-urlencode|--data-binary|--json|-F|--form|-X|--request|-XPOST)$|^-d./;

function moneyMove(what: string, target: string): Finding {
  return finding(
    'http.payment-money-move',
    60,
    `${what} on a live payment account: money leaves it and no undo brings it back`,
    target,
    'do it in test mode first, then from the provider dashboard with the amounts checked',
  );
}

/** `stripe refunds create --live …`, or a POST to a live refunds/payouts/transfers endpoint. */
export function moneyFindings(cmd: SimpleCommand): Finding | undefined {
  const argv = cmd.argv;
  const testKey = argv.some((a) => /sk_test_|rk_test_/.test(a));
  if (argv[0] === 'stripe') {
    const [, resource, verb] = argv;
    const live = argv.includes('--live') || argv.some((a) => /sk_live_|rk_live_/.test(a));
    if (live && !testKey && STRIPE_MONEY.has(resource ?? '') && verb === 'create')
      return moneyMove(`stripe ${resource} create`, `stripe ${resource}`);
    if (live && !testKey && resource === 'post' && MONEY_PATH.test('api.stripe.com' + (verb ?? '')))
      return moneyMove(`stripe post ${verb}`, `stripe ${verb}`);
    return undefined;
  }
  if (testKey || /sandbox/.test(argv.join(' '))) return undefined;
  const url = argv.find(isMoneyPath);
  if (!url || !argv.some((a) => DATA_FLAGS.test(a))) return undefined;
  const m = MONEY_PATH.exec(url);
  return moneyMove(`POST ${(m?.[1] ?? m?.[2] ?? '').split('/')[0]}`, url.replace(/^https?:\/\//, '').slice(0, 120));
}
