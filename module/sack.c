// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: selective acknowledgment's two halves, as calculators that
 * decide and do nothing (recv.c and send.c carry them out):
 *
 *   the receiver's blocks (RFC 2018 §4): which text it holds out of
 *   order, the block of the segment that came last first, and a
 *   duplicate reported once in front of them (D-SACK, RFC 2883 §4);
 *
 *   the sender's scoreboard (RFC 6675 §3): the ranges above SND.UNA the
 *   receiver has, and from them IsLost(), the pipe (SetPipe()) and
 *   NextSeg() of RFC 6675 §4.
 *
 * All are in sequence numbers; a scoreboard range is [start, end).
 */
#include <linux/bits.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "stream.h"
#include "seq.h"

/* no block reaches further below SND.NXT than the largest window */
#define EDUTCP_SB_SPAN		BIT(30)

/* [a, b) and [c, d) overlap or touch: one block would hold both */
static bool edutcp_sack_meet(u32 a, u32 b, u32 c, u32 d)
{
	return seqno_le(a, d) && seqno_le(c, b);
}

static void edutcp_sack_rcv_del(struct edutcp_sack_rcv *r, unsigned int i)
{
	memmove(&r->blk[i], &r->blk[i + 1], (r->nr - i - 1) * sizeof(r->blk[0]));
	r->nr--;
}

/* Put [start, end), merged with every block it meets, first. */
static void edutcp_sack_rcv_front(struct edutcp_sack_rcv *r, u32 start, u32 end)
{
	unsigned int i = 0;

	while (i < r->nr) {
		if (edutcp_sack_meet(start, end, r->blk[i].start, r->blk[i].end)) {
			if (seqno_lt(r->blk[i].start, start))
				start = r->blk[i].start;
			if (seqno_gt(r->blk[i].end, end))
				end = r->blk[i].end;
			edutcp_sack_rcv_del(r, i);
		} else {
			i++;
		}
	}
	if (r->nr == EDUTCP_SACK_MAX)	/* the least recent goes */
		r->nr--;
	memmove(&r->blk[1], &r->blk[0], r->nr * sizeof(r->blk[0]));
	r->blk[0].start = start;
	r->blk[0].end = end;
	r->nr++;
}

/**
 * edutcp_sack_rcv_add() - text joined the out-of-order queue
 * @r: the receiver's blocks
 * @start: its first sequence number
 * @end: the one after its last
 *
 * RFC 2018 §4: the first block of the next ACK is the one that holds
 * it, blocks it joins become one; the others keep their order, the
 * oldest falling off when there are more than an option holds.
 */
void edutcp_sack_rcv_add(struct edutcp_sack_rcv *r, u32 start, u32 end)
{
	if (seqno_lt(start, end))
		edutcp_sack_rcv_front(r, start, end);
}

/**
 * edutcp_sack_rcv_dup() - text arrived that the receiver already had
 * @r: the receiver's blocks
 * @start: its first sequence number
 * @end: the one after its last
 *
 * RFC 2883 §4: the next ACK's first block reports it (once); when it
 * was held out of order, the block holding it comes second (§4 (3)).
 */
void edutcp_sack_rcv_dup(struct edutcp_sack_rcv *r, u32 start, u32 end)
{
	unsigned int i;

	if (!seqno_lt(start, end))
		return;
	r->dsack.start = start;
	r->dsack.end = end;
	r->has_dsack = 1;
	for (i = 0; i < r->nr; i++) {
		if (seqno_le(r->blk[i].start, start) &&
		    seqno_ge(r->blk[i].end, end)) {
			edutcp_sack_rcv_front(r, r->blk[i].start, r->blk[i].end);
			break;
		}
	}
}

/**
 * edutcp_sack_rcv_advance() - RCV.NXT moved: blocks it reached are gone
 * @r: the receiver's blocks
 * @rcv_nxt: RCV.NXT
 */
void edutcp_sack_rcv_advance(struct edutcp_sack_rcv *r, u32 rcv_nxt)
{
	unsigned int i = 0;

	while (i < r->nr) {
		if (seqno_le(r->blk[i].start, rcv_nxt))
			edutcp_sack_rcv_del(r, i);
		else
			i++;
	}
}

/**
 * edutcp_sack_rcv_clamp() - the queue gave up its text from @end on
 * @r: the receiver's blocks
 * @end: what the out-of-order queue still holds ends before it
 *
 * A block never reports text the receiver no longer has (it may drop
 * it, RFC 2018 §8, but must not claim it).
 */
