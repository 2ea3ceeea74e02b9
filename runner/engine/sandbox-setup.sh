# Runs inside fresh user, PID, mount, IPC (and usually network) namespaces, as the namespace's root,
# before the check process starts: builds a new root for it and execs it there (see sandbox.ts).
# Environment: SB_NEWROOT (an empty folder to mount the new root on), SB_RO (paths shown read-only,
# one a line), SB_SCRATCH (folder shown read-write: a tmpfs of SB_SCRATCH_MB MB holding a copy of it),
# SB_OVERLAY (<path> TAB <where inside> lines, read-only), SB_LIMITS (prlimit options), SB_CWD (the working folder inside). Arguments: the command to run.
set -eu
N="$SB_NEWROOT"
mount -t tmpfs -o mode=755,size=16m sandbox "$N"
# bind_ro <path> [<where inside>]
bind_ro() {
  at="${2:-$1}"
  if [ -d "$1" ]; then mkdir -p "$N$at"; else mkdir -p "$N$(dirname "$at")"; : > "$N$at"; fi
  mount --rbind "$1" "$N$at"
  mount -o remount,bind,ro "$N$at"
}
# The system (Node, the C library, certificates) read-only; nothing else of the host.
for d in /usr /bin /sbin /lib /lib32 /lib64 /libx32 /etc; do
  if [ -L "$d" ]; then ln -s "$(readlink "$d")" "$N$d"
  elif [ -d "$d" ]; then bind_ro "$d"
  fi
done
printf '%s\n' "$SB_RO" | while IFS= read -r p; do if [ -n "$p" ] && [ -e "$p" ]; then bind_ro "$p"; fi; done
TAB=$(printf '\t')
printf '%s\n' "${SB_OVERLAY:-}" | while IFS="$TAB" read -r from at; do if [ -n "$from" ] && [ -e "$from" ]; then bind_ro "$from" "$at"; fi; done
# The student's files: a copy in memory, size-limited, writable, gone when the process ends.
mkdir -p "$N$SB_SCRATCH"
mount -t tmpfs -o "mode=755,size=${SB_SCRATCH_MB}m" scratch "$N$SB_SCRATCH"
cp -R "$SB_SCRATCH/." "$N$SB_SCRATCH/"
mkdir -p "$N/dev" "$N/proc" "$N/tmp"
chmod 1777 "$N/tmp"
for d in null zero random urandom; do : > "$N/dev/$d"; mount --bind "/dev/$d" "$N/dev/$d"; done
ln -s /proc/self/fd "$N/dev/fd"
# This PID namespace's processes only, and read-only (no writing to /proc/self/mem).
mount -t proc -o ro,nosuid,nodev,noexec proc "$N/proc"
cd "$N"
# shellcheck disable=SC2086
exec prlimit $SB_LIMITS -- chroot "$N" env --chdir="$SB_CWD" "$@"
