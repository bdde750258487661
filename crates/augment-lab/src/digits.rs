//! The UCI handwritten digits (scikit-learn's `load_digits()` copy: 1,797 images of 8×8 pixels,
//! values 0..16, labels 0..9; see `data/digits/PROVENANCE.md`), the images the mixing widget
//! mixes. Embedded gzip-compressed as shipped (57 KB), inflated and parsed once, on first use.

use std::io::Read;
use std::sync::OnceLock;

use augment_image::Image;

/// `digits.csv.gz` exactly as in scikit-learn 1.9.1 (sha256 in `data/digits/PROVENANCE.md`).
const DIGITS_CSV_GZ: &[u8] = include_bytes!("../data/digits/digits.csv.gz");

/// Side of a digit image, pixels.
pub const SIDE: u32 = 8;

/// Number of classes (the digits 0–9).
pub const NUM_CLASSES: usize = 10;

/// The largest pixel value: each value counts the "on" pixels of a 4×4 block of the original
/// 32×32 bitmap (`digits.rst`).
pub const MAX_VALUE: u8 = 16;

/// The parsed dataset.
#[derive(Debug)]
pub struct Digits {
    /// Row-major 8×8 values in 0..=16, one array per image.
    pixels: Vec<[u8; 64]>,
    labels: Vec<u8>,
}

static DIGITS: OnceLock<Result<Digits, String>> = OnceLock::new();

/// The dataset, inflated and parsed on the first call.
///
/// # Errors
/// A message if the embedded file does not inflate or parse (a build defect, checked by the tests).
pub fn digits() -> Result<&'static Digits, String> {
    DIGITS
        .get_or_init(|| parse(DIGITS_CSV_GZ))
        .as_ref()
        .map_err(Clone::clone)
}

/// Inflate and parse a `digits.csv.gz`: no header, 65 integer fields per row (64 pixels, then the
/// label).
fn parse(gz: &[u8]) -> Result<Digits, String> {
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut text)
        .map_err(|e| format!("digits.csv.gz: {e}"))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_slice());
    let mut pixels = Vec::new();
    let mut labels = Vec::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("digits.csv row {}: {e}", row + 1))?;
        if record.len() != 65 {
            return Err(format!(
                "digits.csv row {}: {} fields, expected 65",
                row + 1,
                record.len()
            ));
        }
        let field = |i: usize, max: u8| -> Result<u8, String> {
            // scikit-learn reads the file as floats; the values are integers written without ".0".
            let v: f64 = record[i]
                .trim()
                .parse()
                .map_err(|e| format!("digits.csv row {} field {}: {e}", row + 1, i + 1))?;
            if v.fract() != 0.0 || !(0.0..=f64::from(max)).contains(&v) {
                return Err(format!(
                    "digits.csv row {} field {}: {v} not in 0..={max}",
                    row + 1,
                    i + 1
                ));
            }
            Ok(v as u8)
        };
        let mut px = [0u8; 64];
        for (i, p) in px.iter_mut().enumerate() {
            *p = field(i, MAX_VALUE)?;
        }
        pixels.push(px);
        labels.push(field(64, (NUM_CLASSES - 1) as u8)?);
    }
    Ok(Digits { pixels, labels })
}

/// A digit value 0..=16 as an 8-bit gray level: `round(v·255/16)` (16 → 255, 8 → 128).
pub fn gray_level(v: u8) -> u8 {
    ((u32::from(v.min(MAX_VALUE)) * 255 + 8) / 16) as u8
}

impl Digits {
    /// Number of images (1,797).
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Always false for the embedded data.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The class (0–9) of image `i`, `None` past the end.
    pub fn label(&self, i: usize) -> Option<u8> {
        self.labels.get(i).copied()
    }

    /// The raw 8×8 values (0..=16, row-major) of image `i`.
    pub fn values(&self, i: usize) -> Option<&[u8; 64]> {
        self.pixels.get(i)
    }

    /// Image `i` as an opaque 8×8 gray RGBA image, each value mapped by [`gray_level`] (0 is black,
    /// 16 white: the ink is light on a dark ground).
    pub fn image(&self, i: usize) -> Option<Image> {
        let gray: Vec<u8> = self.values(i)?.iter().map(|&v| gray_level(v)).collect();
        Image::from_gray(SIDE, SIDE, &gray).ok()
    }

    /// Indices of the images of class `class`, ascending (empty for a class outside 0..=9).
    pub fn indices_of(&self, class: u8) -> Vec<usize> {
        self.labels
            .iter()
            .enumerate()
            .filter(|&(_, &l)| l == class)
            .map(|(i, _)| i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_count_and_class_counts_match_the_provenance() {
        let d = digits().unwrap();
        // digits.rst: ":Number of Instances: 1797".
        assert_eq!(d.len(), 1797);
        // PROVENANCE.md: "Class counts: 0:178, 1:182, 2:177, 3:183, 4:181, 5:182, 6:181, 7:179,
        // 8:174, 9:180" (digits.rst does not list them).
        let published = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];
        for (class, &n) in published.iter().enumerate() {
            assert_eq!(d.indices_of(class as u8).len(), n, "class {class}");
        }
        assert!(d.indices_of(10).is_empty());
    }

    #[test]
    fn first_images_are_a_zero_and_a_one() {
        // sklearn's load_digits(): target[:2] == [0, 1]; the first row of digits.csv begins
        // "0,0,5,13,9,1,0,0" (the top row of the 0).
        let d = digits().unwrap();
        assert_eq!((d.label(0), d.label(1)), (Some(0), Some(1)));
        assert_eq!(&d.values(0).unwrap()[..8], &[0, 0, 5, 13, 9, 1, 0, 0]);
        assert_eq!(d.label(1797), None);
        assert!(d.image(1797).is_none());
    }

    #[test]
    fn image_is_gray_scaled_by_255_over_16() {
        let d = digits().unwrap();
        let img = d.image(0).unwrap();
        assert_eq!((img.width, img.height, img.data.len()), (8, 8, 256));
        // Pixel (2, 0) is 5 → round(5·255/16 = 79.69) = 80; (3, 0) is 13 → round(207.19) = 207.
        assert_eq!(img.pixel(2, 0), Some([80, 80, 80, 255]));
        assert_eq!(img.pixel(3, 0), Some([207, 207, 207, 255]));
        assert_eq!(
            (gray_level(0), gray_level(8), gray_level(16)),
            (0, 128, 255)
        );
    }

    #[test]
    fn broken_data_is_an_error_not_a_panic() {
        assert!(parse(b"not gzip").is_err());
        let gz = |s: &str| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut e, s.as_bytes()).unwrap();
            e.finish().unwrap()
        };
        assert!(parse(&gz("1,2,3\n")).is_err());
        let row = |last: &str| format!("{}{last}\n", "0,".repeat(64));
        assert!(parse(&gz(&row("3"))).is_ok());
        assert!(parse(&gz(&row("10"))).is_err()); // label out of 0..9
        assert!(parse(&gz(&format!("17,{}", &row("3")[2..]))).is_err()); // pixel > 16
    }
}
