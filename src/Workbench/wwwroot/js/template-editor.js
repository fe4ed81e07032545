// Template editor: a <textarea> laid over a <pre aria-hidden> highlight layer (see TemplateCodeEditor.razor).
// Dependency-free. Liquid (default) or JSON is highlighted entirely in the browser; text goes to .NET debounced.
// User text is never interpreted as HTML: every piece of it passes through escapeHtml before it reaches innerHTML.

const editors = new WeakMap();

// Above this many characters the highlight layer shows plain text (no tokens, no line numbers) so typing stays fast.
const HIGHLIGHT_LIMIT = 200000;

const KEYWORDS = new Set([
  'and', 'or', 'contains', 'not', 'empty', 'blank', 'nil', 'null', 'true', 'false', 'startswith', 'endswith',
  'in', 'reversed', 'limit', 'offset', 'forloop', 'parentloop',
]);

export function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => {
    switch (c) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      case '"': return '&quot;';
      default: return '&#39;';
    }
  });
}

// ---------------------------------------------------------------- tokenizer

function isIdentStart(c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isIdentPart(c) {
  return isIdentStart(c) || (c >= '0' && c <= '9') || c === '-';
}

function isDigit(c) {
  return c >= '0' && c <= '9';
}

function isSpace(c) {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

// Finds the closing '}}' or '%}' from `from`, skipping string literals (as the server's scanner does).
function findTagEnd(src, from, closer) {
  for (let i = from; i < src.length - 1; i++) {
    const c = src[i];
    if (c === '"' || c === '\'') {
      const q = src.indexOf(c, i + 1);
      if (q < 0) {
        return src.indexOf(closer + '}', i + 1);
      }
      i = q;
      continue;
    }
    if (c === closer && src[i + 1] === '}') {
      return i;
    }
  }
  return -1;
}

// Finds '{%- endname -%}' from `from`; returns [start, end) or null.
function findEndTag(src, from, endName) {
  let i = from;
  for (;;) {
    i = src.indexOf('{%', i);
    if (i < 0) {
      return null;
    }
    let p = i + 2;
    if (src[p] === '-') p++;
    while (p < src.length && isSpace(src[p])) p++;
    if (src.startsWith(endName, p)) {
      p += endName.length;
      while (p < src.length && isSpace(src[p])) p++;
      if (src[p] === '-') p++;
      if (src[p] === '%' && src[p + 1] === '}') {
        return [i, p + 2];
      }
    }
    i += 2;
  }
}

// Tokens inside a tag between innerStart and innerEnd. `first` marks the tag name of a logic tag.
function tagTokens(src, start, end, isLogic, locals, out) {
  let i = start;
  let prevOp = '';
  let sawName = !isLogic;
  let forLocal = null;
  let tagName = '';
  while (i < end) {
    const c = src[i];
    if (isSpace(c)) {
      let j = i + 1;
      while (j < end && isSpace(src[j])) j++;
      out.push([i, j, 'tce-tag']);
      i = j;
      continue;
    }
    if (c === '"' || c === '\'') {
      const q = src.indexOf(c, i + 1);
      const stop = q < 0 || q >= end ? end : q + 1;
      out.push([i, stop, 'tce-string']);
      i = stop;
      prevOp = '';
      continue;
    }
    if (isDigit(c) || (c === '-' && i + 1 < end && isDigit(src[i + 1]))) {
      let j = i + 1;
      while (j < end && (isDigit(src[j]) || (src[j] === '.' && j + 1 < end && isDigit(src[j + 1])))) j++;
      out.push([i, j, 'tce-number']);
      i = j;
      prevOp = '';
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < end && isIdentPart(src[j])) j++;
      while (j > i + 1 && src[j - 1] === '-') j--;
      if (j < end && src[j] === '?') j++;
      const name = src.slice(i, j);
      let cls;
      if (!sawName) {
        cls = 'tce-keyword';
        sawName = true;
        tagName = name;
      } else if (prevOp === '.') {
        cls = 'tce-property';
      } else if (prevOp === '|') {
        cls = 'tce-filter';
      } else if (src[j] === ':') {
        cls = 'tce-property';
      } else if (KEYWORDS.has(name)) {
        cls = 'tce-keyword';
      } else if (tagName === 'for' && forLocal === null) {
        forLocal = name;
        cls = 'tce-local';
      } else if (locals.includes(name)) {
        cls = 'tce-local';
      } else {
        cls = 'tce-variable';
      }
      out.push([i, j, cls]);
      i = j;
      prevOp = '';
      continue;
    }
    const two = src.slice(i, i + 2);
    const len = i + 1 < end && ['..', '==', '!=', '<>', '<=', '>='].includes(two) ? 2 : 1;
    out.push([i, i + len, 'tce-operator']);
    prevOp = src.slice(i, i + len);
    i += len;
  }
  if (tagName === 'for') {
    locals.push(forLocal ?? '');
  } else if (tagName === 'endfor') {
    locals.pop();
  }
}

// Splits `src` into flat segments [start, end, cssClass] that tile the text.
export function tokenize(src) {
  const out = [];
  const locals = [];
  let pos = 0;
  const n = src.length;
  while (pos < n) {
    let open = -1;
    for (let i = src.indexOf('{', pos); i >= 0 && i + 1 < n; i = src.indexOf('{', i + 1)) {
      if (src[i + 1] === '{' || src[i + 1] === '%') {
        open = i;
        break;
      }
    }
    if (open < 0) {
      out.push([pos, n, '']);
      break;
    }
    if (open > pos) {
      out.push([pos, open, '']);
    }
    const isOutput = src[open + 1] === '{';
    const close = findTagEnd(src, open + 2, isOutput ? '}' : '%');
    if (close < 0) {
      // Unclosed: flag the opener and keep highlighting what follows as it is typed.
      out.push([open, open + 2, 'tce-unclosed']);
      pos = open + 2;
      continue;
    }
    const end = close + 2;
    let innerStart = open + 2;
    let innerEnd = close;
    if (innerStart < innerEnd && src[innerStart] === '-') innerStart++;
    if (innerEnd > innerStart && src[innerEnd - 1] === '-') innerEnd--;

    if (!isOutput) {
      let p = innerStart;
      while (p < innerEnd && isSpace(src[p])) p++;
      if (src[p] === '#') {
        out.push([open, end, 'tce-comment']);
        pos = end;
        continue;
      }
      let q = p;
      while (q < innerEnd && /[A-Za-z0-9_]/.test(src[q])) q++;
      const name = src.slice(p, q);
      if (name === 'raw' || name === 'comment') {
        const endTag = findEndTag(src, end, 'end' + name);
        if (endTag === null) {
          out.push([open, end, 'tce-unclosed']);
          pos = end;
          continue;
        }
        const cls = name === 'raw' ? 'tce-raw' : 'tce-comment';
        out.push([open, end, cls + ' tce-block-tag']);
        if (endTag[0] > end) out.push([end, endTag[0], cls]);
        out.push([endTag[0], endTag[1], cls + ' tce-block-tag']);
        pos = endTag[1];
        continue;
      }
    }

    const kind = isOutput ? 'tce-output' : 'tce-logic';
    out.push([open, innerStart, kind + ' tce-delim']);
    const inner = [];
    tagTokens(src, innerStart, innerEnd, !isOutput, locals, inner);
    for (const t of inner) {
      t[2] = kind + ' ' + t[2];
      out.push(t);
    }
    out.push([innerEnd, end, kind + ' tce-delim']);
    pos = end;
  }
  return out;
}


// ---------------------------------------------------------------- JSON tokenizer

const JSON_PUNCTUATION = '{}[],:';

// Splits JSON (possibly half-typed) into segments [start, end, cssClass]: strings (property names when followed by ':'),
// numbers, literals, punctuation. Anything else (a typo, a stray word) is marked 'tce-json-invalid'.
// `match` holds offsets of a bracket pair to emphasise (the pair at the caret).
export function tokenizeJson(src, match) {
  const out = [];
  const n = src.length;
  let i = 0;
  while (i < n) {
    const c = src[i];
    if (isSpace(c)) {
      let j = i + 1;
      while (j < n && isSpace(src[j])) j++;
      out.push([i, j, '']);
      i = j;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== '"' && src[j] !== '\n') {
        j += src[j] === '\\' ? 2 : 1;
      }
      const closed = j < n && src[j] === '"';
      const end = closed ? j + 1 : Math.min(j, n);
      let k = end;
      while (k < n && (src[k] === ' ' || src[k] === '\t')) k++;
      const cls = !closed ? 'tce-unclosed' : src[k] === ':' ? 'tce-json-key' : 'tce-string';
      out.push([i, end, cls]);
      i = end;
      continue;
    }
    if (c === '-' || isDigit(c)) {
      let j = i + 1;
      while (j < n && /[0-9eE.+\-]/.test(src[j])) j++;
      out.push([i, j, 'tce-number']);
      i = j;
      continue;
    }
    if (JSON_PUNCTUATION.includes(c)) {
      const bracket = '{}[]'.includes(c);
      const matched = bracket && match && (match[0] === i || match[1] === i);
      out.push([i, i + 1, bracket ? (matched ? 'tce-bracket tce-bracket-match' : 'tce-bracket') : 'tce-punctuation']);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && /[A-Za-z0-9_$]/.test(src[j])) j++;
    const word = src.slice(i, j);
    out.push([i, j, word === 'true' || word === 'false' || word === 'null' ? 'tce-keyword' : 'tce-json-invalid']);
    i = j;
  }
  return out;
}

