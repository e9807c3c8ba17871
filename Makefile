# SPDX-License-Identifier: GPL-2.0
# edutcp's harness. Every target a developer runs; see README.md.
#
#   make              build edutcp.ko (KVER=6.1|6.12 for a cached Debian
#                     line, KDIR=... for any kernel build directory)
#   make demo         boot a VM, load the module, show what it does
#   make demo-programs  curl and lighttpd over edutcp, and the ladder
#   make lesson NAME=syn-lost   one lesson in a VM (NAME=list: them all)
#   make lessons      every lesson in one VM boot, and the lesson book
#   make check        everything below, ending "N passed, N failed"
#   make lint         checkpatch --strict, sparse, W=1 on both lines
#   make kunit        KUnit suites built into a UML kernel
#                     (KUNIT_LINE=6.1|6.12)
#   make kunit-debug  the same suites as a module in the UML debug
#                     kernel (KASAN, lockdep, kmemleak, UBSAN)
#   make vm-test      the selftests in qemu VMs of both kernel lines and
#                     in the UML debug kernel
#   make bench        edutcp against Linux TCP in one VM (not in check)
#   make soak         64 MiB each way through netem, both lines (not in check)
#   make fuzz         the segment fuzzer, both lines: SEGMENTS=N (10^6)
#                     SEED=S (the time); make check runs a short pass
#   make deps         install packages, fetch Debian kernels (the other
#                     targets run it themselves)
#   make install      edutcp.ko into /lib/modules/REL/updates/ of the
#                     running kernel (KDIR=... for another), depmod;
#                     make uninstall takes it out (or use DKMS: README)
#
# Builds happen in $(EDUTCP_CACHE) (default ~/.cache/edutcp), never in
# the checkout.

# Kbuild reads this directory's Kbuild; when it includes this Makefile
# instead (older kbuild), hand over to Kbuild.
ifneq ($(KERNELRELEASE),)
include $(dir $(lastword $(MAKEFILE_LIST)))Kbuild
else

KVER ?= default
KUNIT_LINE ?= 6.12
S := scripts

.PHONY: all module install uninstall deps demo demo-programs lesson lessons check lint kunit kunit-debug vm-test bench soak fuzz tools clean

all module: deps
	@$(S)/build-module $(KVER) W=1

deps:
	@$(S)/deps

install uninstall:
	@$(S)/install $@

demo: deps
	@$(S)/demo

demo-programs: deps
	@$(S)/demo programs

lesson: deps
	@$(S)/lesson $(NAME)

lessons: deps
	@echo "make lessons: every lesson in one boot, then the lesson book:"
	@$(S)/lesson list | sed 's/^/  /'
	@$(S)/lesson all

check:
	@$(S)/check

bench: deps
	@$(S)/bench

lint: deps
	@$(S)/lint

kunit: deps
	@$(S)/kunit $(KUNIT_LINE)

kunit-debug: deps
	@EDUTCP_VM_SUITES=kunit $(S)/vm-test uml

vm-test: deps
	@$(S)/vm-test 6.1 6.12 uml

soak: deps
	@EDUTCP_VM_SUITES=soak $(S)/vm-test 6.1 6.12

SEGMENTS ?= 1000000
SEED ?= $(shell date +%s)
fuzz: deps
	@echo "make fuzz: SEGMENTS=$(SEGMENTS) SEED=$(SEED)"
	@EDUTCP_VM_SUITES=fuzz \
	 EDUTCP_VM_APPEND="fuzz_segments=$(SEGMENTS) fuzz_seed=$(SEED)" \
	 EDUTCP_VM_TIMEOUT=7200 $(S)/vm-test 6.1 6.12

clean:
	rm -rf $${EDUTCP_CACHE:-$$HOME/.cache/edutcp}/build

endif
