// The iframe embed, for sites whose CMS strips scripts:
//   <iframe src=".../embed.html?municipality=ise&lang=ja" title="..."></iframe>
// The widget's module is imported here, so these attributes are set after it has upgraded the
// element but before its first update (a microtask after this module): the first update knows
// the municipality (its rules are fetched at once) and the language (the form is built once).
import './koshin/koshin-checker.js';

const params = new URLSearchParams(location.search);
const checker = document.getElementById('checker');
const municipality = params.get('municipality');
const lang = params.get('lang');
if (municipality && /^[a-z0-9-]+$/.test(municipality)) checker.setAttribute('municipality', municipality);
if (lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang)) {  // BCP 47, e.g. ja-x-easy
  document.documentElement.lang = lang;
  checker.setAttribute('lang', lang);
}
