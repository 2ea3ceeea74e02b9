/**
 * What the edited files hold right now, to tell whether they changed since a run began. The file
 * watcher is not enough on its own: chokidar drops a change event that comes less than 50 ms after
 * the one before, so the last save of a quick pair can go unreported, and the verdict would be stale.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

const MISSING = '\u0000missing';

export function filesSnapshot(paths: readonly string[]): string {
  return paths
    .map((p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return MISSING; // deleted, renamed away, or half-way through a rename
      }
    })
    .join('\u0000\u0000');
}

/** A short name for a snapshot: watch --json gives it with each verdict, so an editor can tell which content a verdict is for. */
export function snapshotId(snapshot: string): string {
  return createHash('sha1').update(snapshot).digest('hex').slice(0, 12);
}

/**
 * When the files were last written (inode, size, change and modification times in ns). Content alone
 * misses a save changed back within the watcher's 50 ms (A, B, A): a run begun on A may have read B,
 * and the file holds A again when it ends. Any write moves these, so such a run is run again.
 * Take it before the content: a write in between then shows as a change (one extra run, never a stale one).
 */
export function filesStamp(paths: readonly string[]): string {
  return paths
    .map((p) => {
      try {
        const s = statSync(p, { bigint: true });
        return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
      } catch {
        return 'missing';
      }
    })
    .join('|');
}
