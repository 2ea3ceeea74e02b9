/** Lesson 01 with the seed tutorial's mistake: `as` on hasOne only, so hasOne derives cardId and belongsTo UserId (two keys to Users). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findLesson, lessonDir } from '../../runner/course/lessons.ts';

export function seedMistake(): string {
  const starter = readFileSync(join(lessonDir(findLesson('01')), '.starter', 'models.ts'), 'utf8');
  const mistaken = starter.replace('User.hasOne(LibraryCard);', "User.hasOne(LibraryCard, { as: 'card', onDelete: 'CASCADE' });");
  if (mistaken === starter) throw new Error("lesson 01's starter changed: seedMistake() no longer applies");
  return mistaken;
}