// The offsets of the bracket pair at the caret (the bracket just before or at it), or null. Strings are skipped.
export function matchBracket(src, caret) {
  if (src.length > HIGHLIGHT_LIMIT) return null;
  const at = [caret - 1, caret].find((p) => p >= 0 && p < src.length && '{}[]'.includes(src[p]) && !insideString(src, p));
  if (at === undefined) return null;
  const open = '{['.includes(src[at]);
  const stack = [];
  const step = open ? 1 : -1;
  for (let p = at; p >= 0 && p < src.length; p += step) {
    const c = src[p];
    if (!'{}[]'.includes(c) || (p !== at && insideStringCached(p))) continue;
    if (open === '{['.includes(c)) {
      stack.push(c);
    } else {
      stack.pop();
      if (stack.length === 0) return open ? [at, p] : [p, at];
    }
  }
  return null;

  function insideStringCached(p) {
    return strings.has(p);
  }
}

// Offsets that lie inside string literals (computed lazily per text).
let stringsText = null;
let strings = new Set();
function insideString(src, p) {
  if (stringsText !== src) {
    stringsText = src;
    strings = new Set();
    for (const [start, end, cls] of tokenizeJson(src, null)) {
      if (cls === 'tce-string' || cls === 'tce-json-key' || cls === 'tce-unclosed') {
        for (let q = start; q < end; q++) strings.add(q);
      }
    }
  }
  return strings.has(p);
}

