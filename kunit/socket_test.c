// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_socket": sockets of the family created and
 * released inside the kernel, with the errors socket(2) gives.
 */
#include <kunit/test.h>
#include <linux/net.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "../module/edutcp.h"

static void socket_create_release(struct kunit *test)
{
	struct socket *sock = NULL;
	int err;

	err = sock_create_kern(&init_net, edutcp_family, SOCK_STREAM, 0, &sock);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_ASSERT_NOT_NULL(test, sock);
	KUNIT_ASSERT_NOT_NULL(test, sock->sk);
	KUNIT_EXPECT_EQ(test, sock->sk->sk_family, (u16)edutcp_family);
	KUNIT_EXPECT_EQ(test, sock->sk->sk_type, (u16)SOCK_STREAM);
	KUNIT_EXPECT_PTR_EQ(test, sock->sk->sk_prot, &edutcp_prot);
	/* never IPPROTO_TCP: generic code would take it for a tcp_sock */
	KUNIT_EXPECT_EQ(test, sock->sk->sk_protocol, (u16)edutcp_ipproto);
	KUNIT_EXPECT_EQ(test, sock->state, SS_UNCONNECTED);
	sock_release(sock);
}

/* IPPROTO_TCP is accepted for SOCK_STREAM, as AF_INET accepts it. */
static void socket_protocol_tcp(struct kunit *test)
{
	struct socket *sock = NULL;

	KUNIT_ASSERT_EQ(test, sock_create_kern(&init_net, edutcp_family,
					       SOCK_STREAM, IPPROTO_TCP, &sock), 0);
	sock_release(sock);
}

/* The errors AF_INET gives for the same mistakes (net/ipv4/af_inet.c). */
static void socket_bad_type_or_protocol(struct kunit *test)
{
	struct socket *sock = NULL;

	KUNIT_EXPECT_EQ(test, sock_create_kern(&init_net, edutcp_family,
					       SOCK_DGRAM, 0, &sock),
			-ESOCKTNOSUPPORT);
	KUNIT_EXPECT_EQ(test, sock_create_kern(&init_net, edutcp_family,
					       SOCK_SEQPACKET, 0, &sock),
			-ESOCKTNOSUPPORT);
	KUNIT_EXPECT_EQ(test, sock_create_kern(&init_net, edutcp_family,
					       SOCK_STREAM, IPPROTO_UDP, &sock),
			-EPROTONOSUPPORT);
	KUNIT_EXPECT_EQ(test, sock_create_kern(&init_net, edutcp_family,
					       SOCK_STREAM, -1, &sock),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, sock_create_kern(&init_net, edutcp_family,
					       SOCK_STREAM, IPPROTO_MAX, &sock),
			-EINVAL);
}

/* Many sockets at once, released in another order than created. */
static void socket_many(struct kunit *test)
{
	struct socket *socks[32];
	int i;

	for (i = 0; i < ARRAY_SIZE(socks); i++)
		KUNIT_ASSERT_EQ(test, sock_create_kern(&init_net, edutcp_family,
						       SOCK_STREAM, 0,
						       &socks[i]), 0);
	for (i = 0; i < ARRAY_SIZE(socks); i += 2)
		sock_release(socks[i]);
	for (i = 1; i < ARRAY_SIZE(socks); i += 2)
		sock_release(socks[i]);
}

static struct kunit_case edutcp_socket_cases[] = {
	KUNIT_CASE(socket_create_release),
	KUNIT_CASE(socket_protocol_tcp),
	KUNIT_CASE(socket_bad_type_or_protocol),
	KUNIT_CASE(socket_many),
	{}
};

static struct kunit_suite edutcp_socket_suite = {
	.name = "edutcp_socket",
	.test_cases = edutcp_socket_cases,
};

kunit_test_suite(edutcp_socket_suite);
