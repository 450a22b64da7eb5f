#!/usr/bin/env python3
"""numpy-only reference for the decisions benchmark (no sklearn on these machines).

Re-implements, independently of the TypeScript, what libs/domain/decisions does
on Hillstrom: the same features (recency, history, mens, womens, newbie, one-hot
zip_code and channel with the first sorted level dropped), the same split
(every third row of each arm pair, index % 3 == 2, held out), the same L2
logistic regression by Newton-Raphson on standardised features (intercept
unpenalised), the T-learner and the weighted class-transformation learner,
and scikit-uplift 0.5's qini_auc_score(negative_effect=True) and
uplift_at_k(strategy='overall', k=0.3), transcribed from sklift/metrics/metrics.py.

Each learner runs twice: with the fixed penalty l2, and with the penalty chosen
on a validation split of the training rows (every third training row, index % 3
== 2, validates; the grid's penalty with the highest validation Qini wins, the
smallest on a tie; then a refit on all training rows), as selectL2OnValidation
does. The held-out Qini coefficient gets its own percentile bootstrap interval
(numpy's generator, seed 15: other draws than ours, the same method).

Prints one JSON object: {"<arm>|<outcome>|<learner>|<fixed or validated>": {"qini": .., "qini_lower": ..,
"qini_upper": .., "uplift_at_30": .., "l2": .., "seconds": ..}}.
Usage: python3 uplift_ref.py <hillstrom csv> [l2] [bootstrap samples]
"""
import csv
import json
import sys
import time

import numpy as np


def load(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def features(rows, train_rows):
    numeric = ["recency", "history", "mens", "womens", "newbie"]
    cols = [[float(r[c]) for c in numeric] for r in rows]
    x = np.array(cols, dtype=float)
    for cat in ["zip_code", "channel"]:
        levels = sorted({r[cat] for r in train_rows})[1:]
        onehot = np.array([[1.0 if r[cat] == lv else 0.0 for lv in levels] for r in rows])
        x = np.hstack([x, onehot])
    return x


def fit_logistic(x, y, l2=1.0, w=None, max_iter=50, tol=1e-8):
    n, p = x.shape
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((n, 1)), (x - mean) / scale])
    w = np.ones(n) if w is None else w
    beta = np.zeros(p + 1)
    pen = np.full(p + 1, l2)
    pen[0] = 0.0
    for _ in range(max_iter):
        prob = 1.0 / (1.0 + np.exp(-z @ beta))
        h = (z * (w * prob * (1 - prob))[:, None]).T @ z + np.diag(pen)
        g = z.T @ (w * (y - prob)) - pen * beta
        step = np.linalg.solve(h, g)
        beta += step
        if np.max(np.abs(step)) < tol:
            break
    return beta, mean, scale


def predict(model, x):
    beta, mean, scale = model
    return 1.0 / (1.0 + np.exp(-(beta[0] + ((x - mean) / scale) @ beta[1:])))


# --- scikit-uplift 0.5, sklift/metrics/metrics.py, transcribed ---
def qini_curve(y_true, uplift, treatment):
    desc = np.argsort(uplift, kind="mergesort")[::-1]
    y_true, uplift, treatment = y_true[desc], uplift[desc], treatment[desc]
    y_ctrl, y_trmnt = y_true.copy(), y_true.copy()
    y_ctrl[treatment == 1] = 0
    y_trmnt[treatment == 0] = 0
    distinct = np.where(np.diff(uplift))[0]
    thr = np.r_[distinct, uplift.size - 1]
    num_trmnt = np.cumsum(treatment)[thr]
    y_t = np.cumsum(y_trmnt)[thr]
    num_all = thr + 1
    num_ctrl = num_all - num_trmnt
    y_c = np.cumsum(y_ctrl)[thr]
    curve = y_t - y_c * np.divide(num_trmnt, num_ctrl, out=np.zeros_like(num_trmnt, dtype=float), where=num_ctrl != 0)
    if num_all.size == 0 or curve[0] != 0 or num_all[0] != 0:
        num_all = np.r_[0, num_all]
        curve = np.r_[0, curve]
    return num_all, curve


def auc(x, y):
    return float(np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]) / 2.0))


