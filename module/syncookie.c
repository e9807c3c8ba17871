// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: SYN cookies (RFC 4987 §3.6), the encoding and the check.
 *
 * When a listener's SYN queue is full (net.edutcp.syncookies=1, the
 * default) or always (=2), a SYN gets its SYN+ACK without a queue entry:
 * what the entry would have kept and the final ACK cannot bring back is
 * folded into our ISS, the cookie, laid out as D. J. Bernstein's:
 *
 *   bits 31..27  t mod 32, t counting 64-second periods
 *   bits 26..24  the index of the MSS in edutcp_cookie_mss[]
 *   bits 23..0   a keyed hash (SipHash) of the 4-tuple, the peer's ISN,
 *                t and the MSS index
 *
 * The ACK that completes the handshake acknowledges ISS + 1, so it
 * brings the cookie back, and its SEG.SEQ - 1 is the peer's ISN. A cookie
 * is good in the period it was made and the next one (64 to 128 s, as
 * Linux's two minutes) and only when its hash matches: an attacker
 * off the path has to guess 24 bits to open a connection.
 *
 * What a connection loses by it: its SYN+ACK is never sent again
 * (nothing remembers it), its MSS is rounded down to the table, and the
 * ISS follows this layout, not RFC 9293's clock (nor isn_mode).
 * synq.c decides when to send one and carries out the returning ACK.
 */
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/siphash.h>

#include "edutcp.h"

static siphash_key_t edutcp_cookie_secret __read_mostly;

/* The MSS values a cookie can carry, smallest first. */
const u16 edutcp_cookie_mss[EDUTCP_COOKIE_NR_MSS] = {
	48, 256, 536, 1220, 1440, 1460, 8960, 65495
};

/* edutcp_cookie_init() - draw the secret, once, at module load. */
void edutcp_cookie_init(void)
{
	get_random_bytes(&edutcp_cookie_secret, sizeof(edutcp_cookie_secret));
}

/* edutcp_cookie_time() - t: the 64-second period we are in. */
u32 edutcp_cookie_time(void)
{
	return (u32)(get_jiffies_64() / (64 * HZ));
}

/**
 * edutcp_cookie_mss_index() - the largest table MSS not above @mss
 * @mss: the MSS the connection may use
 *
 * Return: its index in edutcp_cookie_mss[]; 0 when @mss is below all.
 */
unsigned int edutcp_cookie_mss_index(u16 mss)
{
	unsigned int i = EDUTCP_COOKIE_NR_MSS - 1;

	while (i && edutcp_cookie_mss[i] > mss)
		i--;
	return i;
}

static u32 edutcp_cookie_hash(const siphash_key_t *key, __be32 laddr,
			      __be32 raddr, __be16 lport, __be16 rport,
			      u32 irs, u32 t, unsigned int mss_idx)
{
	u64 addrs = (u64)(__force u32)laddr << 32 | (__force u32)raddr;
	u64 ports = (u64)((__force u32)lport << 16 | (__force u32)rport) << 32 |
		    irs;

	return siphash_3u64(addrs, ports, (u64)t << 3 | mss_idx, key) &
	       0xffffff;
}

/**
 * edutcp_cookie_make() - the cookie for a SYN
 * @key: the secret (KUnit passes its own)
 * @syn: the SYN (source = the peer)
 * @t: the period, edutcp_cookie_time()
 * @mss_idx: edutcp_cookie_mss_index() of the connection's MSS
 *
 * Return: the ISS for its SYN+ACK.
 */
u32 edutcp_cookie_make(const siphash_key_t *key, const struct edutcp_seg *syn,
		       u32 t, unsigned int mss_idx)
{
	return (t & 31) << 27 | (mss_idx & 7) << 24 |
	       edutcp_cookie_hash(key, syn->daddr, syn->saddr, syn->dport,
				  syn->sport, syn->seq, t, mss_idx & 7);
}

/**
 * edutcp_cookie_check() - does an ACK bring back a cookie of ours?
 * @key: the secret
 * @ack: the ACK (source = the peer); SEG.ACK - 1 is the cookie, SEG.SEQ - 1
 *	the peer's ISN
 * @now: the period, edutcp_cookie_time()
 *
 * Return: the MSS index it carries, or -1: made more than one period
 * ago (or in the future), or not by us for this 4-tuple and ISN.
 */
int edutcp_cookie_check(const siphash_key_t *key, const struct edutcp_seg *ack,
			u32 now)
{
	u32 cookie = ack->ack - 1, age = (now - (cookie >> 27)) & 31;
	unsigned int mss_idx = (cookie >> 24) & 7;

	if (age > 1)
		return -1;
	if ((cookie & 0xffffff) !=
	    edutcp_cookie_hash(key, ack->daddr, ack->saddr, ack->dport,
			       ack->sport, ack->seq - 1, now - age, mss_idx))
		return -1;
	return mss_idx;
}

/**
 * edutcp_cookie_isn() - a cookie for a SYN, with the module's secret
 * @syn: the SYN
 * @mss: in: the MSS the connection may use; out: the one the cookie
 *	carries (rounded down to the table)
 *
 * Return: the ISS.
 */
u32 edutcp_cookie_isn(const struct edutcp_seg *syn, u16 *mss)
{
	unsigned int i = edutcp_cookie_mss_index(*mss);

	*mss = min(*mss, edutcp_cookie_mss[i]);
	return edutcp_cookie_make(&edutcp_cookie_secret, syn,
				  edutcp_cookie_time(), i);
}

/**
 * edutcp_cookie_ack_mss() - check an ACK's cookie with the module's secret
 * @ack: the ACK
 *
 * Return: the MSS the cookie carries, 0 if it is not a good cookie.
 */
u16 edutcp_cookie_ack_mss(const struct edutcp_seg *ack)
{
	int i = edutcp_cookie_check(&edutcp_cookie_secret, ack,
				    edutcp_cookie_time());

	return i < 0 ? 0 : edutcp_cookie_mss[i];
}
