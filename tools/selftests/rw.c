// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: the byte stream's socket calls over loopback:
 * MSG_PEEK, MSG_WAITALL, MSG_DONTWAIT, SO_SNDTIMEO, select and poll
 * readiness with no lost wake-up (a writer's too, however it found the
 * buffer full: EAGAIN under edge-triggered epoll, or poll), EOF and
 * POLLRDHUP, POLLERR and POLLHUP after a reset, delayed ACKs, text for a
 * closed reading half (AbortOnData), and the SOL_EDUTCP socket options.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/wait.h>

#include "selftest.h"

static int fam;

static struct sockaddr_edutcp lo(int port)
{
	struct sockaddr_edutcp a = { .sin_family = fam };

	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* A connected pair over loopback: *c the client, *s the accepted. */
static void pair(int port, int *c, int *s, int rcvbuf)
{
	struct sockaddr_edutcp a = lo(port);
	int l = socket(fam, SOCK_STREAM, 0), one = 1;

	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (rcvbuf)
		setsockopt(l, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1))
		st_bail("listen on %d: %s", port, strerror(errno));
	*c = socket(fam, SOCK_STREAM, 0);
	if (connect(*c, (struct sockaddr *)&a, sizeof(a)))
		st_bail("connect to %d: %s", port, strerror(errno));
	*s = accept(l, NULL, NULL);
	if (*s < 0)
		st_bail("accept on %d: %s", port, strerror(errno));
	close(l);
}

/* select(2) says fd is readable within usec */
static int readable(int fd, long usec)
{
	struct timeval tv = { .tv_sec = usec / 1000000, .tv_usec = usec % 1000000 };
	fd_set r;

	FD_ZERO(&r);
	FD_SET(fd, &r);
	return select(fd + 1, &r, NULL, NULL, &tv) == 1 && FD_ISSET(fd, &r);
}

static void test_peek_waitall_dontwait(void)
{
	char buf[64] = { 0 };
	int c, s, n;

	pair(7100, &c, &s, 0);
	st_expect_errno("MSG_DONTWAIT with nothing to read: EAGAIN",
			recv(s, buf, 1, MSG_DONTWAIT), EAGAIN);
	st_result(!readable(s, 100000), "select: nothing to read, not readable",
		  "%s", "it is readable");
	write(c, "hello", 5);
	st_result(readable(s, 2000000), "select: readable once text arrives", "%s", "it did not");
	n = recv(s, buf, sizeof(buf), MSG_PEEK);
	st_result(n == 5 && !memcmp(buf, "hello", 5),
		  "MSG_PEEK returns the text", "%d", n);
	memset(buf, 0, sizeof(buf));
	n = recv(s, buf, 3, 0);
	st_result(n == 3 && !memcmp(buf, "hel", 3),
		  "a read after MSG_PEEK gets the same text", "%d", n);
	n = recv(s, buf, sizeof(buf), MSG_PEEK | MSG_DONTWAIT);
	st_result(n == 2 && !memcmp(buf, "lo", 2),
		  "MSG_PEEK after a partial read starts at the unread byte",
		  "%d", n);
	if (fork() == 0) {
		usleep(200000);
		write(c, "abc", 3);
		usleep(200000);
		write(c, "defgh", 5);
		_exit(0);
	}
	n = recv(s, buf, 10, MSG_WAITALL);
	st_result(n == 10 && !memcmp(buf, "loabcdefgh", 10),
		  "MSG_WAITALL waits for all it asked, across three writes",
		  "%d: %.10s", n, buf);
	wait(NULL);
	close(c);
	close(s);
}

/*
 * poll() for @p woken by an event, within 5 s: 0 when it was not (at its
 * timeout poll looks once more, and would find what no wake-up told it)
 */
static int woken(struct pollfd *p, double *secs)
{
	double t0 = st_now();
	int n;

	p->revents = 0;
	n = poll(p, 1, 5000);
	*secs = st_now() - t0;
	return *secs < 4.5 ? n : 0;
}

