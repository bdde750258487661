//! Exact values from /work/shared/reference/augmentation.md ("spec"): the golden table of §1.9 and
//! every other stated value of §1.1–§1.8. Where a value is worked out by hand from a spec formula,
//! the working is in the comment.

use augment_image::auto::{self, AugmentSpace, AutoOp, CIFAR10_POLICY};
use augment_image::color;
use augment_image::filter;
use augment_image::geometry::{self, Interpolation, PaddingMode};
use augment_image::mix;
use augment_image::sample;
use augment_image::{apply, rng_from_seed, Image, Op, Params};

fn rgb_img(pixels: &[[u8; 3]]) -> Image {
    let flat: Vec<u8> = pixels.iter().flatten().copied().collect();
    Image::from_rgb(pixels.len() as u32, 1, &flat).unwrap()
}

fn reds(img: &Image) -> Vec<u8> {
    img.channel(0)
}

#[test]
fn grayscale_golden_1_9() {
    // §1.9: (255,255,255)/(255,0,0)/(0,255,0)/(0,0,255)/(100,150,200)/(1,1,1) → 254/76/149/29/140/0.
    let img = rgb_img(&[
        [255, 255, 255],
        [255, 0, 0],
        [0, 255, 0],
        [0, 0, 255],
        [100, 150, 200],
        [1, 1, 1],
    ]);
    let expected = [254u8, 76, 149, 29, 140, 0];
    let g = color::rgb_to_grayscale(&img);
    for c in 0..3 {
        assert_eq!(g.channel(c), expected, "channel {c}");
    }
    assert_eq!(g.channel(3), vec![255; 6], "alpha passes through");
    // Same through the Op/Params layer.
    assert_eq!(apply(&Params::Grayscale, &img).unwrap(), g);
    assert_eq!(
        apply(&Params::RandomGrayscale { apply: true }, &img).unwrap(),
        g
    );
}

#[test]
fn brightness_golden_1_9() {
    // §1.9: f = 1.5: 100 → 150; 200 → 255 (clamped).
    let img = Image::from_gray(2, 1, &[100, 200]).unwrap();
    assert_eq!(reds(&color::adjust_brightness(&img, 1.5).unwrap()), [150, 255]);
}

#[test]
fn contrast_golden_1_9() {
    // §1.9: black and white, f = 0.5: gray floors [0, 254], mean 127 → black 63, white 191.
    let img = Image::from_gray(2, 1, &[0, 255]).unwrap();
    assert_eq!(color::contrast_mean(&img), 127.0);
    let out = color::adjust_contrast(&img, 0.5).unwrap();
    for c in 0..3 {
        assert_eq!(out.channel(c), [63, 191]);
    }
}

#[test]
fn hue_golden_1_9() {
    // §1.9: red shifted by +1/3, +0.5, −1/3 → green, cyan, blue.
    let red = rgb_img(&[[255, 0, 0]]);
    let cases = [
        (1.0 / 3.0, [0u8, 255, 0]),
        (0.5, [0, 255, 255]),
        (-1.0 / 3.0, [0, 0, 255]),
    ];
    for (f, want) in cases {
        let out = color::adjust_hue(&red, f).unwrap();
        assert_eq!(out.pixel(0, 0).unwrap(), [want[0], want[1], want[2], 255], "f = {f}");
    }
    // §1.9: (128,128,128) unchanged for any hue (s = 0).
    let grey = rgb_img(&[[128, 128, 128]]);
    for f in [-0.5, -0.2, 0.0, 0.1, 0.37, 0.5] {
        assert_eq!(color::adjust_hue(&grey, f).unwrap(), grey, "f = {f}");
    }
    // §1.1: hue factor must be within [−0.5, 0.5].
    assert!(color::adjust_hue(&red, 0.6).is_err());
}

