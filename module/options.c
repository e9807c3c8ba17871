// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the header's options (RFC 9293 §3.2), read and written in one
 * place: the option list of an arriving segment (edutcp_parse_options),
 * the options of a SYN or SYN+ACK going out (edutcp_write_options), and
 * the window scale a receive buffer asks for (RFC 7323 §2.3).
 *
 *   kind 0   end of option list
 *   kind 1   no-operation (padding)
 *   kind 2   maximum segment size, length 4, SYN only (RFC 9293 §3.7.1)
 *   kind 3   window scale, length 3, SYN only (RFC 7323 §2)
 *   kind 4   SACK permitted, length 2, SYN only (RFC 2018 §2)
 *   kind 5   SACK, length 2 + 8 per block, 1 to 4 blocks, not on a SYN
 *            (RFC 2018 §3)
 *   kind 8   timestamps, length 10: TSval, TSecr (RFC 7323 §3), any
 *            segment
 *
 * Every other kind is skipped by its length (MUST-6). An option whose
 * length cannot be (under 2, past the end of the header) ends the list
 * (MUST-7): what came before it stands, nothing after it is read. A
 * known kind with the wrong length is not that option.
 */
#include "edutcp.h"
#include "compat.h"

#define EDUTCP_OPT_EOL		0
#define EDUTCP_OPT_NOP		1
#define EDUTCP_OPT_MSS_KIND	2
#define EDUTCP_OPT_WS_KIND	3
#define EDUTCP_OPT_SACK_PERM_KIND	4
#define EDUTCP_OPT_SACK_KIND	5
#define EDUTCP_OPT_TS_KIND	8

/* SACK: its kind and length, then 8 bytes per block */
#define EDUTCP_SACK_BASE	2
#define EDUTCP_SACK_PER		8

static void edutcp_parse_sack(const u8 *p, u8 size, struct edutcp_opts *o)
{
	unsigned int i;

	o->nr_sack = (size - EDUTCP_SACK_BASE) / EDUTCP_SACK_PER;
	for (i = 0; i < o->nr_sack; i++, p += EDUTCP_SACK_PER) {
		o->sack[i].start = get_unaligned_be32(p);
		o->sack[i].end = get_unaligned_be32(p + 4);
	}
	o->has |= EDUTCP_OPT_SACK;
}

/**
 * edutcp_parse_options() - read the option list of a segment
 * @p: the first byte after the fixed header
 * @len: bytes of options (data offset less 20)
 * @syn: the segment carries SYN: MSS and window scale count only there
 *	(RFC 9293 §3.7.1, RFC 7323 §2.2 "MUST be ignored" elsewhere);
 *	timestamps count on any segment
 * @o: filled in; an option that is absent or not valid leaves its bit of
 *	@o->has clear
 *
 * A shift count above 14 is taken as 14 (RFC 7323 §2.3, MUST). The
 * first of two options of one kind counts. SACK blocks are read as they
 * are; whether they make sense is the scoreboard's question (sack.c).
 */
void edutcp_parse_options(const u8 *p, int len, bool syn,
			  struct edutcp_opts *o)
{
	u8 kind, size;

	memset(o, 0, sizeof(*o));
	while (len > 0) {
		kind = p[0];
		if (kind == EDUTCP_OPT_EOL)
			break;
		if (kind == EDUTCP_OPT_NOP) {
			p++;
			len--;
			continue;
		}
		if (len < 2)
			break;
		size = p[1];
		if (size < 2 || size > len)
			break;
		if (syn && kind == EDUTCP_OPT_MSS_KIND && size == 4 &&
		    !(o->has & EDUTCP_OPT_MSS)) {
			o->mss = get_unaligned_be16(p + 2);
			o->has |= EDUTCP_OPT_MSS;
		} else if (syn && kind == EDUTCP_OPT_WS_KIND && size == 3 &&
			   !(o->has & EDUTCP_OPT_WSCALE)) {
			o->wscale = min_t(u8, p[2], EDUTCP_MAX_WSCALE);
			o->has |= EDUTCP_OPT_WSCALE;
		} else if (syn && kind == EDUTCP_OPT_SACK_PERM_KIND &&
			   size == 2) {
			o->has |= EDUTCP_OPT_SACK_PERM;
		} else if (!syn && kind == EDUTCP_OPT_SACK_KIND &&
			   size > EDUTCP_SACK_BASE &&
			   !((size - EDUTCP_SACK_BASE) % EDUTCP_SACK_PER) &&
			   size <= EDUTCP_SACK_BASE +
				   EDUTCP_SACK_MAX * EDUTCP_SACK_PER &&
			   !(o->has & EDUTCP_OPT_SACK)) {
			edutcp_parse_sack(p + 2, size, o);
		} else if (kind == EDUTCP_OPT_TS_KIND &&
			   size == EDUTCP_TS_LEN && !(o->has & EDUTCP_OPT_TS)) {
			o->tsval = get_unaligned_be32(p + 2);
			o->tsecr = get_unaligned_be32(p + 6);
			o->has |= EDUTCP_OPT_TS;
		}
		p += size;
		len -= size;
	}
}

