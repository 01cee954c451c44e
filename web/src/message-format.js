// The message syntax of the language packs (docs/adr/0005-language-packs-and-eras.md): a small
// ICU MessageFormat subset and an allow-list of markup. Used by the widget and by the pack check
// (scripts/i18n-check.mjs), so a pack that passes the check renders.
//   {name}  {name, date}  {name, number}
//   {n, plural, one {# day} other {# days}}   (=0 {…} exact matches too; # is the number)
//   {x, select, a {…} other {…}}
//   <ruby>漢字<rt>かんじ</rt></ruby>  <em>…</em>   (no attributes, no other elements)
const TAGS = ['ruby', 'rt', 'em'];

export class MessageSyntaxError extends Error {}

// Text -> a list of parts: strings, {arg, type, cases}, {hash: true} and {tag, parts}.
export function parseMessage(source) {
  let i = 0;
  const fail = (what) => {
    throw new MessageSyntaxError(`${what} at character ${i + 1}`);
  };
  const space = () => {
    while (/\s/.test(source[i] ?? '')) i += 1;
  };
  const name = () => {
    space();
    const m = /^=?[\w-]+/.exec(source.slice(i));
    if (!m) fail('a name expected');
    i += m[0].length;
    space();
    return m[0];
  };
  const expect = (c) => {
    if (source[i] !== c) fail(`"${c}" expected`);
    i += 1;
  };

  function argument() {
    const arg = name();
    if (source[i] === '}') {
      i += 1;
      return { arg };
    }
    expect(',');
    const type = name();
    if (type === 'date' || type === 'number') {
      expect('}');
      return { arg, type };
    }
    if (type !== 'plural' && type !== 'select') fail(`unknown argument type "${type}"`);
    expect(',');
    const cases = Object.create(null);  // own keys only: a case may be named `constructor`
    space();
    while (source[i] !== '}') {
      const key = name();
      if (key in cases) fail(`case "${key}" given twice`);
      expect('{');
      cases[key] = parts(type === 'plural', null);
      expect('}');
      space();
    }
    i += 1;
    if (!('other' in cases)) fail(`"${arg}" has no "other" case`);
    return { arg, type, cases };
  }

  // Until the end, a "}" (the caller checks it) or the closing tag of `open`.
  function parts(inPlural, open) {
    const out = [];
    let text = '';
    const flush = () => {
      if (text) out.push(text);
      text = '';
    };
    while (i < source.length && source[i] !== '}') {
      const c = source[i];
      if (c === '{') {
        flush();
        i += 1;
        out.push(argument());
      } else if (c === '#' && inPlural) {
        flush();
        i += 1;
        out.push({ hash: true });
      } else if (c === '<') {
        const m = /^<(\/?)([a-z]+)>/.exec(source.slice(i));
        if (!m || !TAGS.includes(m[2])) fail('markup other than <ruby>, <rt> and <em>');
        flush();
        i += m[0].length;
        if (m[1]) {
          if (m[2] !== open) fail(`</${m[2]}> without <${m[2]}>`);
          return out;
        }
        out.push({ tag: m[2], parts: parts(inPlural, m[2]) });
      } else {
        text += c;
        i += 1;
      }
    }
    if (open) fail(`<${open}> not closed`);
    flush();
    return out;
  }

  const out = parts(false, null);
  if (i < source.length) fail('"}" without "{"');
  return out;
}

// The arguments a message uses, with their types ("" for plain): {name: type}.
export function argumentsOf(parsed, into = {}) {
  for (const p of parsed) {
    if (p.arg) {
      into[p.arg] = p.type ?? '';
      for (const c of Object.values(p.cases ?? {})) argumentsOf(c, into);
    }
    if (p.tag) argumentsOf(p.parts, into);
  }
  return into;
}

// Formats parsed parts with `params`. `env` knows the language: value(v, type) -> parts, plural(n).
// Returns strings and {tag, parts}; a parameter not given stays visible as {name}.
export function formatParts(parsed, params, env, count) {
  const out = [];
  for (const p of parsed) {
    if (typeof p === 'string') out.push(p);
    else if (p.hash) out.push(...env.value(count, 'number'));
    else if (p.tag) out.push({ tag: p.tag, parts: formatParts(p.parts, params, env, count) });
    else if (!(p.arg in params)) out.push(`{${p.arg}}`);
    else if (p.cases) {
      const v = params[p.arg];
      const key = p.type === 'plural' ? (`=${v}` in p.cases ? `=${v}` : env.plural(v)) : String(v);
      out.push(...formatParts(p.cases[key] ?? p.cases.other, params, env, p.type === 'plural' ? v : count));
    } else out.push(...env.value(params[p.arg], p.type));
  }
  return out;
}

// Parts as plain text: the readings in <rt> are left out (for options and attributes).
export const plainText = (parts) =>
  parts.map((p) => (typeof p === 'string' ? p : p.tag === 'rt' ? '' : plainText(p.parts))).join('');
