#include "read/volumes/contours.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/format.hpp"
#include "read/volumes/labels.hpp"
#include "read/volumes/marching_squares.hpp"
#include "read/volumes/volume.hpp"
#include "read/volumes/volume_header.hpp"
#include "read/volumes/voxels.hpp"

namespace spherefit {
namespace {

constexpr char kAxisLetters[3] = {'i', 'j', 'k'};
// Grey values beyond this (and ±inf, NaN) are clamped, so that interpolation stays finite.
constexpr double kClamp = 1e300;
// Slices across i read at once (see fill_block_across_i).
constexpr std::int64_t kBlock = 8;

// "3–7, 12, 40–41" (runs of consecutive indices), at most `limit` runs.
std::string describe_indices(const std::vector<std::int64_t>& indices, std::size_t limit = 6) {
  std::string out;
  std::size_t runs = 0;
  for (std::size_t i = 0; i < indices.size();) {
    std::size_t j = i;
    while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1) ++j;
    if (runs == limit) {
      out += ", …";
      break;
    }
    out += (runs ? ", " : "") + std::to_string(indices[i]);
    if (j > i) out += "\u2013" + std::to_string(indices[j]);
    ++runs;
    i = j + 1;
  }
  return out;
}

struct Tally {
  std::vector<std::int64_t> edge, pieces, holes;

