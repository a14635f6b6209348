// The worst few of a stream of candidates: what a scan of 10⁵ observations hands the solver as new
// rows, kept in a small heap as they come, so the scan stays one pass.
#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace spherefit {

// Keeps the `limit` candidates with the largest key (or the smallest). Shared by the point and
// circle scans.
class WorstKept {
 public:
  WorstKept(int limit, bool largest)
      : limit_(static_cast<std::size_t>(std::max(limit, 1))), sign_(largest ? 1.0 : -1.0) {}
  // Cheap to call for every observation: one that would not be kept is turned away inline.
  void offer(long index, double key) {
    if (heap_.size() == limit_ && sign_ * key <= heap_.front().first) return;
    keep(index, key);
  }
  std::vector<long> take();  // worst first

 private:
  std::size_t limit_;
  double sign_;
  void keep(long index, double key);
  std::vector<std::pair<double, long>> heap_;  // min-heap on sign·key: the front is the mildest kept
};

}  // namespace spherefit
