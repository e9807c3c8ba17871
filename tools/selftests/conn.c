// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: connection management over loopback, from userspace:
 * the handshake, data both ways, the active and the passive close, a
 * half-close (CLOSE_WAIT may still send), refused connects, non-blocking
 * connect and accept, the errno of each misuse, abort with SO_LINGER 0,
 * TIME_WAIT and SO_REUSEADDR, and the counters each scenario moves.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#include "selftest.h"

static int fam;

static struct sockaddr_edutcp addr_of(const char *ip, int port)
{
	struct sockaddr_edutcp a = { .sin_family = fam };

	a.sin_port = htons(port);
	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

static int listener(int port, int backlog)
{
	struct sockaddr_edutcp a = addr_of("127.0.0.1", port);
	int one = 1, fd = socket(fam, SOCK_STREAM, 0);

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, backlog)) {
		printf("# cannot listen on %d: %s\n", port, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int connect_to(int port)
{
	struct sockaddr_edutcp a = addr_of("127.0.0.1", port);
	int fd = socket(fam, SOCK_STREAM, 0);

	if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* the last line sockets_line() found */
static char sockets_found[256];

/* Is there a line in /proc/net/edutcp/sockets for this local port? */
static int sockets_line(int port, const char *state)
{
	char line[256], want[16];
	FILE *f = fopen("/proc/net/edutcp/sockets", "r");
	int found = 0;

	snprintf(want, sizeof(want), ":%04X ", port);
	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, want) && strstr(line, state) &&
		    strstr(line, want) < strstr(line, state)) {
			found = 1;
			snprintf(sockets_found, sizeof(sockets_found), "%s",
				 line);
		}
	if (f)
		fclose(f);
	return found;
}

/* RFC 9293 §3.5: the three-way handshake, data both ways, the close. */
static void test_echo(void)
{
	long act = st_counter("ActiveOpens"), pas = st_counter("PassiveOpens");
	long est = st_counter("CurrEstab");
	struct sockaddr_edutcp a, b;
	socklen_t la = sizeof(a), lb = sizeof(b);
	int l = listener(7001, 4), c, s;
	char buf[64] = "";

	st_result(sockets_line(7001, "01 LISTEN"),
		  "the listener shows in /proc/net/edutcp/sockets", "no line");

	c = connect_to(7001);
	s = accept(l, NULL, NULL);
	st_result(c >= 0 && s >= 0, "handshake: connect and accept succeed",
		  "c=%d s=%d errno %d", c, s, errno);
	st_result(st_counter("ActiveOpens") - act == 1 &&
		  st_counter("PassiveOpens") - pas == 1,
		  "ActiveOpens and PassiveOpens move by one each", "moved %ld %ld",
		  st_counter("ActiveOpens") - act, st_counter("PassiveOpens") - pas);
	st_result(st_counter("CurrEstab") - est == 2,
		  "CurrEstab counts both ends", "moved %ld",
		  st_counter("CurrEstab") - est);
	getsockname(c, (struct sockaddr *)&a, &la);
	getpeername(s, (struct sockaddr *)&b, &lb);
	st_result(a.sin_port == b.sin_port && a.sin_family == fam &&
		  ntohs(a.sin_port) >= 32768 && ntohs(a.sin_port) <= 60999,
		  "client's ephemeral port from local_port_range, seen by the server",
		  "client %d server sees %d", ntohs(a.sin_port), ntohs(b.sin_port));
	st_result(write(c, "ping", 4) == 4 && read(s, buf, sizeof(buf)) == 4 &&
		  !memcmp(buf, "ping", 4), "data client to server", "got '%s'", buf);
	st_result(write(s, "pong!", 5) == 5 && read(c, buf, sizeof(buf)) == 5 &&
		  !memcmp(buf, "pong!", 5), "data server to client", "got '%s'", buf);
	close(c);
	st_result(read(s, buf, sizeof(buf)) == 0,
		  "after the client's FIN the server reads end of file", "errno %d",
		  errno);
	close(s);
	close(l);
	st_result(st_counter("CurrEstab") == est, "CurrEstab back where it was",
		  "%ld, was %ld", st_counter("CurrEstab"), est);
}

/* RFC 9293 §3.10.7.1: a SYN to a port with no listener gets RST. */
static void test_refused(void)
{
	long fails = st_counter("AttemptFails"), rsts = st_counter("OutRsts");
	struct sockaddr_edutcp a = addr_of("127.0.0.1", 7999);
	int fd = socket(fam, SOCK_STREAM, 0);

	st_expect_errno("connect to a closed port: ECONNREFUSED",
			connect(fd, (struct sockaddr *)&a, sizeof(a)), ECONNREFUSED);
	st_result(st_counter("AttemptFails") - fails == 1,
		  "AttemptFails moves by one", "moved %ld",
		  st_counter("AttemptFails") - fails);
	st_result(st_counter("OutRsts") - rsts == 1,
		  "OutRsts moves by one (the RST of the closed port)", "moved %ld",
		  st_counter("OutRsts") - rsts);
	/* a refused socket may try again */
	st_expect_errno("connect again after a refusal: ECONNREFUSED again",
			connect(fd, (struct sockaddr *)&a, sizeof(a)), ECONNREFUSED);
	close(fd);
}

/* Non-blocking connect: EINPROGRESS, POLLOUT, SO_ERROR (as AF_INET). */
static void test_nonblocking(void)
{
	struct sockaddr_edutcp a = addr_of("127.0.0.1", 7002);
	int l = listener(7002, 4), fd, s, err = -1, r;
	socklen_t len = sizeof(err);
	struct pollfd p;

	fcntl(l, F_SETFL, O_NONBLOCK);
	st_expect_errno("accept on an O_NONBLOCK listener: EAGAIN",
			accept(l, NULL, NULL), EAGAIN);
	fd = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0);
	r = connect(fd, (struct sockaddr *)&a, sizeof(a));
	st_result(r == 0 || errno == EINPROGRESS,
		  "non-blocking connect: 0 or EINPROGRESS", "errno %d", errno);
	p = (struct pollfd){ .fd = fd, .events = POLLOUT };
	st_result(poll(&p, 1, 5000) == 1 && (p.revents & POLLOUT),
		  "the connecting socket becomes writable", "revents %#x",
		  p.revents);
	st_result(!getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) && err == 0,
		  "SO_ERROR is 0 after the handshake", "SO_ERROR %d", err);
	p = (struct pollfd){ .fd = l, .events = POLLIN };
	st_result(poll(&p, 1, 5000) == 1 && (p.revents & POLLIN),
		  "the listener is readable with a connection queued", "revents %#x",
		  p.revents);
	s = accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	st_result(s >= 0 && (fcntl(s, F_GETFL) & O_NONBLOCK) &&
		  (fcntl(s, F_GETFD) & FD_CLOEXEC),
		  "accept4 with SOCK_NONBLOCK|SOCK_CLOEXEC", "s=%d errno %d", s,
		  errno);
	st_expect_errno("read with nothing to read, non-blocking: EAGAIN",
			read(s, &r, 1), EAGAIN);
	close(fd);
	close(s);

	/* refused, without blocking: the error comes through SO_ERROR */
	a = addr_of("127.0.0.1", 7998);
	fd = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0);
	r = connect(fd, (struct sockaddr *)&a, sizeof(a));
	p = (struct pollfd){ .fd = fd, .events = POLLOUT };
	poll(&p, 1, 5000);
	len = sizeof(err);
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	st_result((r == 0 || errno == EINPROGRESS || errno == ECONNREFUSED) &&
		  (err == ECONNREFUSED || (r < 0 && errno == ECONNREFUSED)),
		  "refused non-blocking connect: ECONNREFUSED via SO_ERROR",
		  "r=%d errno %d SO_ERROR %d", r, errno, err);
	close(fd);
	close(l);
}

