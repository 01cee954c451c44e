// The standalone page: the language choice (the only thing stored) and offline support.
// It shares the widget's loader, so the language index is fetched once.
import { loadIndex, matchLanguage } from './koshin/koshin-checker.js';

const STORAGE_KEY = 'koshin.lang';
const checker = document.getElementById('checker');
const select = document.getElementById('lang-select');

function setLanguage(lang) {
  document.documentElement.lang = lang;
  checker.setAttribute('lang', lang);
  select.value = lang;
}

// The widget's module (imported above) has upgraded the element, whose first update runs after
// this module: this loadIndex() comes first, so the language is set before the widget reads it.
async function initLanguages() {
  const { languages } = await loadIndex();
  for (const l of languages) select.append(new Option(l.name, l.id));
  const wanted = [localStorage.getItem(STORAGE_KEY), ...navigator.languages];
  // The first tag with a pack; the ones after it are not looked up.
  setLanguage(wanted.reduce((found, tag) => found ?? matchLanguage(tag, languages), undefined) ?? 'ja');
  select.addEventListener('change', () => {
    localStorage.setItem(STORAGE_KEY, select.value);
    setLanguage(select.value);
  });
}

// A new version waits until the resident asks for it: no reload under their hands.
function initOffline() {
  if (!('serviceWorker' in navigator)) return;
  const banner = document.getElementById('update');
  // Registration can fail or be refused (private windows, policies): the page works without it.
  navigator.serviceWorker.register('sw.js').then((registration) => {
    if (!registration) return;
    const offer = (worker) => {
      banner.hidden = false;
      document.getElementById('update-button').onclick = () => worker.postMessage('activate');
    };
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
      });
    });
  }).catch(() => {});
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!reloading && !banner.hidden) {
      reloading = true;
      location.reload();
    }
  });
}

initLanguages().catch(() => {});  // without the index the widget says what failed
initOffline();
