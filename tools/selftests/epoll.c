// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: many connections on one thread, non-blocking and
 * edge-triggered epoll, so no wake-up may be lost.
 *
 *   epoll serve PORT CONNS
 *	echo everything back on each connection until CONNS have closed
 *   epoll clients ADDR PORT CONNS BYTES
 *	open CONNS connections at once; each sends BYTES (its own pattern)
 *	and reads them back; every byte is checked
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/epoll.h>

#include "selftest.h"

#define BUF 65536

struct conn {
	int fd;
	size_t sent, rcvd, bytes;	/* clients */
	char buf[BUF];			/* server: bytes read, not yet echoed */
	size_t len, off;
	int done;
};

static int nonblock(int fd)
{
	return fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static unsigned char pattern(int idx, size_t pos)
{
	return (unsigned char)(idx * 7 + pos * 13 + (pos >> 11));
}

/* server: read until EAGAIN or a full buffer, write back until EAGAIN */
static int echo(struct conn *c)
{
	ssize_t r;

	for (;;) {
		while (c->off < c->len) {
			r = write(c->fd, c->buf + c->off, c->len - c->off);
			if (r < 0)
				return errno == EAGAIN ? 0 : -1;
			c->off += r;
		}
		c->off = 0;
		c->len = 0;
		r = read(c->fd, c->buf, BUF);
		if (r == 0)
			return 1;
		if (r < 0)
			return errno == EAGAIN ? 0 : -1;
		c->len = r;
	}
}

static int serve(int port, int conns)
{
	struct sockaddr_edutcp a = { .sin_family = st_family() };
	int l = socket(a.sin_family, SOCK_STREAM, 0), ep, closed = 0, one = 1;
	int accepted = 0, errors = 0, n, i, r;
	struct epoll_event ev, evs[64];

	st_plan(1);
	a.sin_port = htons(port);
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 128))
		st_bail("epoll server listens: %s", strerror(errno));
	nonblock(l);
	ep = epoll_create1(0);
	ev.events = EPOLLIN | EPOLLET;
	ev.data.ptr = NULL;
	epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
	printf("# epoll server: listening\n");
	fflush(stdout);
	while (closed < conns) {
		n = epoll_wait(ep, evs, 64, 60000);
		if (n <= 0)
			break;
		for (i = 0; i < n; i++) {
			struct conn *c = evs[i].data.ptr;

			if (!c) {
				int fd;

				while ((fd = accept4(l, NULL, NULL, 0)) >= 0) {
					c = calloc(1, sizeof(*c));
					c->fd = fd;
					nonblock(fd);
					ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP |
						    EPOLLET;
					ev.data.ptr = c;
					epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
					accepted++;
					if (echo(c) < 0)
						errors++;
				}
				continue;
			}
			if (c->done)
				continue;
			r = echo(c);
			if (r) {
				errors += r < 0;
				c->done = 1;
				close(c->fd);
				closed++;
			}
		}
	}
	st_result(closed == conns && accepted == conns && !errors,
		  "epoll server: every connection echoed and closed",
		  "%d accepted, %d closed of %d, %d errors", accepted, closed,
		  conns, errors);
	return st_exit();
}

/* client: send what the socket takes, read and check what came back */
static int drive(struct conn *c, int idx)
{
	unsigned char out[BUF], in[BUF];
	size_t n, i;
	ssize_t r;

	while (c->sent < c->bytes) {
		n = c->bytes - c->sent < BUF ? c->bytes - c->sent : BUF;
		for (i = 0; i < n; i++)
			out[i] = pattern(idx, c->sent + i);
		r = write(c->fd, out, n);
		if (r < 0) {
			if (errno == EAGAIN)
				break;
			return -1;
		}
		c->sent += r;
	}
	for (;;) {
		r = read(c->fd, in, sizeof(in));
		if (r < 0)
			return errno == EAGAIN ? 0 : -1;
		if (r == 0)
			return -1;	/* the echo must not end first */
		for (i = 0; i < (size_t)r; i++)
			if (in[i] != pattern(idx, c->rcvd + i))
				return -2;
		c->rcvd += r;
		if (c->rcvd == c->bytes)
			return 1;
	}
}

static int run_clients(const char *addr, int port, int conns, size_t bytes)
{
	struct sockaddr_edutcp a = { .sin_family = st_family() };
	struct conn *cs = calloc(conns, sizeof(*cs));
	struct epoll_event ev, evs[64];
	int ep = epoll_create1(0), done = 0, bad = 0, corrupt = 0, i, n, r;

	st_plan(2);
	a.sin_port = htons(port);
	inet_pton(AF_INET, addr, &a.sin_addr);
	for (i = 0; i < conns; i++) {
		cs[i].fd = socket(a.sin_family, SOCK_STREAM, 0);
		cs[i].bytes = bytes;
		nonblock(cs[i].fd);
		if (connect(cs[i].fd, (struct sockaddr *)&a, sizeof(a)) &&
		    errno != EINPROGRESS)
			bad++;
		ev.events = EPOLLIN | EPOLLOUT | EPOLLET;
		ev.data.u32 = i;
		epoll_ctl(ep, EPOLL_CTL_ADD, cs[i].fd, &ev);
	}
	while (done + bad + corrupt < conns) {
		n = epoll_wait(ep, evs, 64, 60000);
		if (n <= 0)
			break;
		for (i = 0; i < n; i++) {
			struct conn *c = &cs[evs[i].data.u32];

			if (c->done)
				continue;
			r = drive(c, evs[i].data.u32);
			if (!r)
				continue;
			c->done = 1;
			done += r == 1;
			bad += r == -1;
			corrupt += r == -2;
			close(c->fd);
		}
	}
	char name[96];

	snprintf(name, sizeof(name),
		 "epoll: %d non-blocking connections all get their bytes back",
		 conns);
	st_result(done == conns, name,
		  "%d of %d done, %d failed, %d corrupt", done, conns, bad,
		  corrupt);
	st_result(!corrupt, "epoll: every byte echoed is the byte sent",
		  "%d connections corrupt", corrupt);
	return st_exit();
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "serve"))
		return serve(atoi(argv[2]), atoi(argv[3]));
	if (argc == 6 && !strcmp(argv[1], "clients"))
		return run_clients(argv[2], atoi(argv[3]), atoi(argv[4]),
			       strtoul(argv[5], NULL, 0));
	fprintf(stderr, "usage: epoll serve PORT CONNS | clients ADDR PORT CONNS BYTES\n");
	return 2;
}
