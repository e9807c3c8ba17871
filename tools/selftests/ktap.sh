# SPDX-License-Identifier: GPL-2.0
# The one way this project's shell scripts print results: KTAP
# (Documentation/dev-tools/ktap.rst). Sourced by the guest scripts
# (through /lib.sh, busybox sh) and by the host's (bash): lint, vm-test,
# observe.host.sh. selftest.h prints the same for the C programs, and
# scripts/ktap is the one parser of all of it.
#
#   ktap_begin N            the header and the plan: N results will follow
#   check NAME COMMAND...   one result: ok when COMMAND succeeds
#   ktap_result RC NAME [WHY]   one result: ok when RC is 0
#   ktap_skip NAME WHY      one result, not run here, and why
#   nested NAME RC FILE     FILE (a program's own KTAP) indented as a
#                           subtest, then one result for it: ok when RC is
#                           0, SKIP when RC is 4 (kselftest's skip code),
#                           else "not ok" with the status
#   ktap_end                "# planned N, ran M"; fails when a result failed
#                           or the count is not the plan
#
# The running count is kept in a file, so a result printed from a
# subshell is numbered too.

KTAP_DIR=${KTAP_DIR:-${TMPDIR:-/tmp}/ktap.$$}
KTAP_SKIP=4

ktap_begin() {
	mkdir -p "$KTAP_DIR"
	echo 0 >"$KTAP_DIR/ran"
	echo 0 >"$KTAP_DIR/failed"
	echo "$1" >"$KTAP_DIR/plan"
	echo "KTAP version 1"
	echo "1..$1"
}

# ktap_next: the number of the next result (and count it)
# (a script that never began, as the demo, still gets numbers)
ktap_next() {
	mkdir -p "$KTAP_DIR"
	ktap_n=$(($(cat "$KTAP_DIR/ran" 2>/dev/null || echo 0) + 1))
	echo "$ktap_n" >"$KTAP_DIR/ran"
}

ktap_result() {
	ktap_next
	if [ "$1" = 0 ]; then
		echo "ok $ktap_n - $2"
	else
		echo "not ok $ktap_n - $2${3:+: $3}"
		echo 1 >"$KTAP_DIR/failed"
	fi
}

ktap_skip() { # ktap_skip NAME WHY: a result that was not run, and why
	ktap_next
	echo "ok $ktap_n - $1 # SKIP $2"
}

check() {
	ktap_name=$1
	shift
	mkdir -p "$KTAP_DIR"
	if "$@" >"$KTAP_DIR/check.out" 2>&1; then
		ktap_result 0 "$ktap_name"
	else
		ktap_result 1 "$ktap_name" "$(head -c 2000 "$KTAP_DIR/check.out" | tr '\n' ' ')"
	fi
}

nested() {
	sed 's/^/    /' "$3"
	case $2 in
	0) ktap_result 0 "$1" ;;
	"$KTAP_SKIP")
		ktap_next
		echo "ok $ktap_n - $1 # SKIP $(grep -m 1 '^# SKIP' "$3" | cut -c8-)" ;;
	124 | 143) ktap_result 1 "$1" "it did not finish in time (killed, status $2)" ;;
	lost) ktap_result 1 "$1" "it did not finish: no exit status" ;;
	*) ktap_result 1 "$1" "exit status $2" ;;
	esac
}

ktap_end() {
	ktap_plan=$(cat "$KTAP_DIR/plan")
	ktap_ran=$(cat "$KTAP_DIR/ran")
	ktap_failed=$(cat "$KTAP_DIR/failed")
	rm -rf "$KTAP_DIR"
	echo "# planned $ktap_plan, ran $ktap_ran"
	[ "$ktap_ran" = "$ktap_plan" ] && [ "$ktap_failed" = 0 ]
}
