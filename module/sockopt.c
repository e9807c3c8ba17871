// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the socket options of level SOL_EDUTCP (or IPPROTO_TCP):
 * EDUTCP_NODELAY, EDUTCP_CORK (hold partial segments), EDUTCP_QUICKACK,
 * EDUTCP_MAXSEG (a bound on the MSS, set before connect or listen),
 * EDUTCP_USER_TIMEOUT (RFC 5482), the per-socket keepalive settings,
 * EDUTCP_CONGESTION ("reno" or "cubic") and EDUTCP_INFO,
 * a copy of the TCB for teaching tools; the same number at level
 * IPPROTO_TCP is TCP_INFO, a struct tcp_info. SOL_SOCKET options
 * (SO_SNDBUF, SO_RCVBUF, SO_KEEPALIVE, SO_LINGER, timeouts) are the socket
 * layer's; SO_KEEPALIVE reaches edutcp through proto.keepalive. SOL_IP
 * options (IP_TOS, IP_TTL, IP_MTU_DISCOVER, IP_MTU, ...) are the IPv4
 * layer's, handed to it as TCP hands them; output.c puts them in each
 * segment. And the ioctls that ask how much waits in the queues
 * (SIOCINQ, ...).
 */
#include <linux/in.h>
#include <linux/sockios.h>
#include <asm/ioctls.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include "edutcp.h"

/* The limits of TCP's own options (MAX_TCP_KEEPIDLE, ..._KEEPCNT). */
#define EDUTCP_KEEP_MAX_SECONDS	32767
#define EDUTCP_KEEP_MAX_COUNT	127
/* TCP_MAXSEG's: TCP_MIN_MSS and MAX_TCP_WINDOW */
#define EDUTCP_USER_MSS_MIN	88
#define EDUTCP_USER_MSS_MAX	32767
/* TCP_CA_NAME_MAX: the room TCP_CONGESTION's name has */
#define EDUTCP_CA_NAME_MAX	16

/*
 * TCP_CONGESTION: "reno" or "cubic" (cc.c, cubic.c); ENOENT, as TCP's,
 * for a name edutcp lacks. A connection takes it at once, its window
 * as it is, the new algorithm's state from the start (Linux's
 * tcp_reinit_congestion_control).
 */
static int edutcp_set_congestion(struct sock *sk, sockptr_t optval,
				 unsigned int optlen)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	char name[EDUTCP_CA_NAME_MAX] = { 0 };
	int algo;

	if (optlen < 1)
		return -EINVAL;
	if (copy_from_sockptr(name, optval, min_t(unsigned int, optlen,
						  sizeof(name) - 1)))
		return -EFAULT;
	algo = edutcp_cc_find(name);
	if (algo < 0)
		return algo;
	lock_sock(sk);
	es->ca_algo = algo;
	es->cc.algo = algo;
	es->cc.w_max = 0;
	es->cc.epoch_ms = 0;
	release_sock(sk);
	return 0;
}

/*
 * TCP_QUICKACK as Linux's: 0 takes the connection as interactive, so its
 * ACKs wait for answers to carry them; nonzero ends that and sends an
 * ACK owed now; an even value then goes back to waiting (Linux's
 * __tcp_sock_set_quickack), if one was owed. Quick-ACK mode itself is
 * ato.c's to enter.
 */
static void edutcp_set_quickack(struct sock *sk, int val)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	es->ato.pingpong = !val;
	if (!val || es->ack_sent == es->rcv_nxt ||
	    (es->state != EDUTCP_ESTABLISHED && es->state != EDUTCP_CLOSE_WAIT))
		return;
	edutcp_ack_owed_now(sk);
	if (!(val & 1))
		es->ato.pingpong = 1;
}

static bool edutcp_level_ok(int level)
{
	return level == SOL_EDUTCP || level == IPPROTO_TCP;
}

