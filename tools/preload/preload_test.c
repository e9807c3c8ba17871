// SPDX-License-Identifier: GPL-2.0
/*
 * The preload library's own test: every call it takes over, with the
 * inputs a careless or hostile program gives (a NULL address, lengths too
 * short, families it does not translate, buffers too small for the
 * address the kernel returns), each answer printed on a line of its own.
 * programs.sh runs it twice, as it is (Linux's TCP answers) and through
 * edutcp-run (edutcp answers, through the library), and wants the same
 * lines: the library must translate without changing what a TCP program
 * sees, and never write past a buffer the program gave.
 *
 *   preload_test PORT      (two ports used: PORT and PORT + 1)
 *
 * Dynamically linked (a static program cannot be preloaded into).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

static int port;

static void line(const char *name, long r)
{
	printf("%s: %ld %s\n", name, r, r < 0 ? strerror(errno) : "-");
}

static struct sockaddr_in lo(int p)
{
	struct sockaddr_in a = { .sin_family = AF_INET };

	a.sin_port = htons(p);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static int tcp(void)
{
	return socket(AF_INET, SOCK_STREAM, 0);
}

/* bind and connect: what the library hands on, or leaves alone */
static void addresses_in(void)
{
	struct sockaddr_in a = lo(0);
	struct sockaddr_un u = { .sun_family = AF_UNIX };
	int fd;

	fd = tcp();
	line("bind(NULL, 16)", bind(fd, NULL, sizeof(a)));
	line("bind(AF_INET, length 8)", bind(fd, (struct sockaddr *)&a, 8));
	line("bind(AF_INET, length 0)", bind(fd, (struct sockaddr *)&a, 0));
	line("bind(AF_UNIX address)", bind(fd, (struct sockaddr *)&u, sizeof(a)));
	line("connect(NULL, 16)", connect(fd, NULL, sizeof(a)));
	line("connect(AF_INET, length 8)", connect(fd, (struct sockaddr *)&a, 8));
	line("connect(AF_UNIX address)",
	     connect(fd, (struct sockaddr *)&u, sizeof(a)));
	line("getpeername, not connected", getpeername(fd, (struct sockaddr *)&a,
						       &(socklen_t){ sizeof(a) }));
	close(fd);
}

/* getsockname: the family back as AF_INET, a short buffer left whole */
static void addresses_out(void)
{
	struct sockaddr_in a = lo(0);
	unsigned char small[4];
	socklen_t len = sizeof(a);
	int fd = tcp(), d;

	line("bind(127.0.0.1:0)", bind(fd, (struct sockaddr *)&a, sizeof(a)));
	memset(&a, 0, sizeof(a));
	line("getsockname", getsockname(fd, (struct sockaddr *)&a, &len));
	printf("getsockname: family %d, length %u\n", a.sin_family, len);
	line("getsockname(NULL length)", getsockname(fd, (struct sockaddr *)&a, NULL));
	memset(small, 0xee, sizeof(small));
	len = 1;
	line("getsockname(1 byte)", getsockname(fd, (struct sockaddr *)small, &len));
	printf("getsockname(1 byte): length %u, the byte %#x, bytes after it %s\n",
	       len, small[0], small[1] == 0xee && small[2] == 0xee ?
	       "untouched" : "WRITTEN");
	len = sizeof(d);
	line("getsockopt(SO_DOMAIN)", getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &d, &len));
	printf("SO_DOMAIN: %d\n", d);
	close(fd);
}

/* flags on socket(), and sockets it does not touch */
static void sockets(void)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int u = socket(AF_INET, SOCK_DGRAM, 0), d = -1;
	socklen_t len = sizeof(d);

	printf("SOCK_NONBLOCK | SOCK_CLOEXEC: %s %s\n",
	       fcntl(fd, F_GETFL) & O_NONBLOCK ? "nonblocking" : "BLOCKING",
	       fcntl(fd, F_GETFD) & FD_CLOEXEC ? "cloexec" : "NOT CLOEXEC");
	getsockopt(u, SOL_SOCKET, SO_DOMAIN, &d, &len);
	printf("a UDP socket: family %d\n", d);
	line("socket(AF_INET, SOCK_STREAM, IPPROTO_UDP)",
	     socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
	close(fd);
	close(u);
}

/* accept, recvfrom, recvmsg, sendto, sendmsg on a connected pair */
static void on_a_pair(void)
{
	struct sockaddr_in a = lo(port), peer;
	int l = tcp(), c = tcp(), s, one = 1;
	unsigned char small[4];
	socklen_t len;
	char buf[8];
	struct iovec iov = { .iov_base = buf, .iov_len = 2 };
	struct msghdr m = { .msg_name = &peer, .msg_namelen = sizeof(peer),
			    .msg_iov = &iov, .msg_iovlen = 1 };

	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 2) ||
	    connect(c, (struct sockaddr *)&a, sizeof(a))) {
		line("setting up a pair", -1);
		exit(1);
	}
	memset(small, 0xee, sizeof(small));
	len = 1;
	s = accept(l, (struct sockaddr *)small, &len);
	printf("accept(1 byte): %s, length %u, the byte %#x, bytes after it %s\n",
	       s >= 0 ? "a socket" : strerror(errno), len, small[0],
	       small[1] == 0xee && small[2] == 0xee ? "untouched" : "WRITTEN");
	len = sizeof(peer);
	line("getpeername", getpeername(s, (struct sockaddr *)&peer, &len));
	printf("getpeername: family %d, length %u\n", peer.sin_family, len);
	line("sendto(an AF_INET address) on a connected socket",
	     sendto(c, "ab", 2, 0, (struct sockaddr *)&a, sizeof(a)));
	line("sendto(address of length 8)",
	     sendto(c, "cd", 2, 0, (struct sockaddr *)&a, 8));
	len = sizeof(peer);
	memset(&peer, 0, sizeof(peer));
	line("recvfrom(with an address)",
	     recvfrom(s, buf, 2, MSG_WAITALL, (struct sockaddr *)&peer, &len));
	printf("recvfrom: family %d, length %u\n", peer.sin_family, len);
	line("sendmsg(an AF_INET name)", sendmsg(c, &(struct msghdr){
		.msg_name = &a, .msg_namelen = sizeof(a), .msg_iov = &iov,
		.msg_iovlen = 1 }, 0));
	line("recvmsg(with a name)", recvmsg(s, &m, MSG_WAITALL));
	printf("recvmsg: family %d, name length %u\n", peer.sin_family,
	       m.msg_namelen);
	line("sendmsg(NULL message)", sendmsg(c, NULL, 0));
	close(s);
	close(c);
	close(l);
}

int main(int argc, char **argv)
{
	port = argc > 1 ? atoi(argv[1]) : 7170;
	setvbuf(stdout, NULL, _IOLBF, 0);
	addresses_in();
	addresses_out();
	sockets();
	on_a_pair();
	return 0;
}