void edutcp_sack_rcv_clamp(struct edutcp_sack_rcv *r, u32 end)
{
	unsigned int i = 0;

	while (i < r->nr) {
		if (!seqno_lt(r->blk[i].start, end)) {
			edutcp_sack_rcv_del(r, i);
			continue;
		}
		if (seqno_gt(r->blk[i].end, end))
			r->blk[i].end = end;
		i++;
	}
}

/**
 * edutcp_sack_rcv_fill() - the blocks of the SACK option of an ACK
 * @r: the receiver's blocks; a D-SACK is taken (sent once)
 * @out: room for @room blocks
 * @room: how many the option has room for
 *
 * Return: how many blocks were written, 0 for no option.
 */
unsigned int edutcp_sack_rcv_fill(struct edutcp_sack_rcv *r,
				  struct edutcp_sack_block *out,
				  unsigned int room)
{
	unsigned int n = 0, i;

	if (r->has_dsack && room) {
		out[n++] = r->dsack;
		r->has_dsack = 0;
	}
	for (i = 0; i < r->nr && n < room; i++)
		out[n++] = r->blk[i];
	return n;
}

/**
 * edutcp_sb_reset() - forget every SACK (a new connection, or RFC 2018
 *	§8 after a timeout the receiver may have reneged)
 * @sb: the scoreboard
 * @snd_una: SND.UNA
 */
void edutcp_sb_reset(struct edutcp_sb *sb, u32 snd_una)
{
	sb->nr = 0;
	sb->high_rxt = snd_una;
	sb->rescue_rxt = snd_una - 1;
}

static void edutcp_sb_del(struct edutcp_sb *sb, unsigned int i)
{
	memmove(&sb->r[i], &sb->r[i + 1], (sb->nr - i - 1) * sizeof(sb->r[0]));
	sb->nr--;
}

/* Drop what SND.UNA has passed: it is acknowledged for good. */
static void edutcp_sb_trim(struct edutcp_sb *sb, u32 snd_una)
{
	while (sb->nr && seqno_le(sb->r[0].end, snd_una))
		edutcp_sb_del(sb, 0);
	if (sb->nr && seqno_lt(sb->r[0].start, snd_una))
		sb->r[0].start = snd_una;
	if (seqno_lt(sb->high_rxt, snd_una))
		sb->high_rxt = snd_una;
}

/* Record [start, end); return the bytes of it not SACKed before. */
static u32 edutcp_sb_add(struct edutcp_sb *sb, u32 start, u32 end)
{
	u32 newly = end - start;
	unsigned int i = 0;

	while (i < sb->nr && seqno_lt(sb->r[i].end, start))
		i++;
	/* ranges i.. that meet it become one with it */
	while (i < sb->nr && seqno_le(sb->r[i].start, end)) {
		u32 lo = seqno_max(start, sb->r[i].start);
		u32 hi = seqno_min(end, sb->r[i].end);

		if (seqno_lt(lo, hi))
			newly -= hi - lo;
		start = seqno_min(start, sb->r[i].start);
		end = seqno_max(end, sb->r[i].end);
		edutcp_sb_del(sb, i);
	}
	if (sb->nr == EDUTCP_SB_MAX) {
		/* full: the highest range is the least useful to keep */
		if (i == sb->nr)
			return 0;
		sb->nr--;
	}
	memmove(&sb->r[i + 1], &sb->r[i], (sb->nr - i) * sizeof(sb->r[0]));
	sb->r[i].start = start;
	sb->r[i].end = end;
	sb->nr++;
	return newly;
}

/**
 * edutcp_sb_update() - take in the SACK blocks of an acceptable ACK
 * @sb: the scoreboard
 * @snd_una: SND.UNA, after the ACK's cumulative acknowledgment
 * @snd_nxt: SND.NXT
 * @blk: the option's blocks, in its order
 * @n: how many
 * @news: filled in: what was new, what was a D-SACK, what was ignored
 *
 * A block is trusted only for text that was sent and is not yet
 * acknowledged: one inverted or reaching past SND.NXT is ignored, and
 * counted (RFC 2018 gives a receiver no way to hold more). The first
 * block is a D-SACK (RFC 2883 §4) when it lies below SND.UNA or inside
 * the second; it is reported, not recorded.
 */
void edutcp_sb_update(struct edutcp_sb *sb, u32 snd_una, u32 snd_nxt,
		      const struct edutcp_sack_block *blk, unsigned int n,
		      struct edutcp_sb_news *news)
{
	unsigned int i;

