//! Decoding the image playground's photo (a bundled PNG or the reader's upload) into an RGBA
//! [`Image`], with the `image` crate. The format comes from the file's first bytes, never from its
//! name, so a text file renamed `.png` is refused as [`JobError::NotAnImage`].
//!
//! Decompression bombs are stopped twice: the header's `width × height` is checked against
//! [`MAX_PIXELS`] before any pixel is decoded, and the decoder itself runs under [`image::Limits`]
//! (at most [`MAX_ALLOC`] bytes allocated), so a file whose header lies still cannot exhaust memory.

use std::io::Cursor;

use augment_image::Image;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

use crate::protocol::{JobError, SourceInfo};

/// Largest image accepted, in pixels of the file (40 megapixels: any phone photo of 2024 fits;
/// a 40 MP RGBA8 buffer is 160 MB).
pub const MAX_PIXELS: u64 = 40_000_000;

/// The decoder's allocation cap, bytes: room for a 40 MP image at 16 bits per RGBA channel
/// (320 MB), the largest buffer the five formats can ask for at [`MAX_PIXELS`].
pub const MAX_ALLOC: u64 = 8 * MAX_PIXELS;

/// Largest `max_side` a grid job may ask for, pixels (4096² is under augment-image's
/// `MAX_PIXELS` = 2^25, so the downscaled original is always a valid [`Image`]).
pub const MAX_SIDE_LIMIT: u32 = 4096;

/// The formats the playground accepts and their names in [`SourceInfo::format`].
fn format_name(format: ImageFormat) -> Option<&'static str> {
    Some(match format {
        ImageFormat::Png => "png",
        ImageFormat::Jpeg => "jpeg",
        ImageFormat::Gif => "gif",
        ImageFormat::Bmp => "bmp",
        ImageFormat::WebP => "webp",
        _ => return None,
    })
}

fn corrupt(e: impl std::fmt::Display) -> JobError {
    JobError::Corrupt {
        detail: e.to_string(),
    }
}

/// Map a decoder error after the header passed: a limit hit is a too-large image, anything else
/// (truncated data, bad checksums, unsupported variants such as arithmetic-coded JPEG) is corrupt.
fn decode_error(e: ImageError, width: u32, height: u32) -> JobError {
    match e {
        ImageError::Limits(_) => JobError::TooLarge {
            width,
            height,
            max_pixels: MAX_PIXELS,
        },
        e => corrupt(e),
    }
}

/// Whether a JPEG has its end-of-image marker (FF D9) after its first scan. The JPEG decoder
/// behind `image` (zune-jpeg, run non-strict) fills a truncated scan with gray instead of failing,
/// so a cut-off upload would look like a valid photo with a gray bottom; this check makes it
/// [`JobError::Corrupt`]. Marker segments before the first SOS (FF DA) are skipped by their
/// length, so the EOI of an EXIF thumbnail (inside APP1) does not count (ITU-T T.81 §B.1).
fn jpeg_has_eoi(b: &[u8]) -> bool {
    let mut i = 2; // after SOI
    let sos = loop {
        match (b.get(i), b.get(i + 1)) {
            (Some(0xFF), Some(0xFF)) => i += 1, // fill byte
            (Some(0xFF), Some(0xDA)) => break i,
            (Some(0xFF), Some(0xD9)) => return false, // EOI before any scan
            (Some(0xFF), Some(0x01 | 0xD0..=0xD7)) => i += 2, // markers without a length
            (Some(0xFF), Some(_)) => match (b.get(i + 2), b.get(i + 3)) {
                (Some(&hi), Some(&lo)) => i += 2 + usize::from(u16::from_be_bytes([hi, lo])),
                _ => return false,
            },
            _ => return false,
        }
    };
    b[sos..].windows(2).any(|w| w == [0xFF, 0xD9])
}

/// `(w, h)` scaled so that the longer side is at most `max_side` (aspect ratio kept, each side
/// rounded and at least 1); unchanged if it already fits.
pub fn fit_within(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longer = width.max(height);
    if longer <= max_side {
        return (width, height);
    }
    let scale = f64::from(max_side) / f64::from(longer);
    let side = |v: u32| ((f64::from(v) * scale).round() as u32).clamp(1, max_side);
    (side(width), side(height))
}

