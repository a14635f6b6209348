// Numbers from unaligned bytes of a binary file, in either byte order. memcpy keeps the loads
// defined for any alignment; compilers turn it into one load (and one bswap when swapping).
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "spherefit's binary readers assume a little-endian host (x86, ARM, WebAssembly)."
#endif

namespace spherefit {

// The T stored at p; big_endian says the file's byte order (the host is little-endian).
template <class T>
inline T load(const unsigned char* p, bool big_endian) {
  unsigned char b[sizeof(T)];
  if (big_endian) {
    for (std::size_t k = 0; k < sizeof(T); ++k) b[k] = p[sizeof(T) - 1 - k];
  } else {
    std::memcpy(b, p, sizeof(T));
  }
  T value;
  std::memcpy(&value, b, sizeof(T));
  return value;
}

}  // namespace spherefit