  std::size_t left_out() const { return edge.size() + pieces.size() + holes.size(); }
  std::string describe(char axis) const {
    std::string out;
    const auto add = [&](const std::vector<std::int64_t>& v, const char* one, const char* many) {
      if (v.empty()) return;
      out += (out.empty() ? "" : "; ") + grouped(v.size()) + " " + (v.size() == 1 ? one : many) + " (" + axis + " = " +
             describe_indices(v) + ")";
    };
    add(edge, "touches the volume's edge", "touch the volume's edge");
    add(pieces, "holds several pieces", "hold several pieces");
    add(holes, "has a hole", "have holes");
    return out;
  }
};

// One slice as a field over (u, v): voxel base + u·su + v·sv. A mask gives 1 where the scaled
// value equals `label`, else 0; a threshold gives the scaled value, with non-finite values and
// values beyond ±kClamp clamped (NaN and −∞ to outside). Returns how many were not finite. The
// common cases (unscaled integers) get loops without branches.
template <class T>
std::int64_t fill_field(VoxelArray<T> voxels, std::int64_t base, std::int64_t su, std::int64_t sv, std::int64_t nu,
                        std::int64_t nv, const ValueScale& scale, bool mask, double label, double* field) {
  std::int64_t non_finite = 0;
  for (std::int64_t v = 0; v < nv; ++v) {
    double* row = field + v * nu;
    const std::size_t start = static_cast<std::size_t>(base + v * sv);
    const auto step = static_cast<std::size_t>(su);
    if (mask && !scale.scaled) {
      for (std::int64_t u = 0; u < nu; ++u) row[u] = static_cast<double>(voxels[start + u * step]) == label ? 1.0 : 0.0;
    } else if (mask) {
      for (std::int64_t u = 0; u < nu; ++u)
        row[u] = scale(static_cast<double>(voxels[start + u * step])) == label ? 1.0 : 0.0;
    } else if (std::is_integral_v<T> && !scale.scaled) {
      for (std::int64_t u = 0; u < nu; ++u) row[u] = static_cast<double>(voxels[start + u * step]);
    } else {
      for (std::int64_t u = 0; u < nu; ++u) {
        const double value = scale(static_cast<double>(voxels[start + u * step]));
        if (std::abs(value) <= kClamp) {
          row[u] = value;
        } else {
          non_finite += !std::isfinite(value);
          row[u] = value > kClamp ? kClamp : -kClamp;  // NaN fails the test above and goes outside
        }
      }
    }
  }
  return non_finite;
}

// The inside nodes' bounding box in one slice (inclusive), from the stored values without
// building the field: most of a CT slice is background around a small object, and only the box
// and a node of margin need filling and tracing. Empty (u0 > u1) when nothing is inside.
struct Bounds {
  std::int64_t u0, u1, v0, v1;
  std::int64_t non_finite;  // voxels of the whole slice that are not finite numbers
  bool empty() const { return u0 > u1; }
};

template <class T>
Bounds inside_bounds(VoxelArray<T> voxels, std::int64_t base, std::int64_t su, std::int64_t sv, std::int64_t nu,
                     std::int64_t nv, const ValueScale& scale, bool mask, double value) {
  Bounds b{nu, -1, nv, -1, 0};
  const auto step = static_cast<std::size_t>(su);
  // Unscaled integers compare as stored: a label must equal it, a threshold be at or below it.
  const bool plain = std::is_integral_v<T> && !scale.scaled;
  for (std::int64_t v = 0; v < nv; ++v) {
    const std::size_t start = static_cast<std::size_t>(base + v * sv);
    std::int64_t first = -1, last = -1;
    for (std::int64_t u = 0; u < nu; ++u) {
      const double stored = static_cast<double>(voxels[start + static_cast<std::size_t>(u) * step]);
      const double x = plain ? stored : scale(stored);
      if constexpr (!std::is_integral_v<T>) b.non_finite += !std::isfinite(x);
      const bool in = mask ? x == value : x >= value;  // NaN is outside either way
      if (in) {
        if (first < 0) first = u;
        last = u;
      }
    }
    if (first < 0) continue;
    b.u0 = std::min(b.u0, first);
    b.u1 = std::max(b.u1, last);
    b.v0 = std::min(b.v0, v);
    b.v1 = std::max(b.v1, v);
  }
  return b;
}

// kBlock slices across i (axis 0) at once, slice s0 + t into field + t·nu·nv; as fill_field.
template <class T>
std::int64_t fill_block_across_i(VoxelArray<T> voxels, std::int64_t s0, std::int64_t count, std::int64_t su,
                                 std::int64_t sv, std::int64_t nu, std::int64_t nv, const ValueScale& scale, bool mask,
                                 double label, double* field) {
  std::int64_t non_finite = 0;
  const std::int64_t plane = nu * nv;
  for (std::int64_t v = 0; v < nv; ++v) {
    for (std::int64_t u = 0; u < nu; ++u) {
      const auto start = static_cast<std::size_t>(s0 + u * su + v * sv);
      double* out = field + v * nu + u;
      for (std::int64_t t = 0; t < count; ++t) {
        const double value = scale(static_cast<double>(voxels[start + static_cast<std::size_t>(t)]));
        if (mask) {
          out[t * plane] = value == label ? 1.0 : 0.0;
        } else if (std::abs(value) <= kClamp) {
          out[t * plane] = value;
        } else {
          non_finite += !std::isfinite(value);
          out[t * plane] = value > kClamp ? kClamp : -kClamp;
        }
      }
    }
  }
  return non_finite;
}

// The range of the finite scaled values, for a message.
std::pair<double, double> value_range(const Volume& volume) {
  const ValueScale scale(volume.info);
  double lowest = std::numeric_limits<double>::infinity(), highest = -lowest;
  with_voxels(volume, [&](auto voxels) {
    for (std::size_t i = 0, n = volume.voxel_count(); i < n; ++i) {
      const double value = scale(static_cast<double>(voxels[i]));
      if (!std::isfinite(value)) continue;
      lowest = std::min(lowest, value);
      highest = std::max(highest, value);
    }
  });
  return {lowest, highest};
}

}  // namespace

