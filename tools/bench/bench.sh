#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make bench: the guest side. Loads the module and runs tools/bench.
insmod /lib/edutcp.ko || exit 1
bench 32 5000 5
rmmod edutcp
