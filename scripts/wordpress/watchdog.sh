#!/bin/sh
# watchdog.sh PARENT_PID COMMAND [ARGS…]: runs COMMAND until it exits or PARENT_PID is gone, then
# stops it with SIGTERM, then everything left in this shell's process group (php -S forks workers
# that outlive their master) with SIGKILL. A test runner killed outright (SIGKILL, a crash) leaves
# no MariaDB or php behind for longer than a few seconds. The shell leads its own process group
# (it is started detached), so `kill -9 -$$` reaches all of them.
parent=$1
shift
"$@" &
child=$!
(
  while kill -0 "$parent" 2>/dev/null; do sleep 1; done
  kill -TERM "$child" 2>/dev/null
  sleep 3
  kill -9 -$$ 2>/dev/null
) &
watcher=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
# The first wait returns early when a trapped signal arrives; the second one waits for the exit.
wait "$child"
wait "$child"
status=$?
# With the parent gone the watcher still has the group's stray workers to stop.
if kill -0 "$parent" 2>/dev/null; then kill "$watcher" 2>/dev/null; fi
exit "$status"
