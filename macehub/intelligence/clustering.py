"""Clustering points on the Earth's surface (no Django here, so the benchmark runs it
alone): DBSCAN from scikit-learn on the great-circle (haversine) distance, with the radius
in metres (docs/adr 0028)."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.cluster import DBSCAN

EARTH_RADIUS_M = 6_371_008.8  # the mean radius of the Earth, in metres


def cluster_labels(points: np.ndarray[Any, Any], radius_m: float, min_points: int,
                   algorithm: str = "ball_tree") -> np.ndarray[Any, Any]:
    """The cluster number of each (latitude, longitude) point in degrees; -1 for a point
    in no cluster. A point counts itself among the `min_points`."""
    if len(points) == 0:
        return np.empty(0, dtype=int)
    # Records at the same point (the incidents at one location) are clustered once, with
    # their number as its weight: the same clusters, and fewer distances to measure.
    unique, inverse, counts = np.unique(points, axis=0, return_inverse=True,
                                        return_counts=True)
    found = DBSCAN(eps=radius_m / EARTH_RADIUS_M, min_samples=min_points,
                   metric="haversine", algorithm=algorithm).fit(np.radians(unique),
                                                               sample_weight=counts)
    return found.labels_[inverse.reshape(-1)]  # type: ignore[no-any-return]
