#include "fit/form/worst_kept.hpp"

namespace spherefit {

void WorstKept::keep(long index, double key) {
  const double badness = sign_ * key;
  const auto milder = [](const std::pair<double, long>& a, const std::pair<double, long>& b) {
    return a.first > b.first;
  };
  if (heap_.size() < limit_) {
    heap_.emplace_back(badness, index);
    std::push_heap(heap_.begin(), heap_.end(), milder);
  } else if (badness > heap_.front().first) {
    std::pop_heap(heap_.begin(), heap_.end(), milder);
    heap_.back() = {badness, index};
    std::push_heap(heap_.begin(), heap_.end(), milder);
  }
}

std::vector<long> WorstKept::take() {
  std::sort(heap_.begin(), heap_.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<long> out;
  out.reserve(heap_.size());
  for (const auto& entry : heap_) out.push_back(entry.second);
  heap_.clear();
  return out;
}

}  // namespace spherefit