/* The errno of each misuse, as AF_INET gives it. */
static void test_misuse(void)
{
	struct sockaddr_edutcp a = addr_of("127.0.0.1", 7003);
	struct sockaddr_in in = { .sin_family = AF_INET };
	int l = listener(7003, 4), fd, c, s;

	fd = socket(fam, SOCK_STREAM, 0);
	st_expect_errno("bind to a port in use: EADDRINUSE",
			bind(fd, (struct sockaddr *)&a, sizeof(a)), EADDRINUSE);
	st_expect_errno("bind with a short address: EINVAL",
			bind(fd, (struct sockaddr *)&a, sizeof(a) - 1), EINVAL);
	st_expect_errno("bind with family AF_INET: EAFNOSUPPORT",
			bind(fd, (struct sockaddr *)&in, sizeof(in)), EAFNOSUPPORT);
	st_expect_errno("connect with family AF_INET: EAFNOSUPPORT",
			connect(fd, (struct sockaddr *)&in, sizeof(in)), EAFNOSUPPORT);
	a = addr_of("10.99.99.99", 7003);
	st_expect_errno("bind to an address not of this host: EADDRNOTAVAIL",
			bind(fd, (struct sockaddr *)&a, sizeof(a)), EADDRNOTAVAIL);
	a = addr_of("127.0.0.1", 7003);
	st_expect_errno("connect on a listening socket: EISCONN",
			connect(l, (struct sockaddr *)&a, sizeof(a)), EISCONN);
	st_expect_errno("getpeername of an unconnected socket: ENOTCONN",
			getpeername(fd, (struct sockaddr *)&a, &(socklen_t){sizeof(a)}),
			ENOTCONN);
	st_expect_errno("read on an unconnected socket: ENOTCONN",
			read(fd, &c, 1), ENOTCONN);
	st_expect_errno("shutdown of an unconnected socket: ENOTCONN",
			shutdown(fd, SHUT_RDWR), ENOTCONN);
	signal(SIGPIPE, SIG_IGN);
	st_expect_errno("write on an unconnected socket: EPIPE",
			write(fd, "x", 1), EPIPE);
	close(fd);
	c = connect_to(7003);
	s = accept(l, NULL, NULL);
	st_expect_errno("listen on a connected socket: EINVAL", listen(c, 1),
			EINVAL);
	st_expect_errno("connect on a connected socket: EISCONN",
			connect(c, (struct sockaddr *)&a, sizeof(a)), EISCONN);
	st_expect_errno("shutdown with how=7: EINVAL", shutdown(c, 7), EINVAL);
	shutdown(c, SHUT_WR);
	st_expect_errno("write after shutdown(SHUT_WR): EPIPE", write(c, "x", 1),
			EPIPE);
	close(c);
	close(s);
	close(l);
}