#[test]
fn solarize_posterize_autocontrast_golden_1_9() {
    // §1.9: solarize t = 128: 200, 128, 100 → 55, 127, 100.
    let img = Image::from_gray(3, 1, &[200, 128, 100]).unwrap();
    assert_eq!(reds(&color::solarize(&img, 128.0).unwrap()), [55, 127, 100]);
    // §1.9: posterize bits = 3: 214 → 192.
    let img = Image::from_gray(1, 1, &[214]).unwrap();
    assert_eq!(reds(&color::posterize(&img, 3).unwrap()), [192]);
    // §1.9: autocontrast, channel min 50, max 150, value 100 → 127.
    let img = Image::from_gray(3, 1, &[50, 100, 150]).unwrap();
    // (Only 100 → 127 and min → 0 are asserted: the top value depends on float32 rounding of
    // (max − min)·(1/255), which the spec does not state.)
    let ac = reds(&color::autocontrast(&img));
    assert_eq!(&ac[..2], &[0, 127]);
    // §1.2: a constant channel is unchanged.
    let flat = Image::from_gray(2, 1, &[77, 77]).unwrap();
    assert_eq!(color::autocontrast(&flat), flat);
    // §1.2: invert is 255 − x.
    assert_eq!(reds(&color::invert(&img)), [205, 155, 105]);
}

#[test]
fn cutmix_box_golden_1_9() {
    // §1.9: lam = .75 on 32×32, centre (16,16) → (8,8,24,24), lam_adjusted .75;
    // centre (0,0) → (0,0,8,8), lam_adjusted .9375.
    let b = mix::cutmix_box(32, 32, 0.75, 16, 16).unwrap();
    assert_eq!((b.x1, b.y1, b.x2, b.y2), (8, 8, 24, 24));
    assert_eq!(mix::cutmix_lam_adjusted(32, 32, &b), 0.75);
    let b0 = mix::cutmix_box(32, 32, 0.75, 0, 0).unwrap();
    assert_eq!((b0.x1, b0.y1, b0.x2, b0.y2), (0, 0, 8, 8));
    assert_eq!(mix::cutmix_lam_adjusted(32, 32, &b0), 0.9375);
    // The paste takes b's pixels inside the box, a's outside (§1.5).
    let a = Image::filled(32, 32, [10, 10, 10, 255]).unwrap();
    let bb = Image::filled(32, 32, [200, 200, 200, 255]).unwrap();
    let (out, lam) = mix::cutmix(&a, &bb, &b).unwrap();
    assert_eq!(lam, 0.75);
    assert_eq!(out.pixel(8, 8).unwrap()[0], 200);
    assert_eq!(out.pixel(23, 23).unwrap()[0], 200);
    assert_eq!(out.pixel(24, 23).unwrap()[0], 10);
    assert_eq!(out.pixel(7, 8).unwrap()[0], 10);
    let count = out.channel(0).iter().filter(|&&v| v == 200).count();
    assert_eq!(count, 256);
}

#[test]
fn gaussian_kernel_golden_1_9() {
    // §1.9: k = 3, σ = 1 → [.27407, .45186, .27407].
    let k = filter::gaussian_kernel1d(3, 1.0).unwrap();
    for (got, want) in k.iter().zip([0.27407f32, 0.45186, 0.27407]) {
        assert!((got - want).abs() < 1e-5, "{got} vs {want}");
    }
    assert!(filter::gaussian_kernel1d(4, 1.0).is_err(), "even kernel size");
}

#[test]
fn rotate_90_golden_1_9() {
    // §1.9: [[1,2,3],[4,5,6],[7,8,9]] rotated +90° (nearest) → [[3,6,9],[2,5,8],[1,4,7]].
    let img = Image::from_gray(3, 3, &[1, 2, 3, 4, 5, 6, 7, 8, 9]).unwrap();
    let out = geometry::rotate(&img, 90.0, Interpolation::Nearest, false, None, Some([0, 0, 0])).unwrap();
    assert_eq!(reds(&out), [3, 6, 9, 2, 5, 8, 1, 4, 7]);
    // Through the Params layer, also with expand (a square stays 3×3).
    let p = Params::RandomRotation {
        angle: 90.0,
        interpolation: Interpolation::Nearest,
        expand: true,
        center: None,
        fill: None,
    };
    let out2 = apply(&p, &img).unwrap();
    assert_eq!((out2.width, out2.height), (3, 3));
    assert_eq!(reds(&out2), [3, 6, 9, 2, 5, 8, 1, 4, 7]);
}

