// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp-lesson: one textbook case of TCP's handshake or close, played
 * on loopback with lesson rules and switches (docs/lessons.md): it sets
 * them, makes the socket calls, prints each call and what it returned,
 * the socket table at the key moment and the counters that moved, and
 * says what to notice. tools/lesson/lesson.sh traces it and draws the
 * ladder; `make lesson NAME=...` runs that in a VM.
 *
 *   edutcp-lesson -l          the lessons, one per line: NAME PORTS
 *   edutcp-lesson NAME        run it (root, module loaded)
 *   edutcp-lesson -q NAME     its question; -n NAME its narration
 *
 * Each lesson's words live in its entry of lessons[] below, in English
 * and in Chinese; -q and -n print the Chinese when LANG starts with zh.
 * Every lesson uses its own ports, so its ladder (edutcp-ladder -p PORT)
 * holds its connection alone, and the ISNs of isn_mode=1 (1000 and 5000),
 * so its ladder is the same every run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/edutcp.h>
#include <linux/sockios.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __noreturn __attribute__((noreturn))
#define LESSON_FILE "/proc/net/edutcp/lesson"
#define STAT_FILE "/tmp/edutcp-lesson.stat"

static int fam;
static struct timespec t0;

/* ---- what a lesson prints ---- */

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9;
}