/*
 * RFC 9293 §3.6 (half-close): after the client's FIN the server, in
 * CLOSE_WAIT, goes on sending; the client in FIN_WAIT_2 receives it all.
 */
static void test_half_close(void)
{
	int l = listener(7004, 4), c = connect_to(7004), s = accept(l, NULL, NULL);
	char buf[256];
	int got = 0, n, i;

	shutdown(c, SHUT_WR);
	st_result(read(s, buf, sizeof(buf)) == 0, "server reads EOF after SHUT_WR",
		  "errno %d", errno);
	for (i = 0; i < 10; i++)
		if (write(s, "0123456789", 10) != 10)
			break;
	close(s);
	while ((n = read(c, buf, sizeof(buf))) > 0)
		got += n;
	st_result(i == 10 && got == 100 && n == 0,
		  "CLOSE_WAIT side sends 100 bytes after the peer's FIN; all arrive",
		  "sent %d writes, got %d bytes, last read %d", i, got, n);
	close(c);
	close(l);
}

/* SO_LINGER 0: close aborts with RST (RFC 9293 §3.10.5 ABORT). */
static void test_abort(void)
{
	long resets = st_counter("EstabResets"), rsts = st_counter("OutRsts");
	long linger = st_counter("AbortOnLinger"), unread = st_counter("AbortOnClose");
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	int l = listener(7005, 4), c = connect_to(7005), s = accept(l, NULL, NULL);
	char b;

	setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(c);
	st_result(st_counter("AbortOnLinger") - linger == 1,
		  "close() with SO_LINGER 0: AbortOnLinger +1", "moved %ld",
		  st_counter("AbortOnLinger") - linger);
	st_expect_errno("read after the peer's RST: ECONNRESET", read(s, &b, 1),
			ECONNRESET);
	st_expect_errno("write after the reset: EPIPE", write(s, "x", 1), EPIPE);
	st_result(st_counter("OutRsts") - rsts == 1 &&
		  st_counter("EstabResets") - resets == 1,
		  "OutRsts and EstabResets move by one", "moved %ld %ld",
		  st_counter("OutRsts") - rsts, st_counter("EstabResets") - resets);
	close(s);
	/* RFC 9293 §3.10.4, RFC 2525 §2.17: close() with unread data: RST */
	c = connect_to(7005);
	s = accept(l, NULL, NULL);
	rsts = st_counter("OutRsts");
	write(c, "unread", 6);
	usleep(100000);
	close(s);
	st_result(st_counter("AbortOnClose") - unread == 1 &&
		  st_counter("OutRsts") - rsts == 1,
		  "close() with unread data: RST, AbortOnClose +1",
		  "AbortOnClose +%ld OutRsts +%ld",
		  st_counter("AbortOnClose") - unread, st_counter("OutRsts") - rsts);
	st_expect_errno("the writer then reads ECONNRESET", read(c, &b, 1),
			ECONNRESET);
	close(c);
	close(l);
}

