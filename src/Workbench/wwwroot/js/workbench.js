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

// The field guard: a text field's whole value travels in one circuit message, and a message over the server's limit
// ends the session. Before Blazor sees an input or change event (window, capture phase) a value too big to send is
// stopped and a message says so; the text stays in the field. The code editor measures its own text (template-editor.js).
window.workbench.fieldGuard = (() => {
  const meta = document.querySelector('meta[name="workbench-max-field-bytes"]');
  const guard = { maxBytes: meta ? Number(meta.content) : 1032192, banner: null, field: null };
  const describe = (bytes) => bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
  const sentBytes = (text) => text.length * 7 + 64 <= guard.maxBytes
    ? text.length
    : new TextEncoder().encode(JSON.stringify(JSON.stringify([text]))).length;
  const hide = () => { if (guard.banner) { guard.banner.remove(); guard.banner = null; guard.field = null; } };
  const show = (field, bytes) => {
    hide();
    const banner = document.createElement('div');
    banner.className = 'wb-field-too-large';
    banner.setAttribute('role', 'alert');
    banner.setAttribute('data-testid', 'field-too-large');
    const label = field.getAttribute('aria-label') || field.closest('.mud-input-control')?.querySelector('label')?.textContent || 'this field';
    banner.textContent = `The text in ${label.trim()} is ${describe(bytes)}; one change can carry at most ${describe(guard.maxBytes)}, so it was not sent `
      + 'and nothing was saved. Shorten it, or bring large content in as a file (Import on the templates and test-case pages).';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Dismiss';
    close.setAttribute('data-testid', 'field-too-large-dismiss');
    close.addEventListener('click', hide);
    banner.appendChild(close);
    document.body.appendChild(banner);
    guard.banner = banner;
    guard.field = field;
  };
  const check = (e) => {
    const field = e.target;
    if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) || field.closest('.tce-frame')) {
      return;
    }
    if (field instanceof HTMLInputElement && field.type === 'file') {
      return;
    }
    const bytes = sentBytes(field.value ?? '');
    if (bytes > guard.maxBytes) {
      e.stopImmediatePropagation();
      show(field, bytes);
    } else if (guard.field === field) {
      // The field's text fits again: the message has done its job.
      hide();
    }
  };
  window.addEventListener('input', check, true);
  window.addEventListener('change', check, true);
  return guard;
})();

// The account pages (sign-in, setup, password) are static server-rendered: no circuit sets MudBlazor's dark palette.
// Follow the same choice as the app (the stored toggle, else the system preference) with a class app.css styles.
(() => {
  if (!document.querySelector('.account-shell')) {
    return;
  }
  const stored = window.workbench.storage.get('workbench.darkMode');
  const dark = stored === null ? window.matchMedia('(prefers-color-scheme: dark)').matches : stored === 'true';
  document.documentElement.classList.toggle('wb-account-dark', dark);
})();