static void test_poll(void)
{
	struct pollfd p;
	static char big[65536];
	int c, s, sndbuf = 8192, n, total = 0, tries = 0;
	struct timeval tv;
	double t0;

	pair(7101, &c, &s, 4096);
	setsockopt(c, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	p = (struct pollfd){ .fd = c, .events = POLLOUT };
	st_result(poll(&p, 1, 1000) == 1 && (p.revents & POLLOUT),
		  "poll: a new connection is writable (POLLOUT)", "%x",
		  p.revents);
	while ((n = send(c, big, sizeof(big), MSG_DONTWAIT)) > 0)
		total += n;
	st_result(n == -1 && errno == EAGAIN && total > 0,
		  "a full send buffer: MSG_DONTWAIT fails with EAGAIN",
		  "%d after %d bytes (%s)", n, total, strerror(errno));
	p.revents = 0;
	st_result(poll(&p, 1, 300) == 0,
		  "poll: a full send buffer is not writable", "%x", p.revents);
	tv = (struct timeval){ .tv_usec = 200000 };
	setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	t0 = st_now();
	n = send(c, big, sizeof(big), 0);
	t0 = st_now() - t0;
	st_result(n == -1 && errno == EAGAIN && t0 > 0.15 && t0 < 1.5,
		  "SO_SNDTIMEO: a blocking send to a full buffer gives up with EAGAIN",
		  "%d (%s) after %.2f s", n, strerror(errno), t0);
	/* the reader drains; the writer's poll must wake (no lost wake-up) */
	if (fork() == 0) {
		usleep(300000);
		while (tries++ < 100 && recv(s, big, sizeof(big), MSG_DONTWAIT) != 0)
			usleep(10000);
		_exit(0);
	}
	n = woken(&p, &t0);
	st_result(n == 1 && (p.revents & POLLOUT),
		  "poll: POLLOUT once the peer reads and ACKs free the buffer",
		  "%d, revents %x, %.2f s", n, p.revents, t0);
	shutdown(c, SHUT_WR);
	wait(NULL);
	while (recv(s, big, sizeof(big), MSG_DONTWAIT) > 0)
		;
	p = (struct pollfd){ .fd = s, .events = POLLIN | POLLRDHUP };
	st_result(poll(&p, 1, 2000) == 1 && (p.revents & POLLRDHUP) &&
		  (p.revents & POLLIN), "poll: POLLIN | POLLRDHUP after the peer's FIN",
		  "%x", p.revents);
	st_result(recv(s, big, 1, 0) == 0, "read returns 0 after the FIN", "%s", "it did not");
	close(c);
	close(s);
}

/*
 * RFC 9293 MUST-40 (RFC 1122 §4.2.3.2): an ACK may wait, < 0.5 s. The
 * receiver is made interactive first (EDUTCP_QUICKACK 0), or quick-ACK
 * mode would acknowledge the first text at once (peer_push.c checks that).
 */
static void test_delayed_ack(void)
{
	long before, in0;
	int c, s, zero = 0;
	char b;

	pair(7102, &c, &s, 0);
	setsockopt(s, SOL_EDUTCP, EDUTCP_QUICKACK, &zero, sizeof(zero));
	usleep(100000);
	before = st_counter("DelayedACKs");
	in0 = st_counter("InSegs");
	write(c, "x", 1);
	usleep(20000);
	st_result(st_counter("InSegs") - in0 == 1,
		  "one byte of text: no ACK for it at once", "InSegs +%ld",
		  st_counter("InSegs") - in0);
	usleep(300000);
	st_result(st_counter("DelayedACKs") - before == 1 &&
		  st_counter("InSegs") - in0 == 2,
		  "its ACK comes from the delayed ACK timer, within 0.5 s",
		  "DelayedACKs +%ld InSegs +%ld",
		  st_counter("DelayedACKs") - before, st_counter("InSegs") - in0);
	read(s, &b, 1);
	close(c);
	close(s);
}

/* RFC 1122 §4.2.2.13: text for a half the user closed: RST (Linux) */
static void test_abort_on_data(void)
{
	long before, rsts;
	struct pollfd p;
	int c, s;
	ssize_t r;

	pair(7103, &c, &s, 0);
	before = st_counter("AbortOnData");
	rsts = st_counter("OutRsts");
	close(c);		/* FIN_WAIT_1, then FIN_WAIT_2, orphaned */
	usleep(100000);
	signal(SIGPIPE, SIG_IGN);
	write(s, "late", 4);	/* in CLOSE_WAIT */
	usleep(200000);
	st_result(st_counter("AbortOnData") - before == 1 &&
		  st_counter("OutRsts") - rsts == 1,
		  "text to a closed socket: RST, AbortOnData +1",
		  "AbortOnData +%ld OutRsts +%ld",
		  st_counter("AbortOnData") - before,
		  st_counter("OutRsts") - rsts);
	p = (struct pollfd){ .fd = s, .events = POLLIN | POLLOUT };
	st_result(poll(&p, 1, 1000) == 1 && (p.revents & POLLERR) &&
		  (p.revents & POLLHUP), "poll: POLLERR and POLLHUP after a reset",
		  "%x", p.revents);
	r = write(s, "more", 4);
	st_result(r == -1 && (errno == ECONNRESET || errno == EPIPE),
		  "the writer learns of the reset", "%zd %s", r,
		  strerror(errno));
	close(s);
}

static void test_sockopts(void)
{
	int fd = socket(fam, SOCK_STREAM, 0), v, one = 1;
	socklen_t len = sizeof(v);
	struct edutcp_info info;

	v = 0;
	st_result(!setsockopt(fd, SOL_EDUTCP, EDUTCP_NODELAY, &one, sizeof(one)) &&
		  !getsockopt(fd, SOL_EDUTCP, EDUTCP_NODELAY, &v, &len) && v == 1,
		  "EDUTCP_NODELAY set and read back", "%d", v);
	v = 0;
	st_expect_errno("EDUTCP_KEEPIDLE 0: EINVAL",
			setsockopt(fd, SOL_EDUTCP, EDUTCP_KEEPIDLE, &v, sizeof(v)),
			EINVAL);
	v = 32768;
	st_expect_errno("EDUTCP_KEEPIDLE 32768: EINVAL",
			setsockopt(fd, SOL_EDUTCP, EDUTCP_KEEPIDLE, &v, sizeof(v)),
			EINVAL);
	v = 128;
	st_expect_errno("EDUTCP_KEEPCNT 128: EINVAL",
			setsockopt(fd, SOL_EDUTCP, EDUTCP_KEEPCNT, &v, sizeof(v)),
			EINVAL);
	st_expect_errno("an optlen shorter than int: EINVAL",
			setsockopt(fd, SOL_EDUTCP, EDUTCP_NODELAY, &one, 2),
			EINVAL);
	st_expect_errno("an unknown option: ENOPROTOOPT",
			setsockopt(fd, SOL_EDUTCP, 99, &one, sizeof(one)),
			ENOPROTOOPT);
	st_expect_errno("EDUTCP_INFO cannot be set: ENOPROTOOPT",
			setsockopt(fd, SOL_EDUTCP, EDUTCP_INFO, &one, sizeof(one)),
			ENOPROTOOPT);
	st_expect_errno("a level not edutcp's: ENOPROTOOPT",
			setsockopt(fd, IPPROTO_UDP, 1, &one, sizeof(one)),
			ENOPROTOOPT);
	st_expect_errno("a bad pointer: EFAULT",
			setsockopt(fd, SOL_EDUTCP, EDUTCP_NODELAY, (void *)8,
				   sizeof(int)), EFAULT);
	len = sizeof(v);
	st_result(!getsockopt(fd, SOL_EDUTCP, EDUTCP_KEEPIDLE, &v, &len) &&
		  v == 7200, "EDUTCP_KEEPIDLE defaults to keepalive_time (7200)",
		  "%d", v);
	len = 1;
	memset(&info, 0xff, sizeof(info));
	st_result(!getsockopt(fd, SOL_EDUTCP, EDUTCP_INFO, &info, &len) &&
		  len == 1 && info.state == EDUTCP_STATE_CLOSED &&
		  info.pad[0] == 0xff,
		  "EDUTCP_INFO copies no more than the length given",
		  "len %u state %u", len, info.state);
	close(fd);
}

/* the reader of a pair drains it, after a moment, in a child */
static void drain_later(int s)
{
	static char buf[65536];
	int tries = 0;

	if (fork() == 0) {
		usleep(300000);
		while (tries++ < 100 && recv(s, buf, sizeof(buf), MSG_DONTWAIT) != 0)
			usleep(10000);
		_exit(0);
	}
}

/*
 * An ACK wakes a writer only if one found the buffer full (SOCK_NOSPACE,
 * as TCP's tcp_check_space): each way of finding it so must say so. A
 * write that fails with EAGAIN, for an edge-triggered epoll that is not
 * asked again; and poll() saying "not writable" where no write failed.
 */
static void test_write_wakeups(void)
{
	struct epoll_event ev = { .events = EPOLLOUT | EPOLLET };
	static char big[65536];
	int c, s, sndbuf = 8192, ep, n, sent = 0;
	struct pollfd p;
	double t;

	pair(7108, &c, &s, 4096);
	setsockopt(c, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	ep = epoll_create1(0);
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev) ||
	    epoll_wait(ep, &ev, 1, 1000) != 1)
		st_bail("epoll: %s", strerror(errno));
	while (send(c, big, sizeof(big), MSG_DONTWAIT) > 0)
		;
	drain_later(s);
	n = epoll_wait(ep, &ev, 1, 5000);
	st_result(n == 1 && (ev.events & EPOLLOUT),
		  "epoll (edge-triggered): EPOLLOUT after a write's EAGAIN, once ACKs free the buffer",
		  "%d, events %x", n, n == 1 ? ev.events : 0);
	wait(NULL);
	close(ep);
	close(c);
	close(s);

	pair(7109, &c, &s, 4096);
	setsockopt(c, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	/* short writes, each taken whole, until poll says "not writable" */
	p = (struct pollfd){ .fd = c, .events = POLLOUT };
	while (poll(&p, 1, 0) == 1) {
		if (send(c, big, 1000, MSG_DONTWAIT) != 1000)
			st_bail("a write of 1000 bytes failed after %d: %s",
				sent, strerror(errno));
		sent += 1000;
	}
	drain_later(s);
	n = woken(&p, &t);
	st_result(n == 1 && (p.revents & POLLOUT),
		  "poll: POLLOUT once ACKs free the buffer, where no write failed",
		  "%d, revents %x after %d bytes, %.2f s", n, p.revents, sent, t);
	wait(NULL);
	close(c);
	close(s);
}

static int ioctl_int(int fd, unsigned long cmd)
{
	int v = -1;

	return ioctl(fd, cmd, &v) ? -1 : v;
}

/*
 * SIOCINQ (FIONREAD), SIOCOUTQ and SIOCOUTQNSD, as TCP answers them: text
 * not yet read; text not yet acknowledged; text not yet sent.
 */
static void test_ioctls(void)
{
	struct sockaddr_edutcp a = lo(7110);
	static char big[20000];
	int l, c, s, sndbuf = 65536, n, in, out, nsd;
	struct edutcp_info info;
	socklen_t info_len;
	double end;
	char buf[64];

	l = socket(fam, SOCK_STREAM, 0);
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1))
		st_bail("listen: %s", strerror(errno));
	st_expect_errno("SIOCINQ on a listener: EINVAL, as TCP", ioctl(l, SIOCINQ, &n),
			EINVAL);
	close(l);
	pair(7111, &c, &s, 4096);
	setsockopt(c, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	if (write(c, big, 100) != 100 || !readable(s, 2000000))
		st_bail("100 bytes: %s", strerror(errno));
	n = ioctl_int(s, SIOCINQ);
	st_result(n == 100, "SIOCINQ: the 100 bytes that wait", "%d", n);
	if (recv(s, buf, 40, MSG_PEEK) != 40 || ioctl_int(s, FIONREAD) != 100)
		st_result(0, "MSG_PEEK leaves SIOCINQ (FIONREAD) as it was", "%d",
			  ioctl_int(s, FIONREAD));
	else
		st_result(1, "MSG_PEEK leaves SIOCINQ (FIONREAD) as it was", "%s", "");
	n = recv(s, buf, 40, 0) == 40 ? ioctl_int(s, SIOCINQ) : -2;
	st_result(n == 60, "SIOCINQ after a read of 40: 60", "%d", n);
	recv(s, buf, 60, 0);
	/* the reader's 4 KiB fill, the rest waits in the sender's queue:
	 * what is not read is either there or not yet acknowledged
	 */
	n = send(c, big, sizeof(big), MSG_DONTWAIT);
	end = st_now() + 5;
	do {
		in = ioctl_int(s, SIOCINQ);
		out = ioctl_int(c, SIOCOUTQ);
		nsd = ioctl_int(c, SIOCOUTQNSD);
		info_len = sizeof(info);
		getsockopt(c, SOL_EDUTCP, EDUTCP_INFO, &info, &info_len);
	} while ((in + out != n || info.unacked) && st_now() < end &&
		 !usleep(10000));
	st_result(n > 0 && in > 0 && out > 0 && in + out == n,
		  "a window full: SIOCINQ at the reader + SIOCOUTQ at the writer = what was written",
		  "wrote %d, SIOCINQ %d, SIOCOUTQ %d", n, in, out);
	st_result(nsd > 0 && nsd == out,
		  "SIOCOUTQNSD: nothing in flight at a zero window, so all of SIOCOUTQ",
		  "SIOCOUTQNSD %d, SIOCOUTQ %d", nsd, out);
	while (recv(s, big, sizeof(big), MSG_DONTWAIT) > 0 || ioctl_int(c, SIOCOUTQ) > 0) {
		if (st_now() > end + 5)
			break;
		usleep(10000);
	}
	st_result(ioctl_int(c, SIOCOUTQ) == 0 && ioctl_int(c, SIOCOUTQNSD) == 0,
		  "all read and acknowledged: SIOCOUTQ and SIOCOUTQNSD 0", "%d %d",
		  ioctl_int(c, SIOCOUTQ), ioctl_int(c, SIOCOUTQNSD));
	close(c);
	close(s);
}