/*
 * RFC 9293 §3.3.2: the side that closes first waits 2*MSL in TIME_WAIT.
 * Its port stays taken (EADDRINUSE) unless SO_REUSEADDR; after 2*MSL
 * (msl lowered to 1 s) the record is gone and TW counts it.
 */
static void test_time_wait(void)
{
	long tw = st_counter("TW");
	struct sockaddr_edutcp a;
	socklen_t len = sizeof(a);
	int l = listener(7006, 4), c = connect_to(7006), s = accept(l, NULL, NULL);
	unsigned int tr = 0, ms = 0;
	int fd, one = 1, n;
	char b;

	st_sysctl("msl", "1");
	getsockname(c, (struct sockaddr *)&a, &len);
	close(c);			/* active close: the client waits */
	read(s, &b, 1);
	close(s);
	close(l);
	usleep(200000);
	fd = socket(fam, SOCK_STREAM, 0);
	st_expect_errno("the TIME_WAIT port is taken: EADDRINUSE",
			bind(fd, (struct sockaddr *)&a, sizeof(a)), EADDRINUSE);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	st_result(!bind(fd, (struct sockaddr *)&a, sizeof(a)),
		  "SO_REUSEADDR binds over TIME_WAIT", "errno %d", errno);
	close(fd);
	st_result(sockets_line(ntohs(a.sin_port), "TIME_WAIT"),
		  "the TIME_WAIT record shows in /proc/net/edutcp/sockets",
		  "no line for port %d", ntohs(a.sin_port));
	n = sscanf(sockets_found, " %*d: %*x:%*x %*x:%*x %*x %*s %*x:%*x %x:%x",
		   &tr, &ms);
	st_result(n == 2 && tr == 3 && ms > 500 && ms <= 2000,
		  "its timer: 3 (TIME_WAIT), due within 2*MSL = 2000 ms",
		  "tr %u, %u ms", tr, ms);
	st_result(st_counter("TW") == tw, "TW has not moved before 2*MSL",
		  "moved %ld", st_counter("TW") - tw);
	sleep(3);
	st_result(st_counter("TW") - tw == 1, "TW moves by one after 2*MSL",
		  "moved %ld", st_counter("TW") - tw);
	st_result(!sockets_line(ntohs(a.sin_port), "TIME_WAIT"),
		  "after 2*MSL the record is gone from the sockets file",
		  "still there");
	fd = socket(fam, SOCK_STREAM, 0);
	st_result(!bind(fd, (struct sockaddr *)&a, sizeof(a)),
		  "after 2*MSL the port is free", "errno %d", errno);
	close(fd);
	st_sysctl("msl", "30");
}