int edutcp_setsockopt(struct socket *sock, int level, int optname,
		      sockptr_t optval, unsigned int optlen)
{
	struct sock *sk = sock->sk;
	struct edutcp_sock *es = edutcp_sk(sk);
	int val, err = 0;

	if (level == SOL_IP)	/* the IPv4 layer's, as TCP hands them on */
		return ip_setsockopt(sk, level, optname, optval, optlen);
	if (!edutcp_level_ok(level))
		return -ENOPROTOOPT;
	if (optname == EDUTCP_CONGESTION)
		return edutcp_set_congestion(sk, optval, optlen);
	if (optlen < sizeof(int))
		return -EINVAL;
	if (copy_from_sockptr(&val, optval, sizeof(val)))
		return -EFAULT;
	lock_sock(sk);
	switch (optname) {
	case EDUTCP_NODELAY:
		es->nodelay = !!val;
		if (val)	/* what Nagle or a cork held goes now, as TCP's */
			edutcp_push_as(sk, EDUTCP_PUSH_FLUSH);
		break;
	case EDUTCP_CORK:
		es->cork = !!val;
		if (!val)	/* the partial segment goes, if Nagle lets it */
			edutcp_push(sk);
		break;
	case EDUTCP_QUICKACK:
		edutcp_set_quickack(sk, val);
		break;
	case EDUTCP_MAXSEG:	/* 0: no bound; used when connecting */
		if (val && (val < EDUTCP_USER_MSS_MIN ||
			    val > EDUTCP_USER_MSS_MAX))
			err = -EINVAL;
		else
			es->user_mss = val;
		break;
	case EDUTCP_USER_TIMEOUT:	/* RFC 5482; 0: none (timer.c) */
		if (val < 0)
			err = -EINVAL;
		else
			es->user_timeout = val;
		break;
	case EDUTCP_KEEPIDLE:
		if (val < 1 || val > EDUTCP_KEEP_MAX_SECONDS) {
			err = -EINVAL;
			break;
		}
		es->ka_idle = val;
		if (sock_flag(sk, SOCK_KEEPOPEN))
			edutcp_keepalive(sk, 1);
		break;
	case EDUTCP_KEEPINTVL:
		if (val < 1 || val > EDUTCP_KEEP_MAX_SECONDS)
			err = -EINVAL;
		else
			es->ka_intvl = val;
		break;
	case EDUTCP_KEEPCNT:
		if (val < 1 || val > EDUTCP_KEEP_MAX_COUNT)
			err = -EINVAL;
		else
			es->ka_cnt = val;
		break;
	default:
		err = -ENOPROTOOPT;
	}
	release_sock(sk);
	return err;
}

static void edutcp_fill_info(struct sock *sk, struct edutcp_info *info)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	memset(info, 0, sizeof(*info));
	/* the uapi's numbers are the module's own (fsm.h), state by state */
	BUILD_BUG_ON((int)EDUTCP_STATE_CLOSED != EDUTCP_CLOSED);
	BUILD_BUG_ON((int)EDUTCP_STATE_LISTEN != EDUTCP_LISTEN);
	BUILD_BUG_ON((int)EDUTCP_STATE_SYN_SENT != EDUTCP_SYN_SENT);
	BUILD_BUG_ON((int)EDUTCP_STATE_SYN_RECEIVED != EDUTCP_SYN_RCVD);
	BUILD_BUG_ON((int)EDUTCP_STATE_ESTABLISHED != EDUTCP_ESTABLISHED);
	BUILD_BUG_ON((int)EDUTCP_STATE_FIN_WAIT_1 != EDUTCP_FIN_WAIT_1);
	BUILD_BUG_ON((int)EDUTCP_STATE_FIN_WAIT_2 != EDUTCP_FIN_WAIT_2);
	BUILD_BUG_ON((int)EDUTCP_STATE_CLOSE_WAIT != EDUTCP_CLOSE_WAIT);
	BUILD_BUG_ON((int)EDUTCP_STATE_CLOSING != EDUTCP_CLOSING);
	BUILD_BUG_ON((int)EDUTCP_STATE_LAST_ACK != EDUTCP_LAST_ACK);
	BUILD_BUG_ON((int)EDUTCP_STATE_TIME_WAIT != EDUTCP_TIME_WAIT);
	BUILD_BUG_ON(EDUTCP_STATE_TIME_WAIT + 1 != EDUTCP_NR_STATES);
	info->state = es->state;
	info->iss = es->iss;
	info->irs = es->irs;
	info->snd_una = es->snd_una;
	info->snd_nxt = es->snd_nxt;
	info->rcv_nxt = es->rcv_nxt;
	info->snd_wnd = es->snd_wnd;
	info->rcv_wnd = edutcp_rcv_wnd_offered(es);
	info->snd_mss = es->mss;
	info->rcv_mss = es->rcv_mss;
	info->srtt_us = es->rtt.srtt_us;
	info->rttvar_us = es->rtt.rttvar_us;
	info->rto_us = jiffies_to_usecs(es->rto);
	info->cwnd = es->cc.cwnd;
	info->ssthresh = es->cc.ssthresh;
	info->retransmits = es->retries;
	info->total_retrans = es->total_retrans;
	info->unacked = edutcp_in_flight(es);
	info->probes = es->probes;
	info->bytes_acked = es->bytes_acked;
	info->bytes_received = es->bytes_received;
	if (es->wscale_ok && es->synced) {
		info->options |= EDUTCP_INFO_OPT_WSCALE;
		info->snd_wscale = es->snd_wscale;
		info->rcv_wscale = es->rcv_wscale;
	}
	if (es->ts_ok && es->synced)
		info->options |= EDUTCP_INFO_OPT_TIMESTAMPS;
	if (es->sack_ok && es->synced)
		info->options |= EDUTCP_INFO_OPT_SACK;
}