/// Decode `bytes` (PNG, JPEG, GIF, BMP or WebP; the first frame of an animation), apply the file's
/// EXIF orientation, convert to RGBA8 and downscale (triangle filter, widened with the scale
/// factor so that it averages like an area filter) so that the longer side is at most `max_side`.
///
/// Returns what was found ([`SourceInfo`]: `width × height` is the file's image after orientation,
/// `used_width × used_height` the returned image) and the image.
///
/// # Errors
/// [`JobError::EmptyFile`] for no bytes; [`JobError::NotAnImage`] if the leading bytes are none of
/// the five formats; [`JobError::TooLarge`] if the header declares more than [`MAX_PIXELS`] pixels
/// or decoding needs more than [`MAX_ALLOC`] bytes; [`JobError::Corrupt`] for a broken or
/// truncated file; [`JobError::BadParams`] unless `1 ≤ max_side ≤` [`MAX_SIDE_LIMIT`].
pub fn decode(bytes: &[u8], max_side: u32) -> Result<(SourceInfo, Image), JobError> {
    if !(1..=MAX_SIDE_LIMIT).contains(&max_side) {
        return Err(JobError::BadParams {
            detail: format!("max_side must be in 1..={MAX_SIDE_LIMIT}, got {max_side}"),
        });
    }
    if bytes.is_empty() {
        return Err(JobError::EmptyFile);
    }
    let format = image::guess_format(bytes).map_err(|_| JobError::NotAnImage)?;
    let name = format_name(format).ok_or(JobError::NotAnImage)?;

    // Pass 1: the header only (no pixel buffer is allocated), to refuse bombs by their declared size.
    let mut header = ImageReader::with_format(Cursor::new(bytes), format);
    header.limits(Limits::default());
    let (w, h) = header.into_dimensions().map_err(corrupt)?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(JobError::TooLarge {
            width: w,
            height: h,
            max_pixels: MAX_PIXELS,
        });
    }

    if format == ImageFormat::Jpeg && !jpeg_has_eoi(bytes) {
        return Err(corrupt("the JPEG data ends early (no end-of-image marker)"));
    }

    // Pass 2: decode under the allocation cap.
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits.clone());
    let mut decoder = reader.into_decoder().map_err(|e| decode_error(e, w, h))?;
    let orientation = decoder.orientation().ok();
    limits
        .reserve(decoder.total_bytes())
        .map_err(|e| decode_error(e, w, h))?;
    decoder
        .set_limits(limits)
        .map_err(|e| decode_error(e, w, h))?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| decode_error(e, w, h))?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }

    let (width, height) = (img.width(), img.height());
    let mut rgba = img.into_rgba8();
    let (uw, uh) = fit_within(width, height, max_side);
    if (uw, uh) != (width, height) {
        rgba = image::imageops::resize(&rgba, uw, uh, image::imageops::FilterType::Triangle);
    }
    let image = Image::new(uw, uh, rgba.into_raw()).map_err(corrupt)?;
    let info = SourceInfo {
        format: name.to_string(),
        width,
        height,
        used_width: uw,
        used_height: uh,
    };
    Ok((info, image))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scikit-image sample photos; sizes from their `PROVENANCE.md`. The `_256` copies ship in
    /// `assets/images/`; the originals are read from the shared data (`shared/` beside the clone,
    /// else `/work/shared`). A missing file fails the test.
    fn photo(name: &str) -> Vec<u8> {
        let dir = env!("CARGO_MANIFEST_DIR");
        let candidates = [
            format!("{dir}/../../assets/images/{name}"),
            format!("{dir}/../../../shared/data/images/{name}"),
            format!("/work/shared/data/images/{name}"),
        ];
        candidates
            .iter()
            .find_map(|p| std::fs::read(p).ok())
            .unwrap_or_else(|| panic!("sample photo {name} is required; looked in {candidates:?}"))
    }

    /// The error of a decode, or a one-line summary of what was decoded (an `Image`'s Debug is
    /// megabytes long).
    fn err(r: Result<(SourceInfo, Image), JobError>) -> Result<SourceInfo, JobError> {
        r.map(|(info, _)| info)
    }

    fn encode(img: &image::RgbaImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Vec::new();
        let dynimg = DynamicImage::ImageRgba8(img.clone());
        // JPEG has no alpha channel.
        let dynimg = if format == ImageFormat::Jpeg {
            DynamicImage::ImageRgb8(dynimg.to_rgb8())
        } else {
            dynimg
        };
        dynimg.write_to(&mut Cursor::new(&mut out), format).unwrap();
        out
    }

    fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }

    /// A syntactically valid PNG (signature, IHDR, one IDAT, IEND; PNG spec §5) whose header claims
    /// `w × h` RGB pixels but whose data is a few bytes: the shape of a decompression bomb.
    fn png_claiming(w: u32, h: u32) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&w.to_be_bytes());
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB, deflate, adaptive filter, no interlace
        png_chunk(&mut out, b"IHDR", &ihdr);
        // zlib header 78 9C + an empty final stored block + Adler-32 of nothing (1).
        png_chunk(
            &mut out,
            b"IDAT",
            &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        );
        png_chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn png_and_jpeg_photos_decode_with_their_published_sizes() {
        // PROVENANCE.md: chelsea.png RGB 451×300, rocket.jpg RGB (JPEG) 640×427,
        // horse.png RGBA 400×328, camera.png L 512×512.
        for (file, format, w, h) in [
            ("chelsea.png", "png", 451, 300),
            ("rocket.jpg", "jpeg", 640, 427),
            ("horse.png", "png", 400, 328),
            ("camera.png", "png", 512, 512),
        ] {
            let (info, img) = decode(&photo(file), 4096).unwrap();
            assert_eq!(
                (info.format.as_str(), info.width, info.height),
                (format, w, h),
                "{file}"
            );
            assert_eq!(
                (img.width, img.height),
                (w, h),
                "{file} fits, so it is not resized"
            );
            assert_eq!(img.data.len(), 4 * w as usize * h as usize);
        }
    }

    #[test]
    fn gray_photo_becomes_opaque_gray_rgba() {
        let (_, img) = decode(&photo("camera.png"), 4096).unwrap();
        assert!(img
            .data
            .chunks_exact(4)
            .all(|p| p[0] == p[1] && p[1] == p[2] && p[3] == 255));
    }

    #[test]
    fn downscales_the_longer_side_to_max_side() {
        // chelsea.png is 451×300: 300·256/451 = 170.29 → 170 (the same rounding gave the published
        // 256×170 of chelsea_256.png).
        let (info, img) = decode(&photo("chelsea.png"), 256).unwrap();
        assert_eq!((info.width, info.height), (451, 300));
        assert_eq!((info.used_width, info.used_height), (256, 170));
        assert_eq!((img.width, img.height), (256, 170));
        // rocket.jpg 640×427 → 427·256/640 = 170.8 → 171 (rocket_256.png is 256×171).
        let (info, _) = decode(&photo("rocket.jpg"), 256).unwrap();
        assert_eq!((info.used_width, info.used_height), (256, 171));
        // A portrait side: the height is the longer one.
        assert_eq!(fit_within(300, 451, 256), (170, 256));
    }

    #[test]
    fn downscaling_averages_rather_than_skips() {
        // A 1-pixel black/white checkerboard halved must come out mid-gray everywhere (a nearest
        // or point-sampled resize would keep pure black or white).
        let (w, h) = (64u32, 64u32);
        let mut buf = image::RgbaImage::new(w, h);
        for (x, y, p) in buf.enumerate_pixels_mut() {
            let v = if (x + y) % 2 == 0 { 0 } else { 255 };
            *p = image::Rgba([v, v, v, 255]);
        }
        let mut png = Vec::new();
        buf.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let (_, img) = decode(&png, 16).unwrap();
        assert!(img
            .data
            .chunks_exact(4)
            .all(|p| (100..=155).contains(&p[0])));
    }

    #[test]
    fn bundled_256_pngs_keep_their_size() {
        // PROVENANCE.md: astronaut_256 256×256, horse_256 256×210, coffee_256 256×171.
        for (file, w, h) in [
            ("astronaut_256.png", 256, 256),
            ("horse_256.png", 256, 210),
            ("coffee_256.png", 256, 171),
        ] {
            let (info, img) = decode(&photo(file), 512).unwrap();
            assert_eq!(
                (info.used_width, info.used_height, img.width, img.height),
                (w, h, w, h)
            );
        }
    }

    #[test]
    fn text_renamed_png_is_not_an_image() {
        assert_eq!(
            err(decode(b"hello, this is a text file\n", 512)),
            Err(JobError::NotAnImage)
        );
        // The PROVENANCE file itself, whatever it is called.
        assert_eq!(
            err(decode(&photo("PROVENANCE.md"), 512)),
            Err(JobError::NotAnImage)
        );
    }

    #[test]
    fn empty_file_is_refused() {
        assert_eq!(err(decode(&[], 512)), Err(JobError::EmptyFile));
    }

    #[test]
    fn header_claiming_ten_gigapixels_is_too_large() {
        assert_eq!(
            err(decode(&png_claiming(100_000, 100_000), 512)),
            Err(JobError::TooLarge {
                width: 100_000,
                height: 100_000,
                max_pixels: 40_000_000
            })
        );
    }

    #[test]
    fn header_just_over_the_limit_is_too_large_and_just_under_is_decoded_as_broken() {
        // 8000×5001 = 40,008,000 > 40 M; 8000×5000 = 40 M exactly passes the size check and then
        // fails on its missing data.
        assert!(matches!(
            err(decode(&png_claiming(8000, 5001), 512)),
            Err(JobError::TooLarge { .. })
        ));
        assert!(matches!(
            err(decode(&png_claiming(8000, 5000), 512)),
            Err(JobError::Corrupt { .. })
        ));
    }

    #[test]
    fn truncated_files_of_every_format_are_corrupt() {
        for file in ["chelsea.png", "rocket.jpg"] {
            let bytes = photo(file);
            let r = err(decode(&bytes[..bytes.len() / 2], 512));
            assert!(matches!(r, Err(JobError::Corrupt { .. })), "{file}: {r:?}");
        }
        // The same photo re-encoded in each accepted format, then cut in half.
        let (_, img) = decode(&photo("chelsea_256.png"), 512).unwrap();
        let rgba = image::RgbaImage::from_raw(img.width, img.height, img.data).unwrap();
        for format in [
            ImageFormat::Png,
            ImageFormat::Jpeg,
            ImageFormat::Gif,
            ImageFormat::Bmp,
            ImageFormat::WebP,
        ] {
            let bytes = encode(&rgba, format);
            let whole = err(decode(&bytes, 512)).unwrap();
            assert_eq!((whole.width, whole.height), (256, 170), "{format:?}");
            let r = err(decode(&bytes[..bytes.len() / 2], 512));
            assert!(
                matches!(r, Err(JobError::Corrupt { .. })),
                "{format:?}: {r:?}"
            );
        }
        // Cut inside the header: the signature says PNG, the IHDR is incomplete.
        let bytes = photo("chelsea.png");
        assert!(matches!(
            err(decode(&bytes[..20], 512)),
            Err(JobError::Corrupt { .. })
        ));
    }

    #[test]
    fn jpeg_end_marker_is_found_past_a_thumbnail() {
        let bytes = photo("rocket.jpg");
        assert!(jpeg_has_eoi(&bytes));
        // An APP1 segment whose payload holds FF D9 (as an EXIF thumbnail does) must not count
        // as the image's end once the real EOI is cut off.
        let mut with_app1 = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x06, 0xFF, 0xD9, 0x00, 0x00];
        with_app1.extend_from_slice(&bytes[2..bytes.len() - 2]);
        assert!(!jpeg_has_eoi(&with_app1));
        with_app1.extend_from_slice(&[0xFF, 0xD9]);
        assert!(jpeg_has_eoi(&with_app1));
    }

    #[test]
    fn max_side_out_of_range_is_bad_params() {
        let bytes = photo("horse_256.png");
        assert!(matches!(
            err(decode(&bytes, 0)),
            Err(JobError::BadParams { .. })
        ));
        assert!(matches!(
            err(decode(&bytes, 4097)),
            Err(JobError::BadParams { .. })
        ));
    }
}
