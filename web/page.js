// The standalone page: the language choice (the only thing stored) and offline support.
const STORAGE_KEY = 'koshin.lang';
const checker = document.getElementById('checker');
const select = document.getElementById('lang-select');

function setLanguage(lang) {
  document.documentElement.lang = lang;
  checker.setAttribute('lang', lang);
  select.value = lang;
}

async function initLanguages() {
  const languages = await (await fetch('koshin/i18n/index.json')).json();
  for (const l of languages) select.append(new Option(l.name, l.id));
  const stored = localStorage.getItem(STORAGE_KEY);
  const wanted = [stored, ...navigator.languages].find((tag) => tag && languages.some((l) => l.id === tag || l.id === tag.split('-')[0]));
  setLanguage(languages.find((l) => l.id === wanted)?.id ?? languages.find((l) => l.id === wanted?.split('-')[0])?.id ?? 'ja');
  select.addEventListener('change', () => {
    localStorage.setItem(STORAGE_KEY, select.value);
    setLanguage(select.value);
  });
}

// A new version waits until the resident asks for it: no reload under their hands.
function initOffline() {
  if (!('serviceWorker' in navigator)) return;
  const banner = document.getElementById('update');
  navigator.serviceWorker.register('sw.js').then((registration) => {
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
  });
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!reloading && !banner.hidden) {
      reloading = true;
      location.reload();
    }
  });
}

initLanguages();
initOffline();
