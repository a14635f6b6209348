// The header of a PLY file, after Paul Bourke's description of the format ("PLY - Polygon File
// Format", paulbourke.net/dataformats/ply/, from Greg Turk's 1994 original):
//
//   ply
//   format ascii 1.0                      (or binary_little_endian 1.0, binary_big_endian 1.0)
//   comment …   /   obj_info …            (free text, ignored)
//   element vertex 8                      (a name and a record count)
//   property float x                      (a scalar: type, name)
//   property list uchar int vertex_index  (a list: count type, item type, name)
//   end_header
//
// Types: char uchar short ushort int uint float double, or int8 uint8 int16 uint16 int32 uint32
// float32 float64 (1, 1, 2, 2, 4, 4, 4, 8 bytes). Lines may end in "\r\n". The data follow the
// line end of end_header, elements in header order, records in element order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/status.hpp"

namespace spherefit {

enum class PlyEncoding { Ascii, BinaryLittleEndian, BinaryBigEndian };

enum class PlyType : unsigned char { Int8, UInt8, Int16, UInt16, Int32, UInt32, Float32, Float64 };

std::size_t ply_type_size(PlyType type);
bool ply_type_is_integer(PlyType type);

struct PlyProperty {
  std::string name;
  PlyType type = PlyType::Float32;  // the item type for a list
  bool is_list = false;
  PlyType count_type = PlyType::UInt8;  // lists only: an integer type
  int line = 0;                         // of its header line
};

struct PlyElement {
  std::string name;
  std::uint64_t count = 0;
  std::vector<PlyProperty> properties;
  int line = 0;  // of its header line, and the column of its count
  int count_column = 0;

  bool has_lists() const;
  // Bytes of one binary record without the list items: its scalars and its list counts.
  std::size_t fixed_size() const;
};

struct PlyHeader {
  PlyEncoding encoding = PlyEncoding::Ascii;
  std::vector<PlyElement> elements;
  std::size_t data_start = 0;  // byte offset of the first data byte
  int data_line = 0;           // the line the data start on (for ASCII)
  int end_line = 0;            // the end_header line
};

// The header of a file that begins with "ply". Errors carry the header's line and column:
// InvalidFile for a malformed line, UnsupportedFile for an unknown format or type,
// TruncatedFile when the file ends before end_header.
Outcome<PlyHeader> read_ply_header(std::string_view bytes);

}  // namespace spherefit
