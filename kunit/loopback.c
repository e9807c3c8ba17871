// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit: loopback connections for the suites (loopback.h).
 */
#include <linux/delay.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "loopback.h"

/* 127.0.0.1:@port as edutcp's address */
struct sockaddr_edutcp edutcp_kt_addr(u16 port)
{
	struct sockaddr_edutcp a = { .sin_family = edutcp_family };

	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* A suite's init: the UML kernel boots with lo down. */
int edutcp_kt_lo_up(struct kunit *test)
{
	struct net_device *lo = init_net.loopback_dev;
	int err = 0;

	rtnl_lock();
	if (!(lo->flags & IFF_UP))
		err = dev_change_flags(lo, lo->flags | IFF_UP, NULL);
	rtnl_unlock();
	return err;
}

/* A kernel socket of edutcp's, bound to 127.0.0.1:@port unless 0. */
struct socket *edutcp_kt_socket(struct kunit *test, u16 port)
{
	struct sockaddr_edutcp a = edutcp_kt_addr(port);
	struct socket *sock;

	KUNIT_ASSERT_EQ(test, sock_create_kern(&init_net, edutcp_family,
					       SOCK_STREAM, 0, &sock), 0);
	if (port)
		KUNIT_ASSERT_EQ(test, kernel_bind(sock, (struct sockaddr *)&a,
						  sizeof(a)), 0);
	return sock;
}

/* Read what @sock has received, up to @len bytes (at most 1000). */
void edutcp_kt_drain(struct kunit *test, struct socket *sock, size_t len)
{
	static char buf[1000];
	struct kvec v = { .iov_base = buf, .iov_len = min(len, sizeof(buf)) };
	struct msghdr m = { };

	KUNIT_EXPECT_EQ(test, kernel_recvmsg(sock, &m, &v, 1, v.iov_len, 0),
			(int)v.iov_len);
}

/**
 * edutcp_kt_parse() - what edutcp_parse_options() makes of @p
 * @p: the option bytes
 * @len: how many
 * @syn: as on a SYN
 *
 * Return: the options; the struct starts filled with 0xaa, so a field
 * the parser should have cleared and did not shows.
 */
struct edutcp_opts edutcp_kt_parse(const u8 *p, int len, bool syn)
{
	struct edutcp_opts o;

	memset(&o, 0xaa, sizeof(o));
	edutcp_parse_options(p, len, syn, &o);
	return o;
}

/**
 * edutcp_kt_connect() - a connection to 127.0.0.1:@port, then text
 * @test: the test
 * @port: the listener's port
 * @knob: a sysctl of init_net's (window_scaling, timestamps, ...)
 * @server_val: what it is while the listener answers the SYN
 * @client_val: what it is while the client builds its SYN
 * @c: filled in: the client
 * @s: filled in: the accepted server side
 *
 * Loopback hands the SYN over once bottom halves run again, so the two
 * values apply to the two ends. Then 1000 bytes each way, read, so each
 * side has a window from the other that is not a SYN's, and a wait until
 * both have nothing in flight. @knob is back as it was on return.
 */
void edutcp_kt_connect(struct kunit *test, u16 port, int *knob,
		       int server_val, int client_val, struct socket **c,
		       struct socket **s)
{
	struct sockaddr_edutcp a = edutcp_kt_addr(port);
	struct socket *l = edutcp_kt_socket(test, port);
	static char text[1000];
	struct kvec v = { .iov_base = text, .iov_len = sizeof(text) };
	struct msghdr m = { };
	int old = *knob, i;

	*c = edutcp_kt_socket(test, 0);
	/* buffers whose half is well past 64 KiB and loopback's MSS */
	WRITE_ONCE(l->sk->sk_rcvbuf, 1 << 20);
	WRITE_ONCE((*c)->sk->sk_rcvbuf, 1 << 20);
	KUNIT_ASSERT_EQ(test, kernel_listen(l, 4), 0);
	lock_sock((*c)->sk);
	local_bh_disable();
	WRITE_ONCE(*knob, client_val);
	KUNIT_EXPECT_EQ(test, edutcp_start_connect((*c)->sk, &a), 0);
	WRITE_ONCE(*knob, server_val);
	local_bh_enable();
	release_sock((*c)->sk);
	KUNIT_ASSERT_EQ(test, kernel_accept(l, s, 0), 0);
	WRITE_ONCE(*knob, old);
	sock_release(l);
	for (i = 0; i < 50 && READ_ONCE(edutcp_sk((*c)->sk)->state) !=
			      EDUTCP_ESTABLISHED; i++)
		msleep(20);
	/* RFC 7323 §2.2: the SYN+ACK's window was not scaled */
	KUNIT_EXPECT_LE(test, edutcp_sk((*c)->sk)->snd_wnd, 65535U);
	KUNIT_EXPECT_EQ(test, kernel_sendmsg(*c, &m, &v, 1, sizeof(text)),
			(int)sizeof(text));
	KUNIT_EXPECT_EQ(test, kernel_sendmsg(*s, &m, &v, 1, sizeof(text)),
			(int)sizeof(text));
	edutcp_kt_drain(test, *s, sizeof(text));
	edutcp_kt_drain(test, *c, sizeof(text));
	for (i = 0; i < 100 && (READ_ONCE(edutcp_sk((*c)->sk)->snd_una) !=
				READ_ONCE(edutcp_sk((*c)->sk)->snd_nxt) ||
				READ_ONCE(edutcp_sk((*s)->sk)->snd_una) !=
				READ_ONCE(edutcp_sk((*s)->sk)->snd_nxt)); i++)
		msleep(20);
}
