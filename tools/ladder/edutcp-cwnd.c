// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp-cwnd: the congestion window of a connection over time, from
 * its edutcp_cwnd trace events, as an SVG a student opens in a browser:
 * time on x; cwnd (and ssthresh, dashed) on the left y axis; the
 * sequence number sent (SND.NXT) on the right; each fast recovery (a
 * loss) a red mark, each timeout a black one, each undo a green one.
 * Two traces side by side, as two panels on one scale of time, compare
 * two congestion controls on the same path (reno and cubic).
 *
 *   edutcp-cwnd -s FILE.svg TRACE [TRACE2]
 *
 * A TRACE is the text of /sys/kernel/tracing/trace, of trace-cmd report
 * or of perf script with edutcp:edutcp_cwnd enabled; the connection
 * drawn is the one with the most events (the sender of a bulk transfer).
 * On standard output, a line per panel: its algorithm, events, the
 * largest cwnd, and the recoveries, timeouts and undos.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_POINTS 200000
#define PANEL_W 520
#define PANEL_H 340
#define MARGIN 60

struct point {
	double t;
	unsigned long long sock;
	unsigned int cwnd, ssthresh, nxt;
	char why[12], cc[8];
};

struct panel {
	struct point *p;
	int n;
	unsigned int max_cwnd, max_nxt;
	int losses, timeouts, undos;
	char cc[8];
};

/* the number ending in ':' just before @at in @line (the event's time) */
static int event_time(const char *line, const char *at, double *t)
{
	const char *e = at, *s;

	while (e > line && (e[-1] == ' ' || e[-1] == ':'))
		e--;
	s = e;
	while (s > line && (s[-1] == '.' || (s[-1] >= '0' && s[-1] <= '9')))
		s--;
	if (s == e)
		return -1;
	*t = strtod(s, NULL);
	return 0;
}

static int field_u(const char *line, const char *name, unsigned long long *v)
{
	const char *f = strstr(line, name);

	if (!f)
		return -1;
	*v = strtoull(f + strlen(name), NULL, 10);
	return 0;
}

static int field_s(const char *line, const char *name, char *out, size_t n)
{
	const char *f = strstr(line, name);
	size_t i = 0;

	if (!f)
		return -1;
	for (f += strlen(name); *f && *f != ' ' && *f != '\n' && i + 1 < n; f++)
		out[i++] = *f;
	out[i] = 0;
	return 0;
}

/* Read one trace into @pn: the events of its busiest connection. */
static int read_trace(const char *path, struct panel *pn)
{
	static struct point all[MAX_POINTS];
	unsigned long long sock, cwnd, ss, nxt, best = 0, ids[64];
	int n = 0, i, j, most = 0, nr = 0, counts[64] = { 0 };
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f) && n < MAX_POINTS) {
		const char *at = strstr(line, "edutcp_cwnd:");
		struct point *p = &all[n];

		if (!at || event_time(line, at, &p->t) ||
		    field_u(at, "sock=", &sock) || field_u(at, "cwnd=", &cwnd) ||
		    field_u(at, "ssthresh=", &ss) || field_u(at, "nxt=", &nxt) ||
		    field_s(at, "why=", p->why, sizeof(p->why)) ||
		    field_s(at, "cc=", p->cc, sizeof(p->cc)))
			continue;
		p->sock = sock;
		p->cwnd = cwnd;
		p->ssthresh = ss;
		p->nxt = nxt;
		n++;
	}
	fclose(f);
	/* the connection with the most events, of the first 64 seen */
	for (i = 0; i < n; i++) {
		for (j = 0; j < nr && ids[j] != all[i].sock; j++)
			;
		if (j == nr && nr < 64)
			ids[nr++] = all[i].sock;
		if (j < nr && ++counts[j] > most) {
			most = counts[j];
			best = ids[j];
		}
	}
	pn->p = calloc(most ? most : 1, sizeof(*pn->p));
	if (!pn->p)
		return -1;
	for (i = 0; i < n; i++) {
		struct point *p = &all[i];

		if (p->sock != best)
			continue;
		pn->p[pn->n++] = *p;
		if (p->cwnd > pn->max_cwnd)
			pn->max_cwnd = p->cwnd;
		if (p->nxt > pn->max_nxt)
			pn->max_nxt = p->nxt;
		pn->losses += !strcmp(p->why, "recovery");
		pn->timeouts += !strcmp(p->why, "timeout");
		pn->undos += !strcmp(p->why, "undo");
		snprintf(pn->cc, sizeof(pn->cc), "%s", p->cc);
	}
	if (!pn->n) {
		fprintf(stderr, "%s: no edutcp_cwnd events\n", path);
		return -1;
	}
	return 0;
}

