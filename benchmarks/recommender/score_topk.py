#!/usr/bin/env python3
"""Scores top-K lists made elsewhere (the product's batch endpoint) against a held-out file.

The outside evaluator of bench-recommender-product.ts: it reads the split files
that ease_ref.py reads (SPLIT_DIR/train.csv and SPLIT_DIR/test.csv, columns
user,item,value) and a CSV of recommendations (columns user,rank,item), and
computes NDCG@K with the protocol of shared/tools/als_ref.py and ease_ref.py:
every user with held-out items whose item occurs in training is evaluated, the
ideal list is cut at min(K, held-out), and the scores are averaged. A user
with no list scores 0. Nothing is filtered here: an item the user already had
in training, or one outside the catalogue, is simply not relevant, so a
product that shows seen items loses NDCG instead of being excused (the count
is printed).

    python3 score_topk.py SPLIT_DIR RECS_CSV [--k 10]
prints JSON {ndcg, precision, recall, users_evaluated, users_without_list, seen_items_listed, short_lists}.
"""
import argparse
import csv
import json

import numpy as np


def read_pairs(path):
    with open(path, newline="") as f:
        return [(r["user"], r["item"]) for r in csv.DictReader(f)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("split_dir")
    ap.add_argument("recs_csv")
    ap.add_argument("--k", type=int, default=10)
    a = ap.parse_args()
    k = a.k

    train = read_pairs(a.split_dir + "/train.csv")
    test = read_pairs(a.split_dir + "/test.csv")
    catalogue = {i for _, i in train}
    seen = {}
    for u, i in train:
        seen.setdefault(u, set()).add(i)
    held = {}
    for u, i in test:
        if i in catalogue:
            held.setdefault(u, set()).add(i)

    lists = {}
    with open(a.recs_csv, newline="") as f:
        for r in csv.DictReader(f):
            lists.setdefault(r["user"], []).append((int(r["rank"]), r["item"]))

    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    ndcg, precision, recall = [], [], []
    without, seen_listed, short = 0, 0, 0
    for u, relevant in held.items():
        ranked = [i for _, i in sorted(lists.get(u, []))][:k]
        if not ranked:
            without += 1
        if len(ranked) < k:
            short += 1
        seen_listed += sum(1 for i in ranked if i in seen.get(u, ()))
        gains = np.array([1.0 if i in relevant else 0.0 for i in ranked])
        dcg = float((gains * discounts[: len(gains)]).sum())
        ideal = float(discounts[: min(len(relevant), k)].sum())
        ndcg.append(dcg / ideal)
        precision.append(gains.sum() / k)
        recall.append(gains.sum() / len(relevant))
    print(json.dumps({
        "ndcg": float(np.mean(ndcg)),
        "precision": float(np.mean(precision)),
        "recall": float(np.mean(recall)),
        "users_evaluated": len(held),
        "users_without_list": without,
        "short_lists": short,
        "seen_items_listed": seen_listed,
        "numpy": np.__version__,
    }))


if __name__ == "__main__":
    main()