namespace {

// What makes slicing across `axis` impossible: a bad axis or value, slices too large or too thin.
std::optional<Error> check_slicing(const Volume& volume, const ContourSelector& selector, int axis) {
  if (axis < 0 || axis > 2) {
    return file_error(ErrorCode::InvalidOption, -1,
                      "The slice axis is " + std::to_string(axis) + ": it must be 0 (i), 1 (j) or 2 (k).");
  }
  if (!std::isfinite(selector.value)) {
    return file_error(ErrorCode::InvalidOption, -1, "The label or threshold is not a finite number.");
  }
  const std::int64_t n[3] = {volume.ni(), volume.nj(), volume.nk()};
  const std::int64_t nu = n[axis == 0 ? 1 : 0], nv = n[axis == 2 ? 1 : 2];
  const std::string across =
      "Slices across " + std::string(1, kAxisLetters[axis]) + " are " + grouped(nu) + " × " + grouped(nv) + " voxels: ";
  if (nu * nv > kMaxSliceVoxels) {
    return file_error(
        ErrorCode::UnsupportedFile, -1,
        across + "more than the " + grouped(kMaxSliceVoxels) + " traced at once. Crop the volume around the sphere.");
  }
  // A stack whose origins leave one line (neither a straight table feed nor a constant tilt):
  // slices across i or j would not be planar.
  if (axis != 2 && volume.info.slice_origins.size() > 2) {
    const std::vector<Eigen::Vector3d>& o = volume.info.slice_origins;
    const Eigen::Vector3d line = (o.back() - o.front()).normalized();
    const double tolerance = 1e-3 * std::max(volume.info.affine.block<3, 1>(0, 2).norm(), 1e-9);
    for (const Eigen::Vector3d& p : o) {
      const Eigen::Vector3d d = p - o.front();
      if ((d - d.dot(line) * line).norm() > tolerance) {
        return file_error(ErrorCode::InvalidOption, -1,
                          "The slices' positions do not lie on one line, so slices across " +
                              std::string(1, kAxisLetters[axis]) +
                              " are not planes: slice across k (the images' own planes).");
      }
    }
  }
  // No voxel of such a slice is off its edge, so none can hold a closed contour.
  if (nu < 3 || nv < 3) {
    return file_error(ErrorCode::NoClosedContours, -1,
                      across + "too thin to hold a closed contour. Slice along another axis.");
  }
  return std::nullopt;
}

// Why no voxel was inside: the threshold above every grey value, an empty segment, a label that
// is not there (naming those that are).
Error nothing_inside(const Volume& volume, const ContourSelector& selector) {
  if (selector.kind == ContourSelector::Kind::Threshold) {
    const auto [lowest, highest] = value_range(volume);
    const std::string range = lowest <= highest ? " (the grey values run from " + format_number(lowest) + " to " +
                                                      format_number(highest) + ")"
                                                : "";
    return file_error(ErrorCode::EmptyMask, -1,
                      "No voxel is at or above the threshold " + format_number(selector.value) + range +
                          ". Choose a lower threshold.");
  }
  for (const Segment& segment : volume.info.segments) {
    if (static_cast<double>(segment.label_value) != selector.value) continue;
    return file_error(ErrorCode::EmptyMask, -1,
                      "The segment \u201C" + (segment.name.empty() ? segment.id : segment.name) + "\u201D (label " +
                          format_number(selector.value) +
                          ") has no voxels. Paint it in 3D Slicer, or choose another segment.");
  }
  const Outcome<std::vector<LabelCount>> labels = count_labels(volume);
  const std::string present = labels.ok() ? "The labels present are " + describe_labels(labels.value()) + "."
                                          : "The volume holds grey values, not labels: contour it at a threshold.";
  return file_error(ErrorCode::LabelNotFound, -1,
                    "No voxel holds the label " + format_number(selector.value) + ". " + present);
}

// A slice's traced curves judged: empty, touching the edge, in several pieces, with a hole, or
// kept (one closed curve). Left-out slices are tallied for the message.
VolumeSlice judge_slice(std::int64_t s, const IsoCurves& traced, Tally& tally) {
  VolumeSlice slice;
  slice.index = s;
  slice.inside_voxels = traced.inside;
  for (const IsoCurve& c : traced.curves) {
    slice.point_count += static_cast<std::int64_t>(c.points.size());
    slice.holes += c.signed_area < 0;
  }
  slice.curves = static_cast<int>(traced.curves.size());
  if (traced.inside == 0 || (!traced.touches_edge && traced.curves.empty())) {
    slice.status = SliceContourStatus::Empty;
  } else if (traced.touches_edge) {
    slice.status = SliceContourStatus::TouchesEdge;
    tally.edge.push_back(s);
  } else if (slice.curves - slice.holes > 1) {
    slice.status = SliceContourStatus::SeveralPieces;
    tally.pieces.push_back(s);
  } else if (slice.holes > 0) {
    slice.status = SliceContourStatus::Hole;
    tally.holes.push_back(s);
  } else {
    slice.status = SliceContourStatus::Kept;
  }
  return slice;
}

// Where slice nodes lie in the world: node (u, v) of slice s is voxel index (s, u, v) on the
// slicing, u and v the two other axes in order.
struct SliceFrame {
  const VolumeInfo& info;
  int axis, axis_u, axis_v;
  Eigen::Matrix3d linear;
  Eigen::Vector3d offset;
  Eigen::Vector3d normal;  // of the slice planes, toward increasing index

