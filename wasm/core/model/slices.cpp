#include "model/slices.hpp"

namespace spherefit {

void SliceTable::add(const SliceCircle& c, int line) {
  x.push_back(c.center.x());
  y.push_back(c.center.y());
  z.push_back(c.center.z());
  r.push_back(c.radius);
  nx.push_back(c.normal.x());
  ny.push_back(c.normal.y());
  nz.push_back(c.normal.z());
  w.push_back(c.weight);
  source_line.push_back(line);
}

SliceColumnsView SliceTable::view() const {
  SliceColumnsView v;
  v.count = size();
  v.x = x.data();
  v.y = y.data();
  v.z = z.data();
  v.r = r.data();
  if (has_normals) {
    v.nx = nx.data();
    v.ny = ny.data();
    v.nz = nz.data();
  }
  if (has_weights) v.w = w.data();
  return v;
}

}  // namespace spherefit
