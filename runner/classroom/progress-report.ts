/**
 * The learner's own progress report (for handing in), built from the progress file and the course (lessons/course.json).
 * Pure: the `report` command reads the file and writes the result.
 */
import { type LessonEntry, lessonFolder } from '../course/lessons.ts';
import { COURSE } from './grades.ts';
import { mdText } from './formats/markdown.ts';
import { visibleInJson } from '../ui/visible-text.ts';

/** What the report needs from the progress file (runner/course/progress.ts). */
export interface ProgressLike {
  current?: string;
  lessons: Record<string, { passed: boolean; passedAt?: string; checksPassing: number; checksTotal: number; lastRunAt?: string; hintsShown: number } | undefined>;
}

export type LessonStatus = 'done' | 'in progress' | 'not started';

export interface ReportLesson {
  id: string;
  folder: string;
  title: string;
  status: LessonStatus;
  checksPassing: number;
  checksTotal: number;
  /** When the lesson last passed (ISO time), if it ever did. */
  passedAt: string | null;
  lastRunAt: string | null;
  hintsShown: number;
}

export interface ProgressReport {
  course: string;
  learner: string | null;
  generatedAt: string;
  current: string | null;
  lessonsDone: number;
  lessonsTotal: number;
  lessons: ReportLesson[];
  /** Set when the progress file was damaged and had to be recovered. */
  note?: string;
}

export function buildProgressReport(state: ProgressLike, lessons: LessonEntry[], opts: { learner?: string; generatedAt?: string; note?: string } = {}): ProgressReport {
  const rows = lessons.map((l): ReportLesson => {
    const p = state.lessons[l.id];
    const status: LessonStatus = p?.passed ? 'done' : p && (p.lastRunAt || p.checksTotal > 0 || p.hintsShown > 0) ? 'in progress' : 'not started';
    return {
      id: l.id,
      folder: lessonFolder(l),
      title: l.title,
      status,
      checksPassing: p?.checksPassing ?? 0,
      checksTotal: p?.checksTotal ?? 0,
      passedAt: p?.passedAt ?? null,
      lastRunAt: p?.lastRunAt ?? null,
      hintsShown: p?.hintsShown ?? 0,
    };
  });
  return {
    course: COURSE,
    learner: opts.learner ?? null,
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    current: state.current ?? null,
    lessonsDone: rows.filter((r) => r.status === 'done').length,
    lessonsTotal: rows.length,
    lessons: rows,
    ...(opts.note ? { note: opts.note } : {}),
  };
}

/** "2025-03-01 14:05 UTC" from an ISO time; a dash when there is none. */
function when(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? mdText(iso) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function progressMarkdown(r: ProgressReport): string {
  const out = [`# ${r.course}: progress report`, ''];
  if (r.learner) out.push(`Learner: ${mdText(r.learner)}  `);
  out.push(`Generated: ${when(r.generatedAt)}  `, `Lessons done: **${r.lessonsDone} of ${r.lessonsTotal}**${r.current ? ` · current lesson: ${mdText(r.current)}` : ''}`, '');
  if (r.note) out.push(`> ${mdText(r.note)}`, '');
  out.push(
    '| lesson | title | status | checks passing | last passed | hints shown |',
    '|---|---|---|---:|---|---:|',
    ...r.lessons.map((l) => `| ${l.id} | ${mdText(l.title)} | ${l.status} | ${l.checksTotal > 0 ? `${l.checksPassing}/${l.checksTotal}` : '—'} | ${when(l.passedAt)} | ${l.hintsShown} |`),
    '',
    'Checks passing are as of the last run of each lesson. Your teacher can re-run every check with `npm run workbook -- grade`.',
  );
  return out.join('\n') + '\n';
}

export function progressJson(r: ProgressReport): string {
  return JSON.stringify(r, visibleInJson, 2) + '\n';
}
