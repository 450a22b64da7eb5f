#!/usr/bin/env python3
"""Expected values for test/e2e/campaigns-finished-test.e2e.ts, computed with scipy and numpy
from the generated file, cleaned here independently of the product's import:

    node test/support/finished-test-data.mjs > /tmp/finished-test.csv
    python3 test/support/finished_test_reference.py /tmp/finished-test.csv

Rules (the same the import states): arm A or B, else "unknown arm"; landing_page must match
the arm, else "arm/exposure mismatch"; converted and retained_d7 must be a boolean
(1/true/yes, 0/false/no), minutes a number, else "unparseable metric"; a user_id on several rows
with different values is refused on every row, with identical values kept once.
Measured with scipy 1.17.1, numpy 2.4.6.
"""
import csv
import sys
from collections import Counter, defaultdict

import numpy as np
from scipy import stats

TRUE, FALSE = {'1', 'true', 'yes'}, {'0', 'false', 'no'}
path = sys.argv[1]
reasons = Counter()
rows_by_unit = defaultdict(list)
with open(path, newline='') as f:
    for line, r in enumerate(csv.DictReader(f), start=2):
        arm = {'A': 'control', 'B': 'new-checkout'}.get(r['group'])
        if arm is None:
            reasons['unknown arm'] += 1
            continue
        if {'old_page': 'control', 'new_page': 'new-checkout'}.get(r['landing_page']) != arm:
            reasons['arm/exposure mismatch'] += 1
            continue
        def boolean(x):
            x = x.lower()
            return 1.0 if x in TRUE else 0.0 if x in FALSE else None
        conv, ret = boolean(r['converted']), boolean(r['retained_d7'])
        try:
            minutes = float(r['minutes'])
            if not np.isfinite(minutes):
                raise ValueError
        except ValueError:
            minutes = None
        if conv is None or ret is None or minutes is None:
            reasons['unparseable metric'] += 1
            continue
        rows_by_unit[r['user_id']].append((arm, r['exposed_at'], conv, ret, minutes))

units = {}
identical = 0
for uid, rows in rows_by_unit.items():
    if len(set(rows)) > 1:
        reasons['duplicate unit with conflicting values'] += len(rows)
    else:
        units[uid] = rows[0]
        identical += len(rows) - 1

arms = {k: [u for u in units.values() if u[0] == k] for k in ('control', 'new-checkout')}
a, b = arms['control'], arms['new-checkout']
print('reasons', dict(reasons), 'identical repeats', identical, 'units', len(a), len(b))
alpha = 0.05
zc = stats.norm.ppf(1 - alpha / 2)

def wilson(s, n):
    p = s / n
    centre = (p + zc * zc / (2 * n)) / (1 + zc * zc / n)
    half = zc * np.sqrt(p * (1 - p) / n + zc * zc / (4 * n * n)) / (1 + zc * zc / n)
    return p, centre - half, centre + half  # the estimate is the observed rate; the interval is around the Wilson centre

out = {'units': [len(a), len(b)]}
for name, i in (('conversion', 2), ('retention', 3)):
    sa, sb = sum(u[i] for u in a), sum(u[i] for u in b)
    na, nb = len(a), len(b)
    pooled = (sa + sb) / (na + nb)
    z = (sb / nb - sa / na) / np.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    out[name] = {'successes': [sa, sb], 'wilson': [wilson(sa, na), wilson(sb, nb)], 'z': z,
                 'pTwoSided': 2 * stats.norm.sf(abs(z)), 'pOneSided': stats.norm.sf(z)}
ma = np.array([u[4] for u in a])
mb = np.array([u[4] for u in b])
two = stats.ttest_ind(mb, ma, equal_var=False)
one = stats.ttest_ind(mb, ma, equal_var=False, alternative='greater')
out['minutes'] = {'means': [ma.mean(), mb.mean()], 't': two.statistic, 'df': two.df, 'pTwoSided': two.pvalue, 'pOneSided': one.pvalue}
srm = stats.chisquare([len(a), len(b)])
out['srm'] = {'chiSquare': srm.statistic, 'pValue': srm.pvalue}

def show(x):
    if isinstance(x, dict):
        return '{ ' + ', '.join(f'{k}: {show(v)}' for k, v in x.items()) + ' }'
    if isinstance(x, (list, tuple)):
        return '[' + ', '.join(show(v) for v in x) + ']'
    return repr(float(x))
for k, v in out.items():
    print(f'{k}: {show(v)},')
