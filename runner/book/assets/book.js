// The book's page: the lesson list, the lesson (rendered on the server), hints, and the live feed
// (Server-Sent Events: running, verdict, diagram). Pass and fail are always words and symbols, not
// colour alone; everything is a link or a button, so the keyboard reaches all of it.
'use strict';

// $, el and sizeToggle: dom.js, loaded first.

const ICON = { done: '✓', current: '▶', pending: '○' };
const WORD = { done: 'done', current: 'current', pending: 'not started' };
const CHECK = { pass: '✓ pass', fail: '✗ fail', error: '! error', skip: '– skip' };

let course;
let lesson; // the lesson shown
let events;

async function getJson(url, init) {
  const r = await fetch(url, init);
  if (!r.ok) throw new Error((await r.json().catch(() => ({}))).error ?? `${r.status} ${r.statusText}`);
  return r.json();
}

async function loadCourse() {
  course = await getJson('/api/course');
  const list = $('lesson-list');
  list.replaceChildren(
    ...course.lessons.map((l) => {
      const progress = l.state === 'done' ? 'passed' : l.checksTotal ? `${l.checksPassing} of ${l.checksTotal} checks` : WORD[l.state];
      const a = el(
        'a',
        { href: `#/lesson/${l.id}`, class: `state-${l.state}`, 'data-lesson': l.id },
        el('span', { class: 'state-icon', 'aria-hidden': 'true' }, ICON[l.state]),
        el('span', {}, `${l.id} · ${l.title}`, el('span', { class: 'lesson-meta' }, progress)),
      );
      a.setAttribute('aria-label', `${l.id}, ${l.title}: ${progress}`);
      if (lesson && l.id === lesson.id) a.setAttribute('aria-current', 'page');
      return el('li', {}, a);
    }),
  );
  const bar = el('progress', { max: course.lessons.length, value: course.done });
  bar.setAttribute('aria-label', 'Lessons done');
  $('course-progress').replaceChildren(bar, ` ${course.done} of ${course.lessons.length} lessons done`);
  const notice = $('notice');
  notice.hidden = !course.recovered;
  notice.textContent = course.recovered ?? '';
}

