// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: the IPv4 layer's socket options (level IPPROTO_IP),
 * which edutcp hands to it as TCP does: IP_TOS and IP_TTL read back what
 * was set and are in the IPv4 header of every segment the socket sends
 * (seen with a packet socket on lo), out-of-range values get TCP's
 * errno, IP_MTU reads the route's MTU once connected, IP_MTU_DISCOVER
 * "don't" clears DF (RFC 1191 says when a host may set it), an option
 * IPv4 refuses for stream sockets is refused here too, IP_FREEBIND lets
 * bind() take an address not the host's, and IP_BIND_ADDRESS_NO_PORT
 * leaves the port to connect().
 */
#include <poll.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include "selftest.h"

#define PORT 9460
#define TOS 0x28
#define TTL 9

static int getint(int fd, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);

	if (getsockopt(fd, IPPROTO_IP, name, &v, &len))
		return -1;
	return v;
}

/*
 * The next IPv4 header of edutcp's protocol from local port @sport (on
 * lo, each packet is seen once going out), within 5 s; 0 if none. Its
 * segment's text length in *@text (the header's data offset counts the
 * options: timestamps make an ACK 32 bytes).
 */
static int next_header(int pk, int sport, struct iphdr *out, int *text)
{
	unsigned char buf[2048];
	struct pollfd p = { .fd = pk, .events = POLLIN };
	struct sockaddr_ll from;
	socklen_t flen;
	ssize_t n;

	while (poll(&p, 1, 5000) == 1) {
		const struct iphdr *ip = (const void *)buf;

		flen = sizeof(from);
		n = recvfrom(pk, buf, sizeof(buf), 0, (struct sockaddr *)&from,
			     &flen);
		if (n < (ssize_t)sizeof(*ip) + 4 ||
		    from.sll_pkttype != PACKET_OUTGOING ||
		    from.sll_protocol != htons(ETH_P_IP) ||
		    ip->protocol != st_ipproto())
			continue;
		if (ntohs(*(const unsigned short *)(buf + ip->ihl * 4)) != sport)
			continue;
		*out = *ip;
		*text = ntohs(ip->tot_len) - ip->ihl * 4 -
			(buf[ip->ihl * 4 + 12] >> 4) * 4;
		return 1;
	}
	return 0;
}

/* IP_FREEBIND and IP_BIND_ADDRESS_NO_PORT (ip(7)), as for TCP */
static void bind_options(struct sockaddr_in *srv)
{
	struct sockaddr_in a = { .sin_family = srv->sin_family }, me;
	int fd = socket(a.sin_family, SOCK_STREAM, 0), one = 1;
	socklen_t len = sizeof(me);

	a.sin_addr.s_addr = inet_addr("192.0.2.7");	/* TEST-NET-1 */
	st_expect_errno("bind to 192.0.2.7, not this host's: EADDRNOTAVAIL",
			bind(fd, (struct sockaddr *)&a, sizeof(a)), EADDRNOTAVAIL);
	setsockopt(fd, IPPROTO_IP, IP_FREEBIND, &one, sizeof(one));
	st_result(!bind(fd, (struct sockaddr *)&a, sizeof(a)) &&
		  !getsockname(fd, (struct sockaddr *)&me, &len) &&
		  me.sin_addr.s_addr == a.sin_addr.s_addr && me.sin_port,
		  "with IP_FREEBIND: bind to 192.0.2.7 works, a port given",
		  "%s", strerror(errno));
	close(fd);

	fd = socket(a.sin_family, SOCK_STREAM, 0);
	setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof(one));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	len = sizeof(me);
	st_result(!bind(fd, (struct sockaddr *)&a, sizeof(a)) &&
		  !getsockname(fd, (struct sockaddr *)&me, &len) &&
		  me.sin_addr.s_addr == a.sin_addr.s_addr && !me.sin_port,
		  "IP_BIND_ADDRESS_NO_PORT: bind(127.0.0.1:0) takes the address, no port yet",
		  "port %u (%s)", ntohs(me.sin_port), strerror(errno));
	len = sizeof(me);
	st_result(!connect(fd, (struct sockaddr *)srv, sizeof(*srv)) &&
		  !getsockname(fd, (struct sockaddr *)&me, &len) &&
		  me.sin_addr.s_addr == a.sin_addr.s_addr && me.sin_port,
		  "... connect() then gives it a port, from that address",
		  "port %u (%s)", ntohs(me.sin_port), strerror(errno));
	close(fd);
}