static int sockint(int fd, int level, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);

	return getsockopt(fd, level, name, &v, &len) ? -1 : v;
}

/*
 * An accepted socket takes the options its listener's user set, as a
 * TCP child does (the kernel copies the listener); and so a port whose
 * listener is gone, with a connection it accepted still open, takes a
 * new bind() with SO_REUSEADDR, as TCP's does.
 */
static void test_inherit(void)
{
	struct sockaddr_edutcp a = lo(7112);
	struct linger lg = { .l_onoff = 1, .l_linger = 5 }, lg2 = { 0 };
	struct timeval tv = { .tv_sec = 7 }, tv2 = { 0 };
	int one = 1, tos = 0x28, ttl = 9, prio = 3, l, c, s, n;
	socklen_t len;

	l = socket(fam, SOCK_STREAM, 0);
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(l, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	/* IP_TOS sets the priority too (as for TCP): SO_PRIORITY after it */
	setsockopt(l, IPPROTO_IP, IP_TOS, &tos, sizeof(tos));
	setsockopt(l, SOL_SOCKET, SO_PRIORITY, &prio, sizeof(prio));
	setsockopt(l, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl));
	c = socket(fam, SOCK_STREAM, 0);
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    connect(c, (struct sockaddr *)&a, sizeof(a)))
		st_bail("connect: %s", strerror(errno));
	s = accept(l, NULL, NULL);
	if (s < 0)
		st_bail("accept: %s", strerror(errno));
	st_result(sockint(s, SOL_SOCKET, SO_REUSEADDR) == 1,
		  "accepted socket: SO_REUSEADDR from its listener", "%d",
		  sockint(s, SOL_SOCKET, SO_REUSEADDR));
	len = sizeof(lg2);
	getsockopt(s, SOL_SOCKET, SO_LINGER, &lg2, &len);
	st_result(lg2.l_onoff == 1 && lg2.l_linger == 5,
		  "accepted socket: SO_LINGER {1, 5} from its listener", "{%d, %d}",
		  lg2.l_onoff, lg2.l_linger);
	len = sizeof(tv2);
	getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv2, &len);
	st_result(tv2.tv_sec == 7, "accepted socket: SO_RCVTIMEO 7 s from its listener",
		  "%ld s", (long)tv2.tv_sec);
	st_result(sockint(s, SOL_SOCKET, SO_PRIORITY) == 3,
		  "accepted socket: SO_PRIORITY from its listener", "%d",
		  sockint(s, SOL_SOCKET, SO_PRIORITY));
	st_result(sockint(s, IPPROTO_IP, IP_TOS) == 0x28 &&
		  sockint(s, IPPROTO_IP, IP_TTL) == 9,
		  "accepted socket: IP_TOS and IP_TTL from its listener",
		  "TOS %#x TTL %d", sockint(s, IPPROTO_IP, IP_TOS),
		  sockint(s, IPPROTO_IP, IP_TTL));
	close(l);
	l = socket(fam, SOCK_STREAM, 0);
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	n = bind(l, (struct sockaddr *)&a, sizeof(a));
	st_result(!n && !listen(l, 1),
		  "the listener gone, its accepted connection open: SO_REUSEADDR binds the port again",
		  "%s", strerror(errno));
	close(l);
	lg2 = (struct linger){ 0 };
	setsockopt(s, SOL_SOCKET, SO_LINGER, &lg2, sizeof(lg2));
	close(c);
	close(s);
}

