//! Properties over every op (the issue's list): the input is never mutated, the output size is as
//! documented, p = 0 is the identity, the same seed gives the same output, parameter draws stay in
//! their ranges and hit their fallback branches; plus serde/URL round trips and error paths.
//! Statistical checks use fixed seeds and state their tolerance (4 standard errors).

use augment_image::auto::{AutoOp, CIFAR10_POLICY, RA_OPS};
use augment_image::geometry::{Interpolation, PaddingMode};
use augment_image::mix;
use augment_image::sample;
use augment_image::{apply, rng_from_seed, EraseValue, Image, Op, Params, Pipeline, Step};

/// A 23×17 test image with varied colour and alpha (odd sides catch off-by-one centring bugs).
fn test_image(w: u32, h: u32) -> Image {
    let mut data = Vec::with_capacity((4 * w * h) as usize);
    for y in 0..h {
        for x in 0..w {
            data.extend_from_slice(&[
                (x * 11 + y * 3) as u8,
                (x * 5 + y * 13 + 40) as u8,
                ((x ^ y) * 17) as u8,
                if (x + y) % 7 == 0 { 128 } else { 255 },
            ]);
        }
    }
    Image::new(w, h, data).unwrap()
}

/// Every op variant, with the branches that matter (interpolation, expand, fill, padding modes…).
fn all_ops() -> Vec<Op> {
    vec![
        Op::RandomHorizontalFlip { p: 0.5 },
        Op::RandomVerticalFlip { p: 0.5 },
        Op::RandomRotation {
            degrees: [-30.0, 30.0],
            interpolation: Interpolation::Nearest,
            expand: false,
            center: None,
            fill: Some([0, 0, 0]),
        },
        Op::RandomRotation {
            degrees: [-180.0, 180.0],
            interpolation: Interpolation::Bilinear,
            expand: true,
            center: None,
            fill: Some([10, 200, 30]),
        },
        Op::RandomRotation {
            degrees: [10.0, 20.0],
            interpolation: Interpolation::Bilinear,
            expand: false,
            center: Some([3.0, 4.0]),
            fill: None,
        },
        Op::RandomAffine {
            degrees: [-15.0, 15.0],
            translate: Some([0.1, 0.2]),
            scale: Some([0.8, 1.2]),
            shear: Some([-10.0, 10.0, -5.0, 5.0]),
            interpolation: Interpolation::Bilinear,
            fill: Some([0, 0, 0]),
            center: None,
        },
        Op::RandomAffine {
            degrees: [0.0, 0.0],
            translate: None,
            scale: None,
            shear: None,
            interpolation: Interpolation::Nearest,
            fill: None,
            center: Some([0.0, 0.0]),
        },
        Op::RandomCrop {
            size: [12, 10],
            padding: Some([2, 3, 4, 1]),
            pad_if_needed: false,
            fill: [0, 0, 0],
            padding_mode: PaddingMode::Reflect,
        },
        Op::RandomCrop {
            size: [30, 30],
            padding: None,
            pad_if_needed: true,
            fill: [0, 0, 0],
            padding_mode: PaddingMode::Symmetric,
        },
        Op::RandomCrop {
            size: [17, 23],
            padding: Some([4, 4, 4, 4]),
            pad_if_needed: false,
            fill: [1, 2, 3],
            padding_mode: PaddingMode::Constant,
        },
        Op::RandomCrop {
            size: [9, 9],
            padding: Some([5, 5, 5, 5]),
            pad_if_needed: false,
            fill: [0, 0, 0],
            padding_mode: PaddingMode::Edge,
        },
        Op::RandomResizedCrop {
            size: [8, 12],
            scale: [0.08, 1.0],
            ratio: [3.0 / 4.0, 4.0 / 3.0],
            interpolation: Interpolation::Bilinear,
            antialias: true,
        },
        Op::RandomResizedCrop {
            size: [40, 48],
            scale: [0.08, 1.0],
            ratio: [3.0 / 4.0, 4.0 / 3.0],
            interpolation: Interpolation::Bilinear,
            antialias: false,
        },
        Op::RandomResizedCrop {
            size: [7, 5],
            scale: [0.5, 1.0],
            ratio: [0.5, 2.0],
            interpolation: Interpolation::Nearest,
            antialias: true,
        },
        Op::color_jitter(0.4, 0.4, 0.4, 0.1),
        Op::ColorJitter {
            brightness: None,
            contrast: None,
            saturation: None,
            hue: Some([-0.5, 0.5]),
        },
        Op::Grayscale,
        Op::RandomGrayscale { p: 0.5 },
        Op::GaussianBlur {
            kernel_size: [3, 5],
            sigma: [0.1, 2.0],
        },
        Op::GaussianNoise {
            mean: 0.0,
            sigma: 0.1,
            clip: true,
        },
        Op::RandomAdjustSharpness {
            sharpness_factor: 2.0,
            p: 0.5,
        },
        Op::RandomPosterize { bits: 3, p: 0.5 },
        Op::RandomSolarize {
            threshold: 128.0,
            p: 0.5,
        },
        Op::RandomAutocontrast { p: 0.5 },
        Op::RandomEqualize { p: 0.5 },
        Op::RandomInvert { p: 0.5 },
        Op::RandomErasing {
            p: 0.5,
            scale: [0.02, 0.33],
            ratio: [0.3, 3.3],
            value: EraseValue::Constant([0, 0, 0]),
        },
        Op::RandomErasing {
            p: 1.0,
            scale: [0.02, 0.33],
            ratio: [0.3, 3.3],
            value: EraseValue::Random,
        },
        Op::Cutout {
            n_holes: 2,
            length: 8,
        },
        Op::RandAugment {
            num_ops: 2,
            magnitude: 9,
            num_magnitude_bins: 31,
            interpolation: Interpolation::Nearest,
            fill: None,
        },
        Op::RandAugment {
            num_ops: 3,
            magnitude: 30,
            num_magnitude_bins: 31,
            interpolation: Interpolation::Bilinear,
            fill: Some([128, 128, 128]),
        },
        Op::TrivialAugmentWide {
            num_magnitude_bins: 31,
            interpolation: Interpolation::Nearest,
            fill: None,
        },
        Op::AutoAugment {
            policy: Default::default(),
            interpolation: Interpolation::Nearest,
            fill: None,
        },
    ]
}

