// What a file is, from its first bytes (and its name as a hint): a gzip stream to decompress
// first, a volume (NIfTI-1/2, NRRD, MetaImage), a point cloud or mesh (PLY, STL, OBJ, PCD, LAS), a
// LAZ point cloud (compressed LAS, decoded outside the core: web/src/lib/laz.js), a DICOM file (read
// outside the core), a text table, or something this app does not read — which describe_file then
// names (a ZIP archive, a PDF, a PNG image…), so that a message can say what the file looks like.
// The page and the command line both dispatch on it.
#pragma once

#include <string>
#include <string_view>

#include "model/names.hpp"

namespace spherefit {

enum class FileKind { Empty, Gzip, Volume, PointFile, Laz, Dicom, Text, Unknown };

inline constexpr NamedValue<FileKind> kFileKindNames[] = {
    {FileKind::Empty, "empty"},   {FileKind::Gzip, "gzip"},
    {FileKind::Volume, "volume"}, {FileKind::PointFile, "point-file"},
    {FileKind::Laz, "laz"},       {FileKind::Dicom, "dicom"},
    {FileKind::Text, "text"},     {FileKind::Unknown, "unknown"},
};

// head: the file's first bytes (a few kilobytes are enough; more helps an OBJ with a long
// preamble). Text is anything else without NUL bytes; the text reader says what is wrong with it.
FileKind sniff_file(std::string_view head, std::string_view file_name);

// Whether the bytes are a DICOM file: "DICM" at byte 128 after the preamble, or a data set that
// starts without one, with a tag of group 0002 (file meta) or 0008 (identifying) in little-endian
// order, explicit or implicit VR.
bool looks_like_dicom(std::string_view head);

// What the bytes look like when they are none of the formats read here, as a phrase for a
// message ("a PDF document", "a ZIP archive", "an Excel workbook (.xlsx)", "a PNG image",
// "gzip-compressed data"…), or "" when nothing is recognised.
std::string describe_file(std::string_view head);

// What to do with such a file, for a message: "Export the points as PLY, CSV or text." etc., or
// "" when describe_file knows nothing more to say.
std::string advice_for(std::string_view head);

}  // namespace spherefit