static int snd_mss(int fd)
{
	struct edutcp_info i;
	socklen_t len = sizeof(i);

	return getsockopt(fd, SOL_EDUTCP, EDUTCP_INFO, &i, &len) ? -1 : (int)i.snd_mss;
}

/* the room the timestamps take in each segment, if the SYNs agreed them */
static int ts_room(int fd)
{
	struct edutcp_info i;
	socklen_t len = sizeof(i);

	if (getsockopt(fd, SOL_EDUTCP, EDUTCP_INFO, &i, &len))
		return -1;
	return i.options & EDUTCP_INFO_OPT_TIMESTAMPS ? 12 : 0;
}

/*
 * EDUTCP_MAXSEG (TCP_MAXSEG) and EDUTCP_CONGESTION (TCP_CONGESTION), as
 * TCP answers them: the MSS is 536 until connected, then the one in use;
 * a bound set before connect (or listen) is what the SYN (or SYN+ACK)
 * announces (RFC 9293 §3.7.1), so the peer sends no larger segments:
 * less the room every segment's timestamps take (RFC 6691: the MSS
 * counts text and options), 12 bytes with net.edutcp.timestamps on.
 */
/* a connection on @port, the client's and the listener's MAXSEG set */
static void mss_pair(int port, int cmss, int lmss, int *c, int *s)
{
	struct sockaddr_edutcp a = lo(port);
	int l = socket(fam, SOCK_STREAM, 0);

	*c = socket(fam, SOCK_STREAM, 0);
	if ((cmss && setsockopt(*c, SOL_EDUTCP, EDUTCP_MAXSEG, &cmss, sizeof(cmss))) ||
	    (lmss && setsockopt(l, SOL_EDUTCP, EDUTCP_MAXSEG, &lmss, sizeof(lmss))) ||
	    bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    connect(*c, (struct sockaddr *)&a, sizeof(a)))
		st_bail("EDUTCP_MAXSEG %d/%d, connect: %s", cmss, lmss, strerror(errno));
	*s = accept(l, NULL, NULL);
	if (*s < 0)
		st_bail("accept: %s", strerror(errno));
	close(l);
}

