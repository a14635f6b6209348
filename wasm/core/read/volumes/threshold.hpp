// ISO-50: the grey value halfway between the background and the material peaks of a volume's
// histogram, the surface threshold of industrial CT metrology (VDI/VDE 2630-1.2; the "ISO-50"
// of VGStudio MAX and Zeiss CALYPSO). For a surface blurred by a symmetric point-spread function
// it sits where the grey value has risen half-way from background to material, i.e. on the edge.
//
// How the peaks are found: the finite scaled values are binned (about 512 bins over their range;
// for integer voxels, bins of a whole number of stored steps so that no bin holds more values than
// its neighbours), the histogram is smoothed with a Gaussian of 2 bins, and its peaks are ranked by
// topological prominence (a peak's height above the lowest point on the way to a higher peak), so
// that noise wiggles on a slope or on a plateau of partial-volume voxels never count. A peak is
// significant when its prominence exceeds 5 (√height + 1) voxels: five times the Poisson noise
// of a bin. Each peak's position is refined to a fraction of a bin by a parabola through the
// logarithm of the three highest bins (exact for a Gaussian peak). The background is the most
// prominent peak (the most common grey value); the material is the most prominent significant
// peak above it — or, when none lies above, the background becomes the material and the most
// prominent peak below it the background. More significant peaks give a SeveralMaterials warning
// that lists them; all are returned, so a user can pick another pair.
#pragma once

#include "model/volume.hpp"

namespace spherefit {

// Reads the volume once (8- and 16-bit voxels) or twice (others). Non-finite voxels are skipped
// (with a NonFiniteVoxels warning). A volume of exactly two values (a mask) gives their midpoint.
// Fails with NoMaterialPeak when the volume holds a single value or its histogram a single
// significant peak (the message gives the peak and says to enter a threshold), and with
// NonFiniteValue when no voxel is a finite number.
Outcome<Iso50Threshold> iso50_threshold(const Volume& volume);

}  // namespace spherefit
