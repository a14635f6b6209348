import { decodeAll } from './decode.mjs';

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));

async function run() {
  const list = await (await fetch('./list.json')).json();
  const beforeAny = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/vendor/'));
  const page = await decodeAll(list);
  const worker = await new Promise((resolve) => {
    const w = new Worker('./worker.mjs', { type: 'module' });
    w.onmessage = (e) => resolve(e.data);
    w.onerror = (e) => resolve({ error: e.message ?? 'worker error' });
    w.postMessage(list);
  });
  const seen = [...violations];
  let evalBlocked = false;
  try { new Function('return 1'); } catch { evalBlocked = true; }  // proves the policy is enforced (after the snapshot)
  window.__dicom = { page, worker, violations: seen, evalBlocked, beforeAny };
  document.getElementById('status').textContent = 'done';
}
run().catch((e) => { window.__dicom = { error: String(e?.stack ?? e) }; document.getElementById('status').textContent = 'done'; });
