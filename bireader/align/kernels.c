/* The aligner's two loops in C: the gap program's rows (the same arithmetic as gaps.py's numpy code, cell by
   cell) and the anchor chain's Fenwick tree (anchors.max_weight_chain's Python loop).

   bireader/align/native.py compiles this file with the system C compiler (-O2 -ffp-contract=off, no fast
   math) and gaps.best_path calls it through ctypes. Every score is computed with the same IEEE operations in
   the same order as bead_scores() and best_path()'s numpy code, so the two give the same bits; the only
   transcendental function, the length model's log, is not taken here but by numpy between the two calls
   (gap_length_t writes its arguments, numpy's log reads them), because numpy's vectorised log and the C
   library's differ in the last bit. tests/align/test_align_native.py checks both paths give the same path.

   Layout (all arrays C-contiguous): a block holds rows r0 .. r1-1 of the program; per row, every bead type,
   every column k of the band (target boundary lo[i] + k). */

#include <math.h>
#include <stdint.h>

#define NEG (-1e18)

static inline int64_t clip64(int64_t x, int64_t lo, int64_t hi) { return x < lo ? lo : (x > hi ? hi : x); }

/* The columns kmin .. kmax-1 (0 <= kmin <= kmax <= width) of row i where a bead of type (a, b) can end:
   i - a >= 0, J - b >= 0 and J <= m for J = lo + k. */
static inline void cell_range(int64_t lo, int64_t a, int64_t b, int64_t i, int64_t m, int64_t width,
                              int64_t *kmin, int64_t *kmax) {
    int64_t k0 = b - lo > 0 ? b - lo : 0, k1 = m - lo + 1 < width ? m - lo + 1 : width;
    if (k0 > width) k0 = width;
    if (i - a < 0) k0 = width;
    if (k1 < k0) k1 = k0;
    *kmin = k0;
    *kmax = k1;
}

static inline double max2(double x, double y) { return x > y ? x : y; }  /* np.maximum without NaNs */
static inline double min2(double x, double y) { return x < y ? x : y; }

/* For every row i in r0 .. r1-1, type t with a, b > 0 and column k: z and t of Gale & Church's length model
   (gaps.length_logprob / gaps.log_erfc), so that numpy can take log(t). Other cells get t = 1, z = 0. */
void gap_length_t(int64_t r0, int64_t r1, int64_t width, const int64_t *lo, int64_t n, int64_t m,
                  int64_t ntypes, const int64_t *ta, const int64_t *tb, const double *src_chars,
                  const double *tgt_chars, double ratio, double variance, double *zbuf, double *tbuf) {
    const double sqrt2 = sqrt(2.0);
    (void)n;
    for (int64_t i = r0; i < r1; i++) {
        for (int64_t t = 0; t < ntypes; t++) {
            const int64_t a = ta[t], b = tb[t];
            double *z_out = zbuf + ((i - r0) * ntypes + t) * width;
            double *t_out = tbuf + ((i - r0) * ntypes + t) * width;
            int64_t kmin, kmax;
            cell_range(lo[i], a, b, i, m, width, &kmin, &kmax);
            if (!(a && b)) kmin = kmax = width;
            for (int64_t k = 0; k < kmin; k++) z_out[k] = 0.0, t_out[k] = 1.0;
            for (int64_t k = kmax; k < width; k++) z_out[k] = 0.0, t_out[k] = 1.0;
            if (kmin >= kmax) continue;
            const double ls = src_chars[i] - src_chars[i - a];
            const double *tc = tgt_chars + lo[i];
            for (int64_t k = kmin; k < kmax; k++) {
                const double lt = tc[k] - tc[k - b];
                const double mean = (ls + lt / ratio) / 2.0;
                const double delta = (lt - ls * ratio) / sqrt(max2(mean, 1.0) * variance);
                const double z = fabs(delta) / sqrt2;
                z_out[k] = z;
                t_out[k] = 1.0 / (1.0 + 0.5 * z);
            }
        }
    }
}

