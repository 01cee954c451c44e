// The pseudo-locale en-XA, built from en.json: every letter accented and each message 40% longer,
// inside ⟦ ⟧. Rendered, it shows clipped layouts, and any text without accents is a string that
// does not come from the pack. Placeholders, plural and select keywords and markup stay as they are.
const ACCENTS = Object.fromEntries([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ']
  .map((c, i) => [c, [...'áƀçđéƒĝĥíĵķĺɱñóƥɋŕšŧúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤɊŔŠŦÚṼŴẊÝŽ'][i]]));

// Accents the text of a message, not its syntax: a small walk over {…} and <…>.
function accent(message) {
  let out = '';
  const stack = ['text'];  // text | argument (name, type, then cases)
  for (let i = 0; i < message.length; i += 1) {
    const c = message[i];
    const where = stack.at(-1);
    if (c === '<') {
      const end = message.indexOf('>', i);
      out += message.slice(i, end + 1);
      i = end;
    } else if (c === '{') {
      stack.push(where === 'text' ? 'argument' : 'text');
      out += c;
    } else if (c === '}') {
      stack.pop();
      out += c;
    } else {
      out += where === 'text' && c !== '#' ? (ACCENTS[c] ?? c) : c;
    }
  }
  return out;
}

export function pseudoPack(en) {
  const pack = { '@@locale': 'en-XA', '@@name': 'Pseudo' };
  for (const [key, message] of Object.entries(en)) {
    if (key.startsWith('@')) continue;
    const visible = message.replace(/\{[^{}]*\}|<[^>]*>/g, '').length;
    pack[key] = `⟦${accent(message)} ${'·'.repeat(Math.ceil(visible * 0.4))}⟧`;
  }
  return pack;
}
