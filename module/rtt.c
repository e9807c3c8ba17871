// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the retransmission timeout, computed as RFC 6298 §2 says.
 *
 * The first measurement R sets SRTT = R and RTTVAR = R/2; each later one
 * R' moves them by RTTVAR = 3/4 RTTVAR + 1/4 |SRTT - R'| (first) and
 * SRTT = 7/8 SRTT + 1/8 R' (second). RTO = SRTT + max(G, 4 * RTTVAR),
 * within [min, max]. Which segments may be measured (Karn's rule) and
 * the backoff after a timeout are send.c's business.
 */
#include <linux/minmax.h>

#include "edutcp.h"

/**
 * edutcp_rtt_sample() - take one round-trip time measurement
 * @r: the estimate
 * @rtt_us: the measurement R, in microseconds (0 counts as 1)
 */
void edutcp_rtt_sample(struct edutcp_rtt *r, u32 rtt_us)
{
	u32 diff;

	rtt_us = max(rtt_us, 1U);
	if (!r->srtt_us) {			/* (2.2) */
		r->srtt_us = rtt_us;
		r->rttvar_us = rtt_us / 2;
		return;
	}
	diff = r->srtt_us > rtt_us ? r->srtt_us - rtt_us : rtt_us - r->srtt_us;
	r->rttvar_us = r->rttvar_us - r->rttvar_us / 4 + diff / 4;	/* (2.3) */
	r->srtt_us = r->srtt_us - r->srtt_us / 8 + rtt_us / 8;
}

/**
 * edutcp_rtt_rto_us() - RTO = SRTT + max(G, 4 * RTTVAR), clamped
 * @r: the estimate; without a sample yet the RTO is 1 second (2.1)
 * @g_us: G, the clock granularity
 * @min_us: the smallest RTO (RFC 6298 (2.4) says 1 s; Linux uses 200 ms)
 * @max_us: the largest RTO (2.5)
 *
 * Return: the RTO in microseconds.
 */
u32 edutcp_rtt_rto_us(const struct edutcp_rtt *r, u32 g_us, u32 min_us,
		      u32 max_us)
{
	u64 rto;

	if (!r->srtt_us)
		rto = 1000000;
	else
		rto = (u64)r->srtt_us + max_t(u64, g_us, 4ULL * r->rttvar_us);
	return clamp_t(u64, rto, min_us, max_us);
}

/**
 * edutcp_rto_backoff() - an RTO doubled @n times, never above the bound
 * @rto: the interval before the first resend, in jiffies
 * @n: resends so far
 *
 * RFC 6298 (5.5) doubles the RTO on each expiry and (2.5) lets a maximum
 * be placed on it (EDUTCP_RTO_MAX, Linux's 120 s). The one place where a
 * backed-off interval is computed: SYN+ACK resends and zero-window probes
 * take theirs from here, whatever the number of retries a sysctl allows.
 *
 * Return: min(@rto * 2^@n, EDUTCP_RTO_MAX).
 */
unsigned long edutcp_rto_backoff(unsigned long rto, unsigned int n)
{
	while (n-- && rto < EDUTCP_RTO_MAX)
		rto <<= 1;
	return min_t(unsigned long, rto, EDUTCP_RTO_MAX);
}