/// Every `Op` variant name must appear in `all_ops` (so a new variant cannot skip the properties).
#[test]
fn all_ops_covers_every_variant() {
    let names: std::collections::BTreeSet<&str> = all_ops().iter().map(|o| o.name()).collect();
    for n in [
        "RandomHorizontalFlip",
        "RandomVerticalFlip",
        "RandomRotation",
        "RandomAffine",
        "RandomCrop",
        "RandomResizedCrop",
        "ColorJitter",
        "Grayscale",
        "RandomGrayscale",
        "GaussianBlur",
        "GaussianNoise",
        "RandomAdjustSharpness",
        "RandomPosterize",
        "RandomSolarize",
        "RandomAutocontrast",
        "RandomEqualize",
        "RandomInvert",
        "RandomErasing",
        "Cutout",
        "RandAugment",
        "TrivialAugmentWide",
        "AutoAugment",
    ] {
        assert!(names.contains(n), "{n} missing from all_ops");
    }
    assert_eq!(names.len(), 22);
}

/// The documented output size, computed independently of the crate's geometry code.
fn expected_size(params: &Params, w: u32, h: u32) -> (u32, u32) {
    match params {
        Params::RandomCrop { window, .. } => (window.width, window.height),
        Params::RandomResizedCrop { size, .. } => (size[1], size[0]),
        Params::RandomRotation {
            angle,
            expand: true,
            center: None,
            ..
        } => {
            // §1.4: corners (±W/2, ±H/2) rotated, shifted by the half sizes, 1e-4 grid, ceil − floor.
            let (c, s) = (angle.to_radians().cos(), angle.to_radians().sin());
            let (hw, hh) = (f64::from(w) / 2.0, f64::from(h) / 2.0);
            let mut xs = vec![];
            let mut ys = vec![];
            for (x, y) in [(-hw, -hh), (-hw, hh), (hw, hh), (hw, -hh)] {
                xs.push(c * x - s * y + hw);
                ys.push(s * x + c * y + hh);
            }
            let span = |v: &[f64]| {
                let g = |x: f64| (x / 1e-4).trunc() * 1e-4;
                let hi = v.iter().cloned().fold(f64::MIN, f64::max);
                let lo = v.iter().cloned().fold(f64::MAX, f64::min);
                (g(hi).ceil() - g(lo).floor()) as u32
            };
            (span(&xs), span(&ys))
        }
        _ => (w, h),
    }
}