#[test]
fn padding_modes_1_1() {
    // §1.1 RandomCrop row: [1,2,3,4] padded by 2 → reflect [3,2,1,2,3,4,3,2], symmetric [2,1,1,2,3,4,4,3].
    let img = Image::from_gray(4, 1, &[1, 2, 3, 4]).unwrap();
    let refl = geometry::pad(&img, [2, 0, 2, 0], PaddingMode::Reflect, [0; 3]).unwrap();
    assert_eq!(reds(&refl), [3, 2, 1, 2, 3, 4, 3, 2]);
    let sym = geometry::pad(&img, [2, 0, 2, 0], PaddingMode::Symmetric, [0; 3]).unwrap();
    assert_eq!(reds(&sym), [2, 1, 1, 2, 3, 4, 4, 3]);
    // edge repeats the border; constant uses the fill.
    let edge = geometry::pad(&img, [2, 0, 2, 0], PaddingMode::Edge, [0; 3]).unwrap();
    assert_eq!(reds(&edge), [1, 1, 1, 2, 3, 4, 4, 4]);
    let cst = geometry::pad(&img, [2, 0, 2, 0], PaddingMode::Constant, [9, 9, 9]).unwrap();
    assert_eq!(reds(&cst), [9, 9, 1, 2, 3, 4, 9, 9]);
    // Through RandomCrop: an 8-wide crop of the padded 8-wide row has one position.
    let op = Op::RandomCrop {
        size: [1, 8],
        padding: Some([2, 0, 2, 0]),
        pad_if_needed: false,
        fill: [0; 3],
        padding_mode: PaddingMode::Reflect,
    };
    let (out, _) = op.run(&img, &mut rng_from_seed(1)).unwrap();
    assert_eq!(reds(&out), [3, 2, 1, 2, 3, 4, 3, 2]);
}

#[test]
fn equalize_scheme_1_2() {
    // §1.2 scheme, by hand: 510 pixels of 10 and 255 pixels of 20 (N = 765). Last non-zero bin (20)
    // holds 255, so step = (765 − 255) // 255 = 2; lut[10] = (cum[9] + 1) // 2 = 0,
    // lut[20] = (cum[19] + 1) // 2 = (510 + 1) // 2 = 255.
    let mut v = vec![10u8; 510];
    v.extend(std::iter::repeat_n(20u8, 255));
    let img = Image::from_gray(765, 1, &v).unwrap();
    let out = color::equalize(&img);
    assert_eq!(out.channel(0)[0], 0);
    assert_eq!(out.channel(0)[764], 255);
    // step == 0 (fewer than 255 pixels outside the top bin): unchanged.
    let small = Image::from_gray(3, 1, &[5, 9, 200]).unwrap();
    assert_eq!(color::equalize(&small), small);
}

#[test]
fn sharpness_rule_1_2() {
    // §1.2, by hand: 3×3, centre 100, rest 0. Blur = round(5·100/13) = round(38.46) = 38.
    // f = 0 → 38; f = 2 → 100 + (1−2)(38−100) = 162; the border stays 0.
    let mut v = vec![0u8; 9];
    v[4] = 100;
    let img = Image::from_gray(3, 3, &v).unwrap();
    assert_eq!(reds(&filter::adjust_sharpness(&img, 0.0).unwrap())[4], 38);
    let s2 = reds(&filter::adjust_sharpness(&img, 2.0).unwrap());
    assert_eq!(s2[4], 162);
    assert_eq!(s2.iter().filter(|&&x| x == 0).count(), 8);
    // H ≤ 2 or W ≤ 2 → unchanged.
    let thin = Image::from_gray(3, 2, &[0, 100, 0, 0, 100, 0]).unwrap();
    assert_eq!(filter::adjust_sharpness(&thin, 0.0).unwrap(), thin);
}

#[test]
fn saturation_uses_floored_gray_1_2() {
    // §1.2: saturation f = 0 gives floor(gray) on every channel: (100,150,200) → 140 (§1.9 gray).
    let img = rgb_img(&[[100, 150, 200]]);
    let out = color::adjust_saturation(&img, 0.0).unwrap();
    assert_eq!(out.pixel(0, 0).unwrap(), [140, 140, 140, 255]);
}