/*
 * The segments of a quiet connection, exactly: SYN, SYN+ACK, ACK; FIN,
 * ACK; FIN, ACK (RFC 9293 §3.5, §3.6): 7 out, 7 in, on loopback.
 */
static void test_segment_count(void)
{
	long out, in;
	int l = listener(7007, 4), c, s;
	char b;

	out = st_counter("OutSegs");
	in = st_counter("InSegs");
	c = connect_to(7007);
	s = accept(l, NULL, NULL);
	close(c);
	read(s, &b, 1);
	close(s);
	st_result(st_counter("OutSegs") - out == 7 && st_counter("InSegs") - in == 7,
		  "handshake and close: exactly 7 segments each way",
		  "OutSegs %ld InSegs %ld", st_counter("OutSegs") - out,
		  st_counter("InSegs") - in);
	close(l);
}

/* max_tw_buckets: past it a connection closes without TIME_WAIT. */
static void test_tw_overflow(void)
{
	long over = st_counter("TimeWaitOverflow");
	int l = listener(7008, 4), c, s;
	char b;

	st_sysctl("max_tw_buckets", "0");
	c = connect_to(7008);
	s = accept(l, NULL, NULL);
	close(c);
	read(s, &b, 1);
	close(s);
	st_result(st_counter("TimeWaitOverflow") - over == 1,
		  "max_tw_buckets=0: TimeWaitOverflow moves by one", "moved %ld",
		  st_counter("TimeWaitOverflow") - over);
	st_sysctl("max_tw_buckets", "16384");
	close(l);
}

/* the socket id, the last number of a line of the sockets file */
static unsigned long long line_id(const char *line)
{
	const char *p;

	for (p = line + strlen(line); p > line && p[-1] != ' '; p--)
		;
	return strtoull(p, NULL, 10);
}

static int cmp_ull(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

/*
 * /proc/net/edutcp/sockets read 97 bytes at a time, with 300 TIME_WAIT
 * records in it: each read() goes on where the last one stopped (proc.c
 * finds its chain and place again), and every line comes exactly once,
 * numbered 0, 1, 2, ... without a gap.
 */
static void test_proc_small_reads(void)
{
	int l = listener(7012, 16), c, s, fd, i, n = 300, got = 0, sl, want = 0;
	static unsigned long long ids[1000];
	static char text[1 << 20];
	int ordered = 1, dups = 0;
	size_t len = 0;
	char b, *line, *next;
	ssize_t r;

	for (i = 0; i < n; i++) {
		c = connect_to(7012);
		s = accept(l, NULL, NULL);
		close(c);		/* the client's record */
		read(s, &b, 1);
		close(s);
	}
	close(l);
	fd = open("/proc/net/edutcp/sockets", O_RDONLY);
	while (len < sizeof(text) - 97 && (r = read(fd, text + len, 97)) > 0)
		len += r;
	close(fd);
	text[len] = 0;
	line = strchr(text, '\n');	/* past the header */
	while (line && *++line) {
		next = strchr(line, '\n');
		if (next)
			*next = 0;	/* one line at a time */
		if (sscanf(line, " %d:", &sl) != 1 || sl != want++)
			ordered = 0;
		if (strstr(line, " 7F000001:1B64 0A TIME_WAIT") && got < 1000)
			ids[got++] = line_id(line);
		line = next;
	}
	qsort(ids, got, sizeof(ids[0]), cmp_ull);
	for (i = 1; i < got; i++)
		dups += ids[i] == ids[i - 1];
	st_result(ordered && got == n && !dups,
		  "procfs read 97 bytes at a time: 300 TIME_WAIT lines, each once, in order",
		  "%d lines of the 300 records, %d of them again, in order: %d",
		  got, dups, ordered);
}

/* write @val to a sysctl file with write(2): -1 and errno when refused */
static long sysctl_write(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	long r = fd < 0 ? -1 : write(fd, val, strlen(val));
	int e = errno;

	if (fd >= 0)
		close(fd);
	errno = e;
	return r;
}

/* read from @fd until @want bytes came, EOF or no byte for 60 s */
static long read_all(int fd, long want)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	static char buf[65536];
	long got = 0;
	ssize_t n;

	while (got < want && poll(&p, 1, 60000) == 1 &&
	       (n = read(fd, buf, sizeof(buf))) > 0)
		got += n;
	return got;
}

