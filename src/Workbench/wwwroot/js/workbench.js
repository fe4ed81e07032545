// Small browser helpers used through JS interop. Nothing here evaluates user text.
window.workbench = window.workbench || {};
window.workbench.storage = {
  get: (key) => { try { return window.localStorage.getItem(key); } catch { return null; } },
  set: (key, value) => { try { window.localStorage.setItem(key, value); } catch { /* private mode */ } },
};
window.workbench.clipboard = {
  // Resolves true when the text was copied (needs a secure context: HTTPS or localhost).
  copy: async (text) => { try { await navigator.clipboard.writeText(text); return true; } catch { return false; } },
};