#[test]
fn gaussian_blur_constant_and_kernel_1_3() {
    // §1.3: a normalised kernel with reflect padding keeps a constant image constant.
    let img = Image::filled(9, 7, [123, 45, 67, 255]).unwrap();
    assert_eq!(filter::gaussian_blur(&img, [5, 3], 1.3).unwrap(), img);
    // By hand with the §1.9 kernel [.27407,.45186,.27407] on the row [0, 90, 0] (reflect pad →
    // [90 | 0 90 0 | 90]): centre round(.45186·90) = round(40.67) = 41; edges round(2·.27407·90) =
    // round(49.33) = 49. Height 1 → vertical pass reflects onto itself (k = 1 in y).
    let row = Image::from_gray(3, 1, &[0, 90, 0]).unwrap();
    let out = filter::gaussian_blur(&row, [3, 1], 1.0).unwrap();
    assert_eq!(reds(&out), [49, 41, 49]);
}

#[test]
fn magnitudes_randaugment_defaults_1_7() {
    // §1.7 derived values, RandAugment bin 9 of 31.
    let m = |op| auto::magnitude(AugmentSpace::RandAugment, op, 9, 31, 32, 32).unwrap();
    assert!((m(AutoOp::ShearX) - 0.09).abs() < 1e-6);
    assert!((m(AutoOp::Rotate) - 9.0).abs() < 1e-6);
    assert!((m(AutoOp::Brightness) - 0.27).abs() < 1e-6);
    assert_eq!(m(AutoOp::Posterize), 7.0);
    let t = m(AutoOp::Solarize) * 255.0;
    assert!((t - 178.5).abs() < 1e-4, "threshold {t}");
    // "so x ≥ 179 is inverted" (and 178 is not).
    let img = Image::from_gray(2, 1, &[178, 179]).unwrap();
    assert_eq!(reds(&color::solarize(&img, t).unwrap()), [178, 76]);
    // translate int(0.3·150/331·W) = 4 px at W = 32 and 30 px at W = 224.
    assert_eq!(m(AutoOp::TranslateX).trunc(), 4.0);
    let m224 = auto::magnitude(AugmentSpace::RandAugment, AutoOp::TranslateX, 9, 31, 224, 224).unwrap();
    assert_eq!(m224.trunc(), 30.0);
    assert_eq!(auto::magnitude(AugmentSpace::RandAugment, AutoOp::Identity, 9, 31, 32, 32), None);
}

#[test]
fn posterize_bins_1_7() {
    // §1.7: AA/RA with n = 31: [8,8,8,8, 7×8, 6×7, 5×8, 4×4].
    let mut ra = vec![8.0; 4];
    ra.extend([7.0; 8]);
    ra.extend([6.0; 7]);
    ra.extend([5.0; 8]);
    ra.extend([4.0; 4]);
    let got: Vec<f64> = (0..31)
        .map(|i| auto::magnitude(AugmentSpace::RandAugment, AutoOp::Posterize, i, 31, 8, 8).unwrap())
        .collect();
    assert_eq!(got, ra);
    // §1.7: TrivialAugmentWide posterize bins.
    let ta = [
        8, 8, 8, 7, 7, 7, 7, 7, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2,
    ];
    let got: Vec<f64> = (0..31)
        .map(|i| {
            auto::magnitude(AugmentSpace::TrivialAugmentWide, AutoOp::Posterize, i, 31, 8, 8).unwrap()
        })
        .collect();
    assert_eq!(got, ta.map(f64::from));
    // §1.7: AutoAugment 10 bins: posterize [8,8,7,7,6,6,5,5,4,4].
    let got: Vec<f64> = (0..10)
        .map(|i| auto::magnitude(AugmentSpace::AutoAugment, AutoOp::Posterize, i, 10, 8, 8).unwrap())
        .collect();
    assert_eq!(got, [8.0, 8.0, 7.0, 7.0, 6.0, 6.0, 5.0, 5.0, 4.0, 4.0]);
}