	memset(news, 0, sizeof(*news));
	edutcp_sb_trim(sb, snd_una);
	for (i = 0; i < n; i++) {
		u32 start = blk[i].start, end = blk[i].end;

		if (!seqno_lt(start, end) || seqno_gt(end, snd_nxt) ||
		    snd_nxt - start > EDUTCP_SB_SPAN) {
			news->bad++;
			continue;
		}
		if (i == 0 && (seqno_le(end, snd_una) ||
			       (n > 1 && seqno_le(blk[1].start, start) &&
				seqno_le(end, blk[1].end) &&
				seqno_lt(blk[1].start, blk[1].end)))) {
			news->dsack = end - start;
			news->dsack_blk = blk[0];
			continue;
		}
		if (seqno_le(end, snd_una))	/* old news */
			continue;
		if (seqno_lt(start, snd_una))
			start = snd_una;
		news->newly += edutcp_sb_add(sb, start, end);
	}
}

/**
 * edutcp_sb_sacked() - is @seq SACKed?
 * @sb: the scoreboard
 * @seq: a sequence number at or above SND.UNA
 * @end: set to the end of the range holding @seq, or to the start of
 *	the next range (the end of the hole @seq is in) when there is one
 *
 * Return: true when a range holds @seq.
 */
bool edutcp_sb_sacked(const struct edutcp_sb *sb, u32 seq, u32 *end)
{
	unsigned int i;

	for (i = 0; i < sb->nr; i++) {
		if (seqno_lt(seq, sb->r[i].start)) {
			*end = sb->r[i].start;
			return false;
		}
		if (seqno_lt(seq, sb->r[i].end)) {
			*end = sb->r[i].end;
			return true;
		}
	}
	*end = seq;
	return false;
}

/* First range wholly above @seq, or sb->nr. */
static unsigned int edutcp_sb_above(const struct edutcp_sb *sb, u32 seq)
{
	unsigned int i = 0;

	while (i < sb->nr && seqno_le(sb->r[i].start, seq))
		i++;
	return i;
}

/**
 * edutcp_sb_is_lost() - RFC 6675 §4 IsLost(@seq)
 * @sb: the scoreboard
 * @seq: a sequence number not SACKed
 * @mss: SMSS
 *
 * Return: true when DupThresh discontiguous ranges above @seq are
 * SACKed, or more than (DupThresh - 1) * SMSS bytes are.
 */
bool edutcp_sb_is_lost(const struct edutcp_sb *sb, u32 seq, u32 mss)
{
	unsigned int i = edutcp_sb_above(sb, seq);
	u32 bytes = 0;

	if (sb->nr - i >= EDUTCP_DUPTHRESH)
		return true;
	for (; i < sb->nr; i++)
		bytes += sb->r[i].end - sb->r[i].start;
	return bytes > (EDUTCP_DUPTHRESH - 1) * mss;
}

/* Each hole below the highest SACKed byte: [*lo, *hi); false when done. */
static bool edutcp_sb_hole(const struct edutcp_sb *sb, unsigned int i,
			   u32 snd_una, u32 *lo, u32 *hi)
{
	if (i >= sb->nr)
		return false;
	*lo = i ? sb->r[i - 1].end : snd_una;
	*hi = sb->r[i].start;
	return true;
}

/**
 * edutcp_sb_pipe() - RFC 6675 §4 SetPipe(): bytes thought in the network
 * @sb: the scoreboard
 * @snd_una: SND.UNA (HighACK)
 * @snd_nxt: SND.NXT (HighData)
 * @mss: SMSS
 *
 * Every byte neither SACKed nor lost counts once; every byte sent again
 * (up to HighRxt) and not SACKed counts once more.
 *
 * Return: pipe, in bytes.
 */
u32 edutcp_sb_pipe(const struct edutcp_sb *sb, u32 snd_una, u32 snd_nxt,
		   u32 mss)
{
	u32 pipe = 0, lo, hi, top = snd_una;
	unsigned int i;

	for (i = 0; edutcp_sb_hole(sb, i, snd_una, &lo, &hi); i++) {
		if (!edutcp_sb_is_lost(sb, lo, mss))
			pipe += hi - lo;
		if (seqno_lt(lo, sb->high_rxt))
			pipe += seqno_min(hi, sb->high_rxt) - lo;
		top = sb->r[i].end;
	}
	/* above the highest SACKed byte nothing is lost */
	if (seqno_lt(top, snd_nxt)) {
		pipe += snd_nxt - top;
		if (seqno_lt(top, sb->high_rxt))
			pipe += seqno_min(snd_nxt, sb->high_rxt) - top;
	}
	return pipe;
}

/**
 * edutcp_sb_sacked_bytes() - bytes SACKed above SND.UNA
 * @sb: the scoreboard
 *
 * Return: their sum.
 */