static void test_maxseg_congestion(void)
{
	int c, s, v = 87, big = 32768;
	char name[32] = { 0 };
	socklen_t len = sizeof(name);

	c = socket(fam, SOCK_STREAM, 0);
	st_result(sockint(c, SOL_EDUTCP, EDUTCP_MAXSEG) == 536,
		  "EDUTCP_MAXSEG before connect: 536 (RFC 9293 SHLD-5's default)",
		  "%d", sockint(c, SOL_EDUTCP, EDUTCP_MAXSEG));
	st_expect_errno("EDUTCP_MAXSEG 87: EINVAL, as TCP_MAXSEG",
			setsockopt(c, SOL_EDUTCP, EDUTCP_MAXSEG, &v, sizeof(v)), EINVAL);
	st_expect_errno("EDUTCP_MAXSEG 32768: EINVAL, as TCP_MAXSEG",
			setsockopt(c, SOL_EDUTCP, EDUTCP_MAXSEG, &big, sizeof(big)), EINVAL);
	close(c);
	/* each side sends no more than the other announced */
	mss_pair(7113, 1000, 0, &c, &s);
	st_result(ts_room(s) == 12 && snd_mss(s) == 1000 - 12 &&
		  sockint(c, SOL_EDUTCP, EDUTCP_MAXSEG) == 1000 - 12,
		  "the client's EDUTCP_MAXSEG 1000, in its SYN: the server sends 1000 less the timestamps' 12, the client too",
		  "timestamps %d, server snd_mss %d, client EDUTCP_MAXSEG %d",
		  ts_room(s), snd_mss(s), sockint(c, SOL_EDUTCP, EDUTCP_MAXSEG));
	close(c);
	close(s);
	mss_pair(7114, 0, 700, &c, &s);
	st_result(ts_room(c) == 12 && snd_mss(c) == 700 - 12 &&
		  sockint(s, SOL_EDUTCP, EDUTCP_MAXSEG) == 700 - 12,
		  "the listener's EDUTCP_MAXSEG 700, in its SYN+ACK: the client sends 700 less 12; the accepted socket's is the same",
		  "timestamps %d, client snd_mss %d, accepted EDUTCP_MAXSEG %d",
		  ts_room(c), snd_mss(c), sockint(s, SOL_EDUTCP, EDUTCP_MAXSEG));
	st_result(!getsockopt(c, SOL_EDUTCP, EDUTCP_CONGESTION, name, &len) &&
		  !strcmp(name, "cubic"),
		  "EDUTCP_CONGESTION reads \"cubic\" (net.edutcp.congestion_control's default, as Linux's)",
		  "\"%.16s\" (%s)", name, strerror(errno));
	st_result(!setsockopt(c, SOL_EDUTCP, EDUTCP_CONGESTION, "reno", 4) &&
		  !getsockopt(c, IPPROTO_TCP, TCP_CONGESTION, name, &len) &&
		  !strcmp(name, "reno"),
		  "EDUTCP_CONGESTION \"reno\" is taken, and TCP_CONGESTION reads it back",
		  "\"%.16s\" (%s)", name, strerror(errno));
	st_expect_errno("EDUTCP_CONGESTION \"bbr\": ENOENT, as TCP for one it lacks",
			setsockopt(c, SOL_EDUTCP, EDUTCP_CONGESTION, "bbr", 3), ENOENT);
	close(c);
	close(s);
}

