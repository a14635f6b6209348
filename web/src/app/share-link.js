// The data and options in the URL fragment (#data=…), deflated with the browser's own
// CompressionStream and base64url-encoded. Fragments are never sent to a server.
//
// A link comes from anywhere, so reading one trusts nothing: its length, alphabet, compressed
// stream, size once inflated (a small link can inflate to gigabytes: reading stops at a cap),
// text encoding, JSON and every option are checked, and a damaged link is an error that says
// what is wrong, never a quiet substitute.
const PREFIX = 'data=';

// Browsers cut or refuse URLs of about 2 MB (Chromium: 2 MiB); a longer link is refused both ways.
export const MAX_LINK_LENGTH = 2_000_000;
// Inflated data larger than this is refused without being read further (a file may be 64 MB,
// but no link under 2 MB carries more than a few MB of honest text).
export const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

export class ShareLinkError extends Error {}
const damaged = (why) => new ShareLinkError(`This link is damaged: ${why} Nothing was loaded from it; ask for the link again, or paste or open the data.`);

async function compress(bytes) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw')));
  return new Uint8Array(await out.arrayBuffer());
}

// The compressed bytes go in pieces of this size: deflate inflates at most 1032:1, so one step
// yields at most about 1 MB and the cap is checked before the next (a whole 1.8 MB link of zeros
// fed at once inflates to 1.4 GB in one step, on the main thread, before any check could run).
const INFLATE_STEP = 1024;

function inPieces(bytes) {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + INFLATE_STEP));
      at += INFLATE_STEP;
    },
  }, { highWaterMark: 0 });
}

async function inflate(bytes, maxBytes) {
  const reader = inPieces(bytes).pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        reader.cancel().catch(() => {});
        throw damaged(`its data inflates to more than ${Math.round(maxBytes / 1048576)} MB, which no share link carries.`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof ShareLinkError) throw err;
    throw damaged('its data is not a complete compressed stream (the link may have been cut short).');
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const bad = /[^A-Za-z0-9_-]/.exec(text);
  if (bad) throw damaged(`character ${JSON.stringify(bad[0])} at position ${bad.index + 1} of its data cannot be in a share link.`);
  if (text.length % 4 === 1) throw damaged('its data has been cut short (an incomplete base64 group).');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  // A plain loop: Uint8Array.from with a mapping function takes seconds for a 2 MB link.
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; ++i) out[i] = binary.charCodeAt(i);
  return out;
}

export async function encodeShare(payload) {
  const json = new TextEncoder().encode(JSON.stringify(payload));
  return PREFIX + toBase64Url(await compress(json));
}

// An option's name in words, as a link spells it: fitType → "fit type".
const words = (name) => name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
// A length or number in a link is text as typed (the core reads it when it fits): a short one.
const MAX_NUMBER_TEXT = 40;

// One option's value from a link, checked by its spec (kind and limits, vocabulary.options):
// the value, or a damaged link that says what is wrong. `notes` collects what was mended.
function checkOption(spec, given, vocabulary, notes) {
  switch (spec.kind) {
    case 'choice': {
      const allowed = vocabulary[spec.choices] ?? [];
      if (typeof given !== 'string' || !allowed.includes(given)) {
        // JSON.stringify, not String(): an object whose toString is not a function ({"toString": 1}) throws a TypeError there.
        const shown = typeof given === 'string' ? JSON.stringify(given) : typeof given === 'object' && given !== null ? 'an object' : JSON.stringify(given) ?? typeof given;
        throw damaged(`its ${words(spec.name)} option ${shown.slice(0, 40)} is not one of ${allowed.join(', ')}.`);
      }
      return given;
    }
    case 'flag':
      if (typeof given !== 'boolean') throw damaged(`its ${words(spec.name)} option is not true or false.`);
      return given;
    case 'length':
    case 'number': {
      const text = typeof given === 'number' ? String(given) : given;
      if (typeof text !== 'string' || text.length > MAX_NUMBER_TEXT) throw damaged(`its ${spec.what} is not a short number.`);
      return text;
    }
    case 'count':
      if (!Number.isInteger(given) || given < spec.min || given > spec.max) throw damaged(`its ${spec.what} is not a whole number from ${spec.min} to ${spec.max}.`);
      return given;
    case 'text': {
      if (typeof given !== 'string') throw damaged(`its ${spec.what} is not text.`);
      // The same limits as its field: one line, at most maxLength characters.
      let text = Array.from(given, (c) => (c < ' ' || c === '\u007f' ? ' ' : c)).join('').trim();
      if ([...text].length > spec.maxLength) {
        text = [...text].slice(0, spec.maxLength).join('');
        notes.push(`The link's ${spec.what} was longer than ${spec.maxLength} characters and was cut to '${text}'.`);
      }
      return text;
    }
    default:
      return undefined;  // a kind this page does not know: not carried
  }
}

// Checks the decoded payload and returns { text, options, notes }: options hold only the names
// a link carries (`names`, of vocabulary.options) that it gives, each checked by its spec.
function checkPayload(payload, vocabulary, names) {
  if (!vocabulary?.options) throw new TypeError('decodeShare needs the core\'s vocabulary (sf.vocabulary) to check a link\'s options.');
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw damaged('it holds no data object.');
  if (payload.v !== 1) throw damaged(`it was made by another version of this page (format ${JSON.stringify(payload.v)}).`);
  if (typeof payload.text !== 'string') throw damaged('it holds no slice text.');
  const given = payload.options ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) throw damaged('its options are not a list of names and values.');
  const options = {};
  const notes = [];
  for (const spec of vocabulary.options) {
    if (!names.includes(spec.name) || given[spec.name] === undefined) continue;
    const value = checkOption(spec, given[spec.name], vocabulary, notes);
    if (value !== undefined) options[spec.name] = value;
  }
  return { text: payload.text, options, notes };
}

// The shared data in a fragment: null when the fragment holds none; else { text, options, notes };
// a damaged link throws a ShareLinkError whose message says what is wrong. `vocabulary`: the
// core's (sf.vocabulary), whose option specs check the options; `names`: the options a link may
// carry (the page's; default every option).
export async function decodeShare(hash, { vocabulary, names = vocabulary?.options.map((spec) => spec.name), maxInflatedBytes = MAX_INFLATED_BYTES } = {}) {
  const fragment = hash.replace(/^#/, '');
  if (!fragment.startsWith(PREFIX)) return null;
  if (hash.length > MAX_LINK_LENGTH) throw damaged(`it is ${(hash.length / 1e6).toFixed(1)} MB long, more than browsers keep (about 2 MB).`);
  const body = fragment.slice(PREFIX.length);
  if (body.length === 0) throw damaged('it holds no data after #data=.');
  const bytes = await inflate(fromBase64Url(body), maxInflatedBytes);
  let json;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw damaged('its data is not text.');
  }
  let payload;
  try {
    payload = JSON.parse(json);
  } catch {
    throw damaged('its data is not in the share format.');
  }
  return checkPayload(payload, vocabulary, names);
}
