// Point clouds and meshes as scanners and CAD tools write them: PLY (ASCII and both binary byte
// orders), STL (binary and ASCII), Wavefront OBJ, PCL's PCD (ascii, binary, binary_compressed) and
// LAS (uncompressed), read into the x, y, z of a PointTable for the sphere fit. Plain text point
// tables (.xyz, .pts, .csv, .ds, CloudCompare's .asc) are the text parser's, not ours.
//
// STL repeats each vertex for every triangle around it, so its exactly equal vertices are merged
// (read/meshes/vertex_merge.hpp); PLY and OBJ list each vertex once and faces refer to it by index, so
// their vertices are kept as given: two equal points there are two measurements (or a seam the
// writer chose to keep), and merging them would change what the user measured.
//
// Each format has its own file (ply.*, stl.*, obj.*, pcd.*, las.*); this one recognises the format and
// dispatches. Errors name where: line and column for text, byte offset and record for binary
// (read/file_error.hpp).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "model/names.hpp"
#include "model/points.hpp"
#include "model/status.hpp"

namespace spherefit {

enum class PointFileFormat {
  PlyAscii,
  PlyBinaryLittleEndian,
  PlyBinaryBigEndian,
  StlAscii,
  StlBinary,
  Obj,
  Las,
  PcdAscii,
  PcdBinary,
  PcdBinaryCompressed
};

inline constexpr NamedValue<PointFileFormat> kPointFileFormatNames[] = {
    {PointFileFormat::PlyAscii, "ply-ascii"},
    {PointFileFormat::PlyBinaryLittleEndian, "ply-binary-little-endian"},
    {PointFileFormat::PlyBinaryBigEndian, "ply-binary-big-endian"},
    {PointFileFormat::StlAscii, "stl-ascii"},
    {PointFileFormat::StlBinary, "stl-binary"},
    {PointFileFormat::Obj, "obj"},
    {PointFileFormat::Las, "las"},
    {PointFileFormat::PcdAscii, "pcd-ascii"},
    {PointFileFormat::PcdBinary, "pcd-binary"},
    {PointFileFormat::PcdBinaryCompressed, "pcd-binary-compressed"},
};

inline const char* point_file_format_name(PointFileFormat format) { return name_of(kPointFileFormatNames, format); }

struct PointFile {
  // x, y, z of each vertex (after merging, for STL), no slices. source_line: for the text formats,
  // the 1-based line of each vertex (its first occurrence, for STL); empty for binary files.
  // format[k]: how the text formats typed the coordinates (decimals -1 for binary).
  PointTable points;
  PointFileFormat format = PointFileFormat::PlyAscii;
  std::size_t vertices_read = 0;      // vertices in the file, before merging
  std::size_t duplicates_merged = 0;  // vertices_read - points.size()
  std::size_t faces = 0;              // PLY 'face' records, STL triangles, OBJ 'f' lines
  std::vector<Warning> warnings;
};

// True when the bytes are, or claim to be, one of these formats: a first line "ply"; a binary STL
// whose size is 84 + 50·n for the n its header holds; text beginning "solid" with a "facet" or
// "endsolid"; OBJ statements up to a "v x y z" line; a PCD header (VERSION or FIELDS first);
// "LASF" (LAS, and LAZ, which read_point_file refuses for laz.js to decode). The file name's
// extension (.ply, .stl, .obj, .pcd, .las, .laz, any case) is a hint and never the only evidence:
// with it, binary bytes also count (a cut-short binary STL). Reads at most the start of the bytes, except to find an
// OBJ's first vertex.
bool looks_like_point_file(std::string_view bytes, std::string_view file_name);

// Reads the whole file. The format comes from the bytes; the name's extension decides only when
// the bytes do not (and then gives the matching reader's error), and a disagreement between the
// two is a warning. Errors: EmptyInput; UnknownFormat (none of these formats); InvalidFile,
// TruncatedFile, UnsupportedFile, InvalidNumber, WrongFieldCount, MissingColumn, NonFiniteValue
// with the place (line and column, or byte offset and record with Error::point the 0-based vertex
// as the file lists it). Never allocates more than the file's size can justify. A file with no
// vertices is read as zero points (the fit then says there are too few).
Outcome<PointFile> read_point_file(std::string_view bytes, std::string_view file_name);

}  // namespace spherefit
