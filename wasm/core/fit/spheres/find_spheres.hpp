// Every sphere in a point cloud that holds enough points: the balls of a ball plate among their
// stems and the plate, TLS sphere targets among walls, floor and poles, packed beads that touch,
// the two balls of a ball bar. A deterministic multi-model search (docs/spheres.md):
//
//  1. an octree in Morton order over all points (morton_index.hpp);
//  2. one seed per occupied octree cell of a level chosen from the radius limits or a seed budget,
//     the point picked in its cell by splitmix64 from `seed`; at each seed the local quadric
//     (surface_patch.hpp) gives the normal, the principal curvatures and the noise; a seed is a
//     candidate only where the surface is curved beyond its noise and umbilic (κ₁ ≈ κ₂), and its
//     sphere is c = p + n/H, R = 1/|H| (with a known radius c = p ± R n): the minimal set of
//     Schnabel, Wahl & Klein's efficient RANSAC (2007) reduced to one oriented point with its
//     curvature, so planes, cylinders and creases are dismissed before any sphere is scored;
//  3. each candidate is refined (candidate_refine.hpp): the free points within a band of its shell,
//     their largest connected patch (patch_components.hpp), the geometric least-squares fit
//     Σ(|p − c| − R)² of them (fit/points/point_refine.hpp), the band narrowed towards 3 robust σ of
//     the residuals, until the inliers settle; then tested (sphere_checks.hpp): enough points, a
//     cap of at least min_cap_angle_deg, a 2-D cap rather than a ring, residuals at the surface's
//     own noise, the radius within the limits. An accepted sphere takes its inliers;
//  4. finally every point goes to the sphere whose band holds it and whose surface is nearest
//     (touching beads: the points of each are its own), each sphere is refit to its points, the
//     points are assigned again and each sphere refit to exactly its final inliers.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <vector>

#include "model/points.hpp"
#include "model/status.hpp"

namespace spherefit {

// The search's tolerances; the defaults suit scans from CMM probes to TLS.
struct SphereSearchSettings {
  double band_sigmas = 3.0;             // inlier band half-width, in robust σ of the residuals
  double curvature_significance = 4.0;  // a seed's |H| must exceed this many standard errors
  double max_anisotropy = 0.35;         // a seed's |κ₁ − κ₂| / |κ₁ + κ₂| (0 sphere, 1 cylinder)
  double min_coverage = 0.4;            // inlier directions' spread vs a uniform cap (rings: ~0)
  double max_noise_ratio = 1.5;         // inliers' RMS ≤ this × the surface's local noise
  std::size_t seed_budget = 40000;      // seeds (occupied cells) at most, without radius limits
  int max_rounds = 12;                  // refits per candidate
  int max_iterations = 50;              // Levenberg–Marquardt iterations per refit
};

struct SphereSearchOptions {
  std::optional<double> known_radius;  // user units: every sphere has this radius
  std::optional<double> min_radius;    // user units: no sphere smaller (refits clamped, see below)
  std::optional<double> max_radius;    //   … or larger
  double min_cap_angle_deg = 60.0;     // least half-angle of the cap the inliers must cover
  std::size_t min_points = 30;         // least inliers of a sphere
  std::uint64_t seed = 0x5eedULL;      // the seed points' generator (same seed, same answer)
  SphereSearchSettings settings;
};

struct FoundSphere {
  Eigen::Vector3d center = Eigen::Vector3d::Zero();  // user units
  double radius = 0.0;
  std::vector<std::uint32_t> inliers;  // indices into the input, ascending
  double rms = 0.0;                    // RMS of the inliers' distances from the sphere
  double noise = 0.0;                  // the surface's local noise scale about the inliers
  double tolerance = 0.0;              // the inlier band's half-width
  double cap_angle_deg = 0.0;          // half-angle about the inliers' mean direction holding 95 %
  bool cap_only = false;               // less than a hemisphere was seen (cap angle below 90°)
  bool radius_at_limit = false;        // the radius is held at min_radius or max_radius
  std::size_t contested = 0;           // inliers also within another sphere's band (given to the nearer)
};

// Why candidates were not kept, beyond the seeds that were flat or not umbilic.
struct SphereSearchStats {
  std::size_t seeds = 0;           // seed points whose local surface could be fitted
  std::size_t candidates = 0;      // curved, umbilic seeds: refined candidates
  std::size_t too_few_points = 0;  // candidates left with fewer than min_points inliers
  std::size_t small_cap = 0;       // rejected: cap below min_cap_angle_deg
  std::size_t ring = 0;            // rejected: inliers on a ring, not a cap (cylinders, creases)
  std::size_t noisy = 0;           // rejected: residuals above the surface's noise
  std::size_t outside_limits = 0;  // rejected: only a sphere outside the radius limits fits
};

struct SphereSearch {
  std::vector<FoundSphere> spheres;       // most inliers first; ties by centre x, then y, then z
  std::size_t leftover_points = 0;        // points in no sphere
  std::size_t rejected_surfaces = 0;      // candidates rejected as not spherical (cap, ring, noise)
  std::size_t rejected_by_limits = 0;     // candidates only a sphere outside the limits explains
  double smallest_radius_searched = 0.0;  // user units: smaller spheres may be missed
  SphereSearchStats stats;
  std::vector<Warning> warnings;
};

// Finds the spheres. Preconditions: finite coordinates; at least 4 points, fewer than 2³² − 1.
// The radius limits hold during the search and after every refit: a refit that leaves
// [min_radius, max_radius] is redone with the radius held at the limit it crossed, and kept only
// if that sphere still explains its inliers to the noise (radius_at_limit); no sphere outside
// the limits is ever returned. Returns an empty list (not an error) when no sphere is found.
// Errors: TooFewPoints, NonFiniteValue (naming the point), PointsCollinear (all points equal),
// InvalidOption (a radius ≤ 0 or not finite, min_radius > max_radius, a known radius outside
// the limits, a cap angle outside (0°, 180°], min_points < 4).
Outcome<SphereSearch> find_spheres(const PointColumnsView& points, const SphereSearchOptions& options);

// The same search on an evenly strided sample of at most max_points points (min_points scaled
// to the sample, at least 12): a cheap detector for the one-sphere fit, which can then warn that
// the data hold several spheres. Every point is validated as by find_spheres (same errors).
// Inliers index the input (sample members only); leftover_points counts the points outside the
// sample too; with two or more spheres found the result carries a SeveralSpheres warning.
Outcome<SphereSearch> detect_spheres(const PointColumnsView& points, const SphereSearchOptions& options,
                                     std::size_t max_points = 4000);

}  // namespace spherefit
