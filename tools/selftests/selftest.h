/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp selftests: the few helpers every test program shares. Each check
 * prints one line, "ok - NAME" or "not ok - NAME: why", which the VM
 * runner counts; a program exits non-zero when any check failed.
 */
#ifndef EDUTCP_SELFTEST_H
#define EDUTCP_SELFTEST_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <linux/edutcp.h>

static int st_failed;

static inline void st_result(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("ok - %s\n", name);
	} else {
		st_failed = 1;
		printf("not ok - %s: ", name);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		putchar('\n');
	}
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

/* The family in force: the module parameter if loaded, else the default. */
static inline int st_family(void)
{
	FILE *f = fopen("/sys/module/edutcp/parameters/family", "r");
	int fam = AF_EDUTCP;

	if (f) {
		if (fscanf(f, "%d", &fam) != 1)
			fam = AF_EDUTCP;
		fclose(f);
	}
	return fam;
}

/* One counter of /proc/net/edutcp/snmp, or -1 when it cannot be read. */
static inline long st_counter(const char *name)
{
	char names[4096], values[4096], *n, *v, *sn, *sv;
	FILE *f = fopen("/proc/net/edutcp/snmp", "r");
	long val = -1;

	if (!f)
		return -1;
	if (!fgets(names, sizeof(names), f) || !fgets(values, sizeof(values), f)) {
		fclose(f);
		return -1;
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

/* Write a value to /proc/sys/net/edutcp/NAME (in this namespace). */
static inline void st_sysctl(const char *name, const char *val)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sys/net/edutcp/%s", name);
	f = fopen(path, "w");
	if (f) {
		fputs(val, f);
		fclose(f);
	}
}

static inline int st_exit(void)
{
	return st_failed ? 1 : 0;
}

#endif /* EDUTCP_SELFTEST_H */