u32 edutcp_sb_sacked_bytes(const struct edutcp_sb *sb)
{
	u32 bytes = 0;
	unsigned int i;

	for (i = 0; i < sb->nr; i++)
		bytes += sb->r[i].end - sb->r[i].start;
	return bytes;
}

/**
 * edutcp_sb_next_seg() - RFC 6675 §4 NextSeg(): what to send in recovery
 * @sb: the scoreboard
 * @snd_una: SND.UNA (HighACK)
 * @snd_nxt: SND.NXT (HighData)
 * @mss: SMSS
 * @new_ok: new data is queued and the receiver's window takes it
 * @seq: set to where a segment sent again starts
 * @len: set to its most bytes (a hole's rest, up to SMSS)
 *
 * (1) the first hole above HighRxt that IsLost(); else (2) new data;
 * else (3) the first hole above HighRxt; else (4) once per episode, the
 * last SMSS of what is unSACKed, to recover a lost tail.
 *
 * Return: which rule chose, EDUTCP_SB_NONE when none can.
 */
enum edutcp_sb_next edutcp_sb_next_seg(const struct edutcp_sb *sb,
				       u32 snd_una, u32 snd_nxt, u32 mss,
				       bool new_ok, u32 *seq, u32 *len)
{
	u32 lo, hi, s, first = 0, first_end = 0, top;
	bool have_first = false;
	unsigned int i;

	for (i = 0; edutcp_sb_hole(sb, i, snd_una, &lo, &hi); i++) {
		s = seqno_max(lo, sb->high_rxt);
		if (!seqno_lt(s, hi))
			continue;
		if (edutcp_sb_is_lost(sb, s, mss)) {
			*seq = s;
			*len = min(hi - s, mss);
			return EDUTCP_SB_LOST;
		}
		if (!have_first) {
			have_first = true;
			first = s;
			first_end = hi;
		}
	}
	if (new_ok)
		return EDUTCP_SB_NEW;
	if (have_first) {
		*seq = first;
		*len = min(first_end - first, mss);
		return EDUTCP_SB_HOLE;
	}
	if (!seqno_gt(snd_una, sb->rescue_rxt) || snd_una == snd_nxt)
		return EDUTCP_SB_NONE;
	/* the highest unSACKed byte: below SND.NXT or below a range */
	top = snd_nxt;
	for (i = sb->nr; i > 0 && sb->r[i - 1].end == top; i--)
		top = sb->r[i - 1].start;
	if (!seqno_gt(top, snd_una))
		return EDUTCP_SB_NONE;
	lo = i ? seqno_max(sb->r[i - 1].end, snd_una) : snd_una;
	*len = min(top - lo, mss);
	*seq = top - *len;
	return EDUTCP_SB_RESCUE;
}

/**
 * edutcp_undo_start() - a fast recovery began: remember the window
 * @u: the undo state
 * @cwnd: cwnd before the recovery cut it
 * @ssthresh: ssthresh before
 */
void edutcp_undo_start(struct edutcp_undo *u, u32 cwnd, u32 ssthresh)
{
	u->nr = 0;
	u->armed = 1;
	u->prior_cwnd = cwnd;
	u->prior_ssthresh = ssthresh;
}

/**
 * edutcp_undo_sent() - the recovery sent [@seq, @end) again
 * @u: the undo state
 * @seq: first sequence number
 * @end: the one after the last
 *
 * More resends than can be remembered: this recovery stays done.
 */
void edutcp_undo_sent(struct edutcp_undo *u, u32 seq, u32 end)
{
	if (!u->armed)
		return;
	if (u->nr == EDUTCP_UNDO_MAX) {
		u->armed = 0;
		return;
	}
	u->rtx[u->nr].start = seq;
	u->rtx[u->nr].end = end;
	u->nr++;
}

/**
 * edutcp_undo_dsack() - a D-SACK reported [@start, @end) received twice
 * @u: the undo state
 * @start: the block's left edge
 * @end: its right edge
 *
 * A resend the block lies in arrived beside its original: it was not
 * needed. RFC 2883 §5: when every resend of the recovery was so, the
 * segments were reordered, not lost.
 *
 * Return: true when that made the last of them: undo the recovery.
 */
bool edutcp_undo_dsack(struct edutcp_undo *u, u32 start, u32 end)
{
	unsigned int i;

	if (!u->armed)
		return false;
	for (i = 0; i < u->nr; i++) {
		if (seqno_le(u->rtx[i].start, start) &&
		    seqno_le(end, u->rtx[i].end))
			break;
	}
	if (i == u->nr)
		return false;
	u->rtx[i] = u->rtx[--u->nr];
	if (u->nr)
		return false;
	u->armed = 0;
	return true;
}