#[test]
fn input_never_mutated_size_documented_and_deterministic() {
    let img = test_image(23, 17);
    let before = img.clone();
    for op in all_ops() {
        for seed in 0..24u64 {
            let mut r1 = rng_from_seed(seed);
            let mut r2 = rng_from_seed(seed);
            let p1 = op.draw(img.width, img.height, &mut r1).unwrap();
            let p2 = op.draw(img.width, img.height, &mut r2).unwrap();
            assert_eq!(p1, p2, "{} seed {seed}: same seed, same params", op.name());
            let o1 = apply(&p1, &img).unwrap();
            let o2 = apply(&p1, &img).unwrap();
            assert_eq!(o1, o2, "{}: apply is a function", op.name());
            assert_eq!(img, before, "{}: input mutated", op.name());
            o1.validate().unwrap();
            assert_eq!(
                (o1.width, o1.height),
                expected_size(&p1, img.width, img.height),
                "{} seed {seed}: size, params {p1:?}",
                op.name()
            );
        }
    }
}

#[test]
fn ops_with_p_zero_are_identity() {
    let img = test_image(23, 17);
    let mut count = 0;
    for op in all_ops() {
        let mut json: serde_json::Value = serde_json::to_value(&op).unwrap();
        let Some(p) = json.get_mut("p") else { continue };
        *p = serde_json::json!(0.0);
        let op0: Op = serde_json::from_value(json).unwrap();
        count += 1;
        for seed in 0..32u64 {
            let (out, _) = op0.run(&img, &mut rng_from_seed(seed)).unwrap();
            assert_eq!(out, img, "{} with p = 0, seed {seed}", op.name());
        }
    }
    assert!(count >= 10, "only {count} ops with p");
}

#[test]
fn pipeline_step_p_zero_is_identity_for_every_op() {
    let img = test_image(23, 17);
    for op in all_ops() {
        let pipe = Pipeline::new(vec![Step { op: op.clone(), p: 0.0 }]);
        for seed in 0..8 {
            let (out, log) = pipe.run(&img, seed).unwrap();
            assert_eq!(out, img, "{}", op.name());
            assert!(!log[0].ran && log[0].params.is_none());
        }
    }
}

#[test]
fn params_and_ops_serde_round_trip() {
    let img = test_image(23, 17);
    for op in all_ops() {
        let s = serde_json::to_string(&op).unwrap();
        let back: Op = serde_json::from_str(&s).unwrap();
        assert_eq!(back, op, "{s}");
        let params = op.draw(img.width, img.height, &mut rng_from_seed(5)).unwrap();
        let ps = serde_json::to_string(&params).unwrap();
        let pback: Params = serde_json::from_str(&ps).unwrap();
        assert_eq!(pback, params, "{ps}");
        assert_eq!(apply(&pback, &img).unwrap(), apply(&params, &img).unwrap());
    }
}

