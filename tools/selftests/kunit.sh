#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kunit.sh: the KUnit suites of kunit/ in the UML debug kernel (KASAN,
# lockdep, kmemleak, UBSAN). They are built into the module
# (scripts/build-module uml-kunit) and run as it loads; each suite's
# results, read from KUnit's debugfs, nest as one result here. vm-test
# checks the kernel log and kmemleak after it, as after every script, so
# a report during a test fails the boot even where the test itself
# passed. Debian's kernels have no KUnit: this script is for line uml.
. /lib.sh
D=/sys/kernel/debug/kunit
# every suite of kunit/ (a suite added there is added here)
SUITES="edutcp_seq edutcp_socket edutcp_stats edutcp_fsm edutcp_conn
	edutcp_decide edutcp_stream edutcp_input edutcp_syncookie edutcp_classify
	edutcp_lesson edutcp_ato edutcp_options edutcp_tstamp edutcp_sack
	edutcp_cubic"
n=0
for s in $SUITES; do
	n=$((n + 1))
done
ktap_begin $((n + 3))

check "insmod of edutcp.ko with its KUnit suites" insmod $K
for s in $SUITES; do
	f=$D/$s/results
	if [ -r $f ] && tail -n 1 $f | grep -q "ok 1 $s\$"; then
		# the suite's own document, out of the one-suite wrapper
		# debugfs puts around it (its first two lines and its last)
		sed -e '1,2d' -e '$d' -e 's/^    //' $f >/tmp/$s.ktap
		tail -n 1 $f | grep -q '^ok ' && rc=0 || rc=1
	else
		echo "# $s did not run" >/tmp/$s.ktap
		rc=lost
	fi
	nested "$s" $rc /tmp/$s.ktap
done
only_these() {
	for d in $D/edutcp*; do
		case " $(echo $SUITES) " in
		*" ${d##*/} "*) ;;
		*) echo "${d##*/} ran but kunit.sh does not list it"; return 1 ;;
		esac
	done
}
check "no suite ran that this script does not list" only_these
check "rmmod edutcp" rmmod edutcp
ktap_end
