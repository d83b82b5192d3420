// PocketOS booking API (demo workspace for `npm run demo`).
export const RAILWAY_API = 'https://backboard.railway.app/graphql/v2';
export const x = 1;