#[test]
fn autoaugment_ten_bins_1_7() {
    // §1.7: shear 0, 0.033…0.3; rotate 0, 3.33…30; enhance 0, 0.1…0.9; solarize 1.0, 0.889…0;
    // translate fraction 0…0.4532 (of the side).
    let m = |op, i| auto::magnitude(AugmentSpace::AutoAugment, op, i, 10, 331, 331).unwrap();
    let close = |a: f64, b: f64, tol: f64| assert!((a - b).abs() < tol, "{a} vs {b}");
    close(m(AutoOp::ShearX, 0), 0.0, 1e-9);
    close(m(AutoOp::ShearX, 1), 0.0333, 1e-4);
    close(m(AutoOp::ShearY, 9), 0.3, 1e-6);
    close(m(AutoOp::Rotate, 1), 3.33, 5e-3);
    close(m(AutoOp::Rotate, 9), 30.0, 1e-5);
    close(m(AutoOp::Contrast, 1), 0.1, 1e-6);
    close(m(AutoOp::Sharpness, 9), 0.9, 1e-6);
    close(m(AutoOp::Solarize, 0), 1.0, 1e-9);
    close(m(AutoOp::Solarize, 1), 0.889, 5e-4);
    close(m(AutoOp::Solarize, 9), 0.0, 1e-9);
    close(m(AutoOp::TranslateY, 9) / 331.0, 0.4532, 1e-4);
    // TrivialAugmentWide wide ranges (§1.7 table): last bins.
    let w = |op| auto::magnitude(AugmentSpace::TrivialAugmentWide, op, 30, 31, 64, 64).unwrap();
    close(w(AutoOp::ShearX), 0.99, 1e-6);
    close(w(AutoOp::TranslateX), 32.0, 1e-6);
    close(w(AutoOp::Rotate), 135.0, 1e-5);
    close(w(AutoOp::Color), 0.99, 1e-6);
}

#[test]
fn signed_ops_1_7() {
    // §1.7 "Signed" column.
    use AutoOp::*;
    for op in [ShearX, ShearY, TranslateX, TranslateY, Rotate, Brightness, Color, Contrast, Sharpness] {
        assert!(auto::is_signed(op), "{op:?}");
    }
    for op in [Identity, Posterize, Solarize, AutoContrast, Equalize, Invert] {
        assert!(!auto::is_signed(op), "{op:?}");
    }
}

/// §1.8 verbatim.
const SPEC_CIFAR10: &str = "
(Invert,.1,-)(Contrast,.2,6)      (Rotate,.7,2)(TranslateX,.3,9)    (Sharpness,.8,1)(Sharpness,.9,3)
(ShearY,.5,8)(TranslateY,.7,9)    (AutoContrast,.5,-)(Equalize,.9,-) (ShearY,.2,7)(Posterize,.3,7)
(Color,.4,3)(Brightness,.6,7)     (Sharpness,.3,9)(Brightness,.7,9)  (Equalize,.6,-)(Equalize,.5,-)
(Contrast,.6,7)(Sharpness,.6,5)   (Color,.7,7)(TranslateX,.5,8)      (Equalize,.3,-)(AutoContrast,.4,-)
(TranslateY,.4,3)(Sharpness,.2,6) (Brightness,.9,6)(Color,.2,8)      (Solarize,.5,2)(Invert,0,-)
(Equalize,.2,-)(AutoContrast,.6,-)(Equalize,.2,-)(Equalize,.6,-)     (Color,.9,9)(Equalize,.6,-)
(AutoContrast,.8,-)(Solarize,.2,8)(Brightness,.1,3)(Color,.7,0)      (Solarize,.4,5)(AutoContrast,.9,-)
(TranslateY,.9,9)(TranslateY,.7,9)(AutoContrast,.9,-)(Solarize,.8,3) (Equalize,.8,-)(Invert,.1,-)
(TranslateY,.7,9)(AutoContrast,.9,-)
";

