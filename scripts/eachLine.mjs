// A child's output taken line by line as it comes (the scripts that run
// several children at once pass each line on whole, under its child's label).

/** Calls ONLINE with each whole line STREAM gives (without its newline), and with the unended last one at its end. */
export function eachLine(stream, onLine) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (d) => {
    const lines = (rest + d).split('\n');
    rest = lines.pop();
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => rest && onLine(rest));
}
