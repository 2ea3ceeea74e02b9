// The helpers the book's pages share (book.js, project.js): loaded before them, in the same global scope.
'use strict';

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-') || k.startsWith('aria-')) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) if (c !== undefined && c !== null) e.append(c);
  return e;
};

/** The diagram's size button: fitted to the panel by default; full size scrolls inside it. */
function sizeToggle(button, box) {
  button.addEventListener('click', () => {
    const full = box.classList.toggle('full');
    button.setAttribute('aria-pressed', String(full));
    button.textContent = full ? 'Fit to the panel' : 'Show full size';
  });
}