// ---------------------------------------------------------------- errors

function lineStarts(src) {
  const starts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return starts;
}

// Turns 1-based line/column errors into [start, end) ranges: the word, tag delimiter or character at that position.
function errorRanges(src, starts, errors) {
  const ranges = [];
  for (const e of errors) {
    const line = Math.min(Math.max(1, e.line | 0), starts.length);
    const lineStart = starts[line - 1];
    const lineEnd = line < starts.length ? starts[line] - 1 : src.length;
    const at = Math.min(lineStart + Math.max(0, (e.column | 0) - 1), lineEnd);
    let end = at;
    if (at < lineEnd) {
      const c = src[at];
      const two = src.slice(at, at + 2);
      if (two === '{{' || two === '{%' || two === '}}' || two === '%}') {
        end = at + 2;
      } else if (isIdentPart(c) || isDigit(c)) {
        end = at + 1;
        while (end < lineEnd && (isIdentPart(src[end]) || src[end] === '?')) end++;
      } else {
        end = at + 1;
      }
    }
    ranges.push({ start: at, end, line, message: String(e.message ?? '') });
  }
  return ranges;
}

// ---------------------------------------------------------------- rendering

export function buildHtml(src, errors, language, match) {
  const segments = language === 'json' ? tokenizeJson(src, match) : tokenize(src);
  const starts = lineStarts(src);
  const ranges = errorRanges(src, starts, errors);

  const errorLines = new Map();
  for (const r of ranges) {
    const list = errorLines.get(r.line) ?? [];
    list.push(r.message);
    errorLines.set(r.line, list);
  }

  const parts = [];
  let line = 1;
  const openLine = () => {
    const messages = errorLines.get(line);
    if (messages) {
      parts.push('<span class="tce-line tce-line-error" data-line="', String(line), '" data-message="',
        escapeHtml(messages.join('\n')), '">');
    } else {
      parts.push('<span class="tce-line">');
    }
  };
  openLine();

  const emit = (start, end, cls, errorMessage) => {
    // Split on line breaks: every logical line is its own block so line numbers follow wrapping.
    let s = start;
    while (s < end) {
      const nl = src.indexOf('\n', s);
      const stop = nl < 0 || nl >= end ? end : nl;
      if (stop > s) {
        const text = escapeHtml(src.slice(s, stop));
        if (errorMessage !== null) {
          parts.push('<span class="', cls, ' tce-error" title="', escapeHtml(errorMessage), '">', text, '</span>');
        } else if (cls) {
          parts.push('<span class="', cls, '">', text, '</span>');
        } else {
          parts.push(text);
        }
      }
      if (stop < end) {
        parts.push('</span>');
        line++;
        openLine();
        s = stop + 1;
      } else {
        s = stop;
      }
    }
  };

  // Pieces are cut at segment edges and error edges; a zero-width error (end of line or text) is a marker taking no room.
  const zeroWidth = new Map();
  const cuts = new Set();
  for (const r of ranges) {
    cuts.add(r.start);
    if (r.start === r.end) {
      zeroWidth.set(r.start, [...(zeroWidth.get(r.start) ?? []), r.message]);
    } else {
      cuts.add(r.end);
    }
  }
  const cutList = [...cuts].sort((a, b) => a - b);
  const messageAt = (offset) => {
    const hit = ranges.filter((r) => r.start <= offset && offset < r.end).map((r) => r.message);
    return hit.length > 0 ? hit.join('\n') : null;
  };
  const emitMarkers = (offset) => {
    const messages = zeroWidth.get(offset);
    if (messages) {
      parts.push('<span class="tce-error tce-error-eol" title="', escapeHtml(messages.join('\n')), '"></span>');
      zeroWidth.delete(offset);
    }
  };

  let ci = 0;
  for (const [start, end, cls] of segments) {
    let s = start;
    while (s < end) {
      while (ci < cutList.length && cutList[ci] <= s) ci++;
      const c = ci < cutList.length && cutList[ci] < end ? cutList[ci] : end;
      emitMarkers(s);
      emit(s, c, cls, messageAt(s));
      s = c;
    }
  }
  emitMarkers(src.length);
  parts.push('</span>');
  return parts.join('');
}

