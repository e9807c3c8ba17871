// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: initial sequence numbers (RFC 9293 §3.4.1, MUST-8, SHLD-1,
 * MUST-9; RFC 6528).
 *
 *   ISN = M + F(localip, localport, remoteip, remoteport, secretkey)
 *
 * M is a clock: nanoseconds since boot divided by 64, so it ticks every
 * 64 ns, well within the "at least every 4 microseconds" of MUST-8. F is
 * SipHash keyed with a secret drawn once, at module load, so an off-path
 * attacker cannot predict the ISN of another 4-tuple (SHLD-1), while one
 * 4-tuple's ISNs keep advancing with the clock and new incarnations of a
 * connection start above old ones.
 *
 * isn_mode=1 (net.edutcp.isn_mode) replaces this with fixed numbers,
 * 1000 for an active open and 5000 for a passive one, so that a trace of
 * a lesson reads the same every time. It is predictable by design: never
 * use it where an attacker could reach the host.
 */
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/ktime.h>

#include "edutcp.h"

static siphash_key_t edutcp_isn_secret __read_mostly;
static siphash_key_t edutcp_ts_secret __read_mostly;

/* edutcp_isn_init() - draw the secrets, once, at module load. */
void edutcp_isn_init(void)
{
	get_random_bytes(&edutcp_isn_secret, sizeof(edutcp_isn_secret));
	get_random_bytes(&edutcp_ts_secret, sizeof(edutcp_ts_secret));
}

/**
 * edutcp_ts_offset() - the offset of our TSval clock towards one peer
 * @laddr: local address
 * @raddr: remote address
 *
 * A keyed hash of the two addresses, as Linux's secure_tcp_ts_off: no
 * one else learns our clock (RFC 7323 §5.4, Appendix), and one host's
 * TSvals to another only grow, connection after connection, which a
 * TIME_WAIT record's test of a new SYN relies on (RFC 6191).
 *
 * Return: the offset.
 */
u32 edutcp_ts_offset(__be32 laddr, __be32 raddr)
{
	return siphash_2u32((__force u32)laddr, (__force u32)raddr,
			    &edutcp_ts_secret);
}

/**
 * edutcp_isn_at() - the RFC 9293 ISN at a given clock reading
 * @clock_ns: the clock, in nanoseconds
 * @key: the secret
 * @laddr: local address
 * @lport: local port
 * @raddr: remote address
 * @rport: remote port
 *
 * Separate from edutcp_isn() so that KUnit can inject the clock and the
 * key.
 *
 * Return: M + F.
 */
u32 edutcp_isn_at(u64 clock_ns, const siphash_key_t *key, __be32 laddr,
		  __be16 lport, __be32 raddr, __be16 rport)
{
	u32 f = siphash_3u32((__force u32)laddr, (__force u32)raddr,
			     (__force u32)lport << 16 | (__force u32)rport, key);

	return f + (u32)(clock_ns >> 6);
}

/**
 * edutcp_isn() - the ISN for a new connection
 * @net: its namespace (for isn_mode)
 * @laddr: local address
 * @lport: local port
 * @raddr: remote address
 * @rport: remote port
 * @active: from connect() (true) or from a listener (false)
 *
 * Return: the ISN.
 */
u32 edutcp_isn(struct net *net, __be32 laddr, __be16 lport, __be32 raddr,
	       __be16 rport, bool active)
{
	if (READ_ONCE(edutcp_pernet(net)->sysctl.isn_mode) == EDUTCP_ISN_TEACHING)
		return active ? 1000 : 5000;
	return edutcp_isn_at(ktime_get_ns(), &edutcp_isn_secret, laddr, lport,
			     raddr, rport);
}
