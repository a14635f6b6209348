// Typed access to a Volume's voxels: one switch on the voxel type, then a loop the compiler sees
// with a concrete element type. Loads go through memcpy, so the buffer needs no alignment (the
// compiler turns it into a plain load), and values are scaled as NIfTI's scl_slope/scl_inter say.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "model/volume.hpp"

namespace spherefit {

template <class T>
struct VoxelArray {
  using value_type = T;
  const std::uint8_t* bytes = nullptr;

  T operator[](std::size_t index) const {
    T value;
    std::memcpy(&value, bytes + index * sizeof(T), sizeof(T));
    return value;
  }
};

// Calls f(VoxelArray<T>) with T the volume's stored type; returns what f returns.
template <class F>
decltype(auto) with_voxels(const Volume& v, F&& f) {
  switch (v.info.type) {
    case VoxelType::UInt8:
      return f(VoxelArray<std::uint8_t>{v.data});
    case VoxelType::Int8:
      return f(VoxelArray<std::int8_t>{v.data});
    case VoxelType::UInt16:
      return f(VoxelArray<std::uint16_t>{v.data});
    case VoxelType::Int16:
      return f(VoxelArray<std::int16_t>{v.data});
    case VoxelType::UInt32:
      return f(VoxelArray<std::uint32_t>{v.data});
    case VoxelType::Int32:
      return f(VoxelArray<std::int32_t>{v.data});
    case VoxelType::Float32:
      return f(VoxelArray<float>{v.data});
    case VoxelType::Float64:
      break;
  }
  return f(VoxelArray<double>{v.data});
}

// stored → the value the user sees. Every reader of values goes through here, so that a label
// value reported by count_labels compares equal, bit for bit, with the one a mask tests against.
struct ValueScale {
  bool scaled = false;
  double slope = 1.0;
  double inter = 0.0;

  explicit ValueScale(const VolumeInfo& info) : scaled(info.scaled), slope(info.scl_slope), inter(info.scl_inter) {}
  double operator()(double stored) const { return scaled ? stored * slope + inter : stored; }
};

}  // namespace spherefit
