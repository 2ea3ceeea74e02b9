# Runs inside fresh user, PID, mount, IPC (and usually network) namespaces, as the namespace's root,
# before the check process starts: builds a new root for it and execs it there (see sandbox.ts).
# Environment: SB_NEWROOT (an empty folder to mount the new root on), SB_RO (paths shown read-only,
# one a line), SB_OVERLAY (<path> TAB <where inside> lines, read-only), SB_SCRATCH (folder shown
# read-write: a tmpfs of SB_SCRATCH_MB MB holding a copy of it), SB_LIMITS (prlimit options), SB_CWD
# (the working folder inside). Arguments: the command to run.
# Every program started here costs a few milliseconds, much more on a busy machine: shell built-ins
# wherever they do (no dirname, one mkdir for all folders, bind and read-only in one mount).
set -eu
N="$SB_NEWROOT"
mount -t tmpfs -o mode=755,size=16m sandbox "$N"
TAB=$(printf '\t')
NL='
'
# "<path> TAB <where inside>" for everything shown read-only: the system, the workbook, the overlays.
binds=""
for d in /usr /bin /sbin /lib /lib32 /lib64 /libx32 /etc; do
  if [ -L "$d" ]; then ln -s "$(readlink "$d")" "$N$d"
  elif [ -d "$d" ]; then binds="$binds$d$TAB$d$NL"
  fi
done
old_ifs=$IFS
IFS=$NL
for p in $SB_RO; do [ -e "$p" ] && binds="$binds$p$TAB$p$NL"; done
for line in ${SB_OVERLAY:-}; do from=${line%%"$TAB"*}; [ -e "$from" ] && binds="$binds$line$NL"; done
IFS=$old_ifs
dirs="$N$SB_SCRATCH $N/dev $N/proc $N/tmp"
files=""
while IFS="$TAB" read -r from at; do
  [ -n "$from" ] || continue
  if [ -d "$from" ]; then dirs="$dirs $N$at"; else dirs="$dirs $N${at%/*}"; files="$files $N$at"; fi
done <<EOF_BINDS
$binds
EOF_BINDS
# shellcheck disable=SC2086
mkdir -p $dirs
for f in $files; do : > "$f"; done
while IFS="$TAB" read -r from at; do
  [ -n "$from" ] || continue
  mount --rbind -o ro "$from" "$N$at"
done <<EOF_BINDS
$binds
EOF_BINDS
# The student's files: a copy in memory, size-limited, writable, gone when the process ends.
mount -t tmpfs -o "mode=755,size=${SB_SCRATCH_MB}m" scratch "$N$SB_SCRATCH"
cp -R "$SB_SCRATCH/." "$N$SB_SCRATCH/"
chmod 1777 "$N/tmp"
for d in null zero random urandom; do : > "$N/dev/$d"; mount --bind "/dev/$d" "$N/dev/$d"; done
ln -s /proc/self/fd "$N/dev/fd"
# This PID namespace's processes only, and read-only (no writing to /proc/self/mem).
mount -t proc -o ro,nosuid,nodev,noexec proc "$N/proc"
cd "$N"
# shellcheck disable=SC2086
exec prlimit $SB_LIMITS -- chroot "$N" env --chdir="$SB_CWD" "$@"
