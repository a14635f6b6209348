// The page's one small state object. Views subscribe and re-render from it; main.js and the
// modules it hands the state to (fit-lane.js, sharing.js) write.
//
//   text                   what was typed, pasted or picked as text; for an opened table, its text
//                          (shown, not fitted again); '' for any other opened file
//   file                   the opened file the fit is of: { file (a File), name, size }, or null
//                          when the input is text
//   options                what the user chose: the page's options by the core's names
//                          (page-options.js)
//   volumeFile             the opened file is a volume (by its name), even before a fit succeeded
//   volume                 the open volume's description, from its first good fit (kept through
//                          errors), or null
//   selection              the user's volume selection { label | threshold, axis }, or null (the
//                          default: the largest label, or ISO-50, across k)
//   result                 the last good fit (with its slices or points), or null
//   spheres                a Spheres: all fit's list of spheres and distances (sphere-list.js), or
//                          null; then `result` is the shown sphere's own result
//   sphere                 the index (0-based) of the sphere of `spheres` on show, or −1
//   error                  the current input's error, or null (then `result` is stale)
//   linkError              a damaged share link that was opened: { kind: 'link', message }, or null
//   busy                   a fit is pending (an edit waits for its debounce) or running
//   progress               what the pending fit is doing: { what, loaded, total } (bytes; total 0
//                          when unknown), or null
//   hot, selected          row index under the pointer / picked (−1: none), shared by the views:
//                          a slice (circles), a derived circle (contours) or a point (points)
//   preview                the volume slice index the slice preview shows, or −1
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
