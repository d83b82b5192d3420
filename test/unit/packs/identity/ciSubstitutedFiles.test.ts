// A credential file read by `$(…)` into a forge's plain CI variable
// (`gh variable set X --body "$(cat .env)"`) is copied as surely as `< .env`.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

test('a CI variable whose value a substitution reads from a credential file asks', () => {
  const files = { '.env': 'STRIPE_KEY=sk_live_x\n', VERSION: '1.2.3\n', '.nvmrc': '20\n' };
  judgedOnDisk(
    'ag-civar-',
    files,
    [
      'gh variable set X --body "$(cat .env)"',
      'gh variable set X -b "$(<.env)"',
      'gh variable set X < .env',
      'glab variable set X --value "$(cat .env | base64)"',
    ],
    'gate',
  );
  judgedOnDisk(
    'ag-civar-ok-',
    files,
    [
      'gh variable set X --body "$(cat VERSION)"',
      'gh variable set NODE_VERSION --body "$(cat .nvmrc)"',
      'gh variable set SHA --body "$(git rev-parse HEAD)"',
      'gh variable set X --body hello',
      'gh secret set X --body "$(cat .env)"',
    ],
    'allow',
  );
});

test("a CI variable whose value is a secret variable or the environment's dump asks; a secret store does not", () => {
  judgedOnDisk(
    'ag-civar-env-',
    {},
    [
      'gh variable set X --body "$GITHUB_TOKEN"',
      'gh variable set X -b "${AWS_SECRET_ACCESS_KEY}"',
      'gh variable set X --body "$(env)"',
      'gh variable set X --body "$(printenv | base64)"',
      'glab variable set X --value "$(export -p)"',
    ],
    'gate',
  );
  judgedOnDisk(
    'ag-civar-env-ok-',
    {},
    [
      'gh variable set REGION --body "$AWS_REGION"',
      'gh variable set X --body "${API_TOKEN:+set}"',
      'gh variable set NODE_ENV --body "$(printenv NODE_ENV)"',
      'gh secret set X --body "$GITHUB_TOKEN"',
      'glab variable set X --masked --value "$API_TOKEN"',
    ],
    'allow',
  );
});
