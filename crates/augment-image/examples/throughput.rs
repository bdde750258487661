//! Rough native throughput check of the benchmark pipeline (flip → RandomResizedCrop 224 →
//! ColorJitter → RandomErasing) on a 512×512 image, and of 16-sample grids of a few pipelines.
//! Run with `cargo run --release -p augment-image --example throughput`.

use std::time::Instant;

use augment_image::{EraseValue, Image, Interpolation, Op, Pipeline, Step};

fn photo(w: u32, h: u32) -> Image {
    let mut data = Vec::with_capacity((4 * w * h) as usize);
    for y in 0..h {
        for x in 0..w {
            let v = ((x as f32 * 0.05).sin() * 60.0 + (y as f32 * 0.03).cos() * 60.0 + 128.0) as u8;
            data.extend_from_slice(&[v, (x % 256) as u8, (y % 256) as u8, 255]);
        }
    }
    Image::new(w, h, data).expect("valid")
}

fn time(name: &str, pipe: &Pipeline, img: &Image, n: usize) {
    let t = Instant::now();
    for s in 0..n as u64 {
        std::hint::black_box(pipe.run(img, s).expect("runs"));
    }
    let per = t.elapsed().as_secs_f64() / n as f64;
    println!("{name}: {:.3} ms/image, {:.0} images/s", per * 1e3, 1.0 / per);
}

fn main() {
    let img = photo(512, 512);
    let bench = Pipeline::new(vec![
        Step::always(Op::RandomHorizontalFlip { p: 0.5 }),
        Step::always(Op::RandomResizedCrop {
            size: [224, 224],
            scale: [0.08, 1.0],
            ratio: [0.75, 4.0 / 3.0],
            interpolation: Interpolation::Bilinear,
            antialias: true,
        }),
        Step::always(Op::color_jitter(0.4, 0.4, 0.4, 0.1)),
        Step::always(Op::RandomErasing {
            p: 0.5,
            scale: [0.02, 0.33],
            ratio: [0.3, 3.3],
            value: EraseValue::Constant([0, 0, 0]),
        }),
    ]);
    time("flip→rrc224→jitter→erasing (512² in)", &bench, &img, 200);
    let grids = [
        ("RandAugment", Op::RandAugment { num_ops: 2, magnitude: 9, num_magnitude_bins: 31, interpolation: Interpolation::Nearest, fill: None }),
        ("TrivialAugmentWide", Op::TrivialAugmentWide { num_magnitude_bins: 31, interpolation: Interpolation::Nearest, fill: None }),
        ("RandomRotation bilinear", Op::RandomRotation { degrees: [-30.0, 30.0], interpolation: Interpolation::Bilinear, expand: false, center: None, fill: Some([0, 0, 0]) }),
        ("GaussianBlur k=9", Op::GaussianBlur { kernel_size: [9, 9], sigma: [0.1, 2.0] }),
        ("ColorJitter", Op::color_jitter(0.4, 0.4, 0.4, 0.1)),
    ];
    for (name, op) in grids {
        let pipe = Pipeline::new(vec![Step::always(op)]);
        let t = Instant::now();
        std::hint::black_box(pipe.samples(&img, 1, 16).expect("runs"));
        println!("16-sample grid, {name}, 512²: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    }
    let t = Instant::now();
    std::hint::black_box(bench.samples(&img, 1, 16).expect("runs"));
    println!("16-sample grid, bench pipeline, 512²: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
}
