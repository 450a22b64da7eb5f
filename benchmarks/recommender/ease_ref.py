#!/usr/bin/env python3
"""EASE in numpy, the reference for benchmarks/recommender/ease-bench.ts.

Steck 2019 ("Embarrassingly Shallow Autoencoders for Sparse Data", WWW),
exactly the paper's listing: G = X.T @ X; G[d] += lam; P = inv(G);
B = P / -diag(P); B[d] = 0. The timed part is from X to B (the Gram matrix
and the inverse), as in the paper's "training". Evaluation is the protocol of
shared/tools/als_ref.py: every user with held-out items, training items
excluded, top-K with ties to the lower item index, NDCG with the ideal list
cut at min(K, held-out), averaged.

Items and users are indexed in sorted id order (as np.unique and our
benchmark do, so ties break alike), and held-out pairs of items absent from
train are dropped.

    python3 ease_ref.py SPLIT_DIR --lambda 100 [--k 10] [--cholesky]
prints JSON {train_seconds, train_cpu_seconds, ndcg, users_evaluated, method}.
"""
import argparse
import csv
import json
import time

import numpy as np
import scipy.linalg
import scipy.sparse as sp


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return [(r["user"], r["item"], float(r["value"])) for r in rows]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("split_dir")
    ap.add_argument("--lambda", dest="lam", type=float, default=100.0)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--cholesky", action="store_true", help="invert through scipy's Cholesky (dpotrf + dpotri) instead of np.linalg.inv")
    a = ap.parse_args()

    train = read(a.split_dir + "/train.csv")
    test = read(a.split_dir + "/test.csv")
    # Sorted ids, as np.unique and our benchmark index them, so score ties break the same way.
    items = {i: n for n, i in enumerate(sorted({i for _, i, _ in train}))}
    users = {u: n for n, u in enumerate(sorted({u for u, _, _ in train} | {u for u, _, _ in test}))}
    n_users, n_items = len(users), len(items)
    X = sp.csr_matrix(
        ([v for _, _, v in train], ([users[u] for u, _, _ in train], [items[i] for _, i, _ in train])),
        shape=(n_users, n_items),
    )
    X.sum_duplicates()

    t0 = time.perf_counter()
    c0 = time.process_time()
    G = (X.T @ X).toarray().astype(np.float64)
    d = np.diag_indices(n_items)
    G[d] += a.lam
    if a.cholesky:
        c = scipy.linalg.cho_factor(G, lower=True, overwrite_a=True, check_finite=False)
        P = scipy.linalg.cho_solve(c, np.eye(n_items), check_finite=False)
    else:
        P = np.linalg.inv(G)
    B = P / (-np.diag(P))
    B[d] = 0
    train_seconds = time.perf_counter() - t0
    train_cpu_seconds = time.process_time() - c0

    held = {}
    for u, i, _ in test:
        if i in items:
            held.setdefault(users[u], set()).add(items[i])
    k = a.k
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    total, evaluated = 0.0, 0
    Xd = X.tocsr()
    for u, relevant in held.items():
        row = Xd.getrow(u)
        scores = np.asarray(row @ B).ravel()
        scores[row.indices] = -np.inf
        # Ties to the lower index: sort by (-score, index).
        order = np.lexsort((np.arange(n_items), -scores))[:k]
        gains = np.array([1.0 if i in relevant else 0.0 for i in order])
        dcg = float((gains * discounts[: len(gains)]).sum())
        ideal = float(discounts[: min(len(relevant), k)].sum())
        total += dcg / ideal
        evaluated += 1
    print(json.dumps({
        "train_seconds": train_seconds,
        "train_cpu_seconds": train_cpu_seconds,
        "ndcg": total / max(evaluated, 1),
        "users_evaluated": evaluated,
        "items": n_items,
        "method": "cholesky" if a.cholesky else "inv",
        "numpy": np.__version__,
    }))


if __name__ == "__main__":
    main()
