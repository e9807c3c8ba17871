// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp benchmark: connection churn beside many TIME_WAIT records, for
 * edutcp and for Linux TCP over the same loopback, in one boot.
 *
 *   twbench [RECORDS [CYCLES]]
 *
 * For each stack: the rate of connect/accept/close cycles and the time
 * of one connect() with no TIME_WAIT record present; then RECORDS records
 * (100000) are made, server side, by connections the server closes
 * first (from explicit client ports below the ephemeral range to eight
 * server addresses, so that none meets an earlier record); then the
 * same cycles again, and
 * the time to read the socket table (/proc/net/edutcp/sockets,
 * /proc/net/tcp). Prints each stack's ratio with and without the
 * records, and edutcp's against Linux's. The records must outlive the
 * run: edutcp's msl is raised, Linux's TIME_WAIT lasts 60 s.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <time.h>

#include "../selftests/selftest.h"

#define SERVER_PORT 9100
#define CHURN_PORT 9101

static struct sockaddr_in addr(int fam, uint32_t ip, int port)
{
	struct sockaddr_in a = { .sin_family = fam };

	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(ip);
	return a;
}

static int listen_on(int fam, int port)
{
	struct sockaddr_in a = addr(fam, INADDR_ANY, port);
	int one = 1, l = socket(fam, SOCK_STREAM, 0);

	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 64))
		st_bail("twbench: listen on %d: %s", port, strerror(errno));
	return l;
}

/* what holds @port, for a bail-out: its lines of the socket table */
static void show_port(int fam, int port)
{
	char line[256], want[16];
	FILE *f = fopen(fam == AF_INET ? "/proc/net/tcp" :
			"/proc/net/edutcp/sockets", "r");

	printf("# %s: port %d is held by:\n", fam == AF_INET ? "Linux TCP" :
	       "edutcp", port);
	snprintf(want, sizeof(want), ":%04X ", port);
	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, want))
			printf("# %s", line);
	if (f)
		fclose(f);
}

/*
 * One cycle: connect (from @cport, or an ephemeral port if 0) to @ip,
 * accept, the server closes first (its side keeps the record), the
 * client reads the end and closes. Returns the time connect() took.
 */
static double cycle(int fam, int l, uint32_t ip, int port, int cport)
{
	struct sockaddr_in a = addr(fam, ip, port), b;
	int one = 1, c = socket(fam, SOCK_STREAM, 0), s;
	double t;
	char x;

	if (cport) {
		b = addr(fam, INADDR_LOOPBACK, cport);
		setsockopt(c, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(c, (struct sockaddr *)&b, sizeof(b))) {
			show_port(fam, cport);
			st_bail("twbench: bind %d: %s", cport, strerror(errno));
		}
	}
	t = st_now();
	if (connect(c, (struct sockaddr *)&a, sizeof(a)))
		st_bail("twbench: connect: %s", strerror(errno));
	t = st_now() - t;
	s = accept(l, NULL, NULL);
	if (s < 0)
		st_bail("twbench: accept: %s", strerror(errno));
	close(s);
	if (read(c, &x, 1) != 0)
		st_bail("twbench: the server's close did not reach the client");
	close(c);
	return t;
}

/* @n cycles to the churn port: their rate, and the mean connect() time */
static double churn(int fam, int l, int n, double *connect_us)
{
	double t = st_now(), c = 0;
	int i;

	for (i = 0; i < n; i++)
		c += cycle(fam, l, INADDR_LOOPBACK, CHURN_PORT, 0);
	*connect_us = c / n * 1e6;
	return n / (st_now() - t);
}

/* the time to read a file whole, in ms, and its lines */
static double read_all(const char *path, long *lines)
{
	static char buf[65536];
	double t = st_now();
	int fd = open(path, O_RDONLY);
	ssize_t r, i;

	*lines = 0;
	while (fd >= 0 && (r = read(fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < r; i++)
			*lines += buf[i] == '\n';
	if (fd >= 0)
		close(fd);
	return (st_now() - t) * 1e3;
}

struct result {
	double rate0, rate1, conn0, conn1, proc_ms;
	long lines;
};

static void run(int fam, int records, int cycles, const char *proc,
		struct result *r)
{
	int srv = listen_on(fam, SERVER_PORT), ch = listen_on(fam, CHURN_PORT);
	int i;

	r->rate0 = churn(fam, ch, cycles, &r->conn0);
	/*
	 * client ports from 10000, above the servers' and below the
	 * ephemeral range: churn never takes them
	 */
	for (i = 0; i < records; i++)
		cycle(fam, srv, INADDR_LOOPBACK + 1 + i % 8, SERVER_PORT,
		      10000 + i / 8);
	r->rate1 = churn(fam, ch, cycles, &r->conn1);
	r->proc_ms = read_all(proc, &r->lines);
	close(srv);
	close(ch);
}

static void print_result(const char *who, const struct result *r, int records)
{
	printf("# %s: %.0f cycles/s, connect %.1f us;", who, r->rate0, r->conn0);
	printf(" with %d TIME_WAIT: %.0f cycles/s, connect %.1f us;", records,
	       r->rate1, r->conn1);
	printf(" %ld lines in %.1f ms\n", r->lines, r->proc_ms);
}

int main(int argc, char **argv)
{
	int records = argc > 1 ? atoi(argv[1]) : 100000;
	int cycles = argc > 2 ? atoi(argv[2]) : 2000;
	struct result e, t;

	if (records > 8 * 22000)
		records = 8 * 22000;
	signal(SIGPIPE, SIG_IGN);
	run(st_family(), records, cycles, "/proc/net/edutcp/sockets", &e);
	run(AF_INET, records, cycles, "/proc/net/tcp", &t);
	print_result("edutcp", &e, records);
	print_result("Linux TCP", &t, records);
	printf("bench: connection churn: edutcp %.0f/s, Linux TCP %.0f/s, ratio %.2f\n",
	       e.rate0, t.rate0, e.rate0 / t.rate0);
	printf("bench: churn with %d TIME_WAIT records over without: edutcp %.2f, Linux TCP %.2f\n",
	       records, e.rate1 / e.rate0, t.rate1 / t.rate0);
	printf("bench: one connect() with %d TIME_WAIT records over without:",
	       records);
	printf(" edutcp %.2f, Linux TCP %.2f\n", e.conn1 / e.conn0,
	       t.conn1 / t.conn0);
	printf("bench: reading the socket table with %d TIME_WAIT records:",
	       records);
	printf(" edutcp %.1f ms, Linux TCP %.1f ms, ratio %.2f\n", e.proc_ms,
	       t.proc_ms, e.proc_ms / t.proc_ms);
	return 0;
}
