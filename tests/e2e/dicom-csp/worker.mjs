import { decodeAll } from './decode.mjs';

const violations = [];
self.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
self.onmessage = async (e) => {
  try {
    const r = await decodeAll(e.data);
    const seen = [...violations];
    let evalBlocked = false;
    try { new Function('return 1'); } catch { evalBlocked = true; }  // after the snapshot
    self.postMessage({ ...r, violations: seen, evalBlocked });
  } catch (err) {
    self.postMessage({ error: String(err?.stack ?? err) });
  }
};
