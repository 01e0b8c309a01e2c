"""The lecture's per-unit loop (statsmodels Logit per unit), timed on a sample of units.

Prints the mean wall-clock and CPU seconds per unit. The loop body is the lecture's: add_constant, Logit
fit with maxiter=3000, then p-value, beta and accuracy read from the result.
"""
import sys
import time
import warnings

import numpy as np
import statsmodels.api as sm


def seed_loop(X, labels):
    pvalues = np.ones(X.shape[1])
    betas = np.zeros(X.shape[1])
    accuracy = np.zeros(X.shape[1])
    for j in range(X.shape[1]):
        try:
            result = sm.Logit(labels, sm.add_constant(X[:, j])).fit(maxiter=3000, disp=0)
            pvalues[j] = result.pvalues[1]
            betas[j] = result.params[1]
            accuracy[j] = 100 * ((result.predict() > 0.5) == labels).mean()
        except Exception:
            pass
    return pvalues, betas, accuracy


def main():
    X = np.load(sys.argv[1]).astype(np.float64)
    y = np.load(sys.argv[2]).astype(np.float64)
    warnings.simplefilter("ignore")
    seed_loop(X[:, :5], y)  # warm-up
    t, c = time.perf_counter(), time.process_time()
    seed_loop(X, y)
    print((time.perf_counter() - t) / X.shape[1], (time.process_time() - c) / X.shape[1])


if __name__ == "__main__":
    main()
