// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: the module's state is per network namespace. A new
 * namespace has its own /proc/net/edutcp/snmp starting from zero, packets
 * received there count there only, and sockets can be created in it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>

#include "selftest.h"

static int lo_up(void)
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM, 0), err;

	memcpy(ifr.ifr_name, "lo", sizeof("lo"));
	err = ioctl(fd, SIOCGIFFLAGS, &ifr);
	ifr.ifr_flags |= IFF_UP;
	err = err ?: ioctl(fd, SIOCSIFFLAGS, &ifr);
	close(fd);
	return err;
}

int main(void)
{
	int home = open("/proc/self/ns/net", O_RDONLY), fd;
	long outer_before = st_counter("InSegs"), outer_after;

	st_plan(4);
	if (home < 0 || unshare(CLONE_NEWNET) || lo_up())
		st_bail("enter a new network namespace: errno %d (%s)", errno,
			strerror(errno));
	st_result(st_counter("InSegs") == 0,
		  "a new namespace has its own counters, at zero",
		  "InSegs is %ld", st_counter("InSegs"));
	st_send_raw(EDUTCP_IPPROTO, 3);
	st_result(st_counter("InSegs") == 3,
		  "segments received in the namespace count there",
		  "InSegs is %ld", st_counter("InSegs"));
	fd = socket(st_family(), SOCK_STREAM, 0);
	st_result(fd >= 0, "socket() works in the namespace", "errno %d", errno);
	if (fd >= 0)
		close(fd);

	if (setns(home, CLONE_NEWNET))
		st_bail("return to the first namespace: errno %d", errno);
	outer_after = st_counter("InSegs");
	st_result(outer_after == outer_before,
		  "the first namespace's counters did not move",
		  "InSegs %ld -> %ld", outer_before, outer_after);
	return st_exit();
}
