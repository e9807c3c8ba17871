// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: CUBIC's window (RFC 9438), the second congestion control
 * beside NewReno; cc.c calls it where the two differ: the window a loss
 * leaves (§4.6, fast convergence §4.7) and growth in congestion
 * avoidance (§4.2-4.5). Slow start, recovery and the RTO are cc.c's,
 * the same for both. Windows in bytes, times in milliseconds, integers:
 *
 *   W_cubic(t) = C * (t - K)^3 + W_max        C = 0.4 segments / s^3
 *   K = cbrt((W_max - cwnd_epoch) / C)        beta_cubic = 0.7
 *   W_est += alpha_cubic * acked / cwnd       alpha_cubic = 3 * 0.3 / 1.7
 *
 * HyStart++ (RFC 9406) is not here: slow start ends at the first loss.
 */
#include <linux/math64.h>
#include <linux/minmax.h>

#include "stream.h"

/* C = 0.4 = 4/10; (t - K)^3 in ms^3 is 10^-9 s^3 */
#define CUBIC_C_NUM		4ULL
#define CUBIC_C_DEN		10ULL
/* beta_cubic = 0.7, alpha_cubic = 3 (1 - beta) / (1 + beta) = 9/17 */
#define CUBIC_BETA_NUM		7U
#define CUBIC_BETA_DEN		10U
#define CUBIC_ALPHA_NUM		9ULL
#define CUBIC_ALPHA_DEN		17ULL
/* |t - K| beyond this says nothing more: the window is at its cap */
#define CUBIC_MAX_MS		100000U

/**
 * edutcp_cbrt() - the integer cube root
 * @x: the number
 *
 * Return: the largest r with r^3 =< @x.
 */
u32 edutcp_cbrt(u64 x)
{
	u64 r = 0;
	int shift;

	/* bit by bit from the top (cbrt(2^64) < 2^22): t^3 =< x */
	for (shift = 21; shift >= 0; shift--) {
		u64 t = r | (1ULL << shift);

		if (t * t <= div64_u64(x, t))
			r = t;
	}
	return r;
}

/**
 * edutcp_cubic_k() - K, the time to climb back to W_max (RFC 9438 (2))
 * @w_max: W_max, bytes
 * @cwnd: cwnd when the epoch begins, bytes
 * @mss: SMSS
 *
 * Return: K in milliseconds, 0 when cwnd is at W_max or above.
 */
u32 edutcp_cubic_k(u32 w_max, u32 cwnd, u32 mss)
{
	if (cwnd >= w_max || !mss)
		return 0;
	/* (W_max - cwnd) / C segments, in ms^3: * 10^9 / 0.4 */
	return edutcp_cbrt(div_u64((u64)(w_max - cwnd) * 2500000000ULL, mss));
}

/**
 * edutcp_cubic_window() - W_cubic(t) (RFC 9438 (1))
 * @origin: W_max, or cwnd at the epoch's start when that was above it
 * @k_ms: K
 * @t_ms: time since the epoch began
 * @mss: SMSS
 *
 * Return: the window, bytes, at least one SMSS and at most 2^30.
 */
u32 edutcp_cubic_window(u32 origin, u32 k_ms, u32 t_ms, u32 mss)
{
	u32 d = t_ms > k_ms ? t_ms - k_ms : k_ms - t_ms;
	u64 d3, delta;

	d = min(d, CUBIC_MAX_MS);
	d3 = (u64)d * d * d;
	/* C * d^3 segments: 0.4 * d^3 / 10^9, times mss, in two steps */
	delta = div_u64(div_u64(d3 * CUBIC_C_NUM, 10000) * mss,
			CUBIC_C_DEN * 100000);
	if (t_ms >= k_ms)
		return min_t(u64, (u64)origin + delta, 1U << 30);
	return delta + mss >= origin ? mss : origin - delta;
}

/**
 * edutcp_cubic_loss() - a congestion event: RFC 9438 §4.6, §4.7
 * @cc: the state, cwnd as it was when the loss was seen
 *
 * W_max is the window the loss happened at, less when the window was
 * already below the last W_max (fast convergence: others are taking
 * bandwidth, so leave them some). The epoch ends.
 *
 * Return: the new ssthresh, cwnd * beta_cubic, at least 2 SMSS.
 */
u32 edutcp_cubic_loss(struct edutcp_cc *cc)
{
	cc->prior_w_max = cc->w_max;
	if (cc->cwnd < cc->w_max)
		cc->w_max = (u64)cc->cwnd * (CUBIC_BETA_DEN + CUBIC_BETA_NUM) /
			    (2 * CUBIC_BETA_DEN);
	else
		cc->w_max = cc->cwnd;
	cc->epoch_ms = 0;
	return max((u64)cc->cwnd * CUBIC_BETA_NUM / CUBIC_BETA_DEN,
		   2ULL * cc->mss);
}

/**
 * edutcp_cubic_ack() - congestion avoidance by CUBIC (RFC 9438 §4.2-4.5)
 * @cc: the state, cwnd at or above ssthresh
 * @acked: bytes the ACK acknowledged
 * @now_ms: a millisecond clock
 * @rtt_ms: the smoothed round-trip time
 *
 * The first ACK of an epoch starts it: K from W_max, W_est from cwnd.
 * cwnd then grows by (target - cwnd) / cwnd per segment acknowledged,
 * target being W_cubic one round trip ahead, held between cwnd and
 * 1.5 cwnd (§4.2); where W_est, Reno's window for the same losses, is
 * larger, cwnd is W_est (§4.3, the Reno-friendly region).
 */
void edutcp_cubic_ack(struct edutcp_cc *cc, u32 acked, u32 now_ms,
		      u32 rtt_ms)
{
	u32 target, t;
	u64 alpha_num = CUBIC_ALPHA_NUM, alpha_den = CUBIC_ALPHA_DEN;

	if (!cc->epoch_ms) {
		cc->epoch_ms = now_ms ?: 1;
		cc->k_ms = edutcp_cubic_k(cc->w_max, cc->cwnd, cc->mss);
		cc->origin = max(cc->w_max, cc->cwnd);
		cc->w_est = cc->cwnd;
	}
	t = now_ms - cc->epoch_ms + rtt_ms;
	target = edutcp_cubic_window(cc->origin, cc->k_ms, t, cc->mss);
	target = clamp_t(u64, target, cc->cwnd, (u64)cc->cwnd * 3 / 2);
	cc->cwnd += div_u64((u64)(target - cc->cwnd) * acked, cc->cwnd);
	/* §4.3: alpha_cubic until W_est reaches W_max, then Reno's 1 */
	if (cc->w_est >= cc->w_max) {
		alpha_num = 1;
		alpha_den = 1;
	}
	cc->w_est += div64_u64(alpha_num * acked * cc->mss,
			       alpha_den * cc->cwnd);
	if (cc->w_est > cc->cwnd)
		cc->cwnd = cc->w_est;
	cc->cwnd = min(cc->cwnd, 1U << 30);
}