#[test]
fn serde_defaults_follow_torchvision() {
    // Missing fields take torchvision's defaults (spec §1.1).
    let op: Op = serde_json::from_str(r#"{"type":"RandomResizedCrop","size":[224,224]}"#).unwrap();
    assert_eq!(
        op,
        Op::RandomResizedCrop {
            size: [224, 224],
            scale: [0.08, 1.0],
            ratio: [0.75, 4.0 / 3.0],
            interpolation: Interpolation::Bilinear,
            antialias: true
        }
    );
    let op: Op = serde_json::from_str(r#"{"type":"RandAugment"}"#).unwrap();
    assert_eq!(
        op,
        Op::RandAugment {
            num_ops: 2,
            magnitude: 9,
            num_magnitude_bins: 31,
            interpolation: Interpolation::Nearest,
            fill: None
        }
    );
    let op: Op = serde_json::from_str(r#"{"type":"RandomHorizontalFlip"}"#).unwrap();
    assert_eq!(op, Op::RandomHorizontalFlip { p: 0.5 });
    let op: Op = serde_json::from_str(r#"{"type":"RandomGrayscale"}"#).unwrap();
    assert_eq!(op, Op::RandomGrayscale { p: 0.1 });
    let op: Op = serde_json::from_str(r#"{"type":"RandomErasing"}"#).unwrap();
    assert_eq!(
        op,
        Op::RandomErasing {
            p: 0.5,
            scale: [0.02, 0.33],
            ratio: [0.3, 3.3],
            value: EraseValue::Constant([0, 0, 0])
        }
    );
    // ColorJitter's scalar form: v → [max(0, 1−v), 1+v], hue v → [−v, v].
    assert_eq!(
        Op::color_jitter(0.4, 1.5, 0.0, 0.1),
        Op::ColorJitter {
            brightness: Some([0.6, 1.4]),
            contrast: Some([0.0, 2.5]),
            saturation: None,
            hue: Some([-0.1, 0.1])
        }
    );
}

#[test]
fn pipeline_url_round_trip_and_determinism() {
    let pipe = Pipeline::new(all_ops().into_iter().map(|op| Step { op, p: 0.7 }).collect());
    let url = pipe.to_url();
    assert!(url.starts_with("p1."));
    assert!(url
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
    assert_eq!(Pipeline::from_url(&url).unwrap(), pipe);
    assert_eq!(Pipeline::from_json(&pipe.to_json()).unwrap(), pipe);
    assert!(Pipeline::from_url("p1.!!!").is_err());
    assert!(Pipeline::from_url("x1.e30").is_err());
    // Out-of-range values are rejected on decode.
    let bad = r#"{"ops":[{"op":{"type":"RandomHorizontalFlip","p":1.5}}]}"#;
    assert!(Pipeline::from_json(bad).is_err());
    // The issue's benchmark pipeline: flip → resized crop 224 → colour jitter → erasing.
    let bench = Pipeline::new(vec![
        Step::always(Op::RandomHorizontalFlip { p: 0.5 }),
        Step::always(Op::RandomResizedCrop {
            size: [24, 24],
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
    let img = test_image(40, 30);
    let a = bench.run(&img, 42).unwrap();
    let b = bench.run(&img, 42).unwrap();
    assert_eq!(a, b);
    assert_eq!((a.0.width, a.0.height), (24, 24));
    assert_eq!(a.1.len(), 4);
    let grid = bench.samples(&img, 7, 16).unwrap();
    assert_eq!(grid.len(), 16);
    let distinct: std::collections::HashSet<Vec<u8>> = grid.iter().map(|(i, _)| i.data.clone()).collect();
    assert!(distinct.len() > 8, "samples should differ");
}

#[test]
fn draws_stay_in_range() {
    let (w, h) = (23u32, 17u32);
    for op in all_ops() {
        for seed in 0..64u64 {
            let p = op.draw(w, h, &mut rng_from_seed(seed)).unwrap();
            match (&op, &p) {
                (Op::RandomRotation { degrees, .. }, Params::RandomRotation { angle, .. }) => {
                    assert!(degrees[0] <= *angle && *angle <= degrees[1]);
                }
                (
                    Op::RandomAffine {
                        degrees,
                        translate,
                        scale,
                        shear,
                        ..
                    },
                    Params::RandomAffine {
                        angle,
                        translate: t,
                        scale: s,
                        shear: sh,
                        ..
                    },
                ) => {
                    assert!(degrees[0] <= *angle && *angle <= degrees[1]);
                    let [a, b] = translate.unwrap_or([0.0, 0.0]);
                    assert!(t[0].unsigned_abs() as f64 <= (a * f64::from(w)).round());
                    assert!(t[1].unsigned_abs() as f64 <= (b * f64::from(h)).round());
                    let [s0, s1] = scale.unwrap_or([1.0, 1.0]);
                    assert!(s0 <= *s && *s <= s1);
                    let r = shear.unwrap_or([0.0; 4]);
                    assert!(r[0] <= sh[0] && sh[0] <= r[1] && r[2] <= sh[1] && sh[1] <= r[3]);
                }
                (Op::RandomCrop { size, .. }, Params::RandomCrop { padding, window, .. }) => {
                    assert_eq!([window.height, window.width], *size);
                    assert!(window.left + window.width <= w + padding[0] + padding[2]);
                    assert!(window.top + window.height <= h + padding[1] + padding[3]);
                }
                (Op::RandomResizedCrop { .. }, Params::RandomResizedCrop { window, tries, .. }) => {
                    assert!(*tries <= 10);
                    assert!(window.width >= 1 && window.height >= 1);
                    assert!(window.left + window.width <= w && window.top + window.height <= h);
                }
                (
                    Op::ColorJitter {
                        brightness,
                        contrast,
                        saturation,
                        hue,
                    },
                    Params::ColorJitter {
                        order,
                        brightness: b,
                        contrast: c,
                        saturation: s,
                        hue: hh,
                    },
                ) => {
                    let mut o = *order;
                    o.sort();
                    assert_eq!(o, [0, 1, 2, 3], "randperm(4)");
                    for (r, v) in [(brightness, b), (contrast, c), (saturation, s), (hue, hh)] {
                        assert_eq!(r.is_some(), v.is_some());
                        if let (Some([lo, hi]), Some(v)) = (r, v) {
                            assert!(lo <= v && v <= hi);
                        }
                    }
                }
                (Op::GaussianBlur { sigma, .. }, Params::GaussianBlur { sigma: s, .. }) => {
                    assert!(sigma[0] <= *s && *s <= sigma[1]);
                }
                (
                    Op::RandomErasing { .. },
                    Params::RandomErasing {
                        window: Some(win),
                        applied,
                        ..
                    },
                ) => {
                    assert!(applied);
                    assert!(win.height < h && win.width < w, "strict (§1.3)");
                    assert!(win.left + win.width <= w && win.top + win.height <= h);
                }
                (Op::Cutout { n_holes, length }, Params::Cutout { holes }) => {
                    assert_eq!(holes.len(), *n_holes as usize);
                    for hole in holes {
                        assert!(hole.width <= *length && hole.height <= *length);
                        assert!(hole.left + hole.width <= w && hole.top + hole.height <= h);
                    }
                }
                (Op::RandAugment { num_ops, .. }, Params::AutoSteps { steps, sub_policy, .. }) => {
                    assert_eq!(steps.len(), *num_ops);
                    assert!(sub_policy.is_none());
                    assert!(steps.iter().all(|s| RA_OPS.contains(&s.op)));
                }
                (Op::TrivialAugmentWide { .. }, Params::AutoSteps { steps, .. }) => {
                    assert_eq!(steps.len(), 1);
                    assert!(RA_OPS.contains(&steps[0].op));
                }
                (Op::AutoAugment { .. }, Params::AutoSteps { steps, sub_policy, .. }) => {
                    let id = sub_policy.expect("AutoAugment records its sub-policy");
                    assert!(id < 25);
                    let allowed: Vec<AutoOp> = CIFAR10_POLICY[id].iter().map(|e| e.0).collect();
                    assert!(steps.len() <= 2);
                    for s in steps {
                        assert!(allowed.contains(&s.op));
                    }
                }
                _ => {}
            }
        }
    }
}

#[test]
fn rrc_draws_match_scale_and_ratio_and_hit_both_branches() {
    // On a large square image rounding is negligible, so accepted windows satisfy the sampler's
    // ranges (§1.3) to within 1%.
    let (scale, ratio) = ([0.08, 1.0], [3.0 / 4.0, 4.0 / 3.0]);
    let mut rng = rng_from_seed(2024);
    let mut retried = 0;
    for _ in 0..2000 {
        let d = sample::rrc_window(&mut rng, 1000, 1000, scale, ratio);
        if d.tries == 0 {
            continue;
        }
        if d.tries > 1 {
            retried += 1;
        }
        let (cw, ch) = (f64::from(d.window.width), f64::from(d.window.height));
        let frac = cw * ch / 1e6;
        assert!((0.08 * 0.99..=1.01).contains(&frac), "area fraction {frac}");
        let r = cw / ch;
        assert!((0.75 * 0.99..=4.0 / 3.0 * 1.01).contains(&r), "ratio {r}");
    }
    assert!(retried > 0, "some first tries must be rejected (w or h > side)");
    // A 40×10 strip: a try fits only if h ≤ 10, so w·h ≤ (4/3)·100 px², i.e. U(scale) ≲ 0.33
    // (about a quarter of tries); all 10 fail with probability ≈ 0.75^10 ≈ 6%, so over 300 seeds
    // both branches occur.
    let mut fallbacks = 0;
    let mut accepted = 0;
    for seed in 0..300 {
        let d = sample::rrc_window(&mut rng_from_seed(seed), 40, 10, scale, ratio);
        if d.tries == 0 {
            fallbacks += 1;
            assert_eq!(d.window, sample::rrc_fallback(40, 10, ratio));
        } else {
            accepted += 1;
        }
    }
    assert!(fallbacks > 0 && accepted > 0, "fallbacks {fallbacks}, accepted {accepted}");
}

#[test]
fn erasing_draws_hit_success_and_fallback() {
    // 2×2 image, erase area 2.0–2.2 px²: a try passes the strict h < 2, w < 2 test only when
    // both √(area·aspect) and √(area/aspect) round to 1, i.e. aspect within a few % of 1 (about
    // 5% of tries), so over 300 seeds both the success branch and the all-10-fail no-op occur.
    let (mut some, mut none) = (0, 0);
    for seed in 0..300 {
        match sample::erasing_window(&mut rng_from_seed(seed), 2, 2, [0.5, 0.55], [0.3, 3.3]) {
            Some(_) => some += 1,
            None => none += 1,
        }
    }
    assert!(some > 0 && none > 0, "success {some}, fallback {none}");
}

#[test]
fn coin_frequencies() {
    // RandomHorizontalFlip p = 0.3 over 4000 seeds: SE = √(0.21/4000) = 0.0072; tolerance 4 SE.
    let op = Op::RandomHorizontalFlip { p: 0.3 };
    let n = 4000;
    let flips = (0..n)
        .filter(|&s| {
            matches!(
                op.draw(4, 4, &mut rng_from_seed(s)).unwrap(),
                Params::RandomHorizontalFlip { flip: true }
            )
        })
        .count();
    let f = flips as f64 / n as f64;
    assert!((f - 0.3).abs() < 0.029, "{f}");
    // Pipeline step p = 0.25: SE = √(0.1875/4000) = 0.0068.
    let pipe = Pipeline::new(vec![Step { op: Op::RandomInvert { p: 1.0 }, p: 0.25 }]);
    let img = test_image(3, 3);
    let ran = (0..n).filter(|&s| pipe.run(&img, s).unwrap().1[0].ran).count();
    let f = ran as f64 / n as f64;
    assert!((f - 0.25).abs() < 0.028, "{f}");
}

#[test]
fn mixup_cutmix_draws() {
    // Beta(1, 1) = U(0, 1): mean 0.5, SE = √(1/12/4000) = 0.0046; tolerance 4 SE.
    let mut rng = rng_from_seed(9);
    let n = 4000;
    let mut sum = 0.0;
    for _ in 0..n {
        let lam = mix::draw_lam(&mut rng, 1.0).unwrap();
        assert!((0.0..=1.0).contains(&lam));
        sum += lam;
    }
    assert!((sum / n as f64 - 0.5).abs() < 0.019);
    // CutMix: the box is inside the image and, because rw = int(r·W) rounds down and clipping only
    // shrinks it, the area-corrected lam is never below the drawn lam (§1.5).
    for _ in 0..2000 {
        let p = mix::draw_cutmix(&mut rng, 1.0, 32, 24).unwrap();
        let b = p.cut_box;
        assert!(b.x1 <= b.x2 && b.x2 <= 32 && b.y1 <= b.y2 && b.y2 <= 24);
        assert!(p.r_x < 32 && p.r_y < 24);
        assert!(p.lam_adjusted >= p.lam - 1e-12, "{p:?}");
        assert!(p.lam_adjusted <= 1.0);
    }
    assert!(mix::draw_lam(&mut rng, 0.0).is_err());
    let a = test_image(4, 4);
    let b = test_image(5, 4);
    assert!(mix::mixup(&a, &b, 0.5).is_err());
    assert!(mix::mixup(&a, &a, 1.5).is_err());
    assert_eq!(mix::mixup(&a, &test_image(4, 4), 1.0).unwrap(), a, "lam = 1 keeps a");
    assert!(mix::one_hot(10, 10).is_err());
}

#[test]
fn resize_kernel() {
    let img = test_image(23, 17);
    // Same size: identity, for both interpolations (torch skips both passes).
    for interp in [Interpolation::Bilinear, Interpolation::Nearest] {
        assert_eq!(augment_image::geometry::resize(&img, 23, 17, interp, true).unwrap(), img);
    }
    // A constant image stays constant when down- or up-scaled (weights are normalised).
    let c = Image::filled(37, 29, [200, 17, 255, 255]).unwrap();
    for (ow, oh) in [(5, 4), (224, 224), (37, 3), (100, 29)] {
        for aa in [true, false] {
            let out = augment_image::geometry::resize(&c, ow, oh, Interpolation::Bilinear, aa).unwrap();
            assert!(out.data.chunks(4).all(|p| p == [200, 17, 255, 255]), "{ow}x{oh} aa={aa}");
        }
    }
    // Antialiased 2× downscale of the row [0,100,200,100], by the triangle-filter formula
    // documented in `geometry` (torch/Pillow: support = scale = 2, centre = 2(i+0.5)):
    // out0 taps x=0,1,2 with t = (−0.25, 0.25, 0.75)·… → weights (.75,.75,.25)/1.75
    // → (0·.75 + 100·.75 + 200·.25)/1.75 = 71.4 → 71;
    // out1: centre 3, taps x=1,2,3 (x=4 is outside) with weights (.25,.75,.75)/1.75
    // → (25 + 150 + 75)/1.75 = 142.9 → 143.
    let row = Image::from_gray(4, 1, &[0, 100, 200, 100]).unwrap();
    let out = augment_image::geometry::resize(&row, 2, 1, Interpolation::Bilinear, true).unwrap();
    assert_eq!(out.channel(0), [71, 143]);
    // Without antialiasing the same downscale is plain bilinear at src = 2(i+0.5) − 0.5:
    // 0.5 → 50; 2.5 → 150.
    let out = augment_image::geometry::resize(&row, 2, 1, Interpolation::Bilinear, false).unwrap();
    assert_eq!(out.channel(0), [50, 150]);
    // Nearest: src = floor(i·in/out): 0, 2 → [0, 200].
    let out = augment_image::geometry::resize(&row, 2, 1, Interpolation::Nearest, false).unwrap();
    assert_eq!(out.channel(0), [0, 200]);
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    assert!(Image::new(2, 2, vec![0; 15]).is_err());
    assert!(Image::new(0, 2, vec![]).is_err());
    let img = test_image(8, 8);
    let bad_rrc = Params::RandomResizedCrop {
        window: sample::Window { top: 5, left: 5, height: 5, width: 5 },
        tries: 1,
        size: [4, 4],
        interpolation: Interpolation::Bilinear,
        antialias: true,
    };
    assert!(apply(&bad_rrc, &img).is_err());
    let bad_order = Params::ColorJitter {
        order: [0, 1, 2, 9],
        brightness: None,
        contrast: None,
        saturation: None,
        hue: None,
    };
    assert!(apply(&bad_order, &img).is_err());
    assert!(apply(&Params::RandomSolarize { apply: true, threshold: 300.0 }, &img).is_err());
    assert!(apply(&Params::RandomPosterize { apply: true, bits: 9 }, &img).is_err());
    assert!(apply(&Params::GaussianBlur { kernel_size: [4, 3], sigma: 1.0 }, &img).is_err());
    let crop_too_big = Op::RandomCrop {
        size: [20, 20],
        padding: None,
        pad_if_needed: false,
        fill: [0; 3],
        padding_mode: PaddingMode::Constant,
    };
    assert!(crop_too_big.draw(8, 8, &mut rng_from_seed(0)).is_err());
    let bad_ra = Op::RandAugment {
        num_ops: 2,
        magnitude: 31,
        num_magnitude_bins: 31,
        interpolation: Interpolation::Nearest,
        fill: None,
    };
    assert!(bad_ra.validate().is_err());
    assert!(Op::color_jitter(0.0, 0.0, 0.0, 0.7).validate().is_err());
    // A huge output canvas is refused instead of allocating.
    let huge = Op::RandomResizedCrop {
        size: [60000, 60000],
        scale: [0.08, 1.0],
        ratio: [0.75, 4.0 / 3.0],
        interpolation: Interpolation::Bilinear,
        antialias: true,
    };
    assert!(huge.validate().is_err());
    let huge_params = Params::RandomResizedCrop {
        window: sample::Window { top: 0, left: 0, height: 8, width: 8 },
        tries: 1,
        size: [60000, 60000],
        interpolation: Interpolation::Bilinear,
        antialias: true,
    };
    assert!(apply(&huge_params, &img).is_err());
}

#[test]
fn geometric_ops_keep_opaque_images_opaque() {
    // Spec intro: geometric fill is black with alpha 255, so an opaque input stays opaque.
    let mut img = test_image(23, 17);
    for px in img.data.chunks_mut(4) {
        px[3] = 255;
    }
    for op in all_ops() {
        for seed in 0..8 {
            let (out, _) = op.run(&img, &mut rng_from_seed(seed)).unwrap();
            assert!(out.channel(3).iter().all(|&a| a == 255), "{} seed {seed}", op.name());
        }
    }
}

/// `Params::is_identity` (used by `Pipeline::run` to skip a copy) must only claim identity when the
/// apply really returns the input, and the pipeline's output must not change because of the skip.
#[test]
fn identity_draws_really_are_identities() {
    let img = test_image(23, 17);
    let mut identities = 0;
    for op in all_ops() {
        for seed in 0..40 {
            let mut rng = rng_from_seed(seed);
            let Ok(params) = op.draw(img.width, img.height, &mut rng) else { continue };
            if params.is_identity() {
                identities += 1;
                assert_eq!(apply(&params, &img).unwrap(), img, "{}: {params:?}", op.name());
            }
        }
    }
    // Flips, the Random* coins and erasing's fallback all produce identity draws within 40 seeds.
    assert!(identities > 100, "{identities}");
    // A pipeline of coin ops gives what applying every drawn step one after another gives.
    let pipe = Pipeline::new(vec![
        Step::always(Op::RandomHorizontalFlip { p: 0.5 }),
        Step::always(Op::RandomInvert { p: 0.5 }),
        Step::always(Op::RandomVerticalFlip { p: 0.5 }),
    ]);
    for seed in 0..20 {
        let (out, applied) = pipe.run(&img, seed).unwrap();
        let mut manual = img.clone();
        for a in &applied {
            manual = apply(a.params.as_ref().unwrap(), &manual).unwrap();
        }
        assert_eq!(out, manual, "seed {seed}");
    }
}
