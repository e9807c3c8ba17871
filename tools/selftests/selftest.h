/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp selftests: the few helpers every test program shares. A program
 * prints KTAP (as tools/selftests/ktap.sh does for the shell scripts, and
 * scripts/ktap parses both): st_plan(N) first, the header and the plan;
 * then one line per check, "ok K - NAME" or "not ok K - NAME: why"; and
 * returns st_exit(), non-zero when a check failed or the number of checks
 * is not the plan. A setup step that fails calls st_bail(), which says
 * why on stdout and exits 2; the guest script that runs the program turns
 * its exit status into a result of its own. ST_SKIP (4, kselftest's code)
 * is the one status that means "not run here, and that is fine".
 */
#ifndef EDUTCP_SELFTEST_H
#define EDUTCP_SELFTEST_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <linux/edutcp.h>

#define ST_SKIP 4
/* the kernel's attribute macros, which userspace lacks (lint allows it) */
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __noreturn __attribute__((noreturn))

static int st_failed, st_planned = -1, st_ran;

/* The KTAP header and the plan: N checks will follow. */
static inline void st_plan(int n)
{
	st_planned = n;
	printf("KTAP version 1\n1..%d\n", n);
	fflush(stdout);
}

/* A setup step failed: say why, and end the program with status 2. */
static inline void __noreturn __printf(1, 2) st_bail(const char *fmt, ...)
{
	va_list ap;

	printf("# bail out: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" (after %d of %d checks)\n", st_ran, st_planned);
	fflush(stdout);
	exit(2);
}

static inline void __printf(3, 4)
st_result(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	st_ran++;
	if (ok) {
		printf("ok %d - %s\n", st_ran, name);
	} else {
		st_failed = 1;
		printf("not ok %d - %s: ", st_ran, name);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		putchar('\n');
	}
	fflush(stdout);
}

/* A check that cannot run here: counted, with KTAP's SKIP and why. */
static inline void st_skip(const char *name, const char *why)
{
	st_ran++;
	printf("ok %d - %s # SKIP %s\n", st_ran, name, why);
	fflush(stdout);
}

/* Check that a call returned -1 with errno ERR (call evaluated once). */
#define st_expect_errno(name, call, err) do {				\
	int _want = (err), _e;						\
	long _r;							\
	errno = 0;							\
	_r = (long)(call);						\
	_e = errno;							\
	st_result(_r == -1 && _e == _want, name,			\
		  "returned %ld errno %d (%s), expected errno %d (%s)",	\
		  _r, _e, strerror(_e), _want, strerror(_want));	\
} while (0)

/* seconds on the monotonic clock, for deadlines and measured times */
static inline double st_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* A parameter of the module: its value if loaded, else @dflt. */
static inline int st_param(const char *name, int dflt)
{
	char path[96];
	FILE *f;
	int v = dflt;

	snprintf(path, sizeof(path), "/sys/module/edutcp/parameters/%s", name);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = dflt;
		fclose(f);
	}
	return v;
}

/* The family in force: the module parameter if loaded, else the default. */
static inline int st_family(void)
{
	return st_param("family", AF_EDUTCP);
}

/* The IP protocol in force, likewise. */
static inline int st_ipproto(void)
{
	return st_param("ipproto", EDUTCP_IPPROTO);
}

/*
 * One counter of /proc/net/edutcp/snmp. A counter that cannot be read
 * ends the program (st_bail): a check that it "did not move" must not
 * pass on a value nobody read.
 */
static inline long st_counter(const char *name)
{
	char names[4096], values[4096], *n, *v, *sn, *sv;
	FILE *f = fopen("/proc/net/edutcp/snmp", "r");
	long val = -1;

	if (!f)
		st_bail("counter %s: /proc/net/edutcp/snmp: %s", name,
			strerror(errno));
	if (!fgets(names, sizeof(names), f) || !fgets(values, sizeof(values), f)) {
		fclose(f);
		st_bail("counter %s: /proc/net/edutcp/snmp has no two lines", name);
	}
	fclose(f);
	n = strtok_r(names, "\t\n ", &sn);
	v = strtok_r(values, "\t\n ", &sv);
	while (n && v) {
		if (!strcmp(n, name)) {
			val = strtol(v, NULL, 10);
			break;
		}
		n = strtok_r(NULL, "\t\n ", &sn);
		v = strtok_r(NULL, "\t\n ", &sv);
	}
	if (val < 0)
		st_bail("counter %s is not in /proc/net/edutcp/snmp", name);
	return val;
}

/*
 * Send COUNT raw IPv4 packets of protocol PROTO (a 20-byte zero payload)
 * to 127.0.0.1; returns how many went out, -1 if no raw socket.
 */
static inline int st_send_raw(int proto, int count)
{
	struct sockaddr_in dst = { .sin_family = AF_INET };
	unsigned char seg[20] = { 0 };
	int fd, i, sent = 0;

	dst.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_RAW, proto);
	if (fd < 0)
		return -1;
	for (i = 0; i < count; i++)
		if (sendto(fd, seg, sizeof(seg), 0, (struct sockaddr *)&dst,
			   sizeof(dst)) == sizeof(seg))
			sent++;
	close(fd);
	return sent;
}

/*
 * Write a value to a file of /proc (st_write) or to
 * /proc/sys/net/edutcp/NAME (in this namespace); a write
 * the kernel refuses ends the program (st_bail): the checks after it
 * would test a setting that is not in force.
 */
static inline void st_write(const char *path, const char *val)
{
	FILE *f = fopen(path, "w");
	int bad;

	if (!f)
		st_bail("%s: %s", path, strerror(errno));
	bad = fputs(val, f) < 0;
	bad |= fclose(f) != 0;
	if (bad)
		st_bail("%s=%s refused: %s", path, val, strerror(errno));
}

static inline void st_sysctl(const char *name, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/net/edutcp/%s", name);
	st_write(path, val);
}

/* The program's status: 0 only when every planned check ran and passed. */
static inline int st_exit(void)
{
	printf("# planned %d, ran %d\n", st_planned, st_ran);
	fflush(stdout);
	if (st_planned < 0 || st_ran != st_planned)
		return 1;
	return st_failed ? 1 : 0;
}

#endif /* EDUTCP_SELFTEST_H */
