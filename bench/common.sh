# SPDX-License-Identifier: MIT
# shellcheck shell=bash disable=SC2034,SC2016
# bench/common.sh: settings, workloads and jobs shared by bench/run and
# bench/stops.  Sourced, with ROOT, BB and die() defined; it builds the
# workloads and makes the scratch directory TMPD (removed at exit).

QUICK=${BENCH_QUICK:-0}
[ "$QUICK" = 0 ] && QUICK=
if [ -n "$QUICK" ]; then
	LOOP_N=500000     # getppid, filtered job
	THREAD_N=100000   # threads, filtered job
	TRACE_N=10000     # getppid / threads, jobs that stop at every call
	OPEN_N=50000      # openread, filtered job
	OPEN_TRACE_N=3000 # openread, other jobs
	MAKE_FILES=4
	PY_N=5
	TAR_DIRS="linux"  # tar, jobs that stop at every call
	TAR_BIG="linux"   # tar, filtered job
	FIND_DEPTH=2      # find, jobs that stop at every call
	FIND_BIG=3        # find, filtered job
else
	LOOP_N=2000000
	THREAD_N=200000
	TRACE_N=20000
	OPEN_N=200000
	OPEN_TRACE_N=6000
	MAKE_FILES=12
	PY_N=20
	TAR_DIRS="linux c++"
	TAR_BIG="."
	FIND_DEPTH=3
	FIND_BIG=all
fi
TIMEOUT=${BENCH_TIMEOUT:-120}
WORKLOADS=${BENCH_WORKLOADS:-getppid openread threads make tar find python}
SCALL=${SCALL:-build/scall}
STRACE=${STRACE:-strace}
PYTHON=${PYTHON:-/usr/bin/python3}
[ -x "$PYTHON" ] || PYTHON=$(command -v python3 || echo python3)

case $TIMEOUT in '' | *[!0-9]* | 0) die "BENCH_TIMEOUT must be a positive integer" ;; esac
for wl in $WORKLOADS; do
	case $wl in getppid | openread | threads | make | tar | find | python) ;;
	*) die "unknown workload $wl (known: getppid openread threads make tar find python)" ;;
	esac
done
command -v timeout >/dev/null || die "timeout(1) is needed"
PIN=()
if [ -n "${BENCH_CPUS:-}" ]; then
	command -v taskset >/dev/null || die "BENCH_CPUS needs taskset(1)"
	taskset -c "$BENCH_CPUS" true 2>/dev/null || die "taskset -c $BENCH_CPUS fails"
	PIN=(taskset -c "$BENCH_CPUS")
fi
command -v "$STRACE" >/dev/null || die "no strace ($STRACE)"

make -s -f bench/Makefile B="$ROOT/build" >&2 || die "cannot build the workloads"

# Scratch files (the C project, tar's archive) in memory where possible, so
# that no disk writeback lands in the timings.
tmpbase=${BENCH_TMPDIR:-}
if [ -z "$tmpbase" ]; then
	tmpbase=${TMPDIR:-/tmp}
	[ -d /dev/shm ] && [ -w /dev/shm ] && tmpbase=/dev/shm
fi
TMPD=$(mktemp -d "$tmpbase/scall-bench.XXXXXX") || die "mktemp in $tmpbase failed"
trap 'rm -rf "$TMPD"' EXIT
trap 'exit 130' INT TERM

# --- workloads ----------------------------------------------------------------

# The C project: MAKE_FILES small sources and a main, rebuilt by make -B -j1.
mkdir -p "$TMPD/proj"
for i in $(seq 1 "$MAKE_FILES"); do
	cat >"$TMPD/proj/f$i.c" <<EOF
#include <stdio.h>
#include <string.h>
int f$i(int x);
int f$i(int x)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%d", x * $i);
	return (int)strlen(buf) + x;
}
EOF
done
echo 'int main(void) { return 0; }' >"$TMPD/proj/main.c"
printf '%s\n' 'OBJS := $(patsubst %.c,%.o,$(wildcard *.c))' \
	'prog: $(OBJS)' '	$(CC) -o $@ $(OBJS)' \
	'%.o: %.c' '	$(CC) -O0 -c $< -o $@' >"$TMPD/proj/Makefile"
