// Which language pack a BCP 47 tag gets (docs/adr/0005-language-packs-and-eras.md).
// The pack for a BCP 47 tag: the exact tag, else the same language and script (zh-TW ->
// zh-Hant, zh -> zh-Hans, tl -> fil), else the same language (pt-PT -> pt-BR; ja-JP -> ja, never
// the private-use ja-x-easy unless asked for); undefined when there is none.
export function matchLanguage(tag, languages) {
  const ids = languages.map((l) => l.id);
  const exact = ids.find((id) => id.toLowerCase() === String(tag || '').toLowerCase());
  if (exact) return exact;
  let want;
  try {
    want = new Intl.Locale(tag).maximize();
  } catch {
    return undefined;
  }
  const packs = ids.filter((id) => !id.includes('-x-')).map((id) => [id, new Intl.Locale(id).maximize()]);
  const same = packs.filter(([, l]) => l.language === want.language);
  return (same.find(([, l]) => l.script === want.script) ?? same[0])?.[0];
}
