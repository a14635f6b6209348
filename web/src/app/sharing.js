// Share links from the page's side: making one for the input as it is now (with what the box
// says about it: copied, carried a file's text, carries an error, or why no link can be made), and
// opening the one in the address bar. The link's format and every check on it: share-link.js.
import { encodeShare, decodeShare, MAX_LINK_LENGTH } from './share-link.js';
import { pickOptions } from './page-options.js';

// An edit makes the link in the address bar outdated: drop it, so a reload cannot bring back
// data the user has since changed.
export function forgetLink() {
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}

// state: the page's state; input: the input view; vocabulary, specs: the core's vocabulary and
// the page's options (page-options.js), which a link carries; toast(message): a passing note.
export function createSharing({ state, input, vocabulary, specs, toast }) {
  async function share() {
    const s = state.get();
    // A link carries text. An opened table's text is the data itself; any other file is not text.
    if (s.file && !s.text) {
      state.set({ share: { link: '', note: `No link: a link cannot carry a file, and ${s.file.name} is not text. It stays on this computer; send the file itself.` } });
      return;
    }
    const link = `${location.href.split('#')[0]}#${await encodeShare({ v: 1, text: s.text, options: pickOptions(specs, s.options) })}`;
    if (state.get().text !== s.text || state.get().options !== s.options || state.get().file !== s.file) return;  // edited meanwhile
    if (link.length > MAX_LINK_LENGTH) {
      state.set({ share: { link: '', note: `No link: this data makes a link of ${(link.length / 1e6).toFixed(1)} MB, and browsers keep links of about 2 MB at most. Send the file or the slice table instead.` } });
      return;
    }
    const error = s.error && s.error.line ? ` The data has an error on line ${s.error.line}; the link carries it as it is.` : s.error ? ' The data has an error; the link carries it as it is.' : '';
    const fromFile = s.file ? ` The link carries the text of ${s.file.name}.` : '';
    let copied = false;
    try {
      await navigator.clipboard.writeText(link);
      copied = true;
    } catch { /* the box below holds it */ }
    state.set({ share: { link, note: `${copied ? 'Copied to the clipboard.' : 'Copy the link above.'}${fromFile}${error}` } });
  }

  // Opens the data in the address bar's fragment, if any: 'opened', 'none', or 'damaged' — a
  // lasting error that says so; nothing else is loaded in its place, and the bad fragment leaves
  // the address bar.
  async function openShared() {
    let shared;
    try {
      shared = await decodeShare(location.hash, { vocabulary, names: specs.map((spec) => spec.name) });
    } catch (err) {
      forgetLink();
      input.setSource('');
      state.set({ linkError: { kind: 'link', message: err.message }, busy: false, share: null });
      return 'damaged';
    }
    if (!shared) return 'none';
    const options = input.setOptions({ ...state.get().options, ...shared.options });
    state.set({ options });
    input.setText(shared.text, { origin: 'link', label: 'From a share link.' });
    if (shared.notes.length) toast(shared.notes.join(' '));
    return 'opened';
  }

  return { share, openShared };
}
