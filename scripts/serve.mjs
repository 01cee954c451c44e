// Serves the built site the way a city server should: node scripts/serve.mjs DIR [PORT]
//  * a strict Content-Security-Policy: scripts and styles from this origin only, wasm allowed
//    ('wasm-unsafe-eval'), no inline script or style, no request to another origin;
//  * `application/wasm` for .wasm (needed for streaming compilation);
//  * `Cache-Control: no-cache` on everything (revalidate; the service worker keeps the offline copy);
//  * text and wasm compressed (brotli, else gzip, as the browser accepts), as the size budget
//    (web/size.mjs) assumes; each file is compressed once and kept while unchanged.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

export const CSP = [
  "default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "img-src 'self'",
  "connect-src 'self'", "manifest-src 'self'", "worker-src 'self'", "frame-src 'self'",
  "frame-ancestors 'self'", "base-uri 'none'", "form-action 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg']);
const ENCODERS = {
  br: (data) => zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
  gzip: (data) => zlib.gzipSync(data, { level: 9 }),
};

function encodingFor(req, file) {
  if (!COMPRESSIBLE.has(path.extname(file))) return null;
  const accepted = (req.headers['accept-encoding'] ?? '').split(',').map((e) => e.trim().split(';')[0]);
  return Object.keys(ENCODERS).find((e) => accepted.includes(e)) ?? null;
}

export function serve(dir, port, host = '127.0.0.1') {
  const rootDir = path.resolve(dir);
  const compressed = new Map();  // `${encoding} ${file}` -> {mtimeMs, data}
  const compress = (encoding, file, data) => {
    const key = `${encoding} ${file}`;
    const { mtimeMs } = fs.statSync(file);
    if (compressed.get(key)?.mtimeMs !== mtimeMs) compressed.set(key, { mtimeMs, data: ENCODERS[encoding](data) });
    return compressed.get(key).data;
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = path.join(rootDir, decodeURIComponent(url.pathname));
    if (!file.startsWith(rootDir)) file = rootDir;
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const headers = {
      'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer', 'Permissions-Policy': 'interest-cohort=()',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    fs.readFile(file, (error, data) => {
      if (error) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
        return;
      }
      const encoding = encodingFor(req, file);
      const body = encoding ? compress(encoding, file, data) : data;
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        Vary: 'Accept-Encoding', ...(encoding ? { 'Content-Encoding': encoding } : {}) });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, port = process.env.PORT ?? '8000'] = process.argv.slice(2);
  const server = await serve(dir, Number(port), process.env.HOST ?? '127.0.0.1');
  console.log(`koshin: serving ${dir} on http://localhost:${server.address().port}/ (Ctrl-C stops)`);
}