static void __printf(1, 2) step(const char *fmt, ...)
{
	va_list ap;

	printf("%6.1f s  ", now());
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static const char *errname(int e)
{
	static const struct { int e; const char *name; } names[] = {
		{ ETIMEDOUT, "ETIMEDOUT" }, { ECONNREFUSED, "ECONNREFUSED" },
		{ ECONNRESET, "ECONNRESET" }, { EAGAIN, "EAGAIN" },
		{ EPIPE, "EPIPE" }, { EHOSTUNREACH, "EHOSTUNREACH" },
		{ EINPROGRESS, "EINPROGRESS" }, { ENOTCONN, "ENOTCONN" },
		{ EADDRINUSE, "EADDRINUSE" }, { EINVAL, "EINVAL" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].e == e)
			return names[i].name;
	return "E?";
}

/* A call and what it returned: "= 3", or "= -1 ECONNREFUSED (...)". */
static long shown(const char *call, long r)
{
	int e = errno;

	if (r < 0)
		step("%s = -1 %s (%s)", call, errname(e), strerror(e));
	else
		step("%s = %ld", call, r);
	errno = e;
	return r;
}

static void __noreturn fail(const char *what)
{
	fprintf(stderr, "edutcp-lesson: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, val, strlen(val)) < 0)
		fail(path);
	close(fd);
}

static void set_sysctl(const char *name, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/net/edutcp/%s", name);
	write_file(path, val);
	step("sysctl net.edutcp.%s=%s", name, val);
}

static void rule(const char *text)
{
	write_file(LESSON_FILE, text);
	step("echo '%s' > %s", text, LESSON_FILE);
}

static void show_table(const char *when)
{
	step("the socket table, %s (edutcp-stat):", when);
	fflush(stdout);
	if (system("edutcp-stat | sed 's/^/          /'"))
		fail("edutcp-stat");
}

static void pause_for(double s)
{
	step("(%.1f s pass)", s);
	usleep((useconds_t)(s * 1e6));
}

/* ---- sockets ---- */

static struct sockaddr_edutcp lo(int port)
{
	struct sockaddr_edutcp a = { .sin_family = fam };

	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static int sock(int flags)
{
	int fd = socket(fam, SOCK_STREAM | flags, 0), one = 1;

	if (fd < 0)
		fail("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	return fd;
}

static int open_server(int port)
{
	struct sockaddr_edutcp a = lo(port);
	char call[96];
	int fd = sock(SOCK_NONBLOCK);

	snprintf(call, sizeof(call), "server: bind(%d, 127.0.0.1:%d)", fd, port);
	if (shown(call, bind(fd, (struct sockaddr *)&a, sizeof(a))))
		fail("bind");
	snprintf(call, sizeof(call), "server: listen(%d, 8)", fd);
	if (shown(call, listen(fd, 8)))
		fail("listen");
	return fd;
}

/* a client socket bound to its own port, so that the ladder is the same */
static int open_client(int cport)
{
	struct sockaddr_edutcp a = lo(cport);
	char call[96];
	int fd = sock(0);

	snprintf(call, sizeof(call), "client: bind(%d, 127.0.0.1:%d)", fd, cport);
	if (shown(call, bind(fd, (struct sockaddr *)&a, sizeof(a))))
		fail("bind");
	return fd;
}

static int connect_to(int fd, int port)
{
	struct sockaddr_edutcp a = lo(port);
	char call[96];

	snprintf(call, sizeof(call), "client: connect(%d, 127.0.0.1:%d)", fd, port);
	return shown(call, connect(fd, (struct sockaddr *)&a, sizeof(a)));
}

/* accept(), waiting up to @ms for a connection (the listener is non-blocking) */
static int accept_on(int l, int ms)
{
	struct pollfd p = { .fd = l, .events = POLLIN };
	char call[64];
	int fd;

	poll(&p, 1, ms);
	fd = accept(l, NULL, NULL);
	snprintf(call, sizeof(call), "server: accept(%d)", l);
	return shown(call, fd);
}

static void say_write(const char *who, int fd, const char *text)
{
	char call[96];

	snprintf(call, sizeof(call), "%s: write(%d, \"%s\")", who, fd, text);
	shown(call, write(fd, text, strlen(text)));
}

static void say_read(const char *who, int fd)
{
	char buf[64], call[128];
	long n = read(fd, buf, sizeof(buf) - 1);

	if (n > 0) {
		buf[n] = 0;
		snprintf(call, sizeof(call), "%s: read(%d) \"%s\"", who, fd, buf);
	} else {
		snprintf(call, sizeof(call), "%s: read(%d)%s", who, fd,
			 n ? "" : " (end of file: the peer's FIN)");
	}
	shown(call, n);
}

static void say_close(const char *who, int fd)
{
	char call[64];

	snprintf(call, sizeof(call), "%s: close(%d)", who, fd);
	shown(call, close(fd));
}

static void say_shutdown(const char *who, int fd)
{
	char call[80];

	snprintf(call, sizeof(call), "%s: shutdown(%d, SHUT_WR)", who, fd);
	shown(call, shutdown(fd, SHUT_WR));
}

static int state_of(int fd)
{
	struct edutcp_info i;
	socklen_t len = sizeof(i);

	if (getsockopt(fd, SOL_EDUTCP, EDUTCP_INFO, &i, &len))
		return -1;
	return i.state;
}

/* Until @n bytes wait to be read on @fd (SIOCINQ), 2 s at most. */
static void wait_inq(int fd, int n)
{
	double end = now() + 2;
	int q = 0;

	while ((ioctl(fd, SIOCINQ, &q) || q < n) && now() < end)
		usleep(20000);
}

/* The active close by the client: its FIN, the server's EOF, its FIN. */
static void client_closes_first(int c, int s)
{
	say_close("client", c);
	say_read("server", s);
	say_close("server", s);
}

/* Wait until @fd is CLOSED, for at most @s seconds; its SO_ERROR then. */
static void wait_closed(const char *who, int fd, double s)
{
	double end = now() + s;
	socklen_t len = sizeof(int);
	char call[96];
	int err = 0;

	while (state_of(fd) != EDUTCP_STATE_CLOSED && now() < end)
		usleep(20000);
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	snprintf(call, sizeof(call), "%s: getsockopt(%d, SO_ERROR): %s", who,
		 fd, err ? errname(err) : "no error");
	shown(call, err);
}

/* Wait up to 2 s for @fd to reach @state. */
static void wait_state(const char *who, int fd, int state)
{
	double end = now() + 2;

	while (state_of(fd) != state && now() < end)
		usleep(20000);
	if (state_of(fd) != state)
		step("%s: not in the state expected", who);
}

/*
 * A segment that no socket sent, with @flags, from 127.0.0.1:@sport to
 * :@dport at @seq, through a raw socket, as an attacker would send it.
 */
static void forged(int sport, int dport, unsigned int seq, unsigned char flags)
{
	unsigned char th[20] = { 0 };
	struct sockaddr_in dst = { .sin_family = AF_INET };
	unsigned int sum = 0, i;
	int fd = socket(AF_INET, SOCK_RAW, EDUTCP_IPPROTO);

	if (fd < 0)
		fail("raw socket");
	th[0] = sport >> 8;
	th[1] = sport;
	th[2] = dport >> 8;
	th[3] = dport;
	th[4] = seq >> 24;
	th[5] = seq >> 16;
	th[6] = seq >> 8;
	th[7] = seq;
	th[12] = 5 << 4;
	th[13] = flags;
	th[14] = 0xff;		/* a window of 65535 */
	th[15] = 0xff;
	/* pseudo-header: 127.0.0.1 twice, protocol, length */
	sum = 2 * (0x7f00 + 0x0001) + EDUTCP_IPPROTO + sizeof(th);
	for (i = 0; i < sizeof(th); i += 2)
		sum += th[i] << 8 | th[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	sum = ~sum & 0xffff;
	th[16] = sum >> 8;
	th[17] = sum;
	dst.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (sendto(fd, th, sizeof(th), 0, (struct sockaddr *)&dst, sizeof(dst)) < 0)
		fail("sendto");
	close(fd);
}

static void forged_rst(int sport, int dport, unsigned int seq)
{
	forged(sport, dport, seq, 0x04);
	step("attacker: a forged RST, 127.0.0.1:%d -> 127.0.0.1:%d seq=%u", sport,
	     dport, seq);
}

/* the Internet checksum of @len bytes (RFC 1071) */
static unsigned int csum(const unsigned char *p, int len)
{
	unsigned int sum = 0;
	int i;

	for (i = 0; i + 1 < len; i += 2)
		sum += p[i] << 8 | p[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

/*
 * What a router sends back when it cannot reach the host: ICMP
 * destination unreachable, code 1 (host unreachable), quoting the IP
 * header and the first 8 bytes of the segment, here the client's SYN
 * from 127.0.0.1:@sport to :@dport at @seq.
 */
static void icmp_unreachable(int sport, int dport, unsigned int seq)
{
	struct sockaddr_in dst = { .sin_family = AF_INET };
	unsigned char m[36] = { 3, 1 };	/* type 3, code 1 */
	unsigned char *q = m + 8, *qt = m + 28;
	unsigned int sum;
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);

	if (fd < 0)
		fail("raw ICMP socket");
	q[0] = 0x45;			/* the quoted IP header */
	q[3] = 44;			/* a SYN with its MSS option */
	q[8] = 64;
	q[9] = EDUTCP_IPPROTO;
	q[12] = 127;
	q[15] = 1;
	q[16] = 127;
	q[19] = 1;
	sum = csum(q, 20);
	q[10] = sum >> 8;
	q[11] = sum;
	qt[0] = sport >> 8;		/* and the segment's first 8 bytes */
	qt[1] = sport;
	qt[2] = dport >> 8;
	qt[3] = dport;
	qt[4] = seq >> 24;
	qt[5] = seq >> 16;
	qt[6] = seq >> 8;
	qt[7] = seq;
	sum = csum(m, sizeof(m));
	m[2] = sum >> 8;
	m[3] = sum;
	dst.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (sendto(fd, m, sizeof(m), 0, (struct sockaddr *)&dst, sizeof(dst)) < 0)
		fail("sendto");
	close(fd);
	step("a router: ICMP destination unreachable (host unreachable), quoting the SYN seq=%u",
	     seq);
}

/* ---- the lessons ---- */

static void lesson_handshake(void)
{
	int l = open_server(7201), c = open_client(40201), s;

	connect_to(c, 7201);
	s = accept_on(l, 1000);
	show_table("after the handshake");
	say_write("client", c, "hi");
	say_read("server", s);
	client_closes_first(c, s);
	close(l);
}

static void lesson_close(void)
{
	int l = open_server(7202), c = open_client(40202), s;

	connect_to(c, 7202);
	s = accept_on(l, 1000);
	say_close("client", c);
	say_read("server", s);
	show_table("after the client's FIN and its ACK");
	say_close("server", s);
	usleep(100000);
	show_table("after the server's FIN: the client waits 2MSL");
	pause_for(2.5);
	show_table("2MSL (2 s here) later");
	close(l);
}

static void lesson_syn_lost(void)
{
	int c;

	set_sysctl("syn_retries", "3");
	rule("drop out syn port 7203 every");
	c = open_client(40203);
	connect_to(c, 7203);
	close(c);
}

static void lesson_synack_lost(void)
{
	int l = open_server(7204), c, s;

	rule("drop out synack port 7204");
	c = open_client(40204);
	connect_to(c, 7204);
	s = accept_on(l, 3000);
	client_closes_first(c, s);
	close(l);
}

static void lesson_third_ack_lost(void)
{
	int l = open_server(7205), c, s;

	rule("drop out ack port 7205");
	c = open_client(40205);
	connect_to(c, 7205);
	show_table("the client is ESTABLISHED, the server's entry still in SYN_RCVD");
	say_write("client", c, "hello");
	s = accept_on(l, 3000);
	say_read("server", s);
	client_closes_first(c, s);
	close(l);
}

static void lesson_refused(void)
{
	int c = open_client(40206);

	connect_to(c, 7206);
	close(c);
}

static void lesson_half_close(void)
{
	int l = open_server(7207), c = open_client(40207), s;

	connect_to(c, 7207);
	s = accept_on(l, 1000);
	say_shutdown("client", c);
	say_read("server", s);
	show_table("the client has sent its FIN; the server may still send");
	say_write("server", s, "more");
	say_write("server", s, "and the rest");
	wait_inq(c, 16);	/* both have arrived, and been acknowledged */
	say_read("client", c);
	say_close("server", s);
	say_read("client", c);
	say_close("client", c);
	close(l);
}

/* the client closes first; its last ACK (the 3rd pure ACK here) is lost */
static void last_ack_part(int port, int cport)
{
	int l = open_server(port), c = open_client(cport), s;
	char text[64];

	snprintf(text, sizeof(text), "drop out ack port %d nth 3", port);
	rule(text);
	connect_to(c, port);
	s = accept_on(l, 1000);
	say_close("client", c);
	say_read("server", s);
	say_shutdown("server", s);
	show_table("the last ACK is lost: the server waits in LAST_ACK");
	wait_closed("server", s, 5);
	close(s);
	close(l);
}

static void lesson_last_ack_lost(void)
{
	set_sysctl("rto_min_ms", "1000");
	last_ack_part(7208, 40208);
	pause_for(2.5);
	printf("\n--- the same, without TIME_WAIT\n");
	set_sysctl("lesson_no_time_wait", "1");
	last_ack_part(7218, 40218);
}

/* a SYN held 5 s arrives after its connection is over (2MSL: 2 s) */
static void old_syn_part(int port, int cport)
{
	int l = open_server(port), c = open_client(cport), s;
	char text[64];

	snprintf(text, sizeof(text), "hold in syn port %d ms 5000", port);
	rule(text);
	connect_to(c, port);
	s = accept_on(l, 3000);
	client_closes_first(c, s);
	pause_for(4.5);
	step("the old SYN arrives now");
	usleep(500000);
	s = accept_on(l, 0);
	if (s >= 0) {
		show_table("the server holds a connection nobody asked for");
		say_read("server", s);
		close(s);
	}
	close(l);
}

static void lesson_old_duplicate_syn(void)
{
	old_syn_part(7209, 40209);
	printf("\n--- the same, with a two-way handshake\n");
	set_sysctl("lesson_two_way_handshake", "1");
	old_syn_part(7219, 40219);
}

static void lesson_two_way_lost_reply(void)
{
	int l, c, s;

	set_sysctl("lesson_two_way_handshake", "1");
	set_sysctl("syn_retries", "2");
	rule("drop out synack port 7210 every");
	l = open_server(7210);
	c = open_client(40210);
	if (fork() == 0) {
		usleep(300000);
		s = accept_on(l, 1000);
		show_table("the server is ESTABLISHED, the client still in SYN_SENT");
		usleep(7000000);
		say_close("server", s);
		_exit(0);
	}
	connect_to(c, 7210);
	close(c);
	usleep(1000000);
	close(l);
}

static void rst_part(int port, int cport)
{
	int l = open_server(port), c = open_client(cport), s;

	connect_to(c, port);
	s = accept_on(l, 1000);
	/* the server's RCV.NXT is x+1 = 1001: 1101 is in its window */
	forged_rst(cport, port, 1101);
	usleep(200000);
	say_write("client", c, "still there?");
	usleep(200000);
	say_read("server", s);
	say_close("client", c);
	say_close("server", s);
	close(l);
}

static void lesson_rst_attack(void)
{
	rst_part(7211, 40211);
	printf("\n--- the same, without RFC 5961\n");
	set_sysctl("lesson_no_rfc5961", "1");
	rst_part(7221, 40221);
}

/* the SYN never reaches the host; a router says so with ICMP */
static void lesson_unreachable(void)
{
	struct pollfd p = { .events = POLLOUT };
	int c;

	set_sysctl("syn_retries", "1");
	rule("drop out syn port 7215 every");
	c = open_client(40215);
	p.fd = c;
	fcntl(c, F_SETFL, O_NONBLOCK);
	connect_to(c, 7215);
	usleep(200000);
	icmp_unreachable(40215, 7215, 1000);
	poll(&p, 1, 5000);
	wait_closed("client", c, 0);
	close(c);
}

/*
 * Three SYNs from ports whose SYN+ACKs never come back fill a listener's
 * SYN queue (backlog 2 lets 3 wait); a real client then tries, first
 * with SYN cookies off, then on.
 */
static void syn_flood_part(int cport)
{
	int c = open_client(cport);

	connect_to(c, 7216);
	close(c);
}

static void lesson_syn_flood(void)
{
	int l, port;
	char text[64];

	set_sysctl("syncookies", "0");
	set_sysctl("syn_retries", "2");
	set_sysctl("synack_retries", "4");
	for (port = 50001; port <= 50003; port++) {
		snprintf(text, sizeof(text), "drop out synack port %d every", port);
		rule(text);
	}
	l = open_server(7216);
	shown("server: listen(3, 2) again: room for 3 half-open connections", listen(l, 2));
	for (port = 50001; port <= 50003; port++)
		forged(port, 7216, 777, 0x02);
	step("attacker: 3 forged SYNs from ports 50001-50003 (their SYN+ACKs are lost)");
	usleep(200000);
	show_table("the SYN queue is full of half-open connections");
	syn_flood_part(40216);
	printf("\n--- the same, with SYN cookies (net.edutcp.syncookies=1, the default)\n");
	set_sysctl("syncookies", "1");
	syn_flood_part(40226);
	show_table("the cookie's connection is made; the flood's entries still wait");
	close(l);
}

/* two sockets that connect to each other at once: their SYNs held 300 ms */
static void lesson_simultaneous_open(void)
{
	int a = open_client(7212), b = open_client(40212);

	rule("hold out syn port 7212 times 2 ms 300");
	fcntl(a, F_SETFL, O_NONBLOCK);
	fcntl(b, F_SETFL, O_NONBLOCK);
	connect_to(a, 40212);
	connect_to(b, 7212);
	usleep(100000);
	show_table("both SYNs are on their way: both sides in SYN_SENT");
	/* close as soon as both are up, so the ladder's times are the protocol's */
	wait_state("client", a, EDUTCP_STATE_ESTABLISHED);
	wait_state("client", b, EDUTCP_STATE_ESTABLISHED);
	show_table("each side got the other's SYN: both ESTABLISHED");
	say_close("client", a);
	say_close("client", b);
}

/* both ends close at once: their FINs held 100 ms (less than the RTO), so they cross */
static void lesson_simultaneous_close(void)
{
	int l = open_server(7213), c = open_client(40213), s;

	connect_to(c, 7213);
	s = accept_on(l, 1000);
	rule("hold out fin port 7213 times 2 ms 100");
	say_close("client", c);
	say_close("server", s);
	usleep(100000);
	show_table("both FINs are on their way: both in FIN_WAIT_1");
	usleep(500000);
	show_table("each got the other's FIN first: CLOSING, then TIME_WAIT on both");
	close(l);
}

/* the peer vanishes: nothing gets through any more; keepalive finds out */
static void lesson_keepalive(void)
{
	int l = open_server(7214), c = open_client(40214), s, one = 1;
	int idle = 2, intvl = 1, cnt = 3;
	struct linger abort = { 1, 0 };
	char buf[16], call[64];

	connect_to(c, 7214);
	s = accept_on(l, 1000);
	setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
	setsockopt(c, SOL_EDUTCP, EDUTCP_KEEPIDLE, &idle, sizeof(idle));
	setsockopt(c, SOL_EDUTCP, EDUTCP_KEEPINTVL, &intvl, sizeof(intvl));
	setsockopt(c, SOL_EDUTCP, EDUTCP_KEEPCNT, &cnt, sizeof(cnt));
	step("client: SO_KEEPALIVE on, EDUTCP_KEEPIDLE=2 s, KEEPINTVL=1 s, KEEPCNT=3");
	rule("drop in any port 7214 every");
	step("(from now on no segment of the connection arrives: the peer is gone)");
	snprintf(call, sizeof(call), "client: read(%d) (it waited: nothing came)", c);
	shown(call, read(c, buf, sizeof(buf)));
	/* the server's socket goes at once (an RST nobody gets), no orphan left */
	setsockopt(s, SOL_SOCKET, SO_LINGER, &abort, sizeof(abort));
	close(s);
	close(c);
	close(l);
}

struct lesson {
	const char *name;
	const char *ports;	/* the server ports, one ladder each */
	void (*run)(void);
	const char *question[2];	/* English, Chinese */
	const char *narration[2];
};

static const struct lesson lessons[] = {
	{
		.name = "handshake", .ports = "7201", .run = lesson_handshake,
		.question = {
			"How do two ends agree on where their byte streams start?",
			"两端如何约定各自字节流的起点？",
		},
		.narration = {
			"The client's SYN carries its ISN x (1000 here); the server's SYN+ACK carries y (5000) and acknowledges x+1; the client's ACK acknowledges y+1. SYN takes one sequence number: the first byte of text is x+1, and the FINs of the close take one more each (RFC 9293 §3.4, §3.5).",
			"客户端的 SYN 携带其初始序号 x（这里是 1000）；服务器的 SYN+ACK 携带 y（5000），确认号为 x+1；客户端的 ACK 确认 y+1。SYN 占用一个序号：第一个数据字节是 x+1，关闭时的 FIN 也各占一个序号（RFC 9293 §3.4、§3.5）。",
		},
	},
	{
		.name = "close", .ports = "7202", .run = lesson_close,
		.question = {
			"Why does closing take four segments, and who waits afterwards?",
			"为什么关闭连接需要四个报文段？之后谁在等待？",
		},
		.narration = {
			"Each direction closes on its own: the client's FIN and the server's ACK end the client's direction (the server goes to CLOSE_WAIT, the client to FIN_WAIT_2); the server's FIN and the client's ACK end the other. The active closer, the client, then waits 2MSL in TIME_WAIT (RFC 9293 §3.6).",
			"每个方向各自关闭：客户端的 FIN 和服务器的 ACK 结束客户端方向（服务器进入 CLOSE_WAIT，客户端进入 FIN_WAIT_2）；服务器的 FIN 和客户端的 ACK 结束另一方向。主动关闭的一方（客户端）随后在 TIME_WAIT 中等待 2MSL（RFC 9293 §3.6）。",
		},
	},
	{
		.name = "syn-lost", .ports = "7203", .run = lesson_syn_lost,
		.question = {
			"What does the client do when its SYN is lost?",
			"客户端的 SYN 丢失后会怎样？",
		},
		.narration = {
			"The client sends its SYN again after the RTO, 1 s, and doubles the wait each time (RFC 6298 §5.5): 1, 2, 4, 8 s. With syn_retries=3 it gives up 15 s after the first SYN and connect() fails with ETIMEDOUT. Linux's default is 6 retries, about 127 s; classic BSD stacks gave up after 75 s.",
			"客户端在 RTO（1 秒）后重发 SYN，每次等待时间加倍（RFC 6298 §5.5）：1、2、4、8 秒。syn_retries=3 时，在第一个 SYN 之后 15 秒放弃，connect() 返回 ETIMEDOUT。Linux 默认重试 6 次，约 127 秒；经典 BSD 协议栈 75 秒后放弃。",
		},
	},
	{
		.name = "synack-lost", .ports = "7204", .run = lesson_synack_lost,
		.question = {
			"Who sends what again when the SYN+ACK is lost?",
			"SYN+ACK 丢失时，谁重发什么？",
		},
		.narration = {
			"Both ends time out after 1 s: the client, still in SYN_SENT, sends its SYN again; the server, in SYN_RCVD, sends its SYN+ACK again (and answers the repeated SYN with one more). The first SYN+ACK that arrives completes the handshake; the extra one is old and draws only an ACK.",
			"两端都在 1 秒后超时：仍处于 SYN_SENT 的客户端重发 SYN；处于 SYN_RCVD 的服务器重发 SYN+ACK（并对重复的 SYN 再回一个）。第一个到达的 SYN+ACK 完成握手；多余的那个是旧报文，只引出一个 ACK。",
		},
	},
	{
		.name = "third-ack-lost", .ports = "7205", .run = lesson_third_ack_lost,
		.question = {
			"What if the handshake's last ACK is lost?",
			"如果握手的最后一个 ACK 丢失了呢？",
		},
		.narration = {
			"The client is ESTABLISHED as soon as it has sent its ACK; the server is not, its entry waits in SYN_RCVD. The client's first data segment carries the same acknowledgment (ack=y+1), so it completes the server's handshake too: accept() returns and the text is read. Without data, the server's SYN+ACK timer would send the SYN+ACK again.",
			"客户端发出 ACK 后即进入 ESTABLISHED；服务器还没有，其条目在 SYN_RCVD 中等待。客户端的第一个数据报文段携带同样的确认号（ack=y+1），因此也完成了服务器端的握手：accept() 返回并读到数据。如果没有数据，服务器的 SYN+ACK 定时器会重发 SYN+ACK。",
		},
	},
	{
		.name = "refused", .ports = "7206", .run = lesson_refused,
		.question = {
			"What happens when nobody listens on the port?",
			"如果端口上没有人监听，会发生什么？",
		},
		.narration = {
			"A segment for a port with no socket is answered with RST (RFC 9293 §3.10.7.1): for a SYN, seq=0 and ack=x+1. The client's connect() fails at once with ECONNREFUSED.",
			"发往无套接字端口的报文段会得到 RST 应答（RFC 9293 §3.10.7.1）：对 SYN 而言，seq=0，ack=x+1。客户端的 connect() 立即以 ECONNREFUSED 失败。",
		},
	},
	{
		.name = "half-close", .ports = "7207", .run = lesson_half_close,
		.question = {
			"Can a side that has received a FIN still send?",
			"收到 FIN 的一方还能发送数据吗？",
		},
		.narration = {
			"Yes: shutdown(SHUT_WR) sends the client's FIN, and the server's read() returns 0, but the server is in CLOSE_WAIT and its direction is still open: its text reaches the client, whose own FIN has been acknowledged (FIN_WAIT_2). Only the server's close() sends the second FIN (RFC 9293 §3.6).",
			"可以：shutdown(SHUT_WR) 发出客户端的 FIN，服务器的 read() 返回 0，但服务器处于 CLOSE_WAIT，它的方向仍然开放：其数据照样到达客户端（客户端的 FIN 已被确认，处于 FIN_WAIT_2）。只有服务器的 close() 才发出第二个 FIN（RFC 9293 §3.6）。",
		},
	},
	{
		.name = "last-ack-lost", .ports = "7208 7218", .run = lesson_last_ack_lost,
		.question = {
			"Why does the active closer wait in TIME_WAIT?",
			"主动关闭的一方为什么要在 TIME_WAIT 中等待？",
		},
		.narration = {
			"The client's last ACK is lost: the server, in LAST_ACK, sends its FIN again after its RTO, and the client, still in TIME_WAIT, acknowledges it again; the server closes cleanly. With lesson_no_time_wait=1 the client forgot the connection at once: the repeated FIN finds no socket and draws an RST, and the server's connection ends in an error (ECONNRESET). TIME_WAIT is there for this last ACK, and so that old segments die before the 4-tuple is used again (RFC 9293 §3.6.1).",
			"客户端的最后一个 ACK 丢失：处于 LAST_ACK 的服务器在 RTO 后重发 FIN，仍在 TIME_WAIT 中的客户端再次确认；服务器正常关闭。设置 lesson_no_time_wait=1 后，客户端立即忘记了这个连接：重发的 FIN 找不到套接字，引来 RST，服务器的连接以错误（ECONNRESET）结束。TIME_WAIT 正是为这最后一个 ACK 而存在，也为了让旧报文段在四元组再次使用前消失（RFC 9293 §3.6.1）。",
		},
	},
	{
		.name = "old-duplicate-syn", .ports = "7209 7219", .run = lesson_old_duplicate_syn,
		.question = {
			"Why does the handshake need three segments, not two?",
			"为什么握手需要三个报文段，而不是两个？",
		},
		.narration = {
			"The first SYN is held in the network for 5 s; the client sends it again, connects, talks and closes. Then the old SYN arrives. With three segments the server only answers with a SYN+ACK: the client knows no such connection and resets it (RST), and no connection is made (RFC 9293 §3.5, Figure 8). With lesson_two_way_handshake=1 the server counts itself connected on its SYN+ACK: accept() returns a connection nobody asked for (the client's RST resets it a moment later; had that RST been lost, the server would hold it until it timed out).",
			"第一个 SYN 在网络中滞留 5 秒；客户端重发它、建立连接、通信并关闭。随后旧 SYN 到达。采用三次握手时，服务器只回一个 SYN+ACK：客户端不认识这个连接，用 RST 将其重置，不会建立连接（RFC 9293 §3.5，图 8）。设置 lesson_two_way_handshake=1 后，服务器发出 SYN+ACK 即认为已连接：accept() 返回一个没有人请求过的连接（客户端的 RST 随即将其重置；若那个 RST 丢失，服务器会一直持有它直到超时）。",
		},
	},
	{
		.name = "two-way-lost-reply", .ports = "7210", .run = lesson_two_way_lost_reply,
		.question = {
			"With a two-way handshake, what if the reply is lost?",
			"如果采用两次握手，应答丢失会怎样？",
		},
		.narration = {
			"With lesson_two_way_handshake=1 the server is ESTABLISHED once its SYN+ACK has gone, and every SYN+ACK is lost: accept() returns while the client is still in SYN_SENT. The client's SYNs again are old to the server and draw only ACKs, and connect() fails with ETIMEDOUT: the two sides disagree about whether there is a connection. The third segment tells the server that its reply arrived.",
			"设置 lesson_two_way_handshake=1 后，服务器发出 SYN+ACK 即进入 ESTABLISHED，而每个 SYN+ACK 都丢失：accept() 返回时客户端仍处于 SYN_SENT。客户端重发的 SYN 对服务器来说是旧报文，只引来 ACK，connect() 最终以 ETIMEDOUT 失败：双方对连接是否存在意见不一。第三个报文段正是告诉服务器它的应答已经到达。",
		},
	},
	{
		.name = "rst-attack", .ports = "7211 7221", .run = lesson_rst_attack,
		.question = {
			"Can an off-path attacker reset a connection with a guessed RST?",
			"路径之外的攻击者能用猜测的 RST 重置连接吗？",
		},
		.narration = {
			"The forged RST's sequence number is in the server's window but not exactly RCV.NXT: the server answers with a challenge ACK (RFC 5961 §3.2), which goes to the real client, and the connection lives on. With lesson_no_rfc5961=1, RFC 793's rule is back: any RST in the window resets, and the server's read() fails with ECONNRESET. An attacker needs to guess only within a window, not one exact number.",
			"伪造 RST 的序号落在服务器窗口内，但不等于 RCV.NXT：服务器回以挑战 ACK（RFC 5961 §3.2），该 ACK 发往真正的客户端，连接继续存在。设置 lesson_no_rfc5961=1 后恢复 RFC 793 的规则：窗口内的任何 RST 都会重置连接，服务器的 read() 以 ECONNRESET 失败。攻击者只需猜中窗口内的某个值，而不是一个确切的数。",
		},
	},
	{
		.name = "unreachable", .ports = "7215", .run = lesson_unreachable,
		.question = {
			"What does connect() report when a router cannot reach the host?",
			"当路由器无法到达目标主机时，connect() 报告什么？",
		},
		.narration = {
			"The SYN is lost on the way (a lesson rule), and a router answers with ICMP destination unreachable, code 1, quoting the SYN's addresses, ports and sequence number. edutcp believes it only because the quoted sequence number is one it has sent and not yet had acknowledged (RFC 5927 §4.1), and, the connection being still in SYN_SENT, gives up at once: connect() fails with EHOSTUNREACH, as Linux does (RFC 1122 §4.2.3.9 calls host unreachable a soft error; later in a connection edutcp only remembers it). The ladder shows the SYN lost and the client CLOSED with no SYN again.",
			"SYN 在途中丢失（课程规则），路由器回以 ICMP 目的不可达（代码 1，主机不可达），其中引用了该 SYN 的地址、端口和序号。只有当引用的序号是自己已发送且尚未被确认的序号时，edutcp 才相信它（RFC 5927 §4.1）；由于连接仍处于 SYN_SENT，它立即放弃：connect() 以 EHOSTUNREACH 失败，与 Linux 一致（RFC 1122 §4.2.3.9 称主机不可达为软错误；在连接后期 edutcp 只记下它）。梯形图显示 SYN 丢失，客户端随即 CLOSED，没有重发 SYN。",
		},
	},
	{
		.name = "syn-flood", .ports = "40216", .run = lesson_syn_flood,
		.question = {
			"What does a SYN flood do to a listener, and what do SYN cookies change?",
			"SYN 洪泛对监听者有什么影响？SYN cookie 改变了什么？",
		},
		.narration = {
			"Each SYN makes an entry in the listener's SYN queue that waits for an ACK; the flood's SYN+ACKs go to addresses that never answer, so the entries stay for the SYN+ACK retries. Once the queue is full (more than the backlog), a real client's SYN is dropped without an answer (ListenDrops): it sends it again at 1 and 3 s and connect() fails with ETIMEDOUT. With SYN cookies (RFC 4987) a full queue no longer drops the SYN: the SYN+ACK's sequence number encodes the connection (the MSS, a time counter, a keyed hash), nothing is kept, and the client's ACK brings it back (SyncookiesSent, SyncookiesRecv): the connection is made at once. (Its ladder is not drawn: a cookie is new every time.)",
			"每个 SYN 都在监听者的 SYN 队列中建立一个等待 ACK 的条目；洪泛的 SYN+ACK 发往永不应答的地址，因此这些条目会一直保留到 SYN+ACK 重试结束。队列一满（超过 backlog），真正客户端的 SYN 被直接丢弃且不回应（ListenDrops）：客户端在 1 秒和 3 秒时重发，connect() 最终以 ETIMEDOUT 失败。启用 SYN cookie（RFC 4987）后，满队列不再丢弃 SYN：SYN+ACK 的序号中编码了连接信息（MSS、时间计数、带密钥的散列），服务器什么也不保存，客户端的 ACK 把它带回来（SyncookiesSent、SyncookiesRecv）：连接立即建立。（其梯形图未画出：每次的 cookie 都不同。）",
		},
	},
	{
		.name = "simultaneous-open", .ports = "7212", .run = lesson_simultaneous_open,
		.question = {
			"What if both ends open at once, each with a SYN?",
			"如果两端同时各发一个 SYN 打开连接，会怎样？",
		},
		.narration = {
			"Each side sends its SYN and, still in SYN_SENT, receives the other's: it goes to SYN_RCVD and sends a SYN+ACK of its own (RFC 9293 §3.5, Figure 7; MUST-10). Each SYN+ACK acknowledges the other's SYN, and both sides are ESTABLISHED: one connection, four segments, no listener. Here both ISNs are 1000 (isn_mode=1 gives every active open 1000).",
			"每一方都发出自己的 SYN，并在仍处于 SYN_SENT 时收到对方的 SYN：于是进入 SYN_RCVD，并发出自己的 SYN+ACK（RFC 9293 §3.5，图 7；MUST-10）。每个 SYN+ACK 确认对方的 SYN，双方都进入 ESTABLISHED：一个连接，四个报文段，没有监听者。这里两个初始序号都是 1000（isn_mode=1 让每个主动打开都从 1000 开始）。",
		},
	},
	{
		.name = "simultaneous-close", .ports = "7213", .run = lesson_simultaneous_close,
		.question = {
			"What if both ends close at once?",
			"如果两端同时关闭，会怎样？",
		},
		.narration = {
			"Both FINs are sent before either arrives (a lesson rule holds each 100 ms, less than the RTO). Each side, in FIN_WAIT_1, receives the other's FIN before the ACK of its own: it goes to CLOSING and acknowledges; when the ACK of its own FIN comes, it goes to TIME_WAIT. Both ends were active closers, so both wait 2MSL (RFC 9293 §3.6, Figure 13).",
			"两个 FIN 都在对方到达之前发出（课程规则把每个 FIN 滞留 100 毫秒，短于 RTO）。每一方在 FIN_WAIT_1 中先收到对方的 FIN，而不是对自己 FIN 的确认：于是进入 CLOSING 并回送确认；等到自己 FIN 的确认到达，再进入 TIME_WAIT。双方都是主动关闭者，因此都要等待 2MSL（RFC 9293 §3.6，图 13）。",
		},
	},
	{
		.name = "keepalive", .ports = "7214", .run = lesson_keepalive,
		.question = {
			"How does a side find out that an idle peer has vanished?",
			"空闲连接的对端消失了，本端如何发现？",
		},
		.narration = {
			"Nothing is sent on an idle connection, so without keepalive the client would wait in read() for ever. With SO_KEEPALIVE, after 2 s of silence (KEEPIDLE) the client sends a probe, a segment at SND.NXT-1 that a live peer must answer with an ACK; then one a second (KEEPINTVL). After 3 probes unanswered (KEEPCNT) it gives up: read() fails with ETIMEDOUT (RFC 1122 §4.2.3.6). The defaults, as Linux's and the textbooks': 2 hours idle, 75 s between probes, 9 probes.",
			"空闲连接上什么也不发送，所以没有保活机制时，客户端会在 read() 中永远等下去。启用 SO_KEEPALIVE 后，静默 2 秒（KEEPIDLE）后客户端发出一个探测报文段（序号为 SND.NXT-1，活着的对端必须回 ACK）；之后每秒一个（KEEPINTVL）。连续 3 个探测（KEEPCNT）无应答就放弃：read() 以 ETIMEDOUT 失败（RFC 1122 §4.2.3.6）。默认值与 Linux 和教科书一致：空闲 2 小时，探测间隔 75 秒，共 9 个探测。",
		},
	},
};

static const struct lesson *find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lessons); i++)
		if (!strcmp(lessons[i].name, name))
			return &lessons[i];
	return NULL;
}

static int zh(void)
{
	const char *lang = getenv("LANG");

	return lang && !strncmp(lang, "zh", 2);
}

/* every setting a lesson may change, and the value it goes back to */
static const char *const settings[][2] = {
	{ "syn_retries", NULL }, { "rto_min_ms", NULL },
	{ "syncookies", NULL }, { "synack_retries", NULL },
	{ "lesson_no_time_wait", NULL }, { "lesson_two_way_handshake", NULL },
	{ "lesson_no_rfc5961", NULL },
};

static char saved[ARRAY_SIZE(settings)][32];

static void save_settings(void)
{
	char path[128];
	unsigned int i;
	FILE *f;

	for (i = 0; i < ARRAY_SIZE(settings); i++) {
		snprintf(path, sizeof(path), "/proc/sys/net/edutcp/%s", settings[i][0]);
		f = fopen(path, "r");
		if (!f || !fgets(saved[i], sizeof(saved[i]), f))
			fail(path);
		fclose(f);
	}
}

static void restore_settings(void)
{
	char path[128];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(settings); i++) {
		snprintf(path, sizeof(path), "/proc/sys/net/edutcp/%s", settings[i][0]);
		write_file(path, saved[i]);
	}
	write_file(LESSON_FILE, "clear");
}

static int print_usage(void)
{
	fprintf(stderr, "usage: edutcp-lesson [-l | NAME | -q NAME | -n NAME]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const struct lesson *ls;
	unsigned int i;
	FILE *f;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 2 && !strcmp(argv[1], "-l")) {
		for (i = 0; i < ARRAY_SIZE(lessons); i++)
			printf("%s %s\n", lessons[i].name, lessons[i].ports);
		return 0;
	}
	if (argc == 3 && (!strcmp(argv[1], "-q") || !strcmp(argv[1], "-n"))) {
		ls = find(argv[2]);
		if (!ls)
			return print_usage();
		puts(argv[1][1] == 'q' ? ls->question[zh()] : ls->narration[zh()]);
		return 0;
	}
	ls = argc == 2 ? find(argv[1]) : NULL;
	if (!ls)
		return print_usage();
	f = fopen("/sys/module/edutcp/parameters/family", "r");
	if (!f || fscanf(f, "%d", &fam) != 1) {
		fprintf(stderr, "edutcp-lesson: the edutcp module is not loaded\n");
		return 1;
	}
	fclose(f);
	save_settings();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("=== lesson %s: %s\n", ls->name, ls->question[zh()]);
	write_file("/proc/sys/net/edutcp/isn_mode", "1");
	write_file("/proc/sys/net/edutcp/msl", "1");
	step("sysctl net.edutcp.isn_mode=1 msl=1 (ISNs 1000 and 5000; 2MSL = 2 s)");
	write_file(LESSON_FILE, "clear");
	if (system("edutcp-stat -c " STAT_FILE " >/dev/null"))
		fail("edutcp-stat -c");
	ls->run();
	while (wait(NULL) > 0)
		;
	restore_settings();
	step("the counters that moved (edutcp-stat -c):");
	fflush(stdout);
	if (system("edutcp-stat -c " STAT_FILE " | sed 's/^/          /'"))
		fail("edutcp-stat -c");
	return 0;
}
