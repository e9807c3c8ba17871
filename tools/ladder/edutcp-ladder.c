// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp-ladder: one connection of an edutcp trace drawn as a ladder
 * diagram, the way textbooks draw TCP: the client's line on the left, the
 * server's on the right, each segment an arrow labelled with its flags,
 * its seq and ack (absolute, and relative to the ISNs: x is the client's,
 * y the server's), each side's state beside the steps, TIME_WAIT and its
 * 2MSL. A segment that left and never arrived ends in an X; one a lesson
 * rule held (docs/lessons.md) stops half way with "held" and arrives
 * later as an arrow of its own, "late"; a lesson's copy arrives as
 * "copy".
 *
 *   edutcp-ladder [-t] [-r MS] [-p PORT] [-s FILE.svg] [TRACE]
 *
 * TRACE (default: standard input) is the text of /sys/kernel/tracing/trace,
 * of trace-cmd report or of perf script, with the edutcp events
 * set_state, segment_send, segment_recv, synq_add, synq_drop and
 * timewait_enter/expire enabled (and lesson, for what lesson rules
 * did). The connection drawn is the first one whose SYN the trace shows
 * (-p: the first from or to local port PORT).
 * -t adds the time of each step, in seconds from the first; -r MS does
 * so too, but counts from the first segment and rounds each time to MS
 * milliseconds (the steps before the first segment get none): what a
 * golden file compares, since a slow VM moves the times a little but
 * not the backoff of 1 s or the 2MSL of TIME_WAIT. -s also writes the
 * drawing as SVG.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_EVENTS 4096
#define MAX_ROWS 4096
#define STATE_W 12

enum ev_type { E_STATE, E_SEND, E_RECV, E_SYNQ_ADD, E_SYNQ_DROP, E_TW_ENTER,
	       E_TW_EXPIRE, E_LESSON };

struct ev {
	enum ev_type type;
	double t;
	char src[32], dst[32];	/* addr:port; for a socket, local first */
	char flags[32], from[16], to[16], why[64];
	unsigned int seq, ack, len, ms;
	int used;
};

enum row_type { R_STATE, R_SEG, R_NOTE };
enum { CLIENT, SERVER };

struct row {
	enum row_type type;
	double t;
	char state[2][16];	/* R_STATE: a side's new state, or "" */
	int side;		/* R_SEG: the sender; R_NOTE: whose note */
	int lost, held;
	char text[128];		/* R_SEG: the label; R_NOTE: the note */
};

static struct ev evs[MAX_EVENTS];
static int nev;
static struct row rows[MAX_ROWS];
static int nrow;
static char ends[2][32];	/* client and server addr:port */
static unsigned int isn[2];
static char state[2][16];	/* each side's state so far */
static int isn_known[2];
static int lessons_seen;	/* the trace has edutcp_lesson events */

static const char *port_of(const char *ep)
{
	const char *c = strrchr(ep, ':');

	return c ? c + 1 : "";
}

/*
 * The time stamp of a trace line: the last "secs.usecs:" word before the
 * event (tracefs, trace-cmd report and perf script all write one).
 */
static double stamp(const char *line, const char *event)
{
	const char *p = line, *w;
	double t = 0;

	while (p < event) {
		while (p < event && *p == ' ')
			p++;
		w = p;
		while (p < event && *p != ' ')
			p++;
		if (p - w > 2 && p[-1] == ':' && w[0] >= '0' && w[0] <= '9' &&
		    memchr(w, '.', p - w))
			t = atof(w);
	}
	return t;
}

/* One line of the trace into evs[], if it is an event drawn here. */
static void parse(const char *line)
{
	static const struct { const char *name; enum ev_type type; } names[] = {
		{ "edutcp_set_state: ", E_STATE },
		{ "edutcp_segment_send: ", E_SEND },
		{ "edutcp_segment_recv: ", E_RECV },
		{ "edutcp_synq_add: ", E_SYNQ_ADD },
		{ "edutcp_synq_drop: ", E_SYNQ_DROP },
		{ "edutcp_timewait_enter: ", E_TW_ENTER },
		{ "edutcp_timewait_expire: ", E_TW_EXPIRE },
		{ "edutcp_lesson: ", E_LESSON },
	};
	struct ev *e = &evs[nev];
	const char *at = NULL, *f;
	unsigned int i;
	int n = 0;

	if (nev == MAX_EVENTS)
		return;
	for (i = 0; i < ARRAY_SIZE(names) && !at; i++)
		at = strstr(line, names[i].name);
	if (!at)
		return;
	memset(e, 0, sizeof(*e));
	e->type = names[i - 1].type;
	e->t = stamp(line, at);
	f = at + strlen(names[i - 1].name);
	while (*f == ' ')	/* trace-cmd report pads short event names */
		f++;
	switch (e->type) {
	case E_STATE:
		n = sscanf(f, "sock=%*u %31s -> %31s %15s -> %15s", e->src,
			   e->dst, e->from, e->to) == 4;
		break;
	case E_SEND:
	case E_RECV:
		n = sscanf(f, "sock=%*u %31s -> %31s [%31[^]]] seq=%u ack=%u win=%*u len=%u",
			   e->src, e->dst, e->flags, &e->seq, &e->ack,
			   &e->len) == 6;
		break;
	case E_SYNQ_ADD:
		n = sscanf(f, "listener=%*u from %31s", e->src) == 1;
		break;
	case E_SYNQ_DROP:
		n = sscanf(f, "listener=%*u from %31s reason=%63[^\n]", e->src,
			   e->why) == 2;
		break;
	case E_TW_ENTER:
		n = sscanf(f, "sock=%*u %31s -> %31s 2MSL=%ums", e->src, e->dst,
			   &e->ms) == 3;
		break;
	case E_TW_EXPIRE:
		n = sscanf(f, "sock=%*u %31s -> %31s TIME_WAIT -> CLOSED reason=%63s",
			   e->src, e->dst, e->why) == 3;
		break;
	case E_LESSON:	/* the action in why: drop, hold or dup */
		n = sscanf(f, "rule=%*u %63s %*s %31s -> %31s [%31[^]]] seq=%u ack=%u len=%u",
			   e->why, e->src, e->dst, e->flags, &e->seq, &e->ack,
			   &e->len) == 7;
		break;
	}
	if (n)
		lessons_seen |= evs[nev++].type == E_LESSON;
}

/* Which side an event's (local, remote) pair belongs to, or -1. */
static int side_of(const char *local, const char *remote)
{
	if (!strcmp(local, ends[CLIENT]) && !strcmp(remote, ends[SERVER]))
		return CLIENT;
	if (!strcmp(local, ends[SERVER]) && !strcmp(remote, ends[CLIENT]))
		return SERVER;
	return -1;
}

/* Is this the server's listener (local *:port or addr:port, remote *:0)? */
static int is_listener(const struct ev *e)
{
	const char *addr_end = strrchr(ends[SERVER], ':');
	size_t alen = addr_end - ends[SERVER];

	return !strcmp(e->dst, "0.0.0.0:0") &&
	       !strcmp(port_of(e->src), port_of(ends[SERVER])) &&
	       (!strncmp(e->src, "0.0.0.0:", 8) ||
		(!strncmp(e->src, ends[SERVER], alen) && e->src[alen] == ':'));
}

static struct row *new_row(enum row_type type, double t)
{
	struct row *r = &rows[nrow < MAX_ROWS - 1 ? nrow++ : nrow];

	memset(r, 0, sizeof(*r));
	r->type = type;
	r->t = t;
	return r;
}

/* A side's state changes: on the last row if that row has room for it. */
static void state_row(int side, const char *s, double t)
{
	struct row *last = nrow ? &rows[nrow - 1] : NULL;

	snprintf(state[side], sizeof(state[side]), "%s", s);
	if (!last || last->type != R_STATE || last->state[side][0])
		last = new_row(R_STATE, t);
	snprintf(last->state[side], sizeof(last->state[side]), "%s", s);
}

static void note_row(int side, double t, const char *text)
{
	struct row *r = new_row(R_NOTE, t);

	r->side = side;
	snprintf(r->text, sizeof(r->text), "%s", text);
}

/* "1001 (x+1)": a number and where it stands from a side's ISN. */
static void seqno(char *out, size_t n, const char *name, unsigned int v,
		  int side)
{
	unsigned int d = v - isn[side];

	if (!isn_known[side])
		snprintf(out, n, " %s=%u", name, v);
	else if (!d)
		snprintf(out, n, " %s=%u (%c)", name, v, side ? 'y' : 'x');
	else
		snprintf(out, n, " %s=%u (%c+%u)", name, v, side ? 'y' : 'x', d);
}

static int same_seg(const struct ev *a, const struct ev *b)
{
	return !strcmp(a->src, b->src) && !strcmp(a->dst, b->dst) &&
	       !strcmp(a->flags, b->flags) && a->seq == b->seq &&
	       a->ack == b->ack && a->len == b->len;
}

/* Did a lesson rule @action (hold, dup) this segment before event @i? */
static int lesson_did(const struct ev *e, int before, const char *action)
{
	int j;

	for (j = 0; j < before; j++)
		if (evs[j].type == E_LESSON && !strcmp(evs[j].why, action) &&
		    same_seg(e, &evs[j]))
			return 1;
	return 0;
}

/*
 * What became of the segment sent at event @i: the first event after it
 * of the same segment, not yet taken by an earlier copy, says. Its
 * arrival; a lesson rule's drop (lost) or hold (held: it arrives later,
 * a row of its own); a dup's first copy arrives as any. With no lesson
 * in the trace a loss is only seen as a resend before any arrival, so
 * the same segment sent again first means this one was lost; in a
 * lesson every loss is an event, and copies sent before the first
 * arrives (a SYN+ACK resent by a timer and again for a SYN) arrive in
 * their order.
 */
static void arrival(int i, struct row *r)
{
	const struct ev *e = &evs[i];
	int j;

	for (j = i + 1; j < nev; j++) {
		struct ev *o = &evs[j];

		if (o->used || !same_seg(e, o))
			continue;
		if (o->type == E_SEND) {
			if (lessons_seen)
				continue;
			break;
		}
		o->used = 1;
		if (o->type == E_LESSON && !strcmp(o->why, "dup"))
			continue;
		r->lost = o->type == E_LESSON && !strcmp(o->why, "drop");
		r->held = o->type == E_LESSON && !strcmp(o->why, "hold");
		return;
	}
	r->lost = 1;
}

/* A segment, sent (i: its send event) or only seen arriving. */
static void seg_row(int i, int side)
{
	struct ev *e = &evs[i];
	char s[40] = "", a[40] = "", l[16] = "";
	int j, again = 0;
	struct row *r;

	if (strstr(e->flags, "SYN") && !isn_known[side]) {
		isn[side] = e->seq;
		isn_known[side] = 1;
	}
	if (strstr(e->flags, "RST") && !strcmp(state[side], "CLOSED"))
		note_row(side, e->t, "no connection here: RST");
	r = new_row(R_SEG, e->t);
	r->side = side;
	if (e->type == E_SEND) {
		arrival(i, r);
		for (j = 0; j < i && !again; j++)
			again = evs[j].type == E_SEND && same_seg(e, &evs[j]);
	}
	seqno(s, sizeof(s), "seq", e->seq, side);
	if (strstr(e->flags, "ACK"))
		seqno(a, sizeof(a), "ack", e->ack, !side);
	if (e->len)
		snprintf(l, sizeof(l), " len=%u", e->len);
	snprintf(r->text, sizeof(r->text), "%s%s%s%s%s%s%s", e->flags, s, a, l,
		 again ? " again" : "", r->lost ? " lost" : "",
		 r->held ? " held" : e->type != E_RECV ? "" :
		 lesson_did(e, i, "hold") ? " late" :
		 lesson_did(e, i, "dup") ? " copy" : "");
}

/* Turn the events of the chosen connection into rows. */
static int build(const char *port)
{
	int i, side, synq = 0;
	char text[128];

	for (i = 0; i < nev; i++)
		if (evs[i].type == E_SEND && !strcmp(evs[i].flags, "SYN") &&
		    (!port || !strcmp(port_of(evs[i].src), port) ||
		     !strcmp(port_of(evs[i].dst), port)))
			break;
	if (i == nev)
		return -1;
	snprintf(ends[CLIENT], sizeof(ends[CLIENT]), "%s", evs[i].src);
	snprintf(ends[SERVER], sizeof(ends[SERVER]), "%s", evs[i].dst);
	state_row(CLIENT, "CLOSED", evs[i].t);
	state_row(SERVER, "CLOSED", evs[i].t);
	for (i = 0; i < nev; i++) {
		struct ev *e = &evs[i];

		switch (e->type) {
		case E_STATE:
			side = side_of(e->src, e->dst);
			if (side < 0 && !synq && is_listener(e))
				side = SERVER;
			if (side >= 0)
				state_row(side, e->to, e->t);
			break;
		case E_SEND:
		case E_RECV:
			if (e->used)
				break;
			side = side_of(e->src, e->dst);
			if (side >= 0)
				seg_row(i, side);
			break;
		case E_SYNQ_ADD:
			if (!strcmp(e->src, ends[CLIENT])) {
				synq = 1;
				state_row(SERVER, "SYN_RCVD", e->t);
			}
			break;
		case E_SYNQ_DROP:
			if (!strcmp(e->src, ends[CLIENT])) {
				snprintf(text, sizeof(text),
					 "SYN queue entry dropped: %s", e->why);
				note_row(SERVER, e->t, text);
			}
			break;
		case E_TW_ENTER:
			side = side_of(e->src, e->dst);
			if (side < 0)
				break;
			snprintf(text, sizeof(text),
				 "TIME_WAIT holds the 4-tuple 2MSL = %u ms", e->ms);
			note_row(side, e->t, text);
			break;
		case E_LESSON:
			break;
		case E_TW_EXPIRE:
			side = side_of(e->src, e->dst);
			if (side < 0)
				break;
			snprintf(text, sizeof(text), "TIME_WAIT ends: %s",
				 strcmp(e->why, "2msl") ? e->why : "2MSL passed");
			note_row(side, e->t, text);
			state_row(side, "CLOSED", e->t);
			break;
		}
	}
	return 0;
}

/* ---- the terminal drawing ---- */

static int width;	/* between the two lifelines */
static int times;	/* -t or -r */
static int round_ms;	/* -r */
static double t0;

/* the time a row shows, as text (empty before the first segment, -r) */
static const char *when(const struct row *r, char *buf, size_t n)
{
	double t = r->t - t0;

	if (round_ms && t < 0)
		return "";
	if (round_ms)
		t = (long)(t * 1000 / round_ms + 0.5) * round_ms / 1000.0;
	snprintf(buf, n, "%.3f", t);
	return buf;
}

static void put_n(int c, int n)
{
	while (n-- > 0)
		putchar(c);
}

static void lead(const struct row *r, const char *left)
{
	char buf[32];

	if (times)
		printf("%8s  ", r ? when(r, buf, sizeof(buf)) : "");
	printf("%-*s |", STATE_W, left);
}

static void text_row(const struct row *r)
{
	lead(r, r->state[CLIENT]);
	put_n(' ', width);
	printf(r->state[SERVER][0] ? "|  %s\n" : "|\n", r->state[SERVER]);
}

/*
 * An arrow; a lost one ends in an X three quarters of the way across, a
 * held one in a ~ there.
 */
static void arrow_row(const struct row *r)
{
	int label = strlen(r->text) + 2, room = width - 3, fill, x;

	lead(r, "");
	fill = room - label;
	x = r->lost || r->held ? width * 3 / 4 - 2 - label : fill;
	if (r->side == CLIENT) {
		printf("-- %s ", r->text);
		put_n('-', x);
		putchar(r->lost ? 'X' : r->held ? '~' : '>');
		put_n(' ', fill - x);
	} else {
		put_n(' ', fill - x);
		putchar(r->lost ? 'X' : r->held ? '~' : '<');
		put_n('-', x);
		printf(" %s --", r->text);
	}
	printf("|\n");
}

static void note_text(const struct row *r)
{
	int len = strlen(r->text) + 2;

	lead(r, "");
	if (r->side == CLIENT) {
		printf(" (%s)", r->text);
		put_n(' ', width - len - 1);
	} else {
		put_n(' ', width - len - 1);
		printf("(%s) ", r->text);
	}
	printf("|\n");
}

static void draw_terminal(void)
{
	int i, len;

	width = 50;
	for (i = 0; i < nrow; i++) {
		len = strlen(rows[i].text) + 8;
		if (rows[i].type == R_SEG && (rows[i].lost || rows[i].held))
			len = len * 4 / 3 + 4;
		if (len > width)
			width = len;
	}
	/* the names over the state columns, the server's past its line */
	if (times)
		printf("%8s  ", "time (s)");
	printf("%-*s%s\n", STATE_W + 5 + width, "client", "server");
	if (times)
		printf("%8s  ", "");
	printf("%-*s%s\n", STATE_W + 5 + width, ends[CLIENT], ends[SERVER]);
	for (i = 0; i < nrow; i++) {
		if (rows[i].type == R_STATE)
			text_row(&rows[i]);
		else if (rows[i].type == R_SEG)
			arrow_row(&rows[i]);
		else
			note_text(&rows[i]);
	}
	lead(NULL, "");
	put_n(' ', width);
	printf("|\n");
}

/* ---- the SVG drawing ---- */

#define SVG_ROW 34
#define SVG_LEFT 190
#define SVG_GAP 560
#define SVG_TOP 70
#define SVG_SLOPE 3.47		/* degrees: atan(SVG_ROW / SVG_GAP) */
#define SVG_SLOPE_LOST 2.86	/* atan(14 / (SVG_GAP / 2)): half way, less steep */

static const char head_marker[] =
	"<defs><marker id='head' markerWidth='10' markerHeight='8' refX='10' refY='4'";
static const char head_orient[] = " orient='auto'>";
static const char head_path[] = "<path d='M0,0 L10,4 L0,8 z'/></marker></defs>";
static const char state_style[] = "fill='navy' font-weight='bold'";

static void svg_text(FILE *f, int x, int y, const char *attrs, const char *text)
{
	fprintf(f, "<text x='%d' y='%d' %s>%s</text>\n", x, y, attrs, text);
}

static void svg_line(FILE *f, int x1, int y1, int x2, int y2, const char *attrs)
{
	fprintf(f, "<line x1='%d' y1='%d' x2='%d' y2='%d' %s/>\n", x1, y1, x2,
		y2, attrs);
}

/* A segment: a slanted arrow, its label along it (an X where it was lost) */
static void svg_arrow(FILE *f, const struct row *r, int y, int right)
{
	int x1 = r->side == CLIENT ? SVG_LEFT : right;
	int x2 = r->side == CLIENT ? right : SVG_LEFT;
	const char *color = r->lost ? "firebrick" : r->held ? "darkorange" : "black";
	int half = r->lost || r->held, cx, cy;
	char attrs[160];

	if (half)
		x2 = (x1 + x2) / 2;
	snprintf(attrs, sizeof(attrs), "stroke='%s' stroke-width='1.5'%s%s", color,
		 half ? "" : " marker-end='url(#head)'",
		 r->held ? " stroke-dasharray='6 4'" : "");
	svg_line(f, x1, y - 6, x2, half ? y + 8 : y + SVG_ROW - 6, attrs);
	if (half) {
		snprintf(attrs, sizeof(attrs),
			 "text-anchor='middle' fill='%s' font-weight='bold'", color);
		svg_text(f, x2, y + 13, attrs, r->lost ? "X" : "~");
	}
	cx = (x1 + x2) / 2;
	cy = half ? y + 1 : y + SVG_ROW / 2 - 6;
	snprintf(attrs, sizeof(attrs),
		 "text-anchor='middle' fill='%s' transform='rotate(%.2f %d %d)'",
		 color, (x2 > x1 ? 1 : -1) * (half ? SVG_SLOPE_LOST : SVG_SLOPE),
		 cx, cy);
	svg_text(f, cx, cy - 5, attrs, r->text);
}

static void draw_svg(FILE *f)
{
	int right = SVG_LEFT + SVG_GAP, y = SVG_TOP, i, h;
	const char *bold = "text-anchor='middle' font-weight='bold'";
	char attrs[64], buf[32], at[40];

	h = SVG_TOP + (nrow + 1) * SVG_ROW;
	fprintf(f, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'",
		right + SVG_LEFT, h);
	fprintf(f, " font-family='monospace' font-size='13'>\n%s%s%s\n",
		head_marker, head_orient, head_path);
	fprintf(f, "<rect width='100%%' height='100%%' fill='white'/>\n");
	svg_text(f, SVG_LEFT, 24, bold, "client");
	svg_text(f, SVG_LEFT, 40, "text-anchor='middle'", ends[CLIENT]);
	svg_text(f, right, 24, bold, "server");
	svg_text(f, right, 40, "text-anchor='middle'", ends[SERVER]);
	svg_line(f, SVG_LEFT, 50, SVG_LEFT, h - 10, "stroke='black' stroke-width='2'");
	svg_line(f, right, 50, right, h - 10, "stroke='black' stroke-width='2'");
	for (i = 0; i < nrow; i++, y += SVG_ROW) {
		const struct row *r = &rows[i];

		if (times && *when(r, buf, sizeof(buf))) {
			snprintf(at, sizeof(at), "%s s", buf);
			svg_text(f, 8, y + 4, "fill='gray'", at);
		}
		if (r->type == R_STATE) {
			snprintf(attrs, sizeof(attrs), "text-anchor='end' %s",
				 state_style);
			if (r->state[CLIENT][0])
				svg_text(f, SVG_LEFT - 10, y + 4, attrs,
					 r->state[CLIENT]);
			if (r->state[SERVER][0])
				svg_text(f, right + 10, y + 4, state_style,
					 r->state[SERVER]);
		} else if (r->type == R_NOTE) {
			snprintf(attrs, sizeof(attrs),
				 "text-anchor='%s' font-style='italic' fill='darkgreen'",
				 r->side == CLIENT ? "start" : "end");
			svg_text(f, r->side == CLIENT ? SVG_LEFT + 8 : right - 8,
				 y + 4, attrs, r->text);
		} else {
			svg_arrow(f, r, y, right);
		}
	}
	fprintf(f, "</svg>\n");
}

int main(int argc, char **argv)
{
	const char *svg = NULL, *port = NULL;
	char line[1024];
	FILE *in = stdin, *out;
	int c;

	while ((c = getopt(argc, argv, "tr:p:s:")) != -1) {
		switch (c) {
		case 't':
			times = 1;
			break;
		case 'r':
			round_ms = atoi(optarg);
			times = 1;
			if (round_ms <= 0 || round_ms > 60000) {
				fprintf(stderr, "edutcp-ladder: -r takes 1 to 60000 ms\n");
				return 2;
			}
			break;
		case 'p':
			port = optarg;
			break;
		case 's':
			svg = optarg;
			break;
		default:
			fprintf(stderr,
				"usage: edutcp-ladder [-t] [-r MS] [-p PORT] [-s FILE.svg] [TRACE]\n");
			return 2;
		}
	}
	if (optind < argc) {
		in = fopen(argv[optind], "r");
		if (!in) {
			perror(argv[optind]);
			return 1;
		}
	}
	while (fgets(line, sizeof(line), in))
		parse(line);
	if (nev == MAX_EVENTS)
		fprintf(stderr, "edutcp-ladder: only the first %d events are drawn\n",
			MAX_EVENTS);
	if (build(port)) {
		fprintf(stderr,
			"edutcp-ladder: no SYN%s%s in the trace (enable the edutcp events)\n",
			port ? " for port " : "", port ? port : "");
		return 1;
	}
	/* the states before the first step: at the time of that step */
	if (nrow > 1)
		rows[0].t = rows[1].t;
	t0 = rows[0].t;
	for (c = 0; round_ms && c < nrow; c++) {
		if (rows[c].type == R_SEG) {
			t0 = rows[c].t;
			break;
		}
	}
	if (nrow == MAX_ROWS - 1)
		fprintf(stderr, "edutcp-ladder: the drawing stops at %d steps\n",
			MAX_ROWS);
	draw_terminal();
	if (svg) {
		out = fopen(svg, "w");
		if (!out) {
			perror(svg);
			return 1;
		}
		draw_svg(out);
		fclose(out);
	}
	return 0;
}