/* TCP's "no threshold yet" in tcp_info (net/tcp.h's value) */
#define EDUTCP_INFINITE_SSTHRESH	0x7fffffff

/* edutcp's states by TCP's numbers, for struct tcp_info */
static const u8 edutcp_tcp_state[EDUTCP_NR_STATES] = {
	[EDUTCP_CLOSED] = TCP_CLOSE,		[EDUTCP_LISTEN] = TCP_LISTEN,
	[EDUTCP_SYN_SENT] = TCP_SYN_SENT,	[EDUTCP_SYN_RCVD] = TCP_SYN_RECV,
	[EDUTCP_ESTABLISHED] = TCP_ESTABLISHED,
	[EDUTCP_FIN_WAIT_1] = TCP_FIN_WAIT1,	[EDUTCP_FIN_WAIT_2] = TCP_FIN_WAIT2,
	[EDUTCP_CLOSE_WAIT] = TCP_CLOSE_WAIT,	[EDUTCP_CLOSING] = TCP_CLOSING,
	[EDUTCP_LAST_ACK] = TCP_LAST_ACK,	[EDUTCP_TIME_WAIT] = TCP_TIME_WAIT,
};

/*
 * TCP_INFO at level IPPROTO_TCP: struct tcp_info, as programs written for
 * TCP read it (iperf3, ss), filled with what edutcp knows; windows in
 * segments as TCP counts them, the options negotiated in tcpi_options.
 * At level SOL_EDUTCP the same number stays EDUTCP_INFO.
 */
static void edutcp_fill_tcp_info(struct sock *sk, struct tcp_info *ti)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 mss = max_t(u32, es->mss, 1);

	memset(ti, 0, sizeof(*ti));
	ti->tcpi_state = edutcp_tcp_state[es->state];
	ti->tcpi_retransmits = es->retries;
	ti->tcpi_probes = es->probes;
	ti->tcpi_backoff = es->retries;
	ti->tcpi_rto = jiffies_to_usecs(es->rto);
	ti->tcpi_ato = jiffies_to_usecs(es->ato.ato);
	ti->tcpi_snd_mss = es->mss;
	ti->tcpi_rcv_mss = es->rcv_mss;
	ti->tcpi_advmss = es->mss;
	ti->tcpi_pmtu = es->mss + sizeof(struct iphdr) + EDUTCP_HDR_LEN +
			(es->ts_ok && es->synced ? EDUTCP_TS_ALIGNED : 0);
	ti->tcpi_unacked = DIV_ROUND_UP(edutcp_in_flight(es), mss);
	ti->tcpi_rtt = es->rtt.srtt_us;
	ti->tcpi_rttvar = es->rtt.rttvar_us;
	ti->tcpi_snd_cwnd = es->cc.cwnd / mss;
	ti->tcpi_snd_ssthresh = min_t(u32, es->cc.ssthresh / mss,
				      EDUTCP_INFINITE_SSTHRESH);
	ti->tcpi_rcv_space = edutcp_rcv_wnd_offered(es);
	ti->tcpi_rcv_ssthresh = ti->tcpi_rcv_space;
	ti->tcpi_total_retrans = es->total_retrans;
	ti->tcpi_bytes_acked = es->bytes_acked;
	ti->tcpi_bytes_received = es->bytes_received;
	ti->tcpi_snd_wnd = es->snd_wnd;
	if (es->wscale_ok && es->synced) {
		ti->tcpi_options |= TCPI_OPT_WSCALE;
		ti->tcpi_snd_wscale = es->snd_wscale;
		ti->tcpi_rcv_wscale = es->rcv_wscale;
	}
	if (es->ts_ok && es->synced)
		ti->tcpi_options |= TCPI_OPT_TIMESTAMPS;
	if (es->sack_ok && es->synced)
		ti->tcpi_options |= TCPI_OPT_SACK;
}

/* A struct (or a name) for getsockopt: as much of it as @len asks. */
static int edutcp_put_opt(char __user *optval, int __user *optlen, int len,
			  const void *src, unsigned int size)
{
	len = min_t(unsigned int, len, size);
	if (put_user(len, optlen) || copy_to_user(optval, src, len))
		return -EFAULT;
	return 0;
}

