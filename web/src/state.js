// The page's one small state object. Views subscribe and re-render from it; only main.js writes.
//
//   text, options          what the user gave
//   result                 the last good fit (with its slices), or null
//   error                  the current input's error, or null (then `result` is stale)
//   linkError              a damaged share link that was opened: { kind: 'link', message }, or null
//   busy                   a fit is pending (an edit waits for its debounce) or running
//   hot, selected          slice index under the pointer / picked (−1: none), shared by the views
//   share                  the share box: { link, note } for the input as it is now, or null
export function createState(initial) {
  let state = Object.freeze({ ...initial });
  const listeners = new Set();
  return {
    get: () => state,
    set(patch) {
      const previous = state;
      state = Object.freeze({ ...state, ...patch });
      for (const listener of listeners) listener(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

// The result on show is the current input's: exports and copies may hand it out.
export const isCurrent = (s) => Boolean(s.result && !s.error && !s.linkError && !s.busy);
