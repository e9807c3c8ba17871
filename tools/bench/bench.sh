#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make bench: the guest side. Loads the module and runs tools/bench:
# bulk and request/response (bench), then churn beside 100000 TIME_WAIT
# records (twbench), whose records must outlive the run: edutcp's
# 2*MSL is raised to 20 minutes, and both stacks may keep 200000.
insmod /lib/edutcp.ko || exit 1
bench 32 5000 5 || exit 1
echo 600 >/proc/sys/net/edutcp/msl
echo 200000 >/proc/sys/net/edutcp/max_tw_buckets
echo 200000 >/proc/sys/net/ipv4/tcp_max_tw_buckets
twbench 100000 2000 || exit 1
rmmod edutcp