int edutcp_getsockopt(struct socket *sock, int level, int optname,
		      char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct edutcp_sock *es = edutcp_sk(sk);
	struct edutcp_sysctl *sc = edutcp_sysctls(sk);
	struct edutcp_info info;
	struct tcp_info ti;
	int len, val;

	if (level == SOL_IP)
		return ip_getsockopt(sk, level, optname, optval, optlen);
	if (!edutcp_level_ok(level))
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	switch (optname) {
	case EDUTCP_INFO:
		lock_sock(sk);
		if (level == IPPROTO_TCP)	/* TCP_INFO */
			edutcp_fill_tcp_info(sk, &ti);
		else
			edutcp_fill_info(sk, &info);
		release_sock(sk);
		if (level == IPPROTO_TCP)
			return edutcp_put_opt(optval, optlen, len, &ti, sizeof(ti));
		return edutcp_put_opt(optval, optlen, len, &info, sizeof(info));
	case EDUTCP_CONGESTION: {
		char name[EDUTCP_CA_NAME_MAX] = { 0 };

		strscpy(name, edutcp_cc_name(READ_ONCE(es->ca_algo)),
			sizeof(name));
		return edutcp_put_opt(optval, optlen, len, name, sizeof(name));
	}
	case EDUTCP_NODELAY:
		val = es->nodelay;
		break;
	case EDUTCP_CORK:
		val = es->cork;
		break;
	case EDUTCP_QUICKACK:	/* as Linux answers: not interactive */
		val = !es->ato.pingpong;
		break;
	case EDUTCP_MAXSEG:	/* the MSS in use once connected, as TCP's */
		if (edutcp_synchronized(READ_ONCE(es->state)))
			val = READ_ONCE(es->mss);
		else
			val = es->user_mss ?: EDUTCP_DEFAULT_MSS;
		break;
	case EDUTCP_USER_TIMEOUT:
		val = es->user_timeout;
		break;
	case EDUTCP_KEEPIDLE:
		val = es->ka_idle ?: READ_ONCE(sc->keepalive_time);
		break;
	case EDUTCP_KEEPINTVL:
		val = es->ka_intvl ?: READ_ONCE(sc->keepalive_intvl);
		break;
	case EDUTCP_KEEPCNT:
		val = es->ka_cnt ?: READ_ONCE(sc->keepalive_probes);
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (len < sizeof(int))
		return -EINVAL;
	len = sizeof(int);
	if (put_user(len, optlen) || copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

/*
 * Text the user has not read yet: the receive queue holds in-order text
 * only, from copied_seq to the end of its last entry (a FIN adds none).
 */
static int edutcp_inq(struct sock *sk)
{
	struct sk_buff *skb = skb_peek_tail(&sk->sk_receive_queue);

	return skb ? EDUTCP_SKB_CB(skb)->end_seq - edutcp_sk(sk)->copied_seq : 0;
}

/**
 * edutcp_ioctl() - the socket's ioctls, as TCP answers them
 * @sock: the socket
 * @cmd: SIOCINQ (FIONREAD): text waiting to be read; SIOCOUTQ: text sent
 *	or not, not yet acknowledged; SIOCOUTQNSD: text not yet sent
 * @arg: where the int goes
 *
 * Return: 0; -EINVAL on a listener, as TCP; -ENOIOCTLCMD for the rest,
 * which the socket layer then offers to the devices (SIOCGIFADDR, ...).
 */
int edutcp_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct sock *sk = sock->sk;
	struct edutcp_sock *es = edutcp_sk(sk);
	int answ;
	u32 end;

	if (cmd == SIOCATMARK)	/* the next byte to read is the urgent one */
		return put_user(edutcp_urg_at_mark(es), (int __user *)arg);
	if (cmd != SIOCINQ && cmd != SIOCOUTQ && cmd != SIOCOUTQNSD)
		return -ENOIOCTLCMD;
	lock_sock(sk);
	if (es->state == EDUTCP_LISTEN) {
		release_sock(sk);
		return -EINVAL;
	}
	/* a FIN queued is not text: the text ends before it */
	end = es->write_seq - es->fin_queued;
	if (!edutcp_synchronized(es->state))
		answ = 0;	/* SYN_SENT, SYN_RCVD: none yet, as TCP */
	else if (cmd == SIOCINQ)
		answ = edutcp_inq(sk);
	else	/* after SND.UNA, or after SND.NXT */
		answ = max_t(s32, end - (cmd == SIOCOUTQ ? es->snd_una :
					  es->snd_nxt), 0);
	release_sock(sk);
	return put_user(answ, (int __user *)arg);
}