function render(state) {
  const text = state.textarea.value;
  if (text.length > HIGHLIGHT_LIMIT) {
    // Plain mode: the layer is emptied and hidden and the textarea shows and scrolls its own text (CSS), so the
    // browser lays the text out once instead of twice.
    if (!state.plain) {
      state.plain = true;
      state.highlight.textContent = '';
      state.frame.setAttribute('data-tce-plain', '');
    }
    return;
  }
  if (state.plain) {
    state.plain = false;
    state.frame.removeAttribute('data-tce-plain');
  }
  state.highlight.innerHTML = buildHtml(text, state.errors, state.language, state.match);
  const lines = lineStarts(text).length;
  state.layers.style.setProperty('--tce-digits', String(Math.max(2, String(lines).length)));
}

// ---------------------------------------------------------------- .NET traffic

function send(state) {
  clearTimeout(state.timer);
  state.timer = 0;
  const text = state.textarea.value;
  if (text === state.lastSent) {
    return;
  }
  const bytes = text.length > state.hardLimit ? 0 : sentBytes(text, state.maxBytes);
  if (text.length > state.hardLimit || bytes > state.maxBytes) {
    // Too big for one circuit message: keep it in the textarea, tell .NET the size only.
    if (state.tooLargeReported !== text.length) {
      state.tooLargeReported = text.length;
      state.dotNetRef.invokeMethodAsync('OnEditorTooLarge', text.length, bytes).catch((e) => console.warn('template-editor: .NET call failed', e));
    }
    return;
  }
  state.tooLargeReported = -1;
  state.lastSent = text;
  state.dotNetRef.invokeMethodAsync('OnEditorTextChanged', text).catch((e) => console.warn('template-editor: .NET call failed', e));
}