/* log(erfc(z)) from z, t and numpy's log(t): gaps.log_erfc's polynomial, in its order. */
static inline double log_erfc_tail(double z, double t, double log_t) {
    const double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (
        0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    return log_t - z * z + poly;
}

/* Rows r0 .. r1-1 of best_path: every main bead type's score (gaps.bead_scores, in its order of operations) added
   to its predecessor in the ring buffer of the last rows, the best kept (the first type on ties, as argmax), then
   the 0-1 beads of the row as a running maximum (best_path's finish_row). ``log_t`` holds numpy's log of
   gap_length_t's t for the same block. Writes the row into ``buf`` and its choices into ``arg``. ``scratch``
   holds (MAX_SOURCE + 2) * (width + pad) doubles. The inner loops run over contiguous columns without branches,
   so that the compiler can vectorise them (which changes no result: each operation is still one IEEE
   operation on the same operands, and nothing is reassociated). */
void gap_rows(int64_t r0, int64_t r1, int64_t width, const int64_t *lo, int64_t n, int64_t m,
              int64_t ntypes, const int64_t *ta, const int64_t *tb, const double *prior, int64_t null_t,
              const double *zbuf, const double *tbuf, const double *log_t,
              const double *src_weight, const double *tgt_weight, const double *shared_cum, const int64_t *plo,
              int64_t pw, const int64_t *src_b, const int64_t *tgt_b, const int64_t *src_bc, const int64_t *tgt_bc,
              int64_t use_breaks, const double *par, const int64_t *forced_at, const int64_t *forced_before,
              double *buf, int64_t ring, int64_t row_len, int64_t pad, int8_t *arg,
              double *best, int8_t *best_arg, double *c01, double *scratch) {
    /* par: length, lexical, null_lexical, cross_break, break_mismatch */
    const int64_t span = width + pad;
    double *score = scratch, *shared = scratch + span;
    double *upto[4];  /* upto[d-1][k] (k from -pad): source row i - d's running shared weight up to column k */
    for (int64_t d = 0; d < 4; d++) upto[d] = scratch + (2 + d) * span + pad;
    for (int64_t i = r0; i < r1; i++) {
        const int64_t off = (i - r0) * ntypes * width, L = lo[i];
        /* the row's 0-1 scores (prior, null evidence, no break inside a 0-1 bead), made finite and summed */
        double s01 = prior[null_t] + par[1] * par[2];
        if (use_breaks) s01 = s01 - par[3] * 0.0;
        double c = 0.0;
        for (int64_t k = 0; k < width; k++) {
            const int64_t J = L + k;
            double s = (J - 1 >= 0 && J <= m) ? s01 : NEG;
            if (k == 0 && J == 0) s = 0.0;
            s = max2(s, -1e6);
            c = k == 0 ? s : c + s;
            c01[k] = c;
        }
        /* shared_cum[r, clip(J - plo[r], 0, pw)] of the source rows r = i - d a bead can take, J = L + k */
        for (int64_t d = 1; d <= 4 && d <= i; d++) {
            const double *row = shared_cum + (i - d) * (pw + 1);
            const int64_t base = plo[i - d];
            for (int64_t k = -pad; k < width; k++) upto[d - 1][k] = row[clip64(L + k - base, 0, pw)];
        }
        int first = 1;
        for (int64_t t = 0; t < ntypes; t++) {
            if (t == null_t) continue;
            const int64_t a = ta[t], b = tb[t];
            const int64_t prev = i - a;
            int64_t kmin, kmax;
            cell_range(L, a, b, i, m, width, &kmin, &kmax);
            for (int64_t k = 0; k < kmin; k++) score[k] = NEG;
            for (int64_t k = kmax; k < width; k++) score[k] = NEG;
            if (a && b && kmin < kmax) {
                const double *zt = zbuf + off + t * width, *tt = tbuf + off + t * width, *lt = log_t + off + t * width;
                const double sw = src_weight[i] - src_weight[prev];
                const double *tw = tgt_weight + L;
                for (int64_t k = kmin; k < kmax; k++) shared[k] = 0.0;
                for (int64_t d = 0; d < a; d++) {
                    const double *u = upto[d];
                    for (int64_t k = kmin; k < kmax; k++) shared[k] += u[k] - u[k - b];
                }
                const double prior_t = prior[t], length = par[0], lexical = par[1];
                for (int64_t k = kmin; k < kmax; k++) {
                    double s = prior_t;
                    s = s + length * log_erfc_tail(zt[k], tt[k], lt[k]);
                    const double denom = sw + (tw[k] - tw[k - b]);
                    const double q = 2.0 * shared[k] / max2(denom, 1e-9);  /* taken either way: no branch */
                    double dice = denom > 0 ? q : 0.0;
                    dice = min2(max2(dice, 0.0), 1.0);
                    score[k] = s + lexical * dice;
                }
                if (use_breaks) {
                    const int64_t mismatch_src = src_b[prev < n ? prev : n];
                    const int64_t inner_src = a > 1 ? src_bc[i] - src_bc[prev + 1 < i ? prev + 1 : i] : 0;
                    for (int64_t k = kmin; k < kmax; k++) {
                        const int64_t J = L + k, c0 = J - b;
                        int64_t inner = inner_src;
                        if (b > 1) inner += tgt_bc[J] - tgt_bc[c0 + 1 < J ? c0 + 1 : J];
                        double s = score[k] - par[3] * (double)inner;
                        score[k] = s - par[4] * (double)(mismatch_src != tgt_b[c0 < m ? c0 : m]);
                    }
                }
            } else if (kmin < kmax) {  /* 1-0 (and any type without one of its sides): no length, no shared words */
                double s = prior[t] + par[1] * par[2];
                if (use_breaks) {
                    const int64_t inner = a > 1 ? src_bc[i] - src_bc[prev + 1 < i ? prev + 1 : i] : 0;
                    s = s - par[3] * (double)inner;  /* b <= 1 here: nothing crossed on the target side */
                }
                for (int64_t k = kmin; k < kmax; k++) score[k] = s;
            }
            /* add the predecessor: column k of row i reads column k + shift of row i - a. The ring buffer's rows
               are padded with NEG (pad cells before, width after), so every k + shift >= -pad reads NEG
               outside the band, as best_path's gather does. */
            const int64_t shift = prev >= 0 ? L - lo[prev] - b : 0;
            int cut = prev < 0 || shift >= width;
            if (!cut && forced_before[i] - forced_before[prev + 1 < i ? prev + 1 : i] > 0) cut = 1;
            if (cut) {
                for (int64_t k = 0; k < width; k++) {
                    const double cand = NEG + score[k];
                    if (first || cand > best[k]) best[k] = cand, best_arg[k] = (int8_t)t;
                }
            } else {
                const double *from = buf + (prev % ring) * row_len + pad + shift;
                for (int64_t k = 0; k < width; k++) {
                    const double cand = from[k] + score[k];
                    if (first || cand > best[k]) best[k] = cand, best_arg[k] = (int8_t)t;
                }
            }
            first = 0;
        }
        /* finish_row: 0-1 beads within the row are a running maximum */
        double *out = buf + (i % ring) * row_len + pad;
        int8_t *arg_row = arg + i * width;
        double run = 0.0;
        for (int64_t k = 0; k < width; k++) {
            const double x = best[k] - c01[k];
            run = k == 0 ? x : max2(run, x);
            double d = c01[k] + run;
            arg_row[k] = x >= run ? best_arg[k] : (int8_t)null_t;
            if (forced_at[i] >= 0 && L + k != forced_at[i]) d = NEG;
            out[k] = d;
        }
    }
}

/* anchors.max_weight_chain's loop: the pairs in ``order`` (by source index, then target index descending),
   each the best chain ending before its target index j (a Fenwick tree of prefix maxima over 1..size) plus its
   weight. The same comparisons (strict, so the first of equal chains stays) and the same additions as the
   Python loop. ``tree_val``/``tree_arg`` (size + 1 each) start at 0 and -1, ``total`` at 0, ``back`` at -1. */
void fenwick_chain(int64_t count, const int64_t *order, const int64_t *js, const double *ws, int64_t size,
                   double *tree_val, int64_t *tree_arg, double *total, int64_t *back) {
    for (int64_t o = 0; o < count; o++) {
        const int64_t k = order[o], j = js[k];
        const double w = ws[k];
        if (w <= 0) continue;
        double best = 0.0;
        int64_t arg = -1;
        for (int64_t x = j; x > 0; x -= x & -x) {
            if (tree_val[x] > best) {
                best = tree_val[x];
                arg = tree_arg[x];
            }
        }
        total[k] = best + w;
        back[k] = arg;
        for (int64_t x = j + 1; x <= size; x += x & -x) {
            if (tree_val[x] < total[k]) {
                tree_val[x] = total[k];
                tree_arg[x] = k;
            }
        }
    }
}