printf 'a small file, read again and again\n' >"$TMPD/small.txt"

human() { # 2000000 -> 2M, 30000 -> 30k
	awk -v n="$1" 'BEGIN { if (n % 1000000 == 0) print n / 1000000 "M";
		else if (n % 1000 == 0) print n / 1000 "k"; else print n }'
}

# wl_cmd WORKLOAD N: the command in CMD, its name for the table in WNAME.
wl_cmd() {
	case $1 in
	getppid) CMD=("$BB/getppid" "$2") WNAME="getppid $(human "$2")" ;;
	openread) CMD=("$BB/openread" "$2" "$TMPD/small.txt") WNAME="open+read+close $(human "$2")" ;;
	threads) CMD=("$BB/threads" "$2" 4) WNAME="4 threads getppid $(human "$2")" ;;
	make) CMD=(make -s -B -j1 -C "$TMPD/proj") WNAME="make, $((MAKE_FILES + 1)) files" ;;
	tar)
		local d=$TAR_DIRS
		[ "$2" = big ] && d=$TAR_BIG
		# shellcheck disable=SC2206 # $d is a list of directories
		CMD=(tar cf "$TMPD/out.tar" -C /usr/include $d)
		if [ "$d" = . ]; then WNAME="tar /usr/include"; else WNAME="tar /usr/include/{${d// /,}}"; fi
		;;
	find)
		local d=$FIND_DEPTH
		[ "$2" = big ] && d=$FIND_BIG
		if [ "$d" = all ]; then
			CMD=(find /usr/share -name '*.txt') WNAME="find /usr/share"
		else
			CMD=(find /usr/share -maxdepth "$d" -name '*.txt') WNAME="find /usr/share depth $d"
		fi
		;;
	python) CMD=(sh -c 'i=0; while [ $i -lt "$1" ]; do "$0" -c pass; i=$((i + 1)); done' "$PYTHON" "$2")
		WNAME="python3 -c pass x$2" ;;
	esac
}

# job_opts JOB: options for both tracers in OPTS, strace's extras in SOPTS.
job_opts() {
	SOPTS=()
	case $1 in
	full) OPTS=(-f -o /dev/null) ;;
	trace=) OPTS=(-f -e trace=chdir -o /dev/null) SOPTS=(--seccomp-bpf) ;;
	fault) OPTS=(-f -e fault=getppid:error=ENOENT -o /dev/null) ;;
	-c) OPTS=(-c -f -o /dev/null) ;;
	esac
}

# plan FUNCTION: calls FUNCTION WORKLOAD SIZE JOB [FLOOR] for every block of
# the bench, in table order.  FLOOR is the program timed next to the job as
# its floor: seccomp (build/bench/seccomp1, a one-rule filter and no tracer)
# or ptrace (build/bench/ptrace1, the least a full tracer can do).
plan() {
	local fn=$1 wl n
	for wl in $WORKLOADS; do
		case $wl in
		getppid | threads)
			n=$LOOP_N
			# strace stops a thread made after the start at every
			# call, even with --seccomp-bpf: fewer calls keep its
			# time bounded.
			[ "$wl" = threads ] && n=$THREAD_N
			"$fn" "$wl" "$n" trace= seccomp
			"$fn" "$wl" "$TRACE_N" full ptrace
			"$fn" "$wl" "$TRACE_N" fault
			"$fn" "$wl" "$TRACE_N" -c
			;;
		openread)
			"$fn" "$wl" "$OPEN_N" trace= seccomp
			"$fn" "$wl" "$OPEN_TRACE_N" full ptrace
			"$fn" "$wl" "$OPEN_TRACE_N" -c
			;;
		python)
			"$fn" "$wl" "$PY_N" trace=
			"$fn" "$wl" "$PY_N" full
			"$fn" "$wl" "$PY_N" -c
			;;
		make)
			"$fn" "$wl" 0 trace=
			"$fn" "$wl" 0 full
			"$fn" "$wl" 0 -c
			;;
		tar | find)
			# Filtered: a bigger tree, so that a tracer's own start
			# (a few ms) does not hide the per-call cost.
			"$fn" "$wl" big trace=
			"$fn" "$wl" small full
			"$fn" "$wl" small -c
			;;
		esac
	done
}
