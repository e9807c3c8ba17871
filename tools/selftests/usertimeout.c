// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: the timeouts a user sets on what the peer must
 * acknowledge. EDUTCP_USER_TIMEOUT (TCP_USER_TIMEOUT, RFC 5482): with it
 * set, text that stays unacknowledged ends the connection with ETIMEDOUT
 * once the timeout has passed since it was first sent, and not after the
 * count of retries: the resends are cut to end on time. SO_LINGER with a
 * time: close() waits up to it for the FIN's ACK. In a namespace of its
 * own, over loopback, lesson rules lose every text segment, then every
 * FIN, so that nothing is ever acknowledged.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <sched.h>
#include <time.h>

#include "selftest.h"

#define PORT 9470
#define TIMEOUT_MS 1500
#define LINGER_S 2

static int getint(int fd, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);

	return getsockopt(fd, SOL_EDUTCP, name, &v, &len) ? -1 : v;
}

/*
 * close() with SO_LINGER {1, 2}: it returns once the FIN is acknowledged
 * (a rule holds that ACK back 0.5 s, so that close() must be woken for
 * it), or after the 2 s when a rule drops every FIN (@lost)
 */
static void lingering(int l, struct sockaddr_edutcp *a, int lost)
{
	struct linger lg = { .l_onoff = 1, .l_linger = LINGER_S };
	int c = socket(a->sin_family, SOCK_STREAM, 0), s;
	double t0, t;

	if (connect(c, (struct sockaddr *)a, sizeof(*a)))
		st_bail("connect: %s", strerror(errno));
	s = accept(l, NULL, NULL);
	if (s < 0 || setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)))
		st_bail("accept, SO_LINGER: %s", strerror(errno));
	st_write("/proc/net/edutcp/lesson", lost ? "drop out fin every" :
		 "hold in ack every ms 500");
	t0 = st_now();
	close(c);
	t = st_now() - t0;
	st_write("/proc/net/edutcp/lesson", "clear");
	if (lost)	/* the RTO's clock ticks late under load: 20% */
		st_result(t >= LINGER_S && t < LINGER_S * 1.2 + 0.2,
			  "SO_LINGER {1, 2}, the FIN lost: close() waits the 2 s, no more",
			  "after %.3f s", t);
	else
		st_result(t >= 0.5 && t < LINGER_S / 2.0,
			  "SO_LINGER {1, 2}: close() returns when the FIN's ACK comes, 0.5 s late",
			  "after %.3f s", t);
	close(s);
}

int main(void)
{
	struct sockaddr_edutcp a = { .sin_family = st_family() };
	int l, c, s, neg = -1, ms = TIMEOUT_MS, err = 0;
	struct pollfd p;
	socklen_t len = sizeof(err);
	long aborts, timeouts;
	double t0, t;
	char name[200];

	st_plan(9);
	if (unshare(CLONE_NEWNET) || system("/usr/sbin/ip link set lo up"))
		st_bail("a namespace of its own: %s", strerror(errno));
	a.sin_port = htons(PORT);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(a.sin_family, SOCK_STREAM, 0);
	c = socket(a.sin_family, SOCK_STREAM, 0);
	st_expect_errno("EDUTCP_USER_TIMEOUT -1: EINVAL, as TCP_USER_TIMEOUT",
			setsockopt(c, SOL_EDUTCP, EDUTCP_USER_TIMEOUT, &neg, sizeof(neg)),
			EINVAL);
	st_result(!setsockopt(c, SOL_EDUTCP, EDUTCP_USER_TIMEOUT, &ms, sizeof(ms)) &&
		  getint(c, EDUTCP_USER_TIMEOUT) == TIMEOUT_MS,
		  "EDUTCP_USER_TIMEOUT 1500 set and read back", "%d",
		  getint(c, EDUTCP_USER_TIMEOUT));
	setsockopt(l, SOL_EDUTCP, EDUTCP_USER_TIMEOUT, &ms, sizeof(ms));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    connect(c, (struct sockaddr *)&a, sizeof(a)))
		st_bail("connect: %s", strerror(errno));
	s = accept(l, NULL, NULL);
	st_result(s >= 0 && getint(s, EDUTCP_USER_TIMEOUT) == TIMEOUT_MS,
		  "an accepted socket takes its listener's EDUTCP_USER_TIMEOUT",
		  "%d", s >= 0 ? getint(s, EDUTCP_USER_TIMEOUT) : -1);
	st_write("/proc/net/edutcp/lesson", "drop out data every");
	aborts = st_counter("AbortOnTimeout");
	timeouts = st_counter("Timeouts");
	t0 = st_now();
	if (write(c, "lost", 4) != 4)
		st_bail("write: %s", strerror(errno));
	/* well past the timeout, and far short of retries=15's minutes */
	p = (struct pollfd){ .fd = c, .events = POLLIN };
	poll(&p, 1, 4 * TIMEOUT_MS + 2000);
	t = st_now() - t0;
	getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len);
	st_result(err == ETIMEDOUT, "text never acknowledged: ETIMEDOUT", "%d (%s)",
		  err, strerror(err));
	/* the resends back off 0.2, 0.4, 0.8 s from rto_min; the last one
	 * is cut to end at the timeout, so it ends within a tick of it
	 */
	snprintf(name, sizeof(name),
		 "it ends at the user timeout, 1.5 s after the text went (RFC 5482), not after retries");
	st_result(t >= TIMEOUT_MS / 1000.0 && t < TIMEOUT_MS / 1000.0 * 1.2 + 0.2,
		  name, "after %.3f s", t);
	st_result(st_counter("AbortOnTimeout") - aborts == 1, "AbortOnTimeout +1",
		  "moved %ld", st_counter("AbortOnTimeout") - aborts);
	/* 1.5 s holds at most 1 + log2(1.5 / 0.2) resends backing off
	 * from rto_min, at least one from the first RTO of 1 s
	 */
	timeouts = st_counter("Timeouts") - timeouts;
	st_result(timeouts >= 1 && timeouts <= 4,
		  "the resends back off until then: 1 to 4 timeouts, not retries' 15",
		  "Timeouts +%ld", timeouts);
	st_write("/proc/net/edutcp/lesson", "clear");
	close(c);
	close(s);
	lingering(l, &a, 0);
	lingering(l, &a, 1);
	close(l);
	return st_exit();
}
