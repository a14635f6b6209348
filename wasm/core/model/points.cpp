#include "model/points.hpp"

namespace spherefit {

PointColumnsView PointTable::view() const {
  PointColumnsView v;
  v.count = size();
  v.x = x.data();
  v.y = y.data();
  v.z = z.data();
  if (has_slices()) v.slice = slice.data();
  return v;
}

}  // namespace spherefit
