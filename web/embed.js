// The iframe embed, for sites whose CMS strips scripts:
//   <iframe src=".../embed.html?municipality=ise&lang=ja" title="..."></iframe>
const params = new URLSearchParams(location.search);
const checker = document.getElementById('checker');
const municipality = params.get('municipality');
const lang = params.get('lang');
if (municipality && /^[a-z0-9-]+$/.test(municipality)) checker.setAttribute('municipality', municipality);
if (lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang)) {  // BCP 47, e.g. ja-x-easy
  document.documentElement.lang = lang;
  checker.setAttribute('lang', lang);
}