#[test]
fn cifar10_policy_matches_spec_1_8() {
    let entries: Vec<(String, f64, Option<usize>)> = SPEC_CIFAR10
        .split('(')
        .skip(1)
        .map(|t| {
            let body = t.split(')').next().unwrap();
            let parts: Vec<&str> = body.split(',').collect();
            let bin = if parts[2] == "-" { None } else { Some(parts[2].parse().unwrap()) };
            (parts[0].to_string(), parts[1].parse().unwrap(), bin)
        })
        .collect();
    assert_eq!(entries.len(), 50);
    let ours: Vec<(String, f64, Option<usize>)> = CIFAR10_POLICY
        .iter()
        .flatten()
        .map(|(op, p, bin)| (format!("{op:?}"), *p, *bin))
        .collect();
    assert_eq!(ours, entries);
}

#[test]
fn rrc_fallback_1_3() {
    // §1.3 fallback by hand. W=100, H=10: r = 10 > 4/3 → h = 10, w = round(10·4/3) = 13,
    // top = 0, left = (100−13)//2 = 43.
    let ratio = [3.0 / 4.0, 4.0 / 3.0];
    let win = sample::rrc_fallback(100, 10, ratio);
    assert_eq!((win.top, win.left, win.height, win.width), (0, 43, 10, 13));
    // W=10, H=100: r = 0.1 < 3/4 → w = 10, h = round(10/(3/4)) = 13, top = 43.
    let win = sample::rrc_fallback(10, 100, ratio);
    assert_eq!((win.top, win.left, win.height, win.width), (43, 0, 13, 10));
    // In range: the whole image.
    let win = sample::rrc_fallback(40, 40, ratio);
    assert_eq!((win.top, win.left, win.height, win.width), (0, 0, 40, 40));
    // Scale > 1 makes every try fail (h or w exceeds the side), so the sampler must fall back.
    let mut rng = rng_from_seed(3);
    let d = sample::rrc_window(&mut rng, 100, 10, [2.0, 3.0], ratio);
    assert_eq!(d.tries, 0);
    assert_eq!((d.window.top, d.window.left, d.window.height, d.window.width), (0, 43, 10, 13));
}

