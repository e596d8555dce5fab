// Copies what the compiled code reads beside itself (SQL migrations, the local chat page) into dist/.
// Plain JavaScript: it runs right after tsc, from `npm run build` (and `npm install`'s prepare).
import { cpSync, mkdirSync } from 'node:fs';

for (const [from, to] of [
  ['src/store/migrations', 'dist/src/store/migrations'],
  ['src/transports/local/page.html', 'dist/src/transports/local/page.html'],
]) {
  mkdirSync(to.endsWith('.html') ? to.slice(0, to.lastIndexOf('/')) : to, { recursive: true });
  cpSync(from, to, { recursive: true });
}
