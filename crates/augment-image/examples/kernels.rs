//! Per-kernel timing on a 512×512 image (native). Run with
//! `cargo run --release -p augment-image --example kernels`.

use std::time::Instant;

use augment_image::{color, filter, geometry, Image, Interpolation};

fn main() {
    let (w, h) = (512u32, 512u32);
    let data: Vec<u8> = (0..w * h * 4).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let img = Image::new(w, h, data).expect("valid");
    let n = 20;
    let t = |name: &str, f: &dyn Fn() -> Image| {
        let s = Instant::now();
        for _ in 0..n {
            std::hint::black_box(f());
        }
        println!("{name}: {:.2} ms", s.elapsed().as_secs_f64() * 1e3 / n as f64);
    };
    t("clone", &|| img.clone());
    t("brightness", &|| color::adjust_brightness(&img, 1.3).unwrap());
    t("contrast", &|| color::adjust_contrast(&img, 1.3).unwrap());
    t("saturation", &|| color::adjust_saturation(&img, 1.3).unwrap());
    t("hue", &|| color::adjust_hue(&img, 0.1).unwrap());
    t("grayscale", &|| color::rgb_to_grayscale(&img));
    t("equalize", &|| color::equalize(&img));
    t("sharpness", &|| filter::adjust_sharpness(&img, 2.0).unwrap());
    t("blur k9", &|| filter::gaussian_blur(&img, [9, 9], 1.5).unwrap());
    t("rotate bilinear", &|| geometry::rotate(&img, 17.0, Interpolation::Bilinear, false, None, Some([0; 3])).unwrap());
    t("rotate nearest", &|| geometry::rotate(&img, 17.0, Interpolation::Nearest, false, None, None).unwrap());
    t("resize aa 224", &|| geometry::resize(&img, 224, 224, Interpolation::Bilinear, true).unwrap());
    t("hflip", &|| geometry::hflip(&img));
}