/**
 * edutcp_options_len() - bytes the options of @o take in a header
 * @o: the options to send, or NULL for none
 *
 * Return: a multiple of 4 (the data offset counts words), at most 40.
 */
unsigned int edutcp_options_len(const struct edutcp_opts *o)
{
	unsigned int n = 0;

	if (!o)
		return 0;
	if (o->has & EDUTCP_OPT_MSS)
		n += 4;
	if (o->has & EDUTCP_OPT_TS)
		n += 2 + EDUTCP_TS_LEN;	/* two NOPs (or SACK permitted), kind 8 */
	if ((o->has & EDUTCP_OPT_SACK_PERM) && !(o->has & EDUTCP_OPT_TS))
		n += 4;		/* two NOPs, then kind 4 */
	if (o->has & EDUTCP_OPT_WSCALE)
		n += 4;		/* NOP, then kind 3 of 3 bytes */
	if ((o->has & EDUTCP_OPT_SACK) && o->nr_sack)
		n += 2 + EDUTCP_SACK_BASE + o->nr_sack * EDUTCP_SACK_PER;
	return n;
}

/**
 * edutcp_write_options() - write the options of @o after a header
 * @p: where the options go, room for edutcp_options_len(@o) bytes
 * @o: the options, or NULL for none
 *
 * In Linux's order (MSS first; SACK permitted, in the place of the
 * two NOPs before the timestamps when both go; the window scale after
 * one NOP; SACK blocks after two), so a capture of edutcp's SYN lines
 * up with TCP's, and the timestamps' and blocks' words are aligned.
 */
void edutcp_write_options(u8 *p, const struct edutcp_opts *o)
{
	unsigned int i;

	if (!o)
		return;
	if (o->has & EDUTCP_OPT_MSS) {
		p[0] = EDUTCP_OPT_MSS_KIND;
		p[1] = 4;
		put_unaligned_be16(o->mss, p + 2);
		p += 4;
	}
	if ((o->has & EDUTCP_OPT_SACK_PERM) && !(o->has & EDUTCP_OPT_TS)) {
		p[0] = EDUTCP_OPT_NOP;
		p[1] = EDUTCP_OPT_NOP;
		p[2] = EDUTCP_OPT_SACK_PERM_KIND;
		p[3] = 2;
		p += 4;
	}
	if (o->has & EDUTCP_OPT_TS) {
		p[0] = EDUTCP_OPT_NOP;
		p[1] = EDUTCP_OPT_NOP;
		if (o->has & EDUTCP_OPT_SACK_PERM) {
			p[0] = EDUTCP_OPT_SACK_PERM_KIND;
			p[1] = 2;
		}
		p[2] = EDUTCP_OPT_TS_KIND;
		p[3] = EDUTCP_TS_LEN;
		put_unaligned_be32(o->tsval, p + 4);
		put_unaligned_be32(o->tsecr, p + 8);
		p += 2 + EDUTCP_TS_LEN;
	}
	if (o->has & EDUTCP_OPT_WSCALE) {
		p[0] = EDUTCP_OPT_NOP;
		p[1] = EDUTCP_OPT_WS_KIND;
		p[2] = 3;
		p[3] = o->wscale;
		p += 4;
	}
	if ((o->has & EDUTCP_OPT_SACK) && o->nr_sack) {
		p[0] = EDUTCP_OPT_NOP;
		p[1] = EDUTCP_OPT_NOP;
		p[2] = EDUTCP_OPT_SACK_KIND;
		p[3] = EDUTCP_SACK_BASE + o->nr_sack * EDUTCP_SACK_PER;
		for (i = 0, p += 4; i < o->nr_sack; i++, p += EDUTCP_SACK_PER) {
			put_unaligned_be32(o->sack[i].start, p);
			put_unaligned_be32(o->sack[i].end, p + 4);
		}
	}
}

/**
 * edutcp_sack_room() - how many SACK blocks fit beside the other options
 * @o: the options going out so far
 *
 * Return: blocks, at most EDUTCP_SACK_MAX: what the 40 bytes of options
 * leave after the others, the option's two NOPs, kind and length.
 */
unsigned int edutcp_sack_room(const struct edutcp_opts *o)
{
	unsigned int used = edutcp_options_len(o) + 2 + EDUTCP_SACK_BASE;

	if (used >= EDUTCP_MAX_OPTIONS)
		return 0;
	return min_t(unsigned int, (EDUTCP_MAX_OPTIONS - used) / EDUTCP_SACK_PER,
		     EDUTCP_SACK_MAX);
}

/**
 * edutcp_wscale_for() - the shift count a receive window needs
 * @max_window: the largest window the receiver may ever offer, bytes
 *
 * Return: the smallest shift with 65535 << shift >= @max_window, at
 * most 14 (RFC 7323 §2.3: a window of at most 2^30 bytes).
 */
u8 edutcp_wscale_for(u32 max_window)
{
	u8 shift = 0;

	while (shift < EDUTCP_MAX_WSCALE &&
	       ((u64)EDUTCP_MAX_WINDOW << shift) < max_window)
		shift++;
	return shift;
}
