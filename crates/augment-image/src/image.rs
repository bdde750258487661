//! The RGBA `u8` image buffer every op reads and writes.
//!
//! Kept deliberately plain (no `image`-crate dependency): decoding is the UI's job, and a plain
//! `Vec<u8>` crosses the wasm boundary without copies through layers of wrappers.

use crate::{AugmentError, Result};

/// Largest number of pixels an image may have (2^25 ≈ 33.5 M pixels, 128 MiB of RGBA): a guard so
/// that a hostile pipeline (e.g. an `expand`ed rotation of a huge canvas) errors instead of aborting
/// on allocation.
pub const MAX_PIXELS: u64 = 1 << 25;

/// An RGBA image, row-major, 8 bits per channel: pixel (x, y) channel c is at `data[4·(y·width + x) + c]`.
///
/// Invariant (checked by [`Image::new`]): `width ≥ 1`, `height ≥ 1`, `width·height ≤ MAX_PIXELS`,
/// `data.len() == 4·width·height`. Fields are public for cheap access; code that builds an `Image`
/// by hand should go through [`Image::new`] to keep the invariant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Image {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// RGBA bytes, length `4·width·height`.
    pub data: Vec<u8>,
}

/// Check that `width × height` is a valid canvas size and return its pixel count.
pub(crate) fn check_size(width: u32, height: u32) -> Result<usize> {
    let n = u64::from(width) * u64::from(height);
    if width == 0 || height == 0 || n > MAX_PIXELS {
        return Err(AugmentError::BadSize { width, height });
    }
    Ok(n as usize)
}

impl Image {
    /// Wrap an RGBA buffer.
    ///
    /// Errors: [`AugmentError::BadSize`] if a side is 0 or the image exceeds [`MAX_PIXELS`];
    /// [`AugmentError::BadBufferLength`] if `data.len() != 4·width·height`.
    pub fn new(width: u32, height: u32, data: Vec<u8>) -> Result<Self> {
        let n = check_size(width, height)?;
        if data.len() != 4 * n {
            return Err(AugmentError::BadBufferLength {
                width,
                height,
                expected: 4 * n,
                got: data.len(),
            });
        }
        Ok(Self {
            width,
            height,
            data,
        })
    }

    /// A `width × height` image filled with one RGBA colour.
    pub fn filled(width: u32, height: u32, rgba: [u8; 4]) -> Result<Self> {
        let n = check_size(width, height)?;
        Ok(Self {
            width,
            height,
            data: rgba.repeat(n),
        })
    }

    /// Build an opaque RGBA image from an RGB buffer (`3·width·height` bytes).
    pub fn from_rgb(width: u32, height: u32, rgb: &[u8]) -> Result<Self> {
        let n = check_size(width, height)?;
        if rgb.len() != 3 * n {
            return Err(AugmentError::BadBufferLength {
                width,
                height,
                expected: 3 * n,
                got: rgb.len(),
            });
        }
        let mut data = Vec::with_capacity(4 * n);
        for px in rgb.chunks_exact(3) {
            data.extend_from_slice(&[px[0], px[1], px[2], 255]);
        }
        Ok(Self {
            width,
            height,
            data,
        })
    }

    /// Build an opaque gray RGBA image from one byte per pixel (R = G = B = value).
    pub fn from_gray(width: u32, height: u32, gray: &[u8]) -> Result<Self> {
        let n = check_size(width, height)?;
        if gray.len() != n {
            return Err(AugmentError::BadBufferLength {
                width,
                height,
                expected: n,
                got: gray.len(),
            });
        }
        let mut data = Vec::with_capacity(4 * n);
        for &g in gray {
            data.extend_from_slice(&[g, g, g, 255]);
        }
        Ok(Self {
            width,
            height,
            data,
        })
    }

    /// Number of pixels, `width·height`.
    pub fn pixel_count(&self) -> usize {
        self.width as usize * self.height as usize
    }

    /// The RGBA value at (x, y), or `None` outside the image.
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = 4 * (y as usize * self.width as usize + x as usize);
        let p = self.data.get(i..i + 4)?;
        Some([p[0], p[1], p[2], p[3]])
    }

    /// One channel (0 = R, 1 = G, 2 = B, 3 = A) as a row-major plane of `width·height` bytes.
    pub fn channel(&self, c: usize) -> Vec<u8> {
        self.data.iter().skip(c.min(3)).step_by(4).copied().collect()
    }

    /// Check the invariant (useful after hand-building or deserializing an image).
    pub fn validate(&self) -> Result<()> {
        let n = check_size(self.width, self.height)?;
        if self.data.len() != 4 * n {
            return Err(AugmentError::BadBufferLength {
                width: self.width,
                height: self.height,
                expected: 4 * n,
                got: self.data.len(),
            });
        }
        Ok(())
    }
}
