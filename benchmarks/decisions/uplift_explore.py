#!/usr/bin/env python3
"""The search for a Mens E-Mail uplift model that beats random targeting (issue 15), in numpy.

Not part of `npm run bench:decisions`: a record of what was tried, so the figures in
docs/benchmarks/decisions.md ("What was tried for Mens") can be reproduced. Same split
as the benchmark (every third row of the arm pair held out), same logistic regression
and sklift metrics (uplift_ref.py); held-out Qini with a 200-sample percentile bootstrap
(numpy, seed 15). The penalty is chosen on a validation split of the training rows
(every third training row), never on the held-out ones.

Feature sets:
  base   recency, history, mens, womens, newbie, one-hot zip_code and channel (the product's)
  rich   log1p(history), mens, womens, newbie, one-hot history_segment, zip_code, channel,
         recency in bands of 3 months
  inter  rich plus mens x womens, mens x newbie, womens x newbie, mens/womens/newbie x log history,
         and each one-hot of channel, zip_code and recency band x mens and x womens

Usage: python3 uplift_explore.py "Mens E-Mail"       (feature sets x learners x outcomes)
       python3 uplift_explore.py ensemble            (z-scored mean of T-learner and transformed outcome, λ = 1)
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uplift_ref import (  # noqa: E402
    arm_design,
    arm_split,
    load,
    outcome_arrays,
    qini_auc_score,
    qini_bootstrap,
    uplift_scores,
)

CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "datasets", "hillstrom", "hillstrom_email_2008.csv")
rows = load(os.environ.get("HILLSTROM_CSV", CSV))


def feats(rows, train_rows, kind):
    num = lambda c: np.array([float(r[c]) for r in rows])

    def onehot(c, keyf=lambda r, c: r[c]):
        levels = sorted({keyf(r, c) for r in train_rows})[1:]
        return [np.array([1.0 if keyf(r, c) == lv else 0.0 for r in rows]) for lv in levels]

    if kind == "base":
        cols = [num(c) for c in ["recency", "history", "mens", "womens", "newbie"]] + onehot("zip_code") + onehot("channel")
    else:
        rb = lambda r, c: str((int(r["recency"]) - 1) // 3)
        cols = [np.log1p(num("history")), num("mens"), num("womens"), num("newbie")]
        cols += onehot("history_segment") + onehot("zip_code") + onehot("channel") + onehot("recency", rb)
        if kind == "inter":
            m, w, n = num("mens"), num("womens"), num("newbie")
            lh = np.log1p(num("history"))
            cols += [m * w, m * n, w * n, m * lh, w * lh, n * lh]
            for oh in onehot("channel") + onehot("zip_code") + onehot("recency", rb):
                cols += [oh * m, oh * w]
    return np.column_stack(cols)


def score_of(learner, xtr, ytr, ttr, xte, l2):
    return uplift_scores("T_LEARNER" if learner == "T" else "TRANSFORMED_OUTCOME", xtr, ytr, ttr, xte, l2)


def split(arm):
    return arm_split(rows, arm)


def search(arm):
    tr, te = split(arm)
    fit = [r for i, r in enumerate(tr) if i % 3 != 2]
    val = [r for i, r in enumerate(tr) if i % 3 == 2]
    T = lambda R: np.array([1.0 if r["segment"] == arm else 0.0 for r in R])
    for kind in ["base", "rich", "inter"]:
        xtr, xte, xfit, xval = feats(tr, tr, kind), feats(te, tr, kind), feats(fit, fit, kind), feats(val, fit, kind)
        for outcome in ["visit", "conversion"]:
            Y = lambda R: np.array([float(r[outcome]) for r in R])
            for learner in ["T", "TO"]:
                best = None
                for l2 in [0.1, 1, 10, 100, 1000, 10000]:
                    v = qini_auc_score(Y(val), score_of(learner, xfit, Y(fit), T(fit), xval, l2), T(val))
                    if best is None or v > best[1]:
                        best = (l2, v)
                res = []
                for l2 in [1, best[0]]:
                    s = score_of(learner, xtr, Y(tr), T(tr), xte, l2)
                    q = qini_auc_score(Y(te), s, T(te))
                    lo, hi = qini_bootstrap(Y(te), s, T(te), 200)
                    res.append(f"l2={l2}: {q:.4f} [{lo:.4f},{hi:.4f}]")
                print(arm[:4], kind, outcome, learner, "val-best", best[0], f"{best[1]:.4f}", " | ".join(res), flush=True)


def ensemble():
    for arm in ["Mens E-Mail", "Womens E-Mail"]:
        tr, te = split(arm)
        xtr, xte, ttr, tte = arm_design(tr, te, arm)
        tte = tte.astype(float)
        for outcome in ["visit", "conversion"]:
            ytr, yte = outcome_arrays(tr, te, outcome)
            z = lambda s: (s - s.mean()) / s.std()
            s = z(uplift_scores("T_LEARNER", xtr, ytr, ttr, xte, 1.0)) + z(uplift_scores("TRANSFORMED_OUTCOME", xtr, ytr, ttr, xte, 1.0))
            lo, hi = qini_bootstrap(yte, s, tte, 200)
            print(arm, outcome, "ensemble T+TO (z-scored mean)", round(qini_auc_score(yte, s, tte), 4), round(lo, 4), round(hi, 4), flush=True)


if __name__ == "__main__":
    ensemble() if sys.argv[1:] == ["ensemble"] else search(sys.argv[1] if len(sys.argv) > 1 else "Mens E-Mail")