/* a connected pair on port 7013 with 1 MiB buffers asked (the cap applies) */
static void big_pair(int l, int *c, int *s)
{
	int big = 1 << 20;

	*c = socket(fam, SOCK_STREAM, 0);
	setsockopt(*c, SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
	setsockopt(*c, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	{
		struct sockaddr_edutcp a = addr_of("127.0.0.1", 7013);

		if (connect(*c, (struct sockaddr *)&a, sizeof(a)))
			printf("# connect: %s\n", strerror(errno));
	}
	*s = accept(l, NULL, NULL);
	setsockopt(*s, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	fcntl(*c, F_SETFL, O_NONBLOCK);
}

/* write until the socket says EAGAIN (or 8 MiB); the bytes written */
static long fill(int fd)
{
	static char buf[65536];
	long total = 0;
	ssize_t n;

	while (total < (8L << 20) && (n = write(fd, buf, sizeof(buf))) > 0)
		total += n;
	return total;
}

/* the pages /proc/net/protocols says edutcp holds, or -1 */
static long proto_pages(void)
{
	FILE *f = fopen("/proc/net/protocols", "r");
	char line[512];
	long pages = -1;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "EDUTCP ", 7))
			sscanf(line, "%*s %*d %*d %ld", &pages);
	if (f)
		fclose(f);
	return pages;
}

/*
 * net.edutcp.mem, the host's limit for all edutcp sockets together
 * (Linux's tcp_mem). Four connections fill their buffers (some MiB, past
 * the 1 MiB per CPU the kernel counts in advance, so the total shows in
 * /proc/net/protocols); then every mark goes to 1 page, so the protocol
 * is past its hard limit. A reader that takes 64 KiB opens its window,
 * and what its peer sends into it is dropped unacknowledged (RcvQDrop);
 * the protocol is under pressure (MemoryPressures); a new writer gets
 * EAGAIN within 128 KiB; a socket closed with a send queue is reset at
 * once (AbortOnMemory; its peer reads ECONNRESET), as Linux's
 * tcp_check_oom does. Back at the defaults, what was dropped is sent
 * again: the reader gets every byte.
 */
static void test_memory_limit(void)
{
	const char *path = "/proc/sys/net/edutcp/mem";
	long press = st_counter("MemoryPressures"), drops, total[5];
	long oom = st_counter("AbortOnMemory"), a = 0, b = 0, m = 0;
	int l = listener(7013, 8), c[5], s[5], i;
	static char buf[65536];
	char def[128] = "";
	FILE *f = fopen(path, "r");
	ssize_t n;

	if (f && !fgets(def, sizeof(def), f))
		def[0] = 0;
	if (f)
		fclose(f);
	st_result(sscanf(def, "%ld %ld %ld", &a, &b, &m) == 3 && a > 0 &&
		  a <= b && b <= m,
		  "net.edutcp.mem: three page counts, in order", "'%s'", def);
	st_expect_errno("net.edutcp.mem out of order: EINVAL",
			sysctl_write(path, "3 2 1"), EINVAL);
	for (i = 0; i < 4; i++) {
		big_pair(l, &c[i], &s[i]);
		total[i] = fill(c[i]);
	}
	st_result(proto_pages() > 256,
		  "four full connections: /proc/net/protocols counts their pages",
		  "%ld pages", proto_pages());
	st_sysctl("mem", "1 1 1");
	drops = st_counter("RcvQDrop");
	n = read(s[1], buf, sizeof(buf));
	st_result(n == sizeof(buf) && st_counter("RcvQDrop") > drops,
		  "mem 1 1 1: a reader takes 64 KiB; what comes into its window is dropped (RcvQDrop)",
		  "read %zd, RcvQDrop +%ld", n, st_counter("RcvQDrop") - drops);
	st_result(st_counter("MemoryPressures") > press,
		  "the protocol is under memory pressure: MemoryPressures moves",
		  "moved %ld", st_counter("MemoryPressures") - press);
	big_pair(l, &c[4], &s[4]);
	total[4] = fill(c[4]);
	st_result(total[4] < 131072 && errno == EAGAIN,
		  "a new writer gets EAGAIN within 128 KiB (its buffer: 416 KiB)",
		  "wrote %ld bytes, errno %d", total[4], errno);
	close(c[0]);
	st_result(st_counter("AbortOnMemory") - oom == 1,
		  "a socket closed with a send queue is reset: AbortOnMemory +1",
		  "moved %ld", st_counter("AbortOnMemory") - oom);
	while ((n = read(s[0], buf, sizeof(buf))) > 0)
		;
	st_result(n < 0 && errno == ECONNRESET, "its peer reads ECONNRESET",
		  "read %zd errno %d", n, errno);
	st_sysctl("mem", def);
	st_result(read_all(s[1], total[1] - 65536) == total[1] - 65536,
		  "back at the defaults, the reader gets every byte (the dropped ones sent again)",
		  "of %ld", total[1] - 65536);
	for (i = 0; i < 5; i++) {
		close(s[i]);
		if (i)
			close(c[i]);
	}
	close(l);
}

/* Closing a listener resets the connections still in its queue. */
static void test_listener_close(void)
{
	int l = listener(7009, 4), c = connect_to(7009);
	char b;

	usleep(100000);
	close(l);
	st_expect_errno("the queued connection is reset when its listener closes",
			read(c, &b, 1), ECONNRESET);
	close(c);
}

/*
 * A socket closed by its user waits in FIN_WAIT_2 for the peer's FIN at
 * most fin_timeout seconds (here 1), then it is gone.
 */
static void test_fin_timeout(void)
{
	struct sockaddr_edutcp a;
	socklen_t len = sizeof(a);
	int l = listener(7011, 4), c = connect_to(7011), s = accept(l, NULL, NULL);

	st_sysctl("fin_timeout", "1");
	getsockname(c, (struct sockaddr *)&a, &len);
	close(c);
	usleep(300000);
	st_result(sockets_line(ntohs(a.sin_port), "FIN_WAIT_2"),
		  "an orphan waits in FIN_WAIT_2 for the peer's FIN", "no line");
	sleep(2);
	st_result(!sockets_line(ntohs(a.sin_port), "FIN_WAIT_2"),
		  "after fin_timeout (1 s) the orphan is gone", "still there");
	st_sysctl("fin_timeout", "60");
	close(s);
	close(l);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* SO_RCVTIMEO bounds accept(); a signal interrupts it (EINTR), as TCP. */
static void test_timeouts(void)
{
	struct timeval tv = { .tv_usec = 200000 };
	struct sigaction sa = { .sa_handler = on_alarm };
	int l = listener(7010, 4);

	setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	st_expect_errno("accept with SO_RCVTIMEO and nobody coming: EAGAIN",
			accept(l, NULL, NULL), EAGAIN);
	tv.tv_usec = 0;
	setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART */
	ualarm(200000, 0);
	st_expect_errno("a signal interrupts a blocking accept: EINTR",
			accept(l, NULL, NULL), EINTR);
	close(l);
}

/* Sysctls refuse values out of range. */
static void test_sysctl(void)
{
	FILE *f = fopen("/proc/sys/net/edutcp/syn_retries", "w");
	int r;

	st_result(!!f, "net.edutcp.syn_retries exists", "errno %d", errno);
	if (!f)
		return;
	r = fputs("0", f);
	r = fflush(f);
	st_result(r != 0 && errno == EINVAL, "syn_retries=0 refused: EINVAL",
		  "fflush %d errno %d", r, errno);
	fclose(f);
	f = fopen("/proc/sys/net/edutcp/local_port_range", "w");
	fputs("5000 4000", f);
	r = fflush(f);
	st_result(r != 0 && errno == EINVAL,
		  "local_port_range low > high refused: EINVAL", "errno %d", errno);
	fclose(f);
}

/*
 * The uid column of the line whose local port is @port in state @state
 * (a number, "04"); -1 when there is none.
 */
static long sockets_uid(int port, const char *state)
{
	char line[256], local[32], st[8], want[8];
	FILE *f = fopen("/proc/net/edutcp/sockets", "r");
	long uid, found = -1;

	snprintf(want, sizeof(want), ":%04X", port);
	/* sl local rem st state tx:rx tr:when retrnsmt uid ... */
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %31s %*s %7s %*s %*s %*s %*s %ld", local, st,
			   &uid) == 3 && strlen(local) > 5 &&
		    !strcmp(local + strlen(local) - 5, want) && !strcmp(st, state))
			found = uid;
	if (f)
		fclose(f);
	return found;
}

