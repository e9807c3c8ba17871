// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: a segment that waits in a socket's queues holds no
 * conntrack entry (input.c drops skb->_nfct before the skb is queued, as
 * tcp_v4_rcv does). Run by suite.sh with tc's ct action on lo's ingress,
 * without commit: every segment that arrives gets an unconfirmed entry of
 * its own, freed with the skb or when edutcp lets it go, so
 * nf_conntrack_count counts exactly the skbs that still hold one.
 *
 *   conntrack SEGMENTS
 *
 * The client sends SEGMENTS writes of 100 bytes (EDUTCP_NODELAY: a
 * segment each) that the server does not read; once all have arrived and been
 * acknowledged, the count must fall to 0 while they still wait unread.
 * Without the reset it stays at SEGMENTS or more until they are read.
 */
#include <poll.h>
#include <time.h>

#include "selftest.h"

#define COUNT "/proc/sys/net/netfilter/nf_conntrack_count"
#define PORT 9450
#define TEXT 100

static long ct_count(void)
{
	FILE *f = fopen(COUNT, "r");
	long n = -1;

	if (!f)
		st_bail("cannot open %s: %s", COUNT, strerror(errno));
	if (fscanf(f, "%ld", &n) != 1)
		st_bail("cannot read %s", COUNT);
	fclose(f);
	return n;
}

static struct edutcp_info info(int fd)
{
	struct edutcp_info i;
	socklen_t len = sizeof(i);

	if (getsockopt(fd, SOL_EDUTCP, EDUTCP_INFO, &i, &len))
		st_bail("EDUTCP_INFO: %s", strerror(errno));
	return i;
}

int main(int argc, char **argv)
{
	int segs = argc > 1 ? atoi(argv[1]) : 8, fam = st_family(), one = 1;
	struct sockaddr_in a = { .sin_family = fam };
	struct edutcp_info ci, si;
	char buf[TEXT * 64], name[160];
	int l, c, s, i;
	double end;
	long n = -1;
	ssize_t r;

	if (segs < 1 || segs > 64)
		st_bail("SEGMENTS must be 1 to 64");
	st_plan(4);
	a.sin_port = htons(PORT);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(fam, SOCK_STREAM, 0);
	c = socket(fam, SOCK_STREAM, 0);
	if (l < 0 || c < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(l, 1) || connect(c, (struct sockaddr *)&a, sizeof(a)))
		st_bail("loopback connection: %s", strerror(errno));
	s = accept(l, NULL, NULL);
	if (s < 0 ||
	    setsockopt(c, SOL_EDUTCP, EDUTCP_NODELAY, &one, sizeof(one)))
		st_bail("accept or EDUTCP_NODELAY: %s", strerror(errno));
	memset(buf, 'c', sizeof(buf));
	for (i = 0; i < segs; i++)
		if (write(c, buf, TEXT) != TEXT)
			st_bail("write %d: %s", i, strerror(errno));

	/* all of it in the server's queue and acknowledged; the
	 * retransmission timer's first RTO (1 s) is far longer than
	 * loopback needs, so allow ten of them
	 */
	end = st_now() + 10;
	for (;;) {
		ci = info(c);
		si = info(s);
		if ((ci.snd_una == ci.snd_nxt &&
		     si.rcv_nxt - si.irs - 1 == (unsigned int)(segs * TEXT)) ||
		    st_now() > end)
			break;
		usleep(10000);
	}
	snprintf(name, sizeof(name),
		 "%d segments of text received and acknowledged", segs);
	st_result(ci.snd_una == ci.snd_nxt &&
		  si.rcv_nxt - si.irs - 1 == (unsigned int)(segs * TEXT), name,
		  "SND.UNA %u SND.NXT %u, received %u", ci.snd_una,
		  ci.snd_nxt, si.rcv_nxt - si.irs - 1);

	/* an skb on its way through lo may hold an entry for a moment */
	end = st_now() + 10;
	while ((n = ct_count()) > 0 && st_now() < end)
		usleep(10000);
	snprintf(name, sizeof(name),
		 "no conntrack entry held by the %d segments queued unread", segs);
	st_result(n == 0, name, "nf_conntrack_count %ld", n);

	r = recv(s, buf, sizeof(buf), MSG_DONTWAIT);
	st_result(r == segs * TEXT, "the text is all there to read",
		  "read %zd of %d", r, segs * TEXT);
	close(c);
	close(s);
	close(l);
	end = st_now() + 10;
	while ((n = ct_count()) > 0 && st_now() < end)
		usleep(10000);
	st_result(n == 0, "no conntrack entry held after the close",
		  "nf_conntrack_count %ld", n);
	return st_exit();
}
