"""Recomputes the reference values pasted into libs/domain/experiments/src/*.spec.ts.

Run with any Python 3 that has numpy and scipy (the specs were made with
scipy 1.17.1, numpy 2.4.6):

    python3 libs/domain/experiments/reference/reference_values.py

Set CROSSLANE_DATASETS_DIR to read the Hillstrom CSV from elsewhere; the
default is datasets/ in the repository. Nothing here runs
in the test suite; it exists so that every pasted number can be reproduced.
"""
import csv
import math
import os

import numpy as np
from scipy import integrate, optimize, special, stats
from scipy.stats.contingency import relative_risk

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
DATASETS = os.environ.get('CROSSLANE_DATASETS_DIR') or os.path.join(REPO, 'datasets')


def section(title):
    print(f'\n== {title}')


section('wilson-interval.spec.ts')
for k, n, c in [(267, 21307, .95), (189, 21387, .95), (122, 21306, .95), (3, 7, .95), (267, 21307, .99), (0, 10, .95), (10, 10, .95)]:
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=c, method='wilson')
    print(k, n, c, repr(ci.low), repr(ci.high))

section('two-proportion-z-test.spec.ts / relative-lift.spec.ts')
for xb, nb, xa, na in [(267, 21307, 122, 21306), (189, 21387, 122, 21306), (30, 1000, 42, 1000)]:
    chi2, p, _, _ = stats.chi2_contingency([[xb, nb - xb], [xa, na - xa]], correction=False)
    pb, pa = xb / nb, xa / na
    se = math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    zc = stats.norm.ppf(0.975)
    rr = relative_risk(xb, nb, xa, na)
    ci = rr.confidence_interval(0.95)
    print('z', repr(math.copysign(math.sqrt(chi2), pb - pa)), 'p', repr(p),
          'abs CI', repr(pb - pa - zc * se), repr(pb - pa + zc * se),
          'ratio', repr(rr.relative_risk), repr(ci.low), repr(ci.high))

section('welch-t-test.spec.ts')
r = stats.ttest_ind([2, 4, 6, 8, 10, 12], [1, 2, 3, 4, 5], equal_var=False)
print(repr(r.statistic), repr(r.pvalue), repr(r.df), r.confidence_interval(0.95), r.confidence_interval(0.90))
print(stats.ttest_ind_from_stats(10, 2, 30, 11.5, 3, 25, equal_var=False))

section('sample-ratio-mismatch.spec.ts')
for obs, exp in [([52000, 48000], [50000, 50000]), ([50210, 49790], [50000, 50000]),
                 ([21307, 21387, 21306], None), ([1000, 2100, 1900], [1000, 2000, 2000])]:
    print(obs, stats.chisquare(obs, exp))

section('p-value-adjustment.spec.ts')
print(stats.false_discovery_control([0.01, 0.04, 0.03, 0.005], method='bh'))
print(stats.false_discovery_control([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216], method='bh'))


def holm(p):  # R: p.adjust(p, "holm")
    p = np.asarray(p, float)
    o = np.argsort(p, kind='stable')
    m = len(p)
    adj = np.minimum(1, np.maximum.accumulate((m - np.arange(m)) * p[o]))
    out = np.empty(m)
    out[o] = adj
    return out


print(holm([0.01, 0.04, 0.03, 0.005]), holm([0.5, 0.2, 0.2, 0.9]))

section('beta-binomial.spec.ts (uniform prior)')


def post(s, n):
    return (1 + s, 1 + n - s)


def miller(aA, bA, aB, bB):  # Evan Miller (2015): P(pB > pA), exact for integer aB
    i = np.arange(0, int(aB))
    return np.sum(np.exp(special.betaln(aA + i, bA + bB) - np.log(bB + i) - special.betaln(1 + i, bB) - special.betaln(aA, bA)))


def bounds(posts):
    return (min(stats.beta.ppf(1e-15, *p) for p in posts), max(stats.beta.isf(1e-15, *p) for p in posts),
            [stats.beta.mean(*p) for p in posts])


def quad_best(posts, k):
    lo, hi, pts = bounds(posts)
    f = lambda x: stats.beta.pdf(x, *posts[k]) * np.prod([stats.beta.cdf(x, *p) for j, p in enumerate(posts) if j != k])
    return integrate.quad(f, lo, hi, points=pts, limit=500, epsabs=1e-14, epsrel=1e-12)[0]


def quad_emax(posts):
    lo, hi, pts = bounds(posts)
    f = lambda x: 1 - np.prod([stats.beta.cdf(x, *p) for p in posts])
    return lo + integrate.quad(f, lo, hi, points=pts, limit=500, epsabs=1e-15, epsrel=1e-12)[0]


for c, t in [((10, 100), (15, 100)), ((122, 21306), (189, 21387)), ((0, 50), (1, 50)), ((500, 1000), (480, 1000)),
             ((10000, 1000000), (2, 150))]:
    pc, pt = post(*c), post(*t)
    em = quad_emax([pc, pt])
    print(c, t, 'chance', repr(miller(*pc, *pt)), 'loss T', repr(em - stats.beta.mean(*pt)), 'loss C', repr(em - stats.beta.mean(*pc)))
for arms in [[(10, 100), (15, 100), (12, 100)], [(122, 21306), (267, 21307), (189, 21387)]]:
    posts = [post(*a) for a in arms]
    em = quad_emax(posts)
    print(arms, 'best', [repr(quad_best(posts, k)) for k in range(3)], 'loss', [repr(em - stats.beta.mean(*p)) for p in posts])
print('beta.ppf', repr(stats.beta.ppf(0.025, 11, 91)), repr(stats.beta.ppf(0.975, 11, 91)))

