// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: urgent data (RFC 9293 §3.8.5) as Linux's TCP gives
 * it to programs, an out-of-band byte: send(MSG_OOB) makes a write's
 * last byte urgent; the receiver gets SIGURG and EPOLLPRI, reads it with
 * recv(MSG_OOB), and reads the stream around it, stopping at the mark
 * (SIOCATMARK); with SO_OOBINLINE it stays in the stream. Each step runs
 * over Linux's TCP and over edutcp in the same program, and both must
 * answer alike (the errnos included), so the test stands on what TCP
 * does, not on what we think it does.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>

#include "selftest.h"

#define OOB_PLAN 19

static int fam;
static sigset_t urg_set;	/* SIGURG, blocked: taken with sigtimedwait */

/* Was SIGURG sent since the last call? (It waits, blocked, until asked.) */
static int sigurg_came(void)
{
	struct timespec now = { 0 };

	return sigtimedwait(&urg_set, NULL, &now) == SIGURG;
}

/* A connected pair of @family over loopback; the receiver owns SIGURG. */
static void pair(int family, int port, int *c, int *s)
{
	struct sockaddr_in a = { .sin_family = family };
	int l = socket(family, SOCK_STREAM, 0), one = 1;

	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1))
		st_bail("listen on %d: %s", port, strerror(errno));
	*c = socket(family, SOCK_STREAM, 0);
	setsockopt(*c, IPPROTO_TCP, 1 /* TCP_NODELAY */, &one, sizeof(one));
	if (connect(*c, (struct sockaddr *)&a, sizeof(a)))
		st_bail("connect to %d: %s", port, strerror(errno));
	*s = accept(l, NULL, NULL);
	if (*s < 0)
		st_bail("accept on %d: %s", port, strerror(errno));
	if (fcntl(*s, F_SETOWN, getpid()))
		st_bail("F_SETOWN: %s", strerror(errno));
	close(l);
}

/* What one step gave: a result and its errno, or the text read. */
struct step {
	long r;
	int err;
	char text[16];
};

static struct step recv_step(int s, int flags)
{
	struct step st = { 0 };

	errno = 0;
	st.r = recv(s, st.text, sizeof(st.text) - 1, flags | MSG_DONTWAIT);
	st.err = st.r < 0 ? errno : 0;
	if (st.r < 0)
		st.text[0] = 0;
	return st;
}

static int at_mark(int s)
{
	int v = -1;

	return ioctl(s, SIOCATMARK, &v) ? -errno : v;
}

/* Wait (a fixed bound: nothing here waits on a timer) for EPOLLPRI. */
static int pri(int s)
{
	struct pollfd p = { .fd = s, .events = POLLPRI };

	return poll(&p, 1, 2000) == 1 && (p.revents & POLLPRI);
}

/* Run the steps over @family; each one's result into @out, in order. */
static int run(int family, int port, int inline_oob, struct step *out)
{
	int c, s, n = 0, one = 1;

	pair(family, port, &c, &s);
	if (inline_oob)
		setsockopt(s, SOL_SOCKET, SO_OOBINLINE, &one, sizeof(one));
	sigurg_came();				/* none left from before */
	out[n++] = recv_step(s, MSG_OOB);		/* none yet */
	if (send(c, "abc", 3, 0) != 3 || send(c, "de", 2, MSG_OOB) != 2)
		st_bail("send: %s", strerror(errno));
	out[n++].r = pri(s);
	out[n++].r = sigurg_came();
	out[n++].r = at_mark(s);
	out[n++] = recv_step(s, MSG_OOB);		/* the byte, e */
	out[n++] = recv_step(s, 0);			/* up to the mark */
	out[n++].r = at_mark(s);
	out[n++] = recv_step(s, MSG_OOB);		/* read already */
	if (send(c, "fg", 2, 0) != 2)
		st_bail("send: %s", strerror(errno));
	usleep(100000);
	out[n++] = recv_step(s, 0);			/* after the mark */
	close(c);
	close(s);
	return n;
}

static const char *const what[] = {
	"recv(MSG_OOB) before any urgent data",
	"send(\"abc\"), send(\"de\", MSG_OOB): poll says POLLPRI",
	"SIGURG came to the owner (F_SETOWN)",
	"SIOCATMARK before reading (3 bytes before the mark)",
	"recv(MSG_OOB): the urgent byte",
	"read: the stream up to the mark",
	"SIOCATMARK after it",
	"recv(MSG_OOB) again",
	"send(\"fg\"), read: the stream after the mark",
};

static void compare(int inline_oob, int port)
{
	struct step tcp[16], edu[16];
	int n = run(AF_INET, port, inline_oob, tcp), i;

	run(fam, port + 1, inline_oob, edu);
	for (i = 0; i < n; i++) {
		char name[160];

		snprintf(name, sizeof(name), "%s%s: as TCP (%ld %s \"%s\")",
			 inline_oob ? "SO_OOBINLINE: " : "", what[i], tcp[i].r,
			 tcp[i].err ? strerror(tcp[i].err) : "-", tcp[i].text);
		st_result(edu[i].r == tcp[i].r && edu[i].err == tcp[i].err &&
			  !strcmp(edu[i].text, tcp[i].text), name,
			  "edutcp: %ld %s \"%s\"", edu[i].r,
			  edu[i].err ? strerror(edu[i].err) : "-", edu[i].text);
	}
}

int main(void)
{
	st_plan(OOB_PLAN);
	fam = st_family();
	sigemptyset(&urg_set);
	sigaddset(&urg_set, SIGURG);
	sigprocmask(SIG_BLOCK, &urg_set, NULL);
	compare(0, 7160);
	compare(1, 7162);
	{
		/* and the values TCP gives are what tcp(7) says: a check of the check */
		struct step t[16];

		run(AF_INET, 7164, 0, t);
		st_result(t[4].r == 1 && !strcmp(t[4].text, "e") &&
			  !strcmp(t[5].text, "abcd") && t[6].r == 1 &&
			  !strcmp(t[8].text, "fg"),
			  "TCP itself: e out of band, abcd then fg in the stream",
			  "%s %s %s", t[4].text, t[5].text, t[8].text);
	}
	return st_exit();
}
