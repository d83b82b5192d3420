// Which characters end a word or change how it is read: the shell's metacharacters,
// and a table the word reader scans plain runs with.
export const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

/** Characters a word can run over without a second look; everything else ends or changes the word. */
export const PLAIN = 0;
const SPECIAL = 1;
export const CLASS = new Uint8Array(128);
for (const c of ' \t\n\r;&|()<>"\'\\$`#') CLASS[c.charCodeAt(0)] = SPECIAL;
