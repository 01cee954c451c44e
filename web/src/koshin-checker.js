// The one script a page includes: <script type="module" src=".../koshin-checker.js"></script>
import { KoshinCheckerElement } from './checker-element.js';

if (!customElements.get('koshin-checker')) customElements.define('koshin-checker', KoshinCheckerElement);

export { KoshinCheckerElement };
// For the standalone page (web/page.js), which shares the widget's index and language choice.
export { loadIndex } from './assets.js';
export { matchLanguage } from './languages.js';