  SliceFrame(const VolumeInfo& volume_info, int a)
      : info(volume_info), axis(a), axis_u(a == 0 ? 1 : 0), axis_v(a == 2 ? 1 : 2) {
    linear = info.affine.topLeftCorner<3, 3>();
    offset = info.affine.block<3, 1>(0, 3);
    normal = linear.col(axis_u).cross(linear.col(axis_v)).normalized();
    if (normal.dot(linear.col(axis)) < 0) normal = -normal;
  }
  Eigen::Vector3d world(std::int64_t s, double u, double v) const {
    Eigen::Vector3d index;
    index(axis) = static_cast<double>(s);
    index(axis_u) = u;
    index(axis_v) = v;
    // A stack of slices: each slice's own origin (world_of), so uneven spacing and tilt are exact.
    return info.slice_origins.empty() ? Eigen::Vector3d(linear * index + offset) : world_of(info, index);
  }
};

// The kept slice's curve as the next contour of the table, in world coordinates; `name` its
// slice name. Points outside [lo, hi] (grid units) are left out: the artificial edge of a padded
// trace. Nothing is added when no point is left.
void add_contour(const SliceFrame& frame, std::int64_t s, const IsoCurve& curve, std::int64_t u0, std::int64_t v0,
                 const Eigen::Vector2d& lo, const Eigen::Vector2d& hi, const std::string& name, PointTable& t) {
  const auto contour = static_cast<std::int32_t>(t.slice_names.size());
  std::size_t added = 0;
  for (const Eigen::Vector2d& p : curve.points) {
    if (p.x() < lo.x() || p.y() < lo.y() || p.x() > hi.x() || p.y() > hi.y()) continue;
    const Eigen::Vector3d w = frame.world(s, p.x() + static_cast<double>(u0), p.y() + static_cast<double>(v0));
    t.x.push_back(w.x());
    t.y.push_back(w.y());
    t.z.push_back(w.z());
    t.slice.push_back(contour);
    ++added;
  }
  if (added == 0) return;
  t.slice_names.push_back(name);
  t.slice_normals.push_back(frame.normal);
}

// A gu × gv field with a border of `outside` nodes around it, so that every curve closes.
void pad_field(const double* field, std::int64_t gu, std::int64_t gv, double outside, std::vector<double>& padded) {
  padded.assign(static_cast<std::size_t>((gu + 2) * (gv + 2)), outside);
  for (std::int64_t v = 0; v < gv; ++v)
    std::copy(field + v * gu, field + (v + 1) * gu, padded.begin() + (v + 1) * (gu + 2) + 1);
}

}  // namespace