def qini_auc_score(y_true, uplift, treatment):
    xa, ya = qini_curve(y_true, uplift, treatment)
    xp, yp = qini_curve(y_true, y_true * treatment - y_true * (1 - treatment), treatment)
    base = auc(np.array([0, xp[-1]], dtype=float), np.array([0, yp[-1]], dtype=float))
    return (auc(xa.astype(float), ya) - base) / (auc(xp.astype(float), yp) - base)


def uplift_at_k(y_true, uplift, treatment, k=0.3):
    order = np.argsort(uplift, kind="mergesort")[::-1]
    n = int(len(y_true) * k)
    top_y, top_t = y_true[order][:n], treatment[order][:n]
    return float(top_y[top_t == 1].mean() - top_y[top_t == 0].mean())


L2_GRID = [0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0]


def uplift_scores(learner, xtr, ytr, ttr, xte, l2):
    if learner == "T_LEARNER":
        m1 = fit_logistic(xtr[ttr == 1], ytr[ttr == 1], l2)
        m0 = fit_logistic(xtr[ttr == 0], ytr[ttr == 0], l2)
        return predict(m1, xte) - predict(m0, xte)
    share = ttr.mean()
    z = ytr * ttr + (1 - ytr) * (1 - ttr)
    w = np.where(ttr == 1, 0.5 / share, 0.5 / (1 - share))
    return 2 * predict(fit_logistic(xtr, z, l2, w), xte) - 1


def select_l2(learner, xtr, ytr, ttr):
    fit = np.arange(len(ytr)) % 3 != 2
    best = None
    for l2 in L2_GRID:
        q = qini_auc_score(ytr[~fit], uplift_scores(learner, xtr[fit], ytr[fit], ttr[fit], xtr[~fit], l2), ttr[~fit].astype(float))
        if best is None or q > best[1]:
            best = (l2, q)
    return best[0]


def qini_bootstrap(y, score, t, samples, seed=15):
    rng = np.random.default_rng(seed)
    n = len(y)
    draws = []
    for _ in range(samples):
        i = rng.integers(0, n, n)
        draws.append(qini_auc_score(y[i], score[i], t[i]))
    return float(np.percentile(draws, 2.5)), float(np.percentile(draws, 97.5))


def arm_split(rows, arm):
    """The arm beside No E-Mail, every third row (index % 3 == 2) held out: the one split this reference and uplift_explore.py use."""
    pair = [r for r in rows if r["segment"] in (arm, "No E-Mail")]
    return [r for i, r in enumerate(pair) if i % 3 != 2], [r for i, r in enumerate(pair) if i % 3 == 2]


def arm_design(train_rows, test_rows, arm):
    """Features (scaled on the training rows) and 0/1 treatment flags of a split, as both scripts fit them."""
    xtr, xte = features(train_rows, train_rows), features(test_rows, train_rows)
    ttr = np.array([1 if r["segment"] == arm else 0 for r in train_rows])
    tte = np.array([1 if r["segment"] == arm else 0 for r in test_rows])
    return xtr, xte, ttr, tte


def outcome_arrays(train_rows, test_rows, outcome):
    """The 0/1 outcome of the training and test rows."""
    return np.array([float(r[outcome]) for r in train_rows]), np.array([float(r[outcome]) for r in test_rows])


def main():
    path = sys.argv[1]
    l2 = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    samples = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    rows = load(path)
    out = {}
    for arm in ["Womens E-Mail", "Mens E-Mail"]:
        train_rows, test_rows = arm_split(rows, arm)
        xtr, xte, ttr, tte = arm_design(train_rows, test_rows, arm)
        for outcome in ["visit", "conversion"]:
            ytr, yte = outcome_arrays(train_rows, test_rows, outcome)
            for learner in ["T_LEARNER", "TRANSFORMED_OUTCOME"]:
                for mode in ["fixed", "validated"]:
                    start = time.perf_counter()
                    chosen = l2 if mode == "fixed" else select_l2(learner, xtr, ytr, ttr)
                    score = uplift_scores(learner, xtr, ytr, ttr, xte, chosen)
                    seconds = time.perf_counter() - start
                    lower, upper = qini_bootstrap(yte, score, tte.astype(float), samples)
                    out[f"{arm}|{outcome}|{learner}|{mode}"] = {
                        "qini": qini_auc_score(yte, score, tte.astype(float)),
                        "qini_lower": lower,
                        "qini_upper": upper,
                        "uplift_at_30": uplift_at_k(yte, score, tte),
                        "l2": chosen,
                        "seconds": seconds,
                    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
