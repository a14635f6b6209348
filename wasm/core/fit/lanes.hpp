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

// The plain form, always compiled: the fallback where neither SIMD set exists, and the reference
// the SIMD forms are tested against (tests/cpp/fit/lanes_test.cpp: the same sums, bit for bit).
struct ScalarLanes {
  double a, b;
  static ScalarLanes load(const double* p) { return {p[0], p[1]}; }
  static ScalarLanes all(double x) { return {x, x}; }
  static ScalarLanes of(double x, double y) { return {x, y}; }
  friend ScalarLanes operator+(ScalarLanes x, ScalarLanes y) { return {x.a + y.a, x.b + y.b}; }
  friend ScalarLanes operator-(ScalarLanes x, ScalarLanes y) { return {x.a - y.a, x.b - y.b}; }
  friend ScalarLanes operator*(ScalarLanes x, ScalarLanes y) { return {x.a * y.a, x.b * y.b}; }
  friend ScalarLanes operator/(ScalarLanes x, ScalarLanes y) { return {x.a / y.a, x.b / y.b}; }
  friend ScalarLanes sqrt(ScalarLanes x) { return {std::sqrt(x.a), std::sqrt(x.b)}; }
  friend ScalarLanes min(ScalarLanes x, ScalarLanes y) { return {y.a < x.a ? y.a : x.a, y.b < x.b ? y.b : x.b}; }
  friend ScalarLanes max(ScalarLanes x, ScalarLanes y) { return {x.a < y.a ? y.a : x.a, x.b < y.b ? y.b : x.b}; }
  friend ScalarLanes abs(ScalarLanes x) { return {std::abs(x.a), std::abs(x.b)}; }
  friend ScalarLanes greater(ScalarLanes x, ScalarLanes y) { return {x.a > y.a ? 1.0 : 0.0, x.b > y.b ? 1.0 : 0.0}; }
  friend ScalarLanes inverse_or_zero(ScalarLanes x) {
    return {x.a > 0.0 ? 1.0 / x.a : 0.0, x.b > 0.0 ? 1.0 / x.b : 0.0};
  }
  void store(double* out) const { out[0] = a, out[1] = b; }
  double sum() const { return a + b; }

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
  ScalarLanes& operator+=(ScalarLanes o) { return *this = *this + o; }
  ScalarLanes& operator-=(ScalarLanes o) { return *this = *this - o; }
};

#if defined(__SSE2__) || defined(__wasm_simd128__)
#if defined(__SSE2__)
struct SimdLanes {
  __m128d v;
  static SimdLanes load(const double* p) { return {_mm_loadu_pd(p)}; }
  static SimdLanes all(double x) { return {_mm_set1_pd(x)}; }
  static SimdLanes of(double a, double b) { return {_mm_set_pd(b, a)}; }
  friend SimdLanes operator+(SimdLanes a, SimdLanes b) { return {_mm_add_pd(a.v, b.v)}; }
  friend SimdLanes operator-(SimdLanes a, SimdLanes b) { return {_mm_sub_pd(a.v, b.v)}; }
  friend SimdLanes operator*(SimdLanes a, SimdLanes b) { return {_mm_mul_pd(a.v, b.v)}; }
  friend SimdLanes operator/(SimdLanes a, SimdLanes b) { return {_mm_div_pd(a.v, b.v)}; }
  friend SimdLanes sqrt(SimdLanes a) { return {_mm_sqrt_pd(a.v)}; }
  // As wasm's pmin/pmax and the scalar form: b < a ? b : a (the first operand when equal, ±0 alike).
  friend SimdLanes min(SimdLanes a, SimdLanes b) { return {_mm_min_pd(b.v, a.v)}; }
  friend SimdLanes max(SimdLanes a, SimdLanes b) { return {_mm_max_pd(b.v, a.v)}; }
  friend SimdLanes abs(SimdLanes a) { return {_mm_andnot_pd(_mm_set1_pd(-0.0), a.v)}; }
  // 1 where a > b, else 0: counts add up.
  friend SimdLanes greater(SimdLanes a, SimdLanes b) { return {_mm_and_pd(_mm_cmpgt_pd(a.v, b.v), _mm_set1_pd(1.0))}; }
  // 1/a where a > 0, else 0 (a point at the centre has no direction).
  friend SimdLanes inverse_or_zero(SimdLanes a) {
    const __m128d positive = _mm_cmpgt_pd(a.v, _mm_setzero_pd());
    return {_mm_and_pd(positive, _mm_div_pd(_mm_set1_pd(1.0), a.v))};
  }
  void store(double* out) const { _mm_storeu_pd(out, v); }
  double sum() const {
    double out[2];
    store(out);
    return out[0] + out[1];
  }

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
  SimdLanes& operator+=(SimdLanes o) { return *this = *this + o; }
  SimdLanes& operator-=(SimdLanes o) { return *this = *this - o; }
};
#else
struct SimdLanes {
  v128_t v;
  static SimdLanes load(const double* p) { return {wasm_v128_load(p)}; }
  static SimdLanes all(double x) { return {wasm_f64x2_splat(x)}; }
  static SimdLanes of(double a, double b) { return {wasm_f64x2_make(a, b)}; }
  friend SimdLanes operator+(SimdLanes a, SimdLanes b) { return {wasm_f64x2_add(a.v, b.v)}; }
  friend SimdLanes operator-(SimdLanes a, SimdLanes b) { return {wasm_f64x2_sub(a.v, b.v)}; }
  friend SimdLanes operator*(SimdLanes a, SimdLanes b) { return {wasm_f64x2_mul(a.v, b.v)}; }
  friend SimdLanes operator/(SimdLanes a, SimdLanes b) { return {wasm_f64x2_div(a.v, b.v)}; }
  friend SimdLanes sqrt(SimdLanes a) { return {wasm_f64x2_sqrt(a.v)}; }
  friend SimdLanes min(SimdLanes a, SimdLanes b) { return {wasm_f64x2_pmin(a.v, b.v)}; }
  friend SimdLanes max(SimdLanes a, SimdLanes b) { return {wasm_f64x2_pmax(a.v, b.v)}; }
  friend SimdLanes abs(SimdLanes a) { return {wasm_f64x2_abs(a.v)}; }
  friend SimdLanes greater(SimdLanes a, SimdLanes b) {
    return {wasm_v128_and(wasm_f64x2_gt(a.v, b.v), wasm_f64x2_splat(1.0))};
  }
  friend SimdLanes inverse_or_zero(SimdLanes a) {
    const v128_t positive = wasm_f64x2_gt(a.v, wasm_f64x2_splat(0.0));
    return {wasm_v128_and(positive, wasm_f64x2_div(wasm_f64x2_splat(1.0), a.v))};
  }
  void store(double* out) const { wasm_v128_store(out, v); }
  double sum() const { return wasm_f64x2_extract_lane(v, 0) + wasm_f64x2_extract_lane(v, 1); }

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
  SimdLanes& operator+=(SimdLanes o) { return *this = *this + o; }
  SimdLanes& operator-=(SimdLanes o) { return *this = *this - o; }
};
#endif
using Lanes = SimdLanes;
#else
using Lanes = ScalarLanes;
#endif

}  // namespace spherefit
