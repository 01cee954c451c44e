// The share link (docs/adr/0007-takeaways.md): the situation, without `today`, in the URL
// fragment only, `#koshin=1.<base64url of its JSON>.<8 hex digits of FNV-1a over "1.<payload>">`.
// The check finds a link cut short or edited by hand; the core still validates what it carries.
const PREFIX = '#koshin=';
const VERSION = '1';

// FNV-1a, 32 bits, over the UTF-8 bytes: a stable short hash (also the reminders' UIDs).
export function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

function toBase64url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

// The situation as its payload: `today` left out (whoever opens the link checks for their day).
export function sharePayload(situation) {
  const { today, ...rest } = situation;
  return toBase64url(new TextEncoder().encode(JSON.stringify(rest)));
}

export function shareFragment(situation) {
  const body = `${VERSION}.${sharePayload(situation)}`;
  return `${PREFIX}${body}.${fnv1a(body)}`;
}

// A fragment read back: null when it is not a share link, else {situation} or {error: key}.
export function readShare(hash) {
  let text = hash;
  try {
    text = decodeURIComponent(hash);  // some apps escape "=" when they pass a link on
  } catch {
    // not escaped: read as it is
  }
  if (!text.startsWith(PREFIX)) return null;
  const parts = text.slice(PREFIX.length).split('.');
  if (parts[0] !== VERSION) return { error: 'ui.share.error.version' };
  const damaged = { error: 'ui.share.error.damaged' };
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1]) || parts[2] !== fnv1a(`${parts[0]}.${parts[1]}`)) return damaged;
  try {
    const situation = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(parts[1])));
    if (!situation || typeof situation !== 'object' || Array.isArray(situation) || 'today' in situation) return damaged;
    return { situation };
  } catch {
    return damaged;
  }
}
