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

async function inflate(bytes, maxBytes) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
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
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function encodeShare(payload) {
  const json = new TextEncoder().encode(JSON.stringify(payload));
  return PREFIX + toBase64Url(await compress(json));
}

// One of a control's values, or a damaged link that says which ones are allowed.
function choice(given, name, allowed) {
  if (typeof given !== 'string' || (allowed && !allowed.includes(given))) {
    throw damaged(`its ${name} option ${JSON.stringify(String(given)).slice(0, 40)} is not one of ${(allowed ?? []).join(', ')}.`);
  }
  return given;
}

// Checks the decoded payload and returns { text, options, notes }: options hold only the names
// given and only values the page's controls can hold.
// `limits`: { weightModes: [...], inputModes: [...], fitTypes: [...], maxUnitsLength }.
function checkPayload(payload, limits) {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw damaged('it holds no data object.');
  if (payload.v !== 1) throw damaged(`it was made by another version of this page (format ${JSON.stringify(payload.v)}).`);
  if (typeof payload.text !== 'string') throw damaged('it holds no slice text.');
  const given = payload.options ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) throw damaged('its options are not a list of names and values.');
  const options = {};
  const notes = [];
  if (given.weights !== undefined) options.weights = choice(given.weights, 'weights', limits.weightModes);
  if (given.mode !== undefined) options.mode = choice(given.mode, 'mode', limits.inputModes);
  if (given.fitType !== undefined) options.fitType = choice(given.fitType, 'fit type', limits.fitTypes);
  if (given.robust !== undefined) {
    if (typeof given.robust !== 'boolean') throw damaged('its robust option is not true or false.');
    options.robust = given.robust;
  }
  if (given.radius !== undefined) {
    const radius = typeof given.radius === 'number' ? String(given.radius) : given.radius;
    if (typeof radius !== 'string' || radius.length > 40) throw damaged('its known radius is not a short number.');
    options.radius = radius;
  }
  if (given.units !== undefined) {
    if (typeof given.units !== 'string') throw damaged('its units label is not text.');
    // The same limits as the Units field: one line, at most maxUnitsLength characters.
    let units = given.units.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
    const max = limits.maxUnitsLength ?? Infinity;
    if ([...units].length > max) {
      units = [...units].slice(0, max).join('');
      notes.push(`The link's units label was longer than ${max} characters and was cut to '${units}'.`);
    }
    options.units = units;
  }
  return { text: payload.text, options, notes };
}

// The shared data in a fragment: null when the fragment holds none; else { text, options, notes };
// a damaged link throws a ShareLinkError whose message says what is wrong.
export async function decodeShare(hash, { limits = {}, maxInflatedBytes = MAX_INFLATED_BYTES } = {}) {
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
  return checkPayload(payload, limits);
}