// The size of the text as the circuit carries it: JSON-encoded as an argument, then again inside the SignalR
// message, in UTF-8. Short text cannot exceed the limit (at most 7 bytes a character), so it is not measured.
function sentBytes(text, maxBytes) {
  if (text.length * 7 + 64 <= maxBytes) {
    return text.length;
  }
  return new TextEncoder().encode(JSON.stringify(JSON.stringify([text]))).length;
}

function schedule(state) {
  clearTimeout(state.timer);
  state.timer = setTimeout(() => send(state), state.debounceMs);
}

// ---------------------------------------------------------------- public API (called from .NET)

export function init(textarea, dotNetRef, options) {
  if (!textarea || editors.has(textarea)) {
    return;
  }
  const frame = textarea.closest('.tce-frame');
  const highlight = frame.querySelector('.tce-highlight');
  const state = {
    textarea,
    frame,
    layers: highlight.parentElement,
    highlight,
    dotNetRef,
    debounceMs: 400,
    hardLimit: 1032192,
    maxBytes: 1032192,
    errors: [],
    timer: 0,
    // What .NET knows; anything typed before this module loaded differs from it and is sent below.
    lastSent: typeof options?.serverText === 'string' ? options.serverText : textarea.value,
    tooLargeReported: -1,
    escapeArmed: false,
    pendingFrame: 0,
    plain: false,
    language: 'liquid',
    match: null,
  };
  applyOptions(state, options);

  state.onInput = () => {
    render(state);
    schedule(state);
  };
  state.onBlur = () => send(state);
  // Bracket matching (JSON): re-render only when the pair at the caret changes.
  state.onCaret = () => {
    if (state.language !== 'json') return;
    const next = textarea.selectionStart === textarea.selectionEnd ? matchBracket(textarea.value, textarea.selectionStart) : null;
    if (String(next) !== String(state.match)) {
      state.match = next;
      render(state);
    }
  };
  state.onKeyDown = (e) => {
    if (e.key === 'Escape') {
      // Accessible escape: Esc, then Tab moves focus out of the editor.
      state.escapeArmed = true;
      return;
    }
    if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey) {
      if (state.escapeArmed || textarea.readOnly) {
        state.escapeArmed = false;
        return;
      }
      e.preventDefault();
      // execCommand keeps the browser's undo history; setRangeText is the fallback.
      if (!document.execCommand || !document.execCommand('insertText', false, '  ')) {
        textarea.setRangeText('  ', textarea.selectionStart, textarea.selectionEnd, 'end');
        textarea.dispatchEvent(new Event('input', { bubbles: true }));
      }
      return;
    }
    if (e.key !== 'Shift') {
      state.escapeArmed = false;
    }
  };
  // The highlight layer lies under the textarea, so its titles cannot be hovered: copy the message under the pointer.
  state.onMouseMove = (e) => {
    if (state.pendingFrame) return;
    state.pendingFrame = requestAnimationFrame(() => {
      state.pendingFrame = 0;
      textarea.title = messageAtPoint(state, e.clientX, e.clientY);
    });
  };

  textarea.addEventListener('input', state.onInput);
  textarea.addEventListener('blur', state.onBlur);
  textarea.addEventListener('keydown', state.onKeyDown);
  textarea.addEventListener('mousemove', state.onMouseMove);
  textarea.addEventListener('keyup', state.onCaret);
  textarea.addEventListener('click', state.onCaret);
  textarea.addEventListener('input', state.onCaret);
  editors.set(textarea, state);
  render(state);
  frame.setAttribute('data-tce-ready', '');
  if (textarea.value !== state.lastSent) {
    schedule(state);
  }
}

