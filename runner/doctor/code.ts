/** Values and declarations written back as code, for messages: strings in single quotes, a model by its name. */
import type { Declaration } from './declarations.ts';

export function code(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'function') return (v as { name?: string }).name || '...';
  if (Array.isArray(v)) return `[${v.map(code).join(', ')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return entries.length ? `{ ${entries.map(([k, x]) => `${/^\w+$/.test(k) ? k : `'${k}'`}: ${code(x)}`).join(', ')} }` : '{}';
  }
  return String(v);
}

const METHOD = { HasOne: 'hasOne', HasMany: 'hasMany', BelongsTo: 'belongsTo', BelongsToMany: 'belongsToMany' } as const;

/** The call as the project wrote it: User.hasMany(Note, { onDelete: 'CASCADE' }). */
export function writtenLabel(d: Declaration): string {
  // Keys Sequelize wrote itself into an options object the project passed to an earlier call too.
  const internal = new Set(['useHooks', ...Object.keys(d.source.options)]);
  const parts = Object.entries(d.written).filter(([k, v]) => v !== undefined && !(internal.has(k) && !['hooks', 'scope', 'name'].includes(k)));
  return `${d.source.name}.${METHOD[d.type]}(${d.target.name}${parts.length ? `, ${code(Object.fromEntries(parts))}` : ''})`;
}
