// Two doubles at a time, for the passes over millions of points: SSE2 on x86-64, simd128 in
// WebAssembly (-msimd128), plain scalars elsewhere. The point fit's passes are bound by the
// square root and division per point; packed sqrtpd/divpd (f64x2.sqrt/div) do two per
// instruction. The compiler cannot pair the points itself: the sums would be reassociated, which
// strict IEEE arithmetic forbids — here each lane keeps its own sums, added at the end.
#pragma once

#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace spherefit {

struct Lanes {
#if defined(__SSE2__)
  __m128d v;
  static Lanes load(const double* p) { return {_mm_loadu_pd(p)}; }
  static Lanes all(double x) { return {_mm_set1_pd(x)}; }
  static Lanes of(double a, double b) { return {_mm_set_pd(b, a)}; }
  friend Lanes operator+(Lanes a, Lanes b) { return {_mm_add_pd(a.v, b.v)}; }
  friend Lanes operator-(Lanes a, Lanes b) { return {_mm_sub_pd(a.v, b.v)}; }
  friend Lanes operator*(Lanes a, Lanes b) { return {_mm_mul_pd(a.v, b.v)}; }
  friend Lanes operator/(Lanes a, Lanes b) { return {_mm_div_pd(a.v, b.v)}; }
  friend Lanes sqrt(Lanes a) { return {_mm_sqrt_pd(a.v)}; }
  friend Lanes min(Lanes a, Lanes b) { return {_mm_min_pd(a.v, b.v)}; }
  friend Lanes max(Lanes a, Lanes b) { return {_mm_max_pd(a.v, b.v)}; }
  friend Lanes abs(Lanes a) { return {_mm_andnot_pd(_mm_set1_pd(-0.0), a.v)}; }
  // 1 where a > b, else 0: counts add up.
  friend Lanes greater(Lanes a, Lanes b) { return {_mm_and_pd(_mm_cmpgt_pd(a.v, b.v), _mm_set1_pd(1.0))}; }
  // 1/a where a > 0, else 0 (a point at the centre has no direction).
  friend Lanes inverse_or_zero(Lanes a) {
    const __m128d positive = _mm_cmpgt_pd(a.v, _mm_setzero_pd());
    return {_mm_and_pd(positive, _mm_div_pd(_mm_set1_pd(1.0), a.v))};
  }
  void store(double* out) const { _mm_storeu_pd(out, v); }
  double sum() const {
    double out[2];
    store(out);
    return out[0] + out[1];
  }
#elif defined(__wasm_simd128__)
  v128_t v;
  static Lanes load(const double* p) { return {wasm_v128_load(p)}; }
  static Lanes all(double x) { return {wasm_f64x2_splat(x)}; }
  static Lanes of(double a, double b) { return {wasm_f64x2_make(a, b)}; }
  friend Lanes operator+(Lanes a, Lanes b) { return {wasm_f64x2_add(a.v, b.v)}; }
  friend Lanes operator-(Lanes a, Lanes b) { return {wasm_f64x2_sub(a.v, b.v)}; }
  friend Lanes operator*(Lanes a, Lanes b) { return {wasm_f64x2_mul(a.v, b.v)}; }
  friend Lanes operator/(Lanes a, Lanes b) { return {wasm_f64x2_div(a.v, b.v)}; }
  friend Lanes sqrt(Lanes a) { return {wasm_f64x2_sqrt(a.v)}; }
  friend Lanes min(Lanes a, Lanes b) { return {wasm_f64x2_pmin(a.v, b.v)}; }
  friend Lanes max(Lanes a, Lanes b) { return {wasm_f64x2_pmax(a.v, b.v)}; }
  friend Lanes abs(Lanes a) { return {wasm_f64x2_abs(a.v)}; }
  friend Lanes greater(Lanes a, Lanes b) { return {wasm_v128_and(wasm_f64x2_gt(a.v, b.v), wasm_f64x2_splat(1.0))}; }
  friend Lanes inverse_or_zero(Lanes a) {
    const v128_t positive = wasm_f64x2_gt(a.v, wasm_f64x2_splat(0.0));
    return {wasm_v128_and(positive, wasm_f64x2_div(wasm_f64x2_splat(1.0), a.v))};
  }
  void store(double* out) const { wasm_v128_store(out, v); }
  double sum() const { return wasm_f64x2_extract_lane(v, 0) + wasm_f64x2_extract_lane(v, 1); }
#else
  double a, b;
  static Lanes load(const double* p) { return {p[0], p[1]}; }
  static Lanes all(double x) { return {x, x}; }
  static Lanes of(double x, double y) { return {x, y}; }
  friend Lanes operator+(Lanes x, Lanes y) { return {x.a + y.a, x.b + y.b}; }
  friend Lanes operator-(Lanes x, Lanes y) { return {x.a - y.a, x.b - y.b}; }
  friend Lanes operator*(Lanes x, Lanes y) { return {x.a * y.a, x.b * y.b}; }
  friend Lanes operator/(Lanes x, Lanes y) { return {x.a / y.a, x.b / y.b}; }
  friend Lanes sqrt(Lanes x) { return {std::sqrt(x.a), std::sqrt(x.b)}; }
  friend Lanes min(Lanes x, Lanes y) { return {y.a < x.a ? y.a : x.a, y.b < x.b ? y.b : x.b}; }
  friend Lanes max(Lanes x, Lanes y) { return {x.a < y.a ? y.a : x.a, x.b < y.b ? y.b : x.b}; }
  friend Lanes abs(Lanes x) { return {std::abs(x.a), std::abs(x.b)}; }
  friend Lanes greater(Lanes x, Lanes y) { return {x.a > y.a ? 1.0 : 0.0, x.b > y.b ? 1.0 : 0.0}; }
  friend Lanes inverse_or_zero(Lanes x) { return {x.a > 0.0 ? 1.0 / x.a : 0.0, x.b > 0.0 ? 1.0 / x.b : 0.0}; }
  void store(double* out) const { out[0] = a, out[1] = b; }
  double sum() const { return a + b; }
#endif
  double lowest() const {
    double out[2];
    store(out);
    return out[0] < out[1] ? out[0] : out[1];
  }
  double highest() const {
    double out[2];
    store(out);
    return out[0] > out[1] ? out[0] : out[1];
  }
  Lanes& operator+=(Lanes o) { return *this = *this + o; }
  Lanes& operator-=(Lanes o) { return *this = *this - o; }
};

}  // namespace spherefit