int main(void)
{
	struct sockaddr_in a = { .sin_family = st_family() }, me;
	int l, c, s, pk, tos = TOS, ttl = TTL, bad = 256, zero = 0, dont, seen;
	int text = 0;
	socklen_t len = sizeof(me);
	struct iphdr h;
	char name[160];

	st_plan(14);
	a.sin_port = htons(PORT);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* ETH_P_ALL: only such sockets see what goes out */
	pk = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_ALL));
	l = socket(a.sin_family, SOCK_STREAM, 0);
	c = socket(a.sin_family, SOCK_STREAM, 0);
	if (pk < 0 || l < 0 || c < 0 ||
	    bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1))
		st_bail("sockets: %s", strerror(errno));
	st_result(!setsockopt(c, IPPROTO_IP, IP_TOS, &tos, sizeof(tos)) &&
		  getint(c, IP_TOS) == TOS, "IP_TOS 0x28 set and read back",
		  "read %#x (%s)", getint(c, IP_TOS), strerror(errno));
	st_result(!setsockopt(c, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) &&
		  getint(c, IP_TTL) == TTL, "IP_TTL 9 set and read back",
		  "read %d (%s)", getint(c, IP_TTL), strerror(errno));
	st_expect_errno("IP_TTL 256: EINVAL, as for TCP",
			setsockopt(c, IPPROTO_IP, IP_TTL, &bad, sizeof(bad)), EINVAL);
	st_expect_errno("IP_TTL 0: EINVAL, as for TCP",
			setsockopt(c, IPPROTO_IP, IP_TTL, &zero, sizeof(zero)), EINVAL);
	st_expect_errno("IP_HDRINCL on a stream socket: ENOPROTOOPT, as for TCP",
			setsockopt(c, IPPROTO_IP, IP_HDRINCL, &tos, sizeof(tos)),
			ENOPROTOOPT);
	me = (struct sockaddr_in){ .sin_family = a.sin_family };
	me.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(c, (struct sockaddr *)&me, sizeof(me)) ||
	    getsockname(c, (struct sockaddr *)&me, &len))
		st_bail("bind: %s", strerror(errno));
	if (connect(c, (struct sockaddr *)&a, sizeof(a)))
		st_bail("connect: %s", strerror(errno));
	s = accept(l, NULL, NULL);
	if (s < 0)
		st_bail("accept: %s", strerror(errno));
	h = (struct iphdr){ 0 };
	snprintf(name, sizeof(name),
		 "the SYN's IPv4 header: TOS %#x, TTL %d, DF", TOS, TTL);
	seen = next_header(pk, ntohs(me.sin_port), &h, &text);
	st_result(seen && h.tos == TOS && h.ttl == TTL &&
		  (ntohs(h.frag_off) & IP_DF), name,
		  "TOS %#x TTL %d frag_off %#x", h.tos, h.ttl, ntohs(h.frag_off));
	if (write(c, "x", 1) != 1)
		st_bail("write: %s", strerror(errno));
	while (next_header(pk, ntohs(me.sin_port), &h, &text) && !text)
		;	/* the handshake's ACK: the text's segment is next */
	st_result(h.tos == TOS && h.ttl == TTL && text == 1,
		  "a text segment's IPv4 header: the same TOS and TTL",
		  "TOS %#x TTL %d text %d", h.tos, h.ttl, text);
	st_result(getint(c, IP_MTU) == 65535,
		  "IP_MTU once connected: the route's, lo's 65536 capped at 65535 as for TCP",
		  "%d", getint(c, IP_MTU));
	dont = IP_PMTUDISC_DONT;
	if (setsockopt(c, IPPROTO_IP, IP_MTU_DISCOVER, &dont, sizeof(dont)) ||
	    write(c, "y", 1) != 1)
		st_bail("IP_MTU_DISCOVER: %s", strerror(errno));
	while (next_header(pk, ntohs(me.sin_port), &h, &text) && !text)
		;
	st_result(!(ntohs(h.frag_off) & IP_DF),
		  "IP_MTU_DISCOVER IP_PMTUDISC_DONT: DF clear", "frag_off %#x",
		  ntohs(h.frag_off));
	st_result(getint(s, IP_TTL) == 64,
		  "IP_TTL of a socket that set none: the default, 64", "%d",
		  getint(s, IP_TTL));
	close(c);
	close(s);
	bind_options(&a);	/* its connection waits in l's queue */
	close(l);
	close(pk);
	return st_exit();
}