#[test]
fn erasing_fallback_is_noop_1_3() {
    // §1.3: area ≈ the whole image makes h ≥ H or w ≥ W (strict test), so all 10 tries fail → no-op.
    let img = Image::from_gray(4, 4, &(0..16).collect::<Vec<u8>>()).unwrap();
    let op = Op::RandomErasing {
        p: 1.0,
        scale: [0.99, 1.0],
        ratio: [1.0, 1.0],
        value: augment_image::EraseValue::Constant([0, 0, 0]),
    };
    let mut rng = rng_from_seed(11);
    let (out, params) = op.run(&img, &mut rng).unwrap();
    match params {
        Params::RandomErasing { window, applied, .. } => {
            assert!(applied);
            assert_eq!(window, None);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(out, img);
}

#[test]
fn translate_moves_content_right_1_7() {
    // §1.7: TranslateX by +1 moves the content right; nearest, fill black.
    let img = Image::from_gray(3, 1, &[10, 20, 30]).unwrap();
    let s = auto::AutoStep { op: AutoOp::TranslateX, magnitude: 1.7 };
    let out = auto::apply_auto_op(&img, &s, Interpolation::Nearest, None).unwrap();
    assert_eq!(reds(&out), [0, 10, 20], "int(1.7) = 1 px");
    // ShearX about the top-left corner (§1.7): row 0 is the shear axis, so it does not move.
    let img = Image::from_gray(3, 2, &[1, 2, 3, 4, 5, 6]).unwrap();
    let s = auto::AutoStep { op: AutoOp::ShearX, magnitude: 0.3 };
    let out = auto::apply_auto_op(&img, &s, Interpolation::Nearest, None).unwrap();
    assert_eq!(&reds(&out)[..3], &[1, 2, 3]);
}

#[test]
fn rotate_expand_size_1_4() {
    // §1.4 expand rule by hand: 45° on 4×4, corners at distance 2√2 from the centre:
    // max = 2√2 + 2 = 4.83 → 5, min = −0.83 → −1, size 6.
    let img = Image::filled(4, 4, [50, 60, 70, 255]).unwrap();
    let out = geometry::rotate(&img, 45.0, Interpolation::Bilinear, true, None, Some([0; 3])).unwrap();
    assert_eq!((out.width, out.height), (6, 6));
    // 90° on 3 wide × 2 high, by the same rule: the rotated corners span x ∈ [−1, 1] and
    // y ∈ [−1.5, 1.5]; shifted by the *input* half-sizes (1.5, 1) they span [0.5, 2.5] → 3 − 0 = 3
    // and [−0.5, 2.5] → 3 − (−1) = 4. (PIL special-cases 90° with a transpose; the tensor rule
    // does not, so the canvas is 3×4, not 2×3. The 1e-4 grid removes cos(90°) ≈ 6e-17.)
    let img = Image::filled(3, 2, [1, 1, 1, 255]).unwrap();
    let out = geometry::rotate(&img, 90.0, Interpolation::Nearest, true, None, Some([0; 3])).unwrap();
    assert_eq!((out.width, out.height), (3, 4));
}

#[test]
fn mixup_labels_weight_original_1_5() {
    // §1.5: y' = roll(y,1)·(1−lam) + y·lam, so lam weights the original sample.
    let y = mix::mix_label_indices(3, 5, 0.7, 10).unwrap();
    assert_eq!(y.len(), 10);
    assert!((y[3] - 0.7).abs() < 1e-12 && (y[5] - 0.3).abs() < 1e-12);
    assert!((y.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    // Pixels: lam·a + (1−lam)·b truncated (blend rule §1.2): .7·100 + .3·201 = 130.3 → 130.
    let a = Image::filled(1, 1, [100, 0, 255, 255]).unwrap();
    let b = Image::filled(1, 1, [201, 255, 0, 255]).unwrap();
    let m = mix::mixup(&a, &b, 0.7).unwrap();
    assert_eq!(m.pixel(0, 0).unwrap(), [130, 76, 178, 255]);
}

#[test]
fn brightness_is_blend_with_black_1_2() {
    // §1.2: brightness is equivalent to a blend with black.
    for x in [0u8, 1, 77, 128, 200, 255] {
        let img = Image::from_gray(1, 1, &[x]).unwrap();
        let b = color::adjust_brightness(&img, 1.37).unwrap().channel(0)[0];
        assert_eq!(b, color::blend(f32::from(x), 0.0, 1.37));
    }
}

#[test]
fn default_blur_sigma_1_1() {
    // §1.1: σ = 0.15·k + 0.35 = 0.3((k−1)/2 − 1) + 0.8; k = 3 gives 0.8.
    for k in [3u32, 5, 7, 9, 23] {
        assert!((filter::default_sigma(k) - (0.15 * f64::from(k) + 0.35)).abs() < 1e-12);
    }
    assert!((filter::default_sigma(3) - 0.8).abs() < 1e-12);
}

#[test]
fn bilinear_fill_uses_mask_rule_1_4() {
    // §1.4, by hand: 2×1 image [100, 200] translated right by 0.5 px, bilinear.
    // Output x=0 samples input x = −0.5: taps −1 (outside) and 0 (weight .5), so the zero-padded
    // sample is 50 and mask = .5. With fill 200: 50·.5 + (1−.5)·200 = 125; with fill=None the
    // sample itself, 50. Output x=1 samples x = 0.5: (100 + 200)/2 = 150, mask 1.
    let img = Image::from_gray(2, 1, &[100, 200]).unwrap();
    let with_fill = geometry::affine(
        &img, 0.0, [0.5, 0.0], 1.0, [0.0, 0.0], Interpolation::Bilinear, Some([200; 3]), None,
    )
    .unwrap();
    assert_eq!(reds(&with_fill), [125, 150]);
    let no_fill = geometry::affine(
        &img, 0.0, [0.5, 0.0], 1.0, [0.0, 0.0], Interpolation::Bilinear, None, None,
    )
    .unwrap();
    assert_eq!(reds(&no_fill), [50, 150]);
    // Nearest: mask < 0.5 → fill. Shift by 1: x=0 reads x=−1 (outside) → fill.
    let near = geometry::affine(
        &img, 0.0, [1.0, 0.0], 1.0, [0.0, 0.0], Interpolation::Nearest, Some([7; 3]), None,
    )
    .unwrap();
    assert_eq!(reds(&near), [7, 100]);
}
