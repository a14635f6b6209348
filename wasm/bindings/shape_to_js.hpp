// C++ → JavaScript for the shape verdict and the fitted ellipsoid (model/ellipsoid.hpp):
// { value, sentence, sphereNote, difference, … } and { shape, center, semiAxes, axes, stdErr, … }.
// Names are the core's; nothing here decides a number.
#pragma once

#include <emscripten/val.h>

#include "model/ellipsoid.hpp"

namespace spherefit::bindings {

emscripten::val fitted_ellipsoid_value(const EllipsoidFit& e, bool with_columns);
emscripten::val shape_verdict_value(const ShapeVerdict& v);

}  // namespace spherefit::bindings
