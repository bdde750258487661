//! Native side of `scripts/bench-augment.sh` (issue 4 §5): the augmentation throughput of
//! `augment_image::Pipeline` on the six shared photos, release build, one thread. It also writes
//! the benchmark's configuration (pipeline, photos, samples, repeats) that the browser
//! (`scripts/bench-augment.mjs`) and the Pillow + NumPy peer (`scripts/bench_augment.py`) read, so all
//! three run the same pipeline on the same files.
//!
//! The pipeline (torchvision names and defaults): `RandomHorizontalFlip(p=0.5)` →
//! `RandomResizedCrop(224, scale=(0.08, 1), ratio=(3/4, 4/3), bilinear, antialias=True)` →
//! `ColorJitter(0.4, 0.4, 0.4, 0.1)` (all four factors, random order) →
//! `RandomErasing(p=0.5, scale=(0.02, 0.33), ratio=(0.3, 3.3), value=0)`, each step always run
//! (the ops draw their own coins).
//!
//! Timed here (wall time, `std::time::Instant`):
//! * **direct**: each photo decoded once (the worker's decoder, `augment_lab::decode::decode`, no
//!   downscaling), then `Pipeline::run` `SAMPLES` times per photo; only the runs are timed. One
//!   warm-up pass first; images per second = `6 × SAMPLES / time`, per repeat;
//! * **jobs**: the worker's own entry point `augment_lab::protocol::handle` on the request JSON the
//!   browser sends (a `Grid` job of `SAMPLES` samples per photo: decode + samples + reply JSON +
//!   pixel buffer) and on a decode-only job (empty pipeline, 1 sample), so that the wasm numbers have
//!   a native twin measured the same way;
//! * **steps**: where the direct time goes: the same runs with each step's draw + apply timed
//!   apart, and ColorJitter's four factors timed one at a time on the crop (single-factor
//!   `ColorJitter` ops, same ranges): mean ms per sample over one pass of all photos;
//! * **grid512**: the 16-sample grid of the 512×512 `astronaut.png` through `handle` with
//!   `max_side = 512` (what the playground sends), for the benchmark pipeline and, if given, the
//!   chapter's own pipeline (`p1.` form, read by the script from the built lesson JSON).
//!
//! Run: `cargo run --release -p augment-lab --example bench_augment -- OUT_DIR IMAGE_DIR [REPEATS]
//! [SAMPLES] [CHAPTER_PIPELINE]`. Writes `OUT_DIR/config.json` and `OUT_DIR/native.json`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use augment_image::{EraseValue, Image, Interpolation, Op, Pipeline, Step};
use augment_lab::decode::decode;
use serde_json::{json, Value};

/// The fixed photo set (the originals in `shared/data/images`, see its `PROVENANCE.md`).
const PHOTOS: [&str; 6] = [
    "astronaut.png",
    "camera.png",
    "chelsea.png",
    "coffee.png",
    "horse.png",
    "rocket.jpg",
];

/// `max_side` of the throughput jobs: above every photo's longer side (640), so nothing is
/// downscaled and all three implementations see the files' own pixels.
const NO_DOWNSCALE: u32 = 4096;

/// `max_side` of the playground (`src/widgets/augment/image_playground.rs`).
const PLAYGROUND_SIDE: u32 = 512;

fn usage() -> ! {
    eprintln!(
        "usage: bench_augment OUT_DIR IMAGE_DIR [REPEATS ≥ 1, default 7] [SAMPLES 1..=16, default 16] [CHAPTER_PIPELINE p1.…]"
    );
    std::process::exit(2);
}

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("bench_augment: {msg}");
    std::process::exit(1);
}

fn arg<T: std::str::FromStr>(args: &[String], i: usize, default: T) -> T {
    match args.get(i) {
        None => default,
        Some(s) => s.parse().unwrap_or_else(|_| {
            eprintln!("bench_augment: argument {i} must be a number, got {s:?}");
            usage()
        }),
    }
}

fn write(path: &Path, value: &Value) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    if let Err(e) = std::fs::write(path, text) {
        fail(format!("cannot write {}: {e}", path.display()));
    }
}

