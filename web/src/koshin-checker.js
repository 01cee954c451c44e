// The one script a page includes: <script type="module" src=".../koshin-checker.js"></script>
import { KoshinCheckerElement } from './checker-element.js';

if (!customElements.get('koshin-checker')) customElements.define('koshin-checker', KoshinCheckerElement);

export { KoshinCheckerElement };
