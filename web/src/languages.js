// Which language pack a BCP 47 tag gets (docs/adr/0005-language-packs-and-eras.md).

// Whether `tag` can name a pack: the rule of the core's pack check (`is_language_tag` in
// core/include/koshin/pack_check.hpp): language, optional script and region, variants (none
// twice), private use; no extensions (the widget adds its own calendar and digits). Intl accepts
// every tag it accepts; tests/web/pack_check.test.mjs holds the two rules and Intl together.
const LANGUAGE_TAG = /^(?:[a-z]{2,3}|[a-z]{5,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?((?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*)(?:-x(?:-[a-z0-9]{1,8})+)?$/i;
export function isLanguageTag(tag) {
  const match = typeof tag === 'string' ? LANGUAGE_TAG.exec(tag) : null;
  if (!match) return false;
  const variants = match[1].toLowerCase().split('-').slice(1);
  return new Set(variants).size === variants.length;
}

// The pack for a BCP 47 tag: the exact tag, else the same language and script (zh-TW ->
// zh-Hant, zh -> zh-Hans, tl -> fil), else the same language (pt-PT -> pt-BR; ja-JP -> ja, never
// the private-use ja-x-easy unless asked for); undefined when there is none.
export function matchLanguage(tag, languages) {
  const ids = languages.map((l) => l.id);
  const exact = ids.find((id) => id.toLowerCase() === String(tag || '').toLowerCase());
  if (exact) return exact;
  // An id that is no language tag (a pack misnamed on a city's server) is never matched.
  const candidates = ids.filter((id) => isLanguageTag(id) && !id.includes('-x-'));
  // The one pack of the tag's language (en-US -> en) is found without Intl: Intl.Locale's
  // maximize() loads ICU's likely-subtags data, 20 ms of a page load on a 2-core machine.
  const language = (t) => t.split('-')[0].toLowerCase();
  if (isLanguageTag(tag)) {
    const only = candidates.filter((id) => language(id) === language(tag));
    if (only.length === 1) return only[0];
  }
  let want;
  try {
    want = new Intl.Locale(tag).maximize();
  } catch {
    return undefined;
  }
  const packs = candidates.map((id) => [id, new Intl.Locale(id).maximize()]);
  const same = packs.filter(([, l]) => l.language === want.language);
  return (same.find(([, l]) => l.script === want.script) ?? same[0])?.[0];
}
