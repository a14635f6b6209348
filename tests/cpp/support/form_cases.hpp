// Data whose form fits are known exactly, and checks of a form fit's optimality conditions that
// share no code with the solver: what the form-fit tests compare against.
#pragma once

#include <Eigen/Core>
#include <random>
#include <vector>

#include "fit/form/form_fit.hpp"
#include "model/points.hpp"
#include "model/slices.hpp"

namespace spherefit::testing {

Eigen::Matrix3d random_rotation(std::mt19937_64& rng);

PointTable point_table(const std::vector<Eigen::Vector3d>& points);

// A start centre near the least-squares one, as the caller would pass: the algebraic (Kåsa) sphere
// of the points, solved on centred coordinates.
Eigen::Vector3d algebraic_center(const std::vector<Eigen::Vector3d>& points);

// A minimum zone known exactly, after Forbes and Minh ("Generation of numerical artefacts for
// geometric form and tolerance assessment", Int. J. Metrol. Qual. Eng. 3, 2012): five contacts
// that satisfy the optimality conditions with positive multipliers — three normals forming a
// triangle that the segment between two others pierces — on the outer sphere R + h (three of them,
// or two) and the inner sphere R − h, then `extra` points strictly inside the zone. On a cap all
// data lie within 55° of an axis; otherwise all round. Contacts come first: outer, then inner.
// (The 4 + 1 and 1 + 4 patterns of Forbes and Minh's other elements cannot occur on a sphere: the
// optimality condition Σμn = Σνn would put one unit normal inside the hull of four others, and no
// point of the unit sphere lies inside the hull of other points of it.)
enum class ContactPattern { ThreeOuterTwoInner, TwoOuterThreeInner };

struct KnownZone {
  std::vector<Eigen::Vector3d> points;
  Eigen::Vector3d center;
  double inner = 0.0;
  double outer = 0.0;
  std::vector<double> outer_multipliers;  // of the outer contacts, in order
  std::vector<double> inner_multipliers;
  std::vector<Eigen::Vector3d> outer_normals;
  std::vector<Eigen::Vector3d> inner_normals;
};

KnownZone forbes_minh_points(const Eigen::Vector3d& center, double radius, double half_width, ContactPattern pattern,
                             bool cap, std::size_t extra, std::mt19937_64& rng);

// The same zone with slice circles for observations: each contact is the farthest (or nearest)
// point of a circle whose axis misses the centre slightly, and `extra` circles lie strictly inside.
struct KnownCircleZone {
  SliceTable circles;
  Eigen::Vector3d center;
  double inner = 0.0;
  double outer = 0.0;
};

KnownCircleZone forbes_minh_circles(const Eigen::Vector3d& center, double radius, double half_width,
                                    ContactPattern pattern, std::size_t extra, std::mt19937_64& rng);

// A maximum inscribed sphere known exactly: four points on the sphere whose normals surround the
// centre (an irregular tetrahedron) and `extra` points outside it, between 1.01 R and 1.1 R.
struct KnownBall {
  std::vector<Eigen::Vector3d> points;
  Eigen::Vector3d center;
  double radius = 0.0;
};

KnownBall inscribed_ball(const Eigen::Vector3d& center, double radius, std::size_t extra, std::mt19937_64& rng);

// Points all round a sphere, or on a cap within `cap_angle` of an axis, with radial noise.
std::vector<Eigen::Vector3d> sphere_points(const Eigen::Vector3d& center, double radius, std::size_t n, double noise,
                                           double cap_angle, std::mt19937_64& rng);

// Distances computed here, independently: the closed form for a circle's nearest and farthest point.
double circle_far(const SliceCircle& c, const Eigen::Vector3d& p);
double circle_near(const SliceCircle& c, const Eigen::Vector3d& p);

// The optimality conditions of a reported form fit, checked from scratch against the data:
// every observation within [inner, outer] (to tol), each contact on its observation and at the
// extreme distance it claims, multipliers ≥ 0 summing to 1 per side, and stationarity
// |Σμn − Σνn| ≤ stationarity (the outer contacts' normals' hull meets the inner ones', or, one-sided,
// contains the origin). Returns a description of the first failure, empty when all hold.
std::string check_conditions(const std::vector<Eigen::Vector3d>& points, const FormFit& fit, FitType type, double tol,
                             double stationarity);
std::string check_conditions(const SliceTable& circles, const FormFit& fit, FitType type, double tol,
                             double stationarity);

}  // namespace spherefit::testing
