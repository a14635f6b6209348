// The page's one small state object. Views subscribe and re-render from it; only main.js writes.
//
//   text, options          what the user gave
//   result                 the last good fit (with its slices), or null
//   error                  the current input's error, or null (then `result` is stale)
//   busy                   a fit is running
//   hot, selected          slice index under the pointer / picked (−1: none), shared by the views
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
