#include "fit/form/zone_data.hpp"

namespace spherefit {

RowModel point_model(const Eigen::Vector3d& q, const Eigen::Vector3d& c) {
  const Eigen::Vector3d e = q - c;
  RowModel m;
  m.value = e.norm();
  if (!(m.value > 0.0)) return m;
  const Eigen::Vector3d n = e / m.value;
  m.gradient = -n;
  m.hessian = (Eigen::Matrix3d::Identity() - n * n.transpose()) / m.value;
  return m;
}

}  // namespace spherefit