/// The benchmark pipeline (module docs).
pub fn bench_pipeline() -> Pipeline {
    Pipeline::new(vec![
        Step::always(Op::RandomHorizontalFlip { p: 0.5 }),
        Step::always(Op::RandomResizedCrop {
            size: [224, 224],
            scale: [0.08, 1.0],
            ratio: [3.0 / 4.0, 4.0 / 3.0],
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
    ])
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// A `Grid` request exactly as the browser benchmark posts it.
fn grid_request(id: u32, pipeline: &Pipeline, seed: u64, samples: u32, max_side: u32) -> String {
    json!({ "id": id, "job": { "Grid": { "pipeline": pipeline, "seed": seed, "samples": samples, "max_side": max_side } } })
        .to_string()
}

/// Run one worker request natively; its wall time in ms. A failed job stops the benchmark.
fn timed_handle(request: &str, file: &[u8]) -> f64 {
    let t = Instant::now();
    let (reply, pixels) = augment_lab::protocol::handle(request, Some(file));
    let elapsed = ms(t);
    if !reply.starts_with("{\"Done\"") {
        fail(format!("the job failed: {}", &reply[..reply.len().min(300)]));
    }
    std::hint::black_box(pixels);
    elapsed
}

struct Photo {
    name: &'static str,
    bytes: Vec<u8>,
    image: Image,
    format: String,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(out), Some(dir)) = (args.get(1).map(PathBuf::from), args.get(2).map(PathBuf::from)) else {
        usage()
    };
    let repeats: usize = arg(&args, 3, 7);
    let samples: u32 = arg(&args, 4, 16);
    if repeats == 0 || !(1..=16).contains(&samples) {
        usage();
    }
    let chapter = args.get(5).map(|s| {
        Pipeline::from_url(s).unwrap_or_else(|e| fail(format!("the chapter pipeline {s:?} does not decode: {e}")))
    });
    if let Err(e) = std::fs::create_dir_all(&out) {
        fail(format!("cannot create {}: {e}", out.display()));
    }
    let pipeline = bench_pipeline();

    // Decode once, outside every timed loop.
    let mut photos = Vec::new();
    let mut decode_ms = serde_json::Map::new();
    for name in PHOTOS {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| fail(format!("cannot read {}: {e}", path.display())));
        let t = Instant::now();
        let (info, image) = decode(&bytes, NO_DOWNSCALE)
            .unwrap_or_else(|e| fail(format!("cannot decode {}: {e:?}", path.display())));
        decode_ms.insert(name.into(), json!(ms(t)));
        photos.push(Photo { name, bytes, image, format: info.format });
    }
    let images: Vec<Value> = photos
        .iter()
        .map(|p| json!({ "name": p.name, "format": p.format, "width": p.image.width, "height": p.image.height }))
        .collect();
    write(
        &out.join("config.json"),
        &json!({
            "pipeline": pipeline,
            "pipeline_url": pipeline.to_url(),
            "chapter_pipeline": chapter,
            "image_dir": dir,
            "images": images,
            "repeats": repeats,
            "samples_per_image": samples,
            "max_side": NO_DOWNSCALE,
            "playground_side": PLAYGROUND_SIDE,
        }),
    );
    let per_repeat = photos.len() * samples as usize;
    println!(
        "[native] {} photos × {samples} samples = {per_repeat} images per repeat, {repeats} repeats after a warm-up",
        photos.len()
    );

    // --- direct: Pipeline::run on decoded images -------------------------------------------------
    let run_set = |rep: u64, per_image: &mut Vec<Vec<f64>>| -> f64 {
        let mut total = 0.0;
        for (k, p) in photos.iter().enumerate() {
            let t = Instant::now();
            for i in 0..u64::from(samples) {
                let seed = rep * 1_000_000 + (k as u64) * 1_000 + i;
                let out = pipeline.run(&p.image, seed).unwrap_or_else(|e| fail(format!("{}: {e}", p.name)));
                std::hint::black_box(out);
            }
            let t = ms(t);
            per_image[k].push(t / f64::from(samples));
            total += t;
        }
        total
    };
    let mut scratch = vec![Vec::new(); photos.len()];
    run_set(0, &mut scratch); // warm-up
    let mut per_image = vec![Vec::new(); photos.len()];
    let mut direct_ips = Vec::new();
    for rep in 1..=repeats as u64 {
        let t = run_set(rep, &mut per_image);
        direct_ips.push(per_repeat as f64 / (t / 1e3));
    }
    let direct_median = median(&direct_ips);
    println!("[native] direct Pipeline::run: {direct_median:.0} images/s (median of {repeats})");

    // --- jobs: the worker's entry point, natively ------------------------------------------------
    let empty = Pipeline::default();
    let mut job_raw = Vec::new();
    let mut job_corrected = Vec::new();
    let mut job_grid_ms = Vec::new();
    let mut job_decode_ms = Vec::new();
    for rep in 0..=repeats as u64 {
        let (mut grid, mut dec) = (0.0, 0.0);
        for (k, p) in photos.iter().enumerate() {
            let seed = rep * 1_000 + k as u64;
            grid += timed_handle(&grid_request(1, &pipeline, seed, samples, NO_DOWNSCALE), &p.bytes);
            dec += timed_handle(&grid_request(2, &empty, seed, 1, NO_DOWNSCALE), &p.bytes);
        }
        if rep == 0 {
            continue; // warm-up
        }
        job_grid_ms.push(grid);
        job_decode_ms.push(dec);
        job_raw.push(per_repeat as f64 / (grid / 1e3));
        job_corrected.push(per_repeat as f64 / ((grid - dec) / 1e3));
    }
    println!(
        "[native] worker jobs via handle(): raw {:.0} images/s, decode-corrected {:.0} images/s",
        median(&job_raw),
        median(&job_corrected)
    );

    // --- steps: where the time goes ---------------------------------------------------------------
    let jitter_parts: Vec<(&str, Op)> = match &pipeline.ops[2].op {
        Op::ColorJitter { brightness, contrast, saturation, hue } => vec![
            ("jitter.brightness", Op::ColorJitter { brightness: *brightness, contrast: None, saturation: None, hue: None }),
            ("jitter.contrast", Op::ColorJitter { brightness: None, contrast: *contrast, saturation: None, hue: None }),
            ("jitter.saturation", Op::ColorJitter { brightness: None, contrast: None, saturation: *saturation, hue: None }),
            ("jitter.hue", Op::ColorJitter { brightness: None, contrast: None, saturation: None, hue: *hue }),
        ],
        _ => Vec::new(),
    };
    let step_names: Vec<&str> = pipeline.ops.iter().map(|s| s.op.name()).collect();
    let mut step_ms = vec![0.0; step_names.len()];
    let mut part_ms = vec![0.0; jitter_parts.len()];
    let mut rng = augment_image::rng_from_seed(99);
    for p in &photos {
        for _ in 0..samples {
            let mut cur = p.image.clone();
            for (k, step) in pipeline.ops.iter().enumerate() {
                let t = Instant::now();
                let (next, _) = step.op.run(&cur, &mut rng).unwrap_or_else(|e| fail(e));
                step_ms[k] += ms(t);
                if k == 1 {
                    for (j, (_, op)) in jitter_parts.iter().enumerate() {
                        let t = Instant::now();
                        std::hint::black_box(op.run(&next, &mut rng).unwrap_or_else(|e| fail(e)));
                        part_ms[j] += ms(t);
                    }
                }
                cur = next;
            }
        }
    }
    let n = (photos.len() * samples as usize) as f64;
    let mut steps = serde_json::Map::new();
    for (name, t) in step_names.iter().zip(&step_ms) {
        steps.insert((*name).into(), json!(t / n));
    }
    for ((name, _), t) in jitter_parts.iter().zip(&part_ms) {
        steps.insert((*name).into(), json!(t / n));
    }
    println!(
        "[native] ms per sample by step: {}",
        steps.iter().map(|(k, v)| format!("{k} {:.2}", v.as_f64().unwrap_or_default())).collect::<Vec<_>>().join(", ")
    );

    // --- the playground's grid: astronaut.png at max_side 512, 16 samples -------------------------
    let astronaut = &photos[0].bytes;
    let mut grid512 = serde_json::Map::new();
    let mut pipes = vec![("bench", pipeline.clone())];
    if let Some(c) = &chapter {
        pipes.push(("chapter", c.clone()));
    }
    for (label, pipe) in pipes {
        let mut times = Vec::new();
        for rep in 0..=repeats as u64 {
            let t = timed_handle(&grid_request(3, &pipe, 7 + rep, 16, PLAYGROUND_SIDE), astronaut);
            if rep > 0 {
                times.push(t);
            }
        }
        println!("[native] 16-sample grid of astronaut.png (512²), {label} pipeline, handle(): {:.1} ms median", median(&times));
        grid512.insert(label.into(), json!({ "ms": times, "median_ms": median(&times) }));
    }

    let per_image_ms: serde_json::Map<String, Value> = photos
        .iter()
        .zip(&per_image)
        .map(|(p, t)| (p.name.to_string(), json!(median(t))))
        .collect();
    write(
        &out.join("native.json"),
        &json!({
            "direct": { "ips": direct_ips, "median_ips": direct_median, "per_image_ms_per_sample": per_image_ms },
            "jobs": {
                "grid_ms": job_grid_ms, "decode_ms": job_decode_ms,
                "raw_ips": job_raw, "corrected_ips": job_corrected,
                "median_raw_ips": median(&job_raw), "median_corrected_ips": median(&job_corrected),
            },
            "grid512": grid512,
            "steps_ms_per_sample": steps,
            "decode_once_ms": decode_ms,
        }),
    );
}
