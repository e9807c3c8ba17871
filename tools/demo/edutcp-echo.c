// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp demo: an echo server and client over AF_EDUTCP that say, step
 * by step, which socket call they make and what it returned.
 *
 *   edutcp-echo server PORT               serve one client, echo what it sends
 *   edutcp-echo client ADDR PORT MESSAGE [LOCAL_PORT]
 *                                         send MESSAGE, print the echo
 *                                         (from LOCAL_PORT if given)
 */
#include <arpa/inet.h>
#include <sys/socket.h>

#include "../selftests/selftest.h"

static const char *who;

/* Print "who: what -> result" and return the call's result. */
static long step(long ret, const char *what)
{
	if (ret < 0)
		printf("%s: %-34s -> -1 (%s)\n", who, what, strerror(errno));
	else
		printf("%s: %-34s -> %ld\n", who, what, ret);
	fflush(stdout);
	return ret;
}

static int serve(int port)
{
	struct sockaddr_edutcp addr = { .sin_family = st_family() };
	char buf[256], what[64];
	int fd, conn;
	long n;

	addr.sin_port = htons(port);
	fd = step(socket(st_family(), SOCK_STREAM, 0), "socket(AF_EDUTCP, SOCK_STREAM)");
	if (fd < 0)
		return 1;
	snprintf(what, sizeof(what), "bind(0.0.0.0:%d)", port);
	if (step(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), what) < 0 ||
	    step(listen(fd, 8), "listen(backlog 8)") < 0)
		goto out;
	conn = step(accept(fd, NULL, NULL), "accept()");
	if (conn < 0)
		goto out;
	while ((n = step(read(conn, buf, sizeof(buf)), "read()")) > 0)
		step(write(conn, buf, n), "write() the echo");
	step(close(conn), "close(connection)");
out:
	step(close(fd), "close(listener)");
	return 0;
}

static int client(const char *host, int port, const char *msg, int lport)
{
	struct sockaddr_edutcp addr = { .sin_family = st_family() };
	struct sockaddr_edutcp local = { .sin_family = st_family() };
	char buf[256], what[64];
	long n;
	int fd;

	addr.sin_port = htons(port);
	if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
		fprintf(stderr, "%s: not an IPv4 address\n", host);
		return 1;
	}
	fd = step(socket(st_family(), SOCK_STREAM, 0), "socket(AF_EDUTCP, SOCK_STREAM)");
	if (fd < 0)
		return 1;
	local.sin_port = htons(lport);
	snprintf(what, sizeof(what), "bind(0.0.0.0:%d)", lport);
	if (lport && step(bind(fd, (struct sockaddr *)&local, sizeof(local)),
			  what) < 0)
		return 1;
	snprintf(what, sizeof(what), "connect(%s:%d)", host, port);
	if (step(connect(fd, (struct sockaddr *)&addr, sizeof(addr)), what) == 0 &&
	    step(write(fd, msg, strlen(msg)), "write() the message") > 0) {
		n = step(read(fd, buf, sizeof(buf) - 1), "read() the echo");
		if (n > 0) {
			buf[n] = '\0';
			printf("%s: the echo is \"%s\"\n", who, buf);
		}
	}
	step(close(fd), "close()");
	return 0;
}

/* A port number 0..65535 from @s, or -1 (a message said why). */
static int port_arg(const char *s)
{
	char *end;
	long p = strtol(s, &end, 10);

	if (!*s || *end || p < 0 || p > 65535) {
		fprintf(stderr, "edutcp-echo: %s is not a port (0..65535)\n", s);
		return -1;
	}
	return p;
}

int main(int argc, char **argv)
{
	int port, lport = 0;

	if (argc == 3 && !strcmp(argv[1], "server")) {
		who = "server";
		port = port_arg(argv[2]);
		return port < 0 ? 2 : serve(port);
	}
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "client")) {
		who = "client";
		port = port_arg(argv[3]);
		if (argc == 6)
			lport = port_arg(argv[5]);
		if (port < 0 || lport < 0)
			return 2;
		return client(argv[2], port, argv[4], lport);
	}
	fprintf(stderr, "usage: edutcp-echo server PORT\n"
		"       edutcp-echo client ADDR PORT MESSAGE [LOCAL_PORT]\n");
	return 2;
}