section('cuped.spec.ts')
i, j = np.arange(40), np.arange(35)
xa = ((i * 37) % 101) / 10
ya = 2 + 0.8 * xa + ((i * 53) % 17) / 5
xb = ((j * 41 + 7) % 97) / 10
yb = 2.5 + 0.8 * xb + ((j * 29) % 19) / 5
x, y = np.concatenate([xa, xb]), np.concatenate([ya, yb])
theta = np.cov(y, x)[0, 1] / np.var(x, ddof=1)
adj_a, adj_b = ya - theta * (xa - x.mean()), yb - theta * (xb - x.mean())
print('theta', repr(theta), 'means', repr(adj_a.mean()), repr(adj_b.mean()), 'vars', repr(adj_a.var(ddof=1)), repr(adj_b.var(ddof=1)))
print('welch adjusted', stats.ttest_ind(adj_b, adj_a, equal_var=False), 'raw', stats.ttest_ind(yb, ya, equal_var=False))

section('msprt.spec.ts (Johari et al. 2017 normal mixture)')


def msprt(d, v, t2, alpha=0.05):
    log_l = 0.5 * math.log(v / (v + t2)) + t2 * d * d / (2 * v * (v + t2))
    half = math.sqrt(2 * v * (v + t2) / t2 * (math.log(1 / alpha) + 0.5 * math.log((v + t2) / v)))
    return min(1, math.exp(-log_l)), d - half, d + half, math.exp(log_l)


print(msprt(0.01, 0.000004, 0.0001))
print(msprt(0.06 - 0.05, 0.05 * 0.95 / 10000 + 0.06 * 0.94 / 10000, 0.0001))
print(msprt(0.8, 25 / 1000 * 2, 0.25))

section('power-analysis.spec.ts')
za, zb = stats.norm.ppf(0.975), stats.norm.ppf(0.8)


def fleiss_n(p0, d, r=1, za=za, zb=zb):
    p1 = p0 + d
    pb = (p0 + r * p1) / (1 + r)
    return (za * math.sqrt(pb * (1 - pb) * (1 + 1 / r)) + zb * math.sqrt(p0 * (1 - p0) + p1 * (1 - p1) / r)) ** 2 / d ** 2


def r_power(n, p1, p2, sig=0.05):  # R power.prop.test, strict = FALSE
    qu = stats.norm.isf(sig / 2)
    return stats.norm.cdf((math.sqrt(n) * abs(p1 - p2) - qu * math.sqrt((p1 + p2) * (2 - p1 - p2) / 2)) / math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)))


def mde(p0, nc, nt):
    def gap(d):
        p1 = p0 + d
        pb = (nc * p0 + nt * p1) / (nc + nt)
        return (d - za * math.sqrt(pb * (1 - pb) * (1 / nc + 1 / nt))) / math.sqrt(p0 * (1 - p0) / nc + p1 * (1 - p1) / nt) - zb
    return optimize.brentq(gap, 1e-12, 1 - p0, xtol=1e-15)


print(repr(fleiss_n(0.1, 0.02)), repr(optimize.brentq(lambda n: r_power(n, 0.1, 0.12) - 0.8, 2, 1e7, xtol=1e-10)))
print(repr(optimize.brentq(lambda n: r_power(n, 0.5, 0.75) - 0.9, 2, 1e7, xtol=1e-10)))
print(repr(fleiss_n(0.0057, 0.005)), repr(fleiss_n(0.05, 0.01, 2)),
      repr(fleiss_n(0.05, 0.01, 0.5, stats.norm.ppf(0.995), stats.norm.ppf(0.9))))
print(repr(mde(0.0057, 21306, 21307)), repr(mde(0.1, 3841, 3841)), repr(mde(0.2, 1000, 3000)))
print(repr((za + zb) * 12 * math.sqrt(1 / 21306 + 1 / 21307)), repr((za + zb) ** 2 * 144 * 2 / 0.25),
      repr((za + zb) ** 2 * 144 * (1 + 1 / 3) / 0.25))

section('hillstrom-reference.spec.ts')
path = os.path.join(DATASETS, 'hillstrom', 'hillstrom_email_2008.csv')
with open(path, newline='') as f:
    rows = list(csv.DictReader(f))
seg = {}
for row in rows:
    seg.setdefault(row['segment'], []).append(row)
arr = {k: {c: np.array([float(r[c]) for r in v]) for c in ('visit', 'conversion', 'spend', 'history')} for k, v in seg.items()}
ctrl = arr['No E-Mail']
for name in ('Mens E-Mail', 'Womens E-Mail'):
    t = arr[name]
    for metric in ('conversion', 'visit'):
        xb, nb, xa, na = t[metric].sum(), len(t[metric]), ctrl[metric].sum(), len(ctrl[metric])
        chi2, p, _, _ = stats.chi2_contingency([[xb, nb - xb], [xa, na - xa]], correction=False)
        print(name, metric, 'z', repr(math.sqrt(chi2)), 'p', repr(p), 'lift', repr(xb / nb - xa / na))
    w = stats.ttest_ind(t['spend'], ctrl['spend'], equal_var=False)
    print(name, 'spend Welch', repr(w.statistic), repr(w.pvalue), repr(w.df), w.confidence_interval(0.95))
spend = np.concatenate([a['spend'] for a in arr.values()])
hist = np.concatenate([a['history'] for a in arr.values()])
theta = np.cov(spend, hist)[0, 1] / np.var(hist, ddof=1)
adj = {k: a['spend'] - theta * (a['history'] - hist.mean()) for k, a in arr.items()}
print('CUPED theta', repr(theta), stats.ttest_ind(adj['Mens E-Mail'], adj['No E-Mail'], equal_var=False))