/*
 * TCP_INFO at level IPPROTO_TCP is a struct tcp_info, as a program
 * written for TCP reads it (TCP's state numbers, windows in segments);
 * the same number at SOL_EDUTCP stays struct edutcp_info.
 */
static void test_tcp_info(void)
{
	struct sockaddr_edutcp a = lo(7115);
	struct tcp_info ti = { 0 };
	struct edutcp_info ei = { 0 };
	socklen_t len = sizeof(ti), elen = sizeof(ei);
	int l, c, s, n;

	l = socket(fam, SOCK_STREAM, 0);
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1))
		st_bail("listen: %s", strerror(errno));
	n = getsockopt(l, IPPROTO_TCP, TCP_INFO, &ti, &len);
	st_result(!n && ti.tcpi_state == 10,
		  "TCP_INFO of a listener: tcpi_state 10, TCP's LISTEN", "%d, state %d",
		  n, ti.tcpi_state);
	c = socket(fam, SOCK_STREAM, 0);
	if (connect(c, (struct sockaddr *)&a, sizeof(a)))
		st_bail("connect: %s", strerror(errno));
	s = accept(l, NULL, NULL);
	if (s < 0 || write(c, "hello", 5) != 5 || read(s, &ti, 5) != 5)
		st_bail("hello: %s", strerror(errno));
	len = sizeof(ti);
	n = getsockopt(c, IPPROTO_TCP, TCP_INFO, &ti, &len) ||
	    getsockopt(c, SOL_EDUTCP, EDUTCP_INFO, &ei, &elen);
	st_result(!n && len == sizeof(ti) && ti.tcpi_state == 1 && ei.state == 4,
		  "TCP_INFO: tcpi_state 1 (TCP's ESTABLISHED); EDUTCP_INFO's state 4 (edutcp's)",
		  "%d, len %u, tcpi_state %d, state %d", n, len, ti.tcpi_state, ei.state);
	st_result(ti.tcpi_snd_mss == ei.snd_mss && ti.tcpi_rtt == ei.srtt_us &&
		  ti.tcpi_rto == ei.rto_us &&
		  ti.tcpi_snd_cwnd == ei.cwnd / ei.snd_mss &&
		  ti.tcpi_total_retrans == ei.total_retrans,
		  "TCP_INFO agrees with EDUTCP_INFO: MSS, RTT, RTO, cwnd in segments, retransmits",
		  "snd_mss %u/%u rtt %u/%u rto %u/%u cwnd %u/%u", ti.tcpi_snd_mss,
		  ei.snd_mss, ti.tcpi_rtt, ei.srtt_us, ti.tcpi_rto, ei.rto_us,
		  ti.tcpi_snd_cwnd, ei.cwnd / ei.snd_mss);
	/* RFC 7323, RFC 2018: what both SYNs agreed, with the defaults */
	st_result(ei.options == (EDUTCP_INFO_OPT_WSCALE | EDUTCP_INFO_OPT_TIMESTAMPS |
				 EDUTCP_INFO_OPT_SACK) &&
		  ti.tcpi_options == (TCPI_OPT_WSCALE | TCPI_OPT_TIMESTAMPS |
				      TCPI_OPT_SACK),
		  "EDUTCP_INFO and TCP_INFO: window scaling, timestamps and SACK agreed",
		  "options 0x%x, tcpi_options 0x%x", ei.options, ti.tcpi_options);
	close(c);
	close(s);
	close(l);
}

int main(void)
{
	fam = st_family();
	st_plan(57);
	test_peek_waitall_dontwait();
	test_poll();
	test_write_wakeups();
	test_ioctls();
	test_inherit();
	test_maxseg_congestion();
	test_tcp_info();
	test_delayed_ack();
	test_abort_on_data();
	test_sockopts();
	return st_exit();
}
