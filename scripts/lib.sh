# SPDX-License-Identifier: GPL-2.0
# Shared by the harness scripts: where the cache lives, what the kernel
# lines are called, and small helpers. Source it; do not run it.

EDUTCP_CACHE=${EDUTCP_CACHE:-$HOME/.cache/edutcp}
EDUTCP_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
EDUTCP_LINES="6.1 6.12"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'edutcp: %s\n' "$*" >&2; exit 1; }

# line_dir LINE: the cache directory holding one kernel line's files.
line_dir() { echo "$EDUTCP_CACHE/kernels/$1"; }

# line_release LINE: the kernel release (uname -r) of the cached line.
line_release() {
	local f
	[ "$1" != uml ] || { echo "UML 6.12, KASAN, lockdep, kmemleak, UBSAN"; return; }
	f="$(line_dir "$1")/release"
	[ -s "$f" ] || die "kernel line $1 is not fetched: run scripts/deps"
	cat "$f"
}

# line_kdir LINE: the kbuild directory to build modules against.
line_kdir() {
	echo "$(line_dir "$1")/root/usr/src/linux-headers-$(line_release "$1")"
}

# stage_sources DEST: copy the module's sources to DEST (kbuild writes its
# objects next to the sources, and must never do so in the checkout).
# A file is copied when its content differs (-c), and then carries the
# time of the copy, not its own (no -t); and when the sources as a whole
# are not the ones staged last time (another checkout shares the cache,
# or an object outlived its source), every one is touched, so make
# rebuilds the module (seconds) and a stale module is never tested.
stage_sources() {
	mkdir -p "$1"
	rsync -rlpc --delete --exclude '*.o' --exclude '*.ko' --exclude '.*.cmd' \
		--exclude '*.mod*' --exclude 'modules.order' --exclude 'Module.symvers' \
		--exclude '*.a' --exclude .staged \
		"$EDUTCP_TOP/Kbuild" "$EDUTCP_TOP/Kconfig" "$EDUTCP_TOP/module" \
		"$EDUTCP_TOP/include" "$EDUTCP_TOP/kunit" "$1/"
	local sum
	sum=$(cd "$1" && find Kbuild Kconfig module include kunit -type f \
		\( -name '*.[ch]' -o -name Kbuild -o -name Kconfig -o -name '*config' \) \
		-print0 | sort -z | xargs -0 sha256sum | sha256sum)
	if [ "$sum" != "$(cat "$1/.staged" 2>/dev/null)" ]; then
		find "$1" -type f \( -name '*.[ch]' -o -name Kbuild \) -exec touch {} +
		echo "$sum" >"$1/.staged"
	fi
}

# source_tree LINE: the unpacked linux-source tree of a line (unpacked into
# the cache on first use, from the linux-source-LINE package).
source_tree() {
	local tarball=/usr/src/linux-source-$1.tar.xz srcroot=$EDUTCP_CACHE/src/$1
	[ -f "$tarball" ] || die "$tarball missing: run scripts/deps"
	if [ ! -f "$srcroot/.extracted" ] || [ "$tarball" -nt "$srcroot/.extracted" ]; then
		say "unpacking $tarball"
		rm -rf "$srcroot"
		mkdir -p "$srcroot"
		tar -C "$srcroot" -xf "$tarball"
		touch "$srcroot/.extracted"
	fi
	echo "$srcroot/linux-source-$1"
}

# kernel_reports FILE: the lines of a kernel log that report a problem
# (a log that is missing or empty is one)
kernel_reports() {
	if [ ! -s "$1" ]; then
		echo "the kernel log $1 is missing or empty"
		return
	fi
	grep -E 'BUG:|WARNING:|Oops|KASAN:|general protection fault|Kernel panic|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|kmemleak: [0-9]+ new suspected|UBSAN:|refcount_t:|detected stall|blocked for more than' "$1"
	[ $? -le 1 ] || echo "the kernel log $1 cannot be read"
}

# kernel_log_present LOG: a guest's console log holds the kernel log the
# guest printed after its script (between the @@EDUTCP-DMESG markers),
# and it is the boot's (it says which Linux booted)
kernel_log_present() {
	sed -n '/^@@EDUTCP-DMESG$/,/^@@EDUTCP-DMESG-END$/p' "$1" >"$1.dmesg"
	grep -q '^@@EDUTCP-DMESG-END$' "$1.dmesg" || { echo "no kernel log in $1"; return 1; }
	[ "$(wc -l <"$1.dmesg")" -gt 10 ] || { echo "the kernel log in $1 is nearly empty"; return 1; }
}

# vm_files LOG DIR: the files a guest exported (export_file in
# tools/selftests/lib.sh), from its console log into DIR
vm_files() {
	mkdir -p "$2"
	awk -v dir="$2" '
		/^@@EDUTCP-FILE-END/ { if (cmd) close(cmd); cmd = ""; next }
		/^@@EDUTCP-FILE / { cmd = "base64 -d >\"" dir "/" $2 "\""; next }
		cmd { print | cmd }' "$1"
}

# vm_output LOG: what the guest script printed, without the exported files
vm_output() {
	sed -n '/^@@EDUTCP-BEGIN/,/^@@EDUTCP-END/p' "$1" | sed '1d;$d' |
		sed '/^@@EDUTCP-FILE /,/^@@EDUTCP-FILE-END/d'
}

# no_new_leak LOG: the guest's kmemleak report (scripts/vm-run) is there
# and lists no unreferenced object
no_new_leak() {
	sed -n '/^@@EDUTCP-KMEMLEAK$/,/^@@EDUTCP-KMEMLEAK-END$/p' "$1" >"$1.kmemleak"
	grep -q '^@@EDUTCP-KMEMLEAK-END$' "$1.kmemleak" || { echo "the kmemleak report is cut short"; return 1; }
	! grep -A 12 'unreferenced object' "$1.kmemleak"
}