function messageAtPoint(state, x, y) {
  const textRect = state.textarea.getBoundingClientRect();
  const style = getComputedStyle(state.textarea);
  const contentLeft = textRect.left + parseFloat(style.paddingLeft || '0');
  for (const el of state.highlight.querySelectorAll('.tce-error')) {
    for (const r of el.getClientRects()) {
      const right = Math.max(r.right, r.left + 8);
      if (x >= r.left && x <= right && y >= r.top && y <= r.bottom) return el.title;
    }
  }
  if (x < contentLeft) {
    for (const el of state.highlight.querySelectorAll('.tce-line-error')) {
      const r = el.getBoundingClientRect();
      if (y >= r.top && y <= r.bottom) return el.getAttribute('data-message') ?? '';
    }
  }
  return '';
}

function applyOptions(state, options) {
  if (!options) return;
  if (Number.isFinite(options.debounceMilliseconds)) state.debounceMs = Math.max(0, options.debounceMilliseconds);
  if (Number.isFinite(options.hardLimitCharacters)) state.hardLimit = Math.max(0, options.hardLimitCharacters);
  if (Number.isFinite(options.maxMessageBytes)) state.maxBytes = Math.max(0, options.maxMessageBytes);
  if (Array.isArray(options.errors)) state.errors = options.errors;
  if (options.language === 'json' || options.language === 'liquid') state.language = options.language;
}

export function setOptions(textarea, options) {
  const state = editors.get(textarea);
  if (!state) return;
  applyOptions(state, options);
  render(state);
}

export function setErrors(textarea, errors) {
  const state = editors.get(textarea);
  if (!state) return;
  state.errors = Array.isArray(errors) ? errors : [];
  render(state);
}

// A new text from .NET (discard draft, restore a version). Never called with the editor's own echo.
export function setValue(textarea, text) {
  const state = editors.get(textarea);
  if (!state) return;
  text = text ?? '';
  clearTimeout(state.timer);
  state.timer = 0;
  if (textarea.value !== text) {
    const { selectionStart, selectionEnd } = textarea;
    textarea.value = text;
    if (document.activeElement === textarea) {
      textarea.setSelectionRange(Math.min(selectionStart, text.length), Math.min(selectionEnd, text.length));
    }
  }
  // The textarea normalizes line breaks to \n; remember what .NET holds so it is not echoed back.
  state.lastSent = textarea.value === text.replace(/\r\n?/g, '\n') ? textarea.value : text;
  state.tooLargeReported = -1;
  render(state);
}

// Moves the caret to a 1-based line and column and focuses the editor.
export function focusAt(textarea, line, column) {
  const text = textarea.value;
  const starts = lineStarts(text);
  const l = Math.min(Math.max(1, line | 0), starts.length);
  const lineEnd = l < starts.length ? starts[l] - 1 : text.length;
  const offset = Math.min(starts[l - 1] + Math.max(0, (column | 0) - 1), lineEnd);
  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(offset, offset);
  // Scroll the caret's line into view inside the editor's scroll box.
  const lineEl = textarea.closest('.tce-frame')?.querySelectorAll('.tce-highlight > .tce-line')[l - 1];
  if (lineEl) {
    lineEl.scrollIntoView({ block: 'nearest' });
  } else {
    textarea.scrollIntoView({ block: 'nearest' });
  }
}

export function dispose(textarea) {
  const state = editors.get(textarea);
  if (!state) return;
  clearTimeout(state.timer);
  if (state.pendingFrame) cancelAnimationFrame(state.pendingFrame);
  textarea.removeEventListener('input', state.onInput);
  textarea.removeEventListener('blur', state.onBlur);
  textarea.removeEventListener('keydown', state.onKeyDown);
  textarea.removeEventListener('mousemove', state.onMouseMove);
  textarea.removeEventListener('keyup', state.onCaret);
  textarea.removeEventListener('click', state.onCaret);
  textarea.removeEventListener('input', state.onCaret);
  editors.delete(textarea);
}
