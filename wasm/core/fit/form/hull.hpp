// Whether a centre lies inside the convex hull of the observations: the maximum inscribed sphere
// is defined only for a centre among the data (ISO 12181-style, as CMM software defines it). When
// every observation lies on one side of a plane through the centre, moving the centre away from
// them lengthens every distance, so an empty sphere grows without bound: a cap.
//
// The separation t = max over |v|∞ ≤ 1 of min over observations q of (c − q)·v is a linear
// program in (v, t) with one row per observation; it is solved by constraint generation, the rows
// coming from the data's support points (ZoneData::support), a handful in practice.
#pragma once

#include "fit/form/zone_data.hpp"

namespace spherefit {

// t > 0: c lies outside the hull (by at least t/√3); t ≤ 0: inside or on it. Working units.
double hull_separation(const ZoneData& data, const Eigen::Vector3d& c);

}  // namespace spherefit