static void draw_panel(FILE *o, const struct panel *pn, int x0, double t_span,
		       unsigned int y_max)
{
	double t0 = pn->p[0].t, sx = (PANEL_W - 2 * MARGIN) / t_span;
	double sy = (PANEL_H - 2 * MARGIN) / (double)y_max;
	double sn = (PANEL_H - 2 * MARGIN) / (double)(pn->max_nxt ?: 1);
	int i, yb = PANEL_H - MARGIN;

#define X(t) (x0 + MARGIN + ((t) - t0) * sx)
	fprintf(o, "<text x='%d' y='30' font-size='16'>%s: cwnd over time</text>\n",
		x0 + MARGIN, pn->cc);
	fprintf(o, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>\n",
		x0 + MARGIN, yb, x0 + PANEL_W - MARGIN, yb);
	fprintf(o, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>\n",
		x0 + MARGIN, MARGIN, x0 + MARGIN, yb);
	fprintf(o, "<text x='%d' y='%d' font-size='11'>0</text>\n", x0 + MARGIN,
		yb + 14);
	fprintf(o, "<text x='%d' y='%d' font-size='11' text-anchor='end'>%.2f s</text>\n",
		x0 + PANEL_W - MARGIN, yb + 14, t_span);
	fprintf(o, "<text x='%d' y='%d' font-size='11' text-anchor='end'>%u KB</text>\n",
		x0 + MARGIN - 4, MARGIN + 4, y_max / 1000);
	fprintf(o, "<text x='%d' y='%d' font-size='11' fill='gray'>seq %u</text>\n",
		x0 + PANEL_W - MARGIN + 4, MARGIN + 4, pn->max_nxt);
	/* the sequence number sent, gray, on its own scale */
	fprintf(o, "<polyline class='seq' fill='none' stroke='gray' points='");
	for (i = 0; i < pn->n; i++)
		fprintf(o, "%.1f,%.1f ", X(pn->p[i].t), yb - pn->p[i].nxt * sn);
	fprintf(o, "'/>\n");
	/* ssthresh, dashed, where it is a number and not "arbitrarily high" */
	fputs("<polyline class='ssthresh' fill='none' stroke='orange'", o);
	fputs(" stroke-dasharray='4' points='", o);
	for (i = 0; i < pn->n; i++)
		if (pn->p[i].ssthresh <= y_max)
			fprintf(o, "%.1f,%.1f ", X(pn->p[i].t),
				yb - pn->p[i].ssthresh * sy);
	fprintf(o, "'/>\n");
	fprintf(o, "<polyline class='cwnd' fill='none' stroke='blue' stroke-width='1.5' points='");
	for (i = 0; i < pn->n; i++)
		fprintf(o, "%.1f,%.1f ", X(pn->p[i].t), yb - pn->p[i].cwnd * sy);
	fprintf(o, "'/>\n");
	for (i = 0; i < pn->n; i++) {
		const char *c = !strcmp(pn->p[i].why, "recovery") ? "red" :
				!strcmp(pn->p[i].why, "timeout") ? "black" :
				!strcmp(pn->p[i].why, "undo") ? "green" : NULL;

		if (c)
			fprintf(o, "<circle class='%s' cx='%.1f' cy='%.1f' r='3' fill='%s'/>\n",
				pn->p[i].why, X(pn->p[i].t),
				yb - pn->p[i].cwnd * sy, c);
	}
#undef X
}

int main(int argc, char **argv)
{
	struct panel pn[2] = { { 0 } };
	const char *svg = NULL;
	double span = 0;
	unsigned int y_max = 0;
	int opt, n, i;
	FILE *o;

	while ((opt = getopt(argc, argv, "s:")) != -1) {
		if (opt != 's')
			goto usage;
		svg = optarg;
	}
	n = argc - optind;
	if (!svg || n < 1 || n > 2)
		goto usage;
	for (i = 0; i < n; i++) {
		struct panel *p = &pn[i];

		if (read_trace(argv[optind + i], p))
			return 1;
		if (p->p[p->n - 1].t - p->p[0].t > span)
			span = p->p[p->n - 1].t - p->p[0].t;
		if (p->max_cwnd > y_max)
			y_max = p->max_cwnd;
		printf("%s: %d events, cwnd up to %u, %d recoveries, %d timeouts, %d undone\n",
		       p->cc, p->n, p->max_cwnd, p->losses, p->timeouts,
		       p->undos);
	}
	span = span > 0 ? span : 1;
	o = fopen(svg, "w");
	if (!o) {
		perror(svg);
		return 1;
	}
	fprintf(o, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif'>\n",
		n * PANEL_W, PANEL_H);
	fprintf(o, "<rect width='100%%' height='100%%' fill='white'/>\n");
	for (i = 0; i < n; i++)
		draw_panel(o, &pn[i], i * PANEL_W, span, y_max ?: 1);
	fprintf(o, "<text x='%d' y='%d' font-size='11'>", MARGIN, PANEL_H - 12);
	fputs("blue: cwnd; orange: ssthresh; gray: SND.NXT; ", o);
	fputs("red: a loss (fast recovery); black: a timeout; green: an undo", o);
	fputs("</text>\n", o);
	fprintf(o, "</svg>\n");
	return fclose(o) ? 1 : 0;
usage:
	fprintf(stderr, "usage: edutcp-cwnd -s FILE.svg TRACE [TRACE2]\n");
	return 2;
}
