// Bytes as a stream, the same way in a page, a worker and Node: a File/Blob streams from disk, a
// Uint8Array or ArrayBuffer is cut into views (no copy), and gzip is undone by the platform's own
// DecompressionStream — never by hand. A volume's voxels go from the stream straight into the
// wasm memory they will stay in, so a 200 MB CT is held once, not three times.

const CHUNK = 1 << 20;

// A ReadableStream of Uint8Array chunks from a Blob, a Uint8Array/typed array or an ArrayBuffer.
export function streamOf(source) {
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source.stream();
  const bytes = source instanceof ArrayBuffer ? new Uint8Array(source)
    : ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength) : null;
  if (!bytes) throw new TypeError('A file must be a Blob, a Uint8Array or an ArrayBuffer.');
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, Math.min(at + CHUNK, bytes.length)));
      at += CHUNK;
    },
  });
}

export const sizeOf = (source) => (typeof Blob !== 'undefined' && source instanceof Blob ? source.size : source.byteLength);

export const gunzip = (stream) => stream.pipeThrough(new DecompressionStream('gzip'));

// Reads a stream piecewise: a head of up to n bytes, then the rest into a target, while counting.
export class ChunkReader {
  constructor(stream) {
    this.reader = stream.getReader();
    this.pending = [];  // chunks read but not yet used, the next one last
    this.consumed = 0;
  }

  async next() {
    if (this.pending.length) return this.pending.pop();
    const { done, value } = await this.reader.read();
    return done ? null : value;
  }

  // Puts bytes back in front of the stream (before anything put back earlier).
  unread(chunk) {
    if (chunk.length) this.pending.push(chunk);
  }

  // Up to n bytes (fewer at the end of the stream), as one Uint8Array.
  async head(n) {
    const parts = [];
    let length = 0;
    while (length < n) {
      const chunk = await this.next();
      if (!chunk) break;
      const take = Math.min(chunk.length, n - length);
      parts.push(chunk.subarray(0, take));
      length += take;
      this.unread(chunk.subarray(take));
    }
    this.consumed += length;
    if (parts.length === 1) return parts[0];
    const out = new Uint8Array(length);
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  }

  async skip(n) {
    let left = n;
    while (left > 0) {
      const chunk = await this.next();
      if (!chunk) break;
      const take = Math.min(chunk.length, left);
      left -= take;
      this.unread(chunk.subarray(take));
    }
    this.consumed += n - left;
    return n - left;
  }

  // Copies the stream's next bytes into target (a Uint8Array view) until it is full or the stream
  // ends; returns how many were copied. onProgress(copied) after each chunk.
  async fill(target, onProgress) {
    let at = 0;
    while (at < target.length) {
      const chunk = await this.next();
      if (!chunk) break;
      const take = Math.min(chunk.length, target.length - at);
      target.set(chunk.subarray(0, take), at);
      at += take;
      this.unread(chunk.subarray(take));
      onProgress?.(at);
    }
    this.consumed += at;
    return at;
  }

  // The rest of the stream, from what is pending on, as a new ReadableStream.
  rest() {
    const self = this;
    return new ReadableStream({
      async pull(controller) {
        const chunk = await self.next();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
      cancel() { return self.reader.cancel(); },
    });
  }

  cancel() {
    return this.reader.cancel().catch(() => {});
  }
}
