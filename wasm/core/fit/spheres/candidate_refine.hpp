// One candidate sphere, from its seed to a verdict. Rounds of: the free points within the band of
// its shell (shell_gather.hpp), their largest connected patch (patch_components.hpp), the
// geometric least-squares fit of that patch (inlier_fit.hpp); the band then narrows to
// b = k·s, s = 1.4826·median|e| (the residuals' robust scale, k = band_sigmas), by at most a
// factor 3 a round — a trimmed least squares whose trimming follows the noise, as MSAC's band
// would (Torr & Zisserman 2000) but estimated instead of given. For a sphere the band settles at
// 3σ within a few rounds; for a surface a sphere does not describe, the residuals spread over the
// whole band (a uniform spread has 3·MAD = 1.5 b) and it stops narrowing, which the noise test
// below then rejects. The inliers are gathered once more about the last fit, then judged:
// enough points, cap, coverage and noise (sphere_checks.hpp), radius limits.
//
// Radius limits: a refit outside [min_radius, max_radius] is redone with the radius held at the
// limit it crossed; the candidate then stands or falls by the same tests (a real ball of radius
// just beyond a limit set too tight is kept at the limit only if that still fits to the noise).
#pragma once

#include "fit/spheres/search_space.hpp"

namespace spherefit {

struct Candidate {
  Sphere sphere;              // working units
  double band = 0.0;          // first band half-width
  double spacing = 0.0;       // the points' spacing at the seed (sets the connectivity cells)
  double noise = 0.0;         // the seed patch's noise: the fallback where no probe patch fits
  bool radius_fixed = false;  // a known radius
};

enum class Verdict { Sphere, TooFewPoints, SmallCap, Ring, Noisy, OutsideLimits };

struct RefinedCandidate {
  Verdict verdict = Verdict::TooFewPoints;
  AcceptedSphere accepted;  // the refined sphere and its inliers (also when rejected)
  CapShape cap;
  double rms = 0.0;                        // of the inliers, working units
  std::vector<std::uint32_t> first_patch;  // the first round's connected patch (wide band)
};

RefinedCandidate refine_candidate(const SearchSpace& space, const Candidate& candidate);

}  // namespace spherefit