Outcome<VolumeContours> extract_contours(const Volume& volume, const ContourSelector& selector, int axis,
                                         const ContourRequest& request) {
  if (auto e = check_slicing(volume, selector, axis)) return *e;
  const SliceFrame frame(volume.info, axis);
  const std::int64_t n[3] = {volume.ni(), volume.nj(), volume.nk()};
  const std::int64_t stride[3] = {1, n[0], n[0] * n[1]};
  const std::int64_t nu = n[frame.axis_u], nv = n[frame.axis_v], ns = n[axis];
  const bool mask = selector.kind == ContourSelector::Kind::Label;
  const double level = mask ? 0.5 : selector.value;
  const ValueScale scale(volume.info);

  VolumeContours out;
  out.axis = axis;
  out.normal = frame.normal;
  // The region traced: the requested box and a node of margin, so that only the volume's own edge
  // can cut a curve; the whole volume without one.
  std::int64_t lo[3] = {0, 0, 0}, hi[3] = {n[0] - 1, n[1] - 1, n[2] - 1};
  if (request.box) {
    for (int a = 0; a < 3; ++a) {
      lo[a] = std::clamp<std::int64_t>(request.box->lo[static_cast<std::size_t>(a)] - 1, 0, n[a] - 1);
      hi[a] = std::clamp<std::int64_t>(request.box->hi[static_cast<std::size_t>(a)] + 1, 0, n[a] - 1);
    }
    if (request.box->empty()) hi[axis] = lo[axis] - 1;
  }
  const std::int64_t bu = hi[frame.axis_u] - lo[frame.axis_u] + 1, bv = hi[frame.axis_v] - lo[frame.axis_v] + 1;
  const std::int64_t box_base = lo[frame.axis_u] * stride[frame.axis_u] + lo[frame.axis_v] * stride[frame.axis_v];
  const bool box_on_edge[4] = {lo[frame.axis_u] == 0, lo[frame.axis_v] == 0, hi[frame.axis_u] == nu - 1,
                               hi[frame.axis_v] == nv - 1};
  const auto empty_slice = [&](std::int64_t s) {
    VolumeSlice slice;
    slice.index = s;
    out.slices.push_back(slice);
  };

  // Across i, several slices are filled at once, within 32 MiB of fields.
  const std::int64_t block =
      axis == 0 ? std::clamp<std::int64_t>((std::int64_t{1} << 22) / std::max<std::int64_t>(bu * bv, 1), 1,
                                           std::min(kBlock, ns))
                : 1;
  std::vector<double> field(static_cast<std::size_t>(std::max<std::int64_t>(bu * bv, 1) * block));
  std::vector<double> padded;
  MarchingSquares tracer;
  Tally tally;
  std::int64_t inside_total = 0, non_finite = 0;

  // Traces a field of gu × gv nodes whose node (0, 0) is slice node (u0, v0).
  const auto trace_slice = [&](std::int64_t s, const double* slice_field, std::int64_t u0, std::int64_t v0,
                               std::int64_t gu, std::int64_t gv, bool on_edge) {
    const std::string name = std::string(1, kAxisLetters[axis]) + " = " + std::to_string(s);
    if (request.every_curve) {
      // Every curve is a contour, traced with a border of outside nodes so that a slice cut by the
      // volume's edge closes too; the border's crossings are dropped.
      pad_field(slice_field, gu, gv, mask ? 0.0 : -kClamp, padded);
      const IsoCurves traced = tracer.trace(padded.data(), gu + 2, gv + 2, level);
      inside_total += traced.inside;
      IsoCurves judged = traced;
      judged.touches_edge = false;
      VolumeSlice slice = judge_slice(s, judged, tally);
      if (slice.curves > 0) slice.contour = static_cast<std::int32_t>(out.points.slice_names.size());
      int piece = 0;
      for (const IsoCurve& c : traced.curves) {
        ++piece;
        add_contour(frame, s, c, u0 - 1, v0 - 1, {1.0, 1.0}, {static_cast<double>(gu), static_cast<double>(gv)},
                    traced.curves.size() == 1 ? name : name + " #" + std::to_string(piece), out.points);
      }
      out.slices.push_back(slice);
      return;
    }
    IsoCurves traced = tracer.trace(slice_field, gu, gv, level);
    traced.touches_edge = traced.touches_edge && on_edge;
    inside_total += traced.inside;
    VolumeSlice slice = judge_slice(s, traced, tally);
    if (slice.status == SliceContourStatus::Kept) {
      slice.contour = static_cast<std::int32_t>(out.points.slice_names.size());
      add_contour(frame, s, traced.curves.front(), u0, v0, {-INFINITY, -INFINITY}, {INFINITY, INFINITY}, name,
                  out.points);
    }
    out.slices.push_back(slice);
  };
  with_voxels(volume, [&](auto voxels) {
    for (std::int64_t s = 0; s < lo[axis]; ++s) empty_slice(s);
    if (axis != 0) {
      for (std::int64_t s = lo[axis]; s <= hi[axis]; ++s) {
        const std::int64_t base = s * stride[axis] + box_base;
        Bounds b = inside_bounds(voxels, base, stride[frame.axis_u], stride[frame.axis_v], bu, bv, scale, mask,
                                 selector.value);
        non_finite += b.non_finite;
        if (b.empty()) {
          empty_slice(s);
          continue;
        }
        b.u0 += lo[frame.axis_u], b.u1 += lo[frame.axis_u], b.v0 += lo[frame.axis_v], b.v1 += lo[frame.axis_v];
        // The box and one node of margin, which lies outside (or is the slice's own edge).
        const std::int64_t u0 = std::max<std::int64_t>(b.u0 - 1, 0), u1 = std::min(b.u1 + 1, nu - 1);
        const std::int64_t v0 = std::max<std::int64_t>(b.v0 - 1, 0), v1 = std::min(b.v1 + 1, nv - 1);
        const bool on_edge = b.u0 == 0 || b.v0 == 0 || b.u1 == nu - 1 || b.v1 == nv - 1;
        fill_field(voxels, s * stride[axis] + u0 * stride[frame.axis_u] + v0 * stride[frame.axis_v],
                   stride[frame.axis_u], stride[frame.axis_v], u1 - u0 + 1, v1 - v0 + 1, scale, mask, selector.value,
                   field.data());
        trace_slice(s, field.data(), u0, v0, u1 - u0 + 1, v1 - v0 + 1, on_edge);
      }
    } else {
      // Slices across i: consecutive slices' voxels sit side by side in memory, so read kBlock
      // slices per pass instead of one voxel per cache line.
      const bool on_edge = box_on_edge[0] || box_on_edge[1] || box_on_edge[2] || box_on_edge[3];
      for (std::int64_t s0 = lo[axis]; s0 <= hi[axis]; s0 += block) {
        const std::int64_t count = std::min(block, hi[axis] - s0 + 1);
        non_finite += fill_block_across_i(voxels, s0 + box_base, count, stride[frame.axis_u], stride[frame.axis_v], bu,
                                          bv, scale, mask, selector.value, field.data());
        for (std::int64_t t = 0; t < count; ++t) {
          trace_slice(s0 + t, field.data() + t * bu * bv, lo[frame.axis_u], lo[frame.axis_v], bu, bv, on_edge);
        }
      }
    }
    for (std::int64_t s = std::max(hi[axis] + 1, lo[axis]); s < ns; ++s) empty_slice(s);
  });

  if (non_finite > 0) {
    out.warnings.push_back({WarningCode::NonFiniteVoxels, grouped(non_finite) +
                                                              " voxels are not finite numbers (NaN or infinite): NaN "
                                                              "and −∞ count as outside, +∞ as inside."});
  }
  if (inside_total == 0) return nothing_inside(volume, selector);
  const char letter = kAxisLetters[axis];
  const std::size_t slices_with_voxels =
      static_cast<std::size_t>(std::count_if(out.slices.begin(), out.slices.end(), [](const VolumeSlice& s) {
        return s.status != SliceContourStatus::Empty;
      }));
  if (out.points.slice_names.empty()) {
    if (request.every_curve) {
      return file_error(ErrorCode::NoClosedContours, -1,
                        "No slice across " + std::string(1, letter) + " has a curve at this level.");
    }
    return file_error(ErrorCode::NoClosedContours, -1,
                      "None of the " + grouped(slices_with_voxels) + " slices across " + letter +
                          " with voxels inside has exactly one closed contour: " + tally.describe(letter) +
                          ". Slice along another axis, or crop the volume so the sphere does not touch its edge.");
  }
  if (tally.left_out() > 0 && !request.every_curve) {
    out.warnings.push_back(
        {WarningCode::ContoursLeftOut, grouped(tally.left_out()) + " of " + grouped(slices_with_voxels) +
                                           " slices with voxels inside are left out: " + tally.describe(letter) + "."});
  }
  return out;
}

}  // namespace spherefit
