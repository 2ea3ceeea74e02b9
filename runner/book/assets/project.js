// The project page (book --project): doctor's latest run on the user's project, live over
// Server-Sent Events (running, project). Severity is a word and a symbol, never colour alone; each
// finding lights up its arrows when pointed at or focused, and an arrow lights up its findings.
'use strict';

// $, el and sizeToggle: dom.js, loaded first.

const SYMBOL = { error: '✗', warning: '⚠', note: 'ℹ' };
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
let rendered = false;

function renderRunning() {
  const box = $('status');
  box.setAttribute('aria-busy', 'true');
  $('diagram').classList.add('stale');
  const line = box.querySelector('.verdict-line');
  if (line) line.textContent = `… doctor is checking the project${rendered ? ' again (a file changed)' : ''}`;
}

function arrowsOf(f) {
  return [...document.querySelectorAll('#diagram g.rel[data-findings]')].filter((g) => g.dataset.findings.split(' ').includes(f.id) && f.columns.includes(g.dataset.from));
}

function light(nodes, on) {
  for (const n of nodes) n.classList.toggle('lit', on);
}

function findingItem(f) {
  const head = el('p', {}, el('span', { class: 'severity' }, `${SYMBOL[f.severity]} ${f.severity}`), ' ', el('code', {}, f.id), f.columns.length ? ` on ${f.columns.join(', ')}` : '');
  const lesson = f.teaches
    ? el('p', {}, 'Learn: ', el('a', { href: f.teaches.href }, `lesson ${f.lesson}, ${f.teaches.title}`))
    : el('p', { class: 'muted' }, `Learn: npm run workbook -- read ${f.lesson}`);
  const li = el(
    'li',
    { class: `severity-${f.severity}`, tabIndex: 0, 'data-finding': f.id, 'data-columns': f.columns.join(' ') },
    head,
    el('p', {}, f.message),
    f.declarations.length ? el('ul', {}, ...f.declarations.map((d) => el('li', {}, el('code', {}, d.label), d.at ? el('span', { class: 'muted' }, `  ${d.at}`) : null))) : null,
    el('p', {}, 'Fix:'),
    el('pre', {}, f.fix),
    lesson,
  );
  for (const [on, events] of [[true, ['mouseenter', 'focusin']], [false, ['mouseleave', 'focusout']]]) {
    for (const ev of events) li.addEventListener(ev, () => light(arrowsOf(f), on));
  }
  return li;
}

function render(v) {
  // One stream sends its results in order, the latest only: no run is older than the one shown.
  rendered = true;
  const box = $('status');
  box.removeAttribute('aria-busy');
  $('diagram').classList.remove('stale');
  $('project-name').textContent = v.project;
  document.title = `doctor: ${v.project} · Sequelize Associations Workbook`;
  const at = new Date().toLocaleTimeString();
  if (!v.ok) {
    box.dataset.state = 'error';
    box.replaceChildren(el('p', { class: 'verdict-line' }, '✗ doctor could not check the project'), el('p', { class: 'problem' }, v.message), el('p', { class: 'muted' }, `At ${at}. Fix it and save: the page updates by itself.`));
    $('diagram').dataset.run = String(v.run);
    return;
  }
  const c = v.counts;
  box.dataset.state = v.nothing ? 'error' : c.error ? 'error' : c.warning ? 'warning' : 'clean';
  const line = v.nothing ? `✗ ${v.nothing}` : c.error + c.warning + c.note ? `${c.error ? '✗' : '⚠'} ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.note, 'note')}` : '✓ No findings';
  box.replaceChildren(el('p', { class: 'verdict-line' }, line), el('p', { class: 'muted' }, `Exit code ${v.exitCode} for doctor on the command line. Checked at ${at}; again on every save.`));
  $('loaded').replaceChildren(...[...v.loaded, ...v.notes].map((t) => el('li', {}, t)));
  $('problems-panel').hidden = !v.problems.length;
  $('problems').replaceChildren(...v.problems.map((p) => el('li', { class: 'problem' }, `${p.file ? `${p.file}: ` : ''}${p.message}`)));
  const d = $('diagram');
  d.dataset.run = String(v.run);
  d.dataset.keys = String(v.keys);
  d.innerHTML = v.svg; // drawn on the server from the schema, every name escaped
  for (const g of d.querySelectorAll('g.rel[data-findings]')) {
    const items = () => [...document.querySelectorAll('#findings > li')].filter((li) => g.dataset.findings.split(' ').includes(li.dataset.finding) && li.dataset.columns.split(' ').includes(g.dataset.from));
    g.addEventListener('mouseenter', () => light(items(), true));
    g.addEventListener('mouseleave', () => light(items(), false));
  }
  $('mermaid').textContent = v.mermaid;
  $('counts').textContent = `${plural(v.findings.length, 'finding')}${v.silenced ? ` (${v.silenced} silenced in .workbook-doctor.json)` : ''}.`;
  $('findings').replaceChildren(...v.findings.map(findingItem));
}

sizeToggle($('diagram-size'), $('diagram'));
const events = new EventSource('/api/project/events');
events.addEventListener('running', () => renderRunning());
events.addEventListener('project', (e) => render(JSON.parse(e.data)));
document.querySelector('.skip').addEventListener('click', (e) => {
  e.preventDefault();
  $('findings-panel').focus();
});