async function showLesson(id, { focus }) {
  if (lesson && lesson.id === id) return;
  const page = await getJson(`/api/lessons/${id}`);
  lesson = page;
  document.title = `${page.id} · ${page.title} · Sequelize Associations Workbook`;
  $('readme').innerHTML = page.html;
  $('reset-result').hidden = true;
  $('files').replaceChildren(...page.files.flatMap((f, i) => [i ? ', ' : '', el('code', {}, f)]));
  $('hint-list').replaceChildren(...page.hints.map((h) => hintItem(h)));
  updateHintButton(page.hints.length, page.hintsTotal);
  for (const [link, target, label] of [[$('previous'), page.previous, '← Previous lesson'], [$('next'), page.next, 'Next lesson →']]) {
    link.hidden = !target;
    link.href = target ? `#/lesson/${target}` : '#';
    link.textContent = target ? `${label.startsWith('←') ? '← ' : ''}${target} · ${course.lessons.find((l) => l.id === target).title}${label.startsWith('←') ? '' : ' →'}` : label;
  }
  for (const a of document.querySelectorAll('#lesson-list a')) {
    if (a.dataset.lesson === id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  follow(id);
  if (focus) {
    const h1 = $('readme').querySelector('h1');
    if (h1) (h1.tabIndex = -1), h1.focus();
  }
}

function hintItem(html) {
  const li = el('li');
  li.innerHTML = html;
  return li;
}

function updateHintButton(shown, total) {
  const b = $('hint-button');
  b.disabled = shown >= total;
  b.textContent = total === 0 ? 'No hints for this lesson' : shown === 0 ? 'Show a hint' : shown >= total ? 'No more hints' : 'Show a bigger hint';
  $('hint-count').textContent = total ? `${shown} of ${total} shown${shown === total - 1 ? ' (the last one is almost the answer)' : ''}` : '';
}

async function nextHint() {
  if (!lesson || $('hint-button').disabled) return;
  const h = await getJson(`/api/lessons/${lesson.id}/hint`, { method: 'POST' });
  const li = hintItem(h.html);
  $('hint-list').append(li);
  if (h.unsaved) li.append(el('p', { class: 'notice' }, `(${h.unsaved})`));
  updateHintButton(h.shown, h.total);
  li.tabIndex = -1;
  li.focus();
}

function follow(id) {
  events?.close();
  renderRunning();
  $('diagram').classList.add('stale');
  events = new EventSource(`/api/lessons/${id}/events`);
  events.addEventListener('running', () => renderRunning());
  events.addEventListener('verdict', (e) => {
    const v = JSON.parse(e.data);
    if (v.id !== lesson?.id) return;
    renderVerdict(v);
    loadCourse().catch(() => undefined);
  });
  events.addEventListener('diagram', (e) => {
    const d = JSON.parse(e.data);
    if (d.lesson !== lesson?.id) return;
    renderDiagram(d);
  });
}

function renderRunning() {
  const box = $('verdict');
  box.dataset.state = 'running';
  box.setAttribute('aria-busy', 'true');
  $('checks').classList.add('stale');
  const line = box.querySelector('.verdict-line');
  if (line) line.textContent = '… Running the checks on your last save';
  else box.replaceChildren(el('p', { class: 'verdict-line' }, '… Running the checks'));
}

function renderVerdict(v) {
  const box = $('verdict');
  const passing = v.checks.filter((c) => c.state === 'pass').length;
  box.dataset.state = v.passed ? 'pass' : 'fail';
  box.dataset.content = v.content;
  box.removeAttribute('aria-busy');
  $('checks').classList.remove('stale');
  const line = v.passed ? `✓ Passed: all ${v.checks.length} checks pass` : v.checks.length ? `✗ Not yet: ${passing} of ${v.checks.length} checks pass` : '✗ Not yet: the checks could not run';
  const next = v.passed && lesson?.next ? ' Press n (or the link at the end of the lesson) for the next one.' : '';
  box.replaceChildren(
    ...[
      el('p', { class: 'verdict-line' }, line),
      el('p', { class: 'muted' }, `Verdict in ${v.ms} ms, at ${new Date().toLocaleTimeString()}.${next}`),
      v.notice ? el('p', { class: 'notice' }, v.notice) : null,
    ].filter(Boolean),
  );
  $('problem').replaceChildren(...(v.problem ? [el('p', { class: 'problem' }, `Problem: ${v.problem}`)] : []));
  // The same message under several checks (one cause) is shown once, under the first of them.
  const said = new Set();
  $('checks').replaceChildren(
    ...v.checks.map((c) => {
      const message = c.message && !said.has(c.message) ? c.message : c.message ? '(the same cause as above)' : null;
      if (c.message) said.add(c.message);
      return el('li', { 'data-state': c.state }, el('span', { class: `badge ${c.state}` }, CHECK[c.state] ?? c.state), el('div', {}, c.name, message ? el('p', { class: 'message' }, message) : null));
    }),
  );
}

function renderDiagram(d) {
  const box = $('diagram');
  box.classList.remove('stale');
  box.dataset.content = d.content;
  if (!d.ok) {
    box.dataset.keys = '';
    box.replaceChildren(el('p', { class: 'problem' }, d.message));
    $('diagram-status').textContent = 'Your models could not be turned into tables; the last error is below.';
    return;
  }
  box.dataset.keys = String(d.keys);
  box.innerHTML = d.svg; // drawn on the server from the schema, every name escaped
  const flagged = d.differences.length;
  $('diagram-status').textContent = `${d.keys} foreign ${d.keys === 1 ? 'key' : 'keys'}; ${d.compared ? (flagged ? `⚠ ${flagged} ${flagged === 1 ? 'difference' : 'differences'} from the solution's schema (listed below)` : '✓ same keys as the solution') : 'no solution schema to compare with'}. Updated ${new Date().toLocaleTimeString()}.`;
  $('difference-count').textContent = String(flagged);
  $('differences').replaceChildren(...d.differences.map((t) => el('li', {}, t)));
  $('differences-box').open = flagged > 0;
  $('mermaid').textContent = d.mermaid;
}

function route({ focus }) {
  const m = /^#\/lesson\/(\d+)/.exec(location.hash);
  const id = m && course.lessons.some((l) => l.id === m[1]) ? m[1] : course.current;
  if (!m) history.replaceState(null, '', `#/lesson/${id}`);
  showLesson(id, { focus }).catch((e) => ($('readme').textContent = `Could not load lesson ${id}: ${e.message}`));
}

function go(offset) {
  const i = course.lessons.findIndex((l) => l.id === lesson?.id);
  const target = course.lessons[i + offset];
  if (target) location.hash = `#/lesson/${target.id}`;
}

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) return;
  if (e.key === 'h') nextHint();
  else if (e.key === 'n') go(1);
  else if (e.key === 'p') go(-1);
  else if (e.key === 'r') $('rerun').click();
  else if (e.key === 'x') $('reset').click();
  else if (e.key === 'd') $('diagram').focus();
  else return;
  e.preventDefault();
});

$('hint-button').addEventListener('click', () => nextHint());
$('reset').addEventListener('click', async () => {
  if (!lesson) return;
  // Asks first, as watch mode's x and `reset` on a terminal do.
  if (!confirm(`Reset ${lesson.id} to its starter? Your current files are copied to .workbook/backups/ first.`)) return;
  const r = await fetch(`/api/lessons/${lesson.id}/reset`, { method: 'POST' });
  const body = await r.json().catch(() => ({}));
  const out = $('reset-result');
  out.hidden = false;
  out.textContent = r.ok ? `Restored the starter of ${lesson.id}.${body.backup ? ` Your files are kept in ${body.backup}/` : ''}` : `Nothing was reset: ${body.error ?? r.statusText}`;
});
sizeToggle($('diagram-size'), $('diagram'));
$('rerun').addEventListener('click', () => lesson && fetch(`/api/lessons/${lesson.id}/rerun`, { method: 'POST' }));
// The skip link moves focus without touching the address (the hash is the lesson's route).
document.querySelector('.skip').addEventListener('click', (e) => {
  e.preventDefault();
  $('lesson').focus();
});
window.addEventListener('hashchange', () => route({ focus: true }));

loadCourse()
  .then(() => route({ focus: false }))
  .catch((e) => ($('readme').textContent = `Could not reach the workbook: ${e.message}. Is \`npm run book\` still running?`));
