/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp KUnit: what the suites that run real connections over the UML
 * kernel's loopback share (loopback.c): bring lo up, make and bind a
 * socket, connect a pair with a sysctl set one way for the client's SYN
 * and another for the listener's answer, read what arrived; and the
 * option parser's answer for a list of bytes.
 */
#ifndef _EDUTCP_KUNIT_LOOPBACK_H
#define _EDUTCP_KUNIT_LOOPBACK_H

#include <kunit/test.h>
#include <linux/net.h>

#include "../module/edutcp.h"

struct edutcp_opts edutcp_kt_parse(const u8 *p, int len, bool syn);
struct sockaddr_edutcp edutcp_kt_addr(u16 port);
int edutcp_kt_lo_up(struct kunit *test);
struct socket *edutcp_kt_socket(struct kunit *test, u16 port);
void edutcp_kt_drain(struct kunit *test, struct socket *sock, size_t len);
void edutcp_kt_connect(struct kunit *test, u16 port, int *knob,
		       int server_val, int client_val, struct socket **c,
		       struct socket **s);

#endif /* _EDUTCP_KUNIT_LOOPBACK_H */
