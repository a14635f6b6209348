// A minimal static file server for dist/ on localhost (development, the browser tests and the
// load benchmark). Any static host serves dist/ the same way; nothing here computes anything. It
// sends the headers of dist/_headers (written by make-dist.mjs: the page's Content-Security-Policy
// with frame-ancestors 'none', a year's caching of the content-hashed files, …) as a host that
// reads _headers would. With { encodings: ['br', 'gzip'] } (in that order of preference) it sends
// the precompressed twin (NAME.br, NAME.gz) of a file to a browser that accepts it, as hosts that
// serve precompressed files do; without, files go as they are.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

// A _headers file as [{ path, headers }]: a line at the margin names a path ("/*" is every path,
// "/folder/*" every path under it, any other is exact); indented "Name: value" lines are its headers.
export function readHeaders(file) {
  let text;
  try { text = readFileSync(file, 'utf8'); } catch { return []; }
  const blocks = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) { blocks.push({ path: line.trim(), headers: {} }); continue; }
    const colon = line.indexOf(':');
    if (blocks.length && colon > 0) blocks.at(-1).headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return blocks;
}

const matches = (pattern, path) => (pattern.endsWith('/*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path);
const headersFor = (blocks, path) => Object.assign({ 'Cache-Control': 'no-cache' }, ...blocks.filter((b) => matches(b.path, path)).map((b) => b.headers));
const SUFFIX = { br: '.br', gzip: '.gz' };

// The precompressed twin of `file` that the request accepts, or null.
async function twin(file, req, encodings) {
  const accepted = String(req.headers['accept-encoding'] ?? '').split(',').map((s) => s.trim().split(';')[0]);
  for (const encoding of encodings) {
    if (!accepted.includes(encoding)) continue;
    try {
      return { encoding, body: await readFile(file + SUFFIX[encoding]) };
    } catch { /* none beside it */ }
  }
  return null;
}

export function serve(root, port = 0, host = '127.0.0.1', { encodings = [] } = {}) {
  const blocks = readHeaders(join(root, '_headers'));
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) return res.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const headers = { ...headersFor(blocks, path), 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' };
      const packed = encodings.length ? await twin(file, req, encodings) : null;
      if (packed) Object.assign(headers, { 'Content-Encoding': packed.encoding, Vary: 'Accept-Encoding' });
      const body = packed ? packed.body : await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { ...headersFor(blocks, '/*'), 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve) => { server.listen(port, host, () => resolve(server)); });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../dist/', import.meta.url));
  const port = Number(process.env.PORT ?? 8080);
  const server = await serve(root, port, '127.0.0.1', { encodings: ['br', 'gzip'] });
  console.log(`Serving dist/ at http://localhost:${server.address().port}/  (Ctrl+C to stop)`);
}
