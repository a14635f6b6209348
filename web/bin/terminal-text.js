// Text from files (segment names, NRRD field values, units, error messages quoting them) printed
// to a terminal: control characters would be obeyed (ESC sequences recolour, move the cursor or
// retitle the window) and bidirectional overrides reorder what is shown (U+202E), so each is
// printed as a visible escape instead: \x1b, \u202e. Newlines and tabs of our own text are kept
// where the caller allows them.
//
// C0 and C1 controls and DEL; the bidi embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069), the marks U+200E/U+200F/U+061C, and line/paragraph separators U+2028/U+2029.
// eslint-disable-next-line no-control-regex -- the controls are what this finds
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;

const escape = (c) => {
  const code = c.codePointAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * Text safe to print: controls and bidi formatting characters as visible escapes; lone
 * surrogates as U+FFFD. `lines`: keep newlines and tabs (multi-line output such as a summary).
 * @param {unknown} text
 * @param {{ lines?: boolean }} [how]
 */
export function printable(text, { lines = false } = {}) {
  const s = String(text);
  const well = s.toWellFormed ? s.toWellFormed() : s;
  return well.replace(lines ? UNSAFE : UNSAFE_LINE, escape);
}