/*
 * An accepted socket is its listener's kind, as a TCP child is (Linux:
 * sk_clone_lock copies the type; the owner is the listener's until
 * accept() hands it to the process that accepts it): SO_TYPE is
 * SOCK_STREAM, and /proc shows the listener's uid while it waits.
 */
static void test_accepted_inherits(void)
{
	int l, c = -1, s = -1, type = 0;
	socklen_t len = sizeof(type);
	long waiting = -3, accepted = -3;

	if (seteuid(65534)) {
		st_result(0, "seteuid(65534) for the uid checks", "errno %d", errno);
		st_result(0, "accepted socket: SO_TYPE", "not run");
		st_result(0, "accepted socket: uid", "not run");
		return;
	}
	l = listener(7011, 4);
	c = connect_to(7011);
	/* the child waiting in the accept queue: local port 7011 */
	waiting = sockets_uid(7011, "04");
	s = accept(l, NULL, NULL);
	accepted = sockets_uid(7011, "04");
	if (s >= 0)
		getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &len);
	st_result(!seteuid(0) && c >= 0 && s >= 0, "uid 65534: listen, connect, accept",
		  "c=%d s=%d errno %d", c, s, errno);
	st_result(type == SOCK_STREAM, "accepted socket: SO_TYPE is SOCK_STREAM",
		  "SO_TYPE %d", type);
	st_result(waiting == 65534 && accepted == 65534,
		  "accepted socket: uid 65534, its listener's, before and after accept()",
		  "uid %ld waiting, %ld accepted", waiting, accepted);
	close(c);
	close(s);
	close(l);
}

int main(void)
{
	fam = st_family();
	st_plan(74);
	test_echo();
	test_refused();
	test_nonblocking();
	test_misuse();
	test_half_close();
	test_abort();
	test_time_wait();
	test_segment_count();
	test_tw_overflow();
	test_proc_small_reads();
	test_memory_limit();
	test_listener_close();
	test_fin_timeout();
	test_timeouts();
	test_sysctl();
	test_accepted_inherits();
	return st_exit();
}
